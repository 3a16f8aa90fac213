//! Conversions between [`Timestamp`] and [`std::time::SystemTime`].
//!
//! A `Timestamp` spans the whole `i64` range of seconds; a `SystemTime` spans what the platform
//! clock can hold (on Unix also `i64` seconds, on Windows a narrower range). Both ways are
//! exact within the common range: into a `Timestamp` saturates at its ends, into a `SystemTime`
//! fails with [`SystemTimeRangeError`] instead of panicking.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use super::{Timestamp, NANOS_PER_SECOND};

impl From<SystemTime> for Timestamp {
    /// The same instant; one beyond the `i64` range of seconds saturates (no platform's clock
    /// reaches it).
    fn from(time: SystemTime) -> Self {
        match time.duration_since(UNIX_EPOCH) {
            Ok(after) => Timestamp::new(
                i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
                after.subsec_nanos(),
            ),
            Err(before) => before_epoch(before.duration()),
        }
    }
}

/// The instant `before` ahead of the epoch, kept with `secs` as the floor.
fn before_epoch(before: Duration) -> Timestamp {
    let secs = i64::try_from(before.as_secs()).map_or(i64::MIN, |s| -s);
    match before.subsec_nanos() {
        0 => Timestamp::from_secs(secs),
        nanos => Timestamp::new(secs.saturating_sub(1), NANOS_PER_SECOND - nanos),
    }
}

impl TryFrom<Timestamp> for SystemTime {
    type Error = SystemTimeRangeError;

    /// The same instant, or an error when the platform's `SystemTime` cannot hold it.
    fn try_from(timestamp: Timestamp) -> Result<Self, Self::Error> {
        let nanos = Duration::from_nanos(u64::from(timestamp.subsec_nanos()));
        let whole = Duration::from_secs(timestamp.secs().unsigned_abs());
        let secs = if timestamp.secs() >= 0 {
            UNIX_EPOCH.checked_add(whole)
        } else {
            UNIX_EPOCH.checked_sub(whole)
        };
        secs.and_then(|t| t.checked_add(nanos))
            .ok_or(SystemTimeRangeError { timestamp })
    }
}

/// A [`Timestamp`] outside the range of the platform's [`SystemTime`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SystemTimeRangeError {
    timestamp: Timestamp,
}

impl SystemTimeRangeError {
    /// The timestamp that did not fit.
    pub fn timestamp(&self) -> Timestamp {
        self.timestamp
    }
}

impl fmt::Display for SystemTimeRangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "timestamp {}.{:09} seconds from the epoch is outside the range of SystemTime",
            self.timestamp.secs(),
            self.timestamp.subsec_nanos()
        )
    }
}

impl std::error::Error for SystemTimeRangeError {}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(timestamp: Timestamp) -> Timestamp {
        Timestamp::from(SystemTime::try_from(timestamp).unwrap())
    }

    #[test]
    fn after_the_epoch_is_exact() {
        let t = Timestamp::new(1_515_531_081, 123_456_789);
        let system = SystemTime::try_from(t).unwrap();
        assert_eq!(
            system.duration_since(UNIX_EPOCH).unwrap(),
            Duration::new(1_515_531_081, 123_456_789)
        );
        assert_eq!(Timestamp::from(system), t);
        assert_eq!(Timestamp::from(UNIX_EPOCH), Timestamp::from_secs(0));
    }

    #[test]
    fn before_the_epoch_keeps_the_floor() {
        // 1.5 s before the epoch: secs -2, nanos 500_000_000.
        let system = UNIX_EPOCH - Duration::from_millis(1500);
        assert_eq!(Timestamp::from(system), Timestamp::new(-2, 500_000_000));
        assert_eq!(
            SystemTime::try_from(Timestamp::new(-2, 500_000_000)).unwrap(),
            system
        );
        let whole = UNIX_EPOCH - Duration::from_secs(86_400);
        assert_eq!(Timestamp::from(whole), Timestamp::from_secs(-86_400));
        for t in [
            Timestamp::new(-1, 1),
            Timestamp::new(-1, 999_999_999),
            Timestamp::from_secs(-2_208_988_800), // 1900-01-01
        ] {
            assert_eq!(round_trip(t), t);
        }
    }

    #[test]
    fn out_of_range_is_an_error_not_a_panic() {
        for t in [
            Timestamp::new(i64::MAX, 999_999_999),
            Timestamp::from_secs(i64::MIN),
        ] {
            // Whatever the platform can hold converts back exactly; the rest is an error.
            match SystemTime::try_from(t) {
                Ok(system) => assert_eq!(Timestamp::from(system), t),
                Err(e) => {
                    assert_eq!(e.timestamp(), t);
                    assert!(e.to_string().contains("outside the range of SystemTime"));
                }
            }
        }
    }

    #[test]
    fn system_time_beyond_i64_saturates() {
        let Some(far) = UNIX_EPOCH.checked_add(Duration::from_secs(u64::MAX)) else {
            return; // no platform's clock reaches it
        };
        assert_eq!(Timestamp::from(far).secs(), i64::MAX);
    }
}
