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

/// How every error of a generated client displays itself: `Code: message`, or the code alone
/// when the service sent no message. One function rather than a `write!` in each generated
/// `Display` impl, which would expand the formatting machinery once per error type.
pub fn display_error(
    f: &mut std::fmt::Formatter<'_>,
    code: &str,
    message: Option<&str>,
) -> std::fmt::Result {
    f.write_str(code)?;
    match message {
        Some(message) => {
            f.write_str(": ")?;
            f.write_str(message)
        }
        None => Ok(()),
    }
}
