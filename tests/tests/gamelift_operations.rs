//! Every GameLift operation, against the committed `generated/gamelift` crate:
//! a fully populated input survives input → request body → decoded input, and
//! every modeled error decodes from each code source (header, `code`, `__type`)
//! and from an XML body; unknown codes stay unhandled with code and message.

use std::path::Path;
use std::sync::OnceLock;

use gamelift::errors;
use gamelift::operations;
use serde_json::{json, Value as Json};
use smithy_codegen::ir::{self, Service, TypeRef};
use smithy_runtime::http::Response;
use smithy_runtime::{ErrorResponse, Operation, RequestOptions};

include!(concat!(env!("OUT_DIR"), "/gamelift_operations.rs"));

#[path = "support/gamelift_sample.rs"]
mod gamelift_sample;
use gamelift_sample::{same_json, sample};

fn service() -> &'static Service {
    static SERVICE: OnceLock<Service> = OnceLock::new();
    SERVICE.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/gamelift.json");
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

macro_rules! round_trip {
    ($op:ident, [$($error:literal),*]) => {{
        let sample = input_sample(stringify!($op));
        let bytes = serde_json::to_vec(&sample).unwrap();
        let input: <operations::$op as Operation>::Input = smithy_runtime::from_slice(&bytes)
            .unwrap_or_else(|e| panic!("{}: sample input does not decode: {e}", stringify!($op)));
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
    for_each_gamelift_operation!(count);
    assert_eq!(operations, 118);
}

/// A 400 response with the code, if any, in `X-Amzn-Errortype`, read by the JSON rules.
fn error_response(code: Option<&str>, body: &[u8]) -> ErrorResponse {
    let mut response = Response::builder().status(400);
    if let Some(code) = code {
        response = response.header("x-amzn-errortype", code);
    }
    ErrorResponse::json(response.body(body.to_vec()).unwrap())
}

/// Decodes each modeled error of `$op` from the three JSON code sources and
/// from XML, and an unknown code; returns the number of cases checked.
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
                assert_eq!(error.to_string(), format!("{code}: boom"));
                let service_error: errors::Error = error.into();
                assert_eq!(service_error.code(), code);
                cases += 1;
            }
            let xml = format!("<ErrorResponse><Error><Type>Sender</Type><Code>{code}</Code><Message>boom</Message></Error><RequestId>r</RequestId></ErrorResponse>");
            let error = OpError::from_xml(&error_response(None, xml.as_bytes()));
            assert_eq!((error.code(), error.message()), (code, Some("boom")));
            assert!(!matches!(error, OpError::Unhandled(_)));
            cases += 1;
        }
        let body = br#"{"__type": "NoSuchThing", "message": "what"}"#;
        let error = OpError::from_json(&error_response(None, body));
        match &error {
            OpError::Unhandled(unhandled) => {
                assert_eq!(unhandled.code(), "NoSuchThing");
                assert_eq!(unhandled.message(), Some("what"));
                assert_eq!(unhandled.body(), body);
                assert_eq!(unhandled.status(), Some(400));
            }
            other => panic!("unknown code decoded as {other:?}"),
        }
        cases + 1
    }};
}

#[test]
fn every_modeled_error_decodes_from_every_source() {
    let mut cases = 0;
    macro_rules! count { ($op:ident, [$($e:literal),*]) => { cases += errors_decode!($op, [$($e),*]); } }
    for_each_gamelift_operation!(count);
    // Printed so the figure can be reported; the assertions are above.
    println!("error decoding cases: {cases}");
    assert!(cases > 118 * 5);
}
