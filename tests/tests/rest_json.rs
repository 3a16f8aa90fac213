//! restJson1 behaviour beyond the compliance cases, on `models/fixtures/rest_bindings.json` and
//! the compiled compliance service: bindings in and out, error correction, build errors,
//! idempotency tokens, status on errors, prefix-header names.

use smithy_codegen_tests::fixtures::rest_bindings::{errors, operations, types};
use smithy_codegen_tests::protocol_tests::rest_json;
use smithy_runtime::http::Response;
use smithy_runtime::{
    block_on, IdempotencyTokenProvider, InMemoryTransport, InvokeError, Operation, RequestOptions,
    Timestamp,
};

fn response(status: u16, headers: &[(&str, &str)], body: &str) -> Response<Vec<u8>> {
    let mut builder = Response::builder().status(status);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    builder.body(body.as_bytes().to_vec()).unwrap()
}

fn fixed_token() -> RequestOptions {
    RequestOptions::new().with_idempotency_tokens(IdempotencyTokenProvider::fixed("tok"))
}

#[test]
fn every_kind_of_request_binding() {
    let mut input = types::GetThingInput::new("a b".into(), "dir/file name".into());
    input.since = Some(Timestamp::from_secs(1));
    input.tags = Some(vec!["x".into(), "y,z".into()]);
    input.extra = Some(
        [
            ("view".to_owned(), "shadowed".to_owned()),
            ("q".to_owned(), "1".to_owned()),
        ]
        .into(),
    );
    input.mode = Some(types::Mode::On);
    input.modified = Some(Timestamp::from_secs(1576540098));
    input.meta = Some([("Owner".to_owned(), "me".to_owned())].into());
    let request = operations::GetThing::build_request(&input, &fixed_token()).unwrap();
    assert_eq!(request.method(), "GET");
    assert_eq!(request.uri().path(), "/things/a%20b/dir/file%20name");
    assert_eq!(
        request.uri().query(),
        Some("view=full&since=1970-01-01T00%3A00%3A01Z&tag=x&tag=y%2Cz&q=1&token=tok")
    );
    let headers = request.headers();
    assert_eq!(headers["x-mode"], "on");
    assert_eq!(
        headers["if-modified-since"],
        "Mon, 16 Dec 2019 23:48:18 GMT"
    );
    assert_eq!(headers["x-meta-owner"], "me");
    // Every member is bound: no body, so no Content-Type or Content-Length.
    assert!(request.body().is_empty());
    assert!(!headers.contains_key("content-type") && !headers.contains_key("content-length"));
}

#[test]
fn idempotency_tokens_are_random_unless_set() {
    let input = types::GetThingInput::new("a".into(), "b".into());
    let token = |options: &RequestOptions, input: &types::GetThingInput| {
        let request = operations::GetThing::build_request(input, options).unwrap();
        let query = request.uri().query().unwrap_or_default().to_owned();
        query
            .split('&')
            .find_map(|p| p.strip_prefix("token="))
            .map(str::to_owned)
    };
    let first = token(&RequestOptions::default(), &input).unwrap();
    let second = token(&RequestOptions::default(), &input).unwrap();
    assert_ne!(first, second, "a fresh token per request");
    assert_eq!(first.len(), 36, "a UUID: {first}");
    let mut set = input.clone();
    set.token = Some("mine".into());
    assert_eq!(
        token(&RequestOptions::default(), &set).as_deref(),
        Some("mine")
    );
    assert_eq!(token(&fixed_token(), &input).as_deref(), Some("tok"));
    assert_eq!(input.token, None, "the caller's input is not changed");
}

#[test]
fn empty_or_unset_labels_are_build_errors() {
    let input = types::GetThingInput::new(String::new(), "b".into());
    let error = operations::GetThing::build_request(&input, &fixed_token()).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot build the request: URI label `id` is empty"
    );
    let mut input = types::GetThingInput::new("a".into(), "b".into());
    input.path = None;
    let error = operations::GetThing::build_request(&input, &fixed_token()).unwrap_err();
    assert_eq!(error.message(), "URI label `path` is not set");
    // Through the client: nothing is sent.
    let client = smithy_codegen_tests::fixtures::rest_bindings::client::Client::new(
        InMemoryTransport::new(),
        smithy_runtime::ClientConfig::new(),
    );
    let error = block_on(client.get_thing(types::GetThingInput::new(String::new(), "b".into())))
        .unwrap_err();
    assert!(matches!(error, InvokeError::Build(_)), "{error:?}");
    assert!(client.transport().requests().is_empty());
}

#[test]
fn response_members_from_headers_status_and_body() {
    let output = operations::GetThing::parse_response(response(
        203,
        &[
            ("X-Count", "3"),
            ("X-Versions", "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT"),
            ("X-Meta-Owner", "me"),
        ],
        r#"{"inner":{"name":"n","mode":"off"},"choice":{"number":4},"mode":"on","level":2,"Tags":["t"]}"#,
    ))
    .unwrap();
    assert_eq!(output.count, 3);
    assert_eq!(output.status, Some(203));
    assert_eq!(output.versions.as_ref().map(Vec::len), Some(2));
    assert_eq!(
        output.meta.unwrap()["owner"],
        "me",
        "header names are lower-case"
    );
    assert_eq!(output.inner.name, "n");
    assert_eq!(output.inner.size, 7, "@default");
    assert_eq!(output.choice, types::Choice::Number(4));
    assert_eq!(output.level, types::Level::High);
    assert_eq!(output.tags, ["t"], "read under its @jsonName");
}

#[test]
fn missing_required_members_are_corrected_to_zero_values() {
    let output = operations::GetThing::parse_response(response(200, &[], "{}")).unwrap();
    assert_eq!(output.count, 0, "a required header");
    assert_eq!(output.inner.name, "");
    assert!(matches!(&output.inner.mode, types::Mode::Unknown(v) if v.as_str().is_empty()));
    assert_eq!(output.inner.size, 7);
    assert!(matches!(&output.choice, types::Choice::Unknown(m) if m.as_str().is_empty()));
    assert!(matches!(&output.mode, types::Mode::Unknown(v) if v.as_str().is_empty()));
    assert!(matches!(output.level, types::Level::Unknown(v) if v.value() == 0));
    assert!(output.tags.is_empty());
    assert_eq!(output.status, Some(200));
    // An empty body is an empty output too.
    let empty = operations::GetThing::parse_response(response(200, &[], "")).unwrap();
    assert_eq!(empty, output);
}

#[test]
fn bad_headers_are_decode_errors_that_name_the_header() {
    for (name, value) in [("X-Count", "three"), ("X-Versions", "yesterday")] {
        let error = operations::GetThing::parse_response(response(200, &[(name, value)], "{}"))
            .unwrap_err();
        match error {
            smithy_runtime::ParseError::Decode(e) => {
                assert_eq!(e.status(), 200);
                let message = e.decode_error().to_string();
                assert!(
                    message.starts_with(&format!("header `{name}`: ")),
                    "{message}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn errors_read_their_headers_and_unhandled_ones_keep_the_status() {
    let error = operations::GetThing::parse_response(response(
        404,
        &[
            ("X-Amzn-Errortype", "ThingNotFound:http://x"),
            ("X-Resource", "r1"),
        ],
        r#"{"message":"gone"}"#,
    ))
    .unwrap_err()
    .into_service_error()
    .expect("the service's error");
    match &error {
        errors::GetThingError::ThingNotFound(e) => {
            assert_eq!(e.resource.as_deref(), Some("r1"));
            assert_eq!(e.message.as_deref(), Some("gone"));
        }
        other => panic!("{other:?}"),
    }
    let error = operations::GetThing::parse_response(response(
        503,
        &[],
        r#"{"__type":"ns#SlowDown","message":"later"}"#,
    ))
    .unwrap_err()
    .into_service_error()
    .expect("the service's error");
    match error {
        errors::GetThingError::Unhandled(e) => {
            assert_eq!(
                (e.code(), e.message(), e.status()),
                ("SlowDown", Some("later"), Some(503))
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn blob_payload_with_modeled_content_type_and_md5() {
    let mut input = types::PutBlobInput::new("k".into(), String::new());
    input.data = Some(smithy_runtime::Blob::from("bytes"));
    let request = operations::PutBlob::build_request(&input, &fixed_token()).unwrap();
    assert_eq!(request.method(), "PUT");
    // A required token member: empty means unset.
    assert_eq!(request.headers()["x-token"], "tok");
    let mut own = input.clone();
    own.token = "mine".into();
    let request_with_own = operations::PutBlob::build_request(&own, &fixed_token()).unwrap();
    assert_eq!(request_with_own.headers()["x-token"], "mine");
    assert_eq!(request.body(), b"bytes");
    assert_eq!(
        request.headers()["content-type"],
        "application/octet-stream"
    );
    assert_eq!(request.headers()["content-length"], "5");
    assert_eq!(
        request.headers()["content-md5"],
        "SzpiGLs+OnMD6KFxpg/Pkg==" /* openssl md5 -binary | base64 */
    );
    input.content_type = Some("image/png".into());
    input.data = None;
    let request = operations::PutBlob::build_request(&input, &fixed_token()).unwrap();
    assert_eq!(
        request.headers()["content-type"],
        "image/png",
        "the member wins"
    );
    assert!(request.body().is_empty());
    // A structure payload in the response: the whole body, or nothing.
    let output =
        operations::PutBlob::parse_response(response(201, &[], r#"{"name":"n","mode":"on"}"#))
            .unwrap();
    assert_eq!(output.item.map(|i| i.name), Some("n".into()));
    let output = operations::PutBlob::parse_response(response(201, &[], "")).unwrap();
    assert_eq!(output.item, None);
}

/// The behaviour the two skipped compliance cases check, with lower-case header names (as
/// Smithy now writes those cases): prefix-header keys are the rest of the lower-cased name.
#[test]
fn prefix_headers_are_keyed_by_lower_case_names() {
    let output = rest_json::operations::HttpPrefixHeaders::parse_response(response(
        200,
        &[
            ("x-foo", "Foo"),
            ("x-foo-abc", "Abc value"),
            ("X-Foo-Def", "Def value"),
        ],
        "",
    ))
    .unwrap();
    assert_eq!(output.foo.as_deref(), Some("Foo"));
    let map = output.foo_map.unwrap();
    assert_eq!(map.len(), 2);
    assert_eq!(
        (map["abc"].as_str(), map["def"].as_str()),
        ("Abc value", "Def value")
    );
    let output = rest_json::operations::HttpPrefixHeadersInResponse::parse_response(response(
        200,
        &[("x-foo", "Foo"), ("hello", "Hello")],
        "",
    ))
    .unwrap();
    let map = output.prefix_headers.unwrap();
    assert_eq!(map.len(), 2);
    assert_eq!(
        (map["x-foo"].as_str(), map["hello"].as_str()),
        ("Foo", "Hello")
    );
}

#[test]
fn glacier_defaults_the_account_id_to_the_callers_own() {
    use smithy_codegen_tests::protocol_tests::glacier::{operations, types};
    let input = types::UploadArchiveInput::new("vault".into(), String::new());
    let request = operations::UploadArchive::build_request(&input, &fixed_token()).unwrap();
    assert_eq!(request.uri().path(), "/-/vaults/vault/archives");
    assert_eq!(request.headers()["x-amz-glacier-version"], "2012-06-01");
    let empty_sha = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assert_eq!(request.headers()["x-amz-content-sha256"], empty_sha);
    assert_eq!(request.headers()["x-amz-sha256-tree-hash"], empty_sha);
}
