//! Structure decoding through one non-generic loop, as for JSON (`json::members`): a generated
//! decoder lists its members as `(name, slot)` pairs and [`CborReader::read_members`] walks the
//! map.

use super::{CborDecode, CborReader};
use crate::member_cursor::MemberCursor;
use crate::DecodeError;

/// A place one structure member is decoded into.
pub trait CborMember {
    /// Reads the member's value at the reader's position into the slot, replacing what an
    /// earlier occurrence of the same key put there; `null` makes the member absent.
    fn read_member(&mut self, r: &mut CborReader<'_>) -> Result<(), DecodeError>;
}

/// The usual slot: `None` until the member is seen, and `null` is `None`.
impl<T: CborDecode> CborMember for Option<T> {
    fn read_member(&mut self, r: &mut CborReader<'_>) -> Result<(), DecodeError> {
        // Instantiated once per member type: no combinators, no `?`.
        if r.take_null() {
            *self = None;
            return Ok(());
        }
        match T::decode_cbor(r) {
            Ok(value) => {
                *self = Some(value);
                Ok(())
            }
            Err(e) => Err(e),
        }
    }
}

impl CborReader<'_> {
    /// Reads a map into `members`, a list of `(member name, slot)` pairs: each key's value goes
    /// to the slot of that name, unknown keys are skipped, and an error names the member in its
    /// path. A repeated key keeps the last value.
    ///
    pub fn read_members(
        &mut self,
        members: &mut [(&str, &mut dyn CborMember)],
    ) -> Result<(), DecodeError> {
        let mut cursor = MemberCursor::default();
        self.read_map(|r, key| {
            let Some(index) = cursor.find(members, key) else {
                return r.skip_value();
            };
            let (name, slot) = &mut members[index];
            slot.read_member(r).map_err(|e| e.in_field(name))
        })
    }

    /// Reads the value of the member `name` (of a union) as a `T`, naming it in an error.
    pub fn field<T: CborDecode>(&mut self, name: &str) -> Result<T, DecodeError> {
        T::decode_cbor(self).map_err(|e| e.in_field(name))
    }
}
