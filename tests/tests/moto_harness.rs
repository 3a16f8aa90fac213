//! The moto harness itself (`support/moto.rs`): moto starts on loopback, its signature
//! checking is on once the bootstrap is done, and the bootstrapped key is one it accepts.
//!
//! Requests here are raw HTTP/1.1 over a `TcpStream`, so nothing depends on the client code
//! under test; the one correctly signed request is made by boto3 from moto's venv. Skipped,
//! loudly, when moto is not installed (`scripts/moto install`; `SMITHY_REQUIRE_MOTO=1` fails
//! instead).

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use support::moto::Moto;

/// A response as read off the wire.
#[derive(Debug)]
struct RawResponse {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl RawResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// POSTs `body` to `/` of moto with `headers`, `Connection: close`, and reads the whole answer.
fn post(moto: &Moto, headers: &[(&str, String)], body: &str) -> RawResponse {
    let mut stream = TcpStream::connect(("127.0.0.1", moto.port())).expect("moto accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .expect("a read timeout");
    let mut request = format!(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Length: {}\r\nConnection: close\r\n",
        moto.port(),
        body.len()
    );
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream
        .write_all(request.as_bytes())
        .expect("the request is sent");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("the response is read");
    let raw = String::from_utf8_lossy(&raw);
    let (head, body) = raw.split_once("\r\n\r\n").expect("a response head");
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split(' ').nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or_else(|| panic!("not an HTTP response: {raw}"));
    let headers = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    RawResponse {
        status,
        headers,
        body: body.to_owned(),
    }
}

/// The awsJson headers of `target` (`DynamoDB_20120810.ListTables`) with `content_type`.
fn json_rpc(target: &str, content_type: &str) -> Vec<(&'static str, String)> {
    vec![
        ("X-Amz-Target", target.to_owned()),
        ("Content-Type", content_type.to_owned()),
    ]
}

/// An `Authorization` header in SigV4's form whose signature is wrong (all zeros), with the
/// `X-Amz-Date` it names; moto recomputes the signature with the secret of `access_key_id`.
fn bad_signature(access_key_id: &str, service: &str) -> Vec<(&'static str, String)> {
    let date = "20260101T000000Z";
    vec![
        ("X-Amz-Date", date.to_owned()),
        (
            "Authorization",
            format!(
                "AWS4-HMAC-SHA256 Credential={access_key_id}/{}/us-east-1/{service}/aws4_request, \
                 SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={}",
                &date[..8],
                "0".repeat(64)
            ),
        ),
    ]
}

const DYNAMODB: (&str, &str, &str) = (
    "DynamoDB_20120810.ListTables",
    "application/x-amz-json-1.0",
    "dynamodb",
);
const LOGS: (&str, &str, &str) = (
    "Logs_20140328.DescribeLogGroups",
    "application/x-amz-json-1.1",
    "logs",
);

#[test]
fn unsigned_and_badly_signed_requests_are_rejected() {
    let Some(moto) = Moto::start_or_skip() else {
        return;
    };

    // Unsigned: moto 5.2.5 fails on the missing `Authorization` header (a KeyError, 500 with
    // an HTML page) rather than answering 403; before the bootstrap's calls ran out the same
    // request would have been served (200).
    let (target, content_type, _) = DYNAMODB;
    let unsigned = post(&moto, &json_rpc(target, content_type), "{}");
    assert!(
        (400..600).contains(&unsigned.status) && !unsigned.body.contains("TableNames"),
        "an unsigned ListTables was not rejected: {unsigned:?}"
    );

    let key = moto.credentials();
    for (target, content_type, service) in [DYNAMODB, LOGS] {
        // A known access key with a wrong signature: moto checked the signature.
        let mut headers = json_rpc(target, content_type);
        headers.extend(bad_signature(key.access_key_id(), service));
        let response = post(&moto, &headers, "{}");
        assert_eq!(response.status, 403, "{target}: {response:?}");
        assert!(
            response.body.contains("<Code>SignatureDoesNotMatch</Code>"),
            "{target}: {response:?}"
        );
        // moto answers auth failures of JSON services in awsQuery's XML, labelled text/html.
        assert_eq!(
            response.header("Content-Type"),
            Some("text/html; charset=utf-8"),
            "{target}: {response:?}"
        );

        // An access key moto does not know.
        let mut headers = json_rpc(target, content_type);
        headers.extend(bad_signature("AKIAIOSFODNN7EXAMPLE", service));
        let response = post(&moto, &headers, "{}");
        assert_eq!(response.status, 403, "{target}: {response:?}");
        assert!(
            response.body.contains("<Code>InvalidClientTokenId</Code>"),
            "{target}: {response:?}"
        );
    }
}

/// boto3 signs with the harness's key; moto must accept it, for both JSON protocols.
const BOTO3_CHECK: &str = r#"
import os, boto3
from botocore.config import Config
def client(service):
    return boto3.client(service, endpoint_url=os.environ["MOTO_ENDPOINT"], region_name="us-east-1",
                        config=Config(retries={"total_max_attempts": 1}))
print("TableNames" in client("dynamodb").list_tables())
print("logGroups" in client("logs").describe_log_groups())
"#;

#[test]
fn the_bootstrapped_key_signs_requests_moto_accepts() {
    let Some(moto) = Moto::start_or_skip() else {
        return;
    };
    let key = moto.credentials();
    let output = Command::new(moto.python())
        .args(["-c", BOTO3_CHECK])
        .env("MOTO_ENDPOINT", moto.endpoint())
        .env("AWS_ACCESS_KEY_ID", key.access_key_id())
        .env("AWS_SECRET_ACCESS_KEY", key.secret_access_key())
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_CONFIG_FILE", "/dev/null")
        .env("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
        .env_remove("AWS_SESSION_TOKEN")
        .env_remove("AWS_PROFILE")
        .output()
        .expect("moto's python runs");
    assert!(
        output.status.success(),
        "signed calls failed:\n{}\nmoto's log:\n{}",
        String::from_utf8_lossy(&output.stderr),
        moto.log_tail()
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout), "True\nTrue\n");
}
