//! Finding the error code and message of a failed response, once for all generated code.

mod json_parts;
mod sanitize;
mod unhandled;
mod xml_parts;

pub(crate) use json_parts::header_request_id;
pub use json_parts::{json_error_parts, ErrorParts};
#[cfg(feature = "cbor")]
pub(crate) use json_parts::{query_code, starts_with};
pub use sanitize::sanitize_error_code;
pub use unhandled::UnhandledError;
pub use xml_parts::{xml_error_parts, xml_error_summary, XmlErrorParts};
