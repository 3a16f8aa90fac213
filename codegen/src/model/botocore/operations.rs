//! Botocore operations → Smithy operation shapes: input, output, errors and the operation
//! traits (`@http`, `@endpoint`, auth, checksums, endpoint context parameters…).

use serde_json::{json, Map, Value};

use super::fields::{self, Object};
use super::{members, shown, Context};
use crate::{Error, Result};

pub(in crate::model::botocore) fn convert_all(
    context: &Context,
    out: &mut Map<String, Value>,
) -> Result<()> {
    for (name, body) in context.operations {
        let at = |e: Error| e.with_shape(shown(name));
        let body = fields::object(body, "an operation").map_err(at)?;
        let operation = convert(context, body, out).map_err(at)?;
        out.insert(context.operation_id(name), operation);
    }
    Ok(())
}

fn convert(context: &Context, body: &Object, out: &mut Map<String, Value>) -> Result<Value> {
    let mut operation = Map::new();
    operation.insert("type".into(), json!("operation"));
    let mut input_members = None;
    if let Some(input) = body.get("input") {
        let (target, wrapper) = fields::reference(input, "input")?;
        operation.insert("input".into(), context.target(target)?);
        input_members = context
            .shapes
            .get(target)
            .and_then(|s| s.get("members"))
            .and_then(Value::as_object);
        wrapper_traits(context, target, wrapper, out)?;
    }
    if let Some(output) = body.get("output") {
        let (target, _) = fields::reference(output, "output")?;
        operation.insert("output".into(), context.target(target)?);
    }
    // Some botocore operations list an error twice (AppStream, Glue…); Smithy lists each once.
    let mut errors = Vec::new();
    for error in fields::array(body, "errors")? {
        let target = context.target(fields::reference(error, "errors")?.0)?;
        if !errors.contains(&target) {
            errors.push(target);
        }
    }
    if !errors.is_empty() {
        operation.insert("errors".into(), Value::Array(errors));
    }
    let mut traits = Map::new();
    members::documentation(body, &mut traits)?;
    members::deprecation(body, &mut traits)?;
    if context.protocols.rest {
        traits.insert("smithy.api#http".into(), http(body, input_members)?);
    }
    for (flag, id) in [
        ("idempotent", "smithy.api#idempotent"),
        ("readonly", "smithy.api#readonly"),
        ("httpChecksumRequired", "smithy.api#httpChecksumRequired"),
        ("unsignedPayload", "aws.auth#unsignedPayload"),
    ] {
        if fields::flag(body, flag)? {
            traits.insert(id.into(), json!({}));
        }
    }
    if let Some(endpoint) = fields::nested(body, "endpoint")? {
        let prefix = fields::required_string(endpoint, "hostPrefix")
            .map_err(|e| Error::new(format!("endpoint: {}", e.message())))?;
        traits.insert(
            "smithy.api#endpoint".into(),
            json!({ "hostPrefix": prefix }),
        );
    }
    // These have the same form in botocore and in Smithy.
    for (key, id) in [
        ("httpChecksum", "aws.protocols#httpChecksum"),
        ("requestcompression", "smithy.api#requestCompression"),
        ("staticContextParams", "smithy.rules#staticContextParams"),
        (
            "operationContextParams",
            "smithy.rules#operationContextParams",
        ),
    ] {
        if let Some(value) = fields::nested(body, key)? {
            traits.insert(id.into(), Value::Object(value.clone()));
        }
    }
    auth(body, &mut traits)?;
    operation.insert("traits".into(), Value::Object(traits));
    Ok(Value::Object(operation))
}

/// The input reference's `locationName` and `xmlNamespace` name the XML request body's root
/// element (Route 53, CloudFront, S3): in Smithy they are traits of the input structure.
fn wrapper_traits(
    context: &Context,
    target: &str,
    wrapper: &Object,
    out: &mut Map<String, Value>,
) -> Result<()> {
    if !context.protocols.xml {
        return Ok(());
    }
    let name = fields::string(wrapper, "locationName")?;
    let namespace = wrapper
        .get("xmlNamespace")
        .map(members::xml_namespace)
        .transpose()?;
    let traits = out
        .get_mut(&context.shape_id(target))
        .and_then(|shape| shape.get_mut("traits"))
        .and_then(Value::as_object_mut);
    if let Some(traits) = traits {
        if let Some(name) = name {
            traits.entry("smithy.api#xmlName").or_insert(json!(name));
        }
        if let Some(namespace) = namespace {
            traits.entry("smithy.api#xmlNamespace").or_insert(namespace);
        }
    }
    Ok(())
}

/// `http.method`, `http.requestUri`, `http.responseCode` → `@http(method, uri, code)`.
///
/// Botocore's URI labels carry the member's `locationName` (`{Bucket}`, `{Key+}`); Smithy's
/// carry the member name, so each label of the path is renamed to the input member bound to
/// it. The query part of the URI (`?uploads`, `?list-type=2`) holds literals and is kept.
fn http(body: &Object, input_members: Option<&Object>) -> Result<Value> {
    let http = fields::nested(body, "http")?.ok_or_else(|| Error::new("missing `http`"))?;
    let in_http = |e: Error| Error::new(format!("http: {}", e.message()));
    let method = fields::required_string(http, "method").map_err(in_http)?;
    let request_uri = fields::required_string(http, "requestUri").map_err(in_http)?;
    let (path, query) = request_uri.split_once('?').unwrap_or((request_uri, ""));
    let mut uri = String::with_capacity(request_uri.len());
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        uri.push_str(&rest[..=open]);
        let label = &rest[open + 1..close];
        let (label_name, greedy) = match label.strip_suffix('+') {
            Some(name) => (name, "+"),
            None => (label, ""),
        };
        uri.push_str(label_member(input_members, label_name).unwrap_or(label_name));
        uri.push_str(greedy);
        uri.push('}');
        rest = &rest[close + 1..];
    }
    uri.push_str(rest);
    if !query.is_empty() {
        uri.push('?');
        uri.push_str(query);
    }
    let code = fields::number(http, "responseCode")
        .map_err(in_http)?
        .cloned()
        .unwrap_or_else(|| 200.into());
    Ok(json!({ "method": method, "uri": uri, "code": code }))
}

/// The input member bound to URI label `label` (its `locationName`, else its own name).
fn label_member<'a>(members: Option<&'a Object>, label: &str) -> Option<&'a str> {
    members?.iter().find_map(|(name, member)| {
        let member = member.as_object()?;
        let location = member.get("location").and_then(Value::as_str);
        let wire = member
            .get("locationName")
            .and_then(Value::as_str)
            .unwrap_or(name);
        (location == Some("uri") && wire == label).then_some(name.as_str())
    })
}

/// `auth` (a list of scheme ids; `smithy.api#noAuth` means none) → `@auth`; `authtype`
/// `none` → `@optionalAuth`, `v4-unsigned-body` → `@unsignedPayload`.
fn auth(body: &Object, traits: &mut Map<String, Value>) -> Result<()> {
    if body.contains_key("auth") {
        let schemes: Vec<&str> = fields::strings(body, "auth")?
            .into_iter()
            .filter(|s| *s != "smithy.api#noAuth")
            .collect();
        traits.insert("smithy.api#auth".into(), json!(schemes));
    }
    match fields::string(body, "authtype")? {
        Some("none") => {
            traits.insert("smithy.api#optionalAuth".into(), json!({}));
        }
        Some("v4-unsigned-body") => {
            traits.insert("aws.auth#unsignedPayload".into(), json!({}));
        }
        _ => {}
    }
    Ok(())
}
