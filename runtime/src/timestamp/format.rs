//! Formatters for the three timestamp wire formats.

use std::fmt::Write as _;

use super::civil::{civil_from_days, weekday_from_days};
use super::parse::{DAY_NAMES, MONTH_NAMES};
use super::{Timestamp, NANOS_PER_SECOND};

/// `1515531081` or `-1.5`; the fraction has its trailing zeros trimmed.
pub(super) fn epoch_seconds(t: Timestamp, out: &mut String) {
    if t.nanos == 0 {
        let _ = write!(out, "{}", t.secs);
        return;
    }
    // secs is the floor, so a negative instant with a fraction is -(|secs + 1| + (1 - f)).
    // i128 keeps i64::MIN + 1 and friends from overflowing.
    let (negative, whole, frac) = if t.secs < 0 {
        (true, -(i128::from(t.secs) + 1), NANOS_PER_SECOND - t.nanos)
    } else {
        (false, i128::from(t.secs), t.nanos)
    };
    if negative {
        out.push('-');
    }
    let _ = write!(out, "{whole}");
    push_fraction(frac, out);
}

/// `.123` for 123 ms, `.52` for 520 ms, nothing for zero.
fn push_fraction(nanos: u32, out: &mut String) {
    if nanos == 0 {
        return;
    }
    let mut digits = nanos;
    let mut width = 9;
    while digits % 10 == 0 {
        digits /= 10;
        width -= 1;
    }
    let _ = write!(out, ".{digits:0width$}");
}

fn push_year(year: i64, out: &mut String) {
    if (0..=9999).contains(&year) {
        let _ = write!(out, "{year:04}");
    } else {
        let _ = write!(out, "{year}");
    }
}

/// Splits into (days since epoch, hour, minute, second).
fn split(t: Timestamp) -> (i64, i64, i64, i64) {
    let days = t.secs.div_euclid(86_400);
    let of_day = t.secs.rem_euclid(86_400);
    (days, of_day / 3600, of_day % 3600 / 60, of_day % 60)
}

/// `2018-01-09T20:51:21Z`, `1985-04-12T23:20:50.52Z`.
pub(super) fn date_time(t: Timestamp, out: &mut String) {
    let (days, h, m, s) = split(t);
    let (year, month, day) = civil_from_days(days);
    push_year(year, out);
    let _ = write!(out, "-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}");
    push_fraction(t.nanos, out);
    out.push('Z');
}

/// `Tue, 29 Apr 2014 18:30:38 GMT`.
pub(super) fn http_date(t: Timestamp, out: &mut String) {
    let (days, h, m, s) = split(t);
    let (year, month, day) = civil_from_days(days);
    // Both indexes are in range by construction; `get` just keeps that from being a panic path.
    let weekday = DAY_NAMES
        .get(weekday_from_days(days) as usize)
        .unwrap_or(&"???");
    let month_name = MONTH_NAMES
        .get((month as usize).wrapping_sub(1))
        .unwrap_or(&"???");
    let _ = write!(out, "{weekday}, {day:02} {month_name} ");
    push_year(year, out);
    let _ = write!(out, " {h:02}:{m:02}:{s:02} GMT");
}
