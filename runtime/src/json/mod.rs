//! JSON reading and writing for the JSON protocols (awsJson1_0, awsJson1_1, restJson1).
//!
//! Hand-written rather than serde-based: generated code stays one small non-generic function
//! per shape (serde derive would expand to many items per shape), and the reader is a pull parser
//! over the input bytes with no intermediate tree.

mod decode;
mod encode;
mod members;
mod number;
mod reader;
mod response;
mod skip;
mod string;
mod writer;

pub use decode::JsonDecode;
pub use encode::JsonEncode;
pub use members::{CustomMember, JsonMember, TimestampMember};
pub use reader::{JsonKind, JsonReader, DEFAULT_MAX_DEPTH};
pub use response::decode_response;
pub use writer::JsonWriter;

use crate::DecodeError;

/// Decodes a whole JSON body as a `T`, rejecting anything but whitespace after the value.
///
/// An empty or whitespace-only body decodes as if it were `{}`: awsJson services may answer an
/// operation with an empty output with no body at all.
pub fn from_slice<T: JsonDecode>(bytes: &[u8]) -> Result<T, DecodeError> {
    // Instantiated once per decoded type, so the generic part stays minimal.
    let mut r = JsonReader::for_body(bytes);
    let value = T::decode_json(&mut r)?;
    match r.finish() {
        Ok(()) => Ok(value),
        Err(e) => Err(e),
    }
}

/// Decodes an HTTP payload (a restJson1 structure, union or document bound with
/// `@httpPayload`): `None` when the body is empty or whitespace, else the value.
pub fn from_payload<T: JsonDecode>(bytes: &[u8]) -> Result<Option<T>, DecodeError> {
    if bytes
        .iter()
        .all(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
    {
        return Ok(None);
    }
    from_slice(bytes).map(Some)
}

impl<'a> JsonReader<'a> {
    /// A reader over an HTTP body: `bytes`, or `{}` when they hold nothing but whitespace.
    pub fn for_body(bytes: &'a [u8]) -> Self {
        if bytes
            .iter()
            .all(|b| matches!(b, b' ' | b'\n' | b'\r' | b'\t'))
        {
            JsonReader::new(b"{}")
        } else {
            JsonReader::new(bytes)
        }
    }
}

/// Encodes `value` as a JSON body. Generated code passes a `&dyn JsonEncode`, so that one copy
/// serves every operation.
pub fn to_vec<T: JsonEncode + ?Sized>(value: &T) -> Vec<u8> {
    let mut w = JsonWriter::new();
    value.encode_json(&mut w);
    w.finish()
}

#[cfg(test)]
mod tests;
