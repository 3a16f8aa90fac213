use http::Response;

use super::*;
use crate::aws_json::{aws_json_request_with_body, AwsJsonVersion};
use crate::json::{decode_response, JsonDecode, JsonReader, JsonWriter};
use crate::response::ErrorResponse;
use crate::transport::{block_on, InMemoryTransport};
use crate::AuthScheme;
use crate::{DecodeError, ParseError, UnhandledError};

/// A hand-written operation shaped like the generated ones.
struct Echo;

#[derive(Debug, PartialEq)]
struct EchoOutput {
    value: Option<String>,
}

impl JsonDecode for EchoOutput {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let mut value = None;
        r.read_members(&mut [("Value", &mut value)])?;
        Ok(EchoOutput { value })
    }
}

#[derive(Debug, PartialEq)]
enum EchoError {
    NotFound(Option<String>),
    Unhandled(UnhandledError),
}

impl std::fmt::Display for EchoError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for EchoError {}

impl EchoError {
    fn from_json(response: &ErrorResponse) -> Self {
        match response.code() {
            Some("NotFound") => EchoError::NotFound(response.message().map(String::from)),
            _ => EchoError::Unhandled(response.to_unhandled()),
        }
    }
}

impl Operation for Echo {
    const NAME: &'static str = "Echo";
    type Input = String;
    type Output = EchoOutput;
    type Error = EchoError;
    const AUTH: AuthScheme = AuthScheme::None;

    fn build_request(
        input: &String,
        options: &RequestOptions,
    ) -> Result<Request<Vec<u8>>, BuildError> {
        if input.is_empty() {
            return Err(BuildError::new("the echo is empty"));
        }
        let mut w = JsonWriter::new();
        w.begin_object();
        w.field("Value", input);
        w.field("Token", &options.idempotency_token());
        w.end_object();
        Ok(aws_json_request_with_body(
            AwsJsonVersion::V1_1,
            "EchoService.Echo",
            w.finish(),
        ))
    }

    fn parse_response(response: Response<Vec<u8>>) -> Result<EchoOutput, ParseError<EchoError>> {
        decode_response(response, EchoError::from_json)
    }
}

/// The service's error `parse_response` gave, without its status and request id.
fn service_error(result: Result<EchoOutput, ParseError<EchoError>>) -> EchoError {
    match result {
        Err(ParseError::Service(e)) => e.into_error(),
        other => panic!("expected a service error: {other:?}"),
    }
}

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Response<Vec<u8>> {
    let mut b = Response::builder().status(status);
    for (k, v) in headers {
        b = b.header(*k, *v);
    }
    b.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn success_and_empty_bodies() {
    let ok = Echo::parse_response(response(200, &[], r#"{"Value":"v","Other":[1]}"#));
    assert_eq!(
        ok,
        Ok(EchoOutput {
            value: Some("v".into())
        })
    );
    let empty = Echo::parse_response(response(200, &[], ""));
    assert_eq!(empty, Ok(EchoOutput { value: None }));
    for bad in [r#"{"Value":1}"#, r#"{"Value":"v"} trailing"#, "null"] {
        let error = Echo::parse_response(response(200, &[], bad)).unwrap_err();
        let ParseError::Decode(error) = error else {
            panic!("{bad}: {error:?}")
        };
        // The decode failure keeps what came: the status and the body.
        assert_eq!(error.status(), 200);
        assert_eq!(error.body(), bad.as_bytes());
    }
    let bad = Echo::parse_response(response(
        200,
        &[("x-amzn-requestid", "r-1")],
        r#"{"Value":1}"#,
    ));
    match bad {
        Err(ParseError::Decode(e)) => {
            assert_eq!(
                e.decode_error().to_string(),
                "at Value: expected a string, found a number"
            );
            assert_eq!(e.request_id(), Some("r-1"));
            assert!(e
                .to_string()
                .starts_with("the response (status 200, 11 bytes) could not be decoded: "));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn errors_use_header_then_body_code_and_keep_the_status() {
    let e = Echo::parse_response(response(
        400,
        &[
            ("X-Amzn-Errortype", "ns#NotFound:http://x"),
            ("x-amzn-RequestId", "req-7"),
        ],
        r#"{"message":"gone"}"#,
    ));
    let Err(ParseError::Service(e)) = e else {
        panic!("{e:?}")
    };
    assert_eq!((e.status(), e.request_id()), (400, Some("req-7")));
    assert_eq!(e.into_error(), EchoError::NotFound(Some("gone".into())));
    let e = service_error(Echo::parse_response(response(
        500,
        &[],
        r#"{"__type":"ns#Boom","Message":"m"}"#,
    )));
    assert_eq!(
        e,
        EchoError::Unhandled(
            UnhandledError::new(
                "Boom",
                Some("m".into()),
                br#"{"__type":"ns#Boom","Message":"m"}"#.to_vec()
            )
            .with_status(500)
        )
    );
    // A redirect is not a success either.
    let e = service_error(Echo::parse_response(response(301, &[], "")));
    assert!(
        matches!(e, EchoError::Unhandled(u) if u.code() == "Unknown" && u.status() == Some(301))
    );
}

#[test]
fn invoke_over_the_in_memory_transport() {
    let t = InMemoryTransport::new();
    t.push_response(response(200, &[], r#"{"Value":"hi"}"#));
    t.push_response(response(400, &[], r#"{"code":"NotFound"}"#));
    let options = ClientConfig::new().with_options(
        RequestOptions::new()
            .with_idempotency_tokens(crate::IdempotencyTokenProvider::fixed("t-1")),
    );
    let out = block_on(invoke::<Echo, _>(&t, &options, &"hi".to_owned())).unwrap();
    assert_eq!(out.value.as_deref(), Some("hi"));
    let err = block_on(invoke::<Echo, _>(&t, &options, &"x".to_owned())).unwrap_err();
    assert_eq!(err.as_service_error(), Some(&EchoError::NotFound(None)));
    let InvokeError::Service(service) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(service.status(), 400);
    let err = block_on(invoke::<Echo, _>(&t, &options, &"y".to_owned())).unwrap_err();
    assert!(matches!(err, InvokeError::Transport(_)));
    assert!(err.to_string().starts_with("transport error: "));
    assert!(err.into_service_error().is_none());
    let requests = t.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].body(), br#"{"Value":"hi","Token":"t-1"}"#);
    assert_eq!(requests[0].headers()["x-amz-target"], "EchoService.Echo");
    assert_eq!(Echo::NAME, "Echo");
}

#[test]
fn a_request_that_cannot_be_built_is_never_sent() {
    let t = InMemoryTransport::new();
    t.push_response(response(200, &[], "{}"));
    let err = block_on(invoke::<Echo, _>(&t, &ClientConfig::new(), &String::new())).unwrap_err();
    assert!(matches!(&err, InvokeError::Build(e) if e.message() == "the echo is empty"));
    assert_eq!(
        err.to_string(),
        "cannot build the request: the echo is empty"
    );
    assert!(std::error::Error::source(&err).is_some());
    assert!(t.requests().is_empty());
}

/// Rules sending `Echo` to a regional host, or refusing without a region.
static ECHO_RULES: crate::rules::ServiceRules = crate::rules::ServiceRules::new(
    r#"{"version": "1.0",
        "parameters": {"Region": {"type": "string", "builtIn": "AWS::Region"},
                       "Stage": {"type": "string"}},
        "rules": [
          {"conditions": [{"fn": "isSet", "argv": [{"ref": "Region"}]}], "type": "endpoint",
           "endpoint": {"url": "https://echo.{Region}.example.com/base",
                        "headers": {"x-stage": ["{Region}"]}}},
          {"conditions": [], "type": "error", "error": "Invalid Configuration: Missing Region"}]}"#,
    None,
);

#[test]
fn the_client_resolves_the_endpoint_before_sending() {
    let t = InMemoryTransport::new();
    t.push_response(response(200, &[], r#"{"Value":"hi"}"#));
    let config = ClientConfig::new()
        .with_rules(&ECHO_RULES)
        .with_region("eu-west-1");
    block_on(invoke::<Echo, _>(&t, &config, &"hi".to_owned())).unwrap();
    let sent = &t.requests()[0];
    assert_eq!(sent.uri(), "https://echo.eu-west-1.example.com/base/");
    assert_eq!(sent.headers()["x-stage"], "eu-west-1");
    let endpoint = sent.extensions().get::<crate::rules::Endpoint>().unwrap();
    assert_eq!(endpoint.url, "https://echo.eu-west-1.example.com/base");

    // The rules' error comes back, and nothing is sent.
    let err = block_on(invoke::<Echo, _>(
        &t,
        &ClientConfig::new().with_rules(&ECHO_RULES),
        &"x".to_owned(),
    ))
    .unwrap_err();
    assert!(
        matches!(&err, InvokeError::Endpoint(e) if e.message() == "Invalid Configuration: Missing Region")
    );
    assert_eq!(t.requests().len(), 1);

    // Without rules, an endpoint URL is used as it is; with neither, the URI stays relative.
    t.push_response(response(200, &[], "{}"));
    t.push_response(response(200, &[], "{}"));
    let local = ClientConfig::new().with_endpoint_url("http://127.0.0.1:9000");
    block_on(invoke::<Echo, _>(&t, &local, &"a".to_owned())).unwrap();
    block_on(invoke::<Echo, _>(&t, &ClientConfig::new(), &"b".to_owned())).unwrap();
    let requests = t.requests();
    assert_eq!(requests[1].uri(), "http://127.0.0.1:9000/");
    assert_eq!(requests[2].uri(), "/");
}
