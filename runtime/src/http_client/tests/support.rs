//! Loopback servers for the tests: an HTTP/1.1 server (TLS or plain) whose behaviour each test
//! chooses, an HTTP proxy, and a test certificate authority made at run time with rcgen.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair, KeyUsagePurpose};
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio::io::{AsyncBufReadExt, AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio_rustls::TlsAcceptor;

use crate::http_client::{HttpClient, HttpClientBuilder};

/// A certificate authority and a server certificate it issued (for `localhost` and `127.0.0.1`
/// unless said otherwise).
pub(super) struct Pki {
    pub(super) ca_der: CertificateDer<'static>,
    pub(super) ca_pem: String,
    pub(super) acceptor: TlsAcceptor,
}

fn make_pki(name: &str, server_names: &[&str]) -> Pki {
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(rcgen::DnType::CommonName, name);
    ca_params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
    let ca_key = KeyPair::generate().unwrap();
    let ca = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);

    let names = server_names
        .iter()
        .map(|n| n.to_string())
        .collect::<Vec<_>>();
    let leaf_params = CertificateParams::new(names).unwrap();
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = leaf_params.signed_by(&leaf_key, &issuer).unwrap();

    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(leaf_key.serialize_der()));
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(vec![leaf.der().clone(), ca.der().clone()], key)
        .unwrap();
    Pki {
        ca_der: ca.der().clone(),
        ca_pem: ca.pem(),
        acceptor: TlsAcceptor::from(Arc::new(config)),
    }
}

/// The authority the test servers' certificates come from.
pub(super) fn pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| make_pki("smithy-runtime test CA", &["localhost", "127.0.0.1"]))
}

/// Another authority, trusted by no client unless a test says so.
pub(super) fn other_pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| make_pki("untrusted test CA", &["localhost", "127.0.0.1"]))
}

/// An authority whose server certificate names only `elsewhere.test`.
pub(super) fn misnamed_pki() -> &'static Pki {
    static PKI: OnceLock<Pki> = OnceLock::new();
    PKI.get_or_init(|| make_pki("misnamed test CA", &["elsewhere.test"]))
}

/// A client builder that trusts only the test authority and ignores the environment.
pub(super) fn builder() -> HttpClientBuilder {
    HttpClient::builder()
        .system_roots(false)
        .add_root_certificate_der(pki().ca_der.to_vec())
        .no_proxy()
}

/// A request as the test server read it.
#[derive(Clone, Debug)]
pub(super) struct Received {
    pub(super) method: String,
    pub(super) target: String,
    pub(super) headers: Vec<(String, String)>,
    pub(super) body: Vec<u8>,
}

impl Received {
    pub(super) fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// What the server does with a request.
pub(super) enum Action {
    /// Writes these bytes and waits for the next request on the connection.
    Reply(Vec<u8>),
    /// Writes these bytes and closes the connection.
    ReplyAndClose(Vec<u8>),
    /// Writes the first bytes, then each later chunk after a pause, then waits for the next
    /// request.
    Trickle(Vec<u8>, Vec<Vec<u8>>, Duration),
    /// Never answers (the connection stays open).
    Hang,
}

type Handler = Arc<dyn Fn(&Received) -> Action + Send + Sync>;

/// A running test server.
pub(super) struct Server {
    pub(super) addr: SocketAddr,
    /// TCP connections accepted so far.
    pub(super) accepted: Arc<AtomicUsize>,
    /// Requests read so far, in order.
    pub(super) requests: Arc<Mutex<Vec<Received>>>,
}

impl Server {
    pub(super) fn url(&self, path: &str) -> String {
        format!("https://localhost:{}{path}", self.addr.port())
    }

    pub(super) fn http_url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.addr.port())
    }

    pub(super) fn accepted(&self) -> usize {
        self.accepted.load(Ordering::SeqCst)
    }

    pub(super) fn requests(&self) -> Vec<Received> {
        self.requests.lock().unwrap().clone()
    }
}

/// Serves HTTPS with the test authority's certificate.
pub(super) async fn https_server(
    handler: impl Fn(&Received) -> Action + Send + Sync + 'static,
) -> Server {
    serve(Some(pki().acceptor.clone()), Arc::new(handler)).await
}

/// Serves HTTPS with `pki`'s certificate.
pub(super) async fn https_server_with(
    pki: &Pki,
    handler: impl Fn(&Received) -> Action + Send + Sync + 'static,
) -> Server {
    serve(Some(pki.acceptor.clone()), Arc::new(handler)).await
}

/// Serves plain HTTP.
pub(super) async fn http_server(
    handler: impl Fn(&Received) -> Action + Send + Sync + 'static,
) -> Server {
    serve(None, Arc::new(handler)).await
}

async fn serve(tls: Option<TlsAcceptor>, handler: Handler) -> Server {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let server = Server {
        addr: listener.local_addr().unwrap(),
        accepted: Arc::default(),
        requests: Arc::default(),
    };
    let (accepted, requests) = (server.accepted.clone(), server.requests.clone());
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            accepted.fetch_add(1, Ordering::SeqCst);
            let (tls, handler, requests) = (tls.clone(), handler.clone(), requests.clone());
            tokio::spawn(async move {
                match tls {
                    Some(acceptor) => {
                        // A client that rejects the certificate aborts the handshake.
                        if let Ok(stream) = acceptor.accept(tcp).await {
                            connection(stream, handler, requests).await;
                        }
                    }
                    None => connection(tcp, handler, requests).await,
                }
            });
        }
    });
    server
}

async fn connection<S: AsyncRead + AsyncWrite + Unpin>(
    stream: S,
    handler: Handler,
    requests: Arc<Mutex<Vec<Received>>>,
) {
    let mut stream = BufReader::new(stream);
    while let Some(request) = read_request(&mut stream).await {
        requests.lock().unwrap().push(request.clone());
        let written = match handler(&request) {
            Action::Reply(bytes) => stream.write_all(&bytes).await,
            Action::ReplyAndClose(bytes) => {
                let _ = stream.write_all(&bytes).await;
                let _ = stream.shutdown().await;
                return;
            }
            Action::Trickle(first, rest, pause) => {
                let mut written = stream.write_all(&first).await;
                for chunk in rest {
                    tokio::time::sleep(pause).await;
                    written = written.and(stream.write_all(&chunk).await);
                }
                written
            }
            Action::Hang => {
                std::future::pending::<()>().await;
                return;
            }
        };
        if written.is_err() {
            return;
        }
    }
}

/// Reads one request (head, and a body by `Content-Length`); `None` at the end of the
/// connection.
pub(super) async fn read_request<S: AsyncRead + Unpin>(
    stream: &mut BufReader<S>,
) -> Option<Received> {
    let mut line = String::new();
    if stream.read_line(&mut line).await.ok()? == 0 {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next()?.to_owned();
    let target = parts.next()?.to_owned();
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        if stream.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        headers.push((name.trim().to_owned(), value.trim().to_owned()));
    }
    let mut request = Received {
        method,
        target,
        headers,
        body: Vec::new(),
    };
    let length: usize = request
        .header("content-length")
        .map_or(0, |v| v.parse().unwrap());
    request.body = vec![0; length];
    stream.read_exact(&mut request.body).await.ok()?;
    Some(request)
}

/// A response with a `Content-Length`.
pub(super) fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 {status} Test\r\ncontent-length: {}\r\n",
        body.len()
    );
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(body);
    bytes
}

/// 200, echoing the request: method and target in headers, the `x-test` header, the body.
pub(super) fn echo(request: &Received) -> Action {
    let x_test = request.header("x-test").unwrap_or("").to_owned();
    Action::Reply(response(
        200,
        &[
            ("x-method", &request.method),
            ("x-target", &request.target),
            ("x-test-echo", &x_test),
        ],
        &request.body,
    ))
}

/// A request line and its `Proxy-Authorization`, as the test proxy saw them.
pub(super) type Seen = (String, Option<String>);

/// A running test proxy.
pub(super) struct Proxy {
    pub(super) addr: SocketAddr,
    /// `CONNECT` requests tunnelled.
    pub(super) tunnels: Arc<AtomicUsize>,
    /// Every request line and `Proxy-Authorization` it received.
    pub(super) seen: Arc<Mutex<Vec<Seen>>>,
}

impl Proxy {
    pub(super) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.addr.port())
    }

    pub(super) fn tunnels(&self) -> usize {
        self.tunnels.load(Ordering::SeqCst)
    }

    pub(super) fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

/// An HTTP proxy: tunnels `CONNECT` to loopback ports only (answering 403 for anything else)
/// and answers requests in absolute form itself, with 200 and the request target as body.
/// With `required_auth`, a request without that exact `Proxy-Authorization` gets 407.
pub(super) async fn proxy(required_auth: Option<&'static str>) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let proxy = Proxy {
        addr: listener.local_addr().unwrap(),
        tunnels: Arc::default(),
        seen: Arc::default(),
    };
    let (tunnels, seen) = (proxy.tunnels.clone(), proxy.seen.clone());
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let (tunnels, seen) = (tunnels.clone(), seen.clone());
            tokio::spawn(async move {
                let mut client = BufReader::new(tcp);
                while let Some(request) = read_request(&mut client).await {
                    let auth = request.header("proxy-authorization").map(str::to_owned);
                    let line = format!("{} {}", request.method, request.target);
                    seen.lock().unwrap().push((line, auth.clone()));
                    if required_auth.is_some() && auth.as_deref() != required_auth {
                        let denied = response(407, &[("proxy-authenticate", "Basic")], b"");
                        let _ = client.write_all(&denied).await;
                        return;
                    }
                    if request.method != "CONNECT" {
                        let reply = response(200, &[], request.target.as_bytes());
                        if client.write_all(&reply).await.is_err() {
                            return;
                        }
                        continue;
                    }
                    // Loopback destinations only.
                    let port = match request.target.split_once(':') {
                        Some(("localhost" | "127.0.0.1", port)) => port.parse::<u16>().ok(),
                        _ => None,
                    };
                    let Some(port) = port else {
                        let _ = client.write_all(&response(403, &[], b"")).await;
                        return;
                    };
                    let Ok(mut upstream) = TcpStream::connect(("127.0.0.1", port)).await else {
                        let _ = client.write_all(&response(502, &[], b"")).await;
                        return;
                    };
                    tunnels.fetch_add(1, Ordering::SeqCst);
                    let established = b"HTTP/1.1 200 Connection established\r\n\r\n";
                    if client.write_all(established).await.is_ok() {
                        let _ = tokio::io::copy_bidirectional(&mut client, &mut upstream).await;
                    }
                    return;
                }
            });
        }
    });
    proxy
}
