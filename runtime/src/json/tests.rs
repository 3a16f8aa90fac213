//! Reader and decoder tests, including a structure decoded the way generated code does it.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::{
    from_slice, to_vec, CustomMember, JsonDecode, JsonEncode, JsonKind, JsonReader, JsonWriter,
    TimestampMember,
};
use crate::{
    BigDecimal, BigInteger, Blob, DecodeError, Document, Number, Timestamp, TimestampFormat,
};

/// What generated code looks like for a GameLift-style output.
#[derive(Debug, Default, PartialEq)]
struct Ticket {
    ticket_id: Option<String>,
    status: Option<String>,
    estimated_wait_time: Option<i32>,
    start_time: Option<Timestamp>,
    players: Option<Vec<Player>>,
}

#[derive(Debug, Default, PartialEq)]
struct Player {
    player_id: Option<String>,
    latency: Option<BTreeMap<String, i32>>,
    attributes: Option<BTreeMap<String, Document>>,
}

#[derive(Debug, Default, PartialEq)]
struct Output {
    ticket: Option<Ticket>,
}

impl JsonDecode for Output {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let mut out = Output::default();
        r.read_object(|r, key| {
            match key {
                "MatchmakingTicket" => out.ticket = r.field("MatchmakingTicket")?,
                _ => r.skip_value()?,
            }
            Ok(())
        })?;
        Ok(out)
    }
}

impl JsonDecode for Ticket {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let mut ticket_id: Option<String> = None;
        let mut status: Option<String> = None;
        let mut estimated_wait_time: Option<i32> = None;
        let mut start_time: Option<Timestamp> = None;
        let mut players: Option<Vec<Player>> = None;
        r.read_members(&mut [
            ("TicketId", &mut ticket_id),
            ("Status", &mut status),
            ("EstimatedWaitTime", &mut estimated_wait_time),
            ("StartTime", &mut start_time),
            ("Players", &mut players),
        ])?;
        Ok(Ticket {
            ticket_id,
            status,
            estimated_wait_time,
            start_time,
            players,
        })
    }
}

impl JsonDecode for Player {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let mut player_id: Option<String> = None;
        let mut latency: Option<BTreeMap<String, i32>> = None;
        let mut attributes: Option<BTreeMap<String, Document>> = None;
        r.read_members(&mut [
            ("PlayerId", &mut player_id),
            ("LatencyInMs", &mut latency),
            ("PlayerAttributes", &mut attributes),
        ])?;
        Ok(Player {
            player_id,
            latency,
            attributes,
        })
    }
}

/// A structure with timestamps in a non-default format, read through a `TimestampMember` and
/// (a list of them) a `CustomMember`.
#[derive(Debug, PartialEq)]
struct Event {
    name: Option<String>,
    at: Option<Timestamp>,
    days: Option<Vec<Timestamp>>,
}

impl JsonDecode for Event {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let mut event = Event {
            name: None,
            at: None,
            days: None,
        };
        r.read_members(&mut [
            ("Name", &mut event.name),
            (
                "At",
                &mut TimestampMember::new(&mut event.at, TimestampFormat::HttpDate),
            ),
            (
                "Days",
                &mut CustomMember::new(&mut event.days, |r| {
                    let mut days = Vec::new();
                    r.read_elements(&mut |r| {
                        days.push(r.read_timestamp(TimestampFormat::DateTime)?);
                        Ok(())
                    })?;
                    Ok(days)
                }),
            ),
        ])?;
        Ok(event)
    }
}

#[test]
fn members_in_any_order_repeated_null_or_unknown() {
    let event: Event =
        decode(r#"{"At": "Tue, 29 Apr 2014 18:30:38 GMT", "x": [1], "Name": "a"}"#).unwrap();
    assert_eq!(event.name.as_deref(), Some("a"));
    assert_eq!(event.at, Some(Timestamp::new(1398796238, 0)));
    // The last of a repeated key wins; `null` leaves a member absent.
    let event: Event = decode(r#"{"Name": "a", "Name": "b", "At": null}"#).unwrap();
    let expected = Event {
        name: Some("b".into()),
        at: None,
        days: None,
    };
    assert_eq!(event, expected);
    let event: Event = decode("{}").unwrap();
    let empty = Event {
        name: None,
        at: None,
        days: None,
    };
    assert_eq!(event, empty);
    let days = r#"{"Days": ["2014-04-29T18:30:38Z", "1970-01-01T00:00:00Z"]}"#;
    let event: Event = decode(days).unwrap();
    let expected = vec![Timestamp::new(1398796238, 0), Timestamp::new(0, 0)];
    assert_eq!(event.days, Some(expected));
    let bad_day = r#"{"Days": ["2014-04-29T18:30:38Z", true]}"#;
    assert_eq!(err::<Event>(bad_day).split(':').next(), Some("at Days[1]"));
    // Errors name the member, for custom members too.
    assert_eq!(
        err::<Event>(r#"{"Name": "a", "At": "yesterday"}"#)
            .split(':')
            .next(),
        Some("at At")
    );
    assert!(err::<Event>(r#"{"Name": 1}"#).starts_with("at Name: expected a string"));
    assert!(err::<Event>(r#"[]"#).contains("expected an object"));
}

const SAMPLE: &str = r#"{
    "MatchmakingTicket": {
        "TicketId": "ticket-1",
        "Status": "QUEUED",
        "Unknown": {"deep": [1, 2.5e3, "x\"y", null, true, false, {"a": []}]},
        "EstimatedWaitTime": 30,
        "StartTime": 1515531081.123,
        "Players": [
            {"PlayerId": "p0", "LatencyInMs": {"us-east-1": 20, "eu-west-1": null}},
            {"PlayerId": "p\u00e9\ud83d\ude00", "PlayerAttributes": {"skill": {"N": 23}}},
            null,
            {"PlayerId": "p3"}
        ]
    }
}"#;

fn decode<T: JsonDecode>(text: &str) -> Result<T, DecodeError> {
    from_slice(text.as_bytes())
}

fn err<T: JsonDecode + std::fmt::Debug>(text: &str) -> String {
    decode::<T>(text).unwrap_err().to_string()
}

#[test]
fn decodes_a_structure_like_generated_code() {
    let out: Output = decode(SAMPLE).unwrap();
    let ticket = out.ticket.unwrap();
    assert_eq!(ticket.ticket_id.as_deref(), Some("ticket-1"));
    assert_eq!(ticket.status.as_deref(), Some("QUEUED"));
    assert_eq!(ticket.estimated_wait_time, Some(30));
    assert_eq!(
        ticket.start_time,
        Some(Timestamp::new(1515531081, 123_000_000))
    );
    let players = ticket.players.unwrap();
    // The null element of the non-sparse list is dropped.
    assert_eq!(players.len(), 3);
    assert_eq!(players[1].player_id.as_deref(), Some("pé😀"));
    let latency = players[0].latency.as_ref().unwrap();
    assert_eq!(latency.len(), 1);
    assert_eq!(latency.get("us-east-1"), Some(&20));
    let skill = &players[1].attributes.as_ref().unwrap()["skill"];
    assert_eq!(
        skill.as_object().unwrap()["N"],
        Document::Number(Number::PosInt(23))
    );
}

#[test]
fn error_paths_name_the_failing_value() {
    let text = SAMPLE.replace(r#""PlayerId": "p3""#, r#""PlayerId": 3"#);
    assert_eq!(
        err::<Output>(&text),
        "at MatchmakingTicket.Players[3].PlayerId: expected a string, found a number"
    );
    let text = SAMPLE.replace(r#""us-east-1": 20"#, r#""us-east-1": 2e1"#);
    assert_eq!(
        err::<Output>(&text),
        "at MatchmakingTicket.Players[0].LatencyInMs[\"us-east-1\"]: expected an integer, found 2e1"
    );
    assert_eq!(
        err::<Output>(r#"{"MatchmakingTicket": {"EstimatedWaitTime": 3000000000}}"#),
        "at MatchmakingTicket.EstimatedWaitTime: 3000000000 is out of range for an integer"
    );
    assert_eq!(
        err::<Output>(r#"{"MatchmakingTicket": {"StartTime": "yesterday"}}"#),
        "at MatchmakingTicket.StartTime: invalid date-time timestamp: expected a four-digit year"
    );
    // Syntax errors carry the byte offset.
    let e = decode::<Output>(r#"{"MatchmakingTicket" 1}"#).unwrap_err();
    assert_eq!(e.to_string(), "expected ':', found a number");
    assert_eq!(e.offset(), Some(21));
}

#[test]
fn null_members_are_absent_and_empty_bodies_are_empty_objects() {
    assert_eq!(
        decode::<Output>(r#"{"MatchmakingTicket": null}"#).unwrap(),
        Output::default()
    );
    assert_eq!(decode::<Output>("").unwrap(), Output::default());
    assert_eq!(decode::<Output>(" \n\t\r ").unwrap(), Output::default());
    assert_eq!(decode::<Output>("{}").unwrap(), Output::default());
    assert_eq!(err::<Output>("null"), "expected an object, found null");
    assert_eq!(decode::<Option<Output>>("null").unwrap(), None);
}

#[test]
fn trailing_and_truncated_input_is_an_error() {
    assert_eq!(
        err::<Output>("{} {}"),
        "trailing characters after the JSON value"
    );
    assert_eq!(
        err::<i32>("1 2"),
        "trailing characters after the JSON value"
    );
    for truncated in [
        "{",
        "{\"",
        "{\"a",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1,",
        "[",
        "[1",
        "[1,",
        "\"abc",
        "\"\\",
        "\"\\u12",
        "tru",
        "nul",
        "-",
        "1.",
        "1e",
        "1e+",
    ] {
        assert!(decode::<Document>(truncated).is_err(), "{truncated:?}");
        assert!(decode::<Output>(truncated).is_err(), "{truncated:?}");
    }
}

#[test]
fn syntax_errors() {
    for bad in [
        "{,}",
        "{\"a\":1,}",
        "[1,]",
        "[,1]",
        "{\"a\" 1}",
        "{1:2}",
        "[1 2]",
        "01",
        "-01",
        "+1",
        ".5",
        "1.e3",
        "NaN",
        "Infinity",
        "'a'",
        "\"\t\"",
        "\"\\x\"",
        "[1}",
        "{\"a\":1]",
        "tRue",
        "\u{feff}{}",
    ] {
        assert!(decode::<Document>(bad).is_err(), "{bad:?}");
        let mut r = JsonReader::new(bad.as_bytes());
        let skipped = r.skip_value().and_then(|()| r.finish());
        assert!(skipped.is_err(), "skip {bad:?}");
    }
}

#[test]
fn strings_and_escapes() {
    assert_eq!(decode::<String>(r#""plain""#).unwrap(), "plain");
    assert_eq!(
        decode::<String>(r#""\"\\\/\b\f\n\r\t\u0041\u00e9\u2713\ud83d\ude00 tail""#).unwrap(),
        "\"\\/\u{8}\u{c}\n\r\tAé✓😀 tail"
    );
    assert_eq!(decode::<String>("\"raw é ✓ 😀\"").unwrap(), "raw é ✓ 😀");
    let mut r = JsonReader::new(br#""borrowed" "esc\n""#);
    assert!(matches!(
        r.read_string().unwrap(),
        Cow::Borrowed("borrowed")
    ));
    assert!(matches!(r.read_string().unwrap(), Cow::Owned(s) if s == "esc\n"));
    for bad in [
        r#""\ud800""#,
        r#""\ud800x""#,
        r#""\ud800\u0041""#,
        r#""\udc00""#,
        r#""\ud83d\ud83d""#,
        r#""\u00g0""#,
        r#""\u""#,
    ] {
        assert!(decode::<String>(bad).is_err(), "{bad}");
    }
    // Invalid UTF-8, raw and next to escapes.
    for bad in [
        &b"\"\xff\""[..],
        b"\"\xc3\"",
        b"\"\xc3\\n\"",
        b"\"\\n\xed\xa0\x80\"",
    ] {
        assert!(from_slice::<String>(bad).is_err(), "{bad:?}");
    }
    assert_eq!(err::<String>("\"a\u{1}\""), "control character in a string");
}

#[test]
fn integers_are_range_checked() {
    assert_eq!(decode::<i8>("-128").unwrap(), -128);
    assert_eq!(err::<i8>("128"), "128 is out of range for a byte");
    assert_eq!(decode::<i16>("32767").unwrap(), 32767);
    assert_eq!(err::<i16>("-32769"), "-32769 is out of range for a short");
    assert_eq!(decode::<i32>("-0").unwrap(), 0);
    assert_eq!(decode::<i64>("-9223372036854775808").unwrap(), i64::MIN);
    assert_eq!(decode::<i64>("9223372036854775807").unwrap(), i64::MAX);
    assert_eq!(
        err::<i64>("9223372036854775808"),
        "9223372036854775808 is out of range for a long"
    );
    assert_eq!(
        err::<i64>("-9223372036854775809"),
        "-9223372036854775809 is out of range for a long"
    );
    assert!(err::<i64>(&"9".repeat(100)).ends_with("… is out of range for a long"));
    assert_eq!(err::<i32>("1.0"), "expected an integer, found 1.0");
    assert_eq!(err::<i32>("\"1\""), "expected a number, found a string");
    assert_eq!(err::<bool>("1"), "expected a boolean, found a number");
}

#[test]
fn floats_accept_the_special_strings_both_ways() {
    assert!(decode::<f64>(r#""NaN""#).unwrap().is_nan());
    assert_eq!(decode::<f64>(r#""Infinity""#).unwrap(), f64::INFINITY);
    assert_eq!(decode::<f64>(r#""-Infinity""#).unwrap(), f64::NEG_INFINITY);
    assert!(decode::<f32>(r#""NaN""#).unwrap().is_nan());
    assert_eq!(decode::<f32>(r#""-Infinity""#).unwrap(), f32::NEG_INFINITY);
    assert!(decode::<f64>(r#""nan""#).is_err());
    assert_eq!(
        decode::<f64>("123456789.12345679").unwrap(),
        123456789.12345679
    );
    assert_eq!(decode::<f64>("-5").unwrap(), -5.0);
    assert!(decode::<f64>("-0").unwrap().is_sign_negative());
    assert_eq!(decode::<f64>("1E2").unwrap(), 100.0);
    assert_eq!(decode::<f32>("1.1").unwrap(), 1.1f32);
    assert_eq!(decode::<f32>("16777217").unwrap(), 16777216.0);
    assert_eq!(err::<f64>("1e999"), "1e999 is out of range for a double");
    assert_eq!(err::<f32>("1e39"), "1e39 is out of range for a float");
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.1, -2.5e-300] {
        let back: f64 = from_slice(&to_vec(&v)).unwrap();
        assert!(back == v || (back.is_nan() && v.is_nan()));
    }
}

#[test]
fn blobs_timestamps_and_big_numbers() {
    assert_eq!(decode::<Blob>(r#""Zm9vYg==""#).unwrap(), Blob::from("foob"));
    assert!(err::<Blob>(r#""!""#).starts_with("invalid base64"));
    assert_eq!(
        decode::<Timestamp>("1515531081.123").unwrap(),
        Timestamp::new(1515531081, 123_000_000)
    );
    assert_eq!(
        decode::<Timestamp>("-1.5").unwrap(),
        Timestamp::new(-2, 500_000_000)
    );
    assert_eq!(
        decode::<Timestamp>(r#""2000-01-02T20:34:56.123Z""#).unwrap(),
        Timestamp::new(946845296, 123_000_000)
    );
    assert!(decode::<Timestamp>("true").is_err());
    let mut r = JsonReader::new(br#"{"h":"Sun, 02 Jan 2000 20:34:56 GMT","n":null,"e":1}"#);
    let mut got = Vec::new();
    r.read_object(|r, key| {
        got.push(r.timestamp_field(key, TimestampFormat::HttpDate)?);
        Ok(())
    })
    .unwrap();
    assert_eq!(
        got,
        [
            Some(Timestamp::from_secs(946845296)),
            None,
            Some(Timestamp::from_secs(1))
        ]
    );
    let mut r = JsonReader::new(br#"{"d":"Sun, 02 Jan 2000 20:34:56 GMT"}"#);
    let e = r
        .read_object(|r, key| r.timestamp_field(key, TimestampFormat::DateTime).map(drop))
        .unwrap_err();
    assert_eq!(e.path(), "d");
    assert_eq!(
        decode::<BigInteger>("123456789012345678901234567890")
            .unwrap()
            .as_str(),
        "123456789012345678901234567890"
    );
    assert!(decode::<BigInteger>("1.5").is_err());
    assert_eq!(
        decode::<BigDecimal>("-1.5e-300").unwrap().as_str(),
        "-1.5e-300"
    );
    // A string holding a number is read too (rpcv2Json sends big numbers as strings); a string
    // holding anything else, or another kind of value, is an error.
    assert_eq!(decode::<BigDecimal>("\"1.25\"").unwrap().as_str(), "1.25");
    assert_eq!(decode::<BigInteger>("\"-12\"").unwrap().as_str(), "-12");
    assert!(decode::<BigDecimal>("\"one\"").is_err());
    assert!(decode::<BigInteger>("\"1.5\"").is_err());
    assert!(decode::<BigDecimal>("true").is_err());
}

#[test]
fn sparse_and_dense_collections() {
    assert_eq!(decode::<Vec<i32>>("[1,null,2]").unwrap(), [1, 2]);
    assert_eq!(
        decode::<Vec<Option<i32>>>("[1,null,2]").unwrap(),
        [Some(1), None, Some(2)]
    );
    assert_eq!(decode::<Vec<Box<i32>>>("[null,3]").unwrap(), [Box::new(3)]);
    let dense: BTreeMap<String, String> = decode(r#"{"a":"x","b":null}"#).unwrap();
    assert_eq!(dense.len(), 1);
    let sparse: BTreeMap<String, Option<String>> = decode(r#"{"a":"x","b":null}"#).unwrap();
    assert_eq!(sparse.get("b"), Some(&None));
    // Nested: a dense list of sparse lists.
    let nested: Vec<Vec<Option<bool>>> = decode("[[null,true],null,[]]").unwrap();
    assert_eq!(nested, [vec![None, Some(true)], vec![]]);
    // Documents keep null elements: null is a document value.
    assert_eq!(decode::<Vec<Document>>("[null]").unwrap(), [Document::Null]);
    assert_eq!(
        err::<Vec<i32>>("[1,\"x\"]"),
        "at [1]: expected a number, found a string"
    );
    assert_eq!(
        err::<BTreeMap<String, i32>>(r#"{"k":true}"#),
        "at [\"k\"]: expected a number, found a boolean"
    );
    // Repeated keys keep the last value.
    let m: BTreeMap<String, i32> = decode(r#"{"a":1,"a":2}"#).unwrap();
    assert_eq!(m["a"], 2);
}

#[test]
fn documents_round_trip() {
    let text = r#"{"a":[1,-2,3.5,"s",true,false,null,{}],"b":{"c":[]},"big":18446744073709551615,"huge":18446744073709551616,"neg":-9223372036854775808}"#;
    let doc: Document = decode(text).unwrap();
    let obj = doc.as_object().unwrap();
    assert_eq!(obj["big"], Document::Number(Number::PosInt(u64::MAX)));
    assert_eq!(
        obj["huge"],
        Document::Number(Number::Float(18446744073709551616.0))
    );
    assert_eq!(obj["neg"], Document::Number(Number::NegInt(i64::MIN)));
    let again: Document = from_slice(&to_vec(&doc)).unwrap();
    assert_eq!(again, doc);
    let serde: serde_json::Value = serde_json::from_slice(&to_vec(&doc)).unwrap();
    assert_eq!(serde["a"][2], serde_json::json!(3.5));
    assert!(decode::<Document>("1e999").is_err());
}

#[test]
fn depth_limit_stops_deep_nesting_without_overflowing() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    let e = decode::<Document>(&deep).unwrap_err();
    assert_eq!(e.message(), "nesting deeper than 128 levels");
    assert!(decode::<Vec<Document>>(&deep).is_err());
    let mut r = JsonReader::new(deep.as_bytes());
    assert!(r.skip_value().is_err());
    // Skipped unknown members count towards the limit too.
    let wrapped = format!("{{\"Unknown\":{deep}}}");
    assert!(decode::<Output>(&wrapped).is_err());
    let deep_objects = "{\"a\":".repeat(100_000) + &"}".repeat(100_000);
    assert!(decode::<Document>(&deep_objects).is_err());
    assert!(JsonReader::new(deep_objects.as_bytes())
        .skip_value()
        .is_err());

    // Exactly at the limit is fine; the limit is configurable.
    let at_limit = "[".repeat(128) + &"]".repeat(128);
    assert!(decode::<Document>(&at_limit).is_ok());
    assert!(JsonReader::new(at_limit.as_bytes()).skip_value().is_ok());
    let mut r = JsonReader::new(at_limit.as_bytes()).with_max_depth(127);
    assert!(Document::decode_json(&mut r).is_err());
    let mut r = JsonReader::new(deep.as_bytes()).with_max_depth(usize::MAX);
    assert!(
        r.skip_value().is_ok(),
        "skipping is iterative, so any depth is safe"
    );
}

#[test]
fn reader_primitives() {
    let mut r = JsonReader::new(b"  null 1");
    assert!(r.peek_null());
    assert_eq!(r.peek_kind(), Some(JsonKind::Null));
    assert!(r.take_null());
    assert!(!r.take_null());
    assert!(!r.peek_null());
    assert_eq!(r.peek_kind(), Some(JsonKind::Number));
    assert_eq!(r.read_number_text().unwrap(), "1");
    assert_eq!(r.peek_kind(), None);
    assert!(r.finish().is_ok());
    assert_eq!(r.position(), 8);

    let mut r = JsonReader::new(br#"[{"a":[]},"s",true]"#);
    assert_eq!(r.peek_kind(), Some(JsonKind::Array));
    let mut kinds = Vec::new();
    r.read_array(|r, i| {
        kinds.push((i, r.peek_kind()));
        r.skip_value()
    })
    .unwrap();
    assert_eq!(
        kinds,
        [
            (0, Some(JsonKind::Object)),
            (1, Some(JsonKind::String)),
            (2, Some(JsonKind::Bool))
        ]
    );
    assert!(JsonReader::new(b"nul").peek_kind() == Some(JsonKind::Null));
    assert!(!JsonReader::new(b"nul").take_null());
    assert_eq!(JsonReader::new(b"x").peek_kind(), None);
}

#[test]
fn callback_errors_propagate_and_unconsumed_values_are_caught() {
    let mut r = JsonReader::new(br#"{"a":1}"#);
    let e = r
        .read_object(|_, _| Err(DecodeError::new("custom")))
        .unwrap_err();
    assert_eq!(e.to_string(), "custom");
    // A callback that forgets to consume the value gets a syntax error, not a panic or loop.
    let mut r = JsonReader::new(br#"{"a":1}"#);
    assert!(r.read_object(|_, _| Ok(())).is_err());
    let mut r = JsonReader::new(b"[1]");
    assert!(r.read_array(|_, _| Ok(())).is_err());
}

#[test]
fn encode_decode_round_trip() {
    let mut w = JsonWriter::new();
    w.begin_object();
    w.field("s", "a\u{0}b\"c");
    w.field("i", &i64::MIN);
    w.field("l", &vec![Some(1.5f64), None]);
    w.field("b", &Blob::new(vec![0u8, 255, 10]));
    w.end_object();
    let bytes = w.finish();
    let mut s = String::new();
    let mut i = 0i64;
    let mut l: Vec<Option<f64>> = Vec::new();
    let mut b = Blob::default();
    from_slice_with(&bytes, |r, key| {
        match key {
            "s" => s = r.field(key)?,
            "i" => i = r.field(key)?,
            "l" => l = r.field(key)?,
            "b" => b = r.field(key)?,
            _ => r.skip_value()?,
        }
        Ok(())
    });
    assert_eq!(s, "a\u{0}b\"c");
    assert_eq!(i, i64::MIN);
    assert_eq!(l, [Some(1.5), None]);
    assert_eq!(b.as_bytes(), [0, 255, 10]);
    let d = Document::from(vec![Document::from(1i64)]);
    let mut w = JsonWriter::new();
    d.encode_json(&mut w);
    assert_eq!(w.finish(), b"[1]");
}

fn from_slice_with(
    bytes: &[u8],
    f: impl FnMut(&mut JsonReader<'_>, &str) -> Result<(), DecodeError>,
) {
    let mut r = JsonReader::new(bytes);
    r.read_object(f).unwrap();
    r.finish().unwrap();
}

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Everything the decoders produce for one input, as text, to compare runs.
fn outcome(bytes: &[u8]) -> String {
    let a = format!("{:?}", from_slice::<Output>(bytes));
    let b = format!("{:?}", from_slice::<Document>(bytes).map(|d| to_vec(&d)));
    let mut r = JsonReader::new(bytes);
    let c = format!("{:?}", r.skip_value().and_then(|()| r.finish()));
    let d = format!(
        "{:?}",
        crate::json_error_parts(&http::HeaderMap::new(), bytes)
    );
    format!("{a}\n{b}\n{c}\n{d}")
}

#[test]
fn mutated_input_never_panics_and_is_deterministic() {
    const INTERESTING: &[u8] = b"{}[]\",:\\u0123456789.eE+-ntfabd \n\x00\x1f\x7f\xc3\xa9\xed\xff";
    let sample = SAMPLE.as_bytes();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..10_000 {
        let mut bytes = sample.to_vec();
        for _ in 0..=rng.below(4) {
            let at = rng.below(bytes.len() + 1);
            match rng.below(4) {
                0 => bytes.truncate(at),
                1 if at < bytes.len() => bytes[at] = INTERESTING[rng.below(INTERESTING.len())],
                2 => bytes.insert(at, INTERESTING[rng.below(INTERESTING.len())]),
                _ if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => {}
            }
        }
        let first = outcome(&bytes);
        assert_eq!(first, outcome(&bytes));
    }
}
