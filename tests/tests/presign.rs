//! Presigned URLs as a client feature: the generated S3 client (S3's real endpoint rules)
//! presigns `GetObject` exactly as botocore's `s3.generate_presigned_url('get_object')` did for
//! the same bucket, key, credentials and time (`runtime/tests/data/sigv4/presign_fixtures.json`,
//! made by botocore 1.44.8; see the README beside it).

use std::time::{Duration, SystemTime};

use serde_json::Value;
use smithy_codegen_tests::s3_presign::{client::Client, operations, types};
use smithy_runtime::credentials::Credentials;
use smithy_runtime::{ClientConfig, Clock, InMemoryTransport, InvokeError, SigningFailure};

fn fixtures() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../runtime/tests/data/sigv4/presign_fixtures.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn fixture(name: &str) -> Value {
    let all = fixtures();
    all["presigned_urls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no fixture {name}"))
        .clone()
}

/// A client with the fixtures' credentials and clock.
fn client(region: &str, session_token: bool) -> Client<InMemoryTransport> {
    let all = fixtures();
    let c = &all["credentials"];
    let token = session_token.then(|| c["session_token"].as_str().unwrap().to_owned());
    let credentials = Credentials::new(
        c["access_key_id"].as_str().unwrap(),
        c["secret_access_key"].as_str().unwrap(),
        token,
        None,
        "Fixture",
    );
    let time =
        SystemTime::UNIX_EPOCH + Duration::from_secs(all["time_epoch_seconds"].as_u64().unwrap());
    let config = ClientConfig::new()
        .with_region(region)
        .with_credentials(credentials)
        .with_clock(Clock::fixed(time));
    Client::new(InMemoryTransport::new(), config)
}

const KEY: &str = "photos/2024/summer trip/ünïcödé ሴ/a+b=c&d ~!*'().jpg";

#[tokio::test]
async fn get_object_virtual_hosted_matches_botocore() {
    let case = fixture("client-s3-get-object-virtual");
    let client = client("us-west-2", true);
    let input = types::GetObjectRequest::new("examplebucket".to_owned(), KEY.to_owned());
    let presigned = client
        .presign::<operations::GetObject>(&input, Duration::from_secs(3600))
        .await
        .unwrap();
    assert_eq!(presigned.method(), "GET");
    assert_eq!(presigned.url(), case["presigned_url"].as_str().unwrap());
    assert!(
        client.transport().requests().is_empty(),
        "presigning sends nothing"
    );
}

#[tokio::test]
async fn get_object_path_style_matches_botocore() {
    let case = fixture("client-s3-get-object-path");
    let client = client("us-west-2", false);
    let config = client
        .config()
        .clone()
        .with_client_param("ForcePathStyle", true);
    let client = Client::new(InMemoryTransport::new(), config);
    let input = types::GetObjectRequest::new("examplebucket".to_owned(), KEY.to_owned());
    let presigned = client
        .presign::<operations::GetObject>(&input, Duration::from_secs(300))
        .await
        .unwrap();
    assert_eq!(presigned.url(), case["presigned_url"].as_str().unwrap());
}

#[tokio::test]
async fn put_object_keeps_its_signed_headers_and_limits_hold() {
    let client = client("eu-west-1", false);
    let mut input = types::PutObjectRequest::new("examplebucket".to_owned(), "a.pdf".to_owned());
    input.content_type = Some("application/pdf".to_owned());
    let presigned = client
        .presign::<operations::PutObject>(&input, Duration::from_secs(900))
        .await
        .unwrap();
    assert_eq!(presigned.method(), "PUT");
    assert!(presigned
        .url()
        .starts_with("https://examplebucket.s3.eu-west-1.amazonaws.com/a.pdf?X-Amz-Algorithm="));
    assert!(
        presigned
            .url()
            .contains("X-Amz-SignedHeaders=content-type%3Bhost&"),
        "{}",
        presigned.url()
    );
    assert_eq!(presigned.headers()["content-type"], "application/pdf");
    // Longer than SigV4 allows: a signing error, nothing made.
    let error = client
        .presign::<operations::PutObject>(&input, Duration::from_secs(8 * 24 * 3600))
        .await
        .unwrap_err();
    assert!(
        matches!(error, InvokeError::Signing(SigningFailure::SigV4(_))),
        "{error:?}"
    );
}
