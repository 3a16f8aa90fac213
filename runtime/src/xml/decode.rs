//! `XmlDecode`: how each runtime type reads itself from the element just opened.

use std::collections::BTreeMap;

use super::XmlReader;
use crate::text::FromText;
use crate::{BigDecimal, BigInteger, Blob, DecodeError, Document, Timestamp, TimestampFormat};

/// A type that reads itself from the content of the XML element just opened (see
/// [`XmlReader::next_child`]), end tag included.
///
/// Generated structures read their members with [`XmlReader::read_members`]; everything else is
/// implemented here.
pub trait XmlDecode: Sized {
    /// Reads the element's content.
    fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError>;
}

/// The output of an operation without one (`smithy.api#Unit`): the content is skipped.
impl XmlDecode for () {
    fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        r.skip()
    }
}

/// Text as it is, whitespace kept.
impl XmlDecode for String {
    fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        r.read_text().map(|t| t.into_owned())
    }
}

/// Parses the element's text, without surrounding whitespace, as `T`.
pub fn read_parsed<T: FromText>(r: &mut XmlReader<'_>) -> Result<T, DecodeError> {
    let text = r.read_text()?;
    match T::from_text(text.trim()) {
        Ok(value) => Ok(value),
        Err(reason) => Err(r.error(reason)),
    }
}

macro_rules! decode_parsed {
    ($($ty:ty),*) => {$(
        impl XmlDecode for $ty {
            fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
                read_parsed(r)
            }
        }
    )*};
}

decode_parsed!(bool, i8, i16, i32, i64, f32, f64, Blob, BigInteger, BigDecimal);

/// A timestamp in `format`; XML's default is date-time.
pub fn read_timestamp(
    r: &mut XmlReader<'_>,
    format: TimestampFormat,
) -> Result<Timestamp, DecodeError> {
    let text = r.read_text()?;
    let text = text.trim();
    match Timestamp::parse(text, format) {
        Ok(t) => Ok(t),
        Err(e) => Err(r.error(format!("{e}: `{text}`"))),
    }
}

/// A date-time (the XML protocols' default format); members with `@timestampFormat` use
/// [`TimestampMember`](super::TimestampMember).
impl XmlDecode for Timestamp {
    fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        read_timestamp(r, TimestampFormat::DateTime)
    }
}

/// Documents have no XML form: the XML protocols do not allow them.
impl XmlDecode for Document {
    fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        r.skip()?;
        Err(r.error("a document cannot be read from XML"))
    }
}

impl<T: XmlDecode> XmlDecode for Box<T> {
    fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        match T::decode_xml(r) {
            Ok(value) => Ok(Box::new(value)),
            Err(e) => Err(e),
        }
    }
}

/// An element of a `@sparse` collection: XML has no null, so always `Some`.
impl<T: XmlDecode> XmlDecode for Option<T> {
    fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        match T::decode_xml(r) {
            Ok(value) => Ok(Some(value)),
            Err(e) => Err(e),
        }
    }
}

/// A wrapped list: every child element is an item, whatever its name (`member` by default).
impl<T: XmlDecode> XmlDecode for Vec<T> {
    fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        let mut items = Vec::new();
        read_items(r, &mut |r| {
            match T::decode_xml(r) {
                Ok(item) => items.push(item),
                Err(e) => return Err(e),
            }
            Ok(())
        })?;
        Ok(items)
    }
}

/// Calls `f` for each child element of the current element, adding its index to error paths.
/// Not generic, so the list decoders of every item type share it.
pub fn read_items(
    r: &mut XmlReader<'_>,
    f: &mut dyn FnMut(&mut XmlReader<'_>) -> Result<(), DecodeError>,
) -> Result<(), DecodeError> {
    let mut index = 0;
    while r.next_child()?.is_some() {
        f(r).map_err(|e| e.at_index(index))?;
        index += 1;
    }
    Ok(())
}

/// A wrapped map with the default entry names: `<entry><key>…</key><value>…</value></entry>`.
impl<T: XmlDecode> XmlDecode for BTreeMap<String, T> {
    fn decode_xml(r: &mut XmlReader<'_>) -> Result<Self, DecodeError> {
        read_map(r, "key", "value", T::decode_xml)
    }
}

/// A wrapped map whose entries name their key and value `key` and `value` (or what the map's
/// `@xmlName`s say): each child element of the current one is an entry.
pub fn read_map<T>(
    r: &mut XmlReader<'_>,
    key: &str,
    value: &str,
    decode: fn(&mut XmlReader<'_>) -> Result<T, DecodeError>,
) -> Result<BTreeMap<String, T>, DecodeError> {
    let mut map = BTreeMap::new();
    while r.next_child()?.is_some() {
        read_entry(r, key, value, decode, &mut map)?;
    }
    Ok(map)
}

/// Reads one map entry (the element just opened) into `map`. A repeated key keeps the last
/// value; an entry without a key or value is an error naming it.
pub fn read_entry<T>(
    r: &mut XmlReader<'_>,
    key: &str,
    value: &str,
    decode: fn(&mut XmlReader<'_>) -> Result<T, DecodeError>,
    map: &mut BTreeMap<String, T>,
) -> Result<(), DecodeError> {
    let mut entry_key: Option<String> = None;
    let mut entry_value: Option<T> = None;
    while let Some(name) = r.next_child()? {
        if name == key {
            entry_key = Some(r.read_text()?.into_owned());
        } else if name == value {
            let decoded = match decode(r) {
                Ok(v) => v,
                Err(e) => {
                    let at = entry_key.as_deref().unwrap_or("?");
                    return Err(e.at_key(at));
                }
            };
            entry_value = Some(decoded);
        } else {
            r.skip()?;
        }
    }
    match (entry_key, entry_value) {
        (Some(k), Some(v)) => {
            map.insert(k, v);
            Ok(())
        }
        (None, _) => Err(r.error(format!("a map entry without its <{key}>"))),
        (Some(k), None) => Err(r
            .error(format!("a map entry without its <{value}>"))
            .at_key(&k)),
    }
}
