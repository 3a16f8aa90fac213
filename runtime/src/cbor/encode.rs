//! `CborEncode`: how each runtime type writes itself, plus the one-line-per-member helpers
//! generated structure encoders call.

use std::collections::BTreeMap;

use super::big::{write_decimal, write_integer};
use super::CborWriter;
use crate::{BigDecimal, BigInteger, Blob, Document, Number, Timestamp};

/// A type that writes itself as one CBOR data item.
pub trait CborEncode {
    /// Writes `self` as the next data item.
    fn encode_cbor(&self, w: &mut CborWriter);
}

impl CborWriter {
    /// Writes the key `name` and the value.
    pub fn field(&mut self, name: &str, value: &(impl CborEncode + ?Sized)) {
        self.text(name);
        value.encode_cbor(self);
    }

    /// Writes the key `name` and the value if it is set; `None` writes nothing (absent members
    /// are not sent as `null`).
    pub fn optional_field<T: CborEncode>(&mut self, name: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.field(name, v);
        }
    }
}

/// An input without members (`smithy.api#Unit` is not sent at all): an empty map.
impl CborEncode for () {
    fn encode_cbor(&self, w: &mut CborWriter) {
        w.map(0);
    }
}

impl CborEncode for bool {
    fn encode_cbor(&self, w: &mut CborWriter) {
        w.bool(*self);
    }
}

macro_rules! encode_integer {
    ($($ty:ty),*) => {$(
        impl CborEncode for $ty {
            fn encode_cbor(&self, w: &mut CborWriter) {
                w.int(i128::from(*self));
            }
        }
    )*};
}

encode_integer!(i8, i16, i32, i64);

impl CborEncode for f32 {
    fn encode_cbor(&self, w: &mut CborWriter) {
        w.f32(*self);
    }
}

impl CborEncode for f64 {
    fn encode_cbor(&self, w: &mut CborWriter) {
        w.f64(*self);
    }
}

impl CborEncode for String {
    fn encode_cbor(&self, w: &mut CborWriter) {
        w.text(self);
    }
}

impl CborEncode for str {
    fn encode_cbor(&self, w: &mut CborWriter) {
        w.text(self);
    }
}

impl CborEncode for Blob {
    fn encode_cbor(&self, w: &mut CborWriter) {
        w.bytes(self.as_bytes());
    }
}

impl CborEncode for Timestamp {
    fn encode_cbor(&self, w: &mut CborWriter) {
        w.timestamp(self);
    }
}

impl CborEncode for BigInteger {
    fn encode_cbor(&self, w: &mut CborWriter) {
        write_integer(w, self);
    }
}

impl CborEncode for BigDecimal {
    fn encode_cbor(&self, w: &mut CborWriter) {
        write_decimal(w, self);
    }
}

impl<T: CborEncode + ?Sized> CborEncode for Box<T> {
    fn encode_cbor(&self, w: &mut CborWriter) {
        (**self).encode_cbor(w);
    }
}

/// `None` is `null`: only entries of sparse collections are written this way (absent members
/// are left out by [`CborWriter::optional_field`]).
impl<T: CborEncode> CborEncode for Option<T> {
    fn encode_cbor(&self, w: &mut CborWriter) {
        match self {
            Some(value) => value.encode_cbor(w),
            None => w.null(),
        }
    }
}

impl<T: CborEncode> CborEncode for Vec<T> {
    fn encode_cbor(&self, w: &mut CborWriter) {
        w.array(self.len());
        for item in self {
            item.encode_cbor(w);
        }
    }
}

impl<T: CborEncode> CborEncode for BTreeMap<String, T> {
    fn encode_cbor(&self, w: &mut CborWriter) {
        w.map(self.len());
        for (key, value) in self {
            w.text(key);
            value.encode_cbor(w);
        }
    }
}

/// The JSON data model in CBOR (rpcv2Cbor forbids documents; this keeps every generated type
/// encodable).
impl CborEncode for Document {
    fn encode_cbor(&self, w: &mut CborWriter) {
        match self {
            Document::Null => w.null(),
            Document::Bool(b) => w.bool(*b),
            Document::Number(Number::PosInt(n)) => w.int(i128::from(*n)),
            Document::Number(Number::NegInt(n)) => w.int(i128::from(*n)),
            Document::Number(Number::Float(f)) => w.f64(*f),
            Document::String(s) => w.text(s),
            Document::Array(items) => items.encode_cbor(w),
            Document::Object(entries) => entries.encode_cbor(w),
        }
    }
}
