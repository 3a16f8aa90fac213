//! Reading the output (or error) of a REST operation from a response: members bound to headers,
//! prefix headers, the status code and the payload.

use std::collections::BTreeMap;

use http::{HeaderMap, Response};

use super::header::{split_http_dates, split_list};
use crate::error::ErrorParts;
use crate::response::{split_response, ErrorResponse};
use crate::text::FromText;
use crate::{Blob, DecodeError, ParseError, Timestamp, TimestampFormat};

/// A structure read from a whole response: status, headers and body. Generated for the outputs
/// and errors of REST operations that bind members outside the body.
pub trait DecodeResponse: Sized {
    /// Reads the value from `response`.
    fn decode_response(response: &Response<Vec<u8>>) -> Result<Self, DecodeError>;
}

/// The output of an operation without one: nothing is read, whatever the body holds.
impl DecodeResponse for () {
    fn decode_response(_: &Response<Vec<u8>>) -> Result<Self, DecodeError> {
        Ok(())
    }
}

/// Parses a REST operation's response: a success status decodes `T` with
/// [`DecodeResponse`] (a failure is a [`ParseError::Decode`]); an error status
/// becomes an [`ErrorResponse`] whose code and message `find_parts` reads, given to `error`.
pub fn decode_response<T, E>(
    response: Response<Vec<u8>>,
    find_parts: fn(&HeaderMap, &[u8]) -> ErrorParts,
    error: fn(&ErrorResponse) -> E,
) -> Result<T, ParseError<E>>
where
    T: DecodeResponse,
{
    match split_response(response, find_parts) {
        Ok(response) => match T::decode_response(&response) {
            Ok(value) => Ok(value),
            Err(e) => Err(ParseError::decode(e, response)),
        },
        Err(response) => Err(ParseError::service(error(&response), &response)),
    }
}

fn header_error(name: &str, reason: impl std::fmt::Display) -> DecodeError {
    DecodeError::new(format!("header `{name}`: {reason}"))
}

/// The values of header `name` as text: `None` when absent; an error when one is not visible
/// ASCII text.
fn header_texts<'h>(
    headers: &'h HeaderMap,
    name: &str,
) -> Result<Option<Vec<&'h str>>, DecodeError> {
    let mut texts = Vec::new();
    for value in headers.get_all(name) {
        match value.to_str() {
            Ok(text) => texts.push(text),
            Err(_) => return Err(header_error(name, "the value is not visible ASCII text")),
        }
    }
    Ok((!texts.is_empty()).then_some(texts))
}

/// The one value of header `name`: `None` when absent, an error when repeated.
fn single_header<'h>(headers: &'h HeaderMap, name: &str) -> Result<Option<&'h str>, DecodeError> {
    match header_texts(headers, name)? {
        None => Ok(None),
        Some(texts) => match texts.as_slice() {
            [one] => Ok(Some(one.trim_matches([' ', '\t']))),
            _ => Err(header_error(
                name,
                format!("expected one value, found {}", texts.len()),
            )),
        },
    }
}

/// A header holding one value of type `T` (a string, number, boolean or base64 blob).
pub fn header<T: FromText>(headers: &HeaderMap, name: &str) -> Result<Option<T>, DecodeError> {
    match single_header(headers, name)? {
        None => Ok(None),
        Some(text) => T::from_text(text)
            .map(Some)
            .map_err(|reason| header_error(name, reason)),
    }
}

/// A string header whose member's target has `@mediaType`: sent base64-encoded.
pub fn header_base64_string(
    headers: &HeaderMap,
    name: &str,
) -> Result<Option<String>, DecodeError> {
    match header::<Blob>(headers, name)? {
        None => Ok(None),
        Some(blob) => String::from_utf8(blob.into_inner())
            .map(Some)
            .map_err(|_| header_error(name, "the base64 value is not UTF-8 text")),
    }
}

/// A timestamp header in `format` (http-date by default).
pub fn header_timestamp(
    headers: &HeaderMap,
    name: &str,
    format: TimestampFormat,
) -> Result<Option<Timestamp>, DecodeError> {
    match single_header(headers, name)? {
        None => Ok(None),
        Some(text) => parse_timestamp(name, text, format).map(Some),
    }
}

fn parse_timestamp(
    name: &str,
    text: &str,
    format: TimestampFormat,
) -> Result<Timestamp, DecodeError> {
    Timestamp::parse(text, format).map_err(|e| header_error(name, format!("{e}: `{text}`")))
}

/// A list header: each value split on commas outside quoted strings (see
/// [`split_list`](super::split_list)), repeated headers concatenated.
pub fn header_list<T: FromText>(
    headers: &HeaderMap,
    name: &str,
) -> Result<Option<Vec<T>>, DecodeError> {
    let Some(texts) = header_texts(headers, name)? else {
        return Ok(None);
    };
    let mut items = Vec::new();
    for text in texts {
        for element in split_list(text).map_err(|reason| header_error(name, reason))? {
            items.push(T::from_text(&element).map_err(|reason| header_error(name, reason))?);
        }
    }
    Ok(Some(items))
}

/// A list of timestamps in one header. http-dates hold a comma of their own, so they are split
/// by position (every other comma); other formats like any list.
pub fn header_timestamps(
    headers: &HeaderMap,
    name: &str,
    format: TimestampFormat,
) -> Result<Option<Vec<Timestamp>>, DecodeError> {
    let Some(texts) = header_texts(headers, name)? else {
        return Ok(None);
    };
    let mut items = Vec::new();
    for text in texts {
        if format == TimestampFormat::HttpDate {
            for date in split_http_dates(text) {
                items.push(parse_timestamp(name, date, format)?);
            }
        } else {
            for element in split_list(text).map_err(|reason| header_error(name, reason))? {
                items.push(parse_timestamp(name, &element, format)?);
            }
        }
    }
    Ok(Some(items))
}

/// `@httpPrefixHeaders`: every header whose name starts with `prefix` (case-insensitively), by
/// the rest of its name. Header names are lower-case here, as in HTTP/2 and the `http` crate,
/// whatever case the server sent. An empty map when no header matches: headers cannot tell an
/// unset map from an empty one, and the compliance cases expect the empty map.
pub fn prefix_headers(
    headers: &HeaderMap,
    prefix: &str,
) -> Result<Option<BTreeMap<String, String>>, DecodeError> {
    let prefix = prefix.to_ascii_lowercase();
    let mut map = BTreeMap::new();
    for name in headers.keys() {
        let Some(key) = name.as_str().strip_prefix(&prefix) else {
            continue;
        };
        let texts = header_texts(headers, name.as_str())?.unwrap_or_default();
        map.insert(key.to_owned(), texts.join(", "));
    }
    Ok(Some(map))
}

/// A blob payload: the body, or `None` when it is empty.
pub fn blob_payload(body: &[u8]) -> Option<Blob> {
    (!body.is_empty()).then(|| Blob::new(body))
}

/// A string payload: the body as UTF-8 text, or `None` when it is empty.
pub fn string_payload(body: &[u8]) -> Result<Option<String>, DecodeError> {
    if body.is_empty() {
        return Ok(None);
    }
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Some(text.to_owned())),
        Err(e) => Err(DecodeError::new(format!(
            "the payload is not UTF-8 text: {e}"
        ))),
    }
}

#[cfg(test)]
mod tests;
