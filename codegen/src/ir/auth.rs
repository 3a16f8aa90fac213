//! How an operation's requests are authenticated, from the service's and the operation's auth
//! traits (Smithy's "effective auth schemes").

use serde_json::Value;

use crate::model::Shape;
use crate::{Error, Result};

const SIGV4: &str = "aws.auth#sigv4";
const AUTH: &str = "smithy.api#auth";
const OPTIONAL_AUTH: &str = "smithy.api#optionalAuth";
const UNSIGNED_PAYLOAD: &str = "aws.auth#unsignedPayload";

/// The auth-scheme traits Smithy and AWS define (traits marked `@authDefinition`), in the
/// order Smithy lists a service's schemes when it has no `@auth` trait: by shape id.
const AUTH_DEFINITIONS: &[&str] = &[
    "aws.auth#cognitoUserPools",
    SIGV4,
    "aws.auth#sigv4a",
    "smithy.api#httpApiKeyAuth",
    "smithy.api#httpBasicAuth",
    "smithy.api#httpBearerAuth",
    "smithy.api#httpDigestAuth",
];

/// How one operation's requests are authenticated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Auth {
    /// Not signed: `@optionalAuth`, `@auth([])`, or a service without auth traits.
    None,
    /// AWS Signature Version 4 with the service's signing name (`@aws.auth#sigv4(name: …)`);
    /// `unsigned_payload` from `@unsignedPayload`.
    SigV4 {
        signing_name: String,
        unsigned_payload: bool,
    },
    /// Only schemes the runtime does not implement (the first, by shape id): calls fail with
    /// a clear error instead of going out unsigned.
    Unsupported(String),
}

/// The auth of `op` in `service`: the operation's `@auth` list, else the service's, else every
/// auth trait on the service; the first scheme the runtime supports wins.
pub fn operation_auth(service: &Shape, op: &Shape) -> Result<Auth> {
    if op.has_trait(OPTIONAL_AUTH) {
        return Ok(Auth::None);
    }
    let schemes = match (op.traits.get(AUTH), service.traits.get(AUTH)) {
        (Some(list), _) | (None, Some(list)) => scheme_list(list)?,
        (None, None) => AUTH_DEFINITIONS
            .iter()
            .filter(|id| service.has_trait(id))
            .map(|id| (*id).to_owned())
            .collect(),
    };
    if schemes.iter().any(|s| s == SIGV4) {
        let signing_name = match service.traits.get(SIGV4).and_then(|t| t.get("name")) {
            Some(Value::String(name)) if !name.is_empty() => name.clone(),
            _ => {
                return Err(Error::new(format!(
                    "the service has no `name` in its {SIGV4} trait, which signing needs"
                )))
            }
        };
        return Ok(Auth::SigV4 {
            signing_name,
            unsigned_payload: op.has_trait(UNSIGNED_PAYLOAD),
        });
    }
    Ok(match schemes.into_iter().next() {
        None => Auth::None,
        Some(other) => Auth::Unsupported(other),
    })
}

/// The shape ids of an `@auth` trait's list.
fn scheme_list(value: &Value) -> Result<Vec<String>> {
    let wrong = || Error::new(format!("trait {AUTH} must be a list of shape ids"));
    value
        .as_array()
        .ok_or_else(wrong)?
        .iter()
        .map(|v| v.as_str().map(str::to_owned).ok_or_else(wrong))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ShapeId, ShapeType};

    fn shape(traits: serde_json::Value) -> Shape {
        Shape {
            id: ShapeId::parse("ns#S").unwrap(),
            shape_type: ShapeType::Service,
            members: Vec::new(),
            traits: serde_json::from_value(traits).unwrap(),
            mixins: Vec::new(),
            bindings: Default::default(),
            file: 0,
        }
    }

    fn sigv4(unsigned_payload: bool) -> Auth {
        Auth::SigV4 {
            signing_name: "svc".to_owned(),
            unsigned_payload,
        }
    }

    #[test]
    fn effective_schemes_follow_the_operation_then_the_service() {
        let service = shape(serde_json::json!({
            "aws.auth#sigv4": {"name": "svc"},
            "smithy.api#httpBearerAuth": {}
        }));
        let op = |traits| operation_auth(&service, &shape(traits)).unwrap();
        assert_eq!(op(serde_json::json!({})), sigv4(false));
        assert_eq!(
            op(serde_json::json!({"aws.auth#unsignedPayload": {}})),
            sigv4(true)
        );
        assert_eq!(
            op(serde_json::json!({"smithy.api#optionalAuth": {}})),
            Auth::None
        );
        assert_eq!(op(serde_json::json!({"smithy.api#auth": []})), Auth::None);
        assert_eq!(
            op(serde_json::json!({"smithy.api#auth": ["smithy.api#httpBearerAuth"]})),
            Auth::Unsupported("smithy.api#httpBearerAuth".to_owned())
        );
        let bare = shape(serde_json::json!({}));
        assert_eq!(
            operation_auth(&bare, &shape(serde_json::json!({}))).unwrap(),
            Auth::None
        );
    }

    #[test]
    fn sigv4_without_a_name_or_a_malformed_auth_list_is_an_error() {
        let nameless = shape(serde_json::json!({"aws.auth#sigv4": {}}));
        let e = operation_auth(&nameless, &shape(serde_json::json!({}))).unwrap_err();
        assert!(e.to_string().contains("no `name`"), "{e}");
        let service = shape(serde_json::json!({"smithy.api#auth": "aws.auth#sigv4"}));
        let e = operation_auth(&service, &shape(serde_json::json!({}))).unwrap_err();
        assert!(e.to_string().contains("list of shape ids"), "{e}");
    }
}
