//! Edge cases of signing and presigning, through the public functions.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use http::header::HeaderValue;
use http::Request;

use super::*;
use crate::credentials::Credentials;

const SECRET: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
const TOKEN: &str = "IQoJb3JpZ2luX2VjEXAMPLE+token/with=chars";
/// 2015-08-30T12:36:00Z, the test suite's date.
const TIME: u64 = 1_440_938_160;

fn time() -> SystemTime {
    UNIX_EPOCH + Duration::from_secs(TIME)
}

fn creds() -> Credentials {
    Credentials::new("AKIDEXAMPLE", SECRET, None, None, "Test")
}

fn creds_with_token() -> Credentials {
    Credentials::new("AKIDEXAMPLE", SECRET, Some(TOKEN.into()), None, "Test")
}

fn get(uri: &str) -> Request<Vec<u8>> {
    Request::get(uri).body(Vec::new()).unwrap()
}

fn header<'r>(request: &'r Request<Vec<u8>>, name: &str) -> &'r str {
    request.headers()[name].to_str().unwrap()
}

/// The canonical request's lines, after signing `request` with `settings`.
fn signed_canonical(request: &mut Request<Vec<u8>>, settings: SigningSettings) -> Vec<String> {
    let creds = creds();
    let params =
        SigningParams::new(&creds, "us-east-1", "service", time()).with_settings(settings.clone());
    sign_request(request, &params).unwrap();
    let canonical = canonical_request(request, &settings).unwrap();
    canonical.lines().map(str::to_owned).collect()
}

#[test]
fn signs_a_request_with_an_absolute_uri_and_no_host_header() {
    let creds = creds();
    let mut request = Request::post("https://gamelift.us-west-2.amazonaws.com/")
        .header("content-type", "application/x-amz-json-1.1")
        .header("x-amz-target", "GameLift.ListFleets")
        .header("user-agent", "smithy-runtime")
        .body(b"{}".to_vec())
        .unwrap();
    let params = SigningParams::new(&creds, "us-west-2", "gamelift", time());
    sign_request(&mut request, &params).unwrap();
    assert!(
        !request.headers().contains_key("host"),
        "no Host header is added"
    );
    assert_eq!(header(&request, "x-amz-date"), "20150830T123600Z");
    let canonical = canonical_request(&request, &params.settings).unwrap();
    assert_eq!(
        canonical,
        "POST\n/\n\ncontent-type:application/x-amz-json-1.1\n\
         host:gamelift.us-west-2.amazonaws.com\nx-amz-date:20150830T123600Z\n\
         x-amz-target:GameLift.ListFleets\n\n\
         content-type;host;x-amz-date;x-amz-target\n\
         44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a"
    );
    // The Authorization header is the signature of exactly that canonical request.
    let sts = string_to_sign(&canonical, time(), "us-west-2", "gamelift").unwrap();
    assert!(sts.starts_with(
        "AWS4-HMAC-SHA256\n20150830T123600Z\n20150830/us-west-2/gamelift/aws4_request\n"
    ));
    let authorization = header(&request, "authorization");
    assert!(authorization.starts_with(
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-west-2/gamelift/aws4_request, \
         SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature="
    ));
    assert_eq!(
        authorization.len(),
        authorization.rfind('=').unwrap() + 1 + 64
    );
}

#[test]
fn host_port_only_when_not_the_default() {
    for (uri, host) in [
        (
            "https://example.amazonaws.com:443/",
            "host:example.amazonaws.com",
        ),
        (
            "http://example.amazonaws.com:80/",
            "host:example.amazonaws.com",
        ),
        ("http://localhost:8000/", "host:localhost:8000"),
        (
            "https://EXAMPLE.amazonaws.com:8443/",
            "host:example.amazonaws.com:8443",
        ),
    ] {
        let lines = signed_canonical(&mut get(uri), SigningSettings::default());
        assert_eq!(lines[3], host, "{uri}");
    }
    // A Host header wins over the URI.
    let mut request = get("https://example.amazonaws.com/");
    request
        .headers_mut()
        .insert("host", HeaderValue::from_static("other.example:81"));
    let lines = signed_canonical(&mut request, SigningSettings::default());
    assert_eq!(lines[3], "host:other.example:81");
}

#[test]
fn a_uri_with_no_host_and_no_host_header_is_an_error() {
    let creds = creds();
    let params = SigningParams::new(&creds, "us-east-1", "service", time());
    let mut request = get("/relative/path");
    let err = sign_request(&mut request, &params).unwrap_err();
    assert_eq!(err.kind(), &SigningErrorKind::MissingHost);
    assert!(err.to_string().contains("no Host header"), "{err}");
    assert!(
        request.headers().is_empty(),
        "the request is left as it was"
    );
    // With a Host header a relative URI signs.
    request
        .headers_mut()
        .insert("host", HeaderValue::from_static("example.amazonaws.com"));
    sign_request(&mut request, &params).unwrap();
    // A presigned URL needs an absolute URI even then.
    let err = presign_url(&request, &params, Duration::from_secs(60)).unwrap_err();
    assert_eq!(err.kind(), &SigningErrorKind::NotAbsoluteUri);
}

#[test]
fn header_values_that_are_not_utf8_are_rejected_without_showing_them() {
    let creds = creds();
    let params = SigningParams::new(&creds, "us-east-1", "service", time());
    let mut request = get("https://example.amazonaws.com/");
    request.headers_mut().insert(
        "x-amz-meta-name",
        HeaderValue::from_bytes(b"caf\xe9 secret").unwrap(),
    );
    let before = request.headers().clone();
    let err = sign_request(&mut request, &params).unwrap_err();
    assert_eq!(
        err.kind(),
        &SigningErrorKind::InvalidHeaderValue {
            name: "x-amz-meta-name".into()
        }
    );
    let message = err.to_string();
    assert!(
        message.contains("x-amz-meta-name") && !message.contains("secret"),
        "{message}"
    );
    assert_eq!(request.headers(), &before, "the request is left as it was");
    assert!(presign_url(&request, &params, Duration::from_secs(60)).is_err());
    // UTF-8 text in a header value is signed as it is.
    request.headers_mut().insert(
        "x-amz-meta-name",
        HeaderValue::from_bytes("café".as_bytes()).unwrap(),
    );
    sign_request(&mut request, &params).unwrap();
    let canonical = canonical_request(&request, &params.settings).unwrap();
    assert!(
        canonical.contains("\nx-amz-meta-name:café\n"),
        "{canonical}"
    );
    // Unsigned headers are never looked at.
    let mut request = get("https://example.amazonaws.com/");
    request
        .headers_mut()
        .insert("user-agent", HeaderValue::from_bytes(b"\xff\xfe").unwrap());
    sign_request(&mut request, &params).unwrap();
}

#[test]
fn header_values_are_trimmed_collapsed_and_joined() {
    let mut request = get("https://example.amazonaws.com/");
    let headers = request.headers_mut();
    headers.append("my-header1", HeaderValue::from_static("  a   b\t\t c  "));
    headers.append("my-header1", HeaderValue::from_static("second"));
    headers.append("my-header2", HeaderValue::from_static("\"a   b   c\""));
    let lines = signed_canonical(&mut request, SigningSettings::default());
    assert_eq!(lines[4], "my-header1:a b c,second");
    assert_eq!(lines[5], "my-header2:\"a b c\"");
}

#[test]
fn unsigned_headers_stay_out_of_the_signature() {
    let mut request = get("https://example.amazonaws.com/");
    for name in canonical::UNSIGNED_HEADERS {
        request
            .headers_mut()
            .insert(*name, HeaderValue::from_static("x"));
    }
    let lines = signed_canonical(&mut request, SigningSettings::default());
    assert_eq!(lines[6], "host;x-amz-date");
    // The stale Authorization was replaced, and the others are still there.
    assert!(header(&request, "authorization").starts_with("AWS4-HMAC-SHA256 "));
    assert_eq!(header(&request, "user-agent"), "x");
}

#[test]
fn empty_path_and_root_path() {
    let lines = signed_canonical(
        &mut get("https://example.amazonaws.com"),
        SigningSettings::default(),
    );
    assert_eq!(lines[1], "/");
    let settings = SigningSettings::s3();
    let lines = signed_canonical(&mut get("https://example.amazonaws.com"), settings);
    assert_eq!(lines[1], "/");
}

#[test]
fn path_normalization_on_and_off() {
    let uri = "https://example.amazonaws.com//a/./b/../c//d/";
    let on = signed_canonical(&mut get(uri), SigningSettings::default());
    assert_eq!(on[1], "/a/c/d/");
    let off = signed_canonical(
        &mut get(uri),
        SigningSettings::default().normalize_path(false),
    );
    assert_eq!(off[1], "//a/./b/../c//d/");
}

#[test]
fn double_encoding_on_and_off() {
    let uri = "https://example.amazonaws.com/my%20key/%E1%88%B4/$x";
    let double = signed_canonical(&mut get(uri), SigningSettings::default());
    assert_eq!(double[1], "/my%2520key/%25E1%2588%25B4/%24x");
    let single = signed_canonical(
        &mut get(uri),
        SigningSettings::default().double_uri_encode(false),
    );
    assert_eq!(single[1], "/my%20key/%E1%88%B4/%24x");
}

#[test]
fn query_is_sorted_and_encoded() {
    let uri = "https://example.amazonaws.com/?b=2&a=%7e&a=1&flag&c=x%2By";
    let lines = signed_canonical(&mut get(uri), SigningSettings::default());
    assert_eq!(lines[2], "a=1&a=~&b=2&c=x%2By&flag=");
}

#[test]
fn unsigned_payload_and_content_sha256_header() {
    let body = b"hello".to_vec();
    let hello = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    let mut request = Request::put("https://bucket.s3.amazonaws.com/k")
        .body(body.clone())
        .unwrap();
    let lines = signed_canonical(&mut request, SigningSettings::default());
    assert_eq!(lines.last().unwrap(), hello);
    assert!(!request.headers().contains_key("x-amz-content-sha256"));

    let mut request = Request::put("https://bucket.s3.amazonaws.com/k")
        .body(body.clone())
        .unwrap();
    let lines = signed_canonical(&mut request, SigningSettings::s3());
    assert_eq!(header(&request, "x-amz-content-sha256"), hello);
    assert_eq!(lines.last().unwrap(), hello);
    assert!(lines.contains(&format!("x-amz-content-sha256:{hello}")));
    assert_eq!(
        lines[lines.len() - 2],
        "host;x-amz-content-sha256;x-amz-date"
    );

    let mut request = Request::put("https://bucket.s3.amazonaws.com/k")
        .body(body.clone())
        .unwrap();
    let settings = SigningSettings::s3().payload(PayloadHash::Unsigned);
    let lines = signed_canonical(&mut request, settings);
    assert_eq!(header(&request, "x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
    assert_eq!(lines.last().unwrap(), "UNSIGNED-PAYLOAD");

    let mut request = Request::put("https://bucket.s3.amazonaws.com/k")
        .body(body)
        .unwrap();
    let trailer = "STREAMING-UNSIGNED-PAYLOAD-TRAILER";
    let settings = SigningSettings::s3().payload(PayloadHash::Precomputed(trailer.into()));
    let lines = signed_canonical(&mut request, settings);
    assert_eq!(header(&request, "x-amz-content-sha256"), trailer);
    assert_eq!(lines.last().unwrap(), trailer);
}

#[test]
fn a_bad_precomputed_payload_hash_is_an_error() {
    let creds = creds();
    for bad in ["", "has space", "new\nline", "ünïcode"] {
        let settings = SigningSettings::default().payload(PayloadHash::Precomputed(bad.into()));
        let params =
            SigningParams::new(&creds, "us-east-1", "service", time()).with_settings(settings);
        let err = sign_request(&mut get("https://example.amazonaws.com/"), &params).unwrap_err();
        assert_eq!(err.kind(), &SigningErrorKind::InvalidPayloadHash);
    }
}

#[test]
fn session_token_header_is_set_and_signed() {
    let creds = creds_with_token();
    let params = SigningParams::new(&creds, "us-east-1", "service", time());
    let mut request = get("https://example.amazonaws.com/");
    request
        .headers_mut()
        .insert("x-amz-security-token", HeaderValue::from_static("stale"));
    sign_request(&mut request, &params).unwrap();
    assert_eq!(header(&request, "x-amz-security-token"), TOKEN);
    assert_eq!(
        request
            .headers()
            .get_all("x-amz-security-token")
            .iter()
            .count(),
        1
    );
    assert!(header(&request, "authorization")
        .contains("SignedHeaders=host;x-amz-date;x-amz-security-token,"));
    // Neither the token nor the Authorization header shows in the request's Debug output.
    let shown = format!("{request:?}");
    assert!(
        !shown.contains(TOKEN) && !shown.contains("Signature="),
        "{shown}"
    );
    // An empty session token counts as none.
    let creds = Credentials::new("AKIDEXAMPLE", SECRET, Some(String::new()), None, "Test");
    let params = SigningParams::new(&creds, "us-east-1", "service", time());
    let mut request = get("https://example.amazonaws.com/");
    sign_request(&mut request, &params).unwrap();
    assert!(!request.headers().contains_key("x-amz-security-token"));
}

#[test]
fn a_session_token_that_is_no_header_value_is_an_error_without_showing_it() {
    let creds = Credentials::new("AKID", SECRET, Some("tok\nen-secret".into()), None, "Test");
    let params = SigningParams::new(&creds, "us-east-1", "service", time());
    let err = sign_request(&mut get("https://example.amazonaws.com/"), &params).unwrap_err();
    assert_eq!(err.kind(), &SigningErrorKind::InvalidSessionToken);
    let message = format!("{err} {err:?}");
    assert!(
        !message.contains("secret") && !message.contains(SECRET),
        "{message}"
    );
    // In a presigned URL it is percent-encoded like any parameter.
    let url = presign_url(
        &get("https://example.amazonaws.com/"),
        &params,
        Duration::from_secs(60),
    );
    assert!(url
        .unwrap()
        .contains("&X-Amz-Security-Token=tok%0Aen-secret&"));
}

#[test]
fn signing_again_replaces_the_previous_signature() {
    let creds = creds_with_token();
    let params = SigningParams::new(&creds, "us-east-1", "service", time());
    let mut once = get("https://example.amazonaws.com/");
    sign_request(&mut once, &params).unwrap();
    let mut twice = once.clone();
    sign_request(&mut twice, &params).unwrap();
    assert_eq!(once.headers(), twice.headers());
    let later = SigningParams::new(
        &creds,
        "us-east-1",
        "service",
        time() + Duration::from_secs(60),
    );
    sign_request(&mut twice, &later).unwrap();
    assert_eq!(header(&twice, "x-amz-date"), "20150830T123700Z");
    assert_eq!(twice.headers().len(), 3);
}

#[test]
fn bad_scope_parts_and_times_are_errors() {
    let creds = creds();
    let mut request = get("https://example.amazonaws.com/");
    let cases: [(&str, &str, SystemTime); 4] = [
        ("", "service", time()),
        ("us-east-1", "ser vice", time()),
        ("us-east-1", "service", UNIX_EPOCH - Duration::from_secs(1)),
        (
            "us-east-1",
            "service",
            UNIX_EPOCH + Duration::from_secs(400_000_000_000),
        ),
    ];
    for (region, service, time) in cases {
        let params = SigningParams::new(&creds, region, service, time);
        assert!(sign_request(&mut request, &params).is_err());
        assert!(presign_url(&request, &params, Duration::from_secs(60)).is_err());
    }
    for key in ["", "AKID/X", "AKID,X", "AK ID", "AKÏD"] {
        let creds = Credentials::new(key, SECRET, None, None, "Test");
        let params = SigningParams::new(&creds, "us-east-1", "service", time());
        let err = sign_request(&mut request, &params).unwrap_err();
        assert_eq!(err.kind(), &SigningErrorKind::InvalidAccessKeyId);
    }
    assert!(request.headers().is_empty());
}

#[test]
fn presign_expiry_limits() {
    let creds = creds();
    let params = SigningParams::new(&creds, "us-east-1", "s3", time())
        .with_settings(SigningSettings::s3().payload(PayloadHash::Unsigned));
    let request = get("https://bucket.s3.amazonaws.com/key");
    let over = MAX_PRESIGN_EXPIRY + Duration::from_secs(1);
    let err = presign_url(&request, &params, over).unwrap_err();
    assert_eq!(
        err.kind(),
        &SigningErrorKind::InvalidExpiry { seconds: 604_801 }
    );
    assert!(err.to_string().contains("7-day"), "{err}");
    let err = presign_url(&request, &params, Duration::from_millis(999)).unwrap_err();
    assert_eq!(err.kind(), &SigningErrorKind::InvalidExpiry { seconds: 0 });
    let url = presign_url(&request, &params, MAX_PRESIGN_EXPIRY).unwrap();
    assert!(url.contains("&X-Amz-Expires=604800&"), "{url}");
    let url = presign_url(&request, &params, Duration::from_millis(1500)).unwrap();
    assert!(url.contains("&X-Amz-Expires=1&"), "{url}");
}

#[test]
fn presigned_url_layout() {
    let creds = creds_with_token();
    let params = SigningParams::new(&creds, "us-east-1", "s3", time())
        .with_settings(SigningSettings::s3().payload(PayloadHash::Unsigned));
    let request = get("https://bucket.s3.amazonaws.com:8443/a%20b?versionId=3&x");
    let url = presign_url(&request, &params, Duration::from_secs(3600)).unwrap();
    let (base, query) = url.split_once('?').unwrap();
    assert_eq!(base, "https://bucket.s3.amazonaws.com:8443/a%20b");
    let names: Vec<&str> = query
        .split('&')
        .map(|p| p.split('=').next().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "versionId",
            "x",
            "X-Amz-Algorithm",
            "X-Amz-Credential",
            "X-Amz-Date",
            "X-Amz-Expires",
            "X-Amz-SignedHeaders",
            "X-Amz-Security-Token",
            "X-Amz-Signature"
        ]
    );
    assert!(
        query.contains("&X-Amz-Credential=AKIDEXAMPLE%2F20150830%2Fus-east-1%2Fs3%2Faws4_request&")
    );
    assert!(query.contains("&X-Amz-SignedHeaders=host&"));
    let encoded_token = "IQoJb3JpZ2luX2VjEXAMPLE%2Btoken%2Fwith%3Dchars";
    assert!(query.contains(&format!("&X-Amz-Security-Token={encoded_token}&")));
    // Presigning adds nothing to the request.
    assert!(request.headers().is_empty());
}

#[test]
fn error_messages_never_contain_secrets() {
    let creds = Credentials::new("AK ID", SECRET, Some(TOKEN.into()), None, "Test");
    let params = SigningParams::new(&creds, "us-east-1", "service", time());
    let err = sign_request(&mut get("https://example.amazonaws.com/"), &params).unwrap_err();
    let message = format!("{err} {err:?}");
    assert!(
        !message.contains(SECRET) && !message.contains(TOKEN),
        "{message}"
    );
}

/// Random paths, queries, header values, credentials and times: signing returns a result and
/// never panics.
#[test]
fn no_input_panics() {
    const PIECES: &[&str] = &[
        "/", "//", ".", "..", "%", "%2", "%zz", "%E1", "a", "~", "?", "&", "=", "+", "ሴ", " ",
        "\t", "\u{0}", ":", "@", "#",
    ];
    let mut rng = fastrand::Rng::with_seed(7);
    let pick = |n: usize, rng: &mut fastrand::Rng| -> String {
        (0..rng.usize(0..n))
            .map(|_| PIECES[rng.usize(..PIECES.len())])
            .collect()
    };
    let mut signed = 0;
    for _ in 0..2000 {
        let path = pick(8, &mut rng);
        let query = pick(8, &mut rng);
        let encoded_path: String = path
            .bytes()
            .map(|b| {
                if b.is_ascii_graphic() && b != b'?' && b != b'#' {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        let encoded_query: String = query
            .bytes()
            .map(|b| {
                if b.is_ascii_graphic() && b != b'#' {
                    char::from(b).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        let uri = format!("https://example.com/{encoded_path}?{encoded_query}");
        let Ok(mut request) = Request::get(uri.as_str()).body(pick(4, &mut rng).into_bytes())
        else {
            continue;
        };
        let value = pick(6, &mut rng);
        if let Ok(value) = HeaderValue::from_bytes(value.as_bytes()) {
            request.headers_mut().append("x-random", value);
        }
        let region = if rng.bool() {
            "us-east-1".to_owned()
        } else {
            pick(3, &mut rng)
        };
        let token = pick(3, &mut rng);
        let key_id = if rng.bool() {
            "AKID".to_owned()
        } else {
            pick(3, &mut rng)
        };
        let creds = Credentials::new(key_id, pick(3, &mut rng), Some(token), None, "T");
        let when = UNIX_EPOCH + Duration::from_secs(rng.u64(..300_000_000_000));
        let settings = SigningSettings::default()
            .double_uri_encode(rng.bool())
            .normalize_path(rng.bool())
            .content_sha256_header(rng.bool())
            .payload(match rng.u8(..3) {
                0 => PayloadHash::Signed,
                1 => PayloadHash::Unsigned,
                _ => PayloadHash::Precomputed(pick(2, &mut rng)),
            });
        let params = SigningParams::new(&creds, &region, "s", when).with_settings(settings);
        let _ = presign_url(&request, &params, Duration::from_secs(rng.u64(..700_000)));
        signed += usize::from(sign_request(&mut request, &params).is_ok());
    }
    assert!(signed > 100, "only {signed} random requests signed");
}
