//! The sans-IO description of an operation, the options every request is built with, and the
//! functions that send an operation over a [`Transport`].

use std::fmt;
use std::future::Future;

use http::{Request, Response};

use crate::auth::AuthScheme;
use crate::build_error::BuildError;
use crate::client_config::ClientConfig;
use crate::endpoint::EndpointError;
use crate::idempotency::IdempotencyTokenProvider;
use crate::rules::Params;
use crate::transport::{Transport, TransportError};

/// One operation of a service, independent of any HTTP client or async runtime.
///
/// Building the request and parsing the response are pure functions: a transport (see
/// [`Transport`]) moves the bytes, and tests can drive an operation with canned responses and no
/// network. [`invoke`] joins the two. Each protocol (awsJson, restJson1…) has its own way of
/// building and parsing; the trait is the same for all.
pub trait Operation {
    /// The operation's name in the model, e.g. `StartMatchBackfill`.
    const NAME: &'static str;
    /// The input structure.
    type Input;
    /// The output structure.
    type Output;
    /// The operation's error type: its modeled errors plus an unhandled fallback.
    type Error;
    /// How requests are authenticated (signed with SigV4, or not at all).
    const AUTH: AuthScheme;
    /// The operation's modeled errors with `@retryable`, as `(code, throttling)`: retried like
    /// transient errors (or throttling ones) whatever their status.
    const RETRYABLE_ERRORS: &'static [(&'static str, bool)] = &[];

    /// The HTTP request for `input`. Its URI is relative (`/path?query`); the transport supplies
    /// the endpoint. `options` supplies what the input does not, such as idempotency tokens.
    ///
    /// Fails when the input cannot be expressed as a request: a URI label unset or empty, a
    /// header value that is not valid HTTP.
    fn build_request(
        input: &Self::Input,
        options: &RequestOptions,
    ) -> Result<Request<Vec<u8>>, BuildError>;

    /// The output or error a response stands for.
    fn parse_response(response: Response<Vec<u8>>) -> Result<Self::Output, Self::Error>;

    /// Adds the endpoint parameters this operation binds (`@staticContextParams`, input members
    /// with `@contextParam`, `@operationContextParams`) to those of the client configuration.
    fn endpoint_params(input: &Self::Input, params: &mut Params) {
        let _ = (input, params);
    }
}

/// What a request is built with besides the operation input.
///
/// The default gives every unset `@idempotencyToken` member a fresh random UUID v4.
#[derive(Clone, Debug, Default)]
pub struct RequestOptions {
    idempotency_tokens: IdempotencyTokenProvider,
}

impl RequestOptions {
    /// The default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Takes unset idempotency tokens from `provider`.
    pub fn with_idempotency_tokens(mut self, provider: IdempotencyTokenProvider) -> Self {
        self.idempotency_tokens = provider;
        self
    }

    /// Where unset idempotency tokens come from.
    pub fn idempotency_tokens(&self) -> &IdempotencyTokenProvider {
        &self.idempotency_tokens
    }

    /// A token for an unset `@idempotencyToken` member.
    pub fn idempotency_token(&self) -> String {
        self.idempotency_tokens.token()
    }
}

/// Sends `O`'s request for `input` over `transport` and parses the response.
pub async fn invoke<O: Operation, T: Transport>(
    transport: &T,
    config: &ClientConfig,
    input: &O::Input,
) -> Result<O::Output, InvokeError<O::Error>> {
    send_operation::<O, T>(transport, config, input).await
}

/// Like [`invoke`], but builds the request (and resolves its endpoint) before returning: the
/// future borrows only the transport, so a method taking its input by value can return it
/// directly. Generated clients call this from plain (non-`async`) methods, which compile much
/// faster than one `async fn` state machine per operation.
pub fn send_operation<'t, O, T>(
    transport: &'t T,
    config: &ClientConfig,
    input: &O::Input,
) -> impl Future<Output = Result<O::Output, InvokeError<O::Error>>> + 't
where
    O: Operation + 't,
    T: Transport + 't,
{
    let request = match O::build_request(input, config.options()) {
        Ok(mut request) => {
            let mut params = config.endpoint_params();
            O::endpoint_params(input, &mut params);
            match config.apply_endpoint(&mut request, &params) {
                Ok(()) => Ok(request),
                Err(e) => Err(Prepare::Endpoint(e)),
            }
        }
        Err(e) => Err(Prepare::Build(e)),
    };
    async move {
        let request = match request {
            Ok(request) => request,
            Err(Prepare::Build(e)) => return Err(InvokeError::Build(e)),
            Err(Prepare::Endpoint(e)) => return Err(InvokeError::Endpoint(e)),
        };
        let response = transport
            .send(request)
            .await
            .map_err(InvokeError::Transport)?;
        O::parse_response(response).map_err(InvokeError::Operation)
    }
}

/// Why a request could not be prepared (kept out of the future, which then stays small).
enum Prepare {
    Build(BuildError),
    Endpoint(EndpointError),
}

/// Why a call failed.
#[derive(Debug)]
pub enum InvokeError<E> {
    /// The input could not be turned into a request; nothing was sent.
    Build(BuildError),
    /// No endpoint could be resolved for the request (the rules' error, or an endpoint that is
    /// not a URL); nothing was sent.
    Endpoint(EndpointError),
    /// The transport could not complete the exchange.
    Transport(TransportError),
    /// The service's response was an error (or could not be decoded).
    Operation(E),
}

impl<E> InvokeError<E> {
    /// The operation error, if that is what this is.
    pub fn as_operation_error(&self) -> Option<&E> {
        match self {
            InvokeError::Operation(e) => Some(e),
            InvokeError::Build(_) | InvokeError::Endpoint(_) | InvokeError::Transport(_) => None,
        }
    }

    /// The operation error by value, if that is what this is.
    pub fn into_operation_error(self) -> Option<E> {
        match self {
            InvokeError::Operation(e) => Some(e),
            InvokeError::Build(_) | InvokeError::Endpoint(_) | InvokeError::Transport(_) => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for InvokeError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvokeError::Build(e) => write!(f, "{e}"),
            InvokeError::Endpoint(e) => write!(f, "{e}"),
            InvokeError::Transport(e) => write!(f, "transport error: {e}"),
            InvokeError::Operation(e) => write!(f, "{e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for InvokeError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InvokeError::Build(e) => Some(e),
            InvokeError::Endpoint(e) => Some(e),
            InvokeError::Transport(e) => Some(e),
            InvokeError::Operation(e) => e.source(),
        }
    }
}

#[cfg(test)]
mod tests;
