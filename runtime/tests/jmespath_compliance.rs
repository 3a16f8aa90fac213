//! Runs the official JMESPath compliance suite (`tests/data/jmespath`, see its README) against
//! `smithy_runtime::jmespath`: each case's `given` document becomes a `Value`, and the
//! expression's result must match `result` (numbers numerically, objects in any order) or fail
//! with the `error` kind. `bench` cases have no expected result and must simply evaluate.

use std::path::Path;

use serde_json::Value as Json;
use smithy_runtime::jmespath::{Expression, JmespathError};
use smithy_runtime::Value;

#[path = "support/json_value.rs"]
mod json_value;
use json_value::to_value;

/// Cases not run, as (file, expression, reason). Empty: every case passes.
const SKIPPED: &[(&str, &str, &str)] = &[];

#[test]
fn compliance_suite() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/jmespath");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("read the suite directory")
        .map(|entry| entry.expect("read a directory entry").path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 16, "the suite has 16 files");
    let (mut passed, mut failures, mut skipped) = (0, Vec::new(), 0);
    for path in &files {
        let file = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let text = std::fs::read_to_string(path).expect("read a suite file");
        let groups: Vec<Json> = serde_json::from_str(&text).expect("parse a suite file");
        for group in &groups {
            let given = to_value(&group["given"]);
            for case in group["cases"].as_array().expect("cases") {
                let expression = case["expression"].as_str().expect("expression");
                if SKIPPED
                    .iter()
                    .any(|(f, e, _)| *f == file && *e == expression)
                {
                    skipped += 1;
                    continue;
                }
                let outcome = Expression::parse(expression).and_then(|e| e.search(&given));
                match check(case, &outcome) {
                    Ok(()) => passed += 1,
                    Err(problem) => failures.push(format!("{file}: {expression:?}: {problem}")),
                }
            }
        }
    }
    for failure in &failures {
        eprintln!("FAILED {failure}");
    }
    println!(
        "JMESPath compliance: {passed} passed, {} failed, {skipped} skipped",
        failures.len()
    );
    assert!(failures.is_empty(), "{} cases failed", failures.len());
    assert_eq!(passed + skipped, 908, "the suite has 908 cases");
}

/// Whether `outcome` is what `case` expects.
fn check(case: &Json, outcome: &Result<Value, JmespathError>) -> Result<(), String> {
    match (outcome, case.get("error"), case.get("result")) {
        (Err(e), Some(kind), _) if kind.as_str() == Some(e.kind().as_str()) => Ok(()),
        (Err(e), Some(kind), _) => Err(format!("expected a {kind} error, got {e}")),
        (Ok(v), Some(kind), _) => Err(format!("expected a {kind} error, got {v:?}")),
        (Ok(v), None, Some(expected)) if matches(v, expected) => Ok(()),
        (Ok(v), None, Some(expected)) => Err(format!("expected {expected}, got {v:?}")),
        (Ok(_), None, None) if case.get("bench").is_some() => Ok(()),
        (Ok(v), None, None) => Err(format!("case has neither result nor error; got {v:?}")),
        (Err(e), _, _) => Err(format!("unexpected error: {e}")),
    }
}

/// JSON equality of a result and an expected value: numbers numerically, objects in any order.
fn matches(actual: &Value, expected: &Json) -> bool {
    match (actual, expected) {
        (Value::Null, Json::Null) => true,
        (Value::Boolean(a), Json::Bool(b)) => a == b,
        (Value::String(a), Json::String(b)) => a == b,
        (Value::Long(a), Json::Number(b)) => b.as_f64() == Some(*a as f64),
        (Value::Double(a), Json::Number(b)) => b.as_f64() == Some(*a),
        (Value::List(a), Json::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| matches(x, y))
        }
        (Value::Map(a), Json::Object(b)) => {
            a.len() == b.len()
                && a.iter()
                    .all(|(k, v)| b.get(k).is_some_and(|expected| matches(v, expected)))
        }
        _ => false,
    }
}
