//! Smithy's untyped `document` values.

use std::collections::BTreeMap;

pub use crate::big_number::{BigDecimal, BigInteger, BigNumberError};

/// An untyped JSON-like value: Smithy's `document` type.
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Document {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An ordered list of values.
    Array(Vec<Document>),
    /// A string-keyed map, ordered by key so that output is deterministic.
    Object(BTreeMap<String, Document>),
}

/// A document number, keeping integers exact.
///
/// Decoders use `PosInt` for non-negative integers and `NegInt` only for negative ones, so one
/// value has one representation. `PartialEq` is the derived one: `NaN != NaN`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    PosInt(u64),
    /// A negative integer.
    NegInt(i64),
    /// A floating-point number (also any integer too large for 64 bits).
    Float(f64),
}

impl Number {
    /// The value as an `f64` (lossy for integers above 2^53).
    pub fn as_f64(self) -> f64 {
        match self {
            Number::PosInt(n) => n as f64,
            Number::NegInt(n) => n as f64,
            Number::Float(f) => f,
        }
    }

    /// The value as an `i64`, if it is an integer in range.
    pub fn as_i64(self) -> Option<i64> {
        match self {
            Number::PosInt(n) => i64::try_from(n).ok(),
            Number::NegInt(n) => Some(n),
            Number::Float(_) => None,
        }
    }

    /// The value as a `u64`, if it is a non-negative integer.
    pub fn as_u64(self) -> Option<u64> {
        match self {
            Number::PosInt(n) => Some(n),
            Number::NegInt(_) | Number::Float(_) => None,
        }
    }
}

impl Document {
    /// Whether this is [`Document::Null`].
    pub fn is_null(&self) -> bool {
        matches!(self, Document::Null)
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Document::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_number(&self) -> Option<Number> {
        match self {
            Document::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Document::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[Document]> {
        match self {
            Document::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The entries, if this is an object.
    pub fn as_object(&self) -> Option<&BTreeMap<String, Document>> {
        match self {
            Document::Object(o) => Some(o),
            _ => None,
        }
    }
}

impl From<bool> for Document {
    fn from(b: bool) -> Self {
        Document::Bool(b)
    }
}

impl From<&str> for Document {
    fn from(s: &str) -> Self {
        Document::String(s.to_owned())
    }
}

impl From<String> for Document {
    fn from(s: String) -> Self {
        Document::String(s)
    }
}

impl From<i64> for Document {
    fn from(n: i64) -> Self {
        Document::Number(Number::from(n))
    }
}

impl From<u64> for Document {
    fn from(n: u64) -> Self {
        Document::Number(Number::PosInt(n))
    }
}

impl From<f64> for Document {
    fn from(f: f64) -> Self {
        Document::Number(Number::Float(f))
    }
}

impl From<Vec<Document>> for Document {
    fn from(a: Vec<Document>) -> Self {
        Document::Array(a)
    }
}

impl From<BTreeMap<String, Document>> for Document {
    fn from(o: BTreeMap<String, Document>) -> Self {
        Document::Object(o)
    }
}

impl From<i64> for Number {
    /// Non-negative values become `PosInt`, keeping one representation per value.
    fn from(n: i64) -> Self {
        match u64::try_from(n) {
            Ok(p) => Number::PosInt(p),
            Err(_) => Number::NegInt(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accessors_and_conversions() {
        assert!(Document::default().is_null());
        assert_eq!(Document::from(true).as_bool(), Some(true));
        assert_eq!(Document::from("a").as_str(), Some("a"));
        assert_eq!(Document::from(String::from("b")).as_str(), Some("b"));
        assert_eq!(Document::from(5i64), Document::Number(Number::PosInt(5)));
        assert_eq!(Document::from(-5i64), Document::Number(Number::NegInt(-5)));
        assert_eq!(
            Document::from(7u64).as_number().and_then(Number::as_u64),
            Some(7)
        );
        assert_eq!(
            Document::from(1.5).as_number().map(Number::as_f64),
            Some(1.5)
        );
        assert_eq!(Number::PosInt(u64::MAX).as_i64(), None);
        assert_eq!(Number::NegInt(-1).as_u64(), None);
        assert_eq!(Number::Float(1.0).as_i64(), None);
        let arr = Document::from(vec![Document::Null]);
        assert_eq!(arr.as_array().map(<[Document]>::len), Some(1));
        let obj = Document::from(BTreeMap::from([("k".to_owned(), Document::Null)]));
        assert!(obj.as_object().is_some_and(|o| o.contains_key("k")));
        assert_eq!(obj.as_str(), None);
        assert_ne!(Number::Float(f64::NAN), Number::Float(f64::NAN));
    }
}
