//! CBOR bodies compared as data items: maps in any order, integers by value whatever their
//! width, floats by value whatever their precision (NaN equal to NaN), strings whatever their
//! chunking, definite and indefinite lengths alike, and a timestamp's (tag 1) seconds as an
//! integer or a float alike. Tags and their numbers count.

use std::collections::BTreeMap;

use base64::Engine;

use crate::cbor::{CborKind, CborReader};
use crate::DecodeError;

/// A decoded data item.
#[derive(Debug)]
enum Item {
    Int(i128),
    Bytes(Vec<u8>),
    Text(String),
    Array(Vec<Item>),
    Map(BTreeMap<String, Item>),
    Tag(u64, Box<Item>),
    Bool(bool),
    Null,
    Float(f64),
}

impl PartialEq for Item {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (Item::Int(a), Item::Int(b)) => a == b,
            (Item::Bytes(a), Item::Bytes(b)) => a == b,
            (Item::Text(a), Item::Text(b)) => a == b,
            (Item::Array(a), Item::Array(b)) => a == b,
            (Item::Map(a), Item::Map(b)) => a == b,
            // A timestamp's epoch seconds are the same number as an integer or a float.
            (Item::Tag(1, x), Item::Tag(1, y)) => match (seconds(x), seconds(y)) {
                (Some(a), Some(b)) => a == b,
                _ => x == y,
            },
            (Item::Tag(a, x), Item::Tag(b, y)) => a == b && x == y,
            (Item::Bool(a), Item::Bool(b)) => a == b,
            (Item::Null, Item::Null) => true,
            (Item::Float(a), Item::Float(b)) => a == b || (a.is_nan() && b.is_nan()),
            _ => false,
        }
    }
}

/// The number of seconds under a tag 1.
fn seconds(item: &Item) -> Option<f64> {
    match item {
        Item::Int(n) => Some(*n as f64),
        Item::Float(f) => Some(*f),
        _ => None,
    }
}

fn item(r: &mut CborReader<'_>) -> Result<Item, DecodeError> {
    Ok(match r.peek_kind() {
        Some(CborKind::Unsigned | CborKind::Negative) => Item::Int(r.read_int()?),
        Some(CborKind::Bytes) => Item::Bytes(r.read_bytes()?.into_owned()),
        Some(CborKind::Text) => Item::Text(r.read_text()?.into_owned()),
        Some(CborKind::Array) => {
            let mut items = Vec::new();
            r.read_array(|r, _| {
                items.push(item(r)?);
                Ok(())
            })?;
            Item::Array(items)
        }
        Some(CborKind::Map) => {
            let mut entries = BTreeMap::new();
            r.read_entries(|r, key| {
                entries.insert(key.to_owned(), item(r)?);
                Ok(())
            })?;
            Item::Map(entries)
        }
        Some(CborKind::Tag) => {
            let tag = r.read_tag()?.unwrap_or_default();
            Item::Tag(tag, Box::new(item(r)?))
        }
        Some(CborKind::Bool) => Item::Bool(r.read_bool()?),
        Some(CborKind::Null) if r.take_null() => Item::Null,
        Some(CborKind::Float) => Item::Float(r.read_f64()?),
        _ => {
            return Err(r
                .skip_value()
                .err()
                .unwrap_or_else(|| DecodeError::new("no item")))
        }
    })
}

fn decode(bytes: &[u8]) -> Result<Option<Item>, DecodeError> {
    if bytes.is_empty() {
        return Ok(None);
    }
    let mut r = CborReader::new(bytes);
    let value = item(&mut r)?;
    r.finish()?;
    Ok(Some(value))
}

/// What differs between the `actual` body and `expected`, the case's base64 text of the
/// expected bytes; `None` if they are the same data item (or both empty).
pub fn difference(actual: &[u8], expected: &[u8]) -> Option<String> {
    let expected = match base64::engine::general_purpose::STANDARD.decode(expected) {
        Ok(bytes) => bytes,
        Err(e) => return Some(format!("the case's body is not base64: {e}")),
    };
    match (decode(actual), decode(&expected)) {
        (Ok(a), Ok(e)) if a == e => None,
        (Ok(a), Ok(e)) => Some(format!("body: {a:?} != {e:?}")),
        (a, e) => Some(format!("body is not CBOR: {:?} / {:?}", a.err(), e.err())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_items_not_bytes() {
        // {"a": [1, 1.5]} definite with a half float vs indefinite with a double.
        let definite = [0xa1, 0x61, 0x61, 0x82, 0x01, 0xf9, 0x3e, 0x00];
        let indefinite = "v2FhnwH7P/gAAAAAAAD//w==";
        assert_eq!(difference(&definite, indefinite.as_bytes()), None);
        // The integer 1 is not the float 1.0.
        let float = [0xa1, 0x61, 0x61, 0x82, 0xf9, 0x3c, 0x00, 0xf9, 0x3e, 0x00];
        assert!(difference(&float, indefinite.as_bytes()).is_some());
        assert_eq!(difference(b"", b""), None);
        // 1(0) and 1(0.0) are the same instant; 1(0) and 2(0) are not the same item.
        assert_eq!(difference(&[0xc1, 0x00], b"wfkAAA=="), None);
        assert!(difference(&[0xc2, 0x00], b"wQA=").is_some());
        assert!(difference(&[0xa0], b"").is_some());
    }
}
