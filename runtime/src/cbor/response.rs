//! rpcv2Cbor responses: the body is the output as a CBOR map; an error's code is the body's
//! `__type`, sanitized.

use http::{HeaderMap, Response};

use super::{CborDecode, CborKind, CborReader};
use crate::error::{header_request_id, query_code, starts_with};
use crate::error::{sanitize_error_code, xml_error_summary, ErrorParts};
use crate::response::{split_response, ErrorResponse};
use crate::ParseError;

/// Parses an rpcv2Cbor response into `T` or `E`; what generated `parse_response` functions
/// call. A success decodes the body as `T` (an empty body as an empty map), and a body that does
/// not decode is a [`ParseError::Decode`]; an error response goes to `error`.
pub fn decode_response<T, E>(
    response: Response<Vec<u8>>,
    error: fn(&ErrorResponse) -> E,
) -> Result<T, ParseError<E>>
where
    T: CborDecode,
{
    let response = match split_response(response, cbor_error_parts) {
        Ok(response) => response,
        Err(response) => return Err(ParseError::service(error(&response), &response)),
    };
    // Plain matches: this is instantiated once per operation (see the JSON `decode_response`).
    let mut r = CborReader::for_body(response.body());
    let failure = match T::decode_cbor(&mut r) {
        Ok(value) => match r.finish() {
            Ok(()) => return Ok(value),
            Err(e) => e,
        },
        Err(e) => e,
    };
    Err(ParseError::decode(failure, response))
}

/// Finds the error code and message of an rpcv2Cbor error response.
///
/// The code is the body's top-level `__type` text, sanitized with [`sanitize_error_code`]
/// (`smithy.example#Invalid:http://…` is `Invalid`); the message is the body's `message`, else
/// `Message`. An awsQuery-compatible service's `x-amzn-query-error` header (`Code;Fault`) gives
/// [`ErrorParts::query_code`]. A body that is an XML error (authentication failures from some
/// endpoints are, whatever the protocol) gives its `<Code>` and `<Message>`.
///
/// Never fails: a malformed body contributes nothing.
pub fn cbor_error_parts(headers: &HeaderMap, body: &[u8]) -> ErrorParts {
    if starts_with(body, b'<') {
        return ErrorParts {
            query_code: query_code(headers),
            ..xml_error_summary(headers, body)
        };
    }
    let mut type_ = None;
    let mut message = None;
    let mut message_capitalized = None;
    let mut r = CborReader::new(body);
    if r.peek_kind() == Some(CborKind::Map) {
        // A malformed body stops the walk; what was found before still counts.
        let _ = r.read_map(|r, key| {
            let slot = match key {
                "__type" => &mut type_,
                "message" => &mut message,
                "Message" => &mut message_capitalized,
                _ => return r.skip_value(),
            };
            if r.peek_kind() == Some(CborKind::Text) {
                *slot = Some(r.read_text()?.into_owned());
                Ok(())
            } else {
                r.skip_value()
            }
        });
    }
    ErrorParts {
        code: type_
            .as_deref()
            .map(sanitize_error_code)
            .filter(|code| !code.is_empty())
            .map(str::to_owned),
        message: message.or(message_capitalized),
        request_id: header_request_id(headers),
        query_code: query_code(headers),
    }
}
