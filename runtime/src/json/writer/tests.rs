use std::collections::BTreeMap;

use super::JsonWriter;
use crate::json::{to_vec, JsonEncode};
use crate::{BigDecimal, BigInteger, Blob, Document, Number, Timestamp, TimestampFormat};

fn text(w: JsonWriter) -> String {
    String::from_utf8(w.finish()).unwrap()
}

#[test]
fn commas_are_the_writers_job() {
    let mut w = JsonWriter::new();
    w.begin_object();
    w.key("a");
    w.begin_array();
    w.i32(1);
    w.begin_object();
    w.end_object();
    w.begin_array();
    w.end_array();
    w.null();
    w.end_array();
    w.key("b");
    w.bool(false);
    w.field("c", "x");
    w.end_object();
    assert_eq!(text(w), r#"{"a":[1,{},[],null],"b":false,"c":"x"}"#);
}

#[test]
fn string_escaping() {
    let mut w = JsonWriter::new();
    w.string("q\"b\\s/\u{8}\u{c}\n\r\t\u{0}\u{1f}\u{7f} é ✓ 😀");
    assert_eq!(
        text(w),
        "\"q\\\"b\\\\s/\\b\\f\\n\\r\\t\\u0000\\u001f\u{7f} é ✓ 😀\""
    );
    let mut w = JsonWriter::new();
    w.key("k\"");
    w.string("");
    assert_eq!(text(w), r#""k\"":"""#);
    // Every string round-trips through serde_json.
    let all: String = (0u32..0x800).filter_map(char::from_u32).collect();
    let mut w = JsonWriter::new();
    w.string(&all);
    let back: String = serde_json::from_slice(&w.finish()).unwrap();
    assert_eq!(back, all);
}

#[test]
fn integers() {
    let mut w = JsonWriter::new();
    w.begin_array();
    w.i8(i8::MIN);
    w.i16(i16::MAX);
    w.i32(0);
    w.i64(i64::MIN);
    w.i64(i64::MAX);
    w.u8(255);
    w.u16(7);
    w.u32(u32::MAX);
    w.u64(u64::MAX);
    w.end_array();
    assert_eq!(
        text(w),
        "[-128,32767,0,-9223372036854775808,9223372036854775807,255,7,4294967295,18446744073709551615]"
    );
}

#[test]
fn floats_and_non_finite_values() {
    let mut w = JsonWriter::new();
    w.begin_array();
    for f in [
        1.0,
        -0.0,
        0.1,
        1.5e300,
        1e-7,
        123456789.12345679,
        f64::MAX,
        5e-324,
    ] {
        w.f64(f);
    }
    w.f64(f64::NAN);
    w.f64(f64::INFINITY);
    w.f64(f64::NEG_INFINITY);
    w.f32(1.1);
    w.f32(f32::NAN);
    w.f32(f32::NEG_INFINITY);
    w.end_array();
    let out = text(w);
    assert_eq!(
        out,
        r#"[1.0,-0.0,0.1,1.5e300,1e-7,123456789.12345679,1.7976931348623157e308,5e-324,"NaN","Infinity","-Infinity",1.1,"NaN","-Infinity"]"#
    );
    // Valid JSON that parses back to the same values.
    let back: Vec<serde_json::Value> = serde_json::from_str(&out).unwrap();
    assert_eq!(back[3].as_f64(), Some(1.5e300));
    assert_eq!(back[7].as_f64(), Some(5e-324));
}

#[test]
fn timestamps_blobs_and_big_numbers() {
    let t = Timestamp::new(1515531081, 123_000_000);
    let mut w = JsonWriter::new();
    w.begin_object();
    w.timestamp_field("e", &t, TimestampFormat::EpochSeconds);
    w.timestamp_field("d", &t, TimestampFormat::DateTime);
    w.timestamp_field("h", &t, TimestampFormat::HttpDate);
    w.optional_timestamp_field("n", &None, TimestampFormat::DateTime);
    w.optional_timestamp_field(
        "s",
        &Some(Timestamp::from_secs(1)),
        TimestampFormat::EpochSeconds,
    );
    w.field("t", &Timestamp::from_secs(2));
    w.field("b", &Blob::from("foob"));
    w.field("empty", &Blob::default());
    w.field(
        "i",
        &BigInteger::new("123456789012345678901234567890").unwrap(),
    );
    w.field("f", &BigDecimal::new("-1.5e-300").unwrap());
    w.end_object();
    assert_eq!(
        text(w),
        concat!(
            r#"{"e":1515531081.123,"d":"2018-01-09T20:51:21.123Z","h":"Tue, 09 Jan 2018 20:51:21 GMT","#,
            r#""s":1,"t":2,"b":"Zm9vYg==","empty":"","i":123456789012345678901234567890,"f":-1.5e-300}"#
        )
    );
}

#[test]
fn encode_impls_for_collections_and_options() {
    let mut map = BTreeMap::new();
    map.insert("b".to_owned(), vec![Some(1i32), None]);
    map.insert("a".to_owned(), vec![]);
    assert_eq!(to_vec(&map), br#"{"a":[],"b":[1,null]}"#);
    let boxed: Box<i64> = Box::new(-3);
    assert_eq!(to_vec(&boxed), b"-3");
    assert_eq!(to_vec(&[true, false][..]), b"[true,false]");
    assert_eq!(to_vec(&1i8), b"1");
    assert_eq!(to_vec(&2i16), b"2");
    assert_eq!(to_vec(&1.5f32), b"1.5");
    assert_eq!(to_vec(&String::from("s")), br#""s""#);

    let mut w = JsonWriter::new();
    w.begin_object();
    w.optional_field("absent", &None::<String>);
    w.optional_field("present", &Some(String::from("p")));
    w.end_object();
    assert_eq!(text(w), r#"{"present":"p"}"#);
}

#[test]
fn documents() {
    let mut obj = BTreeMap::new();
    obj.insert(
        "z".to_owned(),
        Document::Array(vec![Document::Null, Document::Bool(true)]),
    );
    obj.insert("a".to_owned(), Document::Number(Number::NegInt(-1)));
    obj.insert("f".to_owned(), Document::Number(Number::Float(f64::NAN)));
    obj.insert("p".to_owned(), Document::Number(Number::PosInt(2)));
    obj.insert("s".to_owned(), Document::String("x".into()));
    obj.insert("o".to_owned(), Document::Object(BTreeMap::new()));
    let doc = Document::Object(obj);
    assert_eq!(
        String::from_utf8(to_vec(&doc)).unwrap(),
        r#"{"a":-1,"f":"NaN","o":{},"p":2,"s":"x","z":[null,true]}"#
    );
    // Deep documents are written without recursion.
    let mut deep = Document::Null;
    for _ in 0..100_000 {
        deep = Document::Array(vec![deep]);
    }
    let out = to_vec(&deep);
    assert_eq!(out.len(), 200_004);
    // Drop iteratively too, so the test itself does not overflow the stack.
    let mut cur = deep;
    while let Document::Array(mut items) = cur {
        cur = items.pop().unwrap_or(Document::Null);
    }
}

#[test]
fn with_capacity_and_as_bytes() {
    let mut w = JsonWriter::with_capacity(16);
    w.string("a");
    assert_eq!(w.as_bytes(), br#""a""#);
    Document::Bool(true).encode_json(&mut w);
    assert_eq!(text(w), r#""a",true"#);
}
