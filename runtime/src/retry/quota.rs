//! The retry quota: a token bucket a client's calls share, so that retries stop when most
//! attempts fail (a service outage) instead of multiplying the load.

use std::sync::{Arc, Mutex, PoisonError};

use super::RetryKind;

/// Tokens a client starts with.
const INITIAL: u32 = 500;
/// Tokens a retry takes.
const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout takes.
const TIMEOUT_RETRY_COST: u32 = 10;
/// Tokens a call that succeeded on its first attempt gives back (up to the initial amount).
const NO_RETRY_INCREMENT: u32 = 1;

/// A client's retry tokens. Clones share the same bucket.
#[derive(Clone, Debug)]
pub struct RetryQuota {
    tokens: Arc<Mutex<u32>>,
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self::new()
    }
}

impl RetryQuota {
    /// A full bucket (500 tokens).
    pub fn new() -> RetryQuota {
        RetryQuota {
            tokens: Arc::new(Mutex::new(INITIAL)),
        }
    }

    /// The tokens left.
    pub fn available(&self) -> u32 {
        *self.lock()
    }

    /// Takes the cost of a retry of `kind`; `None` (and nothing taken) when the bucket holds
    /// too few. The value returned is what to [`refund`](Self::refund) if the call succeeds.
    pub fn acquire(&self, kind: RetryKind) -> Option<u32> {
        let cost = match kind {
            RetryKind::Timeout => TIMEOUT_RETRY_COST,
            RetryKind::Throttling | RetryKind::Transient => RETRY_COST,
        };
        let mut tokens = self.lock();
        let left = tokens.checked_sub(cost)?;
        *tokens = left;
        Some(cost)
    }

    /// A call succeeded: gives back what its retries took, or one token when it needed none.
    pub fn refund(&self, taken: u32) {
        let amount = if taken == 0 {
            NO_RETRY_INCREMENT
        } else {
            taken
        };
        let mut tokens = self.lock();
        *tokens = tokens.saturating_add(amount).min(INITIAL);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, u32> {
        // A u32 cannot be left half-written: a poisoned lock is still usable.
        self.tokens.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
