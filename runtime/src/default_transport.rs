//! The transport generated clients' `from_env` uses: [`HttpClient`](crate::http_client::HttpClient)
//! with the `http-client` feature; without it, a stand-in whose every request fails with a
//! message saying why, so generated code compiles the same either way.

use crate::config::Env;

/// The default transport: [`HttpClient`](crate::http_client::HttpClient).
#[cfg(feature = "http-client")]
pub type DefaultTransport = crate::http_client::HttpClient;

/// The default transport: without the `http-client` feature there is none, and every request
/// fails with an error saying so. Build the client with a [`Transport`](crate::Transport) of
/// your own instead.
#[cfg(not(feature = "http-client"))]
#[derive(Clone, Copy, Debug, Default)]
pub struct DefaultTransport;

#[cfg(not(feature = "http-client"))]
impl crate::Transport for DefaultTransport {
    fn send(
        &self,
        _: http::Request<Vec<u8>>,
    ) -> impl std::future::Future<Output = Result<http::Response<Vec<u8>>, crate::TransportError>> + Send
    {
        std::future::ready(Err(crate::TransportError::new(
            "smithy-runtime was built without its `http-client` feature: there is no default \
             transport; create the client with a Transport of your own",
        )))
    }
}

/// The default transport, with the proxy settings of `env` (`HTTPS_PROXY`, `NO_PROXY`…).
pub fn default_transport(env: &Env) -> DefaultTransport {
    #[cfg(feature = "http-client")]
    {
        // Only added root certificates can make the build fail, and none are added.
        crate::http_client::HttpClient::builder()
            .proxy_from_env(env)
            .build()
            .unwrap_or_default()
    }
    #[cfg(not(feature = "http-client"))]
    {
        let _ = env;
        DefaultTransport
    }
}
