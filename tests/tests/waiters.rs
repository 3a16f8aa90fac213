//! The generated waiters of `models/fixtures/waitable.json` through a client over an in-memory
//! transport: each acceptor kind, the response that ends the wait, and the end of time. Delays
//! of a few milliseconds instead of the model's seconds.

use std::future::IntoFuture;
use std::time::Duration;

use smithy_codegen_tests::fixtures::waitable::{client::Client, types};
use smithy_runtime::http::Response;
use smithy_runtime::waiter::{Waited, WaiterError};
use smithy_runtime::{block_on, ClientConfig, InMemoryTransport};

const MS: Duration = Duration::from_millis(1);

fn client(responses: &[(u16, &str)]) -> Client<InMemoryTransport> {
    let transport = InMemoryTransport::new();
    for (status, body) in responses {
        let response = Response::builder()
            .status(*status)
            .body(body.as_bytes().to_vec());
        transport.push_response(response.unwrap());
    }
    Client::new(transport, ClientConfig::new())
}

fn input(name: &str) -> types::GetThingInput {
    types::GetThingInput::new(name.to_owned())
}

const NOT_FOUND: (u16, &str) = (400, r#"{"__type": "NotFound"}"#);
const PENDING: (u16, &str) = (
    200,
    r#"{"Status": "PENDING", "Parts": [{"Status": "READY"}]}"#,
);
const READY: (u16, &str) = (200, r#"{"Status": "READY"}"#);

#[test]
fn thing_ready_retries_not_found_and_pending_then_succeeds() {
    let client = client(&[NOT_FOUND, PENDING, READY]);
    let wait = client
        .wait_until_thing_ready(input("a"), Duration::from_secs(10))
        .min_delay(MS)
        .max_delay(2 * MS);
    let output = block_on(wait.into_future()).unwrap().into_output().unwrap();
    assert_eq!(output.status, Some(types::Status::Ready));
    assert_eq!(client.transport().requests().len(), 3);
}

#[test]
fn a_failure_acceptor_names_itself() {
    let failed = (
        200,
        r#"{"Status": "PENDING", "Parts": [{"Status": "READY"}, {"Status": "FAILED"}]}"#,
    );
    let client = client(&[failed]);
    let wait = client
        .wait_until_thing_ready(input("a"), Duration::from_secs(10))
        .min_delay(MS);
    let error = block_on(wait.into_future()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "waiter ThingReady: acceptor 1 (output path `Parts[].Status` anyStringEquals \"FAILED\") \
         reached the failure state"
    );

    // `errorType` given as a shape id matches the modeled error's code.
    let client = self::client(&[(400, r#"{"__type": "Broken"}"#)]);
    let wait = client
        .wait_until_thing_ready(input("a"), Duration::from_secs(10))
        .min_delay(MS);
    match block_on(wait.into_future()).unwrap_err() {
        WaiterError::Failure {
            index,
            response: Waited::Error(error),
            ..
        } => {
            assert_eq!(index, 3);
            assert!(error.is_broken(), "{error:?}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn all_string_equals_needs_every_part_and_at_least_one() {
    let none = (200, r#"{"Parts": []}"#);
    let some = (
        200,
        r#"{"Parts": [{"Status": "READY"}, {"Status": "PENDING"}]}"#,
    );
    let all = (
        200,
        r#"{"Parts": [{"Status": "READY"}, {"Status": "READY"}]}"#,
    );
    let client = client(&[none, some, all]);
    let wait = client
        .wait_until_parts_ready(input("a"), Duration::from_secs(10))
        .min_delay(MS)
        .max_delay(MS);
    assert!(block_on(wait.into_future()).is_ok());
    assert_eq!(client.transport().requests().len(), 3);
}

#[test]
fn input_output_paths_and_unmodeled_error_types() {
    let throttled = (400, r#"{"__type": "Throttled.Unmodeled"}"#);
    let other_name = (200, r#"{"Name": "b"}"#);
    let same_name = (200, r#"{"Name": "a"}"#);
    let client = client(&[throttled, other_name, same_name]);
    let wait = client
        .wait_until_named_right(input("a"), Duration::from_secs(10))
        .min_delay(MS)
        .max_delay(MS);
    let output = block_on(wait.into_future()).unwrap().into_output().unwrap();
    assert_eq!(output.name.as_deref(), Some("a"));
    assert_eq!(client.transport().requests().len(), 3);
}

#[test]
#[allow(deprecated)]
fn an_error_can_be_the_awaited_state() {
    let client = client(&[READY, NOT_FOUND]);
    let wait = client
        .wait_until_thing_gone(input("a"), Duration::from_secs(10))
        .min_delay(MS);
    match block_on(wait.into_future()).unwrap() {
        Waited::Error(error) => assert!(error.is_not_found(), "{error:?}"),
        Waited::Output(output) => panic!("{output:?}"),
    }
}

#[test]
fn unit_operations_wait_on_success() {
    let client = client(&[(400, r#"{"__type": "Nope"}"#), (200, "{}")]);
    let wait = client
        .wait_until_ping_answered((), Duration::from_secs(10))
        .min_delay(MS);
    assert!(matches!(
        block_on(wait.into_future()),
        Ok(Waited::Output(()))
    ));
    assert_eq!(client.transport().requests().len(), 2);
}

#[test]
fn a_wait_that_never_settles_stops_at_max_wait() {
    // More responses than the wait can use: it must stop on time, not run them out.
    let client = client(&[PENDING; 200]);
    let wait = client
        .wait_until_thing_ready(input("a"), Duration::from_millis(60))
        .min_delay(2 * MS)
        .max_delay(5 * MS);
    let error = block_on(wait.into_future()).unwrap_err();
    let WaiterError::MaxWaitExceeded { attempts, .. } = error else {
        panic!("{error}")
    };
    // At least 2 ms between attempts: never more than 30 in 60 ms, and each one a request.
    assert!((1..=30).contains(&attempts), "{attempts} attempts");
    assert_eq!(client.transport().requests().len(), attempts as usize);
}

#[test]
fn an_error_no_acceptor_expects_ends_the_wait() {
    let client = client(&[(400, r#"{"__type": "AccessDenied"}"#)]);
    let wait = client
        .wait_until_thing_ready(input("a"), Duration::from_secs(10))
        .min_delay(MS);
    let error = block_on(wait.into_future()).unwrap_err();
    assert!(
        matches!(&error, WaiterError::UnexpectedError { error, .. } if error.code() == "AccessDenied"),
        "{error}"
    );
}
