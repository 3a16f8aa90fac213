//! What the HTTP providers (container, IMDS) share: building a request, and describing a
//! response that is not a success.

use http::{HeaderValue, Method, Request, Response};

use super::CredentialsError;
use crate::json::JsonReader;

/// A request with no body to the absolute `uri`.
pub(crate) fn request(
    method: Method,
    uri: &str,
    headers: &[(&'static str, HeaderValue)],
    provider: &'static str,
) -> Result<Request<Vec<u8>>, CredentialsError> {
    let mut builder = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        builder = builder.header(*name, value.clone());
    }
    builder.body(Vec::new()).map_err(|error| {
        let message = format!("could not build a request to {uri}");
        CredentialsError::provider_error(provider, message).with_source(error)
    })
}

/// A header value holding a secret: `Debug` of the request shows it as `Sensitive`.
pub(crate) fn secret_header(value: &str) -> Option<HeaderValue> {
    let mut value = HeaderValue::from_str(value).ok()?;
    value.set_sensitive(true);
    Some(value)
}

/// `what` answered `response`, which is not a success: the error names the status and, when
/// the body is a JSON object with a `code` or `message` (in any case), those.
pub(crate) fn status_error(
    provider: &'static str,
    what: &str,
    response: &Response<Vec<u8>>,
) -> CredentialsError {
    let mut message = format!("{what} answered {}", response.status());
    if let Some(detail) = error_detail(response.body()) {
        message.push_str(": ");
        message.push_str(&detail);
    }
    CredentialsError::provider_error(provider, message)
}

/// `code: message` from a JSON error body; only those two members are ever read.
fn error_detail(body: &[u8]) -> Option<String> {
    let (mut code, mut message): (Option<String>, Option<String>) = (None, None);
    JsonReader::new(body)
        .read_object(|r, key| {
            if key.eq_ignore_ascii_case("code") {
                code = r.field(key)?;
            } else if key.eq_ignore_ascii_case("message") {
                message = r.field(key)?;
            } else {
                r.skip_value()?;
            }
            Ok(())
        })
        .ok()?;
    let detail: Vec<String> = code.into_iter().chain(message).collect();
    (!detail.is_empty()).then(|| detail.join(": "))
}
