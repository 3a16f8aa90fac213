//! A JSON document of the JMESPath suite as a `Value`, what the runtime evaluates: shared by the
//! compliance test (`tests/jmespath_compliance.rs`) and the benchmark
//! (`bench/benches/jmespath.rs`, which includes this file by path).

use serde_json::Value as Json;
use smithy_runtime::Value;

/// `json` as a `Value`: integers as `Long`, other numbers as `Double`, objects as `Map`s.
pub fn to_value(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Boolean(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Long(i),
            None => Value::Double(n.as_f64().unwrap_or(f64::NAN)),
        },
        Json::String(s) => Value::String(s.clone()),
        Json::Array(items) => Value::List(items.iter().map(to_value).collect()),
        Json::Object(entries) => Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), to_value(v)))
                .collect(),
        ),
    }
}
