//! The sans-IO description of an operation, the options every request is built with, and the
//! functions that send an operation over a [`Transport`].

use std::fmt;
use std::future::Future;

use http::{Request, Response};

use crate::build_error::BuildError;
use crate::idempotency::IdempotencyTokenProvider;
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
    options: &RequestOptions,
    input: &O::Input,
) -> Result<O::Output, InvokeError<O::Error>> {
    send_operation::<O, T>(transport, options, input).await
}

/// Like [`invoke`], but builds the request before returning: the future borrows only the
/// transport, so a method taking its input by value can return it directly. Generated clients
/// call this from plain (non-`async`) methods, which compile much faster than one `async fn`
/// state machine per operation.
pub fn send_operation<'t, O, T>(
    transport: &'t T,
    options: &RequestOptions,
    input: &O::Input,
) -> impl Future<Output = Result<O::Output, InvokeError<O::Error>>> + 't
where
    O: Operation + 't,
    T: Transport + 't,
{
    let request = O::build_request(input, options);
    async move {
        let request = match request {
            Ok(request) => request,
            Err(e) => return Err(InvokeError::Build(e)),
        };
        let response = transport
            .send(request)
            .await
            .map_err(InvokeError::Transport)?;
        O::parse_response(response).map_err(InvokeError::Operation)
    }
}

/// Why [`invoke`] failed: the input could not become a request, the request never got a
/// response, or the service answered with an error.
#[derive(Debug)]
pub enum InvokeError<E> {
    /// The input could not be turned into a request; nothing was sent.
    Build(BuildError),
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
            InvokeError::Build(_) | InvokeError::Transport(_) => None,
        }
    }

    /// The operation error by value, if that is what this is.
    pub fn into_operation_error(self) -> Option<E> {
        match self {
            InvokeError::Operation(e) => Some(e),
            InvokeError::Build(_) | InvokeError::Transport(_) => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for InvokeError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvokeError::Build(e) => write!(f, "{e}"),
            InvokeError::Transport(e) => write!(f, "transport error: {e}"),
            InvokeError::Operation(e) => write!(f, "{e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for InvokeError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InvokeError::Build(e) => Some(e),
            InvokeError::Transport(e) => Some(e),
            InvokeError::Operation(e) => e.source(),
        }
    }
}

#[cfg(test)]
mod tests;
