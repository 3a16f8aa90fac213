//! The headers the AWS SDKs add to every attempt: who is calling, and which attempt of which
//! invocation this is (so the service can tell retries from new calls).

use http::header::{HeaderName, HeaderValue, USER_AGENT};
use http::Request;

const INVOCATION_ID: HeaderName = HeaderName::from_static("amz-sdk-invocation-id");
const SDK_REQUEST: HeaderName = HeaderName::from_static("amz-sdk-request");
const AMZ_USER_AGENT: HeaderName = HeaderName::from_static("x-amz-user-agent");

/// The user agent in the SDKs' format (`name/version ua/2.1 api/<service> os/<os> lang/rust`):
/// services count calls by client from it.
pub(crate) fn user_agent(sdk_id: Option<&str>, app_id: Option<&str>) -> HeaderValue {
    let mut agent = format!("smithy-codegen/{} ua/2.1", env!("CARGO_PKG_VERSION"));
    if let Some(id) = sdk_id {
        agent.push_str(" api/");
        agent.push_str(&token(id));
    }
    agent.push_str(" os/");
    agent.push_str(std::env::consts::OS);
    agent.push_str(" lang/rust");
    if let Some(app) = app_id {
        agent.push_str(" app/");
        agent.push_str(&token(app));
    }
    // Every character is a token character or a separator we wrote.
    HeaderValue::from_str(&agent).unwrap_or(HeaderValue::from_static("smithy-codegen"))
}

/// `value` with what is not a user-agent token character replaced by `-` (`GameLift` stays,
/// `Elastic Load Balancing` becomes `elastic-load-balancing`).
fn token(value: &str) -> String {
    value
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c) {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// Sets the per-attempt headers on `request`.
pub(crate) fn set_attempt_headers(
    request: &mut Request<Vec<u8>>,
    user_agent: &HeaderValue,
    invocation_id: &HeaderValue,
    attempt: u32,
    max_attempts: u32,
) {
    let headers = request.headers_mut();
    headers.insert(USER_AGENT, user_agent.clone());
    headers.insert(AMZ_USER_AGENT, user_agent.clone());
    headers.insert(INVOCATION_ID, invocation_id.clone());
    let sdk_request = format!("attempt={attempt}; max={max_attempts}");
    if let Ok(value) = HeaderValue::from_str(&sdk_request) {
        headers.insert(SDK_REQUEST, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agent_names_the_service_and_platform() {
        let ua = user_agent(Some("Elastic Load Balancing"), Some("my app"));
        let ua = ua.to_str().unwrap();
        assert!(ua.starts_with("smithy-codegen/"), "{ua}");
        assert!(
            ua.contains(" ua/2.1 api/elastic-load-balancing os/"),
            "{ua}"
        );
        assert!(ua.ends_with(" lang/rust app/my-app"), "{ua}");
    }

    #[test]
    fn attempt_headers_count_attempts() {
        let mut request = Request::new(Vec::new());
        let id = HeaderValue::from_static("00000000-0000-4000-8000-000000000000");
        set_attempt_headers(&mut request, &user_agent(None, None), &id, 2, 3);
        assert_eq!(request.headers()["amz-sdk-request"], "attempt=2; max=3");
        assert_eq!(request.headers()["amz-sdk-invocation-id"], id);
        assert!(request.headers().contains_key("user-agent"));
    }
}
