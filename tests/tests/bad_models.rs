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
    assert!(text.starts_with("bad.json:"), "names the file: {text}");
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
    // serde_json knows where: `file:line:column`.
    assert!(error_of("{\n  \"smithy\": ")
        .to_string()
        .starts_with("bad.json:2:12: invalid JSON"));
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
        "trait `smithy.api#documentation`: expected a string (string `smithy.api#documentation`), found a number",
    );
}

#[test]
fn bad_timestamp_format() {
    let json = model(
        r#", "ex#A": { "type": "structure", "members": { "t": { "target": "smithy.api#Timestamp", "traits": { "smithy.api#timestampFormat": "iso" } } } }"#,
    );
    assert_error(
        &json,
        Some("ex#A$t"),
        "trait `smithy.api#timestampFormat`: `iso` is not one of the values of `smithy.api#timestampFormat` (date-time, epoch-seconds, http-date)",
    );
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

#[test]
fn trait_of_the_wrong_json_type_on_a_member() {
    let json = model(
        r#", "ex#A": { "type": "structure", "members": { "m": { "target": "smithy.api#Timestamp", "traits": { "smithy.api#timestampFormat": 5 } } } }"#,
    );
    assert_error(
        &json,
        Some("ex#A$m"),
        "trait `smithy.api#timestampFormat`: expected a string (enum `smithy.api#timestampFormat`), found a number",
    );
}

#[test]
fn apply_to_a_missing_shape() {
    let json = model(
        r#", "ex#A": { "type": "string" }, "ex#Nope": { "type": "apply", "traits": { "smithy.api#documentation": "x" } }"#,
    );
    assert_error(
        &json,
        Some("ex#Nope"),
        "`apply` targets a shape that is not defined",
    );
}

#[test]
fn apply_to_a_missing_member() {
    let json = model(
        r#", "ex#A": { "type": "structure" }, "ex#A$nope": { "type": "apply", "traits": { "smithy.api#documentation": "x" } }"#,
    );
    assert_error(
        &json,
        Some("ex#A$nope"),
        "`apply` targets a member that does not exist",
    );
}

#[test]
fn member_targeting_an_operation() {
    let json =
        model(r#", "ex#A": { "type": "structure", "members": { "m": { "target": "ex#Op" } } }"#);
    assert_error(&json, Some("ex#A"), "member `m`: targets ex#Op");
    assert_error(
        &json,
        Some("ex#A"),
        "whose type `operation` cannot be a member's target",
    );
}

#[test]
fn mixin_without_the_mixin_trait() {
    let json = model(
        r#", "ex#A": { "type": "structure", "mixins": [{ "target": "ex#M" }] }, "ex#M": { "type": "structure" }"#,
    );
    assert_error(
        &json,
        Some("ex#A"),
        "uses ex#M as a mixin, but it has no @mixin trait",
    );
}

#[test]
fn invalid_shape_id_with_a_newline() {
    // Found by the model_loader fuzz target: the id is shown escaped, so the error stays one line.
    let json = model(r#", "ex#A": { "type": "string" }, "ex#B\nC": { "type": "string" }"#);
    assert_error(&json, Some("ex#B\\nC"), "not a valid absolute shape id");
}

#[test]
fn invalid_target_id() {
    let json = model(r#", "ex#A": { "type": "list", "member": { "target": "not an id" } }"#);
    assert_error(
        &json,
        Some("ex#A"),
        "member `member`: `not an id` is not a valid shape id",
    );
}

#[test]
fn shape_that_is_not_an_object() {
    assert_error(
        &model(r#", "ex#A": "structure""#),
        Some("ex#A"),
        "a shape must be a JSON object",
    );
    assert_error(
        &model(r#", "ex#A": { "type": "list" }"#),
        Some("ex#A"),
        "missing `member`",
    );
}

#[test]
fn bad_default_value() {
    let json = model(
        r#", "ex#A": { "type": "structure", "members": { "m": { "target": "smithy.api#Integer", "traits": { "smithy.api#default": "x" } } } }"#,
    );
    assert_error(
        &json,
        Some("ex#A"),
        "member `m`: @default value \"x\" does not fit the member's type",
    );
}

#[test]
fn conflicting_definitions_in_two_files() {
    let error = Builder::new()
        .model_source("bad.json", model(r#", "ex#A": { "type": "string" }"#))
        .model_source(
            "other.json",
            r#"{"smithy": "2.0", "shapes": {"ex#A": {"type": "integer"}}}"#,
        )
        .generate_single_file()
        .expect_err("conflicting definitions");
    assert_eq!(
        error.to_string(),
        "other.json: shape ex#A: defined again with a different definition (first defined in bad.json)"
    );
}

#[test]
fn member_targeting_a_mixin() {
    // Found by compiling what the generator made of model_mutation fuzz inputs: it used to
    // accept this and emit a field of the nonexistent type `Unresolved`.
    let json = model(
        r#", "ex#A": { "type": "structure", "members": { "m": { "target": "ex#M" } } },
            "ex#M": { "type": "structure", "traits": { "smithy.api#mixin": {} } }"#,
    );
    assert_error(
        &json,
        Some("ex#A"),
        "member `m` targets ex#M, a @mixin, which cannot be a member target",
    );
}

// Models the generator used to accept although the code it emitted for them did not compile;
// found by compiling what it made of model_mutation fuzz inputs. The IR now rejects them.

#[test]
fn operation_input_that_is_not_a_structure() {
    let json = model(r#", "ex#A": { "type": "string" }"#).replace(
        r#""input": { "target": "ex#OpInput" }"#,
        r#""input": { "target": "smithy.api#String" }"#,
    );
    assert_error(&json, Some("ex#Op"), "the input must be a structure");
}

#[test]
fn member_targeting_unit() {
    let json = model(r#", "ex#A": { "type": "list", "member": { "target": "smithy.api#Unit" } }"#);
    assert_error(&json, None, "smithy.api#Unit");
}

#[test]
fn float_default_out_of_range() {
    let json = model(
        r#", "ex#A": { "type": "structure", "members": { "f": { "target": "smithy.api#Float", "traits": { "smithy.api#default": 1e300 } } } }"#,
    );
    assert_error(&json, Some("ex#A"), "@default");
}

#[test]
fn member_name_that_is_not_an_identifier() {
    let json = model(
        r#", "ex#A": { "type": "structure", "members": { "a b": { "target": "smithy.api#String" } } }"#,
    );
    assert_error(
        &json,
        Some("ex#A"),
        "member name `a b` is not a Smithy identifier",
    );
}

/// A restJson1 service whose operation `ex#Op` has `@http(method: "POST", uri: <uri>)` and
/// an input with `members` (JSON object members text).
fn rest_model(uri: &str, members: &str) -> String {
    format!(
        r#"{{
  "smithy": "2.0",
  "shapes": {{
    "ex#Svc": {{ "type": "service", "version": "1", "operations": [{{ "target": "ex#Op" }}],
      "traits": {{ "aws.protocols#restJson1": {{}} }} }},
    "ex#Op": {{ "type": "operation", "input": {{ "target": "ex#OpInput" }},
      "traits": {{ "smithy.api#http": {{ "method": "POST", "uri": "{uri}" }} }} }},
    "ex#OpInput": {{ "type": "structure", "members": {{ {members} }} }},
    "ex#Nested": {{ "type": "structure", "members": {{ "x": {{ "target": "smithy.api#String" }} }} }}
  }}
}}"#
    )
}

const REQUIRED_LABEL: &str = r#""id": { "target": "smithy.api#String",
    "traits": { "smithy.api#httpLabel": {}, "smithy.api#required": {} } }"#;

#[test]
fn http_binding_label_missing_from_the_uri() {
    assert_error(
        &rest_model("/things", REQUIRED_LABEL),
        Some("ex#Op"),
        "the @httpLabel member `id` is not in the URI pattern `/things`",
    );
}

#[test]
fn http_binding_uri_label_without_a_member() {
    assert_error(
        &rest_model("/things/{other}", REQUIRED_LABEL),
        Some("ex#Op"),
        "has the label `other`, but the input has no @httpLabel member `other`",
    );
}

#[test]
fn http_binding_label_not_required() {
    let members =
        r#""id": { "target": "smithy.api#String", "traits": { "smithy.api#httpLabel": {} } }"#;
    assert_error(
        &rest_model("/things/{id}", members),
        Some("ex#Op"),
        "the @httpLabel member `id` must be @required",
    );
}

#[test]
fn http_binding_two_members_on_one_header() {
    let members = r#""a": { "target": "smithy.api#String", "traits": { "smithy.api#httpHeader": "X-Thing" } },
        "b": { "target": "smithy.api#String", "traits": { "smithy.api#httpHeader": "x-thing" } }"#;
    assert_error(
        &rest_model("/things", members),
        Some("ex#OpInput"),
        "member `b` is bound to header `x-thing`, like member `a`",
    );
}

#[test]
fn http_binding_uri_pattern_that_does_not_parse() {
    for (uri, reason) in [
        ("things/{id}", "must start with `/`"),
        ("/things/{id", "opens a label it does not close"),
        ("/things/x{id}", "a label must be a whole segment"),
    ] {
        assert_error(
            &rest_model(uri, REQUIRED_LABEL),
            Some("ex#Op"),
            &format!("@http URI pattern `{uri}` is invalid: "),
        );
        let text = error_of(&rest_model(uri, REQUIRED_LABEL)).to_string();
        assert!(text.contains(reason), "{uri}: {text}");
    }
}

#[test]
fn http_binding_payload_beside_body_members() {
    let members = r#""body": { "target": "smithy.api#Blob", "traits": { "smithy.api#httpPayload": {} } },
        "other": { "target": "smithy.api#String" }"#;
    assert_error(
        &rest_model("/things", members),
        Some("ex#OpInput"),
        "member `other` would be in the body beside the @httpPayload member `body`",
    );
}

#[test]
fn http_binding_target_the_binding_cannot_carry() {
    let members = r#""n": { "target": "ex#Nested", "traits": { "smithy.api#httpHeader": "X-N" } }"#;
    assert_error(
        &rest_model("/things", members),
        Some("ex#OpInput"),
        "member `n` is bound with @httpHeader but targets a structure",
    );
}

#[test]
fn http_binding_operation_without_http_trait() {
    let json = rest_model("/things", "").replace(
        r#""traits": { "smithy.api#http": { "method": "POST", "uri": "/things" } }"#,
        r#""traits": {}"#,
    );
    assert_error(
        &json,
        Some("ex#Op"),
        "the operation has no @http trait, which its protocol needs",
    );
}

#[test]
fn http_binding_on_a_structure_that_is_also_nested() {
    // The input is also the target of a member of another input: its bindings would mean
    // nothing there, and one codec cannot serve both.
    let members = r#""h": { "target": "smithy.api#String", "traits": { "smithy.api#httpHeader": "X-H" } },
        "self": { "target": "ex#OpInput" }"#;
    assert_error(
        &rest_model("/things", members),
        Some("ex#OpInput"),
        "supports a bound structure only at the top level",
    );
}

#[test]
fn xml_traits_of_the_wrong_form() {
    assert_error(
        &model(
            r#", "ex#A": { "type": "structure", "members": {},
                "traits": { "smithy.api#xmlNamespace": { "prefix": "p" } } }"#,
        ),
        Some("ex#A"),
        "trait `smithy.api#xmlNamespace`: missing required member `uri` of `smithy.api#xmlNamespace`",
    );
    let json = model(
        r#", "ex#A": { "type": "structure", "members": {
            "b": { "target": "smithy.api#String", "traits": { "smithy.api#xmlName": 5 } } } }"#,
    );
    assert_error(&json, Some("ex#A$b"), "smithy.api#xmlName");
}

/// With the trait definitions known, a trait value of the wrong form is a one-line error
/// naming the shape and the trait (these were once accepted silently).
#[test]
fn trait_values_are_checked_against_their_definitions() {
    let json = model(
        r#", "ex#A": { "type": "structure", "members": {
            "b": { "target": "smithy.api#String", "traits": { "smithy.api#required": "yes" } } } }"#,
    );
    assert_error(
        &json,
        Some("ex#A$b"),
        "trait `smithy.api#required`: expected an object (structure `smithy.api#required`), found a string",
    );
    let json =
        model(r#", "ex#A": { "type": "string", "traits": { "smithy.api#length": "long" } }"#);
    assert_error(
        &json,
        Some("ex#A"),
        "trait `smithy.api#length`: expected an object (structure `smithy.api#length`), found a string",
    );
    let json = model(
        r#", "ex#A": { "type": "string", "traits": { "smithy.api#length": { "min": "1" } } }"#,
    );
    assert_error(
        &json,
        Some("ex#A"),
        "trait `smithy.api#length` at `min`: expected an integer (long `smithy.api#Long`), found a string",
    );
}

#[test]
fn a_trait_applied_twice_with_conflicting_values() {
    let apply = |value: &str| {
        format!(
            r#"{{"smithy": "2.0", "shapes": {{"ex#A": {{"type": "apply", "traits": {{"smithy.api#documentation": "{value}"}}}}}}}}"#
        )
    };
    let defining =
        model(r#", "ex#A": { "type": "string", "traits": { "smithy.api#documentation": "one" } }"#);
    let error = Builder::new()
        .model_source("bad.json", defining.clone())
        .model_source("apply.json", apply("two"))
        .generate_single_file()
        .expect_err("two values for one trait");
    assert_eq!(
        error.to_string(),
        "apply.json: shape ex#A: trait `smithy.api#documentation` is applied again with a conflicting value"
    );
    // The same value again is no conflict.
    Builder::new()
        .model_source("bad.json", defining)
        .model_source("apply.json", apply("one"))
        .generate_single_file()
        .expect("an equal value is accepted");
}

#[test]
fn aws_query_error_without_a_code() {
    let json = r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": { "type": "service", "version": "1", "operations": [{ "target": "ex#Op" }],
      "traits": { "aws.protocols#awsQuery": {}, "smithy.api#xmlNamespace": { "uri": "urn:x" } } },
    "ex#Op": { "type": "operation", "errors": [{ "target": "ex#Oops" }] },
    "ex#Oops": { "type": "structure", "members": {},
      "traits": { "smithy.api#error": "client",
        "aws.protocols#awsQueryError": { "httpResponseCode": 400 } } }
  }
}"#;
    assert_error(json, Some("ex#Oops"), "aws.protocols#awsQueryError");
}

/// A service whose endpoint rule set has `rules` and declares `Region` (a string) and `Fips`.
fn with_rules(rules: &str) -> String {
    format!(
        r#"{{
  "smithy": "2.0",
  "shapes": {{
    "ex#Svc": {{ "type": "service", "version": "1", "operations": [{{ "target": "ex#Op" }}],
      "traits": {{ "aws.protocols#awsJson1_0": {{}}, "smithy.rules#endpointRuleSet": {{
        "version": "1.0",
        "parameters": {{ "Region": {{ "type": "String", "builtIn": "AWS::Region" }},
                         "Fips": {{ "type": "Boolean", "required": true, "default": false }} }},
        "rules": {rules} }} }} }},
    "ex#Op": {{ "type": "operation" }}
  }}
}}"#
    )
}

#[test]
fn endpoint_rule_sets_that_cannot_run() {
    let tree =
        |inner: &str| format!(r#"[{{ "type": "tree", "conditions": [], "rules": [{inner}] }}]"#);
    let cases = [
        (
            tree(r#"{ "type": "endpoint", "conditions": [{ "fn": "isSet", "argv": [{ "ref": "Zone" }] }], "endpoint": { "url": "https://x" } }"#),
            "endpoint rule set: at rules[0].rules[0].conditions[0].argv[0]: `Zone` is not a parameter or a variable in scope",
        ),
        (
            tree(r#"{ "type": "endpoint", "conditions": [{ "fn": "aws.guess", "argv": [] }], "endpoint": { "url": "https://x" } }"#),
            "at rules[0].rules[0].conditions[0]: aws.guess: unknown function `aws.guess`",
        ),
        (
            tree(r#"{ "type": "endpoint", "conditions": [{ "fn": "stringEquals", "argv": [{ "ref": "Fips" }, "x"] }], "endpoint": { "url": "https://x" } }"#),
            "stringEquals: argument 1 must be a string, found a boolean",
        ),
        (
            tree(r#"{ "type": "endpoint", "conditions": [], "endpoint": { "url": "https://{Region}.{Region" } }"#),
            "at rules[0].rules[0].endpoint.url: unclosed `{`",
        ),
        (
            tree(r#"{ "type": "endpoint", "conditions": [], "endpoint": { "url": true } }"#),
            "at rules[0].rules[0].endpoint.url: expected a string, found a boolean",
        ),
    ];
    for (rules, phrase) in cases {
        assert_error(&with_rules(&rules), Some("ex#Svc"), phrase);
    }
}

#[test]
fn endpoint_bindings_to_unknown_parameters() {
    let json = r#"{
  "smithy": "2.0",
  "shapes": {
    "ex#Svc": { "type": "service", "version": "1", "operations": [{ "target": "ex#Op" }],
      "traits": { "aws.protocols#awsJson1_0": {}, "smithy.rules#endpointRuleSet": {
        "version": "1.0", "parameters": { "Region": { "type": "String" } },
        "rules": [{ "type": "endpoint", "conditions": [], "endpoint": { "url": "https://x" } }] } } },
    "ex#Op": { "type": "operation", "input": { "target": "ex#OpInput" },
      "traits": { "smithy.rules#staticContextParams": { "Stage": { "value": "beta" } } } },
    "ex#OpInput": { "type": "structure", "members": {} }
  }
}"#;
    assert_error(
        json,
        Some("ex#Op"),
        "`Stage` is not a parameter of the endpoint rule set",
    );
}
