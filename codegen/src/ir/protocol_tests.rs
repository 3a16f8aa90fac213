//! Client-side protocol compliance cases (`smithy.test#httpRequestTests` and
//! `smithy.test#httpResponseTests`) read from operations and error structures.

use serde_json::Value;

use super::NotRun;
use crate::model::{Shape, ShapeId};
use crate::{Error, Result};

const REQUEST_TESTS: &str = "smithy.test#httpRequestTests";
const RESPONSE_TESTS: &str = "smithy.test#httpResponseTests";

/// What a case feeds and checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TestKind {
    /// Build a request from `params`; compare it with the expectation.
    Request,
    /// Parse a success response; compare the output with `params`.
    Response,
    /// Parse an error response; expect the error `error` with members `params`.
    ErrorResponse,
}

/// One client-side compliance case.
#[derive(Debug, Clone)]
pub struct ProtocolTest {
    pub id: String,
    /// The test function's name: the id in snake_case, `_request`/`_response`
    /// appended when one id names both kinds.
    pub fn_name: String,
    pub kind: TestKind,
    /// The operation to run.
    pub operation: ShapeId,
    /// For error cases: the error structure expected.
    pub error: Option<ShapeId>,
    pub method: Option<String>,
    pub uri: Option<String>,
    pub query_params: Vec<String>,
    pub forbid_query_params: Vec<String>,
    pub require_query_params: Vec<String>,
    pub headers: Vec<(String, String)>,
    pub forbid_headers: Vec<String>,
    pub require_headers: Vec<String>,
    pub body: Option<String>,
    pub body_media_type: Option<String>,
    pub params: Value,
    pub code: Option<u16>,
    pub host: Option<String>,
    pub resolved_host: Option<String>,
    /// `vendorParams`: client configuration the case assumes (S3's `scopedConfig`: region,
    /// addressing style, dual-stack, accelerate).
    pub vendor_params: Option<Value>,
    /// Why the case is not run (skipped or deferred), from the one list in `skips.rs`.
    pub not_run: Option<NotRun>,
}

/// Reads the client cases of `protocol` (a protocol trait id) from a shape's
/// traits. `operation` is the operation the cases run against.
pub fn read_cases(
    shape: &Shape,
    protocol: &str,
    operation: &ShapeId,
    error: Option<&ShapeId>,
) -> Result<Vec<ProtocolTest>> {
    let mut cases = Vec::new();
    for (trait_id, kind) in [
        (REQUEST_TESTS, TestKind::Request),
        (RESPONSE_TESTS, TestKind::Response),
    ] {
        let Some(list) = shape.traits.get(trait_id) else {
            continue;
        };
        let list = list
            .as_array()
            .ok_or_else(|| Error::new(format!("trait {trait_id} must be a list of test cases")))?;
        for case in list {
            let applies_to = case.get("appliesTo").and_then(Value::as_str);
            let case_protocol = case.get("protocol").and_then(Value::as_str);
            if applies_to.is_some_and(|a| a != "client")
                || case_protocol.is_some_and(|p| p != protocol)
            {
                continue;
            }
            let kind = if error.is_some() {
                TestKind::ErrorResponse
            } else {
                kind
            };
            cases.push(
                read_case(case, kind, operation, error)
                    .map_err(|e| Error::new(format!("{trait_id}: {}", e.message())))?,
            );
        }
    }
    Ok(cases)
}

fn read_case(
    case: &Value,
    kind: TestKind,
    operation: &ShapeId,
    error: Option<&ShapeId>,
) -> Result<ProtocolTest> {
    let text = |key: &str| -> Result<Option<String>> {
        match case.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(Error::new(format!("`{key}` must be a string"))),
        }
    };
    let strings = |key: &str| -> Result<Vec<String>> {
        match case.get(key) {
            None => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .map(|i| {
                    i.as_str()
                        .map(str::to_owned)
                        .ok_or_else(|| Error::new(format!("`{key}` must hold strings")))
                })
                .collect(),
            Some(_) => Err(Error::new(format!("`{key}` must be a list"))),
        }
    };
    let id = text("id")?.ok_or_else(|| Error::new("a test case needs an `id`"))?;
    let headers = match case.get("headers") {
        None => Vec::new(),
        Some(Value::Object(map)) => map
            .iter()
            .map(|(k, v)| {
                v.as_str()
                    .map(|v| (k.clone(), v.to_owned()))
                    .ok_or_else(|| Error::new(format!("case {id}: header `{k}` must be a string")))
            })
            .collect::<Result<_>>()?,
        Some(_) => {
            return Err(Error::new(format!(
                "case {id}: `headers` must be an object"
            )))
        }
    };
    let code = match case.get("code") {
        None => None,
        Some(code) => Some(
            code.as_u64()
                .and_then(|c| u16::try_from(c).ok())
                .ok_or_else(|| Error::new(format!("case {id}: `code` must be an HTTP status")))?,
        ),
    };
    Ok(ProtocolTest {
        fn_name: String::new(),
        kind,
        operation: operation.clone(),
        error: error.cloned(),
        method: text("method")?,
        uri: text("uri")?,
        query_params: strings("queryParams")?,
        forbid_query_params: strings("forbidQueryParams")?,
        require_query_params: strings("requireQueryParams")?,
        headers,
        forbid_headers: strings("forbidHeaders")?,
        require_headers: strings("requireHeaders")?,
        body: text("body")?,
        body_media_type: text("bodyMediaType")?,
        params: case
            .get("params")
            .cloned()
            .unwrap_or(Value::Object(Default::default())),
        code,
        host: text("host")?,
        resolved_host: text("resolvedHost")?,
        vendor_params: case.get("vendorParams").cloned(),
        not_run: super::skips::not_run(operation.namespace(), &id, kind),
        id,
    })
}

/// Names every case's test function: snake_case ids, `_request`/`_response`
/// where one id names both kinds, then deduplicated.
pub fn name_cases(cases: &mut [ProtocolTest]) {
    use std::collections::BTreeMap;
    let mut kinds: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for case in cases.iter() {
        let entry = kinds.entry(case.id.as_str()).or_default();
        match case.kind {
            TestKind::Request => entry.0 = true,
            _ => entry.1 = true,
        }
    }
    let mut names: Vec<String> = cases
        .iter()
        .map(|case| {
            let base = crate::naming::field_name(&case.id);
            let base = base.trim_start_matches("r#");
            match kinds.get(case.id.as_str()) {
                Some((true, true)) if case.kind == TestKind::Request => format!("{base}_request"),
                Some((true, true)) => format!("{base}_response"),
                _ => base.to_owned(),
            }
        })
        .collect();
    crate::naming::dedupe(&mut names);
    for (case, name) in cases.iter_mut().zip(names) {
        case.fn_name = name;
    }
}
