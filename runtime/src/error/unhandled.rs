//! The fallback for errors an operation does not model.

use std::fmt;

/// An error response whose code matched no modeled error: keeps what the service said.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnhandledError {
    code: String,
    message: Option<String>,
    body: Vec<u8>,
    status: Option<u16>,
    request_id: Option<String>,
    extended_request_id: Option<String>,
}

impl UnhandledError {
    /// An unhandled error with the sanitized `code`, the message if any and the raw body.
    pub fn new(code: impl Into<String>, message: Option<String>, body: Vec<u8>) -> Self {
        UnhandledError {
            code: code.into(),
            message,
            body,
            status: None,
            request_id: None,
            extended_request_id: None,
        }
    }

    /// The same error with the request ids the service sent: its request id and, for S3, the
    /// extended one (`x-amz-id-2`).
    pub fn with_request_ids(
        mut self,
        request_id: Option<String>,
        extended: Option<String>,
    ) -> Self {
        self.request_id = request_id;
        self.extended_request_id = extended;
        self
    }

    /// The request id the service gave the failed request (`x-amzn-RequestId`,
    /// `x-amz-request-id`, or the XML body's `RequestId`), if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }

    /// S3's extended request id (`x-amz-id-2`), if the service sent one.
    pub fn extended_request_id(&self) -> Option<&str> {
        self.extended_request_id.as_deref()
    }

    /// The same error with the HTTP status of the response it came from.
    pub fn with_status(mut self, status: u16) -> Self {
        self.status = Some(status);
        self
    }

    /// The HTTP status of the response, when the error came from one.
    pub fn status(&self) -> Option<u16> {
        self.status
    }

    /// The error code (`Unknown` when the response carried none).
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message, if the response had one.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The raw response body.
    pub fn body(&self) -> &[u8] {
        &self.body
    }
}

/// `code: message`, or just `code`.
impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        super::display_error(f, &self.code, self.message.as_deref())
    }
}

impl std::error::Error for UnhandledError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_accessors() {
        let e = UnhandledError::new("Throttling", Some("slow down".into()), b"{}".to_vec());
        assert_eq!(e.to_string(), "Throttling: slow down");
        assert_eq!(e.code(), "Throttling");
        assert_eq!(e.message(), Some("slow down"));
        assert_eq!(e.body(), b"{}");
        let e = UnhandledError::new("Boom", None, Vec::new());
        assert_eq!(e.to_string(), "Boom");
        assert_eq!(e.clone(), e);
        assert_eq!(e.status(), None);
        assert_eq!(e.with_status(404).status(), Some(404));
    }
}
