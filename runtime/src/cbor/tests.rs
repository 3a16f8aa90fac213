//! The CBOR codecs on well-formed input (every width and length form) and on hostile input:
//! truncation, lengths past the end, deep nesting, invalid UTF-8, unknown tags, huge declared
//! counts. Hostile input must give an error with a position (and a path inside members), never
//! a panic or an allocation the input does not pay for.

use std::collections::BTreeMap;

use super::*;
use crate::{BigDecimal, BigInteger, Blob, DecodeError, Timestamp};

fn hex(text: &str) -> Vec<u8> {
    let digits: Vec<u8> = text.bytes().filter(u8::is_ascii_hexdigit).collect();
    digits
        .chunks(2)
        .map(|pair| u8::from_str_radix(std::str::from_utf8(pair).unwrap(), 16).unwrap())
        .collect()
}

fn decode<T: CborDecode>(text: &str) -> Result<T, DecodeError> {
    from_slice(&hex(text))
}

/// A structure with a slot per member, as generated code declares it.
#[derive(Debug, Default, PartialEq)]
struct Player {
    id: Option<String>,
    score: Option<i32>,
    tags: Option<Vec<String>>,
    friends: Option<Vec<Player>>,
}

impl CborDecode for Player {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        let mut value = Player::default();
        r.read_members(&mut [
            ("id", &mut value.id),
            ("score", &mut value.score),
            ("tags", &mut value.tags),
            ("friends", &mut value.friends),
        ])?;
        Ok(value)
    }
}

#[test]
fn integers_of_every_width() {
    assert_eq!(decode::<i32>("17").unwrap(), 23);
    assert_eq!(decode::<i32>("18 ff").unwrap(), 255);
    assert_eq!(decode::<i32>("19 0100").unwrap(), 256);
    assert_eq!(decode::<i64>("1a 00010000").unwrap(), 65536);
    assert_eq!(decode::<i64>("1b 7fffffffffffffff").unwrap(), i64::MAX);
    assert_eq!(decode::<i64>("3b 7fffffffffffffff").unwrap(), i64::MIN);
    assert_eq!(decode::<i8>("20").unwrap(), -1);
    let err = decode::<i8>("18 80").unwrap_err();
    assert_eq!(err.message(), "128 is out of range for a byte");
    assert!(decode::<i64>("1b ffffffffffffffff").is_err());
}

#[test]
fn floats_of_every_width_and_specials() {
    assert_eq!(decode::<f64>("f9 3c00").unwrap(), 1.0);
    assert_eq!(decode::<f64>("f9 c400").unwrap(), -4.0);
    assert_eq!(decode::<f64>("f9 0001").unwrap(), 5.960464477539063e-8);
    assert_eq!(decode::<f64>("f9 7c00").unwrap(), f64::INFINITY);
    assert_eq!(decode::<f64>("f9 fc00").unwrap(), f64::NEG_INFINITY);
    assert!(decode::<f64>("f9 7e00").unwrap().is_nan());
    assert_eq!(decode::<f32>("fa 47c35000").unwrap(), 100000.0);
    assert_eq!(decode::<f64>("fb 3ff199999999999a").unwrap(), 1.1);
    assert!(decode::<f64>("fb 7ff8000000000000").unwrap().is_nan());
    assert_eq!(decode::<f64>("0a").unwrap(), 10.0);
    assert_eq!(decode::<f32>("f9 3e00").unwrap(), 1.5);
}

#[test]
fn strings_definite_and_indefinite() {
    assert_eq!(decode::<String>("63 616263").unwrap(), "abc");
    assert_eq!(decode::<String>("7f 62 6162 61 63 ff").unwrap(), "abc");
    assert_eq!(
        decode::<Blob>("5f 42 0102 41 03 ff").unwrap(),
        Blob::new(vec![1, 2, 3])
    );
    let err = decode::<String>("7f 42 6162 ff").unwrap_err();
    assert!(err.message().contains("same type"), "{err}");
}

#[test]
fn collections_definite_and_indefinite_and_nulls() {
    assert_eq!(decode::<Vec<i32>>("83 01 02 03").unwrap(), vec![1, 2, 3]);
    assert_eq!(decode::<Vec<i32>>("9f 01 02 03 ff").unwrap(), vec![1, 2, 3]);
    assert_eq!(decode::<Vec<i32>>("83 01 f6 03").unwrap(), vec![1, 3]);
    assert_eq!(
        decode::<Vec<Option<i32>>>("83 01 f6 03").unwrap(),
        vec![Some(1), None, Some(3)]
    );
    let map: BTreeMap<String, Option<i32>> = decode("bf 61 61 01 61 62 f6 ff").unwrap();
    assert_eq!(map.get("a"), Some(&Some(1)));
    assert_eq!(map.get("b"), Some(&None));
}

#[test]
fn timestamps_and_big_numbers() {
    assert_eq!(
        decode::<Timestamp>("c1 1a 514b67b0").unwrap(),
        Timestamp::from_secs(1363896240)
    );
    let fractional = decode::<Timestamp>("c1 fb 41d452d9ec200000").unwrap();
    assert_eq!(fractional.secs(), 1363896240);
    assert_eq!(fractional.subsec_nanos(), 500_000_000);
    let err = decode::<Timestamp>("c0 1a 514b67b0").unwrap_err();
    assert!(err.message().contains("unexpected tag 0"), "{err}");
    assert_eq!(
        decode::<BigInteger>("c2 49 010000000000000000")
            .unwrap()
            .as_str(),
        "18446744073709551616"
    );
    assert_eq!(
        decode::<BigInteger>("c3 49 010000000000000000")
            .unwrap()
            .as_str(),
        "-18446744073709551617"
    );
    assert_eq!(
        decode::<BigDecimal>("c4 82 21 19 6ab3").unwrap().as_str(),
        "27315e-2"
    );
}

#[test]
fn writer_round_trips() {
    let big = BigInteger::new("-18446744073709551617").unwrap();
    assert_eq!(hex("c3 49 010000000000000000"), to_vec(&big));
    assert_eq!(
        decode::<BigInteger>(&hex_string(&to_vec(&big))).unwrap(),
        big
    );
    let decimal = BigDecimal::new("273.15").unwrap();
    assert_eq!(to_vec(&decimal), hex("c4 82 21 19 6ab3"));
    assert_eq!(to_vec(&500i32), hex("19 01f4"));
    assert_eq!(to_vec(&-500i64), hex("39 01f3"));
    assert_eq!(to_vec(&"a".to_owned()), hex("61 61"));
    let mut w = CborWriter::new();
    w.begin_map();
    w.field("id", "p1");
    w.optional_field("score", &Some(7i32));
    w.optional_field::<i32>("none", &None);
    w.end_map();
    let player: Player = from_slice(w.as_bytes()).unwrap();
    assert_eq!(player.id.as_deref(), Some("p1"));
    assert_eq!(player.score, Some(7));
}

fn hex_string(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[test]
fn members_decode_with_paths_and_skip_unknown_keys() {
    // {"unknown": 1(0), "id": "a", "friends": [{"score": "x"}]}
    let err = decode::<Player>(
        "a3 67 756e6b6e6f776e c1 00 62 6964 61 61 67 667269656e6473 81 a1 65 73636f7265 61 78",
    )
    .unwrap_err();
    assert_eq!(err.path(), "friends[0].score");
    assert_eq!(err.message(), "expected an integer, found a text string");
    assert!(err.offset().is_some());
}

#[test]
fn empty_body_is_an_empty_structure_and_trailing_bytes_fail() {
    assert_eq!(from_slice::<Player>(b"").unwrap(), Player::default());
    let err = decode::<Player>("a0 00").unwrap_err();
    assert_eq!(err.to_string(), "1 bytes after the end of the data item");
}

#[test]
fn bad_input_truncated_items() {
    for text in [
        "", "19 01", "63 6162", "82 01", "9f 01", "bf 61 61", "a1 61 61", "c1", "fb 3ff1",
    ] {
        let bytes = hex(text);
        let err = CborReader::new(&bytes).skip_value().unwrap_err();
        assert!(err.offset().is_some(), "{text}: {err}");
        assert!(
            from_slice::<Player>(&bytes).is_err() || bytes.is_empty(),
            "{text}"
        );
    }
    let err = decode::<Player>("a1 62 6964 63 6162").unwrap_err();
    assert_eq!(err.path(), "id");
    assert_eq!(err.message(), "a string of 3 bytes, but only 2 remain");
}

#[test]
fn bad_input_lengths_larger_than_the_input() {
    let err = decode::<String>("7b 7fffffffffffffff 61").unwrap_err();
    assert_eq!(
        err.message(),
        "a string of 9223372036854775807 bytes, but only 1 remain"
    );
    let err = decode::<Blob>("5a ffffffff").unwrap_err();
    assert!(
        err.message().starts_with("a string of 4294967295 bytes"),
        "{err}"
    );
    let err = decode::<Vec<i32>>("9b 0000000100000000 01").unwrap_err();
    assert_eq!(
        err.message(),
        "an array of 4294967296 entries, but only 1 bytes remain"
    );
}

#[test]
fn bad_input_ten_million_declared_entries() {
    // A map header declaring 10,000,000 entries, then one entry.
    let mut bytes = hex("ba 00989680");
    bytes.extend(hex("61 61 01"));
    let err = from_slice::<BTreeMap<String, i32>>(&bytes).unwrap_err();
    assert_eq!(
        err.message(),
        "a map of 10000000 entries, but only 3 bytes remain"
    );
    assert_eq!(err.offset(), Some(5));
    let err = from_slice::<Player>(&bytes).unwrap_err();
    assert!(err.message().contains("10000000 entries"));
    assert!(CborReader::new(&bytes).skip_value().is_err());
}

#[test]
fn bad_input_deep_nesting() {
    for open in [0x81u8, 0x9f, 0xc1] {
        let mut bytes = vec![open; 100_000];
        bytes.push(0x01);
        let err = from_slice::<Vec<Vec<i32>>>(&bytes).unwrap_err();
        assert!(err.offset().is_some());
        let err = CborReader::new(&bytes).skip_value().unwrap_err();
        assert_eq!(err.message(), "nesting deeper than 128 levels", "{open:x}");
    }
    // 100,000 nested maps {"friends": [{"friends": [...]}]} through a recursive decoder.
    let mut bytes = Vec::new();
    for _ in 0..100_000 {
        bytes.extend(hex("a1 67 667269656e6473 81"));
    }
    let err = from_slice::<Player>(&bytes).unwrap_err();
    assert_eq!(err.message(), "nesting deeper than 128 levels");
    assert!(
        err.path().starts_with("friends[0].friends[0]."),
        "{}",
        err.path()
    );
}

#[test]
fn bad_input_invalid_utf8() {
    let err = decode::<String>("62 c328").unwrap_err();
    assert_eq!(err.message(), "invalid UTF-8 in a text string");
    assert_eq!(err.offset(), Some(1));
    let err = decode::<Player>("a1 62 6964 7f 61 c3 61 28 ff").unwrap_err();
    assert_eq!(err.path(), "id");
    // A key that is not UTF-8.
    let err = decode::<Player>("a1 62 ff69 01").unwrap_err();
    assert_eq!(err.message(), "invalid UTF-8 in a text string");
}

#[test]
fn bad_input_unknown_tags_and_reserved_heads() {
    let err = decode::<Player>("a1 65 73636f7265 d8 2a 01").unwrap_err();
    assert_eq!(err.path(), "score");
    assert_eq!(err.message(), "expected an integer, found a tag");
    // Under an unknown member, a tagged item is skipped whole.
    assert_eq!(
        decode::<Player>("a1 61 78 d8 2a 82 01 02").unwrap(),
        Player::default()
    );
    for text in ["1c", "3f", "df 00", "ff"] {
        assert!(CborReader::new(&hex(text)).skip_value().is_err(), "{text}");
    }
}

#[test]
fn error_parts_come_from_type_and_message() {
    let body = hex("a2 66 5f5f74797065 78 1f 736d697468792e6578616d706c6523496e76616c69643a687474703a2f2f78 67 6d657373616765 62 6869");
    let parts = cbor_error_parts(&http::HeaderMap::new(), &body);
    assert_eq!(parts.code.as_deref(), Some("Invalid"));
    assert_eq!(parts.message.as_deref(), Some("hi"));
    let mut headers = http::HeaderMap::new();
    headers.insert("x-amzn-query-error", "AWS.Old;Sender".parse().unwrap());
    let parts = cbor_error_parts(&headers, &hex("a0"));
    assert_eq!(parts.reported_code(), Some("AWS.Old"));
    assert_eq!(parts.code, None);
    // Garbage gives nothing, not a panic.
    assert_eq!(cbor_error_parts(&headers, &hex("bf 61")).code, None);
}

#[test]
fn requests() {
    let request = rpc_v2_cbor_request("Svc", "Op", None).unwrap();
    assert_eq!(request.uri(), "/service/Svc/operation/Op");
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(request.headers()["smithy-protocol"], "rpc-v2-cbor");
    assert_eq!(request.headers()["accept"], "application/cbor");
    assert!(request.headers().get("content-type").is_none());
    assert!(request.body().is_empty());
    let request = rpc_v2_cbor_request("Svc", "Op", Some(&())).unwrap();
    assert_eq!(request.body(), &[0xa0]);
    assert_eq!(request.headers()["content-type"], "application/cbor");
    assert_eq!(request.headers()["content-length"], "1");
    assert!(rpc_v2_cbor_request("S vc", "Op", None).is_err());
}
