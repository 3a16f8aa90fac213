use http::HeaderValue;

use super::*;

fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.append(
            http::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

#[test]
fn scalar_headers() {
    let h = headers(&[
        ("X-Integer", " 3 "),
        ("X-Bool", "true"),
        ("X-Float", "NaN"),
        ("X-String", "plain"),
        ("X-Json", "dHJ1ZQ=="),
    ]);
    assert_eq!(header::<i32>(&h, "X-Integer"), Ok(Some(3)));
    assert_eq!(header::<bool>(&h, "x-bool"), Ok(Some(true)));
    assert!(header::<f32>(&h, "X-Float").unwrap().unwrap().is_nan());
    assert_eq!(header::<String>(&h, "X-String"), Ok(Some("plain".into())));
    assert_eq!(header::<String>(&h, "X-Absent"), Ok(None));
    assert_eq!(header_base64_string(&h, "X-Json"), Ok(Some("true".into())));
}

#[test]
fn bad_headers_are_errors_that_name_the_header() {
    let h = headers(&[
        ("X-Integer", "abc"),
        ("X-Date", "yesterday"),
        ("X-Twice", "1"),
    ]);
    let error = header::<i32>(&h, "X-Integer").unwrap_err();
    assert_eq!(
        error.to_string(),
        "header `X-Integer`: expected an integer, found `abc`"
    );
    let error = header_timestamp(&h, "X-Date", TimestampFormat::HttpDate).unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("header `X-Date`: invalid http-date"),
        "{error}"
    );
    let mut twice = h.clone();
    twice.append("x-twice", HeaderValue::from_static("2"));
    let error = header::<i32>(&twice, "X-Twice").unwrap_err();
    assert!(error.to_string().contains("expected one value, found 2"));
    let mut opaque = HeaderMap::new();
    opaque.insert("x-bytes", HeaderValue::from_bytes(b"\xff").unwrap());
    assert!(header::<String>(&opaque, "X-Bytes").is_err());
    let h = headers(&[("X-Json", "%%%")]);
    assert!(header_base64_string(&h, "X-Json").is_err());
}

#[test]
fn list_headers() {
    let h = headers(&[
        ("X-List", "a, \"b,c\", \"\\\"def\\\"\""),
        ("X-Ints", "1, 2"),
        ("X-Ints", "3"),
        (
            "X-Dates",
            "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT",
        ),
        ("X-Iso", "2019-12-16T23:48:18Z, 2019-12-16T23:48:19Z"),
        ("X-Bad", "1, x"),
    ]);
    assert_eq!(
        header_list::<String>(&h, "X-List"),
        Ok(Some(vec!["a".into(), "b,c".into(), "\"def\"".into()]))
    );
    assert_eq!(header_list::<i32>(&h, "X-Ints"), Ok(Some(vec![1, 2, 3])));
    assert_eq!(header_list::<i32>(&h, "X-None"), Ok(None));
    let dates = header_timestamps(&h, "X-Dates", TimestampFormat::HttpDate)
        .unwrap()
        .unwrap();
    assert_eq!(
        dates,
        [
            Timestamp::from_secs(1576540098),
            Timestamp::from_secs(1576626498)
        ]
    );
    let iso = header_timestamps(&h, "X-Iso", TimestampFormat::DateTime)
        .unwrap()
        .unwrap();
    assert_eq!(iso.len(), 2);
    assert!(header_list::<i32>(&h, "X-Bad")
        .unwrap_err()
        .to_string()
        .contains("`x`"));
}

#[test]
fn prefix_headers_strip_the_prefix() {
    let h = headers(&[("X-Foo", "Foo"), ("X-Foo-Abc", "Abc value"), ("Other", "o")]);
    let map = prefix_headers(&h, "X-Foo-").unwrap().unwrap();
    assert_eq!(map.len(), 1);
    assert_eq!(map["abc"], "Abc value");
    let all = prefix_headers(&h, "").unwrap().unwrap();
    assert_eq!(all.len(), 3);
    assert_eq!(all["x-foo"], "Foo");
    // Headers cannot tell an unset map from an empty one: the compliance cases expect `{}`.
    assert_eq!(prefix_headers(&h, "missing-"), Ok(Some(Default::default())));
}

#[test]
fn payloads() {
    assert_eq!(blob_payload(b""), None);
    assert_eq!(blob_payload(b"ab"), Some(Blob::new(*b"ab")));
    assert_eq!(string_payload(b""), Ok(None));
    assert_eq!(string_payload(b"raw"), Ok(Some("raw".into())));
    assert!(string_payload(b"\xff").is_err());
}

#[derive(Debug, PartialEq)]
struct Output {
    status: i32,
    greeting: Option<String>,
}

impl DecodeResponse for Output {
    fn decode_response(response: &Response<Vec<u8>>) -> Result<Self, DecodeError> {
        Ok(Output {
            status: i32::from(response.status().as_u16()),
            greeting: header(response.headers(), "X-Greeting")?,
        })
    }
}

#[derive(Debug, PartialEq)]
enum Error {
    Decode(String),
    Service(Option<String>, u16),
}

/// What `decode_response` gave, flattened for comparison.
fn flat(result: Result<Output, crate::ParseError<Error>>) -> Result<Output, Error> {
    result.map_err(|e| match e {
        crate::ParseError::Service(e) => e.into_error(),
        crate::ParseError::Decode(e) => Error::Decode(e.decode_error().to_string()),
    })
}

fn service_error(response: &ErrorResponse) -> Error {
    Error::Service(
        response.code().map(String::from),
        response.status().as_u16(),
    )
}

#[test]
fn decode_response_sorts_success_and_error() {
    let ok = Response::builder()
        .status(201)
        .header("X-Greeting", "Hello")
        .body(Vec::new())
        .unwrap();
    assert_eq!(
        flat(decode_response(ok, crate::json_error_parts, service_error)),
        Ok(Output {
            status: 201,
            greeting: Some("Hello".into())
        })
    );
    let bad = Response::builder()
        .status(200)
        .header("X-Greeting", "a")
        .header("X-Greeting", "b")
        .body(Vec::new())
        .unwrap();
    assert!(matches!(
        flat(decode_response(bad, crate::json_error_parts, service_error)),
        Err(Error::Decode(m)) if m.contains("X-Greeting")
    ));
    let failed = Response::builder()
        .status(404)
        .header("X-Amzn-Errortype", "NotFound")
        .body(Vec::new())
        .unwrap();
    assert_eq!(
        flat(decode_response(
            failed,
            crate::json_error_parts,
            service_error
        )),
        Err(Error::Service(Some("NotFound".into()), 404))
    );
}
