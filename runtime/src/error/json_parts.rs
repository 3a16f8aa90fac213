//! Error code and message of a JSON error response (awsJson1_0, awsJson1_1, restJson1).

use http::HeaderMap;

use super::{sanitize_error_code, UnhandledError};
use crate::json::{JsonKind, JsonReader};
use crate::DecodeError;

/// The error code and message of an error response.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ErrorParts {
    /// The sanitized error code (the error shape's name), if the response carried one.
    pub code: Option<String>,
    /// The human-readable message, if any.
    pub message: Option<String>,
    /// The request id the service gave the failed request, if it sent one.
    pub request_id: Option<String>,
    /// The code of an awsQuery-compatible JSON service's `x-amzn-query-error` header
    /// (`AWS.SimpleQueueService.NonExistentQueue` of
    /// `AWS.SimpleQueueService.NonExistentQueue;Sender`): what the service reported under
    /// awsQuery, and what an unhandled error reports as its code. `code` still identifies the
    /// modeled error.
    pub query_code: Option<String>,
}

impl ErrorParts {
    /// The code as a `&str`, for matching against modeled error names.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The message as a `&str`.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The code to report: the awsQuery-compatible `query_code` when the response had one,
    /// else `code`.
    pub fn reported_code(&self) -> Option<&str> {
        self.query_code.as_deref().or(self.code.as_deref())
    }

    /// The fallback error for a code no modeled error matches: its code is the
    /// [`reported_code`](Self::reported_code), `Unknown` when the response had none.
    pub fn into_unhandled(self, body: Vec<u8>) -> UnhandledError {
        let code = self.reported_code().unwrap_or("Unknown").to_owned();
        UnhandledError::new(code, self.message, body)
    }
}

/// Top-level fields of an error body that can carry the code or message.
#[derive(Default)]
struct BodyFields {
    code: Option<String>,
    type_: Option<String>,
    message: Option<String>,
    message_capitalized: Option<String>,
}

/// Finds the error code and message of a JSON error response.
///
/// The code comes from, in order: the `X-Amzn-Errortype` header, the body's top-level `code`
/// string, the body's top-level `__type` string; it is then sanitized with
/// [`sanitize_error_code`]. The message is the body's top-level `message`, else `Message`.
///
/// An awsQuery-compatible service's `x-amzn-query-error` header (`Code;Fault`) gives
/// [`ErrorParts::query_code`]. A body that is an XML error rather than JSON (authentication
/// failures from some endpoints are, whatever the protocol) gives its `<Code>` and `<Message>`.
///
/// Never fails: a malformed body contributes nothing, and a header or field that is not text (or
/// sanitizes to nothing) is ignored.
pub fn json_error_parts(headers: &HeaderMap, body: &[u8]) -> ErrorParts {
    if starts_with(body, b'<') {
        let parts = super::xml_error_summary(headers, body);
        let header = headers
            .get("x-amzn-errortype")
            .and_then(|v| v.to_str().ok())
            .map(sanitize_error_code)
            .filter(|c| !c.is_empty());
        return ErrorParts {
            code: header.map(str::to_owned).or(parts.code),
            query_code: query_code(headers),
            ..parts
        };
    }
    let fields = body_fields(body).unwrap_or_default();
    let header = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok());
    let code = [header, fields.code.as_deref(), fields.type_.as_deref()]
        .into_iter()
        .flatten()
        .map(sanitize_error_code)
        .find(|c| !c.is_empty())
        .map(str::to_owned);
    ErrorParts {
        code,
        message: fields.message.or(fields.message_capitalized),
        request_id: header_request_id(headers),
        query_code: query_code(headers),
    }
}

/// Whether the first byte of `body` that is not whitespace is `first`.
pub(crate) fn starts_with(body: &[u8], first: u8) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&first)
}

/// The code of the `x-amzn-query-error` header (`Code;Fault`), if non-empty.
pub(crate) fn query_code(headers: &HeaderMap) -> Option<String> {
    let value = headers.get("x-amzn-query-error")?.to_str().ok()?;
    let code = value.split(';').next()?.trim();
    (!code.is_empty()).then(|| code.to_owned())
}

/// The request id headers of AWS services: `x-amzn-requestid` (JSON protocols),
/// `x-amz-request-id` (S3 and other restXml services).
pub(crate) fn header_request_id(headers: &HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .into_iter()
        .find_map(|name| headers.get(name)?.to_str().ok())
        .map(str::to_owned)
}

fn body_fields(body: &[u8]) -> Result<BodyFields, DecodeError> {
    let mut r = JsonReader::new(body);
    let mut fields = BodyFields::default();
    if r.peek_kind() != Some(JsonKind::Object) {
        return Ok(fields);
    }
    r.read_object(|r, key| {
        let slot = match key {
            "code" => &mut fields.code,
            "__type" => &mut fields.type_,
            "message" => &mut fields.message,
            "Message" => &mut fields.message_capitalized,
            _ => return r.skip_value(),
        };
        if r.peek_kind() == Some(JsonKind::String) {
            *slot = Some(r.read_string()?.into_owned());
            Ok(())
        } else {
            r.skip_value()
        }
    })?;
    r.finish()?;
    Ok(fields)
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;

    fn parts(header: Option<&str>, body: &str) -> ErrorParts {
        let mut headers = HeaderMap::new();
        if let Some(h) = header {
            headers.insert("X-Amzn-Errortype", HeaderValue::from_str(h).unwrap());
        }
        json_error_parts(&headers, body.as_bytes())
    }

    #[test]
    fn code_precedence_header_then_code_then_type() {
        let body = r#"{"__type":"ns#FromType","code":"FromCode","message":"m"}"#;
        assert_eq!(
            parts(Some("FromHeader:http://x"), body).code(),
            Some("FromHeader")
        );
        assert_eq!(parts(None, body).code(), Some("FromCode"));
        assert_eq!(
            parts(None, r#"{"__type":"aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"}"#).code(),
            Some("FooError")
        );
        assert_eq!(parts(None, r#"{"code":5,"__type":"T"}"#).code(), Some("T"));
        assert_eq!(parts(Some(""), r#"{"code":"C"}"#).code(), Some("C"));
        assert_eq!(parts(None, "{}"), ErrorParts::default());
    }

    #[test]
    fn request_id_from_the_header() {
        let mut headers = HeaderMap::new();
        headers.insert("x-amzn-RequestId", HeaderValue::from_static("r-1"));
        assert_eq!(
            json_error_parts(&headers, b"{}").request_id.as_deref(),
            Some("r-1")
        );
    }

    #[test]
    fn message_lower_case_wins() {
        assert_eq!(
            parts(None, r#"{"Message":"upper"}"#).message(),
            Some("upper")
        );
        assert_eq!(
            parts(None, r#"{"Message":"upper","message":"lower"}"#).message(),
            Some("lower")
        );
        assert_eq!(parts(None, r#"{"errorMessage":"x"}"#).message(), None);
        assert_eq!(parts(None, r#"{"message":null}"#).message(), None);
    }

    #[test]
    fn malformed_bodies_yield_nothing_from_the_body() {
        for body in [
            "",
            "not json",
            r#"{"code":"C""#,
            r#"{"code":"C"} x"#,
            "[1]",
            "\"s\"",
            "{\"code\":\"\\ud800\"}",
        ] {
            assert_eq!(parts(None, body), ErrorParts::default(), "{body:?}");
            assert_eq!(parts(Some("H"), body).code(), Some("H"));
        }
    }

    #[test]
    fn query_compatible_header_gives_the_reported_code() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-amzn-query-error",
            HeaderValue::from_static("AWS.SimpleQueueService.NonExistentQueue;Sender"),
        );
        let body = br#"{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"m"}"#;
        let p = json_error_parts(&headers, body);
        assert_eq!(p.code(), Some("QueueDoesNotExist"));
        assert_eq!(
            p.reported_code(),
            Some("AWS.SimpleQueueService.NonExistentQueue")
        );
        let unhandled = p.into_unhandled(Vec::new());
        assert_eq!(unhandled.code(), "AWS.SimpleQueueService.NonExistentQueue");
        headers.insert("x-amzn-query-error", HeaderValue::from_static(";Sender"));
        assert_eq!(json_error_parts(&headers, body).query_code, None);
    }

    #[test]
    fn an_xml_body_is_read_as_an_xml_error() {
        // What an emulator answers a bad signature with, whatever the protocol.
        let body = b"  <ErrorResponse><Error><Code>SignatureDoesNotMatch</Code>\
            <Message>bad</Message></Error><RequestId>r-9</RequestId></ErrorResponse>";
        let p = json_error_parts(&HeaderMap::new(), body);
        assert_eq!(p.code(), Some("SignatureDoesNotMatch"));
        assert_eq!(p.message(), Some("bad"));
        assert_eq!(p.request_id.as_deref(), Some("r-9"));
        assert_eq!(
            parts(Some("FromHeader"), "<Error/>").code(),
            Some("FromHeader")
        );
        assert_eq!(parts(None, "<not xml"), ErrorParts::default());
    }

    #[test]
    fn an_xml_summary_of_a_json_body_reads_it_as_json() {
        let p =
            super::super::xml_error_summary(&HeaderMap::new(), br#" {"code":"C","message":"m"}"#);
        assert_eq!((p.code(), p.message()), (Some("C"), Some("m")));
    }

    #[test]
    fn non_text_header_is_ignored() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-amzn-errortype",
            HeaderValue::from_bytes(b"\xffbad").unwrap(),
        );
        let p = json_error_parts(&headers, br#"{"code":"C"}"#);
        assert_eq!(p.code(), Some("C"));
    }

    #[test]
    fn into_unhandled_defaults_the_code() {
        let e = ErrorParts::default().into_unhandled(b"x".to_vec());
        assert_eq!(e.code(), "Unknown");
        assert_eq!(e.body(), b"x");
        let e = parts(None, r#"{"code":"C","message":"m"}"#).into_unhandled(Vec::new());
        assert_eq!(e.to_string(), "C: m");
    }
}
