//! Why a response did not give the operation's output: the service said no (a
//! [`ServiceError`], with the status and request id it came with), or the response could not be
//! read (a [`ResponseDecodeError`], with the status, the decoding error and the body).

use std::fmt;
use std::ops::Deref;

use http::Response;

use crate::response::ErrorResponse;
use crate::DecodeError;

/// Why [`Operation::parse_response`](crate::Operation::parse_response) gave no output.
#[derive(Debug, Clone, PartialEq)]
pub enum ParseError<E> {
    /// The service answered with an error: one of the operation's modeled errors, or an
    /// unhandled one.
    Service(ServiceError<E>),
    /// A success response whose body is not the operation's output.
    Decode(ResponseDecodeError),
}

impl<E> ParseError<E> {
    /// The service's error `error`, read from `response`.
    pub fn service(error: E, response: &ErrorResponse) -> Self {
        // Instantiated once per operation error type: what does not depend on `E` is done by
        // `ErrorMeta::of`, compiled once.
        ParseError::Service(ServiceError {
            error,
            meta: ErrorMeta::of(response),
        })
    }

    /// A success `response` whose body failed to decode with `error`.
    pub fn decode(error: DecodeError, response: Response<Vec<u8>>) -> Self {
        ParseError::Decode(ResponseDecodeError::new(error, response))
    }

    /// The service's error by value, if that is what this is.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            ParseError::Service(e) => Some(e.error),
            ParseError::Decode(_) => None,
        }
    }

    /// The service's error, if that is what this is.
    pub fn service_error(&self) -> Option<&E> {
        match self {
            ParseError::Service(e) => Some(&e.error),
            ParseError::Decode(_) => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for ParseError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Service(e) => fmt::Display::fmt(e, f),
            ParseError::Decode(e) => fmt::Display::fmt(e, f),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ParseError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ParseError::Service(e) => Some(&e.error),
            ParseError::Decode(e) => Some(&e.error),
        }
    }
}

/// An error the service answered with, and what came with it: the HTTP status and the request
/// ids to quote to AWS support. Dereferences to the error itself, so its methods (`code()`,
/// `message()`, `is_…()`) apply directly.
#[derive(Clone, PartialEq)]
pub struct ServiceError<E> {
    error: E,
    meta: ErrorMeta,
}

/// What an error response says besides the error: the part of a [`ServiceError`] that does not
/// depend on the error type.
#[derive(Debug, Clone, PartialEq)]
struct ErrorMeta {
    status: u16,
    request_id: Option<String>,
    extended_request_id: Option<String>,
}

impl ErrorMeta {
    fn of(response: &ErrorResponse) -> Self {
        ErrorMeta {
            status: response.status().as_u16(),
            request_id: response.request_id().map(str::to_owned),
            extended_request_id: response.extended_request_id().map(str::to_owned),
        }
    }
}

impl<E> ServiceError<E> {
    /// The operation's error.
    pub fn error(&self) -> &E {
        &self.error
    }

    /// The operation's error, by value.
    pub fn into_error(self) -> E {
        self.error
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.meta.status
    }

    /// The request id the service gave (`x-amzn-RequestId`, `x-amz-request-id`, or the XML
    /// body's `RequestId`).
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id.as_deref()
    }

    /// S3's extended request id (`x-amz-id-2`).
    pub fn extended_request_id(&self) -> Option<&str> {
        self.meta.extended_request_id.as_deref()
    }
}

/// Flat, as if the response's parts were fields of the error (they are kept apart only so that
/// building them is not compiled once per error type).
impl<E: fmt::Debug> fmt::Debug for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ServiceError")
            .field("error", &self.error)
            .field("status", &self.meta.status)
            .field("request_id", &self.meta.request_id)
            .field("extended_request_id", &self.meta.extended_request_id)
            .finish()
    }
}

impl<E> Deref for ServiceError<E> {
    type Target = E;

    fn deref(&self) -> &E {
        &self.error
    }
}

impl<E: fmt::Display> fmt::Display for ServiceError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (status {}", self.error, self.meta.status)?;
        if let Some(id) = &self.meta.request_id {
            write!(f, ", request id {id}")?;
        }
        f.write_str(")")
    }
}

impl<E: std::error::Error + 'static> std::error::Error for ServiceError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

/// A success response whose body is not the operation's output: the status, the decoding error
/// (with the path to the offending value) and the body as received.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseDecodeError {
    status: u16,
    error: DecodeError,
    body: Vec<u8>,
    request_id: Option<String>,
}

impl ResponseDecodeError {
    /// A success `response` whose body failed to decode with `error`.
    fn new(error: DecodeError, response: Response<Vec<u8>>) -> Self {
        ResponseDecodeError {
            request_id: crate::error::header_request_id(response.headers()),
            status: response.status().as_u16(),
            error,
            body: response.into_body(),
        }
    }

    /// The HTTP status of the response.
    pub fn status(&self) -> u16 {
        self.status
    }

    /// What could not be decoded, and where.
    pub fn decode_error(&self) -> &DecodeError {
        &self.error
    }

    /// The body as received.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The request id from the response's headers, if any.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for ResponseDecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the response (status {}, {} bytes) could not be decoded: {}",
            self.status,
            self.body.len(),
            self.error
        )
    }
}

impl std::error::Error for ResponseDecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorParts;

    fn error_response() -> ErrorResponse {
        let response = Response::builder()
            .status(409)
            .header("x-amz-id-2", "ext-1")
            .body(b"{}".to_vec())
            .unwrap();
        let parts = ErrorParts {
            code: Some("Conflict".to_owned()),
            request_id: Some("req-1".to_owned()),
            ..ErrorParts::default()
        };
        ErrorResponse::new(response, parts)
    }

    #[test]
    fn a_service_error_keeps_what_the_response_said() {
        let error = ParseError::service("conflict", &error_response());
        let ParseError::Service(service) = &error else {
            panic!("a service error: {error:?}");
        };
        assert_eq!(*service.error(), "conflict");
        assert_eq!(service.status(), 409);
        assert_eq!(service.request_id(), Some("req-1"));
        assert_eq!(service.extended_request_id(), Some("ext-1"));
        assert_eq!(error.to_string(), "conflict (status 409, request id req-1)");
        assert_eq!(
            format!("{service:?}"),
            r#"ServiceError { error: "conflict", status: 409, request_id: Some("req-1"), extended_request_id: Some("ext-1") }"#
        );
    }

    #[test]
    fn a_decode_failure_keeps_the_status_body_and_request_id() {
        let response = Response::builder()
            .status(200)
            .header("x-amzn-requestid", "req-2")
            .body(b"[1]".to_vec())
            .unwrap();
        let error = ParseError::<()>::decode(DecodeError::new("expected an object"), response);
        let ParseError::Decode(decode) = &error else {
            panic!("a decode error: {error:?}");
        };
        assert_eq!(decode.status(), 200);
        assert_eq!(decode.body(), b"[1]");
        assert_eq!(decode.request_id(), Some("req-2"));
        assert_eq!(decode.decode_error().to_string(), "expected an object");
    }
}
