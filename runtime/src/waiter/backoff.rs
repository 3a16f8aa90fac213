//! The delay before each retry of a waiter, as Smithy's waiters specification computes it:
//! exponential from `min_delay`, capped at `max_delay`, fully jittered between `min_delay` and
//! that bound, and shortened so that the last attempt still has `min_delay` left before the
//! maximum wait time.

use std::time::Duration;

/// The shortest delay a waiter uses: a zero `min_delay` would let the last attempts follow each
/// other with no pause at all.
pub(crate) const FLOOR: Duration = Duration::from_millis(1);

/// The delay bounds of one wait, normalized: `FLOOR <= min <= max`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Backoff {
    min: Duration,
    max: Duration,
    /// The last attempt whose bound still doubles: `log2(max / min) + 1`.
    ceiling: u32,
}

impl Backoff {
    /// Bounds from a waiter's (or the caller's) `min_delay` and `max_delay`; a `max` below
    /// `min` is raised to it.
    pub(crate) fn new(min: Duration, max: Duration) -> Backoff {
        let min = min.max(FLOOR);
        let max = max.max(min);
        let ratio = max.as_secs_f64() / min.as_secs_f64();
        // `ratio >= 1`, so the logarithm is finite and non-negative; `as` saturates.
        let ceiling = (ratio.log2() + 1.0) as u32;
        Backoff { min, max, ceiling }
    }

    /// The delay before attempt `attempt + 1` (attempts count from 1), given `remaining`, the
    /// time left before the maximum wait, and `jitter` in `[0, 1]`. `None` when no attempt can
    /// be made any more: less than (or exactly) `min` is left.
    pub(crate) fn delay(&self, attempt: u32, remaining: Duration, jitter: f64) -> Option<Duration> {
        if remaining <= self.min {
            return None;
        }
        let bound = if attempt > self.ceiling {
            self.max
        } else {
            // `attempt <= ceiling`, so this is at most `max` (up to rounding, capped anyway).
            let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
            self.min.saturating_mul(factor).min(self.max)
        };
        let spread = bound.saturating_sub(self.min);
        // `mul_f64` panics on NaN: anything outside `[0, 1]` is brought into it.
        let jitter = if jitter.is_nan() {
            0.0
        } else {
            jitter.clamp(0.0, 1.0)
        };
        let delay = self.min + spread.mul_f64(jitter);
        // Leave the last attempt `min` before the deadline, as the specification says.
        if remaining.saturating_sub(delay) <= self.min {
            return Some(remaining - self.min);
        }
        Some(delay)
    }
}
