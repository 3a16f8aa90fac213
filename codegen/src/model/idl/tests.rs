//! Unit tests of the IDL front end: resolution rules, positions, and hostile or broken input.

use std::collections::HashSet;
use std::path::Path;

use serde_json::{json, Value};

use super::{parse, AstFile};
use crate::model::ShapeId;

fn resolve_with(text: &str, others: &[&str]) -> crate::Result<AstFile> {
    let file = parse(Path::new("m.smithy"), text)?;
    let mut defined: HashSet<ShapeId> = file.defined_shapes().into_iter().collect();
    defined.extend(others.iter().filter_map(|id| ShapeId::parse(id)));
    let builtin = crate::model::prelude::ids().expect("the built-in definitions load");
    file.resolve(&|id| defined.contains(id) || builtin.contains(id))
}

fn document(text: &str) -> Value {
    resolve_with(text, &[])
        .expect("the model is valid")
        .document
}

/// The error as displayed, which must be one line naming file, line and column.
fn error(text: &str) -> String {
    let error = resolve_with(text, &[]).expect_err("the model is invalid");
    let shown = error.to_string();
    assert!(!shown.contains('\n'), "{shown}");
    assert!(shown.starts_with("m.smithy:"), "{shown}");
    shown
}

#[test]
fn version_defaults_to_1_0() {
    let file = parse(Path::new("m.smithy"), "namespace a.b\n").unwrap();
    assert_eq!(file.version(), "1.0");
    let file = parse(Path::new("m.smithy"), "$version: \"2\"\nnamespace a.b\n").unwrap();
    assert_eq!(file.version(), "2");
    assert_eq!(document("$version: \"2\"\n")["smithy"], "2.0");
}

#[test]
fn relative_ids_resolve_use_then_namespace_then_prelude() {
    let text = "$version: \"2.0\"\nnamespace a.b\nuse x.y#Used\n\nstructure S {\n    u: Used\n    o: Other\n    p: String\n    m: Missing\n}\n";
    let ast = resolve_with(text, &["a.b#Other", "a.b#String", "x.y#Used"]).unwrap();
    let members = &ast.document["shapes"]["a.b#S"]["members"];
    assert_eq!(members["u"]["target"], "x.y#Used");
    assert_eq!(members["o"]["target"], "a.b#Other");
    // A shape of the namespace in another file wins over the prelude.
    assert_eq!(members["p"]["target"], "a.b#String");
    assert_eq!(members["m"]["target"], "a.b#Missing");
    let ast = resolve_with(text, &["x.y#Used"]).unwrap();
    assert_eq!(
        ast.document["shapes"]["a.b#S"]["members"]["p"]["target"],
        "smithy.api#String"
    );
    // A `use` of a shape no file defines is an error at the `use`.
    let error = resolve_with(text, &[]).expect_err("x.y#Used is not defined");
    assert_eq!(
        error.to_string(),
        "m.smithy:3:5: `use` names x.y#Used, which no model file defines"
    );
    assert_eq!(ast.positions["a.b#S"], (5, 1));
    assert_eq!(ast.positions["a.b#S$o"], (7, 5));
}

#[test]
fn inline_io_shapes_are_defined_and_annotation_traits_are_null() {
    let text = "$version: \"2.0\"\nnamespace a.b\n/// Docs\n@readonly\noperation Op {\n    input := {}\n    output := @sensitive {}\n}\n";
    let file = parse(Path::new("m.smithy"), text).unwrap();
    let ids: Vec<String> = file
        .defined_shapes()
        .iter()
        .map(|id| id.to_string())
        .collect();
    assert_eq!(ids, ["a.b#Op", "a.b#OpInput", "a.b#OpOutput"]);
    let shapes = &document(text)["shapes"];
    assert_eq!(
        shapes["a.b#Op"],
        json!({"type": "operation", "input": {"target": "a.b#OpInput"},
               "output": {"target": "a.b#OpOutput"},
               "traits": {"smithy.api#documentation": "Docs", "smithy.api#readonly": null}})
    );
    assert_eq!(
        shapes["a.b#OpOutput"]["traits"],
        json!({"smithy.api#sensitive": null, "smithy.api#output": null})
    );
}

#[test]
fn unterminated_strings_and_text_blocks() {
    assert_eq!(
        error("namespace a.b\n@documentation(\"abc\nstring S\n"),
        "m.smithy:4:1: Expected `\"` to close the string but found end of file"
    );
    assert!(
        error("namespace a.b\n@documentation(\"\"\"\n  abc\nstring S\n")
            .starts_with("m.smithy:5:1:")
    );
    assert!(error("namespace a.b\n@documentation(\"abc\\").starts_with("m.smithy:2:21:"));
    assert!(
        error("namespace a.b\n@documentation(\"\"\"abc\"\"\")\nstring S\n")
            .contains("Text block must start with a new line")
    );
}

#[test]
fn invalid_escapes_are_reported_at_the_string() {
    for (escape, problem) in [
        ("\\q", "Invalid escape"),
        ("\\u12", "unclosed unicode escape"),
        ("\\u12G4", "Invalid unicode escape character"),
        ("\\uD800", "surrogate"),
    ] {
        let shown = error(&format!(
            "namespace a.b\n@documentation(\"{escape}\")\nstring S\n"
        ));
        assert!(shown.starts_with("m.smithy:2:16:"), "{shown}");
        assert!(shown.contains(problem), "{shown}");
    }
}

#[test]
fn use_of_a_malformed_id() {
    assert_eq!(
        error("namespace a.b\nuse a.b\n"),
        "m.smithy:2:8: Expected `#` but found a line break"
    );
    assert_eq!(
        error("namespace a.b\nuse a#B$c\n"),
        "m.smithy:2:8: Use statements cannot use members"
    );
    assert!(error("namespace a.b\nuse #B\n").starts_with("m.smithy:2:5: Expected an identifier"));
    assert!(error("namespace a.b\nuse a#B\nuse c#B\n").contains("conflicts with `a#B`"));
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    for (open, close) in [("[", "]"), ("{a:", "}")] {
        let text = format!(
            "namespace a.b\n@tags({}{})\nstring S\n",
            open.repeat(100_000),
            close.repeat(100_000)
        );
        let shown = error(&text);
        assert!(shown.contains("at most 64 levels"), "{shown}");
    }
    // Unclosed, too.
    assert!(error(&format!("metadata x = {}", "[".repeat(100_000))).contains("at most 64"));
    // 64 levels are fine.
    let text = format!("metadata x = {}{}\n", "[".repeat(64), "]".repeat(64));
    assert!(document(&text)["metadata"]["x"].is_array());
}

#[test]
fn a_trait_twice_with_conflicting_values() {
    let shown = error("namespace a.b\n@since(\"1\")\n@since(\"2\")\nstring S\n");
    assert_eq!(
        shown,
        "m.smithy:3:2: Trait `smithy.api#since` is applied more than once with conflicting values"
    );
    let shown = error("namespace a.b\n@since(\"1\")\nstring S\napply S @since(\"2\")\n");
    assert!(shown.starts_with("m.smithy:4:7:"), "{shown}");
    // The same value twice is fine, and list values concatenate.
    let doc = document("namespace a.b\n@since(\"1\")\n@tags([\"x\"])\nstring S\napply S @since(\"1\")\napply S @tags([\"y\"])\n");
    assert_eq!(
        doc["shapes"]["a.b#S"]["traits"]["smithy.api#tags"],
        json!(["x", "y"])
    );
}

#[test]
fn apply_to_another_file_stays_an_apply_entry() {
    let doc =
        document("namespace a.b\napply x.y#T$m @sensitive\napply x.y#T$m { @since(\"1\") }\n");
    assert_eq!(
        doc["shapes"]["x.y#T$m"],
        json!({"type": "apply", "traits": {"smithy.api#sensitive": null, "smithy.api#since": "1"}})
    );
}

#[test]
fn unquoted_shape_ids_in_values_must_resolve() {
    let doc = document("namespace a.b\n@references([{resource: R}])\nstring S\nresource R {}\n");
    assert_eq!(
        doc["shapes"]["a.b#S"]["traits"]["smithy.api#references"],
        json!([{"resource": "a.b#R"}])
    );
    assert!(error("namespace a.b\n@tags([R])\nstring S\n").contains("Syntactic shape ID `R`"));
}

#[test]
fn errors_name_what_was_expected() {
    assert_eq!(
        error("namespace a.b\nstructure S {\n    a: String\n"),
        "m.smithy:4:1: Expected an identifier but found end of file"
    );
    assert_eq!(
        error("namespace a.b\napply S {\n"),
        "m.smithy:3:1: Expected `}` but found end of file"
    );
    assert_eq!(
        error("namespace a.b\nstring S!\n"),
        "m.smithy:2:9: Unexpected character `!`"
    );
    assert_eq!(
        error("namespace a.b\nstrin S\n"),
        "m.smithy:2:1: Unknown shape type: `strin`"
    );
    assert_eq!(
        error("metadata x = 1.\n"),
        "m.smithy:1:14: Invalid number `1.`: `.` must be followed by a digit"
    );
}

#[test]
fn every_prefix_of_a_model_is_handled_without_panic() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/idl-suite/valid/main-test.smithy"),
    )
    .unwrap();
    for (cut, _) in text.char_indices() {
        let _ = resolve_with(&text[..cut], &[]);
    }
}

/// A few megabytes of the shapes that could trip a quadratic algorithm (huge strings, text
/// blocks, comments, objects and arrays with many entries, many doc comment lines).
#[test]
fn large_and_repetitive_input_parses() {
    let text = large_model(2_000_000);
    let ast = resolve_with(&text, &[]).unwrap();
    assert!(ast.document["shapes"].as_object().unwrap().len() > 1000);
}

/// The model [`large_model`] builds: roughly `size` bytes.
pub(super) fn large_model(size: usize) -> String {
    let mut text = String::from("$version: \"2.0\"\n");
    let keys: Vec<String> = (0..10_000).map(|i| format!("k{i}: {i}")).collect();
    text.push_str(&format!("metadata big = {{{}}}\n", keys.join(", ")));
    text.push_str(&format!("metadata list = [{}]\n", "1, ".repeat(10_000)));
    text.push_str("namespace bench.example\n\n");
    text.push_str(&format!(
        "@documentation(\"{}\")\nstring Long\n",
        "x".repeat(100_000)
    ));
    text.push_str(&format!(
        "@documentation(\"\"\"\n{}\"\"\")\nstring LongBlock\n",
        "    line\n".repeat(10_000)
    ));
    text.push_str(&format!("// {}\n", "c".repeat(100_000)));
    text.push_str(&format!(
        "{}string Documented\n",
        "/// doc line\n".repeat(10_000)
    ));
    let mut i = 0;
    while text.len() < size {
        text.push_str(&format!(
            "/// Shape {i}\n@tags([\"a\", \"b\"])\nstructure S{i} {{\n    @required\n    id: String\n    count: Integer = 0\n    next: S{}\n}}\n\noperation Op{i} {{\n    input := {{ name: String }}\n    output := {{ value: S{i} }}\n    errors: [E]\n}}\n\n",
            i + 1
        ));
        i += 1;
    }
    text.push_str(&format!(
        "structure S{i} {{}}\n@error(\"client\")\nstructure E {{}}\n"
    ));
    text
}

/// The `.smithy` files of the suite's valid half, as (path, text).
fn suite_files() -> Vec<(std::path::PathBuf, String)> {
    let mut found = Vec::new();
    let mut pending = vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/idl-suite/valid")];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "smithy") {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path, text));
            }
        }
    }
    found
}

/// Parse speed: the suite's real files many times over, then one generated file of ~5 and
/// ~50 MB, whose rate must not fall with size (nothing quadratic). Run it in release:
/// `cargo test --release -p smithy-codegen --lib idl::tests::parse_speed -- --ignored
/// --nocapture --test-threads=1`. Measured on the shared 2-core machine (glibc malloc):
/// suite files 24.6 MB/s end to end; 5 MB 6.0 MB/s (parse alone 21.6), 50 MB 4.8 MB/s (parse
/// alone 19.0), 865,421 shapes, 4 GB peak — the `serde_json::Value` document dominates.
#[test]
#[ignore]
fn parse_speed() {
    // Real, varied files: the suite's valid half, 200 times over.
    let files = suite_files();
    let start = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..200 {
        for (path, text) in &files {
            bytes += text.len();
            // (One file holds a number beyond f64 and fails; parsing it still counts.)
            if let Ok(file) = parse(path, text) {
                let _ = file.resolve(&|_| true);
            }
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    eprintln!(
        "suite files x200: {:.1} MB in {elapsed:.2} s, {:.1} MB/s",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / elapsed
    );
    for size in [5_000_000, 50_000_000] {
        let text = large_model(size);
        let start = std::time::Instant::now();
        let file = parse(Path::new("m.smithy"), &text).unwrap();
        let parsed = start.elapsed().as_secs_f64();
        let defined: HashSet<ShapeId> = file.defined_shapes().into_iter().collect();
        let builtin = crate::model::prelude::ids().unwrap();
        let ast = file
            .resolve(&|id| defined.contains(id) || builtin.contains(id))
            .unwrap();
        let elapsed = start.elapsed().as_secs_f64();
        let shapes = ast.document["shapes"].as_object().map_or(0, |s| s.len());
        let mb = text.len() as f64 / 1e6;
        eprintln!(
            "{mb:.1} MB, {shapes} shapes: {elapsed:.2} s, {:.1} MB/s (parse alone {:.1} MB/s)",
            mb / elapsed,
            mb / parsed
        );
    }
}

#[test]
fn elision_through_hostile_mixin_graphs_is_bounded() {
    // A cycle: no stack overflow, just "not found".
    let shown = error("$version: \"2\"\nnamespace a.b\n@mixin\nstructure A with [B] { $x }\n@mixin\nstructure B with [A] { $y }\n");
    assert!(shown.contains("elides its target"), "{shown}");
    // A diamond lattice 200 levels deep, each level naming the next twice: exponential
    // without the visited set; and a chain longer than the depth bound.
    let mut text = String::from("$version: \"2\"\nnamespace a.b\n");
    for level in 0..200 {
        text.push_str(&format!(
            "@mixin\nstructure M{level} with [M{next} M{next}] {{}}\n",
            next = level + 1
        ));
    }
    text.push_str("@mixin\nstructure M200 { x: String }\nstructure S with [M0] { $x }\n");
    assert!(error(&text).contains("elides its target"));
    let near = text.replace("M0] { $x }", "M150] { $x }");
    assert_eq!(document(&near)["shapes"]["a.b#S"]["members"], json!({}));
    // A mixin of another file cannot be looked into.
    let shown = resolve_with(
        "$version: \"2\"\nnamespace a.b\nstructure S with [x.y#M] { $x }\n",
        &["x.y#M"],
    )
    .expect_err("unresolvable")
    .to_string();
    assert!(shown.contains("another file"), "{shown}");
    // The same elided member from a resource of this file.
    let doc = document("$version: \"2\"\nnamespace a.b\nresource R { identifiers: { id: String } }\nstructure S for R { $id }\n");
    assert_eq!(
        doc["shapes"]["a.b#S"]["members"]["id"]["target"],
        "smithy.api#String"
    );
}

#[test]
fn crlf_line_endings_read_like_lf() {
    for (path, text) in suite_files() {
        let Ok(lf) = resolve_with(&text, &[]) else {
            continue;
        };
        let crlf = resolve_with(&text.replace('\n', "\r\n"), &[])
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(lf.document, crlf.document, "{}", path.display());
        assert_eq!(lf.positions, crlf.positions, "{}", path.display());
    }
}
