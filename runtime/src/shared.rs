//! Generic code instantiated here, once, for the member types most services use.
//!
//! In unoptimized builds rustc shares generic instantiations between crates (`-Z share-generics`
//! is on by default for them): a generated crate that needs, say, `Option<String>`'s member slot
//! or `BTreeMap<String, String>`'s decoder links to the copy compiled here instead of compiling
//! its own. `BTreeMap` internals alone were a tenth of a generated crate's LLVM IR. Optimized
//! builds (opt-level 2 and 3) do not share generics, so this module is only compiled with debug
//! assertions on, which is what the dev profile has.

use std::collections::BTreeMap;

use crate::json::{JsonDecode, JsonMember, JsonWriter};
use crate::value::{StructureValue, ToValue};
use crate::{Blob, Document, Timestamp};

/// Pointers to the instantiations generated code uses for one member type `T`.
macro_rules! member_type {
    ($($ty:ty),* $(,)?) => {
        [$(
            [
                <Option<$ty> as JsonMember>::read_member as *const (),
                <Option<$ty> as JsonDecode>::decode_json as *const (),
                <$ty as JsonDecode>::decode_json_element as *const (),
                JsonWriter::optional_field::<$ty> as *const (),
                (|w: &mut JsonWriter, v: &$ty| w.field("", v)) as fn(&mut JsonWriter, &$ty) as *const (),
                StructureValue::optional::<$ty> as *const (),
                (|s: StructureValue, v: &$ty| s.member("", v)) as fn(StructureValue, &$ty) -> StructureValue as *const (),
                <Option<$ty> as Clone>::clone as *const (),
                <Option<$ty> as PartialEq>::eq as *const (),
                <Option<$ty> as std::fmt::Debug>::fmt as *const (),
                std::ptr::drop_in_place::<Option<$ty>> as *const (),
            ],
        )*]
    };
}

/// Pointers to the instantiations generated code uses for a collection type `C`.
macro_rules! collection_type {
    ($($ty:ty),* $(,)?) => {
        [$(
            [
                <$ty as JsonDecode>::decode_json as *const (),
                <$ty as ToValue>::to_value as *const (),
                <$ty as crate::JsonEncode>::encode_json as *const (),
                <$ty as Clone>::clone as *const (),
                <$ty as PartialEq>::eq as *const (),
                <$ty as std::fmt::Debug>::fmt as *const (),
                std::ptr::drop_in_place::<$ty> as *const (),
            ],
        )*]
    };
}

/// Makes this crate compile the instantiations above; see the module docs. Generated code does
/// not call it: being public is what makes rustc build (and share) them.
#[doc(hidden)]
pub fn instantiations() -> usize {
    let members = member_type!(
        String,
        bool,
        i32,
        i64,
        f32,
        f64,
        Timestamp,
        Blob,
        Document,
        Vec<String>,
        BTreeMap<String, String>,
        BTreeMap<String, i32>,
        BTreeMap<String, f64>,
    );
    let collections = collection_type!(
        Vec<String>,
        Vec<i32>,
        Vec<i64>,
        Vec<f64>,
        BTreeMap<String, String>,
        BTreeMap<String, i32>,
        BTreeMap<String, i64>,
        BTreeMap<String, f64>,
        BTreeMap<String, Vec<String>>,
    );
    members.iter().flatten().count() + collections.iter().flatten().count()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_tables_list_every_function() {
        // 13 member types with 11 functions each, 9 collections with 7 each: a change to the
        // macros that drops a row or a column shows here.
        assert_eq!(super::instantiations(), 13 * 11 + 9 * 7);
    }
}
