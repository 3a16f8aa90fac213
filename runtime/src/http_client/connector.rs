//! Making a connection for hyper-util's client: TCP (directly or to a proxy), an HTTP `CONNECT`
//! tunnel through the proxy for HTTPS, then TLS; all of it within the connect timeout.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use http::Uri;
use hyper_util::client::legacy::connect::proxy::Tunnel;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::proxy::matcher::Intercept;
use rustls::pki_types::ServerName;
use tokio::net::TcpStream;
use tower_service::Service;

use super::error::{root_cause, ConnectError, Target};
use super::proxy::{self, Proxies};
use super::stream::{Io, Stream};
use super::tls::Tls;
use crate::transport::TransportErrorKind;

/// What the connector needs, shared by the clones hyper-util makes of it.
#[derive(Debug)]
pub(crate) struct ConnectorConfig {
    pub(crate) tcp: HttpConnector,
    pub(crate) tls: Tls,
    pub(crate) proxies: Option<Arc<Proxies>>,
    pub(crate) connect_timeout: Option<Duration>,
    pub(crate) read_timeout: Option<Duration>,
}

/// The connector hyper-util's client calls for each new connection.
#[derive(Clone, Debug)]
pub(crate) struct Connector(pub(crate) Arc<ConnectorConfig>);

type Connecting = Pin<Box<dyn Future<Output = Result<Stream, ConnectError>> + Send>>;

impl Service<Uri> for Connector {
    type Response = Stream;
    type Error = ConnectError;
    type Future = Connecting;

    fn poll_ready(&mut self, _cx: &mut Context<'_>) -> Poll<Result<(), ConnectError>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, dst: Uri) -> Connecting {
        let config = self.0.clone();
        Box::pin(async move { config.connect(dst).await })
    }
}

fn connect_error(
    kind: TransportErrorKind,
    message: String,
    source: impl Into<Box<dyn std::error::Error + Send + Sync>>,
) -> ConnectError {
    ConnectError::new(kind, message, Some(source.into()))
}

impl ConnectorConfig {
    async fn connect(&self, dst: Uri) -> Result<Stream, ConnectError> {
        let Some(target) = Target::of(&dst) else {
            // The client checks URIs before sending; this is for a connector used otherwise.
            return Err(ConnectError::new(
                TransportErrorKind::Other,
                "only http and https URIs with a host can be connected to",
                None,
            ));
        };
        let proxy = self.proxies.as_ref().and_then(|p| p.intercept(&dst));
        let connecting = self.connect_within(dst, &target, proxy);
        match self.connect_timeout {
            None => connecting.await,
            Some(limit) => match tokio::time::timeout(limit, connecting).await {
                Ok(result) => result,
                Err(_) => Err(ConnectError::new(
                    TransportErrorKind::Timeout,
                    format!("connecting to {target} timed out after {limit:?} (connect timeout)"),
                    None,
                )),
            },
        }
    }

    async fn connect_within(
        &self,
        dst: Uri,
        target: &Target,
        proxy: Option<Intercept>,
    ) -> Result<Stream, ConnectError> {
        let (tcp, proxied) = match proxy {
            None => (self.tcp(dst, target).await?, false),
            Some(proxy) => {
                let name = proxy::display(&proxy);
                if proxy.uri().scheme_str() != Some("http") {
                    let scheme = proxy.uri().scheme_str().unwrap_or("");
                    return Err(ConnectError::new(
                        TransportErrorKind::Other,
                        format!(
                            "proxy {name} for {target}: the {scheme} scheme is not supported \
                             (only http:// proxies)"
                        ),
                        None,
                    ));
                }
                if target.is_https() {
                    (self.tunnel(dst, target, &proxy, &name).await?, false)
                } else {
                    // Plain HTTP goes to the proxy itself, in absolute form.
                    let tcp = self.tcp(proxy.uri().clone(), target).await.map_err(|e| {
                        let message = format!("connecting to proxy {name} for {target} failed");
                        ConnectError::new(e.kind, message, Some(Box::new(e)))
                    })?;
                    (tcp, true)
                }
            }
        };
        let io = if target.is_https() {
            Io::Tls(Box::new(self.handshake(tcp, target).await?))
        } else {
            Io::Plain(tcp)
        };
        Ok(Stream::new(io, proxied, self.read_timeout))
    }

    /// A TCP connection to `to` (the destination or a proxy).
    async fn tcp(&self, to: Uri, target: &Target) -> Result<TcpStream, ConnectError> {
        let mut tcp = self.tcp.clone();
        match tcp.call(to).await {
            Ok(io) => Ok(io.into_inner()),
            Err(e) => {
                let message = format!("connecting to {target} failed: {}", root_cause(&e));
                Err(connect_error(TransportErrorKind::Connect, message, e))
            }
        }
    }

    /// A TCP connection to `target` through an HTTP `CONNECT` tunnel.
    async fn tunnel(
        &self,
        dst: Uri,
        target: &Target,
        proxy: &Intercept,
        name: &str,
    ) -> Result<TcpStream, ConnectError> {
        let mut tunnel = Tunnel::new(proxy.uri().clone(), self.tcp.clone());
        if let Some(auth) = proxy.basic_auth() {
            tunnel = tunnel.with_auth(auth.clone());
        }
        match tunnel.call(dst).await {
            Ok(io) => Ok(io.into_inner()),
            Err(e) => {
                let message = format!(
                    "tunnelling to {target} through proxy {name} failed: {}",
                    describe_tunnel_error(&e)
                );
                Err(connect_error(TransportErrorKind::Connect, message, e))
            }
        }
    }

    async fn handshake(
        &self,
        tcp: TcpStream,
        target: &Target,
    ) -> Result<tokio_rustls::client::TlsStream<TcpStream>, ConnectError> {
        let connector = self.tls.connector().map_err(|message| {
            ConnectError::new(
                TransportErrorKind::Tls,
                format!("TLS to {target}: {message}"),
                None,
            )
        })?;
        let name = ServerName::try_from(target.bare_host().to_owned()).map_err(|e| {
            let message = format!("TLS to {target}: not a valid server name");
            connect_error(TransportErrorKind::Other, message, e)
        })?;
        connector.connect(name, tcp).await.map_err(|e| {
            let rustls_error = e
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
                .map(ToString::to_string);
            match rustls_error {
                Some(why) => {
                    let message = format!("TLS handshake with {target} failed: {why}");
                    connect_error(TransportErrorKind::Tls, message, e)
                }
                // Reset or closed mid-handshake: a connection failure, before any request.
                None => {
                    let message = format!("connection to {target} failed during TLS: {e}");
                    connect_error(TransportErrorKind::Connect, message, e)
                }
            }
        })
    }
}

/// The tunnel error's own words, then its cause's (the underlying connection's failure).
fn describe_tunnel_error(error: &(dyn std::error::Error + 'static)) -> String {
    match error.source() {
        Some(_) => format!("{error}: {}", root_cause(error)),
        None => error.to_string(),
    }
}
