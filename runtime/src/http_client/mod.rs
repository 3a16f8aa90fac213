//! The default [`Transport`]: [`HttpClient`], HTTP/1.1 over hyper, TLS by rustls (with the
//! `ring` provider), on tokio. Behind the `http-client` feature, on by default.
//!
//! ```no_run
//! use smithy_runtime::http::Request;
//! use smithy_runtime::http_client::HttpClient;
//! use smithy_runtime::Transport;
//!
//! # async fn example() -> Result<(), smithy_runtime::TransportError> {
//! let client = HttpClient::new();
//! let request = Request::get("https://example.com/").body(Vec::new()).unwrap();
//! let response = client.send(request).await?;
//! println!("{} {} bytes", response.status(), response.body().len());
//! # Ok(())
//! # }
//! ```
//!
//! What it does, and does not:
//!
//! - **Runtime.** Requests must be sent from within a tokio runtime (either flavour) with I/O and
//!   time enabled; elsewhere [`send`](Transport::send) fails with an error of kind
//!   [`Other`](crate::TransportErrorKind::Other). Connections are driven by tasks spawned on that
//!   runtime.
//! - **URIs** must be absolute (`https://host/path?query`): generated clients resolve the
//!   endpoint before the transport sees the request. `http` and `https` only.
//! - **Connections** are pooled per scheme, host and port and kept alive for reuse; a clone of
//!   the client shares the pool.
//! - **Timeouts**: connect (default 3.1 s), read (time without a byte while a request is in
//!   flight; none by default) and overall (none by default): see [`HttpClientBuilder`].
//! - **Redirects are not followed**, as in the AWS SDKs: a `3xx` comes back as a response.
//! - **Response bodies** are read into memory up to a cap (default 64 MiB,
//!   [`DEFAULT_MAX_RESPONSE_BODY_SIZE`]).
//! - **Proxies** from `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`
//!   ([`HttpClientBuilder::proxy_from_env`]).
//! - **Errors** carry a [`TransportErrorKind`] for retry decisions,
//!   and name the destination by scheme, host and port only: never a path, a query string or
//!   a header value, which may hold credentials (presigned URLs, `Authorization`,
//!   `X-Amz-Security-Token`).
//! - **HTTP/2** is not compiled in: AWS APIs answer over HTTP/1.1, and it would add ten crates
//!   and about 14 s to a cold build (docs/http-client.md).

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_LENGTH, PROXY_AUTHORIZATION, TRANSFER_ENCODING};
use http::{Method, Request, Response};
use http_body_util::Full;
use hyper_util::client::legacy::Client;

use crate::transport::{Transport, TransportError, TransportErrorKind};

mod body;
mod builder;
mod connector;
mod error;
mod proxy;
mod rt;
mod stream;
#[cfg(test)]
mod tests;
mod tls;

pub use builder::{
    HttpClientBuildError, HttpClientBuilder, DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_MAX_RESPONSE_BODY_SIZE, DEFAULT_POOL_IDLE_TIMEOUT,
};
pub use rt::sleep;

use connector::Connector;
use error::Target;
use proxy::Proxies;
use stream::InFlight;

/// An HTTP/1.1 client over hyper and rustls: the default [`Transport`].
///
/// Cheap to clone: clones share one connection pool and one TLS configuration. `Send` and
/// `Sync`. Its settings are chosen with [`HttpClient::builder`]; [`HttpClient::new`] takes the
/// defaults.
#[derive(Clone)]
pub struct HttpClient {
    inner: Arc<Inner>,
}

struct Inner {
    client: Client<Connector, Full<Bytes>>,
    /// For `Proxy-Authorization` on plain HTTP requests sent to a proxy.
    proxies: Option<Arc<Proxies>>,
    timeout: Option<Duration>,
    max_response_body_size: u64,
}

impl HttpClient {
    /// A client with the default settings (see [`HttpClientBuilder::new`]); proxies are read
    /// from the process environment now.
    pub fn new() -> HttpClient {
        // Only added root certificates can make a build fail, and there are none.
        HttpClientBuilder::new()
            .build()
            .expect("the default settings make a client")
    }

    /// A builder to choose the settings.
    pub fn builder() -> HttpClientBuilder {
        HttpClientBuilder::new()
    }
}

impl Default for HttpClient {
    fn default() -> Self {
        HttpClient::new()
    }
}

impl fmt::Debug for HttpClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpClient")
            .field("connector", &self.inner.client)
            .field("timeout", &self.inner.timeout)
            .field("max_response_body_size", &self.inner.max_response_body_size)
            .finish()
    }
}

impl Transport for HttpClient {
    fn send(
        &self,
        request: Request<Vec<u8>>,
    ) -> impl Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send {
        let inner = self.inner.clone();
        async move { inner.send(request).await }
    }
}

impl Inner {
    async fn send(
        &self,
        mut request: Request<Vec<u8>>,
    ) -> Result<Response<Vec<u8>>, TransportError> {
        rt::require_runtime()?;
        let Some(target) = Target::of(request.uri()) else {
            // The URI itself stays out of the message: its query may hold a signature.
            return Err(error::error(
                TransportErrorKind::Other,
                "the request URI must be absolute, with an http or https scheme and a host \
                 (https://host/path): the endpoint is resolved before the transport",
                None,
            ));
        };
        if !target.is_https() {
            self.add_proxy_authorization(&mut request);
        }
        add_empty_content_length(&mut request);
        let exchange = self.exchange(request, &target);
        match self.timeout {
            None => exchange.await,
            Some(limit) => match tokio::time::timeout(limit, exchange).await {
                Ok(result) => result,
                Err(_) => Err(error::error(
                    TransportErrorKind::Timeout,
                    format!("the request to {target} did not complete within {limit:?} (timeout)"),
                    None,
                )),
            },
        }
    }

    /// Plain HTTP through a proxy carries the proxy's credentials in each request (HTTPS
    /// carries them in the `CONNECT`).
    fn add_proxy_authorization(&self, request: &mut Request<Vec<u8>>) {
        let Some(proxies) = &self.proxies else {
            return;
        };
        if request.headers().contains_key(PROXY_AUTHORIZATION) {
            return;
        }
        if let Some(auth) = proxies
            .intercept(request.uri())
            .as_ref()
            .and_then(|p| p.basic_auth())
        {
            let mut auth: HeaderValue = auth.clone();
            auth.set_sensitive(true);
            request.headers_mut().insert(PROXY_AUTHORIZATION, auth);
        }
    }

    async fn exchange(
        &self,
        request: Request<Vec<u8>>,
        target: &Target,
    ) -> Result<Response<Vec<u8>>, TransportError> {
        let request = request.map(|body| Full::new(Bytes::from(body)));
        let response = self
            .client
            .request(request)
            .await
            .map_err(|e| error::classify_request_error(e, target))?;
        let (parts, body) = response.into_parts();
        // Once the body is read (or this future dropped), the connection may idle in the pool
        // without its read timeout running.
        let _disarm = parts.extensions.get::<InFlight>().cloned().map(Disarm);
        let body = body::read_capped(body, self.max_response_body_size, target).await?;
        Ok(Response::from_parts(parts, body))
    }
}

/// `Content-Length: 0` on an empty `POST`, `PUT` or `PATCH` that has no length, as RFC 9110
/// asks and curl does: hyper sends none, and some servers (S3 among them) then answer `411
/// Length Required`.
fn add_empty_content_length(request: &mut Request<Vec<u8>>) {
    let expects_content = matches!(
        *request.method(),
        Method::POST | Method::PUT | Method::PATCH
    );
    let headers = request.headers();
    if expects_content
        && request.body().is_empty()
        && !headers.contains_key(CONTENT_LENGTH)
        && !headers.contains_key(TRANSFER_ENCODING)
    {
        request
            .headers_mut()
            .insert(CONTENT_LENGTH, HeaderValue::from_static("0"));
    }
}

/// Disarms a connection's read timeout when dropped.
struct Disarm(InFlight);

impl Drop for Disarm {
    fn drop(&mut self) {
        self.0.disarm();
    }
}
