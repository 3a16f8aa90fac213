//! The scratch crates' other sources: the interpreter form as smithy-codegen emits it, the
//! timing programs and the differential check.

use serde_json::Value;

use crate::translate::Param;

/// The generated form's crate root.
pub const GENERATED_LIB: &str = "//! The generated-Rust form (`rules_to_rust`, smithy-bench).\n\n\
                                 // Not every rule set calls every helper.\n\
                                 #[allow(dead_code)]\n\
                                 mod rules_helpers;\n\npub mod endpoint_rules;\n";

/// Removes the `documentation` of parameters, rules and conditions, as
/// `codegen/src/ir/endpoints.rs` does before embedding a rule set.
pub fn strip_documentation(rule_set: &mut Value) {
    if let Some(Value::Object(params)) = rule_set.get_mut("parameters") {
        for param in params.values_mut().filter_map(Value::as_object_mut) {
            param.remove("documentation");
        }
    }
    strip_rules(rule_set);
}

fn strip_rules(parent: &mut Value) {
    let Some(Value::Array(rules)) = parent.get_mut("rules") else {
        return;
    };
    for rule in rules {
        let Some(object) = rule.as_object_mut() else {
            continue;
        };
        object.remove("documentation");
        if let Some(Value::Array(conditions)) = object.get_mut("conditions") {
            for condition in conditions.iter_mut().filter_map(Value::as_object_mut) {
                condition.remove("documentation");
            }
        }
        strip_rules(rule);
    }
}

/// The interpreter form: the items of smithy-codegen's `endpoint` module (a `ServiceRules`
/// static over the rule set's JSON, parsed on first use) and a function that resolves with it.
pub fn interpreted_lib(json: &str) -> String {
    format!(
        "//! The interpreter form: what smithy-codegen emits today (`endpoint.rs`).\n\n\
         /// The service's endpoint rules, parsed on first use.\n\
         pub static RULES: ::smithy_runtime::rules::ServiceRules =\n    \
         ::smithy_runtime::rules::ServiceRules::new(RULE_SET, None);\n\
         /// The rule set's JSON.\n\
         const RULE_SET: &str = {json:?};\n\n\
         /// The endpoint for `params`, as a generated client resolves it.\n\
         pub fn resolve(\n    params: &::smithy_runtime::rules::Params,\n\
         ) -> Result<::smithy_runtime::rules::Endpoint, ::smithy_runtime::rules::ResolveError> {{\n    \
         RULES.resolve(params)\n}}\n"
    )
}

/// Rust building the interpreter's `Params` from a test case's `params` object.
pub fn interpreted_params(values: &Value) -> String {
    let new = "::smithy_runtime::rules::Params::new()";
    if values.as_object().is_none_or(|o| o.is_empty()) {
        return new.to_owned();
    }
    let mut out = format!("{{ let mut p = {new}; ");
    for (name, value) in values.as_object().into_iter().flatten() {
        let value = match value {
            Value::String(_) | Value::Bool(_) => value.to_string(),
            Value::Array(items) => format!("{}.to_vec()", string_array(items)),
            // Not a parameter value: `typed_params` rejects it for a declared name, and the
            // interpreter ignores other names.
            _ => continue,
        };
        out.push_str(&format!("p.set({name:?}, {value}); "));
    }
    out.push_str("p }");
    out
}

/// Rust building the generated `Params` (the struct at `path`) from a test case's `params`
/// object; an error when a value has not the parameter's type (the typed struct cannot hold
/// it: the check would not be complete).
pub fn typed_params(values: &Value, declared: &[Param], path: &str) -> Result<String, String> {
    let mut fields = String::new();
    for (name, value) in values.as_object().into_iter().flatten() {
        // A name the rule set does not declare is ignored by the interpreter too.
        let Some(param) = declared.iter().find(|p| &p.name == name) else {
            continue;
        };
        let value = match (param.ty, value) {
            ("string", Value::String(s)) => format!("{s:?}.to_owned()"),
            ("boolean", Value::Bool(b)) => b.to_string(),
            ("stringArray", Value::Array(items)) => format!("{}.to_vec()", string_array(items)),
            _ => return Err(format!("`{name}` = {value} is not a {}", param.ty)),
        };
        fields.push_str(&format!("{}: Some({value}), ", param.field));
    }
    Ok(format!("{path} {{ {fields}..{path}::default() }}"))
}

/// `["a".to_owned(), …]` (non-strings become their JSON text).
fn string_array(items: &[Value]) -> String {
    let items: Vec<String> = items
        .iter()
        .map(|i| match i {
            Value::String(s) => format!("{s:?}.to_owned()"),
            other => format!("{:?}.to_owned()", other.to_string()),
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// A program printing the median time of one resolution (31 rounds of 20,000, after a first
/// call, whose time is printed too: it includes parsing the rule set or the partitions).
pub fn timing(build_params: &str, resolve: &str) -> String {
    format!(
        "//! Resolve time, written by `rules_to_rust` (smithy-bench).\n\
         use std::hint::black_box;\n\
         use std::time::Instant;\n\n\
         const ROUNDS: usize = 31;\n\
         const PER_ROUND: u32 = 20_000;\n\n\
         fn main() {{\n    \
             let params = {build_params};\n    \
             let started = Instant::now();\n    \
             let endpoint = {resolve}(&params).expect(\"the parameters resolve\");\n    \
             let first = started.elapsed();\n    \
             let mut samples: Vec<f64> = (0..ROUNDS)\n        \
                 .map(|_| {{\n            \
                     let start = Instant::now();\n            \
                     for _ in 0..PER_ROUND {{\n                \
                         let _ = black_box({resolve}(black_box(&params)));\n            \
                     }}\n            \
                     start.elapsed().as_secs_f64() * 1e9 / f64::from(PER_ROUND)\n        \
                 }})\n        \
                 .collect();\n    \
             samples.sort_by(f64::total_cmp);\n    \
             // Median ns, first call µs, the URL (checked by the script).\n    \
             println!(\"{{:.1}} {{:.1}} {{}}\", samples[ROUNDS / 2], first.as_secs_f64() * 1e6, endpoint.url);\n\
         }}\n",
    )
}

/// The differential check: every test case's `params` resolved by the interpreter and by the
/// generated resolver (bundled partitions on both sides); any difference fails the program.
/// How many of the generated resolver's results are the cases' own expectations is printed
/// too, for information (the partition data may have moved on since a case was written).
pub fn differential(name: &str, cases: &[Value], declared: &[Param]) -> Result<String, String> {
    let krate = format!("{name}_generated");
    let mut calls = String::new();
    for (i, case) in cases.iter().enumerate() {
        let params = &case["params"];
        let typed =
            typed_params(params, declared, "Params").map_err(|e| format!("test case {i}: {e}"))?;
        let expect = &case["expect"];
        let expected = match (expect["endpoint"]["url"].as_str(), expect["error"].as_str()) {
            (Some(url), _) => format!("Some(Ok({url:?}))"),
            (None, Some(message)) => format!("Some(Err({message:?}))"),
            (None, None) => "None".to_owned(),
        };
        let interpreted = interpreted_params(params);
        calls.push_str(&format!(
            "    check.case({i}, {interpreted}, {typed}, {expected});\n"
        ));
    }
    Ok(format!(
        "//! Differential check, written by `rules_to_rust` (smithy-bench): the generated resolver\n\
         //! against the runtime's interpreter on every endpoint test case of the rule set.\n\n\
         use smithy_runtime::rules::{{Partitions, RuleSet}};\n\
         use {krate}::endpoint_rules::{{resolve, Params}};\n\n\
         struct Check {{\n    \
             rules: RuleSet,\n    \
             compared: usize,\n    \
             endpoints: usize,\n    \
             differences: usize,\n    \
             as_expected: usize,\n\
         }}\n\n\
         impl Check {{\n    \
             fn case(\n        \
                 &mut self,\n        \
                 index: usize,\n        \
                 interpreted: smithy_runtime::rules::Params,\n        \
                 typed: Params,\n        \
                 expected: Option<Result<&str, &str>>,\n    \
             ) {{\n        \
                 let interpreter = self\n            \
                     .rules\n            \
                     .resolve(&interpreted, Partitions::bundled())\n            \
                     .map_err(|e| e.to_string());\n        \
                 let generated = resolve(&typed);\n        \
                 self.compared += 1;\n        \
                 if interpreter != generated {{\n            \
                     self.differences += 1;\n            \
                     eprintln!(\"case {{index}} DIFFERS\\n  interpreter: {{interpreter:?}}\\n  generated:   {{generated:?}}\");\n        \
                 }}\n        \
                 self.endpoints += usize::from(interpreter.is_ok());\n        \
                 let as_expected = match (expected, &generated) {{\n            \
                     (Some(Ok(url)), Ok(endpoint)) => endpoint.url == url,\n            \
                     (Some(Err(message)), Err(error)) => error == message,\n            \
                     _ => false,\n        \
                 }};\n        \
                 self.as_expected += usize::from(as_expected);\n    \
             }}\n\
         }}\n\n\
         fn main() {{\n    \
             let rules = RuleSet::from_json(include_str!(\"../rule_set.json\")).expect(\"the rule set parses\");\n    \
             let mut check = Check {{ rules, compared: 0, endpoints: 0, differences: 0, as_expected: 0 }};\n\
         {calls}    \
             println!(\n        \
                 \"{name}: {{}} cases compared ({{}} endpoints, {{}} errors), {{}} differences; {{}} as the test cases expect\",\n        \
                 check.compared,\n        \
                 check.endpoints,\n        \
                 check.compared - check.endpoints,\n        \
                 check.differences,\n        \
                 check.as_expected,\n    \
             );\n    \
             if check.differences > 0 || check.compared == 0 {{\n        \
                 std::process::exit(1);\n    \
             }}\n\
         }}\n"
    ))
}
