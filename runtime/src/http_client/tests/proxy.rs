//! Proxies from an injected environment: `CONNECT` tunnels for HTTPS, absolute-form requests
//! for plain HTTP, `NO_PROXY`, proxy credentials.

use super::support::{builder, echo, http_server, https_server, proxy};
use super::{header, send};
use crate::config::Env;
use crate::transport::TransportErrorKind;

#[tokio::test]
async fn https_goes_through_a_connect_tunnel() {
    let server = https_server(echo).await;
    let proxy = proxy(None).await;
    let env = Env::from_map([("HTTPS_PROXY", proxy.url())]);
    let client = builder().proxy_from_env(&env).build().unwrap();

    let response = send(&client, "POST", &server.url("/via?x=1"), b"tunnelled")
        .await
        .unwrap();
    assert_eq!(response.body(), b"tunnelled");
    assert_eq!(header(&response, "x-target"), "/via?x=1");
    // The pooled tunnel is reused.
    send(&client, "GET", &server.url("/again"), b"")
        .await
        .unwrap();
    assert_eq!(proxy.tunnels(), 1);
    let port = server.addr.port();
    assert_eq!(proxy.seen(), [(format!("CONNECT localhost:{port}"), None)]);
}

#[tokio::test]
async fn no_proxy_bypasses_the_proxy() {
    let server = https_server(echo).await;
    let proxy = proxy(None).await;
    let env = Env::from_map([
        ("https_proxy", proxy.url()),
        ("no_proxy", "example.com,localhost".to_owned()),
    ]);
    let client = builder().proxy_from_env(&env).build().unwrap();
    let response = send(&client, "GET", &server.url("/direct"), b"")
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(proxy.tunnels(), 0);
    assert!(proxy.seen().is_empty());
    assert_eq!(server.accepted(), 1);
}

#[tokio::test]
async fn proxy_credentials_go_in_the_connect() {
    // "user:pa ss", percent-encoded in the URL, base64 in the header.
    let proxy = proxy(Some("Basic dXNlcjpwYSBzcw==")).await;
    let server = https_server(echo).await;
    let url = proxy.url().replace("http://", "http://user:pa%20ss@");
    let env = Env::from_map([("HTTPS_PROXY", url)]);
    let client = builder().proxy_from_env(&env).build().unwrap();
    let response = send(&client, "GET", &server.url("/"), b"").await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(proxy.tunnels(), 1);
    // The destination never sees the proxy's credentials.
    assert_eq!(server.requests()[0].header("proxy-authorization"), None);
}

#[tokio::test]
async fn proxy_refusing_the_tunnel_is_a_connect_error() {
    let proxy = proxy(Some("Basic something-else")).await;
    let server = https_server(echo).await;
    let url = proxy.url().replace("http://", "http://user:s3cret@");
    let env = Env::from_map([("HTTPS_PROXY", url)]);
    let client = builder().proxy_from_env(&env).build().unwrap();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Connect, "{err}");
    let message = err.to_string();
    assert!(message.contains(&proxy.addr.to_string()), "{message}");
    assert!(message.contains("authorization"), "{message}");
    assert!(!format!("{message} {err:?}").contains("s3cret"));
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn plain_http_is_sent_to_the_proxy_in_absolute_form() {
    let server = http_server(echo).await;
    let proxy = proxy(Some("Basic dTpw")).await;
    let url = proxy.url().replace("http://", "http://u:p@");
    let env = Env::from_map([("HTTP_PROXY", url)]);
    let client = builder().proxy_from_env(&env).build().unwrap();
    let target = server.http_url("/plain?q=1");
    let response = send(&client, "GET", &target, b"").await.unwrap();
    // The test proxy answers itself, with the target it was asked for.
    assert_eq!(response.body(), target.as_bytes());
    let seen = proxy.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].0, format!("GET {target}"));
    assert_eq!(seen[0].1.as_deref(), Some("Basic dTpw"));
    assert_eq!(server.accepted(), 0);
}

#[tokio::test]
async fn https_proxy_setting_leaves_plain_http_direct() {
    let server = http_server(echo).await;
    let proxy = proxy(None).await;
    let env = Env::from_map([("HTTPS_PROXY", proxy.url())]);
    let client = builder().proxy_from_env(&env).build().unwrap();
    send(&client, "GET", &server.http_url("/"), b"")
        .await
        .unwrap();
    assert!(proxy.seen().is_empty());
    assert_eq!(server.accepted(), 1);
}

#[tokio::test]
async fn unsupported_proxy_scheme_is_an_error() {
    let server = https_server(echo).await;
    let env = Env::from_map([("HTTPS_PROXY", "socks5://127.0.0.1:1")]);
    let client = builder().proxy_from_env(&env).build().unwrap();
    let err = send(&client, "GET", &server.url("/"), b"")
        .await
        .unwrap_err();
    assert_eq!(err.kind(), TransportErrorKind::Other, "{err}");
    assert!(err.to_string().contains("socks5"), "{err}");
}
