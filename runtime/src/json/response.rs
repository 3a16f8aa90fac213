//! Responses of the JSON protocols (awsJson1_0, awsJson1_1, and restJson1 outputs without HTTP
//! bindings): the body is the output as a JSON object, errors are found by
//! [`json_error_parts`].

use http::Response;

use super::{JsonDecode, JsonReader};
use crate::error::json_error_parts;
use crate::response::{split_response, ErrorResponse};
use crate::ParseError;

/// Parses a JSON protocol's response into `T` or `E`; what generated `parse_response` functions
/// call. A success decodes the body as `T` (an empty body as `{}`), and a body that does not
/// decode is a [`ParseError::Decode`]; an error response goes to `error`.
///
/// This is instantiated once per operation, so it is written as plain `match`es over
/// non-generic helpers: closures and `Result` combinators would each add a copy per operation.
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
    let failure = match T::decode_json(&mut r) {
        Ok(value) => match r.finish() {
            Ok(()) => return Ok(value),
            Err(e) => e,
        },
        Err(e) => e,
    };
    Err(ParseError::decode(failure, response))
}
