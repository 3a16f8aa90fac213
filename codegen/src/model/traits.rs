//! Typed access to the traits the generator understands. A trait whose JSON value
//! has the wrong type is an error naming the trait, never a silent default.

use serde_json::Value;

use super::Traits;
use crate::{Error, Result};

pub const DOCUMENTATION: &str = "smithy.api#documentation";
pub const REQUIRED: &str = "smithy.api#required";
pub const CLIENT_OPTIONAL: &str = "smithy.api#clientOptional";
pub const DEFAULT: &str = "smithy.api#default";
pub const BOX: &str = "smithy.api#box";
pub const INPUT: &str = "smithy.api#input";
pub const OUTPUT: &str = "smithy.api#output";
pub const ERROR: &str = "smithy.api#error";
pub const SENSITIVE: &str = "smithy.api#sensitive";
pub const SPARSE: &str = "smithy.api#sparse";
pub const ENUM_VALUE: &str = "smithy.api#enumValue";
pub const ENUM: &str = "smithy.api#enum";
pub const MIXIN: &str = "smithy.api#mixin";
pub const TIMESTAMP_FORMAT: &str = "smithy.api#timestampFormat";
pub const UNIT_TYPE: &str = "smithy.api#unitType";
pub const DEPRECATED: &str = "smithy.api#deprecated";
pub const JSON_NAME: &str = "smithy.api#jsonName";
pub const MEDIA_TYPE: &str = "smithy.api#mediaType";
pub const XML_NAME: &str = "smithy.api#xmlName";
pub const XML_NAMESPACE: &str = "smithy.api#xmlNamespace";
pub const XML_ATTRIBUTE: &str = "smithy.api#xmlAttribute";
pub const XML_FLATTENED: &str = "smithy.api#xmlFlattened";
pub const EC2_QUERY_NAME: &str = "aws.protocols#ec2QueryName";
pub const AWS_SERVICE: &str = "aws.api#service";
pub const AWS_QUERY_ERROR: &str = "aws.protocols#awsQueryError";
pub const AWS_QUERY_COMPATIBLE: &str = "aws.protocols#awsQueryCompatible";

/// A string-valued trait such as `@documentation`.
pub fn string<'a>(traits: &'a Traits, id: &str) -> Result<Option<&'a str>> {
    match traits.get(id) {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(other) => Err(wrong_type(id, "a string", other)),
    }
}

/// `@timestampFormat`: one of the three Smithy formats.
pub fn timestamp_format(traits: &Traits) -> Result<Option<&str>> {
    match string(traits, TIMESTAMP_FORMAT)? {
        None => Ok(None),
        Some(f @ ("epoch-seconds" | "date-time" | "http-date")) => Ok(Some(f)),
        Some(other) => Err(Error::new(format!(
            "trait {TIMESTAMP_FORMAT} has unknown format `{other}`"
        ))),
    }
}

/// An annotation trait (`{}` in the AST); any JSON value counts as present.
pub fn has(traits: &Traits, id: &str) -> bool {
    traits.contains_key(id)
}

/// `@enumValue` of a string enum member: a string.
pub fn enum_string_value(traits: &Traits) -> Result<Option<&str>> {
    string(traits, ENUM_VALUE)
}

/// `@enumValue` of an intEnum member: an integer that fits in `i32`.
pub fn enum_int_value(traits: &Traits) -> Result<Option<i32>> {
    match traits.get(ENUM_VALUE) {
        None => Ok(None),
        Some(value) => value
            .as_i64()
            .and_then(|v| i32::try_from(v).ok())
            .map(Some)
            .ok_or_else(|| wrong_type(ENUM_VALUE, "an integer in the i32 range", value)),
    }
}

/// `@error`: `"client"` or `"server"`.
pub fn error_kind(traits: &Traits) -> Result<Option<&str>> {
    match string(traits, ERROR)? {
        None => Ok(None),
        Some(k @ ("client" | "server")) => Ok(Some(k)),
        Some(other) => Err(Error::new(format!(
            "trait {ERROR} must be \"client\" or \"server\", not `{other}`"
        ))),
    }
}

/// One entry of the IDL 1.0 `@enum` trait.
pub struct LegacyEnumEntry<'a> {
    pub value: &'a str,
    pub name: Option<&'a str>,
    pub documentation: Option<&'a str>,
}

/// The IDL 1.0 `@enum` trait on a string shape: a list of `{value, name?, documentation?}`.
pub fn legacy_enum(traits: &Traits) -> Result<Option<Vec<LegacyEnumEntry<'_>>>> {
    let Some(value) = traits.get(ENUM) else {
        return Ok(None);
    };
    let shape_error = || wrong_type(ENUM, "a list of {value, name} objects", value);
    let entries = value.as_array().ok_or_else(shape_error)?;
    entries
        .iter()
        .map(|entry| {
            let field = |key: &str| entry.get(key).and_then(Value::as_str);
            Ok(LegacyEnumEntry {
                value: field("value").ok_or_else(shape_error)?,
                name: field("name"),
                documentation: field("documentation"),
            })
        })
        .collect::<Result<Vec<_>>>()
        .map(Some)
}

/// `code` of `@aws.protocols#awsQueryError`: the error code an awsQuery
/// service sends for this error shape instead of the shape's name.
pub fn aws_query_error_code(traits: &Traits) -> Result<Option<&str>> {
    match traits.get(AWS_QUERY_ERROR) {
        None => Ok(None),
        Some(value) => match value.get("code") {
            Some(Value::String(code)) if !code.is_empty() => Ok(Some(code)),
            _ => Err(wrong_type(
                AWS_QUERY_ERROR,
                "an object with a non-empty string `code`",
                value,
            )),
        },
    }
}

/// `sdkId` of `@aws.api#service`, the name AWS SDKs give the service.
pub fn sdk_id(traits: &Traits) -> Result<Option<&str>> {
    match traits.get(AWS_SERVICE) {
        None => Ok(None),
        Some(value) => match value.get("sdkId") {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s)),
            Some(other) => Err(wrong_type("aws.api#service sdkId", "a string", other)),
        },
    }
}

/// `@xmlNamespace(uri: "...", prefix: "...")`: the URI and the optional prefix.
pub fn xml_namespace(traits: &Traits) -> Result<Option<(&str, Option<&str>)>> {
    let Some(value) = traits.get(XML_NAMESPACE) else {
        return Ok(None);
    };
    let invalid = || wrong_type(XML_NAMESPACE, "an object with a string `uri`", value);
    let uri = value
        .get("uri")
        .and_then(Value::as_str)
        .ok_or_else(invalid)?;
    let prefix = match value.get("prefix") {
        None => None,
        Some(Value::String(p)) => Some(p.as_str()),
        Some(_) => return Err(invalid()),
    };
    Ok(Some((uri, prefix)))
}

fn wrong_type(id: &str, expected: &str, found: &Value) -> Error {
    let found = match found {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    Error::new(format!("trait {id} must be {expected}, found {found}"))
}
