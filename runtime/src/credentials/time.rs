//! Where "now" comes from, so that expiry can be tested without waiting.

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::Timestamp;

/// A clock: [`SystemTimeSource`] in production, a settable one in tests.
pub trait TimeSource: Send + Sync + fmt::Debug {
    /// The current time.
    fn now(&self) -> SystemTime;
}

/// The system clock, [`SystemTime::now`].
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemTimeSource;

impl TimeSource for SystemTimeSource {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// `timestamp` as a [`SystemTime`]; `None` when the platform's `SystemTime` cannot represent
/// it.
pub(crate) fn to_system_time(timestamp: Timestamp) -> Option<SystemTime> {
    let nanos = Duration::from_nanos(u64::from(timestamp.subsec_nanos()));
    match u64::try_from(timestamp.secs()) {
        Ok(secs) => UNIX_EPOCH.checked_add(Duration::from_secs(secs) + nanos),
        Err(_) => UNIX_EPOCH
            .checked_sub(Duration::from_secs(timestamp.secs().unsigned_abs()))?
            .checked_add(nanos),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_convert_on_both_sides_of_the_epoch() {
        let after = to_system_time(Timestamp::new(1, 500_000_000)).unwrap();
        assert_eq!(after, UNIX_EPOCH + Duration::from_millis(1500));
        let before = to_system_time(Timestamp::new(-2, 500_000_000)).unwrap();
        assert_eq!(before, UNIX_EPOCH - Duration::from_millis(1500));
    }
}
