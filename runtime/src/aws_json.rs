//! The awsJson1_0 and awsJson1_1 protocols: `POST /` with an `X-Amz-Target` header and the input
//! as a JSON object keyed by member names. Responses and errors are read by
//! [`json::decode_response`](crate::json::decode_response).

use http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use http::{Method, Request, Uri};

use crate::json::{to_vec, JsonEncode};
use crate::BuildError;

/// The two versions of the awsJson protocol, which differ only in their content type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AwsJsonVersion {
    /// `awsJson1_0`.
    V1_0,
    /// `awsJson1_1`.
    V1_1,
}

impl AwsJsonVersion {
    /// `application/x-amz-json-1.0` or `application/x-amz-json-1.1`.
    pub fn content_type(self) -> &'static str {
        match self {
            AwsJsonVersion::V1_0 => "application/x-amz-json-1.0",
            AwsJsonVersion::V1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// An awsJson request: `POST /` with the protocol's content type, `X-Amz-Target: <target>`
/// (`<Service>.<Operation>`, e.g. `GameLift.StartMatchBackfill`), `input` as the JSON body (`()`
/// is `{}`) and a `Content-Length`. What generated `build_request` functions return.
///
/// Never fails: the `Result` is the one every protocol's requests have. `target` is made of
/// Smithy identifiers, so it is always a valid header value; were it not, the header would be
/// left out (and the service would reject the request) rather than panic.
pub fn aws_json_request(
    version: AwsJsonVersion,
    target: &str,
    input: &dyn JsonEncode,
) -> Result<Request<Vec<u8>>, BuildError> {
    Ok(aws_json_request_with_body(version, target, to_vec(input)))
}

/// [`aws_json_request`] with a body already encoded.
pub fn aws_json_request_with_body(
    version: AwsJsonVersion,
    target: &str,
    body: Vec<u8>,
) -> Request<Vec<u8>> {
    let length = body.len();
    let mut request = Request::new(body);
    *request.method_mut() = Method::POST;
    *request.uri_mut() = Uri::from_static("/");
    let headers = request.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(version.content_type()),
    );
    if let Ok(target) = HeaderValue::from_str(target) {
        headers.insert("x-amz-target", target);
    }
    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    request
}

/// Marks a request of an `@awsQueryCompatible` service (a JSON service that was an awsQuery
/// one) with `x-amzn-query-mode: true`, as the AWS SDKs send it: the service then reports
/// errors with their awsQuery codes (`x-amzn-query-error`).
pub fn with_query_mode(
    request: Result<Request<Vec<u8>>, BuildError>,
) -> Result<Request<Vec<u8>>, BuildError> {
    request.map(|mut request| {
        request
            .headers_mut()
            .insert("x-amzn-query-mode", HeaderValue::from_static("true"));
        request
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_mode_header() {
        let request = with_query_mode(aws_json_request(AwsJsonVersion::V1_0, "S.Op", &())).unwrap();
        assert_eq!(request.headers()["x-amzn-query-mode"], "true");
        assert_eq!(request.headers()["x-amz-target"], "S.Op");
    }

    #[test]
    fn request_shape() {
        let request = aws_json_request(AwsJsonVersion::V1_1, "GameLift.Op", &()).unwrap();
        assert_eq!(request.body(), b"{}");
        assert_eq!(request.method(), Method::POST);
        assert_eq!(request.uri(), "/");
        assert_eq!(
            request.headers()[CONTENT_TYPE],
            "application/x-amz-json-1.1"
        );
        assert_eq!(request.headers()["x-amz-target"], "GameLift.Op");
        assert_eq!(request.headers()[CONTENT_LENGTH], "2");
        let bad = aws_json_request_with_body(AwsJsonVersion::V1_0, "bad\ntarget", Vec::new());
        assert!(bad.headers().get("x-amz-target").is_none());
        assert_eq!(bad.headers()[CONTENT_TYPE], "application/x-amz-json-1.0");
    }
}
