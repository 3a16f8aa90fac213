//! The sans-IO description of an operation, and the awsJson request/response helpers generated
//! operations are built from.

use std::fmt;
use std::future::Future;

use http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use http::{Method, Request, Response, Uri};

use crate::error::{json_error_parts, ErrorParts};
use crate::json::{from_slice, JsonDecode, JsonReader};
use crate::transport::{Transport, TransportError};
use crate::DecodeError;

/// One operation of a service, independent of any HTTP client or async runtime.
///
/// Building the request and parsing the response are pure functions: a transport (see
/// [`Transport`]) moves the bytes, and tests can drive an operation with canned responses and no
/// network. [`invoke`] joins the two.
pub trait Operation {
    /// The operation's name in the model, e.g. `StartMatchBackfill`.
    const NAME: &'static str;
    /// The input structure.
    type Input;
    /// The output structure.
    type Output;
    /// The operation's error type: its modeled errors plus an unhandled fallback.
    type Error;

    /// The HTTP request for `input`. Its URI is relative (`/`); the transport supplies the
    /// endpoint.
    fn build_request(input: &Self::Input) -> Request<Vec<u8>>;

    /// The output or error a response stands for.
    fn parse_response(response: Response<Vec<u8>>) -> Result<Self::Output, Self::Error>;
}

/// Sends `O`'s request for `input` over `transport` and parses the response.
pub async fn invoke<O: Operation, T: Transport>(
    transport: &T,
    input: &O::Input,
) -> Result<O::Output, InvokeError<O::Error>> {
    send_operation::<O, T>(transport, input).await
}

/// Like [`invoke`], but builds the request before returning: the future borrows only the
/// transport, so a method taking its input by value can return it directly. Generated clients
/// call this from plain (non-`async`) methods, which compile much faster than one `async fn`
/// state machine per operation.
pub fn send_operation<'t, O, T>(
    transport: &'t T,
    input: &O::Input,
) -> impl Future<Output = Result<O::Output, InvokeError<O::Error>>> + 't
where
    O: Operation + 't,
    T: Transport + 't,
{
    let request = O::build_request(input);
    async move {
        let response = transport
            .send(request)
            .await
            .map_err(InvokeError::Transport)?;
        O::parse_response(response).map_err(InvokeError::Operation)
    }
}

/// Why [`invoke`] failed: the request never got a response, or the service answered with an
/// error.
#[derive(Debug)]
pub enum InvokeError<E> {
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
            InvokeError::Transport(_) => None,
        }
    }

    /// The operation error by value, if that is what this is.
    pub fn into_operation_error(self) -> Option<E> {
        match self {
            InvokeError::Operation(e) => Some(e),
            InvokeError::Transport(_) => None,
        }
    }
}

impl<E: fmt::Display> fmt::Display for InvokeError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InvokeError::Transport(e) => write!(f, "transport error: {e}"),
            InvokeError::Operation(e) => write!(f, "{e}"),
        }
    }
}

impl<E: std::error::Error + 'static> std::error::Error for InvokeError<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            InvokeError::Transport(e) => Some(e),
            InvokeError::Operation(e) => e.source(),
        }
    }
}

/// The two versions of the awsJson protocol, which differ only in their content type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AwsJsonVersion {
    /// `awsJson1_0`.
    V1_0,
    /// `awsJson1_1`.
    V1_1,
}

impl AwsJsonVersion {
    /// `application/x-amz-json-1.0` or `application/x-amz-json-1.1`.
    pub fn content_type(self) -> &'static str {
        match self {
            AwsJsonVersion::V1_0 => "application/x-amz-json-1.0",
            AwsJsonVersion::V1_1 => "application/x-amz-json-1.1",
        }
    }
}

/// An awsJson request: `POST /` with the protocol's content type, `X-Amz-Target: <target>`
/// (`<Service>.<Operation>`, e.g. `GameLift.StartMatchBackfill`) and a `Content-Length`.
///
/// `target` is made of Smithy identifiers, so it is always a valid header value; were it not,
/// the header would be left out (and the service would reject the request) rather than panic.
pub fn aws_json_request(version: AwsJsonVersion, target: &str, body: Vec<u8>) -> Request<Vec<u8>> {
    let length = body.len();
    let mut request = Request::new(body);
    *request.method_mut() = Method::POST;
    *request.uri_mut() = Uri::from_static("/");
    let headers = request.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static(version.content_type()),
    );
    if let Ok(target) = HeaderValue::from_str(target) {
        headers.insert("x-amz-target", target);
    }
    headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    request
}

/// An error response of an awsJson service: the code and message found by
/// [`json_error_parts`], and the body for the operation's error decoder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorResponse {
    /// The error code and message.
    pub parts: ErrorParts,
    /// The response body.
    pub body: Vec<u8>,
}

/// Sorts an awsJson response: the body when the status is below 300, an [`ErrorResponse`]
/// otherwise.
///
/// Not generic, so that the one copy serves every operation (through
/// [`decode_aws_json_response`]).
pub fn split_aws_json_response(response: Response<Vec<u8>>) -> Result<Vec<u8>, ErrorResponse> {
    if response.status().as_u16() < 300 {
        Ok(response.into_body())
    } else {
        let parts = json_error_parts(response.headers(), response.body());
        Err(ErrorResponse {
            parts,
            body: response.into_body(),
        })
    }
}

/// Parses an awsJson response: a status below 300 decodes the body as `T` (an empty body as
/// `{}`), and a decoding failure becomes an `E` through `From<DecodeError>`; any other status
/// calls `error` with the code and message found by [`json_error_parts`] and the response
/// itself (whose body the error decoder may decode or keep). Generated code calls
/// [`decode_aws_json_response`], which compiles to less per operation.
pub fn parse_aws_json_response<T, E>(
    response: Response<Vec<u8>>,
    error: impl FnOnce(ErrorParts, Response<Vec<u8>>) -> E,
) -> Result<T, E>
where
    T: JsonDecode,
    E: From<DecodeError>,
{
    if response.status().as_u16() < 300 {
        Ok(from_slice(response.body())?)
    } else {
        let parts = json_error_parts(response.headers(), response.body());
        Err(error(parts, response))
    }
}

/// Parses an awsJson response into `O`'s output or error; what generated `parse_response`
/// functions call. Like [`parse_aws_json_response`], but `error` is a plain function taking the
/// body by reference, and the body decoding is written out here rather than calling
/// [`from_slice`]: this is instantiated once per operation, and one function is less code than
/// two.
pub fn decode_aws_json_response<T, E>(
    response: Response<Vec<u8>>,
    error: fn(ErrorParts, &[u8]) -> E,
) -> Result<T, E>
where
    T: JsonDecode,
    E: From<DecodeError>,
{
    let body = match split_aws_json_response(response) {
        Ok(body) => body,
        Err(response) => return Err(error(response.parts, &response.body)),
    };
    let mut r = JsonReader::for_body(&body);
    match T::decode_json(&mut r) {
        Ok(value) => match r.finish() {
            Ok(()) => Ok(value),
            Err(e) => Err(E::from(e)),
        },
        Err(e) => Err(E::from(e)),
    }
}

#[cfg(test)]
mod tests;
