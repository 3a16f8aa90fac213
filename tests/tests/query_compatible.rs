//! `@awsQueryCompatible` (a JSON service that was awsQuery, like SQS) on
//! `models/fixtures/query_compatible.json`: errors are matched by their shape name, as in any
//! JSON protocol, and report the code awsQuery clients knew: the `@awsQueryError` code, or
//! for an unmodeled error the code of the `x-amzn-query-error` header.

use smithy_codegen_tests::fixtures::query_compatible::{errors, operations};
use smithy_runtime::http::Response;
use smithy_runtime::Operation;

/// A 400 with `body` and, when given, the `x-amzn-query-error` header.
fn respond(query_error: Option<&str>, body: &str) -> errors::GetQueueUrlError {
    let mut response = Response::builder().status(400);
    if let Some(value) = query_error {
        response = response.header("x-amzn-query-error", value);
    }
    let response = response
        .body(body.as_bytes().to_vec())
        .expect("a valid response");
    operations::GetQueueUrl::parse_response(response)
        .expect_err("an error status")
        .into_service_error()
        .expect("the service's error")
}

const NOT_FOUND: &str =
    r#"{"__type":"smithy.fixtures.querycompat#QueueDoesNotExist","message":"no queue"}"#;

#[test]
fn a_modeled_error_reports_its_query_code() {
    let error = respond(
        Some("AWS.SimpleQueueService.NonExistentQueue;Sender"),
        NOT_FOUND,
    );
    assert!(error.is_queue_does_not_exist(), "{error:?}");
    assert_eq!(error.code(), "AWS.SimpleQueueService.NonExistentQueue");
    assert_eq!(error.message(), Some("no queue"));
    assert_eq!(
        error.to_string(),
        "AWS.SimpleQueueService.NonExistentQueue: no queue"
    );
    // The header is not needed to match it: the shape name in `__type` is.
    let error = respond(None, NOT_FOUND);
    assert!(error.is_queue_does_not_exist());
    assert_eq!(error.code(), "AWS.SimpleQueueService.NonExistentQueue");
}

#[test]
fn an_error_without_a_query_code_keeps_its_name() {
    let body = r#"{"__type":"InvalidAddress","message":"bad"}"#;
    let error = respond(Some("InvalidAddress;Sender"), body);
    assert!(error.is_invalid_address());
    assert_eq!(error.code(), "InvalidAddress");
}

#[test]
fn an_unmodeled_error_reports_the_header_code() {
    let body = r#"{"__type":"com.amazonaws.sqs#QueueDeletedRecently","message":"wait"}"#;
    let error = respond(
        Some("AWS.SimpleQueueService.QueueDeletedRecently;Sender"),
        body,
    );
    let errors::GetQueueUrlError::Unhandled(unhandled) = &error else {
        panic!("not modeled here: {error:?}");
    };
    assert_eq!(
        unhandled.code(),
        "AWS.SimpleQueueService.QueueDeletedRecently"
    );
    assert_eq!(unhandled.message(), Some("wait"));
    // Without the header, the code is the sanitized `__type`.
    let error = respond(None, body);
    assert_eq!(error.code(), "QueueDeletedRecently");
}
