//! Regression tests for what the sweep over 402 real AWS models found in the
//! generator, each named after the model that revealed it.

use smithy_codegen::Builder;

/// An awsQuery (or, with `protocol`, other) service with one operation whose
/// error carries `@awsQueryError(code: "NoSuchEntity")`, as IAM's errors do.
fn query_error_model(protocol: &str, query_error: &str) -> String {
    format!(
        r#"{{
  "smithy": "2.0",
  "shapes": {{
    "ex#Svc": {{ "type": "service", "version": "2010-05-08",
      "operations": [{{ "target": "ex#GetUser" }}],
      "traits": {{ "aws.protocols#{protocol}": {{}} }} }},
    "ex#GetUser": {{ "type": "operation",
      "errors": [{{ "target": "ex#NoSuchEntityException" }}, {{ "target": "ex#PlainException" }}],
      "traits": {{ "smithy.api#http": {{ "method": "GET", "uri": "/user" }} }} }},
    "ex#NoSuchEntityException": {{ "type": "structure",
      "members": {{ "message": {{ "target": "smithy.api#String" }} }},
      "traits": {{ "smithy.api#error": "client", {query_error} }} }},
    "ex#PlainException": {{ "type": "structure", "members": {{}},
      "traits": {{ "smithy.api#error": "server" }} }}
  }}
}}"#
    )
}

fn service(json: &str) -> smithy_codegen::Result<smithy_codegen::ir::Service> {
    let model = smithy_codegen::model::load_sources(&[smithy_codegen::model::Source {
        path: "query.json".into(),
        text: json.to_owned(),
    }])?;
    smithy_codegen::ir::resolve(&model, &Default::default())
}

fn wire_names(service: &smithy_codegen::ir::Service) -> Vec<(&str, &str)> {
    service
        .types
        .values()
        .map(|t| (t.name.as_str(), t.wire_name.as_str()))
        .collect()
}

const NO_SUCH_ENTITY: &str =
    r#""aws.protocols#awsQueryError": { "code": "NoSuchEntity", "httpResponseCode": 404 }"#;

/// Revealed by iam, sns, rds, redshift, elasticache, sts… (awsQuery): 500+
/// error shapes are sent with their `@awsQueryError` code, not their shape name,
/// so the generated decoders never matched them and reported them as unhandled.
#[test]
fn aws_query_errors_are_matched_by_their_query_error_code() {
    let service = service(&query_error_model("awsQuery", NO_SUCH_ENTITY)).unwrap();
    assert_eq!(
        wire_names(&service),
        [
            ("NoSuchEntityException", "NoSuchEntity"),
            ("PlainException", "PlainException")
        ]
    );
    let code = Builder::new()
        .model_source("query.json", query_error_model("awsQuery", NO_SUCH_ENTITY))
        .generate_single_file()
        .unwrap()
        .files
        .remove(0)
        .contents;
    assert!(
        code.contains(r#"pub const CODE: &'static str = "NoSuchEntity";"#),
        "{code}"
    );
}

/// awsJson services that keep `@awsQueryError` for compatibility (sqs, kms,
/// cloudtrail…) send the shape name in `__type`: the trait must not change it.
#[test]
fn query_error_codes_apply_to_aws_query_only() {
    for protocol in ["awsJson1_0", "awsJson1_1", "restJson1"] {
        let service = service(&query_error_model(protocol, NO_SUCH_ENTITY)).unwrap();
        assert_eq!(
            wire_names(&service)[0],
            ("NoSuchEntityException", "NoSuchEntityException"),
            "{protocol}"
        );
    }
}

#[test]
fn a_malformed_query_error_trait_is_a_one_line_error() {
    let json = query_error_model(
        "awsQuery",
        r#""aws.protocols#awsQueryError": { "code": 7 }"#,
    );
    let error = service(&json).unwrap_err().to_string();
    assert!(
        error.starts_with("query.json: shape ex#NoSuchEntityException: "),
        "{error}"
    );
    assert!(error.contains("aws.protocols#awsQueryError"), "{error}");
}

/// End to end on the real sts model (`models/sweep-sample/sts.json`), compiled
/// by `build.rs`: `IDPCommunicationErrorException` is sent as `IDPCommunicationError`.
#[test]
fn sts_decodes_its_query_error_codes() {
    use smithy_codegen_tests::sweep_sample::sts::errors::Error;

    let body = b"<ErrorResponse><Error><Type>Sender</Type><Code>IDPCommunicationError</Code>\
        <Message>try again</Message></Error><RequestId>42</RequestId></ErrorResponse>";
    let response = |body: &[u8]| {
        smithy_runtime::ErrorResponse::json(smithy_runtime::http::Response::new(body.to_vec()))
    };
    let error = Error::from_xml(&response(body));
    assert!(error.is_idp_communication_error_exception(), "{error:?}");
    assert_eq!(error.code(), "IDPCommunicationError");
    let body = b"<ErrorResponse><Error><Code>ExpiredTokenException</Code></Error></ErrorResponse>";
    assert!(Error::from_xml(&response(body)).is_expired_token_exception());
}
