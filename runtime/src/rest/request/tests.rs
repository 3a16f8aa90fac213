use super::*;

fn query_of(request: &Request<Vec<u8>>) -> Vec<&str> {
    request
        .uri()
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|p| !p.is_empty())
        .collect()
}

#[test]
fn labels_fill_the_pattern_encoded() {
    let mut r = RestRequest::new("GET", "/things/{Id}/x/{Key+}/{Flag}");
    r.label("Id", Some("a/b c"));
    r.label("Key", Some(&"there/guy ok".to_owned()));
    r.label("Flag", Some(true));
    let request = r.finish().unwrap();
    assert_eq!(request.method(), Method::GET);
    assert_eq!(request.uri(), "/things/a%2Fb%20c/x/there/guy%20ok/true");
    assert!(request.headers().is_empty());
    assert!(request.body().is_empty());
}

#[test]
fn unset_or_empty_labels_are_errors() {
    let mut r = RestRequest::new("GET", "/{Bucket}/{Key+}");
    r.label("Bucket", Some("b"));
    assert_eq!(
        r.finish().unwrap_err().message(),
        "URI label `Key` is not set"
    );
    let mut r = RestRequest::new("GET", "/{Bucket}");
    r.label::<&str>("Bucket", None);
    assert!(r.finish().is_err());
    let mut r = RestRequest::new("GET", "/{Bucket}");
    r.label("Bucket", Some(""));
    assert_eq!(
        r.finish().unwrap_err().to_string(),
        "cannot build the request: URI label `Bucket` is empty"
    );
}

#[test]
fn timestamps_and_floats_in_labels() {
    let mut r = RestRequest::new("GET", "/{T}/{H}/{F}");
    let t = Timestamp::from_secs(1576540098);
    r.label_timestamp("T", Some(&t), TimestampFormat::DateTime);
    r.label_timestamp("H", Some(&t), TimestampFormat::HttpDate);
    r.label("F", Some(f64::NEG_INFINITY));
    assert_eq!(
        r.finish().unwrap().uri(),
        "/2019-12-16T23%3A48%3A18Z/Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT/-Infinity"
    );
}

#[test]
fn query_lists_maps_and_pattern_literals() {
    let mut r = RestRequest::new("GET", "/path?foo=bar&hello");
    r.query("String", Some("Hello there"));
    r.query::<i32>("Unset", None);
    r.query_list("List", Some(["a", "b"]));
    r.query_list::<Vec<&str>>("Empty", Some(Vec::new()));
    r.query_timestamp(
        "Time",
        Some(&Timestamp::from_secs(1)),
        TimestampFormat::DateTime,
    );
    let mut params = BTreeMap::new();
    params.insert("String".to_owned(), "from map".to_owned());
    params.insert("qux".to_owned(), "also".to_owned());
    r.query_params(Some(&params), &["String"]);
    let mut lists = BTreeMap::new();
    lists.insert("multi".to_owned(), vec!["1".to_owned(), "2".to_owned()]);
    lists.insert("foo".to_owned(), vec!["shadowed".to_owned()]);
    r.query_params_lists(Some(&lists), &["foo", "hello"]);
    let request = r.finish().unwrap();
    assert_eq!(request.uri().path(), "/path");
    assert_eq!(
        query_of(&request),
        [
            "foo=bar",
            "hello",
            "String=Hello%20there",
            "List=a",
            "List=b",
            "Time=1970-01-01T00%3A00%3A01Z",
            "qux=also",
            "multi=1",
            "multi=2"
        ]
    );
}

#[test]
fn headers_scalars_lists_and_prefixes() {
    let mut r = RestRequest::new("POST", "/");
    r.header("X-String", Some("v"));
    r.header::<&str>("X-Unset", None);
    r.header("X-Integer", Some(3i32));
    r.header("X-Json", Some(super::super::Base64Text("true")));
    r.header_list("X-List", Some(["a", "b,c", "\"def\""]));
    r.header_list::<[&str; 0]>("X-Empty", Some([]));
    r.header_list("X-Bools", Some([true, false, true]));
    let t = Timestamp::from_secs(1576540098);
    r.header_timestamp("X-Date", Some(&t), TimestampFormat::HttpDate);
    r.header_timestamps("X-Dates", Some(&[t, t]), TimestampFormat::HttpDate);
    let mut prefixed = BTreeMap::new();
    prefixed.insert("Abc".to_owned(), "Abc value".to_owned());
    r.prefix_headers("X-Foo-", Some(&prefixed));
    let request = r.finish().unwrap();
    let h = request.headers();
    assert_eq!(h["x-string"], "v");
    assert!(!h.contains_key("x-unset"));
    assert!(!h.contains_key("x-empty"));
    assert_eq!(h["x-integer"], "3");
    assert_eq!(h["x-json"], "dHJ1ZQ==");
    assert_eq!(h["x-list"], "a, \"b,c\", \"\\\"def\\\"\"");
    assert_eq!(h["x-bools"], "true, false, true");
    assert_eq!(h["x-date"], "Mon, 16 Dec 2019 23:48:18 GMT");
    assert_eq!(
        h["x-dates"],
        "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:18 GMT"
    );
    assert_eq!(h["x-foo-abc"], "Abc value");
    assert!(!h.contains_key("content-length"), "no body, no length");
    assert!(!h.contains_key("content-type"));
}

#[test]
fn bad_header_values_are_errors_naming_the_header() {
    let mut r = RestRequest::new("POST", "/");
    r.header("X-Bad", Some("line\nbreak"));
    r.header("X-Also-Bad", Some("\r"));
    let error = r.finish().unwrap_err();
    assert!(error.message().contains("header `X-Bad`"), "{error}");
    let mut r = RestRequest::new("POST", "/");
    r.header("Bad Name", Some("v"));
    assert!(r.finish().unwrap_err().message().contains("`Bad Name`"));
}

#[test]
fn body_content_type_and_length() {
    let mut r = RestRequest::new("PUT", "/");
    r.body(b"{}".to_vec(), "application/json");
    let request = r.finish().unwrap();
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(request.headers()["content-length"], "2");
    assert_eq!(request.body(), b"{}");

    // A modeled Content-Type header member wins over the payload's default.
    let mut r = RestRequest::new("PUT", "/");
    r.header("Content-Type", Some("image/jpg"));
    r.body(Vec::new(), "application/octet-stream");
    let request = r.finish().unwrap();
    assert_eq!(request.headers()["content-type"], "image/jpg");
    assert_eq!(request.headers()["content-length"], "0");
}

#[test]
fn bad_method_or_pattern() {
    assert!(RestRequest::new("G ET", "/").finish().is_err());
    assert!(RestRequest::new("GET", "/{open").finish().is_err());
}
