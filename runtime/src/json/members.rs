//! Structure decoding through one non-generic loop: a generated decoder lists its members as
//! `(wire name, slot)` pairs and [`JsonReader::read_members`] walks the object.
//!
//! Why: a `match` over keys with a closure per structure is the largest part of a generated
//! crate's compile time. With slots, a structure's decoder is a list of locals and one call;
//! the per-type code is one small [`JsonMember`] impl per member *type*, shared by every
//! structure that has a member of that type.

use super::{JsonDecode, JsonReader};
use crate::member_cursor::MemberCursor;
use crate::{DecodeError, Timestamp, TimestampFormat};

/// A place one structure member is decoded into.
pub trait JsonMember {
    /// Reads the member's value at the reader's position into the slot, replacing what an
    /// earlier occurrence of the same key put there; `null` makes the member absent.
    fn read_member(&mut self, r: &mut JsonReader<'_>) -> Result<(), DecodeError>;
}

/// The usual slot: `None` until the member is seen, and `null` is `None`.
impl<T: JsonDecode> JsonMember for Option<T> {
    fn read_member(&mut self, r: &mut JsonReader<'_>) -> Result<(), DecodeError> {
        // Instantiated once per member type: no combinators, no `?`.
        if r.take_null() {
            *self = None;
            return Ok(());
        }
        match T::decode_json(r) {
            Ok(value) => {
                *self = Some(value);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

/// A slot for a member whose value needs a decoder of its own (a collection of timestamps in a
/// format other than the protocol's default): it decodes into `place`.
pub struct CustomMember<'a, T> {
    place: &'a mut Option<T>,
    decode: fn(&mut JsonReader<'_>) -> Result<T, DecodeError>,
}

impl<'a, T> CustomMember<'a, T> {
    /// A slot that reads non-`null` values into `place` with `decode`.
    pub fn new(
        place: &'a mut Option<T>,
        decode: fn(&mut JsonReader<'_>) -> Result<T, DecodeError>,
    ) -> Self {
        CustomMember { place, decode }
    }
}

impl<T> JsonMember for CustomMember<'_, T> {
    fn read_member(&mut self, r: &mut JsonReader<'_>) -> Result<(), DecodeError> {
        if r.take_null() {
            *self.place = None;
            return Ok(());
        }
        match (self.decode)(r) {
            Ok(value) => {
                *self.place = Some(value);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

/// A slot for a timestamp member in a format other than the protocol's default.
pub struct TimestampMember<'a> {
    place: &'a mut Option<Timestamp>,
    format: TimestampFormat,
}

impl<'a> TimestampMember<'a> {
    /// A slot that reads non-`null` values into `place` in `format` (see
    /// [`JsonReader::read_timestamp`]).
    pub fn new(place: &'a mut Option<Timestamp>, format: TimestampFormat) -> Self {
        TimestampMember { place, format }
    }
}

impl JsonMember for TimestampMember<'_> {
    fn read_member(&mut self, r: &mut JsonReader<'_>) -> Result<(), DecodeError> {
        *self.place = if r.take_null() {
            None
        } else {
            Some(r.read_timestamp(self.format)?)
        };
        Ok(())
    }
}

impl JsonReader<'_> {
    /// Reads an object into `members`, a list of `(wire name, slot)` pairs: each key's value goes
    /// to the slot of that name, unknown keys are skipped, and an error names the member in its
    /// path. A repeated key keeps the last value.
    ///
    pub fn read_members(
        &mut self,
        members: &mut [(&str, &mut dyn JsonMember)],
    ) -> Result<(), DecodeError> {
        let mut cursor = MemberCursor::default();
        self.read_object(|r, key| {
            let Some(index) = cursor.find(members, key) else {
                return r.skip_value();
            };
            let (name, slot) = &mut members[index];
            slot.read_member(r).map_err(|e| e.in_field(name))
        })
    }
}
