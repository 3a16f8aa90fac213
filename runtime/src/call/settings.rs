//! What a call takes from the client's configuration: cloned once per call (a few `Arc`s).

use std::fmt;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use http::header::HeaderValue;

use crate::retry::{RetryConfig, RetryQuota};
use crate::sleep::SharedAsyncSleep;

/// Time limits of a call. Unset, a call is limited only by the transport's own timeouts
/// (connect, read) and the retry policy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimeoutConfig {
    /// The whole call, every attempt and backoff included.
    pub operation: Option<Duration>,
    /// One attempt: sending the request and receiving the whole response.
    pub attempt: Option<Duration>,
}

/// A call or one of its attempts took longer than its [`TimeoutConfig`] allows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeoutError {
    limit: Duration,
    whole_call: bool,
}

impl TimeoutError {
    pub(crate) fn operation(limit: Duration) -> Self {
        TimeoutError {
            limit,
            whole_call: true,
        }
    }

    pub(crate) fn attempt(limit: Duration) -> Self {
        TimeoutError {
            limit,
            whole_call: false,
        }
    }

    /// The limit that passed.
    pub fn limit(&self) -> Duration {
        self.limit
    }

    /// Whether it was the whole call's limit ([`TimeoutConfig::operation`]) rather than the
    /// last attempt's.
    pub fn is_operation_timeout(&self) -> bool {
        self.whole_call
    }
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = if self.whole_call {
            "the call took longer than its operation timeout"
        } else {
            "the last attempt took longer than its attempt timeout"
        };
        write!(f, "{what} of {:?}", self.limit)
    }
}

impl std::error::Error for TimeoutError {}

/// Where the current time comes from: the system clock, or a fixed time in tests (signatures
/// depend on it).
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> SystemTime + Send + Sync>);

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock(Arc::new(SystemTime::now))
    }

    /// A clock that always reads `time`.
    pub fn fixed(time: SystemTime) -> Clock {
        Clock(Arc::new(move || time))
    }

    /// The current time.
    pub fn now(&self) -> SystemTime {
        (self.0)()
    }
}

impl Default for Clock {
    fn default() -> Self {
        Self::system()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Clock")
    }
}

/// The server's clock minus ours, in seconds, learned from a clock-skew error; shared by a
/// client's calls.
#[derive(Clone, Debug, Default)]
pub(crate) struct ClockSkew(Arc<AtomicI64>);

impl ClockSkew {
    pub(crate) fn set(&self, seconds: i64) {
        self.0.store(seconds, Ordering::Relaxed);
    }

    /// `time` moved by the known skew.
    pub(crate) fn adjust(&self, time: SystemTime) -> SystemTime {
        let skew = self.0.load(Ordering::Relaxed);
        let by = Duration::from_secs(skew.unsigned_abs());
        let adjusted = if skew >= 0 {
            time.checked_add(by)
        } else {
            time.checked_sub(by)
        };
        adjusted.unwrap_or(time)
    }
}

/// Everything a call needs besides the request.
#[derive(Clone, Debug)]
pub(crate) struct CallSettings {
    pub(crate) retry: RetryConfig,
    pub(crate) retry_quota: RetryQuota,
    pub(crate) timeouts: TimeoutConfig,
    pub(crate) sleep: SharedAsyncSleep,
    pub(crate) clock: Clock,
    pub(crate) skew: ClockSkew,
    pub(crate) user_agent: HeaderValue,
    #[cfg_attr(not(feature = "sigv4"), allow(dead_code))]
    pub(crate) signing: super::auth::SigningSettings,
}
