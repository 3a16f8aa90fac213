//! `serde` support for the runtime's value types (the `serde` feature), and the impls generated
//! enums take through [`serde_string_enum!`](crate::serde_string_enum) and
//! [`serde_int_enum!`](crate::serde_int_enum).
//!
//! The representations favour what a person storing values expects in a human-readable format
//! (JSON, YAML, TOML), and compactness elsewhere:
//!
//! | type | human-readable | other formats |
//! |---|---|---|
//! | [`Timestamp`] | RFC 3339 string (`2018-01-09T20:51:21.5Z`) | `(secs, nanos)` |
//! | [`Blob`] | base64 string | bytes |
//! | [`BigInteger`], [`BigDecimal`] | their decimal text | the same |
//! | [`Document`] | the JSON-like value itself | the same |
//! | generated enums | their wire value | the same |
//!
//! [`UnknownValue`], [`UnknownIntValue`] and [`UnknownVariant`] serialize as their wire value or
//! name but do not deserialize on their own: a generated enum deserializes its wire value through
//! `From`, which picks the known variant whenever there is one.

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::unknown::{UnknownIntValue, UnknownValue, UnknownVariant};
use crate::{BigDecimal, BigInteger, Blob, Document, Number, Timestamp, TimestampFormat};

/// `serde`, for the macros generated crates call.
#[doc(hidden)]
pub use serde as __serde;

/// `Serialize` and `Deserialize` for a generated string enum: its wire value, through
/// `as_str()` and `From<String>` (an unknown value stays unknown, a known one is its variant).
#[doc(hidden)]
#[macro_export]
macro_rules! serde_string_enum {
    ($name:ident) => {
        impl $crate::serde_support::__serde::Serialize for $name {
            fn serialize<S: $crate::serde_support::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::serde_support::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde_support::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as $crate::serde_support::__serde::Deserialize>::deserialize(
                    deserializer,
                )
                .map(Self::from)
            }
        }
    };
}

/// `Serialize` and `Deserialize` for a generated `intEnum`: its wire value, through `value()`
/// and `From<i32>`.
#[doc(hidden)]
#[macro_export]
macro_rules! serde_int_enum {
    ($name:ident) => {
        impl $crate::serde_support::__serde::Serialize for $name {
            fn serialize<S: $crate::serde_support::__serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i32(self.value())
            }
        }

        impl<'de> $crate::serde_support::__serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde_support::__serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <i32 as $crate::serde_support::__serde::Deserialize>::deserialize(deserializer)
                    .map(Self::from)
            }
        }
    };
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&self.format(TimestampFormat::DateTime))
        } else {
            (self.secs(), self.subsec_nanos()).serialize(serializer)
        }
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(TimestampVisitor)
        } else {
            let (secs, nanos) = <(i64, u32)>::deserialize(deserializer)?;
            Ok(Timestamp::new(secs, nanos))
        }
    }
}

struct TimestampVisitor;

impl Visitor<'_> for TimestampVisitor {
    type Value = Timestamp;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 date-time string")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Timestamp, E> {
        Timestamp::parse(text, TimestampFormat::DateTime).map_err(E::custom)
    }
}

impl Serialize for Blob {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            serializer.serialize_str(&self.to_base64())
        } else {
            serializer.serialize_bytes(self.as_bytes())
        }
    }
}

impl<'de> Deserialize<'de> for Blob {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        if deserializer.is_human_readable() {
            // Any: a base64 string, or the numbers a bytes value became in `serde_json::Value`.
            deserializer.deserialize_any(BlobVisitor)
        } else {
            deserializer.deserialize_byte_buf(BlobVisitor)
        }
    }
}

struct BlobVisitor;

impl<'de> Visitor<'de> for BlobVisitor {
    type Value = Blob;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a base64 string or bytes")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Blob, E> {
        Blob::from_base64(text).map_err(E::custom)
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Blob, E> {
        Ok(Blob::from(bytes))
    }

    fn visit_byte_buf<E: de::Error>(self, bytes: Vec<u8>) -> Result<Blob, E> {
        Ok(Blob::from(bytes))
    }

    // Formats without a bytes type (and serde_json's `to_value`) give a sequence of numbers.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Blob, A::Error> {
        let mut bytes = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
        while let Some(byte) = seq.next_element::<u8>()? {
            bytes.push(byte);
        }
        Ok(Blob::from(bytes))
    }
}

/// Big numbers as their decimal text, validated on the way in.
macro_rules! big_number_serde {
    ($ty:ident, $expecting:literal) => {
        impl Serialize for $ty {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = String::deserialize(deserializer)?;
                $ty::new(text).map_err(|_| {
                    de::Error::invalid_value(de::Unexpected::Other("text"), &$expecting)
                })
            }
        }
    };
}

big_number_serde!(BigInteger, "an integer in decimal text");
big_number_serde!(BigDecimal, "a decimal number as text");

impl Serialize for Number {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match *self {
            Number::PosInt(n) => serializer.serialize_u64(n),
            Number::NegInt(n) => serializer.serialize_i64(n),
            Number::Float(n) => serializer.serialize_f64(n),
        }
    }
}

impl Serialize for Document {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Document::Null => serializer.serialize_unit(),
            Document::Bool(b) => serializer.serialize_bool(*b),
            Document::Number(n) => n.serialize(serializer),
            Document::String(s) => serializer.serialize_str(s),
            Document::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Document::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Document {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DocumentVisitor)
    }
}

struct DocumentVisitor;

impl<'de> Visitor<'de> for DocumentVisitor {
    type Value = Document;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a document: null, a boolean, a number, a string, a list or a map")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Document, E> {
        Ok(Document::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Document, D::Error> {
        Document::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<Document, E> {
        Ok(Document::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<Document, E> {
        // One representation per value: non-negative integers are `PosInt`.
        Ok(Document::Number(match u64::try_from(n) {
            Ok(n) => Number::PosInt(n),
            Err(_) => Number::NegInt(n),
        }))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<Document, E> {
        Ok(Document::Number(Number::PosInt(n)))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<Document, E> {
        Ok(Document::Number(Number::Float(n)))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<Document, E> {
        Ok(Document::String(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<Document, E> {
        Ok(Document::String(s))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Document, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Document::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Document, A::Error> {
        let mut entries = BTreeMap::new();
        while let Some((key, value)) = map.next_entry::<String, Document>()? {
            entries.insert(key, value);
        }
        Ok(Document::Object(entries))
    }
}

impl Serialize for UnknownValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl Serialize for UnknownIntValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i32(self.value())
    }
}

impl Serialize for UnknownVariant {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip<T: Serialize + for<'de> Deserialize<'de>>(value: &T) -> (String, T) {
        let json = serde_json::to_string(value).unwrap();
        let back = serde_json::from_str(&json).unwrap();
        (json, back)
    }

    #[test]
    fn timestamps_are_rfc3339_strings() {
        let t = Timestamp::new(1_515_531_081, 500_000_000);
        let (json, back) = round_trip(&t);
        assert_eq!(json, r#""2018-01-09T20:51:21.5Z""#);
        assert_eq!(back, t);
        let err = serde_json::from_str::<Timestamp>(r#""yesterday""#).unwrap_err();
        assert!(
            err.to_string().contains("invalid date-time timestamp"),
            "{err}"
        );
        assert!(serde_json::from_str::<Timestamp>("12").is_err());
    }

    #[test]
    fn blobs_are_base64_strings() {
        let blob = Blob::new(b"hi\xff".to_vec());
        let (json, back) = round_trip(&blob);
        assert_eq!((json.as_str(), back), (r#""aGn/""#, blob.clone()));
        // `serde_json::Value` has no bytes: a sequence of numbers comes back as the blob.
        let value = serde_json::json!([104, 105, 255]);
        assert_eq!(serde_json::from_value::<Blob>(value).unwrap(), blob);
        assert!(serde_json::from_str::<Blob>(r#""not base64!""#).is_err());
    }

    #[test]
    fn big_numbers_are_validated_text() {
        let n = BigDecimal::new("1.5e300").unwrap();
        let (json, back) = round_trip(&n);
        assert_eq!((json.as_str(), back), (r#""1.5e300""#, n));
        assert!(serde_json::from_str::<BigInteger>(r#""1.5""#).is_err());
        assert_eq!(
            serde_json::from_str::<BigInteger>(r#""-12""#).unwrap(),
            BigInteger::new("-12").unwrap()
        );
    }

    #[test]
    fn documents_are_json_like() {
        let text = r#"{"a":[null,true,-3,4,2.5,"s"],"b":{}}"#;
        let doc: Document = serde_json::from_str(text).unwrap();
        assert_eq!(
            doc.as_object().unwrap()["a"].as_array().unwrap()[3],
            Document::Number(Number::PosInt(4))
        );
        assert_eq!(serde_json::to_string(&doc).unwrap(), text);
    }

    #[test]
    fn unknown_values_serialize_as_their_wire_value() {
        let json = serde_json::to_string(&(
            UnknownValue::from_unmatched("NEW"),
            UnknownIntValue::from_unmatched(9),
            UnknownVariant::from_unmatched("Member"),
        ))
        .unwrap();
        assert_eq!(json, r#"["NEW",9,"Member"]"#);
    }
}
