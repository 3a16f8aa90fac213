//! Turning hyper's, rustls' and the connector's errors into [`TransportError`]s of the right
//! kind, with messages that name the destination (scheme, host and port: never a path, a query,
//! user information or a header value, any of which may hold a secret).

use std::error::Error as StdError;
use std::fmt;
use std::io;
use std::time::Duration;

use http::Uri;

use crate::transport::{TransportError, TransportErrorKind};

type BoxError = Box<dyn StdError + Send + Sync>;

/// Where a request goes, as errors show it: `https://example.com:443`.
#[derive(Clone, Debug)]
pub(crate) struct Target {
    scheme: &'static str,
    /// As in the URI: IPv6 addresses keep their brackets.
    host: String,
    port: u16,
}

impl Target {
    /// The target of an absolute `http` or `https` URI; `None` for anything else.
    pub(crate) fn of(uri: &Uri) -> Option<Target> {
        let (scheme, default_port) = match uri.scheme_str()? {
            s if s.eq_ignore_ascii_case("https") => ("https", 443),
            s if s.eq_ignore_ascii_case("http") => ("http", 80),
            _ => return None,
        };
        let host = uri.host().filter(|host| !host.is_empty())?;
        Some(Target {
            scheme,
            host: host.to_owned(),
            port: uri.port_u16().unwrap_or(default_port),
        })
    }

    pub(crate) fn is_https(&self) -> bool {
        self.scheme == "https"
    }

    /// The host without IPv6 brackets, as TLS wants it for the server name.
    pub(crate) fn bare_host(&self) -> &str {
        self.host.trim_start_matches('[').trim_end_matches(']')
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}://{}:{}", self.scheme, self.host, self.port)
    }
}

/// An error of this transport: a complete message (the cause included, so that `{}` alone tells
/// what happened) and the underlying error, for programs that inspect it.
#[derive(Debug)]
pub(crate) struct HttpError {
    message: String,
    source: Option<BoxError>,
}

impl HttpError {
    pub(crate) fn new(message: impl Into<String>, source: Option<BoxError>) -> HttpError {
        HttpError {
            message: message.into(),
            source,
        }
    }
}

impl fmt::Display for HttpError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for HttpError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// A transport error of `kind` with `message` and, optionally, its cause.
pub(crate) fn error(
    kind: TransportErrorKind,
    message: impl Into<String>,
    source: Option<BoxError>,
) -> TransportError {
    TransportError::with_kind(kind, HttpError::new(message, source))
}

/// The connector's error: what hyper-util hands back, wrapped, when no connection could be made.
#[derive(Debug)]
pub(crate) struct ConnectError {
    pub(crate) kind: TransportErrorKind,
    message: String,
    source: Option<BoxError>,
}

impl ConnectError {
    pub(crate) fn new(
        kind: TransportErrorKind,
        message: impl Into<String>,
        source: Option<BoxError>,
    ) -> ConnectError {
        ConnectError {
            kind,
            message: message.into(),
            source,
        }
    }
}

impl fmt::Display for ConnectError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl StdError for ConnectError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// The read timeout ran out: no byte received or sent for `after` while a request was in
/// flight. Travels inside an [`io::Error`] of kind [`io::ErrorKind::TimedOut`] through hyper.
#[derive(Debug)]
pub(crate) struct ReadTimedOut {
    pub(crate) after: Duration,
}

impl fmt::Display for ReadTimedOut {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "no data for {:?} (read timeout)", self.after)
    }
}

impl StdError for ReadTimedOut {}

/// The first error of type `T` in `error`'s source chain, `error` included. An [`io::Error`]
/// wrapping a custom error hides it from `source()` (it passes on the custom error's own
/// source), so the walk looks inside those too.
pub(crate) fn find<'a, T: StdError + 'static>(
    error: &'a (dyn StdError + 'static),
) -> Option<&'a T> {
    let mut next = Some(error);
    while let Some(e) = next {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        next = match e.downcast_ref::<io::Error>().and_then(io::Error::get_ref) {
            // Its source is the io::Error's source.
            Some(wrapped) => Some(wrapped as &(dyn StdError + 'static)),
            None => e.source(),
        };
    }
    None
}

/// The description of the innermost cause: the most specific one ("Connection refused (os
/// error 111)" rather than hyper's "client error (Connect)").
pub(crate) fn root_cause(error: &(dyn StdError + 'static)) -> String {
    let mut last = error;
    while let Some(next) = last.source() {
        last = next;
    }
    last.to_string()
}

/// Classifies a failure of hyper-util's client before the response head arrived.
pub(crate) fn classify_request_error(
    error: hyper_util::client::legacy::Error,
    target: &Target,
) -> TransportError {
    let e: &(dyn StdError + 'static) = &error;
    if let Some(connect) = find::<ConnectError>(e) {
        let (kind, message) = (connect.kind, connect.message.clone());
        return self::error(kind, message, Some(Box::new(error)));
    }
    if let Some(timeout) = find::<ReadTimedOut>(e) {
        let message = format!("waiting for the response from {target}: {timeout}");
        return self::error(TransportErrorKind::Timeout, message, Some(Box::new(error)));
    }
    let (kind, message) = if let Some(h) = find::<hyper::Error>(e) {
        let cause = root_cause(e);
        if h.is_parse() || h.is_parse_status() {
            (
                TransportErrorKind::InvalidResponse,
                format!("invalid HTTP response from {target}: {cause}"),
            )
        } else if h.is_incomplete_message() {
            (
                TransportErrorKind::Io,
                format!("{target} closed the connection before the response head: {cause}"),
            )
        } else if h.is_user() {
            (
                TransportErrorKind::Other,
                format!("request to {target} not sent: {cause}"),
            )
        } else {
            (
                TransportErrorKind::Io,
                format!("request to {target} failed: {cause}"),
            )
        }
    } else if error.is_connect() {
        (
            TransportErrorKind::Connect,
            format!("connecting to {target} failed: {}", root_cause(e)),
        )
    } else {
        (
            TransportErrorKind::Other,
            format!("request to {target} failed: {}", root_cause(e)),
        )
    };
    self::error(kind, message, Some(Box::new(error)))
}

/// Classifies a failure while reading the response body, `received` bytes into it.
pub(crate) fn classify_body_error(
    error: hyper::Error,
    target: &Target,
    received: usize,
    expected: Option<u64>,
) -> TransportError {
    let e: &(dyn StdError + 'static) = &error;
    let of = match expected {
        Some(n) => format!(" of {n}"),
        None => String::new(),
    };
    if let Some(timeout) = find::<ReadTimedOut>(e) {
        let message = format!(
            "reading the response body from {target} ({received}{of} bytes received): {timeout}"
        );
        return self::error(TransportErrorKind::Timeout, message, Some(Box::new(error)));
    }
    let cause = root_cause(e);
    let invalid = find::<io::Error>(e).is_some_and(|io| io.kind() == io::ErrorKind::InvalidData);
    let (kind, message) = if invalid || error.is_parse() {
        (
            TransportErrorKind::InvalidResponse,
            format!("invalid response body from {target} after {received} bytes: {cause}"),
        )
    } else {
        (
            TransportErrorKind::IncompleteBody,
            format!("response body from {target} cut off after {received}{of} bytes: {cause}"),
        )
    };
    self::error(kind, message, Some(Box::new(error)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_shows_scheme_host_and_port_only() {
        let uri: Uri = "https://user:secret@example.com/key?X-Amz-Signature=abc"
            .parse()
            .unwrap();
        let target = Target::of(&uri).unwrap();
        assert_eq!(target.to_string(), "https://example.com:443");
        let uri: Uri = "http://[::1]:8080/".parse().unwrap();
        let target = Target::of(&uri).unwrap();
        assert_eq!(target.to_string(), "http://[::1]:8080");
        assert_eq!(target.bare_host(), "::1");
        assert!(Target::of(&"/relative".parse().unwrap()).is_none());
        assert!(Target::of(&"ftp://example.com/".parse().unwrap()).is_none());
    }

    #[test]
    fn find_walks_the_source_chain() {
        let inner = io::Error::new(
            io::ErrorKind::TimedOut,
            ReadTimedOut {
                after: Duration::ZERO,
            },
        );
        let outer = HttpError::new("outer", Some(Box::new(inner)));
        assert!(find::<ReadTimedOut>(&outer).is_some());
        assert!(find::<ConnectError>(&outer).is_none());
        assert_eq!(root_cause(&outer), "no data for 0ns (read timeout)");
    }
}
