//! Responses of the JSON protocols (awsJson1_0, awsJson1_1, and restJson1 outputs without HTTP
//! bindings): the body is the output as a JSON object, errors are found by
//! [`json_error_parts`].

use http::Response;

use super::{JsonDecode, JsonReader};
use crate::error::json_error_parts;
use crate::response::{split_response, ErrorResponse};
use crate::ParseError;

/// Sorts a JSON protocol's response: the body when the status is below 300, an
/// [`ErrorResponse`] with the code and message of [`json_error_parts`] otherwise.
///
/// Not generic, so that the one copy serves every operation (through [`decode_response`]).
pub fn split_json_response(response: Response<Vec<u8>>) -> Result<Vec<u8>, ErrorResponse> {
    match split_response(response, json_error_parts) {
        Ok(response) => Ok(response.into_body()),
        Err(error) => Err(error),
    }
}

/// Parses a JSON protocol's response into `T` or `E`; what generated `parse_response` functions
/// call. A success decodes the body as `T` (an empty body as `{}`), and a body that does not
/// decode is a [`ParseError::Decode`]; an error response goes to `error`.
///
/// The body decoding is written out here rather than calling [`from_slice`](super::from_slice):
/// this is instantiated once per operation, and one function is less code than two.
pub fn decode_response<T, E>(
    response: Response<Vec<u8>>,
    error: fn(&ErrorResponse) -> E,
) -> Result<T, ParseError<E>>
where
    T: JsonDecode,
{
    let response = match split_response(response, json_error_parts) {
        Ok(response) => response,
        Err(response) => return Err(ParseError::service(error(&response), &response)),
    };
    let mut r = JsonReader::for_body(response.body());
    let decoded = T::decode_json(&mut r).and_then(|value| r.finish().map(|()| value));
    decoded.map_err(|e| ParseError::decode(e, response))
}
