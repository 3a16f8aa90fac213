//! The newest GameLift in each protocol, as `tests/gamelift_operations.rs` and
//! `tests/behaviour.rs` test `generated/gamelift`: every operation's fully populated input
//! survives input → request → decoded input; every modeled error decodes from the protocol's
//! error responses and an unknown code stays unhandled; a client call goes through a
//! transport and decodes the output and an error.

use std::path::Path;
use std::sync::OnceLock;

use serde_json::{json, Value as Json};
use smithy_codegen::ir::{self, Service, TypeRef};
use smithy_runtime::http::Response;
use smithy_runtime::{ErrorResponse, Operation, RequestOptions};

#[path = "../../tests/support/gamelift_sample.rs"]
mod gamelift_sample;
use gamelift_sample::{same_json, sample};

include!(concat!(env!("OUT_DIR"), "/gamelift_newest_operations.rs"));

/// The number of operations botocore 1.44.8's GameLift has.
const OPERATIONS: usize = 120;

fn service() -> &'static Service {
    static SERVICE: OnceLock<Service> = OnceLock::new();
    SERVICE.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../models/botocore/gamelift/service-2.json");
        let model = smithy_codegen::model::load_files(&[path]).expect("GameLift loads");
        ir::resolve(&model, &Default::default()).expect("GameLift resolves")
    })
}

fn input_sample(operation: &str) -> Json {
    let service = service();
    let op = service
        .operations
        .iter()
        .find(|op| op.type_name == operation)
        .expect("operation exists");
    match &op.input {
        Some(id) => sample(service, &TypeRef::Named(id.clone()), 0),
        None => json!({}),
    }
}

fn credentials() -> smithy_runtime::credentials::Credentials {
    smithy_runtime::credentials::Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
        None,
        "Test",
    )
}

/// awsJson1_1, as `tests/gamelift_operations.rs` tests `generated/gamelift`.
mod aws_json {
    use super::super::aws_json::{client, errors, operations, types};
    use super::*;

    macro_rules! round_trip {
        ($op:ident, [$($error:literal),*]) => {{
            let sample = input_sample(stringify!($op));
            let bytes = serde_json::to_vec(&sample).unwrap();
            let input: <operations::$op as Operation>::Input = smithy_runtime::from_slice(&bytes)
                .unwrap_or_else(|e| {
                    panic!("{}: sample input does not decode: {e}", stringify!($op))
                });
            let request = operations::$op::build_request(&input, &RequestOptions::default())
                .unwrap_or_else(|e| panic!("{}: {e}", stringify!($op)));
            assert_eq!(request.method(), "POST");
            assert_eq!(request.uri(), "/");
            assert_eq!(
                request.headers()["content-type"],
                "application/x-amz-json-1.1"
            );
            assert_eq!(
                request.headers()["x-amz-target"],
                format!("GameLift.{}", operations::$op::NAME).as_str()
            );
            assert!(request.headers().get("smithy-protocol").is_none());
            let sent: Json = serde_json::from_slice(request.body()).unwrap();
            assert!(
                same_json(&sent, &sample),
                "{}: sent {sent} for {sample}",
                stringify!($op)
            );
            let decoded: <operations::$op as Operation>::Input =
                smithy_runtime::from_slice(request.body()).unwrap();
            assert_eq!(decoded, input, "{}", stringify!($op));
            1usize
        }};
    }

    #[test]
    fn every_operation_round_trips_its_input() {
        let mut operations = 0;
        macro_rules! count { ($op:ident, [$($e:literal),*]) => { operations += round_trip!($op, [$($e),*]); } }
        for_each_newest_gamelift_operation!(count);
        assert_eq!(operations, OPERATIONS);
    }

    /// A 400 response with the code, if any, in `X-Amzn-Errortype`.
    fn error_response(code: Option<&str>, body: &[u8]) -> ErrorResponse {
        let mut response = Response::builder().status(400);
        if let Some(code) = code {
            response = response.header("x-amzn-errortype", code);
        }
        ErrorResponse::json(response.body(body.to_vec()).unwrap())
    }

    macro_rules! errors_decode {
        ($op:ident, [$($error:literal),*]) => {{
            let mut cases = 0usize;
            type OpError = <operations::$op as Operation>::Error;
            for code in [$($error),*] {
                let namespaced = format!("com.amazonaws.gamelift#{code}:http://internal.amazon.com/");
                let sources: [(Option<&str>, Json); 3] = [
                    (Some(&namespaced), json!({"message": "boom"})),
                    (None, json!({"code": namespaced, "message": "boom"})),
                    (None, json!({"__type": namespaced, "Message": "boom"})),
                ];
                for (header, body) in sources {
                    let body = serde_json::to_vec(&body).unwrap();
                    let error = OpError::from_json(&error_response(header, &body));
                    assert_eq!(error.code(), code, "{}: {body:?}", stringify!($op));
                    assert_eq!(error.message(), Some("boom"));
                    assert!(!matches!(error, OpError::Unhandled(_)), "{code} is modeled");
                    let service_error: errors::Error = error.into();
                    assert_eq!(service_error.code(), code);
                    cases += 1;
                }
            }
            let body = br#"{"__type": "NoSuchThing", "message": "what"}"#;
            match OpError::from_json(&error_response(None, body)) {
                OpError::Unhandled(unhandled) => {
                    assert_eq!(unhandled.code(), "NoSuchThing");
                    assert_eq!(unhandled.message(), Some("what"));
                    assert_eq!(unhandled.status(), Some(400));
                }
                other => panic!("unknown code decoded as {other:?}"),
            }
            cases + 1
        }};
    }

    #[test]
    fn every_modeled_error_decodes() {
        let mut cases = 0;
        macro_rules! count { ($op:ident, [$($e:literal),*]) => { cases += errors_decode!($op, [$($e),*]); } }
        for_each_newest_gamelift_operation!(count);
        assert!(cases > OPERATIONS * 4, "{cases}");
    }

    #[test]
    fn client_calls_go_through_the_transport() {
        use smithy_runtime::{block_on, InMemoryTransport, InvokeError};
        let transport = InMemoryTransport::new();
        transport.push_response(
            Response::builder()
                .status(200)
                .body(
                    br#"{"MatchmakingTicket": {"TicketId": "t", "StartTime": 1700000000.5}}"#
                        .to_vec(),
                )
                .unwrap(),
        );
        transport.push_response(
            Response::builder()
                .status(400)
                .header("x-amzn-errortype", "NotFoundException")
                .body(br#"{"Message": "no such configuration"}"#.to_vec())
                .unwrap(),
        );
        let config = smithy_runtime::ClientConfig::new()
            .with_region("us-west-2")
            .with_credentials(credentials());
        let client = client::Client::new(transport, config);
        let input = types::StartMatchBackfillInput::new("config".to_owned(), vec![]);
        let output = block_on(client.start_match_backfill(input.clone())).unwrap();
        let ticket = output.matchmaking_ticket.unwrap();
        assert_eq!(ticket.ticket_id.as_deref(), Some("t"));
        assert_eq!(
            ticket.start_time,
            Some(smithy_runtime::Timestamp::new(1_700_000_000, 500_000_000))
        );
        let InvokeError::Service(error) = block_on(client.start_match_backfill(input)).unwrap_err()
        else {
            panic!("transport failed")
        };
        assert!(error.is_not_found_exception());
        assert_eq!(error.message(), Some("no such configuration"));
        let requests = client.transport().requests();
        assert_eq!(requests.len(), 2);
        assert_eq!(
            requests[0].uri(),
            "https://gamelift.us-west-2.amazonaws.com/"
        );
        assert_eq!(
            requests[0].headers()["x-amz-target"],
            "GameLift.StartMatchBackfill"
        );
        assert_eq!(
            serde_json::from_slice::<Json>(requests[0].body()).unwrap(),
            json!({"ConfigurationName": "config", "Players": []})
        );
    }
}
