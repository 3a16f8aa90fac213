//! Sorting a response into success or error, the same way for every protocol.

use http::{HeaderMap, Response, StatusCode};

use crate::error::{ErrorParts, UnhandledError};

/// An error response: the HTTP response itself (status, headers, body) and the error code and
/// message the protocol's rules found in it. Generated error decoders read the body (and, for
/// the REST protocols, the headers) to build the modeled error the code names.
#[derive(Clone, Debug)]
pub struct ErrorResponse {
    // Boxed: errors are the cold path, and a small `Err` keeps every `Result` small.
    response: Box<Response<Vec<u8>>>,
    parts: ErrorParts,
}

impl ErrorResponse {
    /// An error response whose code and message are `parts`.
    pub fn new(response: Response<Vec<u8>>, parts: ErrorParts) -> Self {
        ErrorResponse {
            response: Box::new(response),
            parts,
        }
    }

    /// An error response whose code and message follow the JSON protocols' rules
    /// ([`json_error_parts`](crate::json_error_parts)).
    pub fn json(response: Response<Vec<u8>>) -> Self {
        let parts = crate::json_error_parts(response.headers(), response.body());
        ErrorResponse::new(response, parts)
    }

    /// The sanitized error code, if the response carried one.
    pub fn code(&self) -> Option<&str> {
        self.parts.code()
    }

    /// The error message, if the response carried one.
    pub fn message(&self) -> Option<&str> {
        self.parts.message()
    }

    /// The request id the service gave the failed request, if it sent one.
    pub fn request_id(&self) -> Option<&str> {
        self.parts.request_id.as_deref()
    }

    /// S3's extended request id (the `x-amz-id-2` header), if the service sent one.
    pub fn extended_request_id(&self) -> Option<&str> {
        self.headers().get("x-amz-id-2")?.to_str().ok()
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        self.response.headers()
    }

    /// The response body.
    pub fn body(&self) -> &[u8] {
        self.response.body()
    }

    /// The whole HTTP response.
    pub fn response(&self) -> &Response<Vec<u8>> {
        &self.response
    }

    /// The fallback error for a code no modeled error matches: code (the awsQuery-compatible
    /// code when the response had one, `Unknown` when it had none), message, body, status and
    /// request ids.
    pub fn to_unhandled(&self) -> UnhandledError {
        UnhandledError::new(
            self.parts.reported_code().unwrap_or("Unknown"),
            self.parts.message.clone(),
            self.body().to_vec(),
        )
        .with_status(self.status().as_u16())
        .with_request_ids(
            self.request_id().map(str::to_owned),
            self.extended_request_id().map(str::to_owned),
        )
    }
}

/// Sorts a response: a success status (below 300) gives the response back, any other gives an
/// [`ErrorResponse`] whose code and message `find_parts` reads from the headers and body
/// ([`json_error_parts`](crate::json_error_parts) for the JSON protocols).
///
/// Not generic, so one copy serves every operation.
pub fn split_response(
    response: Response<Vec<u8>>,
    find_parts: fn(&HeaderMap, &[u8]) -> ErrorParts,
) -> Result<Response<Vec<u8>>, ErrorResponse> {
    if response.status().as_u16() < 300 {
        Ok(response)
    } else {
        let parts = find_parts(response.headers(), response.body());
        Err(ErrorResponse::new(response, parts))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_error_parts;

    fn response(status: u16, body: &str) -> Response<Vec<u8>> {
        Response::builder()
            .status(status)
            .header("x-amzn-errortype", "ns#Throttled:http://x")
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    #[test]
    fn success_passes_through_and_errors_carry_their_parts() {
        let ok = split_response(response(204, ""), json_error_parts).unwrap();
        assert_eq!(ok.status(), 204);
        let error =
            split_response(response(429, r#"{"message":"slow"}"#), json_error_parts).unwrap_err();
        assert_eq!(error.code(), Some("Throttled"));
        assert_eq!(error.message(), Some("slow"));
        assert_eq!(error.status(), 429);
        assert_eq!(error.headers()["x-amzn-errortype"], "ns#Throttled:http://x");
        assert_eq!(error.body(), br#"{"message":"slow"}"#);
        let unhandled = error.to_unhandled();
        assert_eq!(unhandled.code(), "Throttled");
        assert_eq!(unhandled.status(), Some(429));
        assert_eq!(unhandled.body(), br#"{"message":"slow"}"#);
        let direct = ErrorResponse::json(response(400, r#"{"message":"m"}"#));
        assert_eq!(
            (direct.code(), direct.message()),
            (Some("Throttled"), Some("m"))
        );
        let redirect = split_response(response(301, ""), |_, _| ErrorParts::default());
        assert_eq!(redirect.unwrap_err().to_unhandled().code(), "Unknown");
    }
}
