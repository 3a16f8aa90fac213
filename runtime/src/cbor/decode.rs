//! `CborDecode`: how each runtime type reads itself from a [`CborReader`].

use std::collections::BTreeMap;

use super::big::{decimal_from_tag, integer_from_bignum};
use super::{CborKind, CborReader};
use crate::{BigDecimal, BigInteger, Blob, DecodeError, Document, Number, Timestamp};

/// A type that reads itself from the next CBOR data item.
///
/// Generated structures implement [`decode_cbor`](Self::decode_cbor) with
/// [`CborReader::read_members`]; everything else is implemented here.
pub trait CborDecode: Sized {
    /// Reads one value.
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError>;

    /// Reads one element of a list or one value of a map; `Ok(None)` drops the entry.
    ///
    /// The default drops a `null`: non-sparse collections never hold nulls, so one on the wire
    /// is treated as absent rather than failing the whole response. `Option<T>`, the element
    /// type of `@sparse` collections, overrides this to keep nulls as `None`.
    fn decode_cbor_element(r: &mut CborReader<'_>) -> Result<Option<Self>, DecodeError> {
        if r.take_null() {
            return Ok(None);
        }
        match Self::decode_cbor(r) {
            Ok(value) => Ok(Some(value)),
            Err(e) => Err(e),
        }
    }
}

/// The output of an operation without one (`smithy.api#Unit`): any item is accepted and skipped.
impl CborDecode for () {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        r.skip_value()
    }
}

impl CborDecode for bool {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        r.read_bool()
    }
}

macro_rules! decode_integer {
    ($($ty:ty => $name:literal),* $(,)?) => {$(
        impl CborDecode for $ty {
            fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
                r.read_integer($name)
            }
        }
    )*};
}

decode_integer! {
    i8 => "a byte",
    i16 => "a short",
    i32 => "an integer",
    i64 => "a long",
}

/// Any float width; a double outside `f32`'s range becomes an infinity.
impl CborDecode for f32 {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        r.read_f64().map(|f| f as f32)
    }
}

impl CborDecode for f64 {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        r.read_f64()
    }
}

impl CborDecode for String {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        r.read_text().map(|s| s.into_owned())
    }
}

/// A byte string.
impl CborDecode for Blob {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        r.read_bytes().map(|b| Blob::new(b.into_owned()))
    }
}

/// Epoch seconds under tag 1 (or untagged).
impl CborDecode for Timestamp {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        r.read_timestamp()
    }
}

/// An integer, or a bignum (tag 2 or 3 over a byte string).
impl CborDecode for BigInteger {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        if r.peek_kind() == Some(CborKind::Tag) {
            return integer_from_bignum(r);
        }
        r.read_int().map(BigInteger::from)
    }
}

/// A decimal fraction (tag 4), an integer or bignum, or a float (its shortest decimal text).
impl CborDecode for BigDecimal {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        let start = r.position();
        match r.peek_kind() {
            Some(CborKind::Tag) => decimal_from_tag(r),
            Some(CborKind::Unsigned | CborKind::Negative) => {
                r.read_int().map(|n| BigDecimal::from(BigInteger::from(n)))
            }
            _ => {
                let f = r.read_f64()?;
                BigDecimal::new(f.to_string()).map_err(|_| {
                    DecodeError::new(format!("{f} is not a decimal number")).with_offset(start)
                })
            }
        }
    }
}

impl<T: CborDecode> CborDecode for Box<T> {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        match T::decode_cbor(r) {
            Ok(value) => Ok(Box::new(value)),
            Err(e) => Err(e),
        }
    }

    fn decode_cbor_element(r: &mut CborReader<'_>) -> Result<Option<Self>, DecodeError> {
        match T::decode_cbor_element(r) {
            Ok(value) => Ok(value.map(Box::new)),
            Err(e) => Err(e),
        }
    }
}

/// `null` (or `undefined`) is `None`. Used for optional members and for entries of sparse
/// collections.
impl<T: CborDecode> CborDecode for Option<T> {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        if r.take_null() {
            return Ok(None);
        }
        match T::decode_cbor(r) {
            Ok(value) => Ok(Some(value)),
            Err(e) => Err(e),
        }
    }

    /// Keeps `null` entries: `Vec<Option<T>>` and `BTreeMap<String, Option<T>>` are the sparse
    /// collections.
    fn decode_cbor_element(r: &mut CborReader<'_>) -> Result<Option<Self>, DecodeError> {
        Self::decode_cbor(r).map(Some)
    }
}

/// An array; errors name the element as `[i]`. `null` elements are dropped unless `T` is an
/// `Option`. The vector grows as elements arrive: a declared length is never trusted for an
/// allocation.
impl<T: CborDecode> CborDecode for Vec<T> {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        let mut out = Vec::new();
        let result = r.read_array(|r, _| {
            match T::decode_cbor_element(r) {
                Ok(Some(v)) => out.push(v),
                Ok(None) => {}
                Err(e) => return Err(e),
            }
            Ok(())
        });
        match result {
            Ok(()) => Ok(out),
            Err(e) => Err(e),
        }
    }
}

/// A map with text keys; errors name the entry as `["key"]`. `null` values are dropped unless
/// `T` is an `Option`. A repeated key keeps the last value.
impl<T: CborDecode> CborDecode for BTreeMap<String, T> {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        let mut out = BTreeMap::new();
        let result = r.read_entries(|r, key| {
            match T::decode_cbor_element(r) {
                Ok(Some(v)) => {
                    out.insert(key.to_owned(), v);
                }
                Ok(None) => {}
                Err(e) => return Err(e),
            }
            Ok(())
        });
        match result {
            Ok(()) => Ok(out),
            Err(e) => Err(e),
        }
    }
}

/// Any data item of the JSON data model (rpcv2Cbor forbids documents, so no model should need
/// this; it is here so that every generated type has a decoder). Byte strings and tags are
/// errors.
impl CborDecode for Document {
    fn decode_cbor(r: &mut CborReader<'_>) -> Result<Self, DecodeError> {
        match r.peek_kind() {
            Some(CborKind::Map) => {
                let mut entries = BTreeMap::new();
                r.read_entries(|r, key| {
                    entries.insert(key.to_owned(), Document::decode_cbor(r)?);
                    Ok(())
                })?;
                Ok(Document::Object(entries))
            }
            Some(CborKind::Array) => {
                let mut items = Vec::new();
                r.read_array(|r, _| {
                    items.push(Document::decode_cbor(r)?);
                    Ok(())
                })?;
                Ok(Document::Array(items))
            }
            Some(CborKind::Text) => r.read_text().map(|s| Document::String(s.into_owned())),
            Some(CborKind::Bool) => r.read_bool().map(Document::Bool),
            Some(CborKind::Null) if r.take_null() => Ok(Document::Null),
            Some(CborKind::Unsigned) => r
                .read_integer("a document number")
                .map(|n| Document::Number(Number::PosInt(n))),
            Some(CborKind::Negative) => r
                .read_integer("a document number")
                .map(|n| Document::Number(Number::NegInt(n))),
            Some(CborKind::Float) => r.read_f64().map(|f| Document::Number(Number::Float(f))),
            _ => Err(r.unexpected("a document value")),
        }
    }

    /// A document keeps `null` wherever it appears: it is a value, not an absence.
    fn decode_cbor_element(r: &mut CborReader<'_>) -> Result<Option<Self>, DecodeError> {
        Self::decode_cbor(r).map(Some)
    }
}
