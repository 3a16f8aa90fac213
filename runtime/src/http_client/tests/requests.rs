//! Requests that succeed: round trips, connection reuse, redirects left alone.

use std::time::Duration;

use http::Request;

use super::support::{builder, echo, http_server, https_server, pki, response, Action};
use super::{header, send};
use crate::http_client::HttpClient;
use crate::transport::Transport;

#[tokio::test]
async fn https_get_and_post_round_trip_headers_and_body() {
    let server = https_server(echo).await;
    let client = builder().build().unwrap();

    let request = Request::get(server.url("/items?prefix=a%2Fb&max=2"))
        .header("x-test", "get header")
        .body(Vec::new())
        .unwrap();
    let response = client.send(request).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "x-method"), "GET");
    assert_eq!(header(&response, "x-target"), "/items?prefix=a%2Fb&max=2");
    assert_eq!(header(&response, "x-test-echo"), "get header");
    assert!(response.body().is_empty());

    let body: Vec<u8> = (0..100_000u32).map(|i| (i % 251) as u8).collect();
    let request = Request::post(server.url("/upload"))
        .header("x-test", "post header")
        .header("content-type", "application/octet-stream")
        .body(body.clone())
        .unwrap();
    let response = client.send(request).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "x-method"), "POST");
    assert_eq!(header(&response, "x-test-echo"), "post header");
    assert_eq!(response.body(), &body);

    let received = server.requests();
    assert_eq!(
        received[1].header("host"),
        Some(&*format!("localhost:{}", server.addr.port()))
    );
    assert_eq!(received[1].header("content-length"), Some("100000"));
    assert_eq!(
        received[1].header("content-type"),
        Some("application/octet-stream")
    );
}

#[tokio::test]
async fn plain_http_round_trip() {
    let server = http_server(echo).await;
    let client = builder().build().unwrap();
    let response = send(&client, "PUT", &server.http_url("/k"), b"value")
        .await
        .unwrap();
    assert_eq!(header(&response, "x-method"), "PUT");
    assert_eq!(response.body(), b"value");
}

#[tokio::test]
async fn sequential_requests_reuse_one_connection() {
    let server = https_server(echo).await;
    // A read timeout shorter than the pause: it must not close the idle pooled connection.
    let client = builder()
        .read_timeout(Some(Duration::from_millis(100)))
        .build()
        .unwrap();
    send(&client, "GET", &server.url("/1"), b"").await.unwrap();
    tokio::time::sleep(Duration::from_millis(250)).await;
    // A clone shares the pool.
    send(&client.clone(), "POST", &server.url("/2"), b"x")
        .await
        .unwrap();
    assert_eq!(server.requests().len(), 2);
    assert_eq!(server.accepted(), 1);
}

#[tokio::test]
async fn pool_max_idle_zero_turns_reuse_off() {
    let server = https_server(echo).await;
    let client = builder().pool_max_idle_per_host(0).build().unwrap();
    send(&client, "GET", &server.url("/1"), b"").await.unwrap();
    send(&client, "GET", &server.url("/2"), b"").await.unwrap();
    assert_eq!(server.accepted(), 2);
}

#[tokio::test]
async fn redirects_come_back_as_responses() {
    let server = https_server(|_| {
        Action::Reply(response(
            302,
            &[("location", "https://elsewhere.invalid/")],
            b"",
        ))
    })
    .await;
    let client = builder().build().unwrap();
    let response = send(&client, "GET", &server.url("/old"), b"")
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    assert_eq!(header(&response, "location"), "https://elsewhere.invalid/");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn head_response_length_is_not_a_body() {
    // S3's HeadObject announces the object's size; nothing follows.
    let server = https_server(|_| {
        Action::Reply(b"HTTP/1.1 200 OK\r\ncontent-length: 5000000000\r\n\r\n".to_vec())
    })
    .await;
    let client = builder().build().unwrap();
    let response = send(&client, "HEAD", &server.url("/big-object"), b"")
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-length"), "5000000000");
    assert!(response.body().is_empty());
}

#[tokio::test]
async fn chunked_body_is_read_whole() {
    let server = https_server(|_| {
        Action::Trickle(
            b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n5\r\nhello\r\n".to_vec(),
            vec![b"6\r\n world\r\n0\r\n\r\n".to_vec()],
            Duration::from_millis(20),
        )
    })
    .await;
    let client = builder().build().unwrap();
    let response = send(&client, "GET", &server.url("/"), b"").await.unwrap();
    assert_eq!(response.body(), b"hello world");
}

#[tokio::test]
async fn read_timeout_is_reset_by_each_byte() {
    // 8 bytes 60 ms apart: 480 ms in all, never 150 ms without a byte.
    let server = https_server(|_| {
        Action::Trickle(
            b"HTTP/1.1 200 OK\r\ncontent-length: 8\r\n\r\n".to_vec(),
            (0..8).map(|i| vec![b'a' + i]).collect(),
            Duration::from_millis(60),
        )
    })
    .await;
    let client = builder()
        .read_timeout(Some(Duration::from_millis(150)))
        .build()
        .unwrap();
    let response = send(&client, "GET", &server.url("/"), b"").await.unwrap();
    assert_eq!(response.body(), b"abcdefgh");
}

#[tokio::test]
async fn pem_roots_and_system_roots_together() {
    let server = https_server(echo).await;
    let client = HttpClient::builder()
        .no_proxy()
        .add_root_certificates_pem(pki().ca_pem.clone())
        .build()
        .unwrap();
    let response = send(&client, "GET", &server.url("/"), b"").await.unwrap();
    assert_eq!(response.status(), 200);
}

#[tokio::test]
async fn ip_address_hosts_are_verified_too() {
    let server = https_server(echo).await;
    let client = builder().build().unwrap();
    let url = format!("https://127.0.0.1:{}/", server.addr.port());
    assert_eq!(send(&client, "GET", &url, b"").await.unwrap().status(), 200);
}

#[test]
fn client_is_send_sync_clone_and_debug_hides_nothing_secret() {
    fn assert_traits<T: Send + Sync + Clone + std::fmt::Debug + 'static>() {}
    assert_traits::<HttpClient>();
    let env = crate::config::Env::from_map([
        ("HTTPS_PROXY", "http://user:s3cret@proxy:3128"),
        ("AWS_SECRET_ACCESS_KEY", "s3cret"),
    ]);
    let builder = HttpClient::builder().proxy_from_env(&env);
    assert!(!format!("{builder:?}").contains("s3cret"));
    let client = builder.build().unwrap();
    assert!(!format!("{client:?}").contains("s3cret"));
}

/// Some servers (S3 among them) answer 411 to a `PUT` without a length; hyper sends none for
/// an empty body, so the client adds `Content-Length: 0` where the method expects content.
#[tokio::test]
async fn empty_bodies_and_their_length() {
    let server = https_server(echo).await;
    let client = builder().build().unwrap();
    for method in ["GET", "HEAD", "DELETE", "POST", "PUT", "PATCH"] {
        send(&client, method, &server.url("/"), b"").await.unwrap();
    }
    let lengths: Vec<_> = server
        .requests()
        .iter()
        .map(|r| {
            (
                r.method.clone(),
                r.header("content-length").map(str::to_owned),
            )
        })
        .collect();
    let zero = || Some("0".to_owned());
    let expected = [
        ("GET", None),
        ("HEAD", None),
        ("DELETE", None),
        ("POST", zero()),
        ("PUT", zero()),
        ("PATCH", zero()),
    ]
    .map(|(m, l)| (m.to_owned(), l));
    assert_eq!(lengths, expected);
}
