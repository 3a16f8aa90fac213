//! The service shape, from botocore's `metadata`: protocols, names, auth schemes, endpoint rules.

use serde_json::{json, Map, Value};

use super::fields::{self, Object};
use super::{members, shown, Context, Siblings};
use crate::{Error, Result};

/// The protocols a service lists, in botocore's order, and what they mean for the mapping.
pub(in crate::model::botocore) struct Protocols {
    /// Smithy protocol trait ids, in botocore's order.
    pub traits: Vec<&'static str>,
    /// A REST protocol is listed: members and operations get HTTP bindings.
    pub rest: bool,
    /// restJson1 is listed: `locationName` is a `@jsonName` (the awsJson protocols ignore it).
    pub json_names: bool,
    /// An XML protocol (restXml, awsQuery, ec2Query) is listed: `locationName` is an `@xmlName`.
    pub xml: bool,
    /// ec2Query is listed: `queryName` is an `@ec2QueryName`.
    pub ec2: bool,
    /// awsQuery is listed or the service is `awsQueryCompatible`: error `code`s matter.
    pub query_errors: bool,
}

impl Protocols {
    pub fn read(metadata: &Object) -> Result<Self> {
        let in_metadata = |e: Error| Error::new(format!("metadata: {}", e.message()));
        let mut names = fields::strings(metadata, "protocols").map_err(in_metadata)?;
        if names.is_empty() {
            names.push(fields::required_string(metadata, "protocol").map_err(in_metadata)?);
        }
        let json_version = fields::string(metadata, "jsonVersion").map_err(in_metadata)?;
        let mut protocols = Self {
            traits: Vec::new(),
            rest: false,
            json_names: false,
            xml: false,
            ec2: false,
            query_errors: metadata.contains_key("awsQueryCompatible"),
        };
        for name in names {
            let id = match name {
                "json" if json_version == Some("1.1") => "aws.protocols#awsJson1_1",
                "json" => "aws.protocols#awsJson1_0",
                "rest-json" => {
                    protocols.rest = true;
                    protocols.json_names = true;
                    "aws.protocols#restJson1"
                }
                "rest-xml" => {
                    protocols.rest = true;
                    protocols.xml = true;
                    "aws.protocols#restXml"
                }
                "query" => {
                    protocols.xml = true;
                    protocols.query_errors = true;
                    "aws.protocols#awsQuery"
                }
                "ec2" => {
                    protocols.xml = true;
                    protocols.ec2 = true;
                    "aws.protocols#ec2Query"
                }
                "smithy-rpc-v2-cbor" => "smithy.protocols#rpcv2Cbor",
                other => {
                    return Err(Error::new(format!(
                        "metadata: unknown protocol `{}`",
                        shown(other)
                    )))
                }
            };
            if !protocols.traits.contains(&id) {
                protocols.traits.push(id);
            }
        }
        Ok(protocols)
    }
}

pub(in crate::model::botocore) fn convert(
    context: &Context,
    root: &Object,
    siblings: &Siblings,
) -> Result<Value> {
    let metadata = context.metadata;
    let in_metadata = |e: Error| Error::new(format!("metadata: {}", e.message()));
    let text = |key: &str| fields::string(metadata, key).map_err(in_metadata);
    let mut traits = Map::new();
    for id in &context.protocols.traits {
        traits.insert((*id).into(), json!({}));
    }
    if metadata.contains_key("awsQueryCompatible") {
        traits.insert("aws.protocols#awsQueryCompatible".into(), json!({}));
    }
    let service_id = fields::required_string(metadata, "serviceId").map_err(in_metadata)?;
    let endpoint_prefix = text("endpointPrefix")?;
    let mut aws_service = Map::new();
    aws_service.insert("sdkId".into(), json!(service_id));
    if let Some(prefix) = endpoint_prefix {
        aws_service.insert("endpointPrefix".into(), json!(prefix));
    }
    traits.insert("aws.api#service".into(), Value::Object(aws_service));
    let signing_name = text("signingName")?
        .or(endpoint_prefix)
        .unwrap_or(service_id);
    auth(metadata, signing_name, &mut traits)?;
    if let Some(title) = text("serviceFullName")? {
        traits.insert("smithy.api#title".into(), json!(title));
    }
    members::documentation(root, &mut traits)?;
    if let Some(namespace) = metadata.get("xmlNamespace") {
        traits.insert(
            "smithy.api#xmlNamespace".into(),
            members::xml_namespace(namespace).map_err(in_metadata)?,
        );
    }
    if let Some(rules) = &siblings.endpoint_rules {
        if !rules.is_object() {
            return Err(Error::new("the endpoint rule set must be a JSON object"));
        }
        traits.insert("smithy.rules#endpointRuleSet".into(), rules.clone());
    }
    if let Some(params) = fields::nested(root, "clientContextParams")? {
        // Same form in botocore and Smithy: name → {type, documentation}.
        traits.insert(
            "smithy.rules#clientContextParams".into(),
            Value::Object(params.clone()),
        );
    }
    let operations: Vec<Value> = context
        .operations
        .keys()
        .map(|name| json!({ "target": context.operation_id(name) }))
        .collect();
    let mut service = Map::new();
    service.insert("type".into(), json!("service"));
    if let Some(version) = text("apiVersion")? {
        service.insert("version".into(), json!(version));
    }
    service.insert("operations".into(), Value::Array(operations));
    service.insert("traits".into(), Value::Object(traits));
    Ok(Value::Object(service))
}

/// `metadata.auth` (scheme ids in order of preference) → one trait per scheme plus `@auth`;
/// without it, `signatureVersion` names the one scheme.
fn auth(metadata: &Object, signing_name: &str, traits: &mut Map<String, Value>) -> Result<()> {
    let in_metadata = |e: Error| Error::new(format!("metadata: {}", e.message()));
    let mut schemes = fields::strings(metadata, "auth").map_err(in_metadata)?;
    let listed = !schemes.is_empty();
    if !listed {
        match fields::string(metadata, "signatureVersion").map_err(in_metadata)? {
            Some("v4" | "s3" | "s3v4") => schemes.push("aws.auth#sigv4"),
            Some("v4a") => schemes.push("aws.auth#sigv4a"),
            Some("bearer") => schemes.push("smithy.api#httpBearerAuth"),
            // `v2` (SimpleDB) and anything else: no Smithy scheme; see docs/botocore.md.
            _ => {}
        }
    }
    for scheme in &schemes {
        let value = match *scheme {
            "aws.auth#sigv4" | "aws.auth#sigv4a" => json!({ "name": signing_name }),
            _ => json!({}),
        };
        traits.insert((*scheme).into(), value);
    }
    if listed {
        traits.insert("smithy.api#auth".into(), json!(schemes));
    }
    Ok(())
}
