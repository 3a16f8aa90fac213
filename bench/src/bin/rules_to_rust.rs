//! `rules_to_rust`: an endpoint rule set as generated Rust, the design the project did not
//! choose (it interprets the rule set's JSON at run time), written only to measure it against
//! the chosen one. See `bench/endpoint-design.sh` and `bench/README.md`.
//!
//! ```text
//! rules_to_rust RULE_SET.json [--helpers rules_helpers.rs]
//!     prints the resolver module (`Params`, `resolve`); writes the helpers it calls
//! rules_to_rust --model MODEL.json --service SHAPE_ID --name NAME --out DIR [--time-params JSON]
//!     writes the sources of two scratch crates for the service's rule set:
//!     DIR/interpreted (what smithy-codegen emits today) and DIR/generated (this resolver),
//!     each with an example timing one resolution (`NAME_interpreted_time`,
//!     `NAME_generated_time`), and the example `NAME_differential` in the generated crate, which
//!     compares the two on every `smithy.rules#endpointTests` case
//! ```

// A crate root's modules sit next to it; these live in the tool's own directory.
#[path = "rules_to_rust/endpoint.rs"]
mod endpoint;
#[path = "rules_to_rust/functions.rs"]
mod functions;
#[path = "rules_to_rust/harness.rs"]
mod harness;
#[path = "rules_to_rust/names.rs"]
mod names;
#[path = "rules_to_rust/template.rs"]
mod template;
#[path = "rules_to_rust/translate.rs"]
mod translate;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::Value;

/// The helper module every generated resolver calls (`super::rules_helpers`).
const HELPERS: &str = include_str!("rules_to_rust/rules_helpers.rs");

const RULE_SET_TRAIT: &str = "smithy.rules#endpointRuleSet";
const TESTS_TRAIT: &str = "smithy.rules#endpointTests";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("rules_to_rust: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: Vec<String>) -> Result<(), String> {
    let mut options = std::collections::BTreeMap::new();
    let mut positional = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.strip_prefix("--") {
            Some(name) => {
                let value = args.next().ok_or(format!("--{name} needs a value"))?;
                options.insert(name.to_owned(), value);
            }
            None => positional.push(arg),
        }
    }
    let option = |name: &str| options.get(name).map(String::as_str);
    match (positional.as_slice(), option("model")) {
        ([rule_set], None) => {
            let rule_set = read_json(Path::new(rule_set))?;
            print!("{}", resolver(&rule_set)?);
            if let Some(path) = option("helpers") {
                write(Path::new(path), HELPERS)?;
            }
            Ok(())
        }
        ([], Some(model)) => {
            let need = |name: &str| option(name).ok_or(format!("--{name} is required"));
            let model = read_json(Path::new(model))?;
            let traits = &model["shapes"][need("service")?]["traits"];
            let time_params: Value = match option("time-params") {
                Some(json) => {
                    serde_json::from_str(json).map_err(|e| format!("--time-params: {e}"))?
                }
                None => Value::Object(Default::default()),
            };
            scratch_sources(
                &traits[RULE_SET_TRAIT],
                &traits[TESTS_TRAIT],
                need("name")?,
                &PathBuf::from(need("out")?),
                &time_params,
            )
        }
        _ => Err("usage: see the header of bench/src/bin/rules_to_rust.rs".to_owned()),
    }
}

/// The resolver module, after the runtime has checked the rule set (so the translation can
/// trust its shape and types).
fn resolver(rule_set: &Value) -> Result<String, String> {
    smithy_runtime::rules::RuleSet::from_json(&rule_set.to_string())
        .map_err(|e| format!("the runtime rejects the rule set: {e}"))?;
    translate::module(rule_set)
}

fn scratch_sources(
    rule_set: &Value,
    tests: &Value,
    name: &str,
    out: &Path,
    time_params: &Value,
) -> Result<(), String> {
    if !rule_set.is_object() {
        return Err(format!("the service has no {RULE_SET_TRAIT}"));
    }
    let params = translate::params(rule_set)?;
    // What the generator embeds (`codegen/src/ir/endpoints.rs`): documentation stripped.
    let mut embedded = rule_set.clone();
    harness::strip_documentation(&mut embedded);
    let json = embedded.to_string();

    let a = out.join("interpreted");
    write(&a.join("src/lib.rs"), &harness::interpreted_lib(&json))?;
    let build = harness::interpreted_params(time_params);
    let call = format!("{name}_interpreted::resolve");
    // Example names are unique: the scratch crates share a target directory.
    let example = a.join(format!("examples/{name}_interpreted_time.rs"));
    write(&example, &harness::timing(&build, &call))?;

    let b = out.join("generated");
    write(&b.join("src/lib.rs"), harness::GENERATED_LIB)?;
    write(&b.join("src/endpoint_rules.rs"), &resolver(&embedded)?)?;
    write(&b.join("src/rules_helpers.rs"), HELPERS)?;
    let path = format!("{name}_generated::endpoint_rules");
    let build = harness::typed_params(time_params, &params, &format!("{path}::Params"))?;
    let call = format!("{path}::resolve");
    let example = b.join(format!("examples/{name}_generated_time.rs"));
    write(&example, &harness::timing(&build, &call))?;
    write(&b.join("rule_set.json"), &json)?;
    let cases = tests["testCases"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    let differential = harness::differential(name, cases, &params)?;
    write(
        &b.join(format!("examples/{name}_differential.rs")),
        &differential,
    )
}

fn read_json(path: &Path) -> Result<Value, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}
