//! `smithy.waiters#waitable`: each operation's waiters, validated and resolved for the
//! emitter (`emit/waiters.rs`) and the runtime (`smithy_runtime::waiter`).
//!
//! A waiter the generator cannot honour (a malformed trait value, a JMESPath expression that
//! does not compile, an `errorType` shape id that is not an error of the operation, an output
//! path on an operation without output…) is left out with a warning in
//! [`Service::warnings`]: one bad waiter never costs the service its generation.
//!
//! An `errorType` that is a plain name and not a modeled error is kept: the specification
//! allows errors the model does not define (EC2's `InvalidInstanceID.NotFound`), compared with
//! the code of the service's error.

use serde_json::Value as Json;
use smithy_runtime::jmespath::Expression;

use super::{Operation, Service, TypeKind};
use crate::model::{Model, ShapeId};
use crate::naming;
use crate::Error;

/// The trait's id.
pub const WAITABLE: &str = "smithy.waiters#waitable";

/// The specification's defaults, in seconds.
const DEFAULT_MIN_DELAY: u64 = 2;
const DEFAULT_MAX_DELAY: u64 = 120;

/// One waiter of an operation.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiter {
    /// The name in the model (`TableExists`).
    pub name: String,
    /// The client method (`wait_until_table_exists`).
    pub fn_name: String,
    /// The `static` holding its acceptors (`TABLE_EXISTS`).
    pub static_name: String,
    pub docs: Option<String>,
    pub deprecated: bool,
    /// Seconds, `1 <= min_delay <= max_delay`.
    pub min_delay: u64,
    pub max_delay: u64,
    /// In model order: the first that matches decides.
    pub acceptors: Vec<Acceptor>,
}

/// A state and when the waiter enters it.
#[derive(Debug, Clone, PartialEq)]
pub struct Acceptor {
    pub state: State,
    pub matcher: Matcher,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Success,
    Failure,
    Retry,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Matcher {
    /// A path over the output.
    Output(PathMatcher),
    /// A path over `{"input": …, "output": …}`.
    InputOutput(PathMatcher),
    /// `true`: the call succeeded; `false`: it returned an error.
    Success(bool),
    /// The error code to compare with the error's `code()`: a modeled error's code on the
    /// wire, or the name as the model wrote it for an error it does not define.
    ErrorType(String),
}

/// A compiled-and-checked JMESPath expression with its expected value.
#[derive(Debug, Clone, PartialEq)]
pub struct PathMatcher {
    pub path: String,
    pub expected: String,
    pub comparator: Comparator,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    StringEquals,
    BooleanEquals,
    AllStringEquals,
    AnyStringEquals,
}

/// Reads every operation's waiters into `service`, and warns of those left out. Method names
/// come after the operations' and the client's, so they never collide with them.
pub fn resolve(model: &Model, service: &mut Service) {
    let mut warnings = Vec::new();
    let mut resolved: Vec<Vec<Waiter>> = Vec::with_capacity(service.operations.len());
    for op in &service.operations {
        let mut waiters = Vec::new();
        let shape = model.shape(&op.id);
        let trait_value = shape.and_then(|s| s.traits.get(WAITABLE));
        let located = |message: String| {
            let error = Error::shape(&op.id, message);
            match shape {
                Some(shape) => error.with_file(model.file_of(shape)),
                None => error,
            }
        };
        match trait_value {
            None => {}
            Some(Json::Object(map)) if !op.event_stream => {
                for (name, value) in map {
                    match waiter(service, op, name, value) {
                        Ok(waiter) => waiters.push(waiter),
                        Err(reason) => {
                            warnings.push(located(format!("waiter `{name}` left out: {reason}")))
                        }
                    }
                }
            }
            Some(Json::Object(_)) => warnings.push(located(
                "waiters left out: the operation streams events, and is not generated".to_owned(),
            )),
            Some(_) => warnings.push(located(
                "waiters left out: @waitable is not an object".to_owned(),
            )),
        }
        resolved.push(waiters);
    }
    name_methods(service, &mut resolved);
    for (op, waiters) in service.operations.iter_mut().zip(resolved) {
        op.waiters = waiters;
    }
    service.warnings.extend(warnings);
}

/// `wait_until_<name>` and `<NAME>`, unique among the client's methods and the operations'.
fn name_methods(service: &Service, waiters: &mut [Vec<Waiter>]) {
    let mut names: Vec<String> = naming::CLIENT_METHODS
        .iter()
        .map(|m| (*m).to_owned())
        .chain(service.operations.iter().map(|op| op.fn_name.clone()))
        .collect();
    let taken = names.len();
    names.extend(
        waiters
            .iter()
            .flatten()
            .map(|w| naming::waiter_fn_name(&w.name)),
    );
    naming::dedupe(&mut names);
    let mut statics: Vec<String> = waiters
        .iter()
        .flatten()
        .map(|w| naming::const_name(&w.name))
        .collect();
    naming::dedupe(&mut statics);
    let mut names = names.into_iter().skip(taken).zip(statics);
    for waiter in waiters.iter_mut().flatten() {
        if let Some((fn_name, static_name)) = names.next() {
            waiter.fn_name = fn_name;
            waiter.static_name = static_name;
        }
    }
}

fn waiter(service: &Service, op: &Operation, name: &str, value: &Json) -> Result<Waiter, String> {
    if !is_waiter_name(name) {
        return Err("a waiter's name is UpperCamelCase letters and digits".into());
    }
    let Json::Object(value) = value else {
        return Err("not an object".into());
    };
    let delay = |key: &str, default: u64| match value.get(key) {
        None => Ok(default),
        Some(v) => v
            .as_u64()
            .filter(|d| *d >= 1)
            .ok_or_else(|| format!("`{key}` is not a whole number of seconds of at least 1")),
    };
    let min_delay = delay("minDelay", DEFAULT_MIN_DELAY)?;
    let max_delay = delay("maxDelay", DEFAULT_MAX_DELAY)?;
    if max_delay < min_delay {
        return Err(format!(
            "`maxDelay` ({max_delay}) is less than `minDelay` ({min_delay})"
        ));
    }
    let Some(Json::Array(list)) = value.get("acceptors") else {
        return Err("no `acceptors` list".into());
    };
    if list.is_empty() {
        return Err("no acceptors".into());
    }
    let acceptors = list
        .iter()
        .enumerate()
        .map(|(i, a)| acceptor(service, op, a).map_err(|e| format!("acceptor {i}: {e}")))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Waiter {
        name: name.to_owned(),
        // Set for the whole service (`name_methods`).
        fn_name: String::new(),
        static_name: String::new(),
        docs: value
            .get("documentation")
            .and_then(Json::as_str)
            .map(str::to_owned),
        deprecated: value.get("deprecated").and_then(Json::as_bool) == Some(true),
        min_delay,
        max_delay,
        acceptors,
    })
}

/// `^[A-Z]+[A-Za-z0-9]*$`, the specification's pattern.
fn is_waiter_name(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

fn acceptor(service: &Service, op: &Operation, value: &Json) -> Result<Acceptor, String> {
    let state = match value.get("state").and_then(Json::as_str) {
        Some("success") => State::Success,
        Some("failure") => State::Failure,
        Some("retry") => State::Retry,
        Some(other) => return Err(format!("unknown state `{other}`")),
        None => return Err("no `state`".into()),
    };
    let Some(Json::Object(matcher)) = value.get("matcher") else {
        return Err("no `matcher` object".into());
    };
    let mut members = matcher.iter();
    let (Some((kind, value)), None) = (members.next(), members.next()) else {
        return Err("a matcher has exactly one member".into());
    };
    let matcher = match kind.as_str() {
        "output" | "inputOutput" => {
            if op.output.is_none() {
                return Err(format!("`{kind}` matcher on an operation without output"));
            }
            let path = path_matcher(value)?;
            if kind == "output" {
                Matcher::Output(path)
            } else {
                Matcher::InputOutput(path)
            }
        }
        "success" => Matcher::Success(value.as_bool().ok_or("`success` is not a boolean")?),
        "errorType" => {
            let name = value.as_str().ok_or("`errorType` is not a string")?;
            Matcher::ErrorType(error_code(service, op, name)?)
        }
        other => return Err(format!("unknown matcher `{other}`")),
    };
    Ok(Acceptor { state, matcher })
}

fn path_matcher(value: &Json) -> Result<PathMatcher, String> {
    let field = |key: &str| {
        value
            .get(key)
            .and_then(Json::as_str)
            .ok_or_else(|| format!("no `{key}` string"))
    };
    let path = field("path")?;
    let expected = field("expected")?;
    let comparator = match field("comparator")? {
        "stringEquals" => Comparator::StringEquals,
        "booleanEquals" => Comparator::BooleanEquals,
        "allStringEquals" => Comparator::AllStringEquals,
        "anyStringEquals" => Comparator::AnyStringEquals,
        other => return Err(format!("unknown comparator `{other}`")),
    };
    if comparator == Comparator::BooleanEquals && !matches!(expected, "true" | "false") {
        return Err(format!(
            "booleanEquals expects `true` or `false`, not `{expected}`"
        ));
    }
    // The runtime's own parser: what compiles here compiles when the client waits.
    Expression::parse(path).map_err(|e| format!("JMESPath `{path}`: {e}"))?;
    Ok(PathMatcher {
        path: path.to_owned(),
        expected: expected.to_owned(),
        comparator,
    })
}

/// The code an `errorType` compares with: a modeled error of the operation (by shape id,
/// name or wire code) gives its code on the wire, what the generated `code()` returns; another
/// name is kept as written. A shape id that names no error of the operation is a mistake.
fn error_code(service: &Service, op: &Operation, name: &str) -> Result<String, String> {
    let modeled = op.errors.iter().filter_map(|id| service.types.get(id)).find(|def| {
        let is_error = matches!(&def.kind, TypeKind::Struct(s) if matches!(s.role, super::StructRole::Error { .. }));
        is_error && (def.id.as_str() == name || def.id.name() == name || def.wire_name == name)
    });
    match modeled {
        Some(def) => Ok(def
            .query_code
            .clone()
            .unwrap_or_else(|| def.wire_name.clone())),
        None if ShapeId::parse(name).is_some() || name.contains('#') => Err(format!(
            "errorType `{name}` is not an error of the operation"
        )),
        None if name.is_empty() => Err("empty errorType".into()),
        None => Ok(name.to_owned()),
    }
}

#[cfg(test)]
mod tests;
