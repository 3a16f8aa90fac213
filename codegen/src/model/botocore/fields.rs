//! Typed access to botocore's JSON fields. A field of the wrong type is an error naming the
//! field, never a silent default: botocore files are input we did not write.

use serde_json::{Map, Value};

use crate::{Error, Result};

pub(super) type Object = Map<String, Value>;

/// `value` as a JSON object; `what` names it in the error (`a shape`, `metadata`).
pub(super) fn object<'a>(value: &'a Value, what: &str) -> Result<&'a Object> {
    value
        .as_object()
        .ok_or_else(|| Error::new(format!("{what} must be a JSON object")))
}

pub(super) fn string<'a>(body: &'a Object, key: &str) -> Result<Option<&'a str>> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(_) => Err(wrong(key, "a string")),
    }
}

pub(super) fn required_string<'a>(body: &'a Object, key: &str) -> Result<&'a str> {
    string(body, key)?.ok_or_else(|| Error::new(format!("missing `{key}`")))
}

/// A flag: absent means false.
pub(super) fn flag(body: &Object, key: &str) -> Result<bool> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(wrong(key, "a boolean")),
    }
}

pub(super) fn number<'a>(body: &'a Object, key: &str) -> Result<Option<&'a serde_json::Number>> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(Some(n)),
        Some(_) => Err(wrong(key, "a number")),
    }
}

pub(super) fn nested<'a>(body: &'a Object, key: &str) -> Result<Option<&'a Object>> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(map)) => Ok(Some(map)),
        Some(_) => Err(wrong(key, "a JSON object")),
    }
}

pub(super) fn array<'a>(body: &'a Object, key: &str) -> Result<&'a [Value]> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(wrong(key, "a JSON array")),
    }
}

/// A list of strings (`required`, `protocols`, `auth`).
pub(super) fn strings<'a>(body: &'a Object, key: &str) -> Result<Vec<&'a str>> {
    array(body, key)?
        .iter()
        .map(|item| {
            item.as_str()
                .ok_or_else(|| wrong(key, "an array of strings"))
        })
        .collect()
}

/// The `shape` named by a reference object such as `{"shape": "FleetId", "locationName": …}`.
pub(super) fn reference<'a>(value: &'a Value, key: &str) -> Result<(&'a str, &'a Object)> {
    let body = value
        .as_object()
        .ok_or_else(|| wrong(key, "a JSON object with a `shape`"))?;
    let shape = string(body, "shape")
        .ok()
        .flatten()
        .ok_or_else(|| wrong(key, "a JSON object with a string `shape`"))?;
    Ok((shape, body))
}

fn wrong(key: &str, expected: &str) -> Error {
    Error::new(format!("`{key}` must be {expected}"))
}
