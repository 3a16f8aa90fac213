//! Which failed attempts are worth another try.

/// Why an attempt may be retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RetryKind {
    /// The service asked the client to slow down (a throttling code, status 429, or a
    /// `@retryable(throttling: true)` error).
    Throttling,
    /// A failure the next attempt may not meet: a 5xx status of the transient kind, a
    /// transient error code, a connection failure, or a `@retryable` error.
    Transient,
    /// The attempt timed out: retried like a transient failure, at a higher quota cost.
    Timeout,
}

/// Error codes the AWS SDKs treat as throttling, whatever the service.
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes the AWS SDKs treat as transient, whatever the status.
const TRANSIENT_CODES: &[&str] = &[
    "RequestTimeout",
    "RequestTimeoutException",
    "InternalError",
    "IDPCommunicationError",
];

/// Statuses that are transient whatever the body says.
const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Whether an error response with `status` and error `code` (sanitized, if the body had one)
/// is worth retrying. `retryable` lists the operation's `@retryable` errors as
/// `(code, throttling)`.
pub fn classify(status: u16, code: Option<&str>, retryable: &[(&str, bool)]) -> Option<RetryKind> {
    if let Some(code) = code {
        if let Some(&(_, throttling)) = retryable.iter().find(|(c, _)| *c == code) {
            return Some(if throttling {
                RetryKind::Throttling
            } else {
                RetryKind::Transient
            });
        }
        if THROTTLING_CODES.contains(&code) {
            return Some(RetryKind::Throttling);
        }
        if TRANSIENT_CODES.contains(&code) {
            return Some(RetryKind::Transient);
        }
    }
    if status == 429 {
        return Some(RetryKind::Throttling);
    }
    TRANSIENT_STATUSES
        .contains(&status)
        .then_some(RetryKind::Transient)
}
