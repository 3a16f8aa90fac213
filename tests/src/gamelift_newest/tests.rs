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

/// Calls `StartMatchBackfill` twice on a client (`client` and `types` of the caller's crate)
/// whose transport answers
/// `$ok` (a ticket `t` started at 1700000000.5) then `$error` (`NotFoundException`, "no such
/// configuration"), checks both results, and gives the requests sent.
macro_rules! start_match_backfill_twice {
    ($ok:expr, $error:expr) => {{
        use smithy_runtime::{block_on, InMemoryTransport, InvokeError};
        let transport = InMemoryTransport::new();
        transport.push_response($ok);
        transport.push_response($error);
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
        requests
    }};
}

/// Checks that `$error`, decoded for `$op`, is the modeled error `$code` with the message
/// "boom", in the operation's error type and in the service's.
macro_rules! assert_modeled_error {
    ($op:ident, $error:expr, $code:expr, $context:expr) => {{
        type OpError = <operations::$op as Operation>::Error;
        let error: OpError = $error;
        assert_eq!(error.code(), $code, "{}: {:?}", stringify!($op), $context);
        assert_eq!(error.message(), Some("boom"));
        assert!(
            !matches!(error, OpError::Unhandled(_)),
            "{} is modeled",
            $code
        );
        let service_error: errors::Error = error.into();
        assert_eq!(service_error.code(), $code);
    }};
}

/// Checks that `$error` is unhandled with the code `NoSuchThing`, the message "what" and
/// status 400.
macro_rules! assert_unhandled_error {
    ($op:ident, $error:expr) => {{
        type OpError = <operations::$op as Operation>::Error;
        match $error {
            OpError::Unhandled(unhandled) => {
                assert_eq!(unhandled.code(), "NoSuchThing");
                assert_eq!(unhandled.message(), Some("what"));
                assert_eq!(unhandled.status(), Some(400));
                unhandled
            }
            other => panic!("unknown code decoded as {other:?}"),
        }
    }};
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
            // `OpError` is the alias `assert_modeled_error!` and `assert_unhandled_error!` declare.
            for code in [$($error),*] {
                let namespaced = format!("com.amazonaws.gamelift#{code}:http://internal.amazon.com/");
                let sources: [(Option<&str>, Json); 3] = [
                    (Some(&namespaced), json!({"message": "boom"})),
                    (None, json!({"code": namespaced, "message": "boom"})),
                    (None, json!({"__type": namespaced, "Message": "boom"})),
                ];
                for (header, body) in sources {
                    let body = serde_json::to_vec(&body).unwrap();
                    assert_modeled_error!($op, OpError::from_json(&error_response(header, &body)), code, body);
                    cases += 1;
                }
            }
            let body = br#"{"__type": "NoSuchThing", "message": "what"}"#;
            assert_unhandled_error!($op, OpError::from_json(&error_response(None, body)));
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
        let requests = start_match_backfill_twice!(
            Response::builder()
                .status(200)
                .body(
                    br#"{"MatchmakingTicket": {"TicketId": "t", "StartTime": 1700000000.5}}"#
                        .to_vec(),
                )
                .unwrap(),
            Response::builder()
                .status(400)
                .header("x-amzn-errortype", "NotFoundException")
                .body(br#"{"Message": "no such configuration"}"#.to_vec())
                .unwrap()
        );
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

/// A CBOR data item of `ty` holding `json`, a `sample` value: timestamps as tag 1 of their
/// epoch seconds, blobs as byte strings (the sample's `"AQID"` is base64 of 1, 2, 3), members
/// by their names. Written with ciborium, not with the codecs under test.
fn cbor_sample(ty: &TypeRef, json: &Json) -> ciborium::Value {
    use ciborium::Value as Cbor;
    use smithy_codegen::ir::TypeKind;
    match ty {
        TypeRef::Blob => {
            assert_eq!(json, "AQID", "the sample's blob");
            Cbor::Bytes(vec![1, 2, 3])
        }
        TypeRef::Timestamp(_) => Cbor::Tag(1, Box::new(Cbor::Float(json.as_f64().unwrap()))),
        TypeRef::Float | TypeRef::Double => Cbor::Float(json.as_f64().unwrap()),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => {
            Cbor::Integer(json.as_i64().unwrap().into())
        }
        TypeRef::Boolean => Cbor::Bool(json.as_bool().unwrap()),
        TypeRef::String => Cbor::Text(json.as_str().unwrap().to_owned()),
        TypeRef::List { member, .. } => Cbor::Array(
            json.as_array()
                .unwrap()
                .iter()
                .map(|item| cbor_sample(member, item))
                .collect(),
        ),
        TypeRef::Map { value, .. } => Cbor::Map(
            json.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (Cbor::Text(k.clone()), cbor_sample(value, v)))
                .collect(),
        ),
        TypeRef::Named(id) => match &service().types[id].kind {
            TypeKind::Struct(s) => Cbor::Map(
                json.as_object()
                    .unwrap()
                    .iter()
                    .map(|(k, v)| {
                        let field = s.fields.iter().find(|f| &f.member_name == k).unwrap();
                        (Cbor::Text(k.clone()), cbor_sample(&field.ty, v))
                    })
                    .collect(),
            ),
            TypeKind::Union(u) => {
                let (k, v) = json.as_object().unwrap().iter().next().unwrap();
                let variant = u.variants.iter().find(|f| &f.member_name == k).unwrap();
                let value = variant
                    .ty
                    .as_ref()
                    .map_or(Cbor::Map(vec![]), |t| cbor_sample(t, v));
                Cbor::Map(vec![(Cbor::Text(k.clone()), value)])
            }
            TypeKind::Enum(_) => Cbor::Text(json.as_str().unwrap().to_owned()),
            TypeKind::IntEnum(_) => Cbor::Integer(json.as_i64().unwrap().into()),
        },
        other => panic!("GameLift has no {other:?}"),
    }
}

/// Equality of CBOR data items: maps regardless of key order, numbers by value within their
/// major type (an integer never equals a float), NaN equal to NaN, tags by number and content.
fn same_cbor(a: &ciborium::Value, b: &ciborium::Value) -> bool {
    use ciborium::Value as Cbor;
    match (a, b) {
        (Cbor::Float(x), Cbor::Float(y)) => x == y || (x.is_nan() && y.is_nan()),
        (Cbor::Tag(t, x), Cbor::Tag(u, y)) => t == u && same_cbor(x, y),
        (Cbor::Array(x), Cbor::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_cbor(x, y))
        }
        (Cbor::Map(x), Cbor::Map(y)) => {
            let within = |x: &[(Cbor, Cbor)], y: &[(Cbor, Cbor)]| {
                x.iter().all(|(k, v)| {
                    y.iter()
                        .find(|(l, _)| l == k)
                        .is_some_and(|(_, w)| same_cbor(v, w))
                })
            };
            x.len() == y.len() && within(x, y) && within(y, x)
        }
        _ => a == b,
    }
}

fn decode_cbor(bytes: &[u8]) -> ciborium::Value {
    ciborium::from_reader(bytes).expect("well-formed CBOR")
}

/// rpcv2Cbor, the protocol the generator chooses for the newest GameLift.
mod rpc_v2_cbor {
    use super::super::rpc_v2_cbor::{client, errors, operations, types};
    use super::*;
    use ciborium::Value as Cbor;

    macro_rules! round_trip {
        ($op:ident, [$($error:literal),*]) => {{
            let op_name = stringify!($op);
            let json = input_sample(op_name);
            let input_id = service()
                .operations
                .iter()
                .find(|op| op.type_name == op_name)
                .and_then(|op| op.input.clone())
                .expect("GameLift operations have inputs");
            let sample = cbor_sample(&TypeRef::Named(input_id), &json);
            let mut bytes = Vec::new();
            ciborium::into_writer(&sample, &mut bytes).unwrap();
            let input: <operations::$op as Operation>::Input =
                smithy_runtime::cbor::from_slice(&bytes)
                    .unwrap_or_else(|e| panic!("{op_name}: sample input does not decode: {e}"));
            let request = operations::$op::build_request(&input, &RequestOptions::default())
                .unwrap_or_else(|e| panic!("{op_name}: {e}"));
            assert_eq!(request.method(), "POST");
            assert_eq!(
                request.uri(),
                format!("/service/GameLift/operation/{}", operations::$op::NAME).as_str()
            );
            assert_eq!(request.headers()["smithy-protocol"], "rpc-v2-cbor");
            assert_eq!(request.headers()["content-type"], "application/cbor");
            assert_eq!(request.headers()["accept"], "application/cbor");
            assert!(request.headers().get("x-amz-target").is_none());
            let sent = decode_cbor(request.body());
            assert!(
                same_cbor(&sent, &sample),
                "{op_name}: sent {sent:?} for {sample:?}"
            );
            let decoded: <operations::$op as Operation>::Input =
                smithy_runtime::cbor::from_slice(request.body()).unwrap();
            assert_eq!(decoded, input, "{op_name}");
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

    fn cbor_body(entries: Vec<(&str, Cbor)>) -> Vec<u8> {
        let map = entries
            .into_iter()
            .map(|(k, v)| (Cbor::Text(k.to_owned()), v))
            .collect();
        let mut bytes = Vec::new();
        ciborium::into_writer(&Cbor::Map(map), &mut bytes).unwrap();
        bytes
    }

    /// A 400 rpcv2Cbor error response, its parts found as the client finds them.
    fn error_response(body: &[u8]) -> ErrorResponse {
        let response = Response::builder()
            .status(400)
            .header("smithy-protocol", "rpc-v2-cbor")
            .header("content-type", "application/cbor")
            .body(body.to_vec())
            .unwrap();
        let parts = smithy_runtime::cbor::cbor_error_parts(response.headers(), response.body());
        ErrorResponse::new(response, parts)
    }

    macro_rules! errors_decode {
        ($op:ident, [$($error:literal),*]) => {{
            let mut cases = 0usize;
            // `OpError` is the alias `assert_modeled_error!` and `assert_unhandled_error!` declare.
            for code in [$($error),*] {
                let namespaced = format!("com.amazonaws.gamelift#{code}");
                let bodies = [
                    cbor_body(vec![("__type", Cbor::Text(code.to_owned())), ("message", Cbor::Text("boom".into()))]),
                    cbor_body(vec![("Message", Cbor::Text("boom".into())), ("__type", Cbor::Text(namespaced))]),
                ];
                for body in bodies {
                    assert_modeled_error!($op, OpError::from_cbor(&error_response(&body)), code, body);
                    cases += 1;
                }
            }
            let body = cbor_body(vec![("__type", Cbor::Text("NoSuchThing".into())), ("message", Cbor::Text("what".into()))]);
            let unhandled = assert_unhandled_error!($op, OpError::from_cbor(&error_response(&body)));
            assert_eq!(unhandled.body(), body.as_slice());
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
        let ticket = cbor_body(vec![(
            "MatchmakingTicket",
            Cbor::Map(vec![
                (Cbor::Text("TicketId".into()), Cbor::Text("t".into())),
                (
                    Cbor::Text("StartTime".into()),
                    Cbor::Tag(1, Box::new(Cbor::Float(1_700_000_000.5))),
                ),
            ]),
        )]);
        let requests = start_match_backfill_twice!(
            Response::builder()
                .status(200)
                .header("smithy-protocol", "rpc-v2-cbor")
                .body(ticket)
                .unwrap(),
            Response::builder()
                .status(400)
                .header("smithy-protocol", "rpc-v2-cbor")
                .body(cbor_body(vec![
                    (
                        "__type",
                        Cbor::Text("com.amazonaws.gamelift#NotFoundException".into()),
                    ),
                    ("Message", Cbor::Text("no such configuration".into())),
                ]))
                .unwrap()
        );
        assert_eq!(
            requests[0].uri(),
            "https://gamelift.us-west-2.amazonaws.com/service/GameLift/operation/StartMatchBackfill"
        );
        assert_eq!(requests[0].headers()["smithy-protocol"], "rpc-v2-cbor");
        let sent = decode_cbor(requests[0].body());
        let expected = Cbor::Map(vec![
            (
                Cbor::Text("ConfigurationName".into()),
                Cbor::Text("config".into()),
            ),
            (Cbor::Text("Players".into()), Cbor::Array(vec![])),
        ]);
        assert!(same_cbor(&sent, &expected), "{sent:?}");
    }
}
