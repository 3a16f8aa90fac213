use http::{HeaderMap, StatusCode};

use super::*;
use crate::json::{JsonReader, JsonWriter};
use crate::transport::{block_on, InMemoryTransport};
use crate::UnhandledError;

/// A hand-written operation shaped like the generated ones.
struct Echo;

#[derive(Debug, PartialEq)]
struct EchoOutput {
    value: Option<String>,
}

impl JsonDecode for EchoOutput {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let mut value = None;
        r.read_object(|r, key| {
            match key {
                "Value" => value = r.field("Value")?,
                _ => r.skip_value()?,
            }
            Ok(())
        })?;
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

impl From<DecodeError> for EchoError {
    fn from(e: DecodeError) -> Self {
        EchoError::Unhandled(UnhandledError::new(
            "DecodeError",
            Some(e.to_string()),
            Vec::new(),
        ))
    }
}

impl EchoError {
    fn from_parts(parts: ErrorParts, response: Response<Vec<u8>>) -> Self {
        match parts.code() {
            Some("NotFound") => EchoError::NotFound(parts.message),
            _ => EchoError::Unhandled(parts.into_unhandled(response.into_body())),
        }
    }
}

impl Operation for Echo {
    const NAME: &'static str = "Echo";
    type Input = String;
    type Output = EchoOutput;
    type Error = EchoError;

    fn build_request(input: &String) -> Request<Vec<u8>> {
        let mut w = JsonWriter::new();
        w.begin_object();
        w.field("Value", input);
        w.end_object();
        aws_json_request(AwsJsonVersion::V1_1, "EchoService.Echo", w.finish())
    }

    fn parse_response(response: Response<Vec<u8>>) -> Result<EchoOutput, EchoError> {
        parse_aws_json_response(response, EchoError::from_parts)
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
fn aws_json_request_headers() {
    let r = aws_json_request(AwsJsonVersion::V1_0, "JsonRpc10.Op", b"{}".to_vec());
    assert_eq!(r.method(), Method::POST);
    assert_eq!(r.uri(), "/");
    assert_eq!(r.headers()["content-type"], "application/x-amz-json-1.0");
    assert_eq!(r.headers()["x-amz-target"], "JsonRpc10.Op");
    assert_eq!(r.headers()["content-length"], "2");
    assert_eq!(r.body(), b"{}");
    let r = aws_json_request(AwsJsonVersion::V1_1, "bad\ntarget", Vec::new());
    assert_eq!(r.headers()["content-type"], "application/x-amz-json-1.1");
    assert!(r.headers().get("x-amz-target").is_none());
    assert_eq!(r.headers()["content-length"], "0");
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
    let bad = Echo::parse_response(response(200, &[], r#"{"Value":1}"#)).unwrap_err();
    match bad {
        EchoError::Unhandled(e) => {
            assert_eq!(
                e.message(),
                Some("at Value: expected a string, found a number")
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn errors_use_header_then_body_code() {
    let e = Echo::parse_response(response(
        400,
        &[("X-Amzn-Errortype", "ns#NotFound:http://x")],
        r#"{"message":"gone"}"#,
    ));
    assert_eq!(e, Err(EchoError::NotFound(Some("gone".into()))));
    let e = Echo::parse_response(response(500, &[], r#"{"__type":"ns#Boom","Message":"m"}"#));
    assert_eq!(
        e,
        Err(EchoError::Unhandled(UnhandledError::new(
            "Boom",
            Some("m".into()),
            br#"{"__type":"ns#Boom","Message":"m"}"#.to_vec()
        )))
    );
    // A redirect is not a success either.
    let e = Echo::parse_response(response(301, &[], "")).unwrap_err();
    assert!(matches!(e, EchoError::Unhandled(u) if u.code() == "Unknown"));
}

#[test]
fn invoke_over_the_in_memory_transport() {
    let t = InMemoryTransport::new();
    t.push_response(response(200, &[], r#"{"Value":"hi"}"#));
    t.push_response(response(400, &[], r#"{"code":"NotFound"}"#));
    let out = block_on(invoke::<Echo, _>(&t, &"hi".to_owned())).unwrap();
    assert_eq!(out.value.as_deref(), Some("hi"));
    let err = block_on(invoke::<Echo, _>(&t, &"x".to_owned())).unwrap_err();
    assert_eq!(err.as_operation_error(), Some(&EchoError::NotFound(None)));
    let err = block_on(invoke::<Echo, _>(&t, &"y".to_owned())).unwrap_err();
    assert!(matches!(err, InvokeError::Transport(_)));
    assert!(err.to_string().starts_with("transport error: "));
    assert!(err.into_operation_error().is_none());
    let requests = t.requests();
    assert_eq!(requests.len(), 3);
    assert_eq!(requests[0].body(), br#"{"Value":"hi"}"#);
    assert_eq!(requests[0].headers()["x-amz-target"], "EchoService.Echo");
    assert_eq!(Echo::NAME, "Echo");
    let _ = (HeaderMap::new(), StatusCode::OK);
}

fn echo_error_from_body(parts: ErrorParts, body: &[u8]) -> EchoError {
    EchoError::from_parts(parts, Response::new(body.to_vec()))
}

#[test]
fn decode_aws_json_response_agrees_with_parse_aws_json_response() {
    let cases = [
        response(200, &[], r#"{"Value":"v","Other":[1]}"#),
        response(200, &[], " \n"),
        response(200, &[], r#"{"Value":1}"#),
        response(200, &[], r#"{"Value":"v"} trailing"#),
        response(200, &[], "null"),
        response(
            400,
            &[("X-Amzn-Errortype", "NotFound")],
            r#"{"message":"gone"}"#,
        ),
        response(500, &[], r#"{"__type":"ns#Boom","Message":"m"}"#),
    ];
    for case in cases {
        let (parts, body) = case.into_parts();
        let again = || Response::from_parts(parts.clone(), body.clone());
        let decoded: Result<EchoOutput, EchoError> =
            decode_aws_json_response(again(), echo_error_from_body);
        let parsed: Result<EchoOutput, EchoError> =
            parse_aws_json_response(again(), EchoError::from_parts);
        assert_eq!(decoded, parsed, "{:?}", String::from_utf8_lossy(&body));
    }
}
