//! Requests that fail, each with its kind of error.

use std::time::{Duration, Instant};

use http::Request;

use super::send;
use super::support::{builder, https_server, https_server_with, misnamed_pki, other_pki, Action};
use crate::http_client::{HttpClient, HttpClientBuilder};
use crate::transport::{block_on, Transport, TransportErrorKind};

/// A loopback port nothing listens on (it was just bound, then released).
async fn closed_port() -> u16 {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    listener.local_addr().unwrap().port()
}

fn within(start: Instant, low_ms: u64, high_ms: u64) {
    let elapsed = start.elapsed();
    assert!(
        elapsed >= Duration::from_millis(low_ms) && elapsed < Duration::from_millis(high_ms),
        "took {elapsed:?}, expected {low_ms}..{high_ms} ms"
    );
}

#[tokio::test]
async fn server_that_never_answers_hits_the_read_timeout() {
    let server = https_server(|_| Action::Hang).await;
    let client = builder()
        .read_timeout(Some(Duration::from_millis(200)))
        .build()
        .unwrap();
    let start = Instant::now();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    within(start, 200, 1500);
    assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err}");
    assert!(err.is_timeout());
    let message = err.to_string();
    assert!(message.contains("read timeout"), "{message}");
    assert!(message.contains(&format!("https://localhost:{}", server.addr.port())));
}

#[tokio::test]
async fn server_that_stops_mid_body_hits_the_read_timeout() {
    let server = https_server(|_| {
        Action::Trickle(
            b"HTTP/1.1 200 OK\r\ncontent-length: 10\r\n\r\nabc".to_vec(),
            vec![],
            Duration::ZERO,
        )
    })
    .await;
    let client = builder()
        .read_timeout(Some(Duration::from_millis(200)))
        .build()
        .unwrap();
    let start = Instant::now();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    within(start, 200, 1500);
    assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err}");
    assert!(err.to_string().contains("3 of 10 bytes"), "{err}");
}

#[tokio::test]
async fn server_that_stops_reading_the_upload_hits_the_read_timeout() {
    // The server completes the TLS handshake, then reads nothing: 32 MiB fill every buffer.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let acceptor = super::support::pki().acceptor.clone();
    tokio::spawn(async move {
        let (tcp, _) = listener.accept().await.unwrap();
        let _tls = acceptor.accept(tcp).await.unwrap();
        std::future::pending::<()>().await;
    });
    let client = builder()
        .read_timeout(Some(Duration::from_millis(200)))
        .build()
        .unwrap();
    let start = Instant::now();
    let url = format!("https://localhost:{port}/upload");
    let err = send(&client, "PUT", &url, &vec![7; 32 << 20])
        .await
        .unwrap_err();
    within(start, 200, 3000);
    assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err}");
}

#[tokio::test]
async fn slow_trickle_hits_the_overall_timeout() {
    let server = https_server(|_| {
        Action::Trickle(
            b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n".to_vec(),
            vec![b"x".to_vec(); 100],
            Duration::from_millis(50),
        )
    })
    .await;
    let client = builder()
        .read_timeout(Some(Duration::from_millis(200)))
        .timeout(Some(Duration::from_millis(400)))
        .build()
        .unwrap();
    let start = Instant::now();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    within(start, 400, 2000);
    assert_eq!(err.kind(), TransportErrorKind::Timeout);
    assert!(
        err.to_string().contains("did not complete within 400ms"),
        "{err}"
    );
}

#[tokio::test]
async fn closed_port_is_a_connect_error() {
    let client = builder().build().unwrap();
    let url = format!("https://127.0.0.1:{}/", closed_port().await);
    let err = send(&client, "GET", &url, b"").await.unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    assert!(err.is_connect() && !err.is_timeout());
    assert!(err.to_string().contains("refused"), "{err}");
}

#[tokio::test]
async fn tls_handshake_that_never_completes_hits_the_connect_timeout() {
    // Accepts TCP, never speaks TLS.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        let _tcp = listener.accept().await.unwrap();
        std::future::pending::<()>().await;
    });
    let client = builder()
        .connect_timeout(Some(Duration::from_millis(200)))
        .build()
        .unwrap();
    let start = Instant::now();
    let url = format!("https://localhost:{port}/");
    let err = send(&client, "GET", &url, b"").await.unwrap_err();
    within(start, 200, 1500);
    assert_eq!(err.kind(), TransportErrorKind::Timeout, "{err}");
    assert!(err.to_string().contains("connect timeout"), "{err}");
}

#[tokio::test]
async fn body_cut_off_mid_way_is_an_incomplete_body_error() {
    let server = https_server(|_| {
        let mut bytes = b"HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n".to_vec();
        bytes.extend_from_slice(&[b'x'; 10]);
        Action::ReplyAndClose(bytes)
    })
    .await;
    let client = builder().build().unwrap();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::IncompleteBody, "{err}");
    assert!(
        err.to_string().contains("cut off after 10 of 100 bytes"),
        "{err}"
    );
}

#[tokio::test]
async fn connection_closed_before_the_head_is_an_io_error() {
    let server = https_server(|_| Action::ReplyAndClose(Vec::new())).await;
    let client = builder().build().unwrap();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Io, "{err}");
}

#[tokio::test]
async fn malformed_response_is_an_invalid_response_error() {
    let server = https_server(|_| Action::ReplyAndClose(b"SMTP ready\r\n\r\n".to_vec())).await;
    let client = builder().build().unwrap();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::InvalidResponse, "{err}");
}

#[tokio::test]
async fn huge_content_length_fails_at_once() {
    // The body never comes: only the announced length can end this quickly.
    let server = https_server(|_| {
        Action::Trickle(
            b"HTTP/1.1 200 OK\r\ncontent-length: 5000000000\r\n\r\n".to_vec(),
            vec![],
            Duration::ZERO,
        )
    })
    .await;
    let client = builder().build().unwrap();
    let start = Instant::now();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    within(start, 0, 1000);
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge, "{err}");
    assert!(err.to_string().contains("5000000000"), "{err}");
}

#[tokio::test]
async fn body_past_the_cap_without_a_length_fails() {
    let server = https_server(|_| {
        let chunk = format!("258\r\n{}\r\n", "y".repeat(600)).into_bytes();
        Action::Trickle(
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n".to_vec(),
            vec![chunk.clone(), chunk, b"0\r\n\r\n".to_vec()],
            Duration::from_millis(10),
        )
    })
    .await;
    let client = builder().max_response_body_size(1000).build().unwrap();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::BodyTooLarge, "{err}");
    // At the cap exactly is fine.
    let client = builder().max_response_body_size(1200).build().unwrap();
    let ok = send(&client, "GET", &server.url("/"), b"").await.unwrap();
    assert_eq!(ok.body().len(), 1200);
}

#[tokio::test]
async fn untrusted_certificate_is_a_tls_error() {
    let server = https_server_with(other_pki(), super::support::echo).await;
    let client = builder().build().unwrap();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Tls, "{err}");
    assert!(err.to_string().contains("certificate"), "{err}");
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn certificate_for_another_name_is_a_tls_error() {
    let pki = misnamed_pki();
    let server = https_server_with(pki, super::support::echo).await;
    let client = builder()
        .add_root_certificate_der(pki.ca_der.to_vec())
        .build()
        .unwrap();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Tls, "{err}");
    assert!(err.to_string().contains("not valid for name"), "{err}");
}

#[tokio::test]
async fn errors_hold_no_path_query_or_header_values() {
    let port = closed_port().await;
    let secret_uri =
        format!("https://127.0.0.1:{port}/secret-key?X-Amz-Security-Token=SECRETTOKEN");
    let request = Request::get(&secret_uri)
        .header("authorization", "AWS4-HMAC-SHA256 Credential=SECRETAUTH")
        .header("x-amz-security-token", "SECRETTOKEN")
        .body(Vec::new())
        .unwrap();
    let client = builder().build().unwrap();
    let err = client.send(request).await.unwrap_err();
    let shown = format!("{err} {err:?}");
    for secret in ["SECRET", "secret-key"] {
        assert!(!shown.contains(secret), "{shown}");
    }

    let server = https_server(|_| Action::Hang).await;
    let client = builder()
        .read_timeout(Some(Duration::from_millis(100)))
        .build()
        .unwrap();
    let request = Request::get(server.url("/secret-key?X-Amz-Signature=SECRETSIG"))
        .header("authorization", "SECRETAUTH")
        .body(Vec::new())
        .unwrap();
    let err = client.send(request).await.unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(
        !shown.contains("SECRET") && !shown.contains("secret-key"),
        "{shown}"
    );
}

#[tokio::test]
async fn relative_uri_is_refused() {
    let client = builder().build().unwrap();
    let err = send(&client, "GET", "/relative?X-Amz-Signature=SECRET", b"")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Other);
    assert!(err.to_string().contains("absolute"), "{err}");
    assert!(!err.to_string().contains("SECRET"));
}

#[test]
fn outside_a_tokio_runtime_is_an_error_not_a_panic() {
    let client = builder().build().unwrap();
    let request = Request::get("https://localhost:1/")
        .body(Vec::new())
        .unwrap();
    let err = block_on(client.send(request)).unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Other);
    assert!(err.to_string().contains("tokio runtime"), "{err}");
}

#[test]
fn bad_root_certificates_fail_the_build() {
    let err = HttpClient::builder()
        .add_root_certificates_pem("not a certificate")
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("no CERTIFICATE block"), "{err}");
    let err = HttpClient::builder()
        .add_root_certificate_der(vec![0x30, 0x03, 1, 2, 3])
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("not usable"), "{err}");
    let err = HttpClientBuilder::new()
        .system_roots(false)
        .build()
        .unwrap_err();
    assert!(err.to_string().contains("no root certificate"), "{err}");
}
