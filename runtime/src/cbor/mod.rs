//! CBOR (RFC 8949) reading and writing for the rpcv2Cbor protocol, behind the `cbor` feature
//! (generated crates turn it on when their service speaks rpcv2Cbor).
//!
//! Hand-written, like the JSON codecs: a pull decoder over the input bytes with no intermediate
//! tree, which generated decoders drive straight into their types, and a writer of shortest-form
//! heads. `docs/cbor.md` compares it with the CBOR crates.

mod big;
mod decode;
mod encode;
mod members;
mod reader;
mod request;
mod response;
mod writer;

pub use decode::CborDecode;
pub use encode::CborEncode;
pub use members::CborMember;
pub use reader::{CborKind, CborReader, DEFAULT_MAX_DEPTH};
pub use request::{rpc_v2_cbor_request, CBOR_MEDIA_TYPE};
pub use response::{cbor_error_parts, decode_response};
pub use writer::CborWriter;

use crate::DecodeError;

/// Decodes a whole CBOR body as a `T`, rejecting anything after the data item. An empty body
/// decodes as an empty map (an output or error without members).
pub fn from_slice<T: CborDecode>(bytes: &[u8]) -> Result<T, DecodeError> {
    let mut r = CborReader::for_body(bytes);
    let value = T::decode_cbor(&mut r)?;
    match r.finish() {
        Ok(()) => Ok(value),
        Err(e) => Err(e),
    }
}

/// Encodes `value` as a CBOR body. Generated code passes a `&dyn CborEncode`, so that one copy
/// serves every operation.
pub fn to_vec<T: CborEncode + ?Sized>(value: &T) -> Vec<u8> {
    let mut w = CborWriter::new();
    value.encode_cbor(&mut w);
    w.finish()
}

#[cfg(test)]
mod tests;
