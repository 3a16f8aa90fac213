//! Smithy's own IDL loader suite (`codegen/tests/idl-suite`, see its README): every valid
//! file must produce the model of its `.json` (or load like its `.flattened.smithy`), and
//! every invalid file must be rejected — at the line and column its header comment names,
//! when it names one. Each half prints a summary line past the test harness's capture.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{parse, AstFile};
use crate::model::{load_sources, Model, ShapeId, Source};

/// Cases not run, and why. Everything else must pass. The IDL front end handles each of
/// these; what fails is a later stage (the JSON loader, `model/load.rs` and `model/mixins.rs`)
/// or a representation limit.
const SKIPPED: &[(&str, &str)] = &[
    ("valid/traits.smithy", "the value 1.7976931348623157E+309 exceeds f64, and serde_json without `arbitrary_precision` cannot hold it (a JSON model fails the same way)"),
];

fn suite_dir(kind: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/idl-suite")
        .join(kind)
}

/// Every file under `dir` whose name ends with `suffix`, sorted.
fn files(dir: &Path, suffix: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).expect("the suite directory is readable") {
            let path = entry.expect("a directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/idl-suite");
    path.strip_prefix(&root)
        .unwrap_or(path)
        .display()
        .to_string()
}

fn skip_reason(path: &Path) -> Option<&'static str> {
    let name = relative(path);
    SKIPPED
        .iter()
        .find(|(case, _)| *case == name)
        .map(|(_, why)| *why)
}

/// Writes a summary line straight to stderr (the harness captures `eprintln!`) and fails
/// with the list of failures.
fn report(suite: &str, passed: usize, failures: &[String], skipped: usize) {
    let line = format!(
        "{suite}: {passed} passed, {} failed, {skipped} skipped\n",
        failures.len()
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    assert!(
        failures.is_empty(),
        "{suite} failures:\n{}",
        failures.join("\n")
    );
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("suite files are UTF-8")
}

/// The shapes of `__shared.json`, which Smithy's runner loads with every valid case.
fn shared() -> (String, HashSet<ShapeId>) {
    let text = read(&suite_dir("valid").join("__shared.json"));
    let document: Value = serde_json::from_str(&text).expect("__shared.json is JSON");
    let ids = document["shapes"]
        .as_object()
        .map(|shapes| shapes.keys().filter_map(|k| ShapeId::parse(k)).collect())
        .unwrap_or_default();
    (text, ids)
}

/// Parses and resolves one file; other shapes come from `extra`.
fn front_end(path: &Path, extra: &HashSet<ShapeId>) -> crate::Result<AstFile> {
    let file = parse(path, &read(path))?;
    let own: HashSet<ShapeId> = file.defined_shapes().into_iter().collect();
    let builtin = crate::model::prelude::ids().expect("the built-in definitions load");
    file.resolve(&|id| own.contains(id) || extra.contains(id) || builtin.contains(id))
}

/// Loads an IDL file's JSON AST (plus `__shared.json`) through the JSON loader.
fn load_idl(path: &Path, shared_text: &str, extra: &HashSet<ShapeId>) -> Result<Model, String> {
    let ast = front_end(path, extra).map_err(|e| e.to_string())?;
    let sources = [
        Source {
            path: path.with_extension("json"),
            text: ast.document.to_string(),
        },
        Source {
            path: PathBuf::from("__shared.json"),
            text: shared_text.to_owned(),
        },
    ];
    load_sources(&sources).map_err(|e| e.to_string())
}

#[test]
fn idl_valid_suite() {
    let (shared_text, shared_ids) = shared();
    let (mut passed, mut skipped, mut failures) = (0, 0, Vec::new());
    let cases = files(&suite_dir("valid"), ".smithy");
    for path in cases
        .iter()
        .filter(|p| !p.to_string_lossy().ends_with(".flattened.smithy"))
    {
        if skip_reason(path).is_some() {
            skipped += 1;
            continue;
        }
        let json = path.with_extension("json");
        let flattened = PathBuf::from(
            path.to_string_lossy()
                .replace(".smithy", ".flattened.smithy"),
        );
        let mut problems = Vec::new();
        match front_end(path, &shared_ids) {
            Err(e) => problems.push(format!("rejected: {e}")),
            Ok(ast) if json.exists() => {
                let expected_text = read(&json);
                let expected: Value = serde_json::from_str(&expected_text).expect("suite JSON");
                // The same document, or one that loads into the same model (Smithy's JSON
                // may say the same thing differently, e.g. `apply` for an inherited member).
                if let Some(difference) = compare::documents(&ast.document, &expected) {
                    let ours = load_idl(path, &shared_text, &shared_ids);
                    let theirs = load_sources(&[
                        Source {
                            path: json.clone(),
                            text: expected_text,
                        },
                        Source {
                            path: PathBuf::from("__shared.json"),
                            text: shared_text.clone(),
                        },
                    ]);
                    let same_model = match (ours, theirs) {
                        (Ok(ours), Ok(theirs)) => compare::models(&ours, &theirs, false),
                        (Err(e), _) => Some(format!("ours does not load: {e}")),
                        (_, Err(e)) => Some(format!("the .json does not load: {e}")),
                    };
                    if let Some(model_difference) = same_model {
                        problems.push(format!(
                            "differs from the .json: {difference}; as models: {model_difference}"
                        ));
                    }
                }
            }
            Ok(_) => {}
        }
        if flattened.exists() {
            let mixed = load_idl(path, &shared_text, &shared_ids);
            let flat = load_idl(&flattened, &shared_text, &shared_ids);
            match (mixed, flat) {
                (Ok(mixed), Ok(flat)) => {
                    if let Some(difference) = compare::models(&mixed, &flat, true) {
                        problems.push(format!("loads unlike its .flattened.smithy: {difference}"));
                    }
                }
                (Err(e), _) => problems.push(format!("does not load: {e}")),
                (_, Err(e)) => problems.push(format!(".flattened.smithy does not load: {e}")),
            }
        }
        if problems.is_empty() {
            passed += 1;
        } else {
            failures.push(format!("{}: {}", relative(path), problems.join("; ")));
        }
    }
    report("IDL valid suite", passed, &failures, skipped);
}

/// `line L, column C` from the header comment, when it gives one.
fn expected_position(text: &str) -> Option<(usize, usize)> {
    let header = text.lines().next()?;
    let at = header.find("line ")?;
    let rest = &header[at + 5..];
    let (line, rest) = rest.split_once(", column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

#[test]
fn idl_invalid_suite() {
    let (mut passed, mut skipped, mut failures) = (0, 0, Vec::new());
    for path in files(&suite_dir("invalid"), ".smithy") {
        if skip_reason(&path).is_some() {
            skipped += 1;
            continue;
        }
        let text = read(&path);
        let expected = expected_position(&text);
        let outcome = match front_end(&path, &HashSet::new()) {
            Err(e) => Err((e.position(), e.to_string())),
            Ok(ast) => load_sources(&[Source {
                path: path.with_extension("json"),
                text: ast.document.to_string(),
            }])
            .map(|_| ())
            .map_err(|e| (None, e.to_string())),
        };
        let problem = match (outcome, expected) {
            (Ok(()), _) => Some("accepted".to_owned()),
            (Err((_, message)), _) if message.contains('\n') || message.is_empty() => {
                Some(format!("error is not one line: {message:?}"))
            }
            (Err((position, message)), Some(expected)) if position != Some(expected) => {
                Some(format!(
                    "expected an error at {}:{}, got {message}",
                    expected.0, expected.1
                ))
            }
            (Err(_), _) => None,
        };
        match problem {
            None => passed += 1,
            Some(problem) => failures.push(format!("{}: {problem}", relative(&path))),
        }
    }
    report("IDL invalid suite", passed, &failures, skipped);
}

/// Structural comparison of documents and models, with the equivalences the JSON AST
/// allows.
mod compare {
    use serde_json::{json, Value};

    use crate::model::{Model, Shape, ShapeId, Traits};

    /// The first difference between our document and Smithy's, if any. Objects are
    /// unordered; a `null` trait (an annotation the loader fills in) equals `{}` or `[]`;
    /// an absent `members`, `shapes` or `metadata` equals `{}`, an absent list `[]`, and an
    /// absent operation `input` or `output` targets `smithy.api#Unit`.
    pub(super) fn documents(ours: &Value, expected: &Value) -> Option<String> {
        value(ours, expected, "", false)
    }

    /// What an absent key means.
    fn implied(key: &str) -> Option<Value> {
        match key {
            "members" | "shapes" | "metadata" | "rename" | "identifiers" | "properties" => {
                Some(json!({}))
            }
            "errors" | "operations" | "resources" | "collectionOperations" | "mixins" => {
                Some(json!([]))
            }
            "input" | "output" => Some(json!({"target": "smithy.api#Unit"})),
            _ => None,
        }
    }

    /// `trait_values`: `ours` and `expected` are the values of one trait.
    fn value(ours: &Value, expected: &Value, at: &str, trait_values: bool) -> Option<String> {
        match (ours, expected) {
            (Value::Null, Value::Object(o)) if trait_values && o.is_empty() => None,
            (Value::Null, Value::Array(a)) if trait_values && a.is_empty() => None,
            (Value::Object(a), Value::Object(b)) => {
                for key in a.keys().chain(b.keys()) {
                    let implied = implied(key);
                    let (x, y) = match (
                        a.get(key).or(implied.as_ref()),
                        b.get(key).or(implied.as_ref()),
                    ) {
                        (Some(x), Some(y)) => (x, y),
                        (None, _) => return Some(format!("{at}.{key} is missing")),
                        (_, None) => return Some(format!("{at}.{key} is unexpected")),
                    };
                    let in_traits = at.ends_with(".traits");
                    if let Some(d) = value(x, y, &format!("{at}.{key}"), in_traits) {
                        return Some(d);
                    }
                }
                None
            }
            (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
                .iter()
                .zip(b)
                .enumerate()
                .find_map(|(i, (x, y))| value(x, y, &format!("{at}[{i}]"), false)),
            (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => None,
            _ if ours == expected => None,
            _ => Some(format!("{at}: ours {ours}, expected {expected}")),
        }
    }

    /// The first difference between two loaded models' shapes (files aside), with the
    /// trait equivalence above. With `without_mixins`, mixins are left out, as Smithy's
    /// runner flattens them away before comparing with a `.flattened.smithy`.
    pub(super) fn models(a: &Model, b: &Model, without_mixins: bool) -> Option<String> {
        let ids = |model: &Model| -> Vec<ShapeId> {
            model
                .shapes
                .values()
                .filter(|shape| !(without_mixins && shape.has_trait("smithy.api#mixin")))
                .map(|shape| shape.id.clone())
                .collect()
        };
        for id in ids(a).iter().chain(&ids(b)) {
            match (a.shapes.get(id), b.shapes.get(id)) {
                (Some(x), Some(y)) => {
                    if let Some(difference) = shapes(x, y) {
                        return Some(format!("{id}: {difference}"));
                    }
                }
                _ => return Some(format!("{id} is only in one of them")),
            }
        }
        None
    }

    fn shapes(x: &Shape, y: &Shape) -> Option<String> {
        if x.shape_type != y.shape_type || x.mixins != y.mixins || x.bindings != y.bindings {
            return Some(format!("{x:?} vs {y:?}"));
        }
        if let Some(d) = traits(&x.traits, &y.traits) {
            return Some(d);
        }
        let names = |s: &Shape| s.members.iter().map(|m| m.name.clone()).collect::<Vec<_>>();
        if names(x) != names(y) {
            return Some(format!("members {:?} vs {:?}", names(x), names(y)));
        }
        x.members.iter().zip(&y.members).find_map(|(m, n)| {
            if m.target != n.target {
                return Some(format!("${}: target {} vs {}", m.name, m.target, n.target));
            }
            traits(&m.traits, &n.traits).map(|d| format!("${}: {d}", m.name))
        })
    }

    fn traits(x: &Traits, y: &Traits) -> Option<String> {
        for key in x.keys().chain(y.keys()) {
            match (x.get(key), y.get(key)) {
                (Some(a), Some(b)) => {
                    // Equal if either side's `null` stands for the other's empty value.
                    let differs =
                        value(a, b, key, true).and_then(|d| value(b, a, key, true).map(|_| d));
                    if let Some(d) = differs {
                        return Some(d);
                    }
                }
                _ => return Some(format!("trait {key} is only on one side")),
            }
        }
        None
    }
}
