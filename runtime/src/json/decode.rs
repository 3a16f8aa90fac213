//! `JsonDecode`: how each runtime type reads itself from a [`JsonReader`].

use std::collections::BTreeMap;

use super::JsonReader;
use crate::{
    BigDecimal, BigInteger, Blob, DecodeError, Document, Number, Timestamp, TimestampFormat,
};

/// A type that reads itself from the next JSON value.
///
/// Generated structures implement [`decode_json`](Self::decode_json) with
/// [`JsonReader::read_members`]; everything else is implemented here.
pub trait JsonDecode: Sized {
    /// Reads one value.
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError>;

    /// Reads one element of a list or one value of a map; `Ok(None)` drops the entry.
    ///
    /// The default drops a JSON `null`: non-sparse collections never hold nulls, so one on the
    /// wire is treated as absent rather than failing the whole response. `Option<T>`, the
    /// element type of `@sparse` collections, overrides this to keep nulls as `None`.
    fn decode_json_element(r: &mut JsonReader<'_>) -> Result<Option<Self>, DecodeError> {
        if r.take_null() {
            return Ok(None);
        }
        match Self::decode_json(r) {
            Ok(value) => Ok(Some(value)),
            Err(e) => Err(e),
        }
    }
}

/// The output of an operation without one (`smithy.api#Unit`): any value is accepted and skipped.
impl JsonDecode for () {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        r.skip_value()
    }
}

impl JsonDecode for bool {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        r.read_bool()
    }
}

macro_rules! decode_narrow_integer {
    ($($ty:ty => $name:literal),* $(,)?) => {$(
        impl JsonDecode for $ty {
            fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
                r.read_integer($name)
            }
        }
    )*};
}

decode_narrow_integer! {
    i8 => "a byte",
    i16 => "a short",
    i32 => "an integer",
}

impl JsonDecode for i64 {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        r.read_i64()
    }
}

impl JsonDecode for f32 {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        r.read_f32()
    }
}

impl JsonDecode for f64 {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        r.read_f64()
    }
}

impl JsonDecode for String {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        r.read_string().map(|s| s.into_owned())
    }
}

/// A base64 string.
impl JsonDecode for Blob {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let start = r.position();
        let text = r.read_string()?;
        Blob::from_base64(&text).map_err(|e| DecodeError::new(e.to_string()).with_offset(start))
    }
}

/// A number of epoch seconds (the awsJson default), or a date-time string.
impl JsonDecode for Timestamp {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        r.read_timestamp(TimestampFormat::EpochSeconds)
    }
}

/// A JSON number, kept as its exact text, or a string holding one (rpcv2Json writes big
/// numbers as strings to keep their precision through JSON parsers).
impl JsonDecode for BigInteger {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let start = r.position();
        let text = big_number_text(r)?;
        BigInteger::new(text).map_err(|_| {
            DecodeError::new("expected an integer, found a number with a fraction or exponent")
                .with_offset(start)
        })
    }
}

/// A JSON number, kept as its exact text, or a string holding one.
impl JsonDecode for BigDecimal {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let start = r.position();
        let text = big_number_text(r)?;
        BigDecimal::new(text).map_err(|e| DecodeError::new(e.to_string()).with_offset(start))
    }
}

/// The text of a big number: a JSON number, or a string (checked by the caller).
fn big_number_text(r: &mut JsonReader<'_>) -> Result<String, DecodeError> {
    if r.peek_kind() == Some(super::JsonKind::String) {
        r.read_string().map(|text| text.into_owned())
    } else {
        r.read_number_text().map(|text| text.to_owned())
    }
}

impl<T: JsonDecode> JsonDecode for Box<T> {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        match T::decode_json(r) {
            Ok(value) => Ok(Box::new(value)),
            Err(e) => Err(e),
        }
    }

    fn decode_json_element(r: &mut JsonReader<'_>) -> Result<Option<Self>, DecodeError> {
        match T::decode_json_element(r) {
            Ok(value) => Ok(value.map(Box::new)),
            Err(e) => Err(e),
        }
    }
}

/// `null` is `None`. Used for optional members and for entries of sparse collections.
impl<T: JsonDecode> JsonDecode for Option<T> {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        if r.take_null() {
            return Ok(None);
        }
        match T::decode_json(r) {
            Ok(value) => Ok(Some(value)),
            Err(e) => Err(e),
        }
    }

    /// Keeps `null` entries: `Vec<Option<T>>` and `BTreeMap<String, Option<T>>` are the sparse
    /// collections.
    fn decode_json_element(r: &mut JsonReader<'_>) -> Result<Option<Self>, DecodeError> {
        Self::decode_json(r).map(Some)
    }
}

/// An array; errors name the element as `[i]`. `null` elements are dropped unless `T` is an
/// `Option` (see [`JsonDecode::decode_json_element`]).
impl<T: JsonDecode> JsonDecode for Vec<T> {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let mut out = Vec::new();
        let result = r.read_elements(&mut |r| {
            match T::decode_json_element(r) {
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

/// An object; errors name the entry as `["key"]`. `null` values are dropped unless `T` is an
/// `Option` (see [`JsonDecode::decode_json_element`]). A repeated key keeps the last value.
impl<T: JsonDecode> JsonDecode for BTreeMap<String, T> {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        let mut out = BTreeMap::new();
        let result = r.read_entries(&mut |r, key| {
            match T::decode_json_element(r) {
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

/// Any JSON value. Integers become `PosInt`/`NegInt` when they fit in 64 bits, `Float`
/// otherwise. Nesting is bounded by the reader's depth limit.
impl JsonDecode for Document {
    fn decode_json(r: &mut JsonReader<'_>) -> Result<Self, DecodeError> {
        match r.peek() {
            Some(b'{') => {
                let mut entries = BTreeMap::new();
                r.read_object(|r, key| {
                    let v = Document::decode_json(r).map_err(|e| e.at_key(key))?;
                    entries.insert(key.to_owned(), v);
                    Ok(())
                })?;
                Ok(Document::Object(entries))
            }
            Some(b'[') => {
                let mut items = Vec::new();
                r.read_array(|r, i| {
                    items.push(Document::decode_json(r).map_err(|e| e.at_index(i))?);
                    Ok(())
                })?;
                Ok(Document::Array(items))
            }
            Some(b'"') => r.read_string().map(|s| Document::String(s.into_owned())),
            Some(b't' | b'f') => r.read_bool().map(Document::Bool),
            Some(b'n') if r.take_null() => Ok(Document::Null),
            Some(b'-' | b'0'..=b'9') => decode_document_number(r).map(Document::Number),
            _ => Err(r.unexpected("a value")),
        }
    }

    /// A document keeps `null` wherever it appears: it is a value, not an absence.
    fn decode_json_element(r: &mut JsonReader<'_>) -> Result<Option<Self>, DecodeError> {
        Self::decode_json(r).map(Some)
    }
}

fn decode_document_number(r: &mut JsonReader<'_>) -> Result<Number, DecodeError> {
    let start = r.position();
    let n = r.read_number()?;
    let exact = match n.integer {
        Some(m) if !n.negative => Some(Number::PosInt(m)),
        Some(m) => 0i64.checked_sub_unsigned(m).map(Number::from),
        None => None,
    };
    match exact {
        Some(number) => Ok(number),
        None => match n.text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Number::Float(f)),
            _ => Err(DecodeError::new("number out of range for a document").with_offset(start)),
        },
    }
}
