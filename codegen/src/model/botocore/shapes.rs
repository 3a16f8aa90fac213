//! Botocore shapes → Smithy shapes: the type (structure, union, document, event stream, enum,
//! scalars, lists, maps) and the traits botocore keeps on the shape itself.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{json, Map, Value};

use super::fields::{self, Object};
use super::{members, shown, Context};
use crate::{Error, Result};

/// How botocore shapes are used, found before converting any: which are operation inputs,
/// outputs or member targets (for `@input`/`@output`), and which shape traits members ask of
/// their targets (`jsonvalue`, `streaming` are member flags in botocore, shape traits in Smithy).
pub(in crate::model::botocore) struct Usage {
    member_targets: BTreeSet<String>,
    /// Structure → how many operations take it as input (output).
    inputs: BTreeMap<String, usize>,
    outputs: BTreeMap<String, usize>,
    errors: BTreeSet<String>,
    /// A target whose references ask for different shape traits is copied: (target, demand) →
    /// the copy's name. A demand every reference agrees on is put on the target itself.
    copies: BTreeMap<(String, Demand), String>,
    on_target: BTreeMap<String, Demand>,
}

/// Shape traits a member reference asks of its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(in crate::model::botocore) struct Demand {
    /// `jsonvalue`: the string holds JSON (`@mediaType("application/json")`).
    pub json_value: bool,
    /// `streaming` on the member: the blob is a stream (`@streaming`).
    pub streaming: bool,
}

impl Demand {
    fn suffix(self) -> &'static str {
        match (self.json_value, self.streaming) {
            (true, true) => "JsonValueStream",
            (true, false) => "JsonValue",
            (false, true) => "Stream",
            (false, false) => "",
        }
    }
}

impl Usage {
    pub fn collect(operations: &Object, shapes: &Object) -> Result<Self> {
        let mut usage = Self {
            member_targets: BTreeSet::new(),
            inputs: BTreeMap::new(),
            outputs: BTreeMap::new(),
            errors: BTreeSet::new(),
            copies: BTreeMap::new(),
            on_target: BTreeMap::new(),
        };
        for (name, op) in operations {
            let at = |e: Error| e.with_shape(shown(name));
            let op = fields::object(op, "an operation").map_err(at)?;
            for (key, uses) in [("input", &mut usage.inputs), ("output", &mut usage.outputs)] {
                if let Some(value) = op.get(key) {
                    let target = fields::reference(value, key).map_err(at)?.0;
                    *uses.entry(target.to_owned()).or_default() += 1;
                }
            }
            for error in fields::array(op, "errors").map_err(at)? {
                let (error, _) = fields::reference(error, "errors").map_err(at)?;
                usage.errors.insert(error.to_owned());
            }
        }
        let mut demands: BTreeMap<String, BTreeSet<Demand>> = BTreeMap::new();
        for (name, shape) in shapes {
            let at = |e: Error| e.with_shape(shown(name));
            let shape = fields::object(shape, "a shape").map_err(at)?;
            for (member_name, member) in member_refs(shape).map_err(at)? {
                let (target, body) = fields::reference(member, &member_name).map_err(at)?;
                usage.member_targets.insert(target.to_owned());
                let Some(target_body) = shapes.get(target).and_then(Value::as_object) else {
                    continue; // reported when the member is converted
                };
                let demand = demand_of(body, target_body).map_err(at)?;
                demands.entry(target.to_owned()).or_default().insert(demand);
            }
        }
        for (target, wanted) in demands {
            let mut wanted = wanted.into_iter();
            match (wanted.next(), wanted.next()) {
                (Some(only), None) => {
                    usage.on_target.insert(target, only);
                }
                (first, second) => {
                    for demand in first.into_iter().chain(second).chain(wanted) {
                        if demand == Demand::default() {
                            continue;
                        }
                        let mut copy = format!("{target}{}", demand.suffix());
                        while shapes.contains_key(&copy) || operations.contains_key(&copy) {
                            copy.push('_');
                        }
                        usage.copies.insert((target.clone(), demand), copy);
                    }
                }
            }
        }
        Ok(usage)
    }

    /// The shape a member reference with `demand` targets: `target` or its copy.
    pub fn target_for<'a>(&'a self, target: &'a str, demand: Demand) -> &'a str {
        self.copies
            .get(&(target.to_owned(), demand))
            .map_or(target, String::as_str)
    }
}

/// `(member name, reference)` of every member of a structure, list or map.
fn member_refs(shape: &Object) -> Result<Vec<(String, &Value)>> {
    let mut refs = Vec::new();
    if let Some(members) = fields::nested(shape, "members")? {
        refs.extend(members.iter().map(|(name, m)| (name.clone(), m)));
    }
    for key in ["member", "key", "value"] {
        if let Some(reference) = shape.get(key) {
            refs.push((key.to_owned(), reference));
        }
    }
    Ok(refs)
}

/// The shape traits a member reference asks of its target, beyond what the target has.
/// The target's own fields are read leniently: a target of the wrong form is reported when
/// the target itself is converted, naming it rather than the referencing shape.
pub(in crate::model::botocore) fn demand_of(member: &Object, target: &Object) -> Result<Demand> {
    let target_type = target.get("type").and_then(Value::as_str);
    let target_streams = target.get("streaming") == Some(&Value::Bool(true));
    Ok(Demand {
        json_value: fields::flag(member, "jsonvalue")? && target_type == Some("string"),
        streaming: fields::flag(member, "streaming")?
            && target_type == Some("blob")
            && !target_streams,
    })
}

/// Converts every botocore shape (and the copies [`Usage`] asks for) into `out`.
pub(in crate::model::botocore) fn convert_all(
    context: &Context,
    out: &mut Map<String, Value>,
) -> Result<()> {
    for (name, body) in context.shapes {
        let at = |e: Error| e.with_shape(shown(name));
        let body = fields::object(body, "a shape").map_err(at)?;
        let mut shape = convert(context, name, body).map_err(at)?;
        if let Some(demand) = context.usage.on_target.get(name.as_str()) {
            add_demanded_traits(&mut shape, *demand);
        }
        out.insert(context.shape_id(name), shape.clone());
        for ((target, demand), copy) in &context.usage.copies {
            if target == name {
                let mut copied = shape.clone();
                add_demanded_traits(&mut copied, *demand);
                out.insert(format!("{}#{copy}", context.names.namespace), copied);
            }
        }
    }
    Ok(())
}

fn add_demanded_traits(shape: &mut Value, demand: Demand) {
    let Some(traits) = shape.as_object_mut().and_then(|s| {
        s.entry("traits")
            .or_insert_with(|| json!({}))
            .as_object_mut()
    }) else {
        return;
    };
    if demand.json_value {
        traits.insert("smithy.api#mediaType".into(), json!("application/json"));
    }
    if demand.streaming {
        traits.insert("smithy.api#streaming".into(), json!({}));
    }
}

fn convert(context: &Context, name: &str, body: &Object) -> Result<Value> {
    let type_name = fields::required_string(body, "type")?;
    let mut traits = common_traits(body)?;
    let mut shape = Map::new();
    let smithy_type = match type_name {
        "structure" => return structure(context, name, body, traits),
        "list" => {
            let member = body
                .get("member")
                .ok_or_else(|| Error::new("missing `member`"))?;
            shape.insert(
                "member".into(),
                members::element(context, "member", member)?,
            );
            length(body, &mut traits)?;
            sparse(body, &mut traits)?;
            xml_name(context, body, &mut traits)?;
            "list"
        }
        "map" => {
            for key in ["key", "value"] {
                let member = body
                    .get(key)
                    .ok_or_else(|| Error::new(format!("missing `{key}`")))?;
                shape.insert(key.into(), members::element(context, key, member)?);
            }
            length(body, &mut traits)?;
            sparse(body, &mut traits)?;
            "map"
        }
        "string" => {
            length(body, &mut traits)?;
            if let Some(pattern) = fields::string(body, "pattern")? {
                traits.insert("smithy.api#pattern".into(), json!(pattern));
            }
            string_enum(body, &mut traits)?;
            "string"
        }
        "blob" => {
            length(body, &mut traits)?;
            for (flag, id) in [
                ("streaming", "smithy.api#streaming"),
                ("requiresLength", "smithy.api#requiresLength"),
            ] {
                if fields::flag(body, flag)? {
                    traits.insert(id.into(), json!({}));
                }
            }
            "blob"
        }
        "timestamp" => {
            if let Some(format) = fields::string(body, "timestampFormat")? {
                traits.insert(
                    "smithy.api#timestampFormat".into(),
                    json!(timestamp_format(format)?),
                );
            }
            "timestamp"
        }
        "integer" | "long" | "float" | "double" => {
            range(body, &mut traits)?;
            type_name
        }
        "boolean" => "boolean",
        other => {
            return Err(Error::new(format!(
                "unknown botocore shape type `{}`",
                shown(other)
            )))
        }
    };
    shape.insert("type".into(), json!(smithy_type));
    shape.insert("traits".into(), Value::Object(traits));
    Ok(Value::Object(shape))
}

fn structure(
    context: &Context,
    name: &str,
    body: &Object,
    mut traits: Map<String, Value>,
) -> Result<Value> {
    let required: BTreeSet<&str> = fields::strings(body, "required")?.into_iter().collect();
    let members = fields::nested(body, "members")?
        .cloned()
        .unwrap_or_default();
    for member in &required {
        if !members.contains_key(*member) {
            return Err(Error::new(format!(
                "`required` names `{}`, which is not a member",
                shown(member)
            )));
        }
    }
    let smithy_type = if fields::flag(body, "document")? {
        "document"
    } else if fields::flag(body, "eventstream")? {
        traits.insert("smithy.api#streaming".into(), json!({}));
        "union"
    } else if fields::flag(body, "union")? {
        "union"
    } else {
        "structure"
    };
    if smithy_type == "document" {
        return Ok(json!({ "type": "document", "traits": traits }));
    }
    if fields::flag(body, "exception")? || fields::flag(body, "fault")? {
        error_traits(context, body, &mut traits)?;
    } else if smithy_type == "structure" {
        // Optionality as the Smithy models give it: every member of an operation input is
        // optional (`@input`). The AWS models put `@input` on structures that are operation
        // inputs and nothing else; botocore sometimes shares one between two operations (S3's
        // `GetBucketNotificationConfigurationRequest`), which keeps it an input. `@output`
        // changes no optionality, so only a structure that is one operation's output gets it.
        let usage = &context.usage;
        let uses = |map: &BTreeMap<String, usize>| map.get(name).copied().unwrap_or(0);
        let other_uses = usage.member_targets.contains(name) || usage.errors.contains(name);
        let (inputs, outputs) = (uses(&usage.inputs), uses(&usage.outputs));
        if !other_uses && inputs >= 1 && outputs == 0 {
            traits.insert("smithy.api#input".into(), json!({}));
        }
        if !other_uses && outputs == 1 && inputs == 0 {
            traits.insert("smithy.api#output".into(), json!({}));
        }
    }
    xml_name(context, body, &mut traits)?;
    if let Some(namespace) = body.get("xmlNamespace") {
        traits.insert(
            "smithy.api#xmlNamespace".into(),
            members::xml_namespace(namespace)?,
        );
    }
    let payload = fields::string(body, "payload")?;
    let mut converted = Map::new();
    for (member_name, member) in &members {
        let member = members::member(
            context,
            member_name,
            member,
            members::Owner {
                required: required.contains(member_name.as_str()),
                payload: payload == Some(member_name.as_str()),
                union: smithy_type == "union",
            },
        )
        .map_err(|e| Error::new(format!("member `{}`: {}", shown(member_name), e.message())))?;
        converted.insert(member_name.clone(), member);
    }
    Ok(json!({ "type": smithy_type, "members": converted, "traits": traits }))
}

/// `exception`/`fault` and `error` → `@error`, `@httpError`, `@awsQueryError`, `@retryable`.
fn error_traits(context: &Context, body: &Object, traits: &mut Map<String, Value>) -> Result<()> {
    let error = fields::nested(body, "error")?;
    let status = match error {
        Some(error) => fields::number(error, "httpStatusCode")
            .map_err(|e| Error::new(format!("error: {}", e.message())))?,
        None => None,
    };
    // `fault` marks server errors; older descriptions (IAM's `PolicyEvaluation`, status 500)
    // only give the status, which the AWS Smithy models read the same way.
    let sender_fault = error
        .and_then(|e| e.get("senderFault"))
        .and_then(Value::as_bool);
    let server_status = status.and_then(|s| s.as_u64()).is_some_and(|s| s >= 500);
    let server = fields::flag(body, "fault")?
        || sender_fault == Some(false)
        || (sender_fault.is_none() && server_status);
    traits.insert(
        "smithy.api#error".into(),
        json!(if server { "server" } else { "client" }),
    );
    if let Some(status) = status {
        traits.insert("smithy.api#httpError".into(), Value::Number(status.clone()));
    }
    let code = match error {
        Some(error) => fields::string(error, "code")
            .map_err(|e| Error::new(format!("error: {}", e.message())))?,
        None => None,
    };
    if let (Some(code), true) = (code, context.protocols.query_errors) {
        let status = status.cloned().unwrap_or_else(|| 400.into());
        traits.insert(
            "aws.protocols#awsQueryError".into(),
            json!({ "code": code, "httpResponseCode": status }),
        );
    }
    if let Some(retryable) = fields::nested(body, "retryable")? {
        let throttling = fields::flag(retryable, "throttling")
            .map_err(|e| Error::new(format!("retryable: {}", e.message())))?;
        traits.insert(
            "smithy.api#retryable".into(),
            json!({ "throttling": throttling }),
        );
    }
    Ok(())
}

/// Documentation, deprecation and sensitivity, which any shape may carry.
fn common_traits(body: &Object) -> Result<Map<String, Value>> {
    let mut traits = Map::new();
    members::documentation(body, &mut traits)?;
    members::deprecation(body, &mut traits)?;
    if fields::flag(body, "sensitive")? {
        traits.insert("smithy.api#sensitive".into(), json!({}));
    }
    Ok(traits)
}

/// Botocore keeps enum values only, no names: the `@enum` trait carries exactly that, and the
/// generator names variants after the values either way (see `docs/botocore.md`).
fn string_enum(body: &Object, traits: &mut Map<String, Value>) -> Result<()> {
    let values = fields::strings(body, "enum")?;
    if body.contains_key("enum") {
        let entries: Vec<Value> = values.iter().map(|v| json!({ "value": v })).collect();
        traits.insert("smithy.api#enum".into(), Value::Array(entries));
    }
    Ok(())
}

fn timestamp_format(format: &str) -> Result<&'static str> {
    match format {
        "iso8601" => Ok("date-time"),
        "unixTimestamp" => Ok("epoch-seconds"),
        "rfc822" => Ok("http-date"),
        other => Err(Error::new(format!(
            "unknown `timestampFormat` `{}` (expected iso8601, unixTimestamp or rfc822)",
            shown(other)
        ))),
    }
}

/// `min`/`max` of a string, blob, list or map → `@length` (whole numbers).
fn length(body: &Object, traits: &mut Map<String, Value>) -> Result<()> {
    let mut length = Map::new();
    for key in ["min", "max"] {
        if let Some(n) = fields::number(body, key)? {
            let whole = n
                .as_u64()
                .or_else(|| {
                    n.as_f64()
                        .filter(|f| f.fract() == 0.0 && *f >= 0.0)
                        .map(|f| f as u64)
                })
                .ok_or_else(|| Error::new(format!("`{key}` of a length must be a whole number")))?;
            length.insert(key.into(), json!(whole));
        }
    }
    if !length.is_empty() {
        traits.insert("smithy.api#length".into(), Value::Object(length));
    }
    Ok(())
}

/// `min`/`max` of a number → `@range`.
fn range(body: &Object, traits: &mut Map<String, Value>) -> Result<()> {
    let mut range = Map::new();
    for key in ["min", "max"] {
        if let Some(n) = fields::number(body, key)? {
            range.insert(key.into(), Value::Number(n.clone()));
        }
    }
    if !range.is_empty() {
        traits.insert("smithy.api#range".into(), Value::Object(range));
    }
    Ok(())
}

fn sparse(body: &Object, traits: &mut Map<String, Value>) -> Result<()> {
    if fields::flag(body, "sparse")? {
        traits.insert("smithy.api#sparse".into(), json!({}));
    }
    Ok(())
}

/// A structure's or list's `locationName` is its XML element name.
fn xml_name(context: &Context, body: &Object, traits: &mut Map<String, Value>) -> Result<()> {
    if let (Some(name), true) = (fields::string(body, "locationName")?, context.protocols.xml) {
        traits.insert("smithy.api#xmlName".into(), json!(name));
    }
    Ok(())
}
