//! Each class of bad model gives a one-line error that names the file and the
//! shape, never a panic.

use smithy_codegen::Builder;

/// A minimal valid model with `shapes` spliced in next to a service and one operation.
fn model(extra_shapes: &str) -> String {
    format!(
        r#"{{
  "smithy": "2.0",
  "shapes": {{
    "ex#Svc": {{ "type": "service", "version": "1", "operations": [{{ "target": "ex#Op" }}] }},
    "ex#Op": {{ "type": "operation", "input": {{ "target": "ex#OpInput" }} }},
    "ex#OpInput": {{ "type": "structure", "members": {{ "a": {{ "target": "ex#A" }} }} }}
    {extra_shapes}
  }}
}}"#
    )
}

fn error_of(json: &str) -> smithy_codegen::Error {
    Builder::new()
        .model_source("bad.json", json)
        .generate_single_file()
        .expect_err("the model is invalid")
}

/// Asserts the error names `bad.json`, the shape (when given) and a phrase.
fn assert_error(json: &str, shape: Option<&str>, phrase: &str) {
    let error = error_of(json);
    let text = error.to_string();
    assert!(!text.contains('\n'), "one line: {text}");
    assert!(text.starts_with("bad.json: "), "names the file: {text}");
    if let Some(shape) = shape {
        assert_eq!(error.shape_id(), Some(shape), "names the shape: {text}");
    }
    assert!(
        text.contains(phrase),
        "says what is wrong ({phrase}): {text}"
    );
}

#[test]
fn invalid_json() {
    assert_error("{ \"smithy\": ", None, "invalid JSON");
}

#[test]
fn wrong_version() {
    assert_error(
        r#"{"smithy": "3.0", "shapes": {}}"#,
        None,
        "unsupported Smithy version `3.0`",
    );
}

#[test]
fn dangling_target() {
    assert_error(
        &model(""),
        Some("ex#OpInput"),
        "targets ex#A, which is not defined",
    );
}

#[test]
fn unknown_shape_type() {
    assert_error(
        &model(r#", "ex#A": { "type": "tuple" }"#),
        Some("ex#A"),
        "unknown shape type `tuple`",
    );
}

#[test]
fn trait_of_the_wrong_json_type() {
    let json =
        model(r#", "ex#A": { "type": "string", "traits": { "smithy.api#documentation": 42 } }"#);
    // The string shape is inlined, so put the bad trait on a structure instead.
    let _ = json;
    let json =
        model(r#", "ex#A": { "type": "structure", "traits": { "smithy.api#documentation": 42 } }"#);
    assert_error(
        &json,
        Some("ex#A"),
        "trait smithy.api#documentation must be a string, found a number",
    );
}

#[test]
fn bad_timestamp_format() {
    let json = model(
        r#", "ex#A": { "type": "structure", "members": { "t": { "target": "smithy.api#Timestamp", "traits": { "smithy.api#timestampFormat": "iso" } } } }"#,
    );
    assert_error(&json, Some("ex#A"), "unknown format `iso`");
}

#[test]
fn two_shapes_with_the_same_rust_name() {
    let json = model(
        r#", "ex#A": { "type": "structure", "members": { "b": { "target": "other#A" } } },
            "other#A": { "type": "structure" }"#,
    );
    assert_error(
        &json,
        Some("other#A"),
        "maps to the Rust type `A` like ex#A",
    );
}

#[test]
fn cyclic_mixins() {
    let json = model(
        r#", "ex#A": { "type": "structure", "mixins": [{ "target": "ex#M1" }] },
            "ex#M1": { "type": "structure", "mixins": [{ "target": "ex#M2" }], "traits": { "smithy.api#mixin": {} } },
            "ex#M2": { "type": "structure", "mixins": [{ "target": "ex#M1" }], "traits": { "smithy.api#mixin": {} } }"#,
    );
    assert_error(&json, None, "mixin cycle");
}

#[test]
fn not_an_object() {
    assert_error("[1, 2]", None, "the model must be a JSON object");
}

#[test]
fn several_services_need_a_choice() {
    let json = model(r#", "ex#A": { "type": "string" }, "ex#Other": { "type": "service" }"#);
    let text = error_of(&json).to_string();
    assert!(
        text.contains("several services; choose one with --service: ex#Other, ex#Svc"),
        "{text}"
    );
}

#[test]
fn unknown_operation_in_the_selection() {
    let json = model(r#", "ex#A": { "type": "string" }"#);
    let error = Builder::new()
        .model_source("bad.json", json)
        .operations(["Nope"])
        .generate_single_file()
        .expect_err("unknown operation");
    assert_eq!(
        error.to_string(),
        "bad.json: shape ex#Svc: unknown operations selected: Nope"
    );
}

#[test]
fn invalid_enum_value() {
    let json = model(
        r#", "ex#A": { "type": "intEnum", "members": { "X": { "target": "smithy.api#Unit", "traits": { "smithy.api#enumValue": "x" } } } }"#,
    );
    assert_error(
        &json,
        Some("ex#A"),
        "member `X`: trait smithy.api#enumValue must be an integer",
    );
}

#[test]
fn list_referring_to_itself() {
    let json = model(r#", "ex#A": { "type": "list", "member": { "target": "ex#A" } }"#);
    assert_error(&json, Some("ex#OpInput"), "nest too deeply");
}
