//! Botocore member references → Smithy members: the target and the member traits, HTTP
//! bindings (`location`, `locationName`, `payload`) among them.

use serde_json::{json, Map, Value};

use super::fields::{self, Object};
use super::{shapes, shown, Context};
use crate::{Error, Result};

/// What the structure holding a member says about it.
pub(in crate::model::botocore) struct Owner {
    /// Listed in the structure's `required`.
    pub required: bool,
    /// Named by the structure's `payload`.
    pub payload: bool,
    /// The structure is a union (`union` or `eventstream`): its members cannot be required.
    pub union: bool,
}

/// A structure member.
pub(in crate::model::botocore) fn member(
    context: &Context,
    name: &str,
    reference: &Value,
    owner: Owner,
) -> Result<Value> {
    let (target, body) = fields::reference(reference, name)?;
    let target_id = target_id(context, target, body)?;
    let protocols = &context.protocols;
    let mut traits = Map::new();
    documentation(body, &mut traits)?;
    deprecation(body, &mut traits)?;
    if owner.required && !owner.union {
        traits.insert("smithy.api#required".into(), json!({}));
    }
    for (flag, id) in [
        ("idempotencyToken", "smithy.api#idempotencyToken"),
        ("hostLabel", "smithy.api#hostLabel"),
        ("eventpayload", "smithy.api#eventPayload"),
        ("eventheader", "smithy.api#eventHeader"),
    ] {
        if fields::flag(body, flag)? {
            traits.insert(id.into(), json!({}));
        }
    }
    if let Some(param) = fields::nested(body, "contextParam")? {
        fields::required_string(param, "name")
            .map_err(|e| Error::new(format!("contextParam: {}", e.message())))?;
        traits.insert(
            "smithy.rules#contextParam".into(),
            Value::Object(param.clone()),
        );
    }
    if protocols.xml {
        let target_body = context.shapes.get(target).and_then(Value::as_object);
        let flattened = fields::flag(body, "flattened")?
            || target_body.is_some_and(|t| fields::flag(t, "flattened").unwrap_or(false));
        if flattened {
            traits.insert("smithy.api#xmlFlattened".into(), json!({}));
        }
        if fields::flag(body, "xmlAttribute")? {
            traits.insert("smithy.api#xmlAttribute".into(), json!({}));
        }
        if let Some(namespace) = body.get("xmlNamespace") {
            traits.insert("smithy.api#xmlNamespace".into(), xml_namespace(namespace)?);
        }
    }
    if let (Some(query_name), true) = (fields::string(body, "queryName")?, protocols.ec2) {
        traits.insert("aws.protocols#ec2QueryName".into(), json!(query_name));
    }
    let location = fields::string(body, "location")?;
    let location_name = fields::string(body, "locationName")?;
    if protocols.rest {
        if owner.payload {
            traits.insert("smithy.api#httpPayload".into(), json!({}));
        }
        if let Some(location) = location {
            let target_is_map = context
                .shapes
                .get(target)
                .and_then(|t| t.get("type"))
                .and_then(Value::as_str)
                == Some("map");
            let (id, value) = binding(location, location_name.unwrap_or(name), target_is_map)?;
            traits.insert(id.into(), value);
            // A URI label cannot be absent and Smithy requires `@required` on it; botocore
            // lists label members in `required` in practice, and a file that does not still
            // loads.
            if location == "uri" {
                traits.insert("smithy.api#required".into(), json!({}));
            }
        }
    }
    if let (None, Some(wire_name)) = (location, location_name) {
        if protocols.json_names {
            traits.insert("smithy.api#jsonName".into(), json!(wire_name));
        }
        if protocols.xml {
            traits.insert("smithy.api#xmlName".into(), json!(wire_name));
        }
    }
    Ok(json!({ "target": target_id, "traits": traits }))
}

/// A list's `member` or a map's `key`/`value`.
pub(in crate::model::botocore) fn element(
    context: &Context,
    key: &str,
    reference: &Value,
) -> Result<Value> {
    let (target, body) = fields::reference(reference, key)?;
    let target_id = target_id(context, target, body)?;
    let mut traits = Map::new();
    documentation(body, &mut traits)?;
    if context.protocols.xml {
        if let Some(name) = fields::string(body, "locationName")? {
            traits.insert("smithy.api#xmlName".into(), json!(name));
        }
        // A map's key and value (and a list's member) may declare their own namespace.
        if let Some(namespace) = body.get("xmlNamespace") {
            traits.insert("smithy.api#xmlNamespace".into(), xml_namespace(namespace)?);
        }
    }
    Ok(json!({ "target": target_id, "traits": traits }))
}

/// The Smithy id a reference targets: the botocore shape, or its copy with the shape traits
/// the reference asks for (see `shapes::Usage`).
fn target_id(context: &Context, target: &str, body: &Object) -> Result<String> {
    let target_body = context
        .shapes
        .get(target)
        .ok_or_else(|| Error::new(format!("targets `{}`, which is not defined", shown(target))))?;
    let target_body = fields::object(target_body, "a shape")
        .map_err(|e| Error::new(format!("target `{}`: {}", shown(target), e.message())))?;
    let demand = shapes::demand_of(body, target_body)?;
    Ok(context.shape_id(context.usage.target_for(target, demand)))
}

/// `location` → the HTTP binding trait and its value.
fn binding(location: &str, wire_name: &str, target_is_map: bool) -> Result<(&'static str, Value)> {
    Ok(match location {
        "uri" => ("smithy.api#httpLabel", json!({})),
        "querystring" if target_is_map => ("smithy.api#httpQueryParams", json!({})),
        "querystring" => ("smithy.api#httpQuery", json!(wire_name)),
        "header" if target_is_map => ("smithy.api#httpPrefixHeaders", json!(wire_name)),
        "header" => ("smithy.api#httpHeader", json!(wire_name)),
        "headers" => ("smithy.api#httpPrefixHeaders", json!(wire_name)),
        "statusCode" => ("smithy.api#httpResponseCode", json!({})),
        other => {
            return Err(Error::new(format!(
            "unknown `location` `{}` (expected uri, querystring, header, headers or statusCode)",
            shown(other)
        )))
        }
    })
}

/// `xmlNamespace`: `{"uri": …, "prefix": …}` (or a bare URI string).
pub(in crate::model::botocore) fn xml_namespace(value: &Value) -> Result<Value> {
    if let Some(uri) = value.as_str() {
        return Ok(json!({ "uri": uri }));
    }
    let body = fields::object(value, "`xmlNamespace`")?;
    let mut namespace = Map::new();
    namespace.insert("uri".into(), json!(fields::required_string(body, "uri")?));
    if let Some(prefix) = fields::string(body, "prefix")? {
        namespace.insert("prefix".into(), json!(prefix));
    }
    Ok(Value::Object(namespace))
}

/// `documentation` (HTML, kept as is) → `@documentation`.
pub(in crate::model::botocore) fn documentation(
    body: &Object,
    traits: &mut Map<String, Value>,
) -> Result<()> {
    if let Some(docs) = fields::string(body, "documentation")? {
        traits.insert("smithy.api#documentation".into(), json!(docs));
    }
    Ok(())
}

/// `deprecated`, `deprecatedMessage`, `deprecatedSince` → `@deprecated(message, since)`.
pub(in crate::model::botocore) fn deprecation(
    body: &Object,
    traits: &mut Map<String, Value>,
) -> Result<()> {
    let message = fields::string(body, "deprecatedMessage")?;
    let since = fields::string(body, "deprecatedSince")?;
    if !fields::flag(body, "deprecated")? {
        return Ok(());
    }
    let mut value = Map::new();
    if let Some(message) = message {
        value.insert("message".into(), json!(message));
    }
    if let Some(since) = since {
        value.insert("since".into(), json!(since));
    }
    traits.insert("smithy.api#deprecated".into(), Value::Object(value));
    Ok(())
}
