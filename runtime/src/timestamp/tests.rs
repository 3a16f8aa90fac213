use super::*;

fn parse(s: &str, f: TimestampFormat) -> Timestamp {
    match Timestamp::parse(s, f) {
        Ok(t) => t,
        Err(e) => panic!("{s:?}: {e}"),
    }
}

use TimestampFormat::{DateTime, EpochSeconds, HttpDate};

#[test]
fn epoch_seconds_parse() {
    assert_eq!(
        parse("1515531081", EpochSeconds),
        Timestamp::from_secs(1515531081)
    );
    assert_eq!(
        parse("1515531081.123", EpochSeconds),
        Timestamp::new(1515531081, 123_000_000)
    );
    assert_eq!(parse("0.000000001", EpochSeconds), Timestamp::new(0, 1));
    assert_eq!(parse("0.0000000009", EpochSeconds), Timestamp::new(0, 0));
    assert_eq!(parse("-1.5", EpochSeconds), Timestamp::new(-2, 500_000_000));
    assert_eq!(parse("-1", EpochSeconds), Timestamp::from_secs(-1));
    assert_eq!(parse("-0", EpochSeconds), Timestamp::from_secs(0));
    assert_eq!(
        parse("1.515531081123E9", EpochSeconds),
        Timestamp::new(1515531081, 123_000_000)
    );
    assert_eq!(
        parse("15e8", EpochSeconds),
        Timestamp::from_secs(1_500_000_000)
    );
    assert_eq!(parse("5e-1", EpochSeconds), Timestamp::new(0, 500_000_000));
    assert_eq!(parse("0.05", EpochSeconds), Timestamp::new(0, 50_000_000));
    assert_eq!(
        parse("0e999999999999", EpochSeconds),
        Timestamp::from_secs(0)
    );
    assert_eq!(
        parse("000123.5", EpochSeconds),
        Timestamp::new(123, 500_000_000)
    );
    assert_eq!(
        parse("-9223372036854775808", EpochSeconds),
        Timestamp::from_secs(i64::MIN)
    );
    assert_eq!(
        parse("9223372036854775807", EpochSeconds),
        Timestamp::from_secs(i64::MAX)
    );
    for bad in [
        "",
        "-",
        ".5",
        "1.",
        "1x",
        "1e",
        "1e+",
        "+1",
        " 1",
        "9223372036854775808",
        "-9223372036854775808.5",
        "1e19",
        "NaN",
    ] {
        assert!(Timestamp::parse(bad, EpochSeconds).is_err(), "{bad:?}");
    }
}

#[test]
fn epoch_seconds_format() {
    let f = |t: Timestamp| t.format(EpochSeconds);
    assert_eq!(f(Timestamp::from_secs(1515531081)), "1515531081");
    assert_eq!(f(Timestamp::new(1515531081, 123_000_000)), "1515531081.123");
    assert_eq!(f(Timestamp::new(0, 1)), "0.000000001");
    assert_eq!(f(Timestamp::new(-2, 500_000_000)), "-1.5");
    assert_eq!(f(Timestamp::new(-1, 500_000_000)), "-0.5");
    assert_eq!(f(Timestamp::from_secs(i64::MIN)), "-9223372036854775808");
    assert_eq!(
        f(Timestamp::new(i64::MIN, 1)),
        "-9223372036854775807.999999999"
    );
    for t in [
        Timestamp::new(-2, 1),
        Timestamp::new(12, 340_000_000),
        Timestamp::new(-123_456, 999_999_999),
    ] {
        assert_eq!(parse(&f(t), EpochSeconds), t);
    }
}

#[test]
fn date_time_parse() {
    assert_eq!(
        parse("2018-01-09T20:51:21Z", DateTime),
        Timestamp::from_secs(1515531081)
    );
    assert_eq!(
        parse("1985-04-12T23:20:50.52Z", DateTime),
        Timestamp::new(482196050, 520_000_000)
    );
    assert_eq!(
        parse("2000-01-02T20:34:56.123Z", DateTime),
        Timestamp::new(946845296, 123_000_000)
    );
    // Offsets from the compliance tests: all three are the same instant.
    let t = Timestamp::from_secs(1576540098);
    assert_eq!(parse("2019-12-16T23:48:18Z", DateTime), t);
    assert_eq!(parse("2019-12-17T00:48:18+01:00", DateTime), t);
    assert_eq!(parse("2019-12-16T22:48:18-01:00", DateTime), t);
    assert_eq!(parse("2019-12-16t23:48:18z", DateTime), t);
    // Fractions of any length; past nanoseconds they are truncated.
    assert_eq!(
        parse("1970-01-01T00:00:00.123456789123Z", DateTime),
        Timestamp::new(0, 123_456_789)
    );
    assert_eq!(
        parse("1970-01-01T00:00:00.1Z", DateTime),
        Timestamp::new(0, 100_000_000)
    );
    assert_eq!(
        parse("1969-12-31T23:59:59Z", DateTime),
        Timestamp::from_secs(-1)
    );
    assert_eq!(
        parse("0001-01-01T00:00:00Z", DateTime),
        Timestamp::from_secs(-62135596800)
    );
    assert_eq!(
        parse("9999-12-31T23:59:59Z", DateTime),
        Timestamp::from_secs(253402300799)
    );
    assert_eq!(
        parse("2000-02-29T00:00:00Z", DateTime),
        Timestamp::from_secs(951782400)
    );
    // A leap second rolls over.
    assert_eq!(
        parse("2016-12-31T23:59:60Z", DateTime),
        parse("2017-01-01T00:00:00Z", DateTime)
    );
    for bad in [
        "",
        "2018-01-09",
        "2018-01-09T20:51:21",
        "2018-01-09T20:51:21.Z",
        "2018-1-09T20:51:21Z",
        "2018-13-09T20:51:21Z",
        "2018-00-09T20:51:21Z",
        "2019-02-29T00:00:00Z",
        "1900-02-29T00:00:00Z",
        "2018-01-32T00:00:00Z",
        "2018-01-09T24:00:00Z",
        "2018-01-09T20:60:00Z",
        "2018-01-09T20:51:61Z",
        "2018-01-09T20:51:21+0100",
        "2018-01-09T20:51:21+24:00",
        "2018-01-09T20:51:21Zjunk",
        "2018-01-09X20:51:21Z",
        "Tue, 29 Apr 2014 18:30:38 GMT",
        "２０１８-01-09T20:51:21Z",
    ] {
        assert!(Timestamp::parse(bad, DateTime).is_err(), "{bad:?}");
    }
}

#[test]
fn date_time_format() {
    let f = |t: Timestamp| t.format(DateTime);
    assert_eq!(f(Timestamp::from_secs(1515531081)), "2018-01-09T20:51:21Z");
    assert_eq!(
        f(Timestamp::new(482196050, 520_000_000)),
        "1985-04-12T23:20:50.52Z"
    );
    assert_eq!(
        f(Timestamp::new(946845296, 123_000_000)),
        "2000-01-02T20:34:56.123Z"
    );
    assert_eq!(f(Timestamp::new(0, 1)), "1970-01-01T00:00:00.000000001Z");
    assert_eq!(f(Timestamp::from_secs(-1)), "1969-12-31T23:59:59Z");
    assert_eq!(f(Timestamp::new(-1, 500_000_000)), "1969-12-31T23:59:59.5Z");
    assert_eq!(
        f(Timestamp::from_secs(253402300799)),
        "9999-12-31T23:59:59Z"
    );
    assert_eq!(
        f(Timestamp::from_secs(-62135596800)),
        "0001-01-01T00:00:00Z"
    );
    assert_eq!(f(Timestamp::from_secs(951782400)), "2000-02-29T00:00:00Z");
    // Out of the four-digit range: no panic, more digits.
    assert_eq!(
        f(Timestamp::from_secs(253402300800)),
        "10000-01-01T00:00:00Z"
    );
    let _ = f(Timestamp::from_secs(i64::MAX));
    let _ = f(Timestamp::from_secs(i64::MIN));
}

#[test]
fn http_date_round_trip() {
    let t = parse("Tue, 29 Apr 2014 18:30:38 GMT", HttpDate);
    assert_eq!(t, Timestamp::from_secs(1398796238));
    assert_eq!(t.format(HttpDate), "Tue, 29 Apr 2014 18:30:38 GMT");
    assert_eq!(
        parse("Sun, 02 Jan 2000 20:34:56.456 GMT", HttpDate),
        Timestamp::new(946845296, 456_000_000)
    );
    assert_eq!(
        Timestamp::new(946845296, 456_000_000).format(HttpDate),
        "Sun, 02 Jan 2000 20:34:56 GMT"
    );
    assert_eq!(
        Timestamp::from_secs(0).format(HttpDate),
        "Thu, 01 Jan 1970 00:00:00 GMT"
    );
    assert_eq!(
        Timestamp::from_secs(-1).format(HttpDate),
        "Wed, 31 Dec 1969 23:59:59 GMT"
    );
    assert_eq!(
        Timestamp::from_secs(951782400).format(HttpDate),
        "Tue, 29 Feb 2000 00:00:00 GMT"
    );
    assert_eq!(
        Timestamp::from_secs(253402300799).format(HttpDate),
        "Fri, 31 Dec 9999 23:59:59 GMT"
    );
    for bad in [
        "",
        "Tue, 29 Apr 2014 18:30:38",
        "Tue, 29 Apr 2014 18:30:38 UTC",
        "Tue 29 Apr 2014 18:30:38 GMT",
        "Tux, 29 Apr 2014 18:30:38 GMT",
        "Tue, 29 Apx 2014 18:30:38 GMT",
        "Tue, 31 Apr 2014 18:30:38 GMT",
        "Tue, 9 Apr 2014 18:30:38 GMT",
        "Tue, 29 Apr 2014 18:30:38 GMTx",
        "Tue, 29 Apr 2014 18:30:38. GMT",
        "2014-04-29T18:30:38Z",
    ] {
        assert!(Timestamp::parse(bad, HttpDate).is_err(), "{bad:?}");
    }
}

#[test]
fn from_secs_f64_uses_the_shortest_decimal() {
    assert_eq!(
        Timestamp::from_secs_f64(946845296.123),
        Some(Timestamp::new(946845296, 123_000_000))
    );
    assert_eq!(
        Timestamp::from_secs_f64(-1.5),
        Some(Timestamp::new(-2, 500_000_000))
    );
    assert_eq!(Timestamp::from_secs_f64(0.0), Some(Timestamp::from_secs(0)));
    assert_eq!(
        Timestamp::from_secs_f64(1e-12),
        Some(Timestamp::from_secs(0))
    );
    assert_eq!(Timestamp::from_secs_f64(f64::NAN), None);
    assert_eq!(Timestamp::from_secs_f64(f64::INFINITY), None);
    assert_eq!(Timestamp::from_secs_f64(f64::NEG_INFINITY), None);
    assert_eq!(Timestamp::from_secs_f64(1e19), None);
    assert_eq!(Timestamp::from_secs_f64(-1e19), None);
    assert_eq!(
        Timestamp::from_secs_f64(-9_223_372_036_854_775_808.0),
        Some(Timestamp::from_secs(i64::MIN))
    );
    assert_eq!(Timestamp::new(1, 500_000_000).as_secs_f64(), 1.5);
    assert_eq!(Timestamp::new(-2, 500_000_000).as_secs_f64(), -1.5);
}

#[test]
fn new_normalizes_nanos() {
    let t = Timestamp::new(1, 2_500_000_000);
    assert_eq!((t.secs(), t.subsec_nanos()), (3, 500_000_000));
    assert_eq!(Timestamp::new(i64::MAX, u32::MAX).secs(), i64::MAX);
}

#[test]
fn ordering_follows_time() {
    let a = Timestamp::new(-2, 999_999_999);
    let b = Timestamp::new(-1, 0);
    let c = Timestamp::new(-1, 1);
    assert!(a < b && b < c);
}

#[test]
fn error_display() {
    let err = Timestamp::parse("x", DateTime).unwrap_err();
    assert_eq!(err.format(), DateTime);
    assert_eq!(
        err.to_string(),
        "invalid date-time timestamp: expected a four-digit year"
    );
}
