//! The sans-IO description of an operation, the options every request is built with, and the
//! functions that send an operation over a [`Transport`].

use std::fmt;
use std::future::Future;

use http::{Request, Response};

use crate::auth::AuthScheme;
use crate::build_error::BuildError;
use crate::call::{dispatch, presign, AuthFailure, Call, Failure, SigningFailure, TimeoutError};
use crate::client_config::ClientConfig;
use crate::credentials::CredentialsError;
use crate::endpoint::EndpointError;
use crate::idempotency::IdempotencyTokenProvider;
use crate::parse_error::{ParseError, ResponseDecodeError, ServiceError};
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

    /// The output a response stands for; or the service's error (with the status and request
    /// id it came with), or why the response could not be read.
    fn parse_response(response: Response<Vec<u8>>)
        -> Result<Self::Output, ParseError<Self::Error>>;

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
///
/// The future signs each attempt (with the configuration's credentials, as the operation's
/// [`AUTH`](Operation::AUTH) and the endpoint's `authSchemes` say), sends it, and retries
/// throttling and transient failures as the configuration's [`RetryConfig`](crate::retry::RetryConfig)
/// allows; what it does not retry is parsed as the operation's output or error. Only the
/// building and the parsing are generic: the rest is compiled once, in this crate.
pub fn send_operation<'t, O, T>(
    transport: &'t T,
    config: &ClientConfig,
    input: &O::Input,
) -> impl Future<Output = Result<O::Output, InvokeError<O::Error>>> + 't
where
    O: Operation + 't,
    T: Transport + 't,
{
    let prepared = prepare::<O>(config, input).map(|request| (request, config.call_settings()));
    async move {
        let (request, settings) = prepared?;
        let call = Call {
            auth: O::AUTH,
            retryable: O::RETRYABLE_ERRORS,
        };
        let response = dispatch(transport, request, call, settings)
            .await
            .map_err(InvokeError::from_failure)?;
        O::parse_response(response).map_err(|e| match e {
            ParseError::Service(e) => InvokeError::Service(e),
            ParseError::Decode(e) => InvokeError::Decode(e),
        })
    }
}

/// `O`'s request for `input` with its endpoint resolved and applied: what a call sends and what
/// a presigned URL signs. Nothing is sent.
fn prepare<O: Operation>(
    config: &ClientConfig,
    input: &O::Input,
) -> Result<Request<Vec<u8>>, InvokeError<O::Error>> {
    let mut request = O::build_request(input, config.options()).map_err(InvokeError::Build)?;
    let mut params = config.endpoint_params();
    O::endpoint_params(input, &mut params);
    config
        .apply_endpoint(&mut request, &params)
        .map_err(InvokeError::Endpoint)?;
    Ok(request)
}

/// A request signed in its URL: anyone holding it may make the call until it expires, sending
/// `method` to `url` with `headers` (and, for an upload, the body).
#[derive(Clone, Debug)]
pub struct PresignedRequest {
    method: http::Method,
    url: String,
    headers: http::HeaderMap,
}

impl PresignedRequest {
    /// The HTTP method.
    pub fn method(&self) -> &http::Method {
        &self.method
    }

    /// The URL, with the signature in its query (`X-Amz-Signature=…`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers the request must be sent with (they are signed), such as `content-type`.
    pub fn headers(&self) -> &http::HeaderMap {
        &self.headers
    }
}

/// A presigned URL for `O` with `input`, valid for `expires_in` (at most 7 days): the request
/// the client would send, its endpoint resolved, signed in its query string with the
/// configuration's credentials and clock, as botocore's `generate_presigned_url` makes them.
/// For S3 (`GetObject`, `PutObject`…), where the body is sent by whoever holds the URL; an
/// operation whose request has a body elsewhere cannot be presigned (`InvokeError::Signing`).
pub fn presign_operation<'c, O>(
    config: &'c ClientConfig,
    input: &O::Input,
    expires_in: std::time::Duration,
) -> impl Future<Output = Result<PresignedRequest, InvokeError<O::Error>>> + 'c
where
    O: Operation + 'c,
{
    let prepared = prepare::<O>(config, input);
    async move {
        let request = prepared?;
        let settings = config.call_settings();
        let time = settings.skew.adjust(settings.clock.now());
        let url = presign(&request, O::AUTH, &settings, time, expires_in)
            .await
            .map_err(|failure| InvokeError::from_failure(Failure::Auth(failure)))?;
        let mut headers = request.headers().clone();
        headers.remove(http::header::HOST);
        // The holder of the URL sends the body, of whatever length; it is not signed either.
        headers.remove(http::header::CONTENT_LENGTH);
        Ok(PresignedRequest {
            method: request.method().clone(),
            url,
            headers,
        })
    }
}

/// Why a call failed. Each kind of failure is its own variant: nothing sent (`Build`,
/// `Endpoint`, `Credentials`, `Signing`), nothing received (`Transport`, `Timeout`), the
/// service's answer (`Service`: a modeled error, or an unhandled one with its code; with the
/// status and request id either way), or an answer that could not be read (`Decode`).
#[derive(Debug)]
#[non_exhaustive]
pub enum InvokeError<E> {
    /// The input could not be turned into a request; nothing was sent.
    Build(BuildError),
    /// No endpoint could be resolved for the request (the rules' error, or an endpoint that is
    /// not a URL); nothing was sent.
    Endpoint(EndpointError),
    /// No credentials to sign with: none configured, or their provider failed; nothing was
    /// sent.
    Credentials(CredentialsError),
    /// The request could not be signed (no region, an auth scheme not supported yet);
    /// nothing was sent.
    Signing(SigningFailure),
    /// The transport could not complete the exchange (after the retries it allowed).
    Transport(TransportError),
    /// The call or its last attempt took longer than the configured timeout.
    Timeout(TimeoutError),
    /// The service answered with an error: one of the operation's modeled errors, or an
    /// unhandled one; with the status and request id.
    Service(ServiceError<E>),
    /// A success response whose body is not the operation's output: the status, the decoding
    /// error and the body.
    Decode(ResponseDecodeError),
}

impl<E> InvokeError<E> {
    fn from_failure(failure: Failure) -> Self {
        match failure {
            Failure::Auth(AuthFailure::Credentials(e)) => InvokeError::Credentials(e),
            Failure::Auth(AuthFailure::Signing(e)) => InvokeError::Signing(e),
            Failure::Transport(e) => InvokeError::Transport(e),
            Failure::Timeout(e) => InvokeError::Timeout(e),
        }
    }
}

impl<E> InvokeError<E> {
    /// The service's error, if that is what this is.
    pub fn as_service_error(&self) -> Option<&E> {
        match self {
            InvokeError::Service(e) => Some(e.error()),
            _ => None,
        }
    }

    /// The service's error by value, if that is what this is.
    pub fn into_service_error(self) -> Option<E> {
        match self {
            InvokeError::Service(e) => Some(e.into_error()),
            _ => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for InvokeError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvokeError::Build(e) => write!(f, "{e}"),
            InvokeError::Endpoint(e) => write!(f, "{e}"),
            InvokeError::Credentials(e) => write!(f, "{e}"),
            InvokeError::Signing(e) => write!(f, "{e}"),
            InvokeError::Transport(e) => write!(f, "transport error: {e}"),
            InvokeError::Timeout(e) => write!(f, "{e}"),
            InvokeError::Service(e) => write!(f, "{e}"),
            InvokeError::Decode(e) => write!(f, "{e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for InvokeError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InvokeError::Build(e) => Some(e),
            InvokeError::Endpoint(e) => Some(e),
            InvokeError::Credentials(e) => Some(e),
            InvokeError::Signing(e) => Some(e),
            InvokeError::Transport(e) => Some(e),
            InvokeError::Timeout(e) => Some(e),
            InvokeError::Service(e) => e.error().source(),
            InvokeError::Decode(e) => Some(e),
        }
    }
}

#[cfg(test)]
mod tests;
