//! Assertions used by generated protocol compliance tests
//! (`smithy-codegen generate --protocol-tests`). They panic with every
//! difference listed, as test assertions do.

use http::{Request, Response};

mod body;
#[cfg(feature = "cbor")]
mod cbor_body;
mod endpoint;

pub use endpoint::{assert_endpoint, endpoint_difference, ExpectedEndpoint};

use crate::document::{Document, Number};
use crate::endpoint::resolve_endpoint;
use crate::value::Value;

/// What a request case expects (`smithy.test#httpRequestTests`).
#[derive(Debug, Default)]
pub struct ExpectedRequest<'a> {
    /// The HTTP method.
    pub method: &'a str,
    /// The path (and query) after the endpoint is applied.
    pub uri: &'a str,
    /// The endpoint the client is configured with, e.g. `example.com/custom`.
    pub host: Option<&'a str>,
    /// The host the request must go to, host prefix included.
    pub resolved_host: Option<&'a str>,
    /// `key=value` (or `key`) pairs that must be in the query.
    pub query_params: &'a [&'a str],
    /// Query parameter names that must be absent.
    pub forbid_query_params: &'a [&'a str],
    /// Query parameter names that must be present (any value).
    pub require_query_params: &'a [&'a str],
    /// Headers that must have exactly these values.
    pub headers: &'a [(&'a str, &'a str)],
    /// Headers that must be absent.
    pub forbid_headers: &'a [&'a str],
    /// Headers that must be present (any value).
    pub require_headers: &'a [&'a str],
    /// The body; `None` leaves it unchecked.
    pub body: Option<&'a str>,
    /// How to compare the body (`application/json` compares parsed documents).
    pub body_media_type: Option<&'a str>,
}

/// Checks a built request against a case; panics listing every mismatch.
pub fn assert_request(mut request: Request<Vec<u8>>, expected: &ExpectedRequest<'_>) {
    let mut problems = Vec::new();
    if request.method().as_str() != expected.method {
        problems.push(format!(
            "method: {} != {}",
            request.method(),
            expected.method
        ));
    }
    if let Some(host) = expected.host {
        if let Err(e) = resolve_endpoint(&mut request, host) {
            problems.push(e.to_string());
        }
    }
    if let Some(resolved) = expected.resolved_host {
        let actual = request.uri().host().unwrap_or_default();
        if actual != resolved {
            problems.push(format!("host: {actual} != {resolved}"));
        }
    }
    let path = request.uri().path();
    let expected_path = expected.uri.split('?').next().unwrap_or_default();
    if path != expected_path {
        problems.push(format!("path: {path} != {expected_path}"));
    }
    let query: Vec<&str> = request
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .collect();
    let key = |pair: &str| pair.split('=').next().unwrap_or_default().to_owned();
    for wanted in expected.query_params {
        if !query.contains(wanted) {
            problems.push(format!("query parameter {wanted} missing from {query:?}"));
        }
    }
    for name in expected.forbid_query_params {
        if query.iter().any(|p| key(p) == *name) {
            problems.push(format!("query parameter {name} is forbidden"));
        }
    }
    for name in expected.require_query_params {
        if !query.iter().any(|p| key(p) == *name) {
            problems.push(format!("query parameter {name} is required"));
        }
    }
    let headers = request.headers();
    for (name, value) in expected.headers {
        match headers.get(*name).map(|v| v.to_str()) {
            Some(Ok(actual)) if actual == *value => {}
            Some(actual) => problems.push(format!("header {name}: {actual:?} != {value:?}")),
            None => problems.push(format!("header {name} missing (expected {value:?})")),
        }
    }
    for name in expected.forbid_headers {
        if headers.contains_key(*name) {
            problems.push(format!("header {name} is forbidden"));
        }
    }
    for name in expected.require_headers {
        if !headers.contains_key(*name) {
            problems.push(format!("header {name} is required"));
        }
    }
    if let Some(body) = expected.body {
        if let Some(problem) =
            body::difference(request.body(), body.as_bytes(), expected.body_media_type)
        {
            problems.push(problem);
        }
    }
    assert!(
        problems.is_empty(),
        "request does not match the case:\n  {}",
        problems.join("\n  ")
    );
}

/// A response for a response case.
pub fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Response<Vec<u8>> {
    response_bytes(status, headers, body.as_bytes())
}

/// A response for a response case whose body is binary (CBOR).
pub fn response_bytes(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Response<Vec<u8>> {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder
        .body(body.to_vec())
        .unwrap_or_else(|e| panic!("the case's response is not valid HTTP: {e}"))
}

/// Asserts two values are equal: structure members and map entries in any
/// order, NaN equal to NaN, documents with numbers compared by value.
pub fn assert_value_eq(actual: &Value, expected: &Value) {
    if let Some(difference) = value_difference(actual, expected, &mut String::new()) {
        panic!("value does not match the case: {difference}\n actual: {actual:?}\n expected: {expected:?}");
    }
}

fn value_difference(actual: &Value, expected: &Value, path: &mut String) -> Option<String> {
    let at = |path: &str, what: String| Some(format!("at `{path}`: {what}"));
    match (actual, expected) {
        (Value::Structure(a), Value::Structure(e)) => {
            for (name, _) in a {
                if !e.iter().any(|(n, _)| n == name) {
                    return at(path, format!("unexpected member {name}"));
                }
            }
            for (name, ev) in e {
                let Some((_, av)) = a.iter().find(|(n, _)| n == name) else {
                    return at(path, format!("missing member {name}"));
                };
                let len = path.len();
                path.push('.');
                path.push_str(name);
                let found = value_difference(av, ev, path);
                path.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        (Value::Map(a), Value::Map(e)) => {
            if a.len() != e.len() {
                return at(path, format!("{} entries != {}", a.len(), e.len()));
            }
            for (key, ev) in e {
                let Some((_, av)) = a.iter().find(|(k, _)| k == key) else {
                    return at(path, format!("missing key {key}"));
                };
                let len = path.len();
                path.push_str(&format!("[{key:?}]"));
                let found = value_difference(av, ev, path);
                path.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        (Value::List(a), Value::List(e)) => {
            if a.len() != e.len() {
                return at(path, format!("{} items != {}", a.len(), e.len()));
            }
            for (i, (av, ev)) in a.iter().zip(e).enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                let found = value_difference(av, ev, path);
                path.truncate(len);
                if found.is_some() {
                    return found;
                }
            }
            None
        }
        (Value::Union(an, av), Value::Union(en, ev)) if an == en => {
            let len = path.len();
            path.push('.');
            path.push_str(an);
            let found = value_difference(av, ev, path);
            path.truncate(len);
            found
        }
        (Value::Float(a), Value::Float(e)) if a.is_nan() && e.is_nan() => None,
        (Value::Double(a), Value::Double(e)) if a.is_nan() && e.is_nan() => None,
        (Value::Document(a), Value::Document(e)) if document_eq(a, e) => None,
        (a, e) if a == e => None,
        (a, e) => at(path, format!("{a:?} != {e:?}")),
    }
}

/// Document equality with numbers compared by value (`1` equals `1.0`).
pub fn document_eq(a: &Document, b: &Document) -> bool {
    match (a, b) {
        (Document::Number(x), Document::Number(y)) => number_value(x) == number_value(y),
        (Document::Array(x), Document::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| document_eq(x, y))
        }
        (Document::Object(x), Document::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| document_eq(v, w)))
        }
        _ => a == b,
    }
}

fn number_value(n: &Number) -> f64 {
    match *n {
        Number::PosInt(u) => u as f64,
        Number::NegInt(i) => i as f64,
        Number::Float(f) => f,
    }
}

/// A compliance case for [`run_summary`]: test name, test function, whether it runs.
pub type Case = (&'static str, fn(), CaseStatus);

/// Whether a compliance case runs, with the reason when it does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseStatus {
    /// The case runs.
    Run,
    /// Skipped: a case the generator disagrees with.
    Skipped(&'static str),
    /// Deferred: the case needs work an open issue will do.
    Deferred(&'static str),
}

/// Runs every case that is not skipped or deferred and writes
/// `<service>: N passed, M failed, K skipped` (and `, D deferred` when some are) straight to
/// stderr, so the line shows even though the test harness captures test output; fails if any
/// case failed.
pub fn run_summary(service: &str, cases: &[Case]) {
    let mut passed = 0;
    let mut skipped = 0;
    let mut deferred = 0;
    let mut failed = Vec::new();
    for (name, case, status) in cases {
        match status {
            CaseStatus::Skipped(_) => skipped += 1,
            CaseStatus::Deferred(_) => deferred += 1,
            CaseStatus::Run if std::panic::catch_unwind(case).is_ok() => passed += 1,
            CaseStatus::Run => failed.push(*name),
        }
    }
    let deferred = match deferred {
        0 => String::new(),
        n => format!(", {n} deferred"),
    };
    let line = format!(
        "{service}: {passed} passed, {} failed, {skipped} skipped{deferred}\n",
        failed.len()
    );
    // Writing to the handle directly bypasses the harness's output capture.
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    assert!(failed.is_empty(), "{service}: failed cases: {failed:?}");
}
