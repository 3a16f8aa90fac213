//! Error code, message, request id and members of an XML error body (restXml, awsQuery,
//! ec2Query).

use http::HeaderMap;
use quick_xml::events::Event;
use quick_xml::Reader;

use super::json_parts::{header_request_id, starts_with};
use super::ErrorParts;
use crate::DecodeError;

/// Nesting bound for error bodies, which are at most a few levels deep in practice.
const MAX_DEPTH: usize = 128;

/// What an XML error body says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct XmlErrorParts {
    /// Text of `<Error><Code>`.
    pub code: Option<String>,
    /// Text of `<Error><Message>`.
    pub message: Option<String>,
    /// Text of the `<RequestId>` (or ec2Query's `<RequestID>`) beside `<Error>`, or inside it as
    /// S3 sends it.
    pub request_id: Option<String>,
    /// Every direct child of `<Error>` (including `Code`, `Message` and `Type`) as its name and
    /// text content, in document order. Generated error decoders read their members from here.
    pub members: Vec<(String, String)>,
}

impl XmlErrorParts {
    /// The text of the first member called `name`.
    pub fn member(&self, name: &str) -> Option<&str> {
        self.members
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// The error code, message and request id of an XML error response (restXml, awsQuery,
/// ec2Query), for [`split_response`](crate::split_response): from the body's `<Error>` (see
/// [`xml_error_parts`]), the request id from the body or the `x-amz-request-id` header. Never
/// fails: a body that is not an XML error contributes nothing.
pub fn xml_error_summary(headers: &HeaderMap, body: &[u8]) -> ErrorParts {
    if starts_with(body, b'{') {
        // A JSON error body on an XML protocol (some gateways answer so): read it as JSON.
        return super::json_error_parts(headers, body);
    }
    let parts = xml_error_parts(body).unwrap_or_default();
    ErrorParts {
        code: parts
            .code
            .map(|c| super::sanitize_error_code(&c).to_owned())
            .filter(|c| !c.is_empty()),
        message: parts.message,
        request_id: parts.request_id.or_else(|| header_request_id(headers)),
        query_code: None,
    }
}

/// Whether an `<Error>` with these ancestors is the error element of one of the three layouts:
/// the root itself (restXml with `noErrorWrapping`), `<ErrorResponse><Error>` (awsQuery,
/// restXml), or `<Response><Errors><Error>` (ec2Query, and `<ErrorResponse><Errors><Error>` as
/// moto writes it).
fn is_error_position(ancestors: &[String]) -> bool {
    match ancestors {
        [] => true,
        [root] => root == "ErrorResponse",
        // moto answers an authentication failure with `<ErrorResponse><Errors><Error>`.
        [root, errors] => (root == "Response" || root == "ErrorResponse") && errors == "Errors",
        _ => false,
    }
}

fn is_request_id(name: &str) -> bool {
    name == "RequestId" || name == "RequestID"
}

/// Reads an XML error body in any of the three layouts: `<ErrorResponse><Error>…</Error>
/// <RequestId>…</RequestId></ErrorResponse>`, a bare `<Error>…</Error>`, or ec2Query's
/// `<Response><Errors><Error>…</Error></Errors><RequestID>…</RequestID></Response>`.
///
/// Only the five predefined entities and numeric character references are expanded (a DTD's
/// entities are not), nesting is bounded, and the first `<Error>` wins. Malformed XML, or a body
/// without an `<Error>` element, is an error.
pub fn xml_error_parts(body: &[u8]) -> Result<XmlErrorParts, DecodeError> {
    let mut reader = Reader::from_reader(body);
    reader.config_mut().expand_empty_elements = true;
    let xml_error = |reader: &Reader<&[u8]>, e: &dyn std::fmt::Display| {
        let offset = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        DecodeError::new(format!("invalid XML: {e}")).with_offset(offset)
    };

    let mut parts = XmlErrorParts::default();
    // Local names of the open elements.
    let mut open: Vec<String> = Vec::new();
    // Depth of the `<Error>` element being read, and whether one has been read completely.
    let mut error_depth: Option<usize> = None;
    let mut error_seen = false;
    // Text being collected for the open member of `<Error>` or request id beside it.
    let mut text: Option<String> = None;

    loop {
        let event = reader.read_event().map_err(|e| xml_error(&reader, &e))?;
        match event {
            Event::Start(start) => {
                if open.len() >= MAX_DEPTH {
                    return Err(xml_error(&reader, &"nesting too deep"));
                }
                let name = std::str::from_utf8(start.local_name().into_inner())
                    .map_err(|e| xml_error(&reader, &e))?
                    .to_owned();
                let depth = open.len();
                let in_error_child = error_depth.is_some_and(|d| depth == d + 1);
                if !error_seen
                    && error_depth.is_none()
                    && name == "Error"
                    && is_error_position(&open)
                {
                    error_depth = Some(depth);
                } else if in_error_child
                    || (depth == 1 && error_depth.is_none() && is_request_id(&name))
                {
                    text = Some(String::new());
                }
                open.push(name);
            }
            Event::End(_) => {
                let name = open.pop().unwrap_or_default();
                let depth = open.len();
                if error_depth == Some(depth) {
                    error_depth = None;
                    error_seen = true;
                } else if error_depth.is_some_and(|d| depth == d + 1) {
                    let value = text.take().unwrap_or_default();
                    match name.as_str() {
                        "Code" if parts.code.is_none() => parts.code = Some(value.clone()),
                        "Message" if parts.message.is_none() => parts.message = Some(value.clone()),
                        n if is_request_id(n) && parts.request_id.is_none() => {
                            parts.request_id = Some(value.clone());
                        }
                        _ => {}
                    }
                    parts.members.push((name, value));
                } else if depth == 1 && error_depth.is_none() && is_request_id(&name) {
                    parts.request_id = text.take();
                }
                if open.is_empty() {
                    // The root closed; whatever follows is not part of the error.
                    break;
                }
            }
            Event::Text(t) => {
                if let Some(buf) = text.as_mut() {
                    buf.push_str(&t.unescape().map_err(|e| xml_error(&reader, &e))?);
                }
            }
            Event::CData(c) => {
                if let Some(buf) = text.as_mut() {
                    buf.push_str(&c.decode().map_err(|e| xml_error(&reader, &e))?);
                }
            }
            Event::Eof => {
                if !open.is_empty() {
                    return Err(xml_error(&reader, &"unexpected end of the document"));
                }
                break;
            }
            // Declarations, comments, processing instructions and DTDs carry nothing we use; a
            // DTD's entities are never expanded.
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) | Event::DocType(_) => {}
            Event::Empty(_) => {}
        }
    }
    if !error_seen {
        return Err(DecodeError::new("no <Error> element in the XML error body"));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests;
