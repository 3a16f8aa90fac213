//! One call from a prepared request to its final response: per-attempt headers, signing,
//! timeouts, and retries in the standard mode. Not generic: compiled once in the runtime, not
//! once per operation in every generated crate.

mod auth;
mod headers;
mod settings;

use std::time::{Duration, SystemTime};

use http::header::{HeaderValue, DATE};
use http::{Request, Response};

pub use auth::SigningFailure;
pub(crate) use auth::{presign, AuthFailure, SigningSettings};
pub(crate) use headers::user_agent;
pub(crate) use settings::{CallSettings, ClockSkew};
pub use settings::{Clock, TimeoutConfig, TimeoutError};

use crate::auth::AuthScheme;
use crate::retry::{classify, RetryKind};
use crate::sleep::timeout;
use crate::timestamp::{Timestamp, TimestampFormat};
use crate::transport::{DynTransport, TransportError, TransportErrorKind};

/// What one call is: the operation's auth and retryable errors.
pub(crate) struct Call {
    pub(crate) auth: AuthScheme,
    pub(crate) retryable: &'static [(&'static str, bool)],
}

/// Why a call produced no response to parse.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Credentials could not be had, or the request could not be signed.
    Auth(AuthFailure),
    /// The last attempt's transport failure.
    Transport(TransportError),
    /// The operation timeout, or the last attempt's timeout, passed.
    Timeout(TimeoutError),
}

/// Error codes a wrong clock causes; retried (once the skew is known) only when the
/// response's `Date` shows the clock is off.
const SKEW_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// How far the local clock may be from the server's before requests are re-signed with the
/// server's time (SigV4 signatures are valid for 5 minutes either way).
const SKEW_TOLERANCE: Duration = Duration::from_secs(4 * 60);

/// Sends `request` until a response should be parsed: a success, an error that is not
/// retryable, or the last attempt's response.
pub(crate) async fn dispatch(
    transport: &dyn DynTransport,
    request: Request<Vec<u8>>,
    call: Call,
    settings: CallSettings,
) -> Result<Response<Vec<u8>>, Failure> {
    let operation_timeout = settings.timeouts.operation;
    match timeout(
        &settings.sleep,
        operation_timeout,
        attempts(transport, request, &call, &settings),
    )
    .await
    {
        Ok(result) => result,
        Err(()) => Err(Failure::Timeout(TimeoutError::operation(
            operation_timeout.unwrap_or_default(),
        ))),
    }
}

async fn attempts(
    transport: &dyn DynTransport,
    request: Request<Vec<u8>>,
    call: &Call,
    settings: &CallSettings,
) -> Result<Response<Vec<u8>>, Failure> {
    let max_attempts = settings.retry.max_attempts();
    let invocation_id = HeaderValue::from_str(&crate::random_uuid_v4()).unwrap_or(
        HeaderValue::from_static("00000000-0000-4000-8000-000000000000"),
    );
    let mut taken = 0;
    let mut attempt = 1;
    loop {
        let mut attempt_request = request.clone();
        headers::set_attempt_headers(
            &mut attempt_request,
            &settings.user_agent,
            &invocation_id,
            attempt,
            max_attempts,
        );
        let signing_time = settings.skew.adjust(settings.clock.now());
        auth::authenticate(&mut attempt_request, call.auth, settings, signing_time)
            .await
            .map_err(Failure::Auth)?;
        let sent = timeout(
            &settings.sleep,
            settings.timeouts.attempt,
            transport.send_boxed(attempt_request),
        )
        .await;
        let (kind, outcome) = match sent {
            Ok(Ok(response)) => {
                let Some(kind) = retry_kind(&response, call, settings) else {
                    if response.status().is_success() {
                        settings.retry_quota.refund(taken);
                    }
                    return Ok(response);
                };
                (kind, Ok(response))
            }
            Ok(Err(error)) => {
                let Some(kind) = transport_retry_kind(&error) else {
                    return Err(Failure::Transport(error));
                };
                (kind, Err(Failure::Transport(error)))
            }
            Err(()) => (
                RetryKind::Timeout,
                Err(Failure::Timeout(TimeoutError::attempt(
                    settings.timeouts.attempt.unwrap_or_default(),
                ))),
            ),
        };
        if attempt >= max_attempts {
            return outcome;
        }
        let Some(cost) = settings.retry_quota.acquire(kind) else {
            return outcome;
        };
        taken += cost;
        let backoff = settings.retry.backoff(attempt, fastrand::f64());
        settings.sleep.sleep(backoff).await;
        attempt += 1;
    }
}

/// Whether a transport failure is worth another attempt: timeouts, connection failures and
/// connections lost mid-exchange are; TLS failures, oversized or invalid responses and invalid
/// requests would fail the same way again.
fn transport_retry_kind(error: &TransportError) -> Option<RetryKind> {
    match error.kind() {
        TransportErrorKind::Timeout => Some(RetryKind::Timeout),
        TransportErrorKind::Connect
        | TransportErrorKind::Io
        | TransportErrorKind::IncompleteBody => Some(RetryKind::Transient),
        _ => None,
    }
}

/// Whether `response` is a failure worth another attempt, and of which kind. A clock-skew
/// error whose `Date` shows the local clock is off records the skew first, so that the next
/// attempt is signed with the server's time.
fn retry_kind(
    response: &Response<Vec<u8>>,
    call: &Call,
    settings: &CallSettings,
) -> Option<RetryKind> {
    let status = response.status();
    if status.is_success() || status.is_redirection() || status.is_informational() {
        return None;
    }
    let parts = crate::json_error_parts(response.headers(), response.body());
    let code = parts.code();
    if code.is_some_and(|c| SKEW_CODES.contains(&c)) {
        if let Some(skew) = server_skew(response, settings.clock.now()) {
            settings.skew.set(skew);
            return Some(RetryKind::Transient);
        }
    }
    classify(status.as_u16(), code, call.retryable)
}

/// The server clock minus ours, from the response's `Date`, when beyond the tolerance.
fn server_skew(response: &Response<Vec<u8>>, now: SystemTime) -> Option<i64> {
    let date = response.headers().get(DATE)?.to_str().ok()?;
    let server = Timestamp::parse(date, TimestampFormat::HttpDate).ok()?;
    let local = match now.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).ok()?,
        Err(e) => -i64::try_from(e.duration().as_secs()).ok()?,
    };
    let skew = server.secs().checked_sub(local)?;
    (skew.unsigned_abs() > SKEW_TOLERANCE.as_secs()).then_some(skew)
}

#[cfg(test)]
mod tests;
