//! XML reading and writing for the XML protocols (restXml, awsQuery and ec2Query responses).
//!
//! Like [`json`](crate::json): generated code is one small function per shape calling into this
//! module; a structure's decoder lists `(element name, slot)` pairs for
//! [`XmlReader::read_members`]. The tokenizer is quick-xml's; entities are never expanded beyond
//! the five predefined ones and character references, nesting is bounded, and errors name the
//! path (`ListBucketResult.Contents[3].Key`) and byte offset.

mod decode;
mod encode;
mod members;
mod reader;
mod writer;

pub use decode::{read_entry, read_items, read_map, read_parsed, read_timestamp, XmlDecode};
pub use encode::{to_vec, write_list, write_map, Element, XmlEncode};
pub use members::{CustomMember, FlatList, FlatMap, TimestampMember, XmlMember};
pub use reader::{XmlReader, DEFAULT_MAX_DEPTH};
pub use writer::{Namespace, XmlWriter};

use http::Response;

use crate::error::xml_error_summary;
use crate::response::{split_response, ErrorResponse};
use crate::{DecodeError, ParseError};

/// Decodes a whole document whose root element is `T`, whatever the root's name; nothing but
/// whitespace, comments and processing instructions may follow it.
pub fn from_slice<T: XmlDecode>(bytes: &[u8]) -> Result<T, DecodeError> {
    decode_document(bytes, None)
}

/// Decodes a whole document as `T`, its root element named `root` when given.
fn decode_document<T: XmlDecode>(bytes: &[u8], root: Option<&str>) -> Result<T, DecodeError> {
    let mut r = XmlReader::new(bytes);
    enter_root(&mut r, root)?;
    let value = T::decode_xml(&mut r)?;
    match r.finish() {
        Ok(()) => Ok(value),
        Err(e) => Err(e),
    }
}

/// Opens the root element, which must be named `expected` (its local name) when given: a
/// document of another kind (an HTML error page from a proxy, another operation's response) is
/// an error rather than a value with nothing set.
fn enter_root(r: &mut XmlReader<'_>, expected: Option<&str>) -> Result<(), DecodeError> {
    let found = r.root()?;
    match expected {
        Some(expected) if found != expected => Err(r.error(format!(
            "expected the root element <{expected}>, found <{found}>"
        ))),
        _ => Ok(()),
    }
}

/// Whether an HTTP body holds nothing but whitespace.
fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// `T` with nothing set, for an empty body.
fn empty<T: XmlDecode>() -> Result<T, DecodeError> {
    from_slice(b"<Empty/>")
}

/// Decodes an HTTP body whose root element is `root` (a restXml output's or input's name) as
/// `T`; an empty body is `T` with nothing set.
pub fn from_body<T: XmlDecode>(bytes: &[u8], root: &str) -> Result<T, DecodeError> {
    if is_blank(bytes) {
        return empty();
    }
    decode_document(bytes, Some(root))
}

/// Decodes an XML payload (a restXml structure or union bound with `@httpPayload`, or an
/// unwrapped output's member) whose root element is `root`: `None` when the body is empty.
pub fn from_payload<T: XmlDecode>(bytes: &[u8], root: &str) -> Result<Option<T>, DecodeError> {
    if is_blank(bytes) {
        return Ok(None);
    }
    decode_document(bytes, Some(root)).map(Some)
}

/// The error a success response stands for when its body is an XML error (`<Error>` as root,
/// which S3's `CopyObject` and a few others may send with status 200), else `None`.
pub fn error_in_success(response: &Response<Vec<u8>>) -> Option<ErrorResponse> {
    if response.status().as_u16() >= 300 || is_blank(response.body()) {
        return None;
    }
    let mut r = XmlReader::new(response.body());
    match r.root() {
        Ok(root) if root == "Error" => {}
        _ => return None,
    }
    let parts = xml_error_summary(response.headers(), response.body());
    Some(ErrorResponse::new(response.clone(), parts))
}

/// Decodes `T` from the child `result` of the root element `root`, the rest skipped: the
/// `<OperationResponse><OperationResult>…` wrapping of awsQuery outputs. Without that child, or
/// with an empty body, `T` has nothing set.
pub fn from_wrapped_body<T: XmlDecode>(
    bytes: &[u8],
    root: &str,
    result: &str,
) -> Result<T, DecodeError> {
    if is_blank(bytes) {
        return empty();
    }
    let mut r = XmlReader::new(bytes);
    enter_root(&mut r, Some(root))?;
    let mut value = None;
    while let Some(name) = r.next_child()? {
        if name == result && value.is_none() {
            value = Some(T::decode_xml(&mut r).map_err(|e| e.in_field(result))?);
        } else {
            r.skip()?;
        }
    }
    r.finish()?;
    match value {
        Some(value) => Ok(value),
        None => empty(),
    }
}

/// Decodes the `<Error>` element of an XML error body as `T` (its children are the error's
/// members), in any of the three layouts: a bare `<Error>` (restXml with `noErrorWrapping`),
/// `<ErrorResponse><Error>…` (awsQuery, restXml) or `<Response><Errors><Error>…` (ec2Query).
pub fn error_from_slice<T: XmlDecode>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut r = XmlReader::new(bytes);
    let root = r.root()?;
    let path: &[&str] = match &*root {
        "Error" => &[],
        "ErrorResponse" => &["Error"],
        "Response" => &["Errors", "Error"],
        other => return Err(r.error(format!("<{other}> is not an XML error body"))),
    };
    for step in path {
        loop {
            match r.next_child()? {
                Some(name) if name == *step => break,
                Some(_) => r.skip()?,
                None => return Err(r.error(format!("no <{step}> in the XML error body"))),
            }
        }
    }
    T::decode_xml(&mut r)
}

/// Parses the response of an XML protocol whose output is the whole body (restXml outputs
/// without members bound elsewhere), its root element named `root`: a success decodes `T` with
/// [`from_body`], a decoding failure is a [`ParseError::Decode`]; an error
/// response, with its code and message found by [`xml_error_summary`], goes to `error`.
pub fn decode_response<T, E>(
    response: Response<Vec<u8>>,
    root: &str,
    error: fn(&ErrorResponse) -> E,
) -> Result<T, ParseError<E>>
where
    T: XmlDecode,
{
    match split_response(response, xml_error_summary) {
        Ok(response) => match from_body(response.body(), root) {
            Ok(value) => Ok(value),
            Err(e) => Err(ParseError::decode(e, response)),
        },
        Err(response) => Err(ParseError::service(error(&response), &response)),
    }
}

#[cfg(test)]
mod tests;
