use std::collections::BTreeMap;

use super::*;
use crate::{Blob, DecodeError, Timestamp, TimestampFormat};

/// A structure shaped like the generated ones: an attribute, scalars, a wrapped and a flattened
/// list, a map with custom names and a flattened one, a timestamp in another format.
#[derive(Debug, Default, PartialEq)]
struct Bucket {
    id: Option<String>,
    name: Option<String>,
    size: Option<i64>,
    ok: Option<bool>,
    ratio: Option<f64>,
    data: Option<Blob>,
    when: Option<Timestamp>,
    epoch: Option<Timestamp>,
    tags: Option<Vec<String>>,
    contents: Option<Vec<Item>>,
    labels: Option<BTreeMap<String, String>>,
    flat: Option<BTreeMap<String, i32>>,
}

#[derive(Debug, Default, PartialEq)]
struct Item {
    key: Option<String>,
}

impl XmlDecode for Item {
    fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut value = Item::default();
        r.read_members(&mut [("Key", &mut value.key)])?;
        Ok(value)
    }
}

impl XmlDecode for Bucket {
    fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut value = Bucket {
            id: r.attribute("xsi:id")?,
            ..Bucket::default()
        };
        r.read_members(&mut [
            ("Name", &mut value.name),
            ("Size", &mut value.size),
            ("Ok", &mut value.ok),
            ("Ratio", &mut value.ratio),
            ("Data", &mut value.data),
            ("When", &mut value.when),
            (
                "Epoch",
                &mut TimestampMember::new(&mut value.epoch, TimestampFormat::EpochSeconds),
            ),
            ("Tags", &mut value.tags),
            (
                "Contents",
                &mut FlatList::new(&mut value.contents, Item::decode_xml),
            ),
            (
                "Labels",
                &mut CustomMember::new(&mut value.labels, |r| {
                    read_map(r, "K", "V", String::decode_xml)
                }),
            ),
            (
                "Flat",
                &mut FlatMap::new(&mut value.flat, "key", "value", i32::decode_xml),
            ),
        ])?;
        Ok(value)
    }
}

const DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<b:Bucket xmlns:b="http://example.com" xmlns:xsi="http://x" xsi:id="i&amp;d">
    <b:Name> a &lt;b&gt; <![CDATA[<c>]]> &#x263A; </b:Name>
    <Unknown><Deep><Deeper/></Deep></Unknown>
    <Size>
        42
    </Size>
    <Ok>true</Ok>
    <Ratio>-Infinity</Ratio>
    <Data>aGk=</Data>
    <When>2019-12-16T23:48:18Z</When>
    <Epoch>1576540098.5</Epoch>
    <Tags><member>a</member><item>b</item><member/></Tags>
    <Contents><Key>k1</Key></Contents>
    <Contents><Key>k2</Key><Extra>x</Extra></Contents>
    <Labels><entry><K>x</K><V>1</V></entry><entry><V>2</V><K>y</K></entry></Labels>
    <Flat><key>f</key><value>7</value></Flat>
    <Flat><key>g</key><value>8</value></Flat>
</b:Bucket>
<!-- trailing comment -->
"#;

#[test]
fn decodes_every_member_kind() {
    let bucket: Bucket = from_slice(DOCUMENT.as_bytes()).unwrap();
    assert_eq!(bucket.id.as_deref(), Some("i&d"));
    assert_eq!(bucket.name.as_deref(), Some(" a <b> <c> \u{263A} "));
    assert_eq!(bucket.size, Some(42));
    assert_eq!(bucket.ok, Some(true));
    assert_eq!(bucket.ratio, Some(f64::NEG_INFINITY));
    assert_eq!(bucket.data, Some(Blob::new(*b"hi")));
    assert_eq!(bucket.when, Some(Timestamp::from_secs(1576540098)));
    assert_eq!(bucket.epoch, Some(Timestamp::new(1576540098, 500_000_000)));
    assert_eq!(
        bucket.tags,
        Some(vec!["a".into(), "b".into(), String::new()])
    );
    let keys: Vec<_> = bucket
        .contents
        .unwrap()
        .into_iter()
        .map(|i| i.key.unwrap())
        .collect();
    assert_eq!(keys, ["k1", "k2"]);
    let labels = bucket.labels.unwrap();
    assert_eq!((labels["x"].as_str(), labels["y"].as_str()), ("1", "2"));
    assert_eq!(
        bucket.flat,
        Some(BTreeMap::from([("f".into(), 7), ("g".into(), 8)]))
    );
}

#[test]
fn empty_and_self_closing_elements() {
    let bucket: Bucket = from_slice(b"<Bucket><Name/><Tags></Tags><Labels/></Bucket>").unwrap();
    assert_eq!(bucket.name.as_deref(), Some(""));
    assert_eq!(bucket.tags, Some(Vec::new()));
    assert_eq!(bucket.labels, Some(BTreeMap::new()));
    let empty: Bucket = from_slice(b"<Bucket/>").unwrap();
    assert_eq!(empty, Bucket::default());
}

#[test]
fn errors_name_the_path() {
    let error = from_slice::<Bucket>(
        b"<B><Contents><Key>a</Key></Contents><Contents><Key><x/></Key></Contents></B>",
    )
    .unwrap_err();
    assert_eq!(
        error.to_string().split(" (byte").next().unwrap(),
        "at Contents[1].Key: expected text, found the element <x>"
    );
    let error = from_slice::<Bucket>(b"<B><Size>4x</Size></B>").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("at Size: expected a long, found `4x`"),
        "{error}"
    );
    let error =
        from_slice::<Bucket>(b"<B><Labels><entry><K>x</K></entry></Labels></B>").unwrap_err();
    assert!(
        error.to_string().contains("a map entry without its <V>"),
        "{error}"
    );
    let error = from_slice::<Bucket>(b"<B><When>yesterday</When></B>").unwrap_err();
    assert!(
        error.to_string().starts_with("at When: invalid date-time"),
        "{error}"
    );
}

#[test]
fn malformed_documents_are_errors() {
    for bad in [
        &b""[..],
        b"   ",
        b"text",
        b"<B>",
        b"<B><Name>x</B>",
        b"<B></B><C/>",
        b"<B><Name>&unknown;</Name></B>",
        b"<B>&unknown;</B>",
        b"<!DOCTYPE b [<!ENTITY e \"x\">]><B><Name>&e;</Name></B>",
        b"\xff\xfe",
    ] {
        assert!(
            from_slice::<Bucket>(bad).is_err(),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
}

#[test]
fn nesting_is_bounded() {
    let depth = DEFAULT_MAX_DEPTH + 5;
    let xml = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let error = from_slice::<()>(xml.as_bytes()).unwrap_err();
    assert!(
        error.to_string().contains("nesting deeper than 128 levels"),
        "{error}"
    );
    let ok = format!("{}{}", "<a>".repeat(100), "</a>".repeat(100));
    assert!(from_slice::<()>(ok.as_bytes()).is_ok());
    let mut r = XmlReader::new(xml.as_bytes()).with_max_depth(1000);
    r.root().unwrap();
    assert!(r.skip().is_ok());
}

#[test]
fn writer_escapes_and_declares_namespaces() {
    let mut w = XmlWriter::new();
    w.start("Root");
    w.namespace(&Namespace {
        prefix: None,
        uri: "http://foo.com",
    });
    w.namespace(&Namespace {
        prefix: Some("xsi"),
        uri: "http://x?a=1&b=\"2\"",
    });
    w.attribute("xsi:test", "<test&mock>");
    "a < b & c > d \"e\"".encode_xml(&mut w, "Text", None);
    write_list(
        &mut w,
        Some(Element::plain("List")),
        Element {
            name: "member",
            namespace: Some(&Namespace {
                prefix: None,
                uri: "http://bux.com",
            }),
        },
        &[1, 2],
    );
    write_list::<bool>(&mut w, None, Element::plain("Flat"), &[true]);
    let map = BTreeMap::from([("k".to_owned(), "v".to_owned())]);
    write_map(
        &mut w,
        Some(Element::plain("Map")),
        Element::plain("entry"),
        Element::plain("K"),
        Element::plain("V"),
        &map,
    );
    Timestamp::from_secs(0).encode_xml(&mut w, "T", None);
    w.start("Empty");
    w.end("Empty");
    w.end("Root");
    assert_eq!(
        w.as_str(),
        "<Root xmlns=\"http://foo.com\" xmlns:xsi=\"http://x?a=1&amp;b=&quot;2&quot;\" \
         xsi:test=\"&lt;test&amp;mock&gt;\"><Text>a &lt; b &amp; c &gt; d \"e\"</Text>\
         <List><member xmlns=\"http://bux.com\">1</member><member xmlns=\"http://bux.com\">2</member></List>\
         <Flat>true</Flat><Map><entry><K>k</K><V>v</V></entry></Map>\
         <T>1970-01-01T00:00:00Z</T><Empty></Empty></Root>"
    );
    // What is written reads back.
    let text: String = from_slice(&to_vec(&"x & <y>", "S", None)).unwrap();
    assert_eq!(text, "x & <y>");
}

#[test]
fn bodies_wrapped_results_and_error_elements() {
    let empty: Bucket = from_body(b" \n", "Bucket").unwrap();
    assert_eq!(empty, Bucket::default());
    let named: Bucket = from_body(
        b"<p:Bucket xmlns:p=\"u\"><Name>n</Name></p:Bucket>",
        "Bucket",
    )
    .unwrap();
    assert_eq!(named.name.as_deref(), Some("n"));
    let error = from_body::<Bucket>(b"<html><body>OK</body></html>", "Bucket").unwrap_err();
    assert_eq!(
        error.to_string(),
        "expected the root element <Bucket>, found <html>"
    );
    assert_eq!(error.offset(), Some(6));
    let wrapped = b"<OpResponse xmlns=\"x\"><OpResult><Name>n</Name></OpResult>\
        <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></OpResponse>";
    let bucket: Bucket = from_wrapped_body(wrapped, "OpResponse", "OpResult").unwrap();
    assert_eq!(bucket.name.as_deref(), Some("n"));
    let bucket: Bucket = from_wrapped_body(b"<OpResponse/>", "OpResponse", "OpResult").unwrap();
    assert_eq!(bucket, Bucket::default());
    assert!(from_wrapped_body::<Bucket>(b"<R/>", "OpResponse", "OpResult").is_err());
    let error = from_wrapped_body::<Bucket>(
        b"<R><OpResult><Size>x</Size></OpResult></R>",
        "R",
        "OpResult",
    )
    .unwrap_err();
    assert!(
        error.to_string().starts_with("at OpResult.Size: "),
        "{error}"
    );
    for body in [
        &b"<Error><Name>e</Name></Error>"[..],
        b"<ErrorResponse><Error><Type>Sender</Type><Name>e</Name></Error><RequestId>r</RequestId></ErrorResponse>",
        b"<Response><Errors><Error><Name>e</Name></Error></Errors><RequestID>r</RequestID></Response>",
    ] {
        let bucket: Bucket = error_from_slice(body).unwrap();
        assert_eq!(bucket.name.as_deref(), Some("e"), "{}", String::from_utf8_lossy(body));
    }
    assert!(error_from_slice::<Bucket>(b"<Other/>").is_err());
    assert!(error_from_slice::<Bucket>(b"<ErrorResponse><X/></ErrorResponse>").is_err());
}

#[test]
fn payloads_and_errors_in_success() {
    assert_eq!(from_payload::<Item>(b"", "Item").unwrap(), None);
    let item = from_payload::<Item>(b"<Item><Key>k</Key></Item>", "Item").unwrap();
    assert_eq!(item.and_then(|i| i.key).as_deref(), Some("k"));
    assert!(from_payload::<Item>(b"<Other><Key>k</Key></Other>", "Item").is_err());
    // `from_slice` takes any root.
    let item = from_slice::<Item>(b"<Anything><Key>k</Key></Anything>").unwrap();
    assert_eq!(item.key.as_deref(), Some("k"));
    let response = |status: u16, body: &str| {
        http::Response::builder()
            .status(status)
            .body(body.as_bytes().to_vec())
            .unwrap()
    };
    let error = error_in_success(&response(200, "<Error><Code>SlowDown</Code></Error>")).unwrap();
    assert_eq!(
        (error.code(), error.status().as_u16()),
        (Some("SlowDown"), 200)
    );
    assert!(error_in_success(&response(200, "<CopyObjectResult/>")).is_none());
    assert!(error_in_success(&response(200, "")).is_none());
    assert!(error_in_success(&response(500, "<Error/>")).is_none());
}
