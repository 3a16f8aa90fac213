//! Responses of the JSON protocols (awsJson1_0, awsJson1_1, and restJson1 outputs without HTTP
//! bindings): the body is the output as a JSON object, errors are found by
//! [`json_error_parts`].

use http::Response;

use super::{JsonDecode, JsonReader};
use crate::error::json_error_parts;
use crate::response::{split_response, ErrorResponse};
use crate::DecodeError;

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
/// decode becomes an `E` through `From<DecodeError>`; an error response goes to `error`.
///
/// The body decoding is written out here rather than calling [`from_slice`](super::from_slice):
/// this is instantiated once per operation, and one function is less code than two.
pub fn decode_response<T, E>(
    response: Response<Vec<u8>>,
    error: fn(&ErrorResponse) -> E,
) -> Result<T, E>
where
    T: JsonDecode,
    E: From<DecodeError>,
{
    let body = match split_json_response(response) {
        Ok(body) => body,
        Err(response) => return Err(error(&response)),
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
