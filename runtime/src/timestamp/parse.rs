//! Parsers for the three timestamp wire formats. Strict about structure, never panicking.

use super::civil::{days_from_civil, days_in_month};
use super::{Timestamp, TimestampError, TimestampFormat, NANOS_PER_SECOND};

type Result<T> = std::result::Result<T, TimestampError>;

/// A byte cursor that remembers which format it is parsing, for error messages.
struct Cursor<'a> {
    bytes: &'a [u8],
    pos: usize,
    format: TimestampFormat,
}

impl<'a> Cursor<'a> {
    fn new(s: &'a str, format: TimestampFormat) -> Self {
        Cursor {
            bytes: s.as_bytes(),
            pos: 0,
            format,
        }
    }

    fn err(&self, reason: &'static str) -> TimestampError {
        TimestampError::new(self.format, reason)
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, b: u8, reason: &'static str) -> Result<()> {
        if self.eat(b) {
            Ok(())
        } else {
            Err(self.err(reason))
        }
    }

    /// Exactly `n` ASCII digits as a number (`n` is at most 4 here, so `u32` cannot overflow).
    fn digits(&mut self, n: usize, reason: &'static str) -> Result<u32> {
        let mut value = 0u32;
        for _ in 0..n {
            match self.peek() {
                Some(b @ b'0'..=b'9') => {
                    value = value * 10 + u32::from(b - b'0');
                    self.pos += 1;
                }
                _ => return Err(self.err(reason)),
            }
        }
        Ok(value)
    }

    /// An optional `.` and fraction of any length; digits past nanoseconds are truncated.
    fn fraction(&mut self) -> Result<u32> {
        if !self.eat(b'.') {
            return Ok(0);
        }
        let start = self.pos;
        let mut nanos = 0u32;
        let mut scale = NANOS_PER_SECOND;
        while let Some(b @ b'0'..=b'9') = self.peek() {
            scale /= 10;
            nanos += u32::from(b - b'0') * scale;
            self.pos += 1;
        }
        if self.pos == start {
            return Err(self.err("expected digits after '.'"));
        }
        Ok(nanos)
    }

    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.bytes.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(slice)
    }

    fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }
}

/// `HH:MM:SS[.fff]` as (seconds of the day, nanos). A leap second (`:60`) is accepted and rolls
/// into the next second, as POSIX time does.
fn time_of_day(c: &mut Cursor<'_>) -> Result<(i64, u32)> {
    let hour = c.digits(2, "expected a two-digit hour")?;
    c.expect(b':', "expected ':' after the hour")?;
    let minute = c.digits(2, "expected two-digit minutes")?;
    c.expect(b':', "expected ':' after the minutes")?;
    let second = c.digits(2, "expected two-digit seconds")?;
    if hour > 23 || minute > 59 || second > 60 {
        return Err(c.err("time of day out of range"));
    }
    let nanos = c.fraction()?;
    let secs = i64::from(hour) * 3600 + i64::from(minute) * 60 + i64::from(second);
    Ok((secs, nanos))
}

fn check_date(c: &Cursor<'_>, year: i64, month: u32, day: u32) -> Result<()> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(c.err("date out of range"));
    }
    Ok(())
}

/// RFC 3339: `YYYY-MM-DDTHH:MM:SS[.frac](Z|+hh:mm|-hh:mm)`.
pub(super) fn parse_date_time(s: &str) -> Result<Timestamp> {
    let c = &mut Cursor::new(s, TimestampFormat::DateTime);
    let year = i64::from(c.digits(4, "expected a four-digit year")?);
    c.expect(b'-', "expected '-' after the year")?;
    let month = c.digits(2, "expected a two-digit month")?;
    c.expect(b'-', "expected '-' after the month")?;
    let day = c.digits(2, "expected a two-digit day")?;
    check_date(c, year, month, day)?;
    // RFC 3339 allows lower case and (in its note on ISO 8601) a space as the separator.
    if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
        return Err(c.err("expected 'T' between date and time"));
    }
    let (time, nanos) = time_of_day(c)?;
    let offset = match c.peek() {
        Some(b'Z' | b'z') => {
            c.pos += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            c.pos += 1;
            let hours = c.digits(2, "expected a two-digit offset hour")?;
            c.expect(b':', "expected ':' in the offset")?;
            let minutes = c.digits(2, "expected two-digit offset minutes")?;
            if hours > 23 || minutes > 59 {
                return Err(c.err("offset out of range"));
            }
            let offset = i64::from(hours) * 3600 + i64::from(minutes) * 60;
            if sign == b'-' {
                -offset
            } else {
                offset
            }
        }
        _ => return Err(c.err("expected 'Z' or an offset such as '+01:00'")),
    };
    if !c.at_end() {
        return Err(c.err("unexpected characters after the offset"));
    }
    // Local time minus its offset is UTC. Years are at most 9999, so nothing can overflow.
    let secs = days_from_civil(year, month, day) * 86_400 + time - offset;
    Ok(Timestamp::new(secs, nanos))
}

/// Day names indexed by weekday, 0 = Sunday.
pub(super) const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
/// Month names indexed by month - 1.
pub(super) const MONTH_NAMES: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`, with an optional fraction on the seconds
/// (Smithy's compliance tests send them). The day name is checked for spelling but not against
/// the date, as HTTP recipients commonly do.
pub(super) fn parse_http_date(s: &str) -> Result<Timestamp> {
    let c = &mut Cursor::new(s, TimestampFormat::HttpDate);
    let day_name = c.take(3).ok_or_else(|| c.err("expected a day name"))?;
    if !DAY_NAMES.iter().any(|n| n.as_bytes() == day_name) {
        return Err(c.err("expected a day name such as 'Mon'"));
    }
    c.expect(b',', "expected ',' after the day name")?;
    c.expect(b' ', "expected ' ' after the day name")?;
    let day = c.digits(2, "expected a two-digit day")?;
    c.expect(b' ', "expected ' ' after the day")?;
    let month_name = c.take(3).ok_or_else(|| c.err("expected a month name"))?;
    let month = MONTH_NAMES
        .iter()
        .position(|n| n.as_bytes() == month_name)
        .ok_or_else(|| c.err("expected a month name such as 'Jan'"))?;
    // position() is below 12, so the cast is lossless.
    let month = month as u32 + 1;
    c.expect(b' ', "expected ' ' after the month")?;
    let year = i64::from(c.digits(4, "expected a four-digit year")?);
    check_date(c, year, month, day)?;
    c.expect(b' ', "expected ' ' after the year")?;
    let (time, nanos) = time_of_day(c)?;
    if c.take(4) != Some(b" GMT".as_slice()) || !c.at_end() {
        return Err(c.err("expected ' GMT' at the end"));
    }
    let secs = days_from_civil(year, month, day) * 86_400 + time;
    Ok(Timestamp::new(secs, nanos))
}

/// Epoch seconds as decimal text: `-?digits[.digits][(e|E)[+-]digits]`.
///
/// Parsed exactly in decimal (never through `f64`) so `1515531081.123` keeps exactly 123 ms;
/// exponents are accepted because some services serialize doubles like `1.515531081123E9`.
pub(super) fn parse_epoch_seconds(s: &str) -> Result<Timestamp> {
    let err = |reason| TimestampError::new(TimestampFormat::EpochSeconds, reason);
    let bytes = s.as_bytes();
    let (negative, rest) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    let int_len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
    let (int_digits, rest) = rest.split_at(int_len);
    let (frac_digits, rest) = match rest.split_first() {
        Some((b'.', after)) => {
            let n = after.iter().take_while(|b| b.is_ascii_digit()).count();
            if n == 0 {
                return Err(err("expected digits after '.'"));
            }
            after.split_at(n)
        }
        _ => (&[][..], rest),
    };
    if int_digits.is_empty() {
        return Err(err("expected digits"));
    }
    let exponent = match rest.split_first() {
        None => 0,
        Some((b'e' | b'E', after)) => parse_exponent(after).ok_or_else(|| err("bad exponent"))?,
        Some(_) => return Err(err("unexpected character")),
    };

    // The value is the digit string `int_digits ++ frac_digits` with the decimal point after
    // `point` digits. Leading zeros are skipped so that `point` counts significant digits and a
    // long run of zeros cannot look like an overflow.
    let digits = || int_digits.iter().chain(frac_digits).copied();
    let leading_zeros = digits().take_while(|&b| b == b'0').count();
    let point = to_i64(int_digits.len())
        .saturating_add(exponent)
        .saturating_sub(to_i64(leading_zeros));
    let mut whole: u64 = 0;
    let mut nanos: u32 = 0;
    let mut significant: i64 = 0;
    for d in digits().skip(leading_zeros) {
        let d = d - b'0';
        if significant < point {
            whole = whole
                .checked_mul(10)
                .and_then(|w| w.checked_add(u64::from(d)))
                .ok_or_else(|| err("out of range"))?;
        } else {
            // Place 0 is tenths; digits past nanoseconds are truncated.
            let place = significant - point;
            if place >= 9 {
                break;
            }
            nanos += u32::from(d) * POW10.get((8 - place) as usize).copied().unwrap_or(0);
        }
        significant += 1;
    }
    // Significant digits that ended before the point stand for trailing zeros (`15e8`).
    if whole != 0 {
        for _ in 0..(point - significant).clamp(0, 20) {
            whole = whole.checked_mul(10).ok_or_else(|| err("out of range"))?;
        }
    }
    let mut secs = i128::from(whole);
    if negative {
        // -(w + f) = -(w + 1) + (1 - f): nanos stay a non-negative offset from the floor.
        secs = -secs;
        if nanos > 0 {
            secs -= 1;
            nanos = NANOS_PER_SECOND - nanos;
        }
    }
    let secs = i64::try_from(secs).map_err(|_| err("out of range"))?;
    Ok(Timestamp::new(secs, nanos))
}

const POW10: [u32; 9] = [
    1,
    10,
    100,
    1_000,
    10_000,
    100_000,
    1_000_000,
    10_000_000,
    100_000_000,
];

fn to_i64(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `[+-]digits`, saturating: an exponent too large to mean anything still parses, and the
/// caller's range checks reject the value.
fn parse_exponent(bytes: &[u8]) -> Option<i64> {
    let (negative, digits) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        Some((b'+', rest)) => (false, rest),
        _ => (false, bytes),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let magnitude = digits.iter().fold(0i64, |acc, &b| {
        acc.saturating_mul(10).saturating_add(i64::from(b - b'0'))
    });
    Some(if negative { -magnitude } else { magnitude })
}
