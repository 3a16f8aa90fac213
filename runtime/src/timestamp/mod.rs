//! Points in time and the three Smithy wire formats for them.

mod civil;
mod format;
mod parse;
mod system_time;

use std::fmt;

pub use system_time::SystemTimeRangeError;

const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// A point in time: whole seconds since 1970-01-01T00:00:00Z plus a sub-second part.
///
/// `secs` is the floor of the instant, so `nanos` is always a non-negative offset below one second
/// (`-1.5` seconds is `secs = -2, nanos = 500_000_000`). This keeps ordering, hashing and equality
/// derivable field by field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Timestamp {
    secs: i64,
    nanos: u32,
}

/// The wire formats Smithy's `@timestampFormat` trait names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimestampFormat {
    /// `epoch-seconds`: seconds since the Unix epoch, optionally with a fraction
    /// (`1515531081.123`).
    EpochSeconds,
    /// `date-time`: RFC 3339 (`1985-04-12T23:20:50.52Z`, offsets such as `+01:00` accepted).
    DateTime,
    /// `http-date`: the IMF-fixdate of RFC 9110 (`Tue, 29 Apr 2014 18:30:38 GMT`).
    HttpDate,
}

impl TimestampFormat {
    /// The name Smithy uses for this format, as in `@timestampFormat("date-time")`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimestampFormat::EpochSeconds => "epoch-seconds",
            TimestampFormat::DateTime => "date-time",
            TimestampFormat::HttpDate => "http-date",
        }
    }
}

/// Why a timestamp could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampError {
    format: TimestampFormat,
    reason: &'static str,
}

impl TimestampError {
    pub(crate) fn new(format: TimestampFormat, reason: &'static str) -> Self {
        TimestampError { format, reason }
    }

    /// The format that was being parsed.
    pub fn format(&self) -> TimestampFormat {
        self.format
    }

    /// A short description of what was wrong.
    pub fn reason(&self) -> &'static str {
        self.reason
    }
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} timestamp: {}",
            self.format.as_str(),
            self.reason
        )
    }
}

impl std::error::Error for TimestampError {}

impl Timestamp {
    /// The instant `secs` whole seconds after the epoch (negative: before it).
    pub const fn from_secs(secs: i64) -> Self {
        Timestamp { secs, nanos: 0 }
    }

    /// The instant `secs` seconds plus `nanos` nanoseconds after the epoch.
    ///
    /// `nanos` of a second or more carries into `secs` (saturating at the `i64` range), so any
    /// input yields a valid timestamp.
    pub const fn new(secs: i64, nanos: u32) -> Self {
        let carry = (nanos / NANOS_PER_SECOND) as i64;
        Timestamp {
            secs: secs.saturating_add(carry),
            nanos: nanos % NANOS_PER_SECOND,
        }
    }

    /// The instant `secs` (with fraction) after the epoch, or `None` for NaN, infinities and
    /// values outside the `i64` second range.
    ///
    /// The fraction is taken from the shortest decimal text that round-trips `secs`, so
    /// `946845296.123` gives exactly 123 milliseconds instead of the binary approximation's
    /// `122999906` nanoseconds. Digits past nanoseconds are truncated.
    pub fn from_secs_f64(secs: f64) -> Option<Self> {
        // -2^63 and 2^63 are exact in f64; everything strictly between them has an i64 floor.
        const LIMIT: f64 = 9_223_372_036_854_775_808.0;
        if !secs.is_finite() || !(-LIMIT..LIMIT).contains(&secs) {
            return None;
        }
        // From 2^53 on every f64 is an integer, and its shortest decimal text may be padded with
        // zeros past the i64 range (`-9223372036854776000`), so convert those directly.
        if secs.abs() >= 9_007_199_254_740_992.0 {
            return Some(Timestamp::from_secs(secs as i64));
        }
        // `Display` for f64 never uses an exponent and prints the shortest round-trip digits.
        parse::parse_epoch_seconds(&secs.to_string()).ok()
    }

    /// Whole seconds since the epoch (the floor of the instant).
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds past [`secs`](Self::secs), always below 1,000,000,000.
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Seconds since the epoch as a float (lossy for large values).
    pub fn as_secs_f64(&self) -> f64 {
        self.secs as f64 + f64::from(self.nanos) / f64::from(NANOS_PER_SECOND)
    }

    /// Parses `s` in the given wire format.
    pub fn parse(s: &str, format: TimestampFormat) -> Result<Timestamp, TimestampError> {
        match format {
            TimestampFormat::EpochSeconds => parse::parse_epoch_seconds(s),
            TimestampFormat::DateTime => parse::parse_date_time(s),
            TimestampFormat::HttpDate => parse::parse_http_date(s),
        }
    }

    /// Formats the timestamp in the given wire format.
    ///
    /// - epoch-seconds: `1515531081`, or `1515531081.123` with trailing zeros of the fraction
    ///   trimmed (full nanosecond precision when needed);
    /// - date-time: `2018-01-09T20:51:21Z`, or `1985-04-12T23:20:50.52Z` likewise;
    /// - http-date: `Tue, 29 Apr 2014 18:30:38 GMT`; IMF-fixdate has no fraction, so sub-second
    ///   precision is dropped.
    ///
    /// The calendar formats are only well-formed for years 0000 to 9999; other years are written
    /// with as many digits (and sign) as they need rather than failing.
    pub fn format(&self, format: TimestampFormat) -> String {
        let mut out = String::with_capacity(32);
        self.format_into(format, &mut out);
        out
    }

    /// Like [`format`](Self::format), appending to `out` to avoid an allocation.
    pub fn format_into(&self, format: TimestampFormat, out: &mut String) {
        match format {
            TimestampFormat::EpochSeconds => format::epoch_seconds(*self, out),
            TimestampFormat::DateTime => format::date_time(*self, out),
            TimestampFormat::HttpDate => format::http_date(*self, out),
        }
    }
}

#[cfg(test)]
mod tests;
