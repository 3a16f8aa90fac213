use std::path::PathBuf;

use super::*;
use crate::ir::{resolve, Selection};
use crate::model::{load_sources, Source};

/// Resolves a model whose operation `GetThing` carries `waitable` (a Smithy IDL node value).
fn service(waitable: &str) -> Service {
    let text = format!(
        r#"$version: "2"
namespace ex
use aws.protocols#awsJson1_0
use smithy.waiters#waitable

@awsJson1_0
service Things {{ operations: [GetThing, PutThing] }}

@waitable({waitable})
operation GetThing {{
    input := {{ Name: String }}
    output := {{ Status: String, Ready: Boolean }}
    errors: [NotFound]
}}

operation PutThing {{}}

@error("client")
structure NotFound {{ message: String }}
"#
    );
    let model = load_sources(&[Source {
        path: PathBuf::from("things.smithy"),
        text,
    }])
    .unwrap();
    resolve(&model, &Selection::default()).unwrap()
}

fn waiters(service: &Service) -> &[Waiter] {
    let op = service
        .operations
        .iter()
        .find(|op| op.wire_name == "GetThing");
    &op.unwrap().waiters
}

#[test]
fn waiters_resolve_with_names_defaults_and_matchers() {
    let service = service(
        r#"
        ThingReady: {
            documentation: "Until the thing is ready."
            acceptors: [
                { state: "success", matcher: { output: { path: "Status", expected: "READY", comparator: "stringEquals" } } }
                { state: "failure", matcher: { inputOutput: { path: "output.Ready", expected: "false", comparator: "booleanEquals" } } }
                { state: "retry", matcher: { errorType: "NotFound" } }
                { state: "retry", matcher: { errorType: "ex#NotFound" } }
                { state: "failure", matcher: { errorType: "Throttled.Unmodeled" } }
                { state: "success", matcher: { success: false } }
            ]
        }
        ThingGone: { minDelay: 5, maxDelay: 5, acceptors: [{ state: "success", matcher: { errorType: "NotFound" } }] }
        "#,
    );
    assert!(service.warnings.is_empty(), "{:?}", service.warnings);
    assert!(service.has_waiters());
    assert!(service.runtime_features().contains(&"jmespath"));
    let waiters = waiters(&service);
    assert_eq!(waiters.len(), 2);
    let ready = &waiters[0];
    assert_eq!(
        (
            ready.name.as_str(),
            ready.fn_name.as_str(),
            ready.static_name.as_str()
        ),
        ("ThingReady", "wait_until_thing_ready", "THING_READY")
    );
    assert_eq!((ready.min_delay, ready.max_delay), (2, 120));
    assert_eq!(ready.docs.as_deref(), Some("Until the thing is ready."));
    let matchers: Vec<&Matcher> = ready.acceptors.iter().map(|a| &a.matcher).collect();
    assert_eq!(
        matchers[0],
        &Matcher::Output(PathMatcher {
            path: "Status".into(),
            expected: "READY".into(),
            comparator: Comparator::StringEquals
        })
    );
    assert!(
        matches!(matchers[1], Matcher::InputOutput(p) if p.comparator == Comparator::BooleanEquals)
    );
    assert_eq!(matchers[2], &Matcher::ErrorType("NotFound".into()));
    assert_eq!(matchers[3], &Matcher::ErrorType("NotFound".into()));
    assert_eq!(
        matchers[4],
        &Matcher::ErrorType("Throttled.Unmodeled".into())
    );
    assert_eq!(matchers[5], &Matcher::Success(false));
    assert_eq!(ready.acceptors[1].state, State::Failure);
    assert_eq!((waiters[1].min_delay, waiters[1].max_delay), (5, 5));
}

#[test]
fn invalid_waiters_are_left_out_with_a_warning() {
    let service = service(
        r#"
        BadPath: { acceptors: [{ state: "success", matcher: { output: { path: "Status[", expected: "x", comparator: "stringEquals" } } }] }
        BadError: { acceptors: [{ state: "success", matcher: { errorType: "ex#Missing" } }] }
        BadDelays: { minDelay: 10, maxDelay: 5, acceptors: [{ state: "success", matcher: { success: true } }] }
        BadBoolean: { acceptors: [{ state: "success", matcher: { output: { path: "Ready", expected: "yes", comparator: "booleanEquals" } } }] }
        Good: { acceptors: [{ state: "success", matcher: { success: true } }] }
        "#,
    );
    let names: Vec<&str> = waiters(&service).iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["Good"]);
    assert_eq!(service.warnings.len(), 4, "{:#?}", service.warnings);
    let all = service
        .warnings
        .iter()
        .map(|w| w.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    for expected in [
        "ex#GetThing: waiter `BadPath` left out: acceptor 0: JMESPath `Status[`: syntax error",
        "waiter `BadError` left out: acceptor 0: errorType `ex#Missing` is not an error of the operation",
        "waiter `BadDelays` left out: `maxDelay` (5) is less than `minDelay` (10)",
        "waiter `BadBoolean` left out: acceptor 0: booleanEquals expects `true` or `false`, not `yes`",
    ] {
        assert!(all.contains(expected), "missing {expected:?} in\n{all}");
    }
}

#[test]
fn a_service_without_waiters_needs_no_feature_for_them() {
    let service = service("{}");
    assert!(!service.has_waiters());
    assert!(service.warnings.is_empty());
}

#[test]
fn waiter_names() {
    assert_eq!(naming::waiter_fn_name("Ready"), "wait_until_ready");
    assert_eq!(naming::const_name("Ready"), "READY");
    assert_eq!(
        naming::const_name("DBInstanceAvailable"),
        "DB_INSTANCE_AVAILABLE"
    );
}
