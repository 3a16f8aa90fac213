//! Presigned URLs and signed headers made by botocore 1.44.8, reproduced exactly.
//!
//! `tests/data/sigv4/presign_fixtures.json` is written by `make_presign_fixtures.py` beside it
//! (see the README there): fixed credentials, a fixed time, botocore's `SigV4QueryAuth` /
//! `S3SigV4QueryAuth` on in-memory requests and two clients' `generate_presigned_url` for the
//! URLs, and `SigV4Auth` / `S3SigV4Auth` for the headers. Each case also records the canonical
//! request botocore signed, which this test compares as well, so a mismatch shows where.

use std::time::{Duration, UNIX_EPOCH};

use http::header::{HeaderName, HeaderValue};
use http::Request;
use serde_json::Value;
use smithy_runtime::credentials::Credentials;
use smithy_runtime::sigv4::{
    canonical_request, presign_url, sign_request, PayloadHash, SigningParams, SigningSettings,
};

fn fixtures() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/sigv4/presign_fixtures.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn text(value: &Value) -> &str {
    value
        .as_str()
        .unwrap_or_else(|| panic!("not a string: {value}"))
}

fn credentials(fixtures: &Value, case: &Value) -> Credentials {
    let c = &fixtures["credentials"];
    let token = case["session_token"]
        .as_bool()
        .unwrap()
        .then(|| text(&c["session_token"]).to_owned());
    Credentials::new(
        text(&c["access_key_id"]),
        text(&c["secret_access_key"]),
        token,
        None,
        "Fixture",
    )
}

fn request(case: &Value, url: &str) -> Request<Vec<u8>> {
    let r = &case["request"];
    let body = r["body"].as_str().unwrap_or("").as_bytes().to_vec();
    let mut request = Request::builder()
        .method(text(&r["method"]))
        .uri(url)
        .body(body)
        .unwrap();
    for header in r["headers"].as_array().unwrap() {
        let name = HeaderName::from_bytes(text(&header[0]).as_bytes()).unwrap();
        let value = HeaderValue::from_str(text(&header[1])).unwrap();
        request.headers_mut().append(name, value);
    }
    request
}

/// Presigned S3 URLs sign `UNSIGNED-PAYLOAD`, as botocore's `S3SigV4QueryAuth` does.
fn presign_settings(case: &Value) -> SigningSettings {
    match text(&case["settings"]) {
        "s3" => SigningSettings::s3().payload(PayloadHash::Unsigned),
        "default" => SigningSettings::default(),
        other => panic!("unknown settings {other}"),
    }
}

fn sign_settings(case: &Value) -> SigningSettings {
    let settings = match text(&case["settings"]) {
        "s3" => SigningSettings::s3(),
        "default" => SigningSettings::default(),
        other => panic!("unknown settings {other}"),
    };
    if case["unsigned_payload"].as_bool().unwrap() {
        settings.payload(PayloadHash::Unsigned)
    } else {
        settings
    }
}

#[test]
fn presigned_urls_match_botocore() {
    let fixtures = fixtures();
    assert_eq!(fixtures["botocore"], "1.44.8");
    let time = UNIX_EPOCH + Duration::from_secs(fixtures["time_epoch_seconds"].as_u64().unwrap());
    let cases = fixtures["presigned_urls"].as_array().unwrap();
    let (mut passed, mut failed) = (0, 0);
    for case in cases {
        let name = text(&case["name"]);
        let credentials = credentials(&fixtures, case);
        let settings = presign_settings(case);
        let params = SigningParams::new(
            &credentials,
            text(&case["region"]),
            text(&case["service"]),
            time,
        )
        .with_settings(settings.clone());
        let expires = Duration::from_secs(case["expires_in"].as_u64().unwrap());
        let request = request(case, text(&case["request"]["url"]));
        let expected = text(&case["presigned_url"]);
        let mut problems = Vec::new();
        match presign_url(&request, &params, expires) {
            Ok(url) if url == expected => {}
            Ok(url) => problems.push(format!("URL:\n{url}\n--- botocore:\n{expected}")),
            Err(err) => problems.push(format!("presigning failed: {err}")),
        }
        // What a service does with the URL: the canonical request of the request it names
        // (without X-Amz-Signature) is the one botocore signed.
        let (unsigned_url, _signature) = expected.rsplit_once("&X-Amz-Signature=").unwrap();
        let received = self::request(case, unsigned_url);
        let canonical = canonical_request(&received, &settings).unwrap();
        let expected_canonical = text(&case["canonical_request"]);
        if canonical != expected_canonical {
            problems.push(format!(
                "canonical request:\n{canonical}\n--- botocore:\n{expected_canonical}"
            ));
        }
        if problems.is_empty() {
            passed += 1;
        } else {
            failed += 1;
            println!(
                "FAILED {name} ({}):\n{}\n",
                text(&case["made_by"]),
                problems.join("\n")
            );
        }
    }
    // Written to the handle directly: the harness captures `println!` of passing tests.
    let line = format!("SigV4 presigned URLs vs botocore: {passed} passed, {failed} failed");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{line}\n").as_bytes());
    assert_eq!(failed, 0);
    assert_eq!(passed, cases.len());
    assert!(passed >= 10);
}

#[test]
fn signed_headers_match_botocore() {
    let fixtures = fixtures();
    let time = UNIX_EPOCH + Duration::from_secs(fixtures["time_epoch_seconds"].as_u64().unwrap());
    let cases = fixtures["signed_requests"].as_array().unwrap();
    let (mut passed, mut failed) = (0, 0);
    for case in cases {
        let name = text(&case["name"]);
        let credentials = credentials(&fixtures, case);
        let settings = sign_settings(case);
        let params = SigningParams::new(
            &credentials,
            text(&case["region"]),
            text(&case["service"]),
            time,
        )
        .with_settings(settings.clone());
        let original = request(case, text(&case["request"]["url"]));
        let mut signed = original.clone();
        let mut problems = Vec::new();
        if let Err(err) = sign_request(&mut signed, &params) {
            problems.push(format!("signing failed: {err}"));
        } else {
            let mut added: Vec<(String, String)> = signed
                .headers()
                .iter()
                .filter(|(name, _)| !original.headers().contains_key(*name))
                .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
                .collect();
            added.sort();
            let expected: Vec<(String, String)> = case["added_headers"]
                .as_array()
                .unwrap()
                .iter()
                .map(|h| (text(&h[0]).to_owned(), text(&h[1]).to_owned()))
                .collect();
            if added != expected {
                problems.push(format!(
                    "added headers:\n{added:#?}\n--- botocore:\n{expected:#?}"
                ));
            }
            let canonical = canonical_request(&signed, &settings).unwrap();
            let expected_canonical = text(&case["canonical_request"]);
            if canonical != expected_canonical {
                problems.push(format!(
                    "canonical request:\n{canonical}\n--- botocore:\n{expected_canonical}"
                ));
            }
        }
        if problems.is_empty() {
            passed += 1;
        } else {
            failed += 1;
            println!(
                "FAILED {name} ({}):\n{}\n",
                text(&case["made_by"]),
                problems.join("\n")
            );
        }
    }
    // Written to the handle directly: the harness captures `println!` of passing tests.
    let line = format!("SigV4 signed requests vs botocore: {passed} passed, {failed} failed");
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{line}\n").as_bytes());
    assert_eq!(failed, 0);
    assert_eq!(passed, cases.len());
}
