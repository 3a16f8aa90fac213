//! Structure decoding through one non-generic loop, as for JSON: a generated decoder lists its
//! members as `(element name, slot)` pairs for [`XmlReader::read_members`].

use std::collections::BTreeMap;

use super::decode::{read_entry, read_timestamp};
use super::{XmlDecode, XmlReader};
use crate::member_cursor::MemberCursor;
use crate::{DecodeError, Timestamp, TimestampFormat};

/// A place one structure member is decoded into, each time its element occurs.
pub trait XmlMember {
    /// Reads the element just opened into the slot (replacing, or for flattened collections
    /// adding to, what an earlier occurrence put there).
    fn read_member(&mut self, r: &mut XmlReader<'_>) -> Result<(), DecodeError>;
}

/// The usual slot: `None` until the member's element is seen.
impl<T: XmlDecode> XmlMember for Option<T> {
    fn read_member(&mut self, r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
        match T::decode_xml(r) {
            Ok(value) => {
                *self = Some(value);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

/// A slot whose value needs a decoder of its own: a collection with custom element names or of
/// timestamps in a non-default format.
pub struct CustomMember<'p, T> {
    place: &'p mut Option<T>,
    decode: fn(&mut XmlReader<'_>) -> Result<T, DecodeError>,
}

impl<'p, T> CustomMember<'p, T> {
    /// A slot that reads the member into `place` with `decode`.
    pub fn new(
        place: &'p mut Option<T>,
        decode: fn(&mut XmlReader<'_>) -> Result<T, DecodeError>,
    ) -> Self {
        CustomMember { place, decode }
    }
}

impl<T> XmlMember for CustomMember<'_, T> {
    fn read_member(&mut self, r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
        *self.place = Some((self.decode)(r)?);
        Ok(())
    }
}

/// A slot for a timestamp member in a format other than date-time.
pub struct TimestampMember<'p> {
    place: &'p mut Option<Timestamp>,
    format: TimestampFormat,
}

impl<'p> TimestampMember<'p> {
    /// A slot that reads the member into `place` in `format`.
    pub fn new(place: &'p mut Option<Timestamp>, format: TimestampFormat) -> Self {
        TimestampMember { place, format }
    }
}

impl XmlMember for TimestampMember<'_> {
    fn read_member(&mut self, r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
        *self.place = Some(read_timestamp(r, self.format)?);
        Ok(())
    }
}

/// A `@xmlFlattened` list: each occurrence of the member's element is one item.
pub struct FlatList<'p, T> {
    place: &'p mut Option<Vec<T>>,
    decode: fn(&mut XmlReader<'_>) -> Result<T, DecodeError>,
}

impl<'p, T> FlatList<'p, T> {
    /// A slot that appends each occurrence, read with `decode`, to `place`.
    pub fn new(
        place: &'p mut Option<Vec<T>>,
        decode: fn(&mut XmlReader<'_>) -> Result<T, DecodeError>,
    ) -> Self {
        FlatList { place, decode }
    }
}

impl<T> XmlMember for FlatList<'_, T> {
    fn read_member(&mut self, r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
        let items = self.place.get_or_insert_with(Vec::new);
        let index = items.len();
        match (self.decode)(r) {
            Ok(item) => {
                items.push(item);
                Ok(())
            }
            Err(e) => Err(e.at_index(index)),
        }
    }
}

/// A `@xmlFlattened` map: each occurrence of the member's element is one entry with a key and a
/// value child.
pub struct FlatMap<'p, T> {
    place: &'p mut Option<BTreeMap<String, T>>,
    key: &'static str,
    value: &'static str,
    decode: fn(&mut XmlReader<'_>) -> Result<T, DecodeError>,
}

impl<'p, T> FlatMap<'p, T> {
    /// A slot that adds each occurrence to `place`; entries name their key and value `key` and
    /// `value`, and values are read with `decode`.
    pub fn new(
        place: &'p mut Option<BTreeMap<String, T>>,
        key: &'static str,
        value: &'static str,
        decode: fn(&mut XmlReader<'_>) -> Result<T, DecodeError>,
    ) -> Self {
        FlatMap {
            place,
            key,
            value,
            decode,
        }
    }
}

impl<T> XmlMember for FlatMap<'_, T> {
    fn read_member(&mut self, r: &mut XmlReader<'_>) -> Result<(), DecodeError> {
        let map = self.place.get_or_insert_with(BTreeMap::new);
        read_entry(r, self.key, self.value, self.decode, map)
    }
}

impl XmlReader<'_> {
    /// Reads the current element's children into `members`, a list of `(element name, slot)`
    /// pairs: each child goes to the slot of its name, unknown ones are skipped, and an error
    /// names the member in its path.
    pub fn read_members(
        &mut self,
        members: &mut [(&str, &mut dyn XmlMember)],
    ) -> Result<(), DecodeError> {
        let mut cursor = MemberCursor::default();
        loop {
            let index = match self.next_child()? {
                None => return Ok(()),
                Some(name) => cursor.find(members, &name),
            };
            let Some(index) = index else {
                self.skip()?;
                continue;
            };
            let (name, slot) = &mut members[index];
            slot.read_member(self).map_err(|e| e.in_field(name))?;
        }
    }
}
