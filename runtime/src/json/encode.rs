//! `JsonEncode`: how each runtime type writes itself, plus the one-line-per-member helpers
//! generated structure encoders call.

use std::collections::BTreeMap;

use super::JsonWriter;
use crate::{BigDecimal, BigInteger, Blob, Document, Timestamp, TimestampFormat};

/// A type that writes itself as one JSON value.
pub trait JsonEncode {
    /// Writes `self` as the next value.
    fn encode_json(&self, w: &mut JsonWriter);
}

impl JsonWriter {
    /// Writes `"name":` and the value.
    pub fn field(&mut self, name: &str, value: &(impl JsonEncode + ?Sized)) {
        self.key(name);
        value.encode_json(self);
    }

    /// Writes `"name":` and the value if it is set; `None` writes nothing (absent members are
    /// not sent as `null`).
    pub fn optional_field<T: JsonEncode>(&mut self, name: &str, value: &Option<T>) {
        if let Some(v) = value {
            self.field(name, v);
        }
    }

    /// Writes `"name":` and a timestamp in the given format.
    pub fn timestamp_field(&mut self, name: &str, value: &Timestamp, format: TimestampFormat) {
        self.key(name);
        self.timestamp(value, format);
    }

    /// Writes `"name":` and a timestamp in the given format if it is set.
    pub fn optional_timestamp_field(
        &mut self,
        name: &str,
        value: &Option<Timestamp>,
        format: TimestampFormat,
    ) {
        if let Some(t) = value {
            self.timestamp_field(name, t, format);
        }
    }
}

macro_rules! encode_by_method {
    ($($ty:ty => $method:ident),* $(,)?) => {$(
        impl JsonEncode for $ty {
            fn encode_json(&self, w: &mut JsonWriter) {
                w.$method(*self);
            }
        }
    )*};
}

encode_by_method! {
    bool => bool,
    i8 => i8,
    i16 => i16,
    i32 => i32,
    i64 => i64,
    f32 => f32,
    f64 => f64,
}

/// The input of an operation without one (`smithy.api#Unit`): an empty object.
impl JsonEncode for () {
    fn encode_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        w.end_object();
    }
}

impl JsonEncode for str {
    fn encode_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl JsonEncode for String {
    fn encode_json(&self, w: &mut JsonWriter) {
        w.string(self);
    }
}

impl JsonEncode for Blob {
    fn encode_json(&self, w: &mut JsonWriter) {
        w.blob(self);
    }
}

/// Epoch seconds, the awsJson default; members with `@timestampFormat` use
/// [`JsonWriter::timestamp_field`] instead.
impl JsonEncode for Timestamp {
    fn encode_json(&self, w: &mut JsonWriter) {
        w.timestamp(self, TimestampFormat::EpochSeconds);
    }
}

impl JsonEncode for Document {
    fn encode_json(&self, w: &mut JsonWriter) {
        w.document(self);
    }
}

/// As a JSON number with the exact digits (validated when the value was built).
impl JsonEncode for BigInteger {
    fn encode_json(&self, w: &mut JsonWriter) {
        w.raw(self.as_str());
    }
}

/// As a JSON number with the exact digits (validated when the value was built).
impl JsonEncode for BigDecimal {
    fn encode_json(&self, w: &mut JsonWriter) {
        w.raw(self.as_str());
    }
}

impl<T: JsonEncode + ?Sized> JsonEncode for &T {
    fn encode_json(&self, w: &mut JsonWriter) {
        (**self).encode_json(w);
    }
}

impl<T: JsonEncode + ?Sized> JsonEncode for Box<T> {
    fn encode_json(&self, w: &mut JsonWriter) {
        (**self).encode_json(w);
    }
}

/// `None` is `null`: this is for entries of sparse lists and maps. Optional structure members
/// go through [`JsonWriter::optional_field`], which leaves them out.
impl<T: JsonEncode> JsonEncode for Option<T> {
    fn encode_json(&self, w: &mut JsonWriter) {
        match self {
            Some(v) => v.encode_json(w),
            None => w.null(),
        }
    }
}

impl<T: JsonEncode> JsonEncode for [T] {
    fn encode_json(&self, w: &mut JsonWriter) {
        // Indexing rather than a `for` loop: no iterator methods instantiated per element type.
        w.begin_array();
        let mut i = 0;
        while i < self.len() {
            self[i].encode_json(w);
            i += 1;
        }
        w.end_array();
    }
}

impl<T: JsonEncode> JsonEncode for Vec<T> {
    fn encode_json(&self, w: &mut JsonWriter) {
        self.as_slice().encode_json(w);
    }
}

impl<T: JsonEncode> JsonEncode for BTreeMap<String, T> {
    fn encode_json(&self, w: &mut JsonWriter) {
        w.begin_object();
        for (k, v) in self {
            w.field(k, v);
        }
        w.end_object();
    }
}
