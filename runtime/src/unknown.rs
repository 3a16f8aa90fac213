//! What generated enums and unions keep of a value this client does not know.
//!
//! A newer service may send an enum value or a union member that the model the client was
//! generated from did not have. The generated types keep it in their unknown variant, holding
//! one of these types. Their field is private, so code outside the generated crate cannot put a
//! *known* value into an unknown variant: `Enum::from("ACCEPT")` is always the known variant, and
//! equality and `match` never disagree with the wire value.
//!
//! The constructors are public only because generated crates are separate crates; they are
//! hidden from the documentation and are not part of the API.

use std::fmt;

/// Where `value` is in `known` (a generated string enum's `VALUES`), if it is there.
///
/// A generated `From<&str>` finds the value here and then matches on its position: a `match`
/// over hundreds of string literals (EC2's instance types) compiles to one comparison call per
/// literal, which costs far more to build than one loop here and a `match` over integers.
///
/// `#[inline]` so that optimized builds inline it into each decoder, as they did the `match`:
/// without it, decoding GameLift's game sessions measured about 2% slower (`cargo bench --bench
/// decode`). It is a few lines, so the copy unoptimized builds make in each crate costs nothing.
#[inline]
pub fn known_value_position(known: &[&str], value: &str) -> Option<usize> {
    known.iter().position(|k| *k == value)
}

/// A string enum value this client does not know, exactly as received.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// For generated code only: `value` must not be one of the enum's known values.
    #[doc(hidden)]
    pub fn from_unmatched(value: impl Into<String>) -> Self {
        UnknownValue(value.into())
    }

    /// The wire value.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An `intEnum` value this client does not know.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownIntValue(i32);

impl UnknownIntValue {
    /// For generated code only: `value` must not be one of the enum's known values.
    #[doc(hidden)]
    pub fn from_unmatched(value: i32) -> Self {
        UnknownIntValue(value)
    }

    /// The wire value.
    pub fn value(self) -> i32 {
        self.0
    }
}

impl fmt::Debug for UnknownIntValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownIntValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

/// A union member this client does not know: only its name is kept (its value, of a type the
/// client has no definition for, is skipped).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownVariant(String);

impl UnknownVariant {
    /// For generated code only: `name` must not be one of the union's known members.
    #[doc(hidden)]
    pub fn from_unmatched(name: impl Into<String>) -> Self {
        UnknownVariant(name.into())
    }

    /// The member's name on the wire.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for UnknownVariant {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shows_the_wire_value() {
        let value = UnknownValue::from_unmatched("NEW_STATUS");
        assert_eq!(value.as_str(), "NEW_STATUS");
        assert_eq!(value.to_string(), "NEW_STATUS");
        assert_eq!(format!("{value:?}"), "\"NEW_STATUS\"");
        let int = UnknownIntValue::from_unmatched(-7);
        assert_eq!((int.value(), int.to_string()), (-7, "-7".to_owned()));
        let member = UnknownVariant::from_unmatched("NewMember");
        assert_eq!(
            (member.as_str(), format!("{member:?}")),
            ("NewMember", "\"NewMember\"".to_owned())
        );
    }
}
