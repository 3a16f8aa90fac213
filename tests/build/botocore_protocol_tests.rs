//! botocore's own protocol tests (`models/botocore-protocol-tests/{input,output}/*.json`) as
//! Smithy compliance cases, so that the generator's usual `--protocol-tests` path runs them.
//!
//! Each file is a list of suites, each a small botocore service (`metadata`, `shapes`) with
//! `cases` whose `given` is the operation. The suites of a protocol's two files (input and
//! output) become one botocore service document (their shapes and operations merged: the suites
//! repeat shared shapes, an operation named in several suites gets the union of their errors
//! and the input of one, the output of another), which compiles the shared types once; the
//! botocore front end
//! converts it to a Smithy JSON AST, and each case is attached to its operation (or, for error
//! cases, to its error structure) as a `smithy.test#httpRequestTests` or
//! `smithy.test#httpResponseTests` entry:
//!
//! - input: `serialized.uri` is the path plus the query string, whose pairs become
//!   `queryParams`; `headers`, `forbidHeaders`, `requireHeaders` and `method` carry over; the
//!   body is compared as JSON, XML or form pairs by protocol when it is one, byte for byte
//!   otherwise (botocore's runner does the same); `host` is the host the request must go to when
//!   the client's endpoint is the suite's `clientEndpoint`.
//! - output: `response` gives status, headers and body; `result` is the expected output;
//!   `error` (with `errorCode`) the expected error's members, matched to the operation's error
//!   shape by its code (botocore's `error.code`, else its name).
//!
//! botocore's runner also checks the message of an error and every query parameter of a
//! request URI in order; a Smithy case checks the listed query parameters and the error's
//! members (its message among them when it has one).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::{json, Map, Value};

/// Whether a file holds request (input) or response (output) cases.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Input,
    Output,
}

impl Direction {
    pub fn dir(self) -> &'static str {
        match self {
            Direction::Input => "input",
            Direction::Output => "output",
        }
    }
}

/// A converted file: the Smithy JSON AST with the cases attached, and the service's shape id.
pub struct Converted {
    pub ast: Value,
    pub service: String,
}

/// Converts the suites of `files` (botocore protocol test files of one protocol, with whether
/// each holds request or response cases) into one Smithy model. `service_id` is the botocore
/// `serviceId` the merged service gets.
pub fn convert(files: &[(PathBuf, Direction)], service_id: &str) -> Result<Converted, String> {
    let mut suites = Vec::new();
    for (path, direction) in files {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let list: Vec<Value> =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        suites.extend(list.into_iter().map(|suite| (suite, *direction)));
    }
    let first = &files.first().ok_or("no files to convert")?.0;
    let merged = merge(&suites, service_id).map_err(|e| format!("{}: {e}", first.display()))?;
    let source = smithy_codegen::model::Source {
        // The front end looks for sibling files beside this path: there are none.
        path: first.with_extension("service-2.json"),
        text: serde_json::to_string(&merged.document).map_err(|e| e.to_string())?,
    };
    let model = smithy_codegen::model::load_sources(&[source]).map_err(|e| e.to_string())?;
    let mut ast = smithy_codegen::model::to_json_ast(&model);
    let service_shape = model
        .services()
        .next()
        .ok_or_else(|| format!("{}: the front end made no service", first.display()))?;
    let service = service_shape.id.to_string();
    // Every case names its protocol (a required member of Smithy's test case structures).
    let protocol_id = service_shape
        .traits
        .keys()
        .find(|id| PROTOCOL_TRAITS.contains(&id.as_str()))
        .cloned()
        .ok_or_else(|| format!("{}: the service has no protocol trait", first.display()))?;
    let namespace = service.split('#').next().unwrap_or_default().to_owned();
    let shapes = ast
        .get_mut("shapes")
        .and_then(Value::as_object_mut)
        .ok_or("the AST has no shapes")?;
    for case in &merged.cases {
        let (target, trait_id, value) = match case.direction {
            Direction::Input => (
                case.given_name.clone(),
                "smithy.test#httpRequestTests",
                request_case(case, &merged.protocol)?,
            ),
            Direction::Output => {
                let (target, value) = response_case(case, &merged)?;
                (target, "smithy.test#httpResponseTests", value)
            }
        };
        let mut value = value;
        if let Some(fields) = value.as_object_mut() {
            fields.insert("protocol".into(), json!(protocol_id));
        }
        let id = format!("{namespace}#{target}");
        let shape = shapes
            .get_mut(&id)
            .ok_or_else(|| format!("case {}: the front end made no shape {id}", case.id))?;
        let traits = shape
            .as_object_mut()
            .ok_or("a shape is not an object")?
            .entry("traits")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .ok_or("traits are not an object")?;
        let list = traits.entry(trait_id).or_insert_with(|| json!([]));
        list.as_array_mut()
            .ok_or("a test trait is not a list")?
            .push(value);
    }
    Ok(Converted { ast, service })
}

/// The protocol traits the botocore front end writes.
const PROTOCOL_TRAITS: &[&str] = &[
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#restJson1",
    "aws.protocols#restXml",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "smithy.protocols#rpcv2Cbor",
];

/// One case with what it needs from its suite.
struct Case {
    id: String,
    direction: Direction,
    given_name: String,
    body: Value,
    client_endpoint: Option<String>,
}

/// The suites of a file as one botocore service document, and their cases.
struct Merged {
    document: Value,
    cases: Vec<Case>,
    /// botocore's protocol name (`json`, `rest-xml`…).
    protocol: String,
    /// botocore error shapes by error code.
    error_codes: BTreeMap<String, String>,
    /// Each operation's error shapes.
    operation_errors: BTreeMap<String, Vec<String>>,
}

fn merge(suites: &[(Value, Direction)], service_id: &str) -> Result<Merged, String> {
    let mut metadata: Option<Value> = None;
    let mut shapes = Map::new();
    let mut operations: BTreeMap<String, Value> = BTreeMap::new();
    let mut cases = Vec::new();
    for (suite, direction) in suites {
        let suite_metadata = suite.get("metadata").ok_or("a suite has no metadata")?;
        match &metadata {
            None => metadata = Some(suite_metadata.clone()),
            Some(m) if m == suite_metadata => {}
            Some(_) => return Err("suites of one file differ in metadata".into()),
        }
        for (name, shape) in suite
            .get("shapes")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
        {
            match shapes.get(name) {
                Some(old) if without_docs(old) != without_docs(shape) => {
                    return Err(format!("suites define shape {name} differently"))
                }
                Some(_) => {}
                None => {
                    shapes.insert(name.clone(), shape.clone());
                }
            }
        }
        let client_endpoint = suite
            .get("clientEndpoint")
            .and_then(Value::as_str)
            .map(str::to_owned);
        for case in suite
            .get("cases")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let id = case
                .get("id")
                .and_then(Value::as_str)
                .ok_or("a case has no id")?;
            let given = case
                .get("given")
                .ok_or_else(|| format!("case {id} has no `given`"))?;
            let name = given
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| format!("case {id}: `given` has no name"))?;
            match operations.get_mut(name) {
                Some(old) => merge_operation(old, given).map_err(|e| format!("case {id}: {e}"))?,
                None => {
                    operations.insert(name.to_owned(), given.clone());
                }
            }
            cases.push(Case {
                id: id.to_owned(),
                direction: *direction,
                given_name: name.to_owned(),
                body: case.clone(),
                client_endpoint: client_endpoint.clone(),
            });
        }
    }
    let mut metadata = metadata.ok_or("the file has no suites")?;
    let protocol = metadata
        .get("protocol")
        .and_then(Value::as_str)
        .ok_or("the metadata names no protocol")?
        .to_owned();
    metadata["serviceId"] = json!(service_id);
    let error_codes = shapes
        .iter()
        .filter(|(_, s)| s.get("exception").and_then(Value::as_bool) == Some(true))
        .map(|(name, s)| {
            let code = s
                .pointer("/error/code")
                .and_then(Value::as_str)
                .unwrap_or(name);
            (code.to_owned(), name.clone())
        })
        .collect();
    let operation_errors = operations
        .iter()
        .map(|(name, op)| {
            let errors = op
                .get("errors")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(|e| e.get("shape").and_then(Value::as_str).map(str::to_owned))
                .collect();
            (name.clone(), errors)
        })
        .collect();
    let document = json!({
        "version": "2.0",
        "metadata": metadata,
        "operations": operations,
        "shapes": shapes,
    });
    Ok(Merged {
        document,
        cases,
        protocol,
        error_codes,
        operation_errors,
    })
}

/// `old` and `new` define the same operation: the same except for their errors (merged) and
/// for an input or output only one of them names.
fn merge_operation(old: &mut Value, new: &Value) -> Result<(), String> {
    let (Some(old), Some(new)) = (old.as_object_mut(), new.as_object()) else {
        return Err("an operation is not an object".into());
    };
    for (key, value) in new {
        match (key.as_str(), old.get_mut(key)) {
            ("errors", Some(Value::Array(errors))) => {
                for error in value.as_array().into_iter().flatten() {
                    if !errors.contains(error) {
                        errors.push(error.clone());
                    }
                }
            }
            ("documentation", Some(_)) => {}
            (_, Some(existing)) if existing != value => {
                return Err(format!("operation `{key}` differs between suites"));
            }
            (_, Some(_)) => {}
            (_, None) => {
                old.insert(key.clone(), value.clone());
            }
        }
    }
    Ok(())
}

fn without_docs(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| *k != "documentation")
                .map(|(k, v)| (k.clone(), without_docs(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(without_docs).collect()),
        other => other.clone(),
    }
}

/// How a body of `protocol` is compared: as the protocol's documents when `body` is one.
fn media_type(protocol: &str, body: &str) -> Option<&'static str> {
    let text = body.trim();
    match protocol {
        "json" | "rest-json" if serde_json::from_str::<Value>(text).is_ok() => {
            Some("application/json")
        }
        "rest-xml" if text.starts_with('<') => Some("application/xml"),
        "query" | "ec2" => Some("application/x-www-form-urlencoded"),
        "smithy-rpc-v2-cbor" => Some("application/cbor"),
        _ => None,
    }
}

fn request_case(case: &Case, protocol: &str) -> Result<Value, String> {
    let serialized = case
        .body
        .get("serialized")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("input case {} has no `serialized`", case.id))?;
    let mut out = Map::new();
    out.insert("id".into(), json!(case.id));
    if let Some(description) = case.body.get("description") {
        out.insert("documentation".into(), description.clone());
    }
    out.insert(
        "method".into(),
        serialized.get("method").cloned().unwrap_or(json!("POST")),
    );
    let uri = serialized.get("uri").and_then(Value::as_str).unwrap_or("/");
    let (path, query) = uri.split_once('?').unwrap_or((uri, ""));
    out.insert("uri".into(), json!(path));
    let pairs: Vec<&str> = query.split('&').filter(|p| !p.is_empty()).collect();
    if !pairs.is_empty() {
        out.insert("queryParams".into(), json!(pairs));
    }
    for key in ["headers", "forbidHeaders", "requireHeaders"] {
        if let Some(value) = serialized.get(key) {
            out.insert(key.into(), value.clone());
        }
    }
    if let Some(body) = serialized.get("body").and_then(Value::as_str) {
        out.insert("body".into(), json!(body));
        if let Some(media) = media_type(protocol, body).filter(|_| !body.is_empty()) {
            out.insert("bodyMediaType".into(), json!(media));
        }
    }
    if let Some(host) = serialized.get("host").and_then(Value::as_str) {
        let endpoint = case
            .client_endpoint
            .as_deref()
            .ok_or_else(|| format!("case {} expects a host but has no endpoint", case.id))?;
        let endpoint = endpoint
            .split_once("://")
            .map_or(endpoint, |(_, rest)| rest);
        out.insert("host".into(), json!(endpoint));
        // `example.com/custom` (the endpoint's path) is no host: the path is in `uri`.
        if !host.contains('/') {
            out.insert("resolvedHost".into(), json!(host));
        }
    }
    out.insert("params".into(), params(&case.body, "params"));
    out.insert("appliesTo".into(), json!("client"));
    Ok(Value::Object(out))
}

/// The response case of `case` and the shape it belongs on: the operation, or the error
/// structure an error case expects.
fn response_case(case: &Case, merged: &Merged) -> Result<(String, Value), String> {
    let response = case
        .body
        .get("response")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("output case {} has no `response`", case.id))?;
    let mut out = Map::new();
    out.insert("id".into(), json!(case.id));
    if let Some(description) = case.body.get("description") {
        out.insert("documentation".into(), description.clone());
    }
    out.insert(
        "code".into(),
        response.get("status_code").cloned().unwrap_or(json!(200)),
    );
    if let Some(headers) = response.get("headers") {
        out.insert("headers".into(), headers.clone());
    }
    if let Some(body) = response.get("body").and_then(Value::as_str) {
        out.insert("body".into(), json!(body));
        if let Some(media) = media_type(&merged.protocol, body).filter(|_| !body.is_empty()) {
            out.insert("bodyMediaType".into(), json!(media));
        }
    }
    out.insert("appliesTo".into(), json!("client"));
    let target = if case.body.get("error").is_some() {
        out.insert("params".into(), params(&case.body, "error"));
        let code = case
            .body
            .get("errorCode")
            .and_then(Value::as_str)
            .ok_or_else(|| format!("error case {} has no `errorCode`", case.id))?;
        let shape = merged
            .error_codes
            .get(code)
            .filter(|shape| {
                merged
                    .operation_errors
                    .get(&case.given_name)
                    .is_some_and(|errors| errors.contains(shape))
            })
            .ok_or_else(|| {
                format!(
                    "error case {}: operation {} has no error with code {code}",
                    case.id, case.given_name
                )
            })?;
        shape.clone()
    } else {
        out.insert("params".into(), params(&case.body, "result"));
        case.given_name.clone()
    };
    Ok((target, Value::Object(out)))
}

fn params(case: &Value, key: &str) -> Value {
    case.get(key).cloned().unwrap_or_else(|| json!({}))
}
