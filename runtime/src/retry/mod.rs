//! Retries in the AWS SDKs' "standard" mode.
//!
//! Every call makes up to [`RetryConfig::max_attempts`] attempts (3 by default). An attempt is
//! retried only when it failed in a way another attempt may not: throttling, a transient server
//! error (500, 502, 503, 504), a connection failure or timeout, or a modeled error with
//! `@retryable` ([`classify`]). Before each retry the client waits a random time between zero
//! and `min(initial_backoff × 2^(attempt − 1), max_backoff)` (full jitter; 1 s and 20 s by
//! default), and takes tokens from the client's [`RetryQuota`] (5 per retry, 10 after a timeout,
//! out of 500; a successful call gives back what its retries took), so that a service in
//! trouble is not hammered by every client at once. Errors that are not retryable come back at
//! once.
//!
//! The settings come, in order, from code, `AWS_MAX_ATTEMPTS` / `AWS_RETRY_MODE`, and the
//! selected profile's `max_attempts` / `retry_mode` ([`RetryConfig::from_env`]).

mod classify;
mod quota;

use std::time::Duration;

pub use classify::{classify, RetryKind};
pub use quota::RetryQuota;

use crate::config::{ConfigError, Env, ProfileSet};

/// How many attempts a call makes and how long it waits between them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryConfig {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self::standard()
    }
}

impl RetryConfig {
    /// The standard mode's defaults: 3 attempts, backoff from 1 s doubling up to 20 s.
    pub const fn standard() -> RetryConfig {
        RetryConfig {
            max_attempts: 3,
            initial_backoff: Duration::from_secs(1),
            max_backoff: Duration::from_secs(20),
        }
    }

    /// One attempt, no retries.
    pub const fn disabled() -> RetryConfig {
        RetryConfig {
            max_attempts: 1,
            ..Self::standard()
        }
    }

    /// At most `attempts` attempts in all (the first included); 0 counts as 1.
    pub fn with_max_attempts(mut self, attempts: u32) -> RetryConfig {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The backoff bound before the first retry, doubled before each later one.
    pub fn with_initial_backoff(mut self, backoff: Duration) -> RetryConfig {
        self.initial_backoff = backoff;
        self
    }

    /// The largest backoff bound, however many retries came before.
    pub fn with_max_backoff(mut self, backoff: Duration) -> RetryConfig {
        self.max_backoff = backoff;
        self
    }

    /// The number of attempts a call makes at most.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The wait before retry number `retry` (1 for the first retry), given a random `jitter`
    /// in `[0, 1)`: `jitter × min(initial × 2^(retry − 1), max)`.
    pub fn backoff(&self, retry: u32, jitter: f64) -> Duration {
        let exponent = retry.saturating_sub(1).min(31);
        let bound = self
            .initial_backoff
            .saturating_mul(1u32 << exponent)
            .min(self.max_backoff);
        // `clamp` keeps NaN, which `mul_f64` would panic on.
        let jitter = if jitter.is_nan() {
            0.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        bound.mul_f64(jitter)
    }

    /// The settings from the environment where code left them unset: `AWS_MAX_ATTEMPTS`, else
    /// the selected profile's `max_attempts`; `AWS_RETRY_MODE`, else the profile's
    /// `retry_mode`. `standard` and `legacy` run as standard; `adaptive` (client-side rate
    /// limiting) is not supported and is an error rather than silently something else.
    pub fn from_env(self, env: &Env, profiles: &ProfileSet) -> Result<RetryConfig, ConfigError> {
        use crate::config::setting::Setting;
        let mut config = self;
        let setting = |env_name: &str, key: &str| {
            Setting::from_env(env, env_name).or_else(|| Setting::from_profile(profiles, key))
        };
        if let Some(mode) = setting("AWS_RETRY_MODE", "retry_mode") {
            let value = mode.value.to_ascii_lowercase();
            if value != "standard" && value != "legacy" {
                return Err(mode.error(if value == "adaptive" {
                    "the `adaptive` retry mode is not supported; use `standard`"
                } else {
                    "expected `standard`, `legacy` or `adaptive`"
                }));
            }
        }
        if let Some(attempts) = setting("AWS_MAX_ATTEMPTS", "max_attempts") {
            match attempts.value.parse::<u32>() {
                Ok(n) if n >= 1 => config.max_attempts = n,
                _ => return Err(attempts.error("expected a whole number of attempts, 1 or more")),
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests;
