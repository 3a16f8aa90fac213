//! `waiters-2.json` → `@smithy.waiters#waitable` on the operations. Botocore acceptors map to
//! Smithy matchers where Smithy has one: `path` (string or boolean), `pathAll`/`pathAny`
//! (string), `error` (a code, or any/no error), and `status` with a 2xx code, which is
//! `success: true` (botocore parses only 2xx responses as outputs).
//!
//! Smithy has no form for other `status` acceptors nor for numeric expectations. Left out, the
//! acceptor would change what the waiter means (`ClusterDeleted` succeeding on a 404 would never
//! succeed), so the waiter is left out, except for 5xx acceptors that retry or fail: the client
//! retries transient server errors itself, and an error no acceptor expects ends the wait, as a
//! failure would. A waiter left with no acceptor is left out too.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::fields::{self, Object};
use super::{shown, Context};
use crate::model::is_identifier;
use crate::{Error, Result};

pub(in crate::model::botocore) fn apply(
    context: &Context,
    waiters: Option<&Value>,
    out: &mut Map<String, Value>,
) -> Result<()> {
    let Some(waiters) = waiters else {
        return Ok(());
    };
    let root = fields::object(waiters, "the waiters file")?;
    let Some(waiters) = fields::nested(root, "waiters")? else {
        return Ok(());
    };
    // Operation → its waiters, in file order.
    let mut by_operation: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
    for (name, waiter) in waiters {
        let at = |e: Error| Error::new(format!("waiter `{}`: {}", shown(name), e.message()));
        let waiter = fields::object(waiter, "a waiter").map_err(at)?;
        let operation = fields::required_string(waiter, "operation").map_err(at)?;
        if !context.operations.contains_key(operation) || !is_identifier(name) {
            continue;
        }
        if let Some(value) = waitable(waiter).map_err(at)? {
            by_operation
                .entry(operation)
                .or_default()
                .insert(name.clone(), value);
        }
    }
    for (operation, waiters) in by_operation {
        let traits = out
            .get_mut(&context.operation_id(operation))
            .and_then(|op| op.get_mut("traits"))
            .and_then(Value::as_object_mut);
        if let Some(traits) = traits {
            traits.insert("smithy.waiters#waitable".into(), Value::Object(waiters));
        }
    }
    Ok(())
}

fn waitable(waiter: &Object) -> Result<Option<Value>> {
    let mut acceptors = Vec::new();
    for acceptor in fields::array(waiter, "acceptors")? {
        let acceptor = fields::object(acceptor, "an acceptor")?;
        let state = fields::required_string(acceptor, "state")?;
        if !matches!(state, "success" | "failure" | "retry") {
            return Err(Error::new(format!(
                "unknown acceptor state `{}`",
                shown(state)
            )));
        }
        match matcher(acceptor)? {
            Some(matcher) => acceptors.push(json!({ "state": state, "matcher": matcher })),
            None if is_server_error(acceptor) && state != "success" => {}
            None => return Ok(None),
        }
    }
    if acceptors.is_empty() {
        return Ok(None);
    }
    let mut value = Map::new();
    if let Some(description) = fields::string(waiter, "description")? {
        value.insert("documentation".into(), json!(description));
    }
    value.insert("acceptors".into(), Value::Array(acceptors));
    // Botocore polls at a fixed `delay`; Smithy backs off between minDelay and maxDelay.
    // Equal bounds keep botocore's rhythm. `maxAttempts` has no Smithy form (a caller's
    // maximum wait time replaces it).
    if let Some(delay) = fields::number(waiter, "delay")?
        .and_then(|d| d.as_u64())
        .filter(|d| *d >= 1)
    {
        value.insert("minDelay".into(), json!(delay));
        value.insert("maxDelay".into(), json!(delay));
    }
    Ok(Some(Value::Object(value)))
}

/// A `status` acceptor for a 5xx code.
fn is_server_error(acceptor: &Object) -> bool {
    let status = acceptor.get("expected").and_then(Value::as_u64);
    acceptor.get("matcher").and_then(Value::as_str) == Some("status")
        && status.is_some_and(|s| (500..600).contains(&s))
}

/// The Smithy matcher of one botocore acceptor, or `None` when Smithy has no equivalent.
fn matcher(acceptor: &Object) -> Result<Option<Value>> {
    let kind = fields::required_string(acceptor, "matcher")?;
    let expected = acceptor.get("expected").unwrap_or(&Value::Null);
    let path = || fields::required_string(acceptor, "argument");
    let output = |path: &str, expected: String, comparator: &str| json!({ "output": { "path": path, "expected": expected, "comparator": comparator } });
    let mapped = match (kind, expected) {
        ("path", Value::String(text)) => output(path()?, text.clone(), "stringEquals"),
        ("path", Value::Bool(b)) => output(path()?, b.to_string(), "booleanEquals"),
        ("pathAll", Value::String(text)) => output(path()?, text.clone(), "allStringEquals"),
        ("pathAny", Value::String(text)) => output(path()?, text.clone(), "anyStringEquals"),
        ("error", Value::String(code)) => json!({ "errorType": code }),
        // `expected: true` matches any error, `false` a response without one.
        ("error", Value::Bool(any_error)) => json!({ "success": !any_error }),
        ("status", Value::Number(n)) if n.as_u64().is_some_and(|s| (200..300).contains(&s)) => {
            json!({ "success": true })
        }
        ("path" | "pathAll" | "pathAny" | "status" | "error", _) => return Ok(None),
        (other, _) => {
            return Err(Error::new(format!(
                "unknown acceptor matcher `{}`",
                shown(other)
            )))
        }
    };
    Ok(Some(mapped))
}
