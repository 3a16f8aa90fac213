use super::*;

fn member_names(parts: &XmlErrorParts) -> Vec<&str> {
    parts.members.iter().map(|(n, _)| n.as_str()).collect()
}

#[test]
fn error_response_wrapper() {
    let body = br#"<?xml version="1.0" encoding="UTF-8"?>
<ErrorResponse xmlns="https://example.com/">
    <Error>
        <Type>Sender</Type>
        <Code>InvalidGreeting</Code>
        <Message>Hi &amp; &lt;bye&gt; &#x263A; &#9731;</Message>
        <Extra/>
    </Error>
    <RequestId>foo-id</RequestId>
</ErrorResponse>
"#;
    let parts = xml_error_parts(body).unwrap();
    assert_eq!(parts.code.as_deref(), Some("InvalidGreeting"));
    assert_eq!(parts.message.as_deref(), Some("Hi & <bye> ☺ ☃"));
    assert_eq!(parts.request_id.as_deref(), Some("foo-id"));
    assert_eq!(member_names(&parts), ["Type", "Code", "Message", "Extra"]);
    assert_eq!(parts.member("Type"), Some("Sender"));
    assert_eq!(parts.member("Extra"), Some(""));
    assert_eq!(parts.member("Missing"), None);
}

#[test]
fn bare_error_without_wrapping() {
    let body = b"<Error><Type>Sender</Type><Code>NoSuchKey</Code><Message><![CDATA[a <b>]]> c</Message><RequestId>r-1</RequestId><Nested><A>x</A><B>y</B></Nested></Error>";
    let parts = xml_error_parts(body).unwrap();
    assert_eq!(parts.code.as_deref(), Some("NoSuchKey"));
    assert_eq!(parts.message.as_deref(), Some("a <b> c"));
    assert_eq!(parts.request_id.as_deref(), Some("r-1"));
    assert_eq!(parts.member("Nested"), Some("xy"));
    assert_eq!(
        member_names(&parts),
        ["Type", "Code", "Message", "RequestId", "Nested"]
    );
}

#[test]
fn ec2_query_errors_list() {
    let body = br#"<Response>
    <Errors>
        <Error>
            <Code>InvalidGreeting</Code>
            <Message>Hi</Message>
        </Error>
        <Error>
            <Code>Second</Code>
        </Error>
    </Errors>
    <RequestID>foo-id</RequestID>
</Response>"#;
    let parts = xml_error_parts(body).unwrap();
    assert_eq!(parts.code.as_deref(), Some("InvalidGreeting"));
    assert_eq!(parts.message.as_deref(), Some("Hi"));
    assert_eq!(parts.request_id.as_deref(), Some("foo-id"));
    assert_eq!(member_names(&parts), ["Code", "Message"]);
}

#[test]
fn namespaced_prefixes_are_ignored() {
    let body =
        br#"<a:ErrorResponse xmlns:a="x"><a:Error><a:Code>C</a:Code></a:Error></a:ErrorResponse>"#;
    assert_eq!(xml_error_parts(body).unwrap().code.as_deref(), Some("C"));
}

#[test]
fn malformed_or_hostile_bodies_are_errors() {
    let deep = "<a>".repeat(10_000) + &"</a>".repeat(10_000);
    let entity = br#"<!DOCTYPE x [<!ENTITY e "boom">]><Error><Code>&e;</Code></Error>"#;
    for bad in [
        &b""[..],
        b"not xml",
        b"<Error><Code>C</Code>",
        b"<Error><Code>C</Message></Error>",
        b"<Other><Code>C</Code></Other>",
        b"<ErrorResponse><Wrapper><Error/></Wrapper></ErrorResponse>",
        b"<Error><Code>&unknown;</Code></Error>",
        b"<Error><Code>&#0;</Code></Error>",
        b"<Error><Code>\xff</Code></Error>",
        deep.as_bytes(),
        entity,
    ] {
        assert!(
            xml_error_parts(bad).is_err(),
            "{:?}",
            String::from_utf8_lossy(bad)
        );
    }
    let e = xml_error_parts(b"<Other/>").unwrap_err();
    assert_eq!(e.to_string(), "no <Error> element in the XML error body");
}

#[test]
fn mutated_bodies_never_panic() {
    let sample = b"<ErrorResponse><Error><Type>Sender</Type><Code>C</Code><Message>a &amp; b</Message></Error><RequestId>r</RequestId></ErrorResponse>";
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = |n: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    };
    for _ in 0..2_000 {
        let mut bytes = sample.to_vec();
        let at = next(bytes.len());
        match next(3) {
            0 => bytes.truncate(at),
            1 => bytes[at] = b"<>/&;#!x \xff"[next(10)],
            _ => {
                bytes.remove(at);
            }
        }
        let a = format!("{:?}", xml_error_parts(&bytes));
        assert_eq!(a, format!("{:?}", xml_error_parts(&bytes)));
    }
}

#[test]
fn moto_authentication_failure_layout() {
    // moto's answer to a bad signature, whatever the protocol: awsQuery's root holding
    // ec2Query's `<Errors>` list.
    let body = b"<ErrorResponse><Errors><Error><Code>SignatureDoesNotMatch</Code>\
        <Message>The request signature we calculated does not match</Message>\
        <Type>Sender</Type></Error></Errors></ErrorResponse>";
    let parts = xml_error_parts(body).unwrap();
    assert_eq!(parts.code.as_deref(), Some("SignatureDoesNotMatch"));
    let summary = crate::json_error_parts(&http::HeaderMap::new(), body);
    assert_eq!(summary.code(), Some("SignatureDoesNotMatch"));
}
