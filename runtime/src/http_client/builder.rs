//! [`HttpClientBuilder`]: the client's settings and their defaults.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::{TokioExecutor, TokioTimer};

use super::connector::{Connector, ConnectorConfig};
use super::proxy::Proxies;
use super::tls::{ExtraRoots, RootSource, Tls};
use super::{HttpClient, Inner};
use crate::config::Env;

/// How long making a connection may take by default: DNS, TCP, a proxy's tunnel and the TLS
/// handshake together. 3.1 s, as in the AWS SDKs: just over the 3 s TCP retransmission timeout
/// of a lost SYN, so one lost packet does not fail the request.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_millis(3100);

/// The largest response body accepted by default: 64 MiB.
///
/// The [`Transport`](crate::Transport) interface holds each body in memory, so the cap is what
/// keeps a wrong or hostile `Content-Length` (or an endless body) from exhausting memory. The
/// largest responses of AWS's JSON and XML APIs are around 16 MiB (DynamoDB's `BatchGetItem`,
/// `Query` and `Scan` pages), Lambda's synchronous payloads 6 MiB; 64 MiB leaves room above
/// them. Downloading larger objects (S3 `GetObject`) needs a larger cap, set with
/// [`HttpClientBuilder::max_response_body_size`].
pub const DEFAULT_MAX_RESPONSE_BODY_SIZE: u64 = 64 * 1024 * 1024;

/// How long an idle pooled connection is kept by default: 90 s (hyper-util's and the AWS SDKs'
/// default). Servers close idle connections on their side after a while; AWS's keep them at
/// least this long.
pub const DEFAULT_POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// TCP keep-alive: a connection silent this long is probed…
const TCP_KEEPALIVE_TIME: Duration = Duration::from_secs(30);
/// …every this long…
const TCP_KEEPALIVE_INTERVAL: Duration = Duration::from_secs(10);
/// …and declared dead after this many unanswered probes (about a minute in all).
const TCP_KEEPALIVE_RETRIES: u32 = 3;

/// Settings for an [`HttpClient`]; [`HttpClientBuilder::build`] makes the client.
///
/// ```
/// use std::time::Duration;
/// use smithy_runtime::config::Env;
/// use smithy_runtime::http_client::HttpClient;
///
/// let client = HttpClient::builder()
///     .connect_timeout(Some(Duration::from_secs(1)))
///     .read_timeout(Some(Duration::from_secs(30)))
///     .timeout(Some(Duration::from_secs(120)))
///     .proxy_from_env(&Env::from_map([("HTTPS_PROXY", "http://proxy.internal:3128")]))
///     .build()
///     .unwrap();
/// # drop(client);
/// ```
#[derive(Clone)]
pub struct HttpClientBuilder {
    connect_timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    timeout: Option<Duration>,
    pool_idle_timeout: Option<Duration>,
    pool_max_idle_per_host: usize,
    max_response_body_size: u64,
    proxy_env: Option<Env>,
    system_roots: bool,
    extra_roots: Vec<RootSource>,
}

impl fmt::Debug for HttpClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the environment itself: it may hold credentials.
        let proxies = match self.proxy_env {
            Some(_) => "from the environment",
            None => "none",
        };
        f.debug_struct("HttpClientBuilder")
            .field("connect_timeout", &self.connect_timeout)
            .field("read_timeout", &self.read_timeout)
            .field("timeout", &self.timeout)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("max_response_body_size", &self.max_response_body_size)
            .field("proxies", &proxies)
            .field("system_roots", &self.system_roots)
            .field("extra_roots", &self.extra_roots.len())
            .finish()
    }
}

impl Default for HttpClientBuilder {
    fn default() -> Self {
        HttpClientBuilder::new()
    }
}

impl HttpClientBuilder {
    /// The defaults: connect timeout [`DEFAULT_CONNECT_TIMEOUT`], no read timeout, no overall
    /// timeout, pooled connections kept [`DEFAULT_POOL_IDLE_TIMEOUT`], response bodies up to
    /// [`DEFAULT_MAX_RESPONSE_BODY_SIZE`], proxies from the process environment, the system's
    /// root certificates.
    pub fn new() -> HttpClientBuilder {
        HttpClientBuilder {
            connect_timeout: Some(DEFAULT_CONNECT_TIMEOUT),
            read_timeout: None,
            timeout: None,
            pool_idle_timeout: Some(DEFAULT_POOL_IDLE_TIMEOUT),
            pool_max_idle_per_host: usize::MAX,
            max_response_body_size: DEFAULT_MAX_RESPONSE_BODY_SIZE,
            proxy_env: Some(Env::real()),
            system_roots: true,
            extra_roots: Vec::new(),
        }
    }

    /// How long making a new connection may take: resolving the name, connecting over TCP (to
    /// each address in turn), a proxy's `CONNECT` tunnel and the TLS handshake, together. Past
    /// it the request fails with an error of kind
    /// [`Timeout`](crate::TransportErrorKind::Timeout), without having been sent.
    /// `None`: no limit. Default [`DEFAULT_CONNECT_TIMEOUT`].
    pub fn connect_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The read timeout: how long a connection with a request in flight may go without
    /// receiving or sending a single byte, from the request's first byte written to the
    /// response body's last byte read. It is reset by every byte that moves, so it bounds a
    /// server that stops answering (it fails within this time of its last byte) but not one
    /// that answers slowly, byte by byte: [`timeout`](Self::timeout) bounds that. The error is of
    /// kind [`Timeout`](crate::TransportErrorKind::Timeout); the request may have been
    /// processed.
    ///
    /// `None` (the default, as in the AWS SDK for Rust): no limit, because some operations
    /// legitimately answer after minutes of silence (a synchronous Lambda invocation, long
    /// polls). A peer that vanishes without closing the connection is still detected, by TCP
    /// keep-alive, within about a minute.
    pub fn read_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.read_timeout = timeout;
        self
    }

    /// The longest a whole request may take: connecting, sending, and receiving the complete
    /// response. `None` (the default): no limit. The error is of kind
    /// [`Timeout`](crate::TransportErrorKind::Timeout).
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// How long an idle connection is kept in the pool for reuse. `None`: until the server
    /// closes it. Default [`DEFAULT_POOL_IDLE_TIMEOUT`].
    pub fn pool_idle_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.pool_idle_timeout = timeout;
        self
    }

    /// The most idle connections kept per host (scheme, host and port); 0 turns connection
    /// reuse off. Default: no limit.
    pub fn pool_max_idle_per_host(mut self, max: usize) -> Self {
        self.pool_max_idle_per_host = max;
        self
    }

    /// The largest response body accepted, in bytes. A response whose `Content-Length` is
    /// larger fails at once, without its body being read; one without a length fails as soon
    /// as it passes the cap. The error is of kind
    /// [`BodyTooLarge`](crate::TransportErrorKind::BodyTooLarge). Default
    /// [`DEFAULT_MAX_RESPONSE_BODY_SIZE`].
    pub fn max_response_body_size(mut self, bytes: u64) -> Self {
        self.max_response_body_size = bytes;
        self
    }

    /// Reads the proxy settings from `env` when the client is built (by default, from the
    /// process environment):
    ///
    /// - `HTTPS_PROXY` for `https` URIs, `HTTP_PROXY` for `http` URIs and `ALL_PROXY` for
    ///   both when the former are unset; each also in lower case, upper case first. Values are
    ///   `http://[user:password@]host:port` (the scheme defaults to `http`); HTTPS goes
    ///   through an HTTP `CONNECT` tunnel, plain HTTP is sent to the proxy in absolute form;
    ///   the user and password become `Proxy-Authorization: Basic`. Proxies reached over
    ///   HTTPS or SOCKS are not supported: requests through them fail.
    /// - `NO_PROXY`: comma-separated hosts that bypass the proxy: `example.com` (and its
    ///   subdomains), `.example.com`, IP addresses, CIDR ranges (`10.0.0.0/8`), or `*`.
    ///
    /// As in curl, `HTTP_PROXY` is ignored when `REQUEST_METHOD` is set (a CGI program, where
    /// a request's `Proxy:` header would set it).
    pub fn proxy_from_env(mut self, env: &Env) -> Self {
        self.proxy_env = Some(env.clone());
        self
    }

    /// Sends every request directly, whatever the environment says.
    pub fn no_proxy(mut self) -> Self {
        self.proxy_env = None;
        self
    }

    /// Trusts the certificates in `pem` (one or more `-----BEGIN CERTIFICATE-----` blocks) as
    /// roots, in addition to the system's (unless [`system_roots(false)`](Self::system_roots)).
    /// They are parsed by [`build`](Self::build), which fails if none is found or one is not
    /// a valid certificate.
    pub fn add_root_certificates_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.extra_roots.push(RootSource::Pem(pem.into()));
        self
    }

    /// Trusts the DER-encoded certificate `der` as a root, like
    /// [`add_root_certificates_pem`](Self::add_root_certificates_pem).
    pub fn add_root_certificate_der(mut self, der: impl Into<Vec<u8>>) -> Self {
        self.extra_roots.push(RootSource::Der(der.into()));
        self
    }

    /// Whether to trust the system's root certificates (the default), as
    /// `rustls-native-certs` finds them: on Linux the distribution's bundle, or the file and
    /// directory named by `SSL_CERT_FILE` and `SSL_CERT_DIR`; on macOS and Windows the system
    /// store. They are read once per process, on the first HTTPS connection. `false`: trust
    /// only the certificates added to this builder.
    pub fn system_roots(mut self, enabled: bool) -> Self {
        self.system_roots = enabled;
        self
    }

    /// The client, or why these settings make none: a root certificate that does not parse, or
    /// no root at all (system roots off and none added).
    pub fn build(self) -> Result<HttpClient, HttpClientBuildError> {
        let extra = ExtraRoots::parse(&self.extra_roots).map_err(HttpClientBuildError)?;
        if !self.system_roots && extra.is_empty() {
            return Err(HttpClientBuildError(
                "system roots are off and no root certificate was added: no server could be \
                 trusted"
                    .to_owned(),
            ));
        }
        let proxies = self
            .proxy_env
            .as_ref()
            .and_then(Proxies::from_env)
            .map(Arc::new);

        let mut tcp = HttpConnector::new();
        tcp.enforce_http(false);
        tcp.set_nodelay(true);
        tcp.set_keepalive(Some(TCP_KEEPALIVE_TIME));
        tcp.set_keepalive_interval(Some(TCP_KEEPALIVE_INTERVAL));
        tcp.set_keepalive_retries(Some(TCP_KEEPALIVE_RETRIES));
        let connector = Connector(Arc::new(ConnectorConfig {
            tcp,
            tls: Tls::new(extra, self.system_roots),
            proxies: proxies.clone(),
            connect_timeout: self.connect_timeout,
            read_timeout: self.read_timeout,
        }));
        let client = Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .pool_idle_timeout(self.pool_idle_timeout)
            .pool_max_idle_per_host(self.pool_max_idle_per_host)
            .build(connector);
        Ok(HttpClient {
            inner: Arc::new(Inner {
                client,
                proxies,
                timeout: self.timeout,
                max_response_body_size: self.max_response_body_size,
            }),
        })
    }
}

/// Why [`HttpClientBuilder::build`] made no client.
#[derive(Debug)]
pub struct HttpClientBuildError(String);

impl fmt::Display for HttpClientBuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HttpClientBuildError {}
