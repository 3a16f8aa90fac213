//! The generated GameLift client over the default transport against a loopback server this
//! test runs: configuration from an environment (`from_env_in`), signing, the SDK headers,
//! retries over real connections, a decode failure as its own error, timeouts. Traffic goes to
//! 127.0.0.1 only: the endpoint is the local server and EC2 metadata is disabled.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use gamelift::client::Client;
use gamelift::types::ListFleetsInput;
use smithy_runtime::config::Env;
use smithy_runtime::http_client::HttpClient;
use smithy_runtime::{ClientConfig, InvokeError, TransportErrorKind};

/// What the server does with one connection.
enum Answer {
    /// Writes these bytes and closes.
    Raw(&'static str),
    /// Reads the request and never answers.
    Stall,
}

/// A loopback HTTP/1.1 server answering each connection from a script; it records the
/// requests' heads (lower-cased header names) and bodies.
struct Server {
    port: u16,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(script: Vec<Answer>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        thread::spawn(move || {
            for answer in script {
                let Ok((mut stream, _)) = listener.accept() else {
                    return;
                };
                seen.lock().unwrap().push(read_request(&mut stream));
                match answer {
                    Answer::Raw(bytes) => {
                        let _ = stream.write_all(bytes.as_bytes());
                    }
                    Answer::Stall => thread::sleep(Duration::from_secs(5)),
                }
            }
        });
        Server { port, requests }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

/// Reads one request: the head, then `content-length` bytes of body.
fn read_request(stream: &mut TcpStream) -> String {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        let n = stream.read(&mut buf).unwrap_or(0);
        if n == 0 {
            break;
        }
        data.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&data).to_string();
        if let Some(end) = text.find("\r\n\r\n") {
            let length = text[..end]
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().to_owned())
                })
                .and_then(|v| v.parse::<usize>().ok())
                .unwrap_or(0);
            if data.len() >= end + 4 + length {
                break;
            }
        }
    }
    String::from_utf8_lossy(&data).to_string()
}

const OK: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/x-amz-json-1.1\r\nx-amzn-requestid: req-ok\r\ncontent-length: 24\r\nconnection: close\r\n\r\n{\"FleetIds\":[\"fleet-1\"]}";
const UNAVAILABLE: &str =
    "HTTP/1.1 503 Service Unavailable\r\ncontent-length: 0\r\nconnection: close\r\n\r\n";
const THROTTLED: &str = "HTTP/1.1 400 Bad Request\r\ncontent-type: application/x-amz-json-1.1\r\ncontent-length: 48\r\nconnection: close\r\n\r\n{\"__type\":\"ThrottlingException\",\"message\":\"no\"}";
const NOT_OUTPUT: &str = "HTTP/1.1 200 OK\r\nx-amzn-requestid: req-bad\r\ncontent-length: 14\r\nconnection: close\r\n\r\n{\"FleetIds\":5}";
const CUT_OFF: &str =
    "HTTP/1.1 200 OK\r\ncontent-length: 100\r\nconnection: close\r\n\r\n{\"FleetIds\":[";

fn env(port: u16) -> Env {
    Env::from_map([
        ("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE".to_owned()),
        (
            "AWS_SECRET_ACCESS_KEY",
            "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".to_owned(),
        ),
        ("AWS_REGION", "us-west-2".to_owned()),
        ("AWS_ENDPOINT_URL", format!("http://127.0.0.1:{port}")),
        ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
        ("HOME", "/nonexistent-home-for-tests".to_owned()),
    ])
}

/// A client from `env`, waiting at most 10 ms between attempts so the tests stay fast.
fn client(port: u16) -> Client {
    let env = env(port);
    let config = ClientConfig::new()
        .with_retry_config(
            smithy_runtime::retry::RetryConfig::standard()
                .with_initial_backoff(Duration::from_millis(10)),
        )
        .load("GameLift", &env)
        .unwrap();
    Client::new(smithy_runtime::default_transport(&env), config)
}

fn header<'a>(request: &'a str, name: &str) -> Option<&'a str> {
    request.lines().find_map(|line| {
        let (n, v) = line.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| v.trim())
    })
}

#[tokio::test]
async fn from_env_signs_and_sends_to_the_configured_endpoint() {
    let server = Server::start(vec![Answer::Raw(OK)]);
    let client = Client::from_env_in(&env(server.port)).unwrap();
    let page = client.list_fleets(ListFleetsInput::new()).await.unwrap();
    assert_eq!(page.fleet_ids, Some(vec!["fleet-1".to_owned()]));
    let requests = server.requests();
    let request = &requests[0];
    assert!(request.starts_with("POST / HTTP/1.1\r\n"), "{request}");
    assert_eq!(header(request, "x-amz-target"), Some("GameLift.ListFleets"));
    assert_eq!(
        header(request, "host"),
        Some(format!("127.0.0.1:{}", server.port).as_str())
    );
    let authorization = header(request, "authorization").unwrap();
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
            && authorization.contains("/us-west-2/gamelift/aws4_request, SignedHeaders=")
            && authorization.contains("host;"),
        "{authorization}"
    );
    assert!(header(request, "x-amz-date").is_some());
    assert_eq!(header(request, "amz-sdk-request"), Some("attempt=1; max=3"));
    assert!(header(request, "user-agent")
        .unwrap()
        .contains("api/gamelift"));
}

#[tokio::test]
async fn transient_failures_are_retried_over_new_connections() {
    let server = Server::start(vec![
        Answer::Raw(UNAVAILABLE),
        Answer::Raw(THROTTLED),
        Answer::Raw(OK),
    ]);
    let page = client(server.port)
        .list_fleets(ListFleetsInput::new())
        .await
        .unwrap();
    assert_eq!(page.fleet_ids, Some(vec!["fleet-1".to_owned()]));
    let requests = server.requests();
    let attempts: Vec<_> = requests
        .iter()
        .map(|r| header(r, "amz-sdk-request").unwrap().to_owned())
        .collect();
    assert_eq!(
        attempts,
        ["attempt=1; max=3", "attempt=2; max=3", "attempt=3; max=3"]
    );
    let ids: Vec<_> = requests
        .iter()
        .map(|r| header(r, "amz-sdk-invocation-id").unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] == w[1]), "{ids:?}");
}

#[tokio::test]
async fn a_body_cut_off_every_time_ends_as_a_transport_error() {
    let server = Server::start(vec![
        Answer::Raw(CUT_OFF),
        Answer::Raw(CUT_OFF),
        Answer::Raw(CUT_OFF),
    ]);
    let error = client(server.port)
        .list_fleets(ListFleetsInput::new())
        .await
        .unwrap_err();
    let InvokeError::Transport(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.kind(), TransportErrorKind::IncompleteBody);
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_success_that_is_not_the_output_is_a_decode_error_with_the_body() {
    let server = Server::start(vec![Answer::Raw(NOT_OUTPUT)]);
    let error = client(server.port)
        .list_fleets(ListFleetsInput::new())
        .await
        .unwrap_err();
    let InvokeError::Decode(error) = error else {
        panic!("{error:?}")
    };
    assert_eq!(error.status(), 200);
    assert_eq!(error.body(), br#"{"FleetIds":5}"#);
    assert_eq!(error.request_id(), Some("req-bad"));
    assert!(
        error.decode_error().to_string().contains("FleetIds"),
        "{error}"
    );
}

#[tokio::test]
async fn a_server_that_stops_answering_times_out() {
    let server = Server::start(vec![Answer::Stall, Answer::Stall, Answer::Stall]);
    let env = env(server.port);
    let config = ClientConfig::new()
        .with_retry_config(smithy_runtime::retry::RetryConfig::disabled())
        .load("GameLift", &env)
        .unwrap();
    let transport = HttpClient::builder()
        .read_timeout(Some(Duration::from_millis(200)))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = Client::new(transport, config)
        .list_fleets(ListFleetsInput::new())
        .await
        .unwrap_err();
    let InvokeError::Transport(error) = error else {
        panic!("{error:?}")
    };
    assert!(error.is_timeout(), "{error}");
    assert!(started.elapsed() < Duration::from_secs(3));
}
