//! Scalars as text and back: the values of URI labels, query parameters, headers, XML elements
//! and attributes, and form-encoded query parameters all use the same forms.

use std::borrow::Cow;

use crate::{BigDecimal, BigInteger, Blob};

/// A scalar as text (a URI label, query parameter, header, XML text or attribute), before any
/// percent-encoding, quoting or escaping.
///
/// Numbers are written as in JSON (`1`, `1.5`; floats `NaN`, `Infinity`, `-Infinity`), booleans
/// as `true`/`false`, blobs as base64. Timestamps and enums are turned into strings by the
/// generated code, which knows their format and wire values.
pub trait ToText {
    /// The value's text.
    fn to_text(&self) -> Cow<'_, str>;
}

impl ToText for str {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl ToText for String {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl ToText for bool {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

macro_rules! integer_text {
    ($($ty:ty),*) => {$(
        impl ToText for $ty {
            fn to_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}

integer_text!(i8, i16, i32, i64);

impl ToText for f32 {
    fn to_text(&self) -> Cow<'_, str> {
        float_text(self.is_finite(), self.is_nan(), *self < 0.0, || {
            format!("{self:?}")
        })
    }
}

impl ToText for f64 {
    fn to_text(&self) -> Cow<'_, str> {
        float_text(self.is_finite(), self.is_nan(), *self < 0.0, || {
            format!("{self:?}")
        })
    }
}

/// Finite floats in their shortest round-trip form (`1.1`, `1.0`, `1e300`); the others by name.
fn float_text(
    finite: bool,
    nan: bool,
    negative: bool,
    digits: impl FnOnce() -> String,
) -> Cow<'static, str> {
    match (finite, nan, negative) {
        (true, _, _) => Cow::Owned(digits()),
        (false, true, _) => Cow::Borrowed("NaN"),
        (false, false, false) => Cow::Borrowed("Infinity"),
        (false, false, true) => Cow::Borrowed("-Infinity"),
    }
}

impl ToText for Blob {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_base64())
    }
}

impl ToText for BigInteger {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

impl ToText for BigDecimal {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

impl<T: ToText + ?Sized> ToText for &T {
    fn to_text(&self) -> Cow<'_, str> {
        (**self).to_text()
    }
}

/// A string sent base64-encoded: a header member whose target has `@mediaType`.
#[derive(Clone, Copy, Debug)]
pub struct Base64Text<'a>(pub &'a str);

impl ToText for Base64Text<'_> {
    fn to_text(&self) -> Cow<'_, str> {
        Cow::Owned(Blob::new(self.0.as_bytes()).to_base64())
    }
}

/// A scalar read from text (a header, an XML element's text or an attribute).
pub trait FromText: Sized {
    /// Parses `text` (already trimmed and unquoted); the error says what was expected.
    fn from_text(text: &str) -> Result<Self, String>;
}

impl FromText for String {
    fn from_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl FromText for bool {
    fn from_text(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(expected("a boolean", text)),
        }
    }
}

macro_rules! integer_from_text {
    ($($ty:ty => $what:literal),*) => {$(
        impl FromText for $ty {
            fn from_text(text: &str) -> Result<Self, String> {
                text.parse().map_err(|_| expected($what, text))
            }
        }
    )*};
}

integer_from_text!(i8 => "a byte", i16 => "a short", i32 => "an integer", i64 => "a long");

macro_rules! float_from_text {
    ($($ty:ty),*) => {$(
        impl FromText for $ty {
            fn from_text(text: &str) -> Result<Self, String> {
                match text {
                    "NaN" => Ok(<$ty>::NAN),
                    "Infinity" => Ok(<$ty>::INFINITY),
                    "-Infinity" => Ok(<$ty>::NEG_INFINITY),
                    // Rust also accepts `inf` and `nan`; the protocols do not.
                    _ if text.bytes().any(|b| b.is_ascii_alphabetic() && !matches!(b, b'e' | b'E')) => {
                        Err(expected("a number", text))
                    }
                    _ => text.parse().map_err(|_| expected("a number", text)),
                }
            }
        }
    )*};
}

float_from_text!(f32, f64);

impl FromText for Blob {
    fn from_text(text: &str) -> Result<Self, String> {
        Blob::from_base64(text).map_err(|e| format!("expected base64, found `{text}` ({e})"))
    }
}

impl FromText for BigInteger {
    fn from_text(text: &str) -> Result<Self, String> {
        BigInteger::new(text).map_err(|_| expected("an integer", text))
    }
}

impl FromText for BigDecimal {
    fn from_text(text: &str) -> Result<Self, String> {
        BigDecimal::new(text).map_err(|_| expected("a number", text))
    }
}

fn expected(what: &str, text: &str) -> String {
    format!("expected {what}, found `{text}`")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_as_text() {
        assert_eq!("a b".to_text(), "a b");
        assert_eq!(true.to_text(), "true");
        assert_eq!((-3i8).to_text(), "-3");
        assert_eq!(i64::MAX.to_text(), "9223372036854775807");
        assert_eq!(1.1f32.to_text(), "1.1");
        assert_eq!(5.1f64.to_text(), "5.1");
        assert_eq!(2.0f64.to_text(), "2.0");
        assert_eq!(f32::NAN.to_text(), "NaN");
        assert_eq!(f64::INFINITY.to_text(), "Infinity");
        assert_eq!(f64::NEG_INFINITY.to_text(), "-Infinity");
        assert_eq!(Blob::new(*b"hi").to_text(), "aGk=");
        assert_eq!(Base64Text("{\"a\":1}").to_text(), "eyJhIjoxfQ==");
        assert_eq!(BigInteger::new("123").unwrap().to_text(), "123");
        assert_eq!(BigDecimal::new("1.5").unwrap().to_text(), "1.5");
    }

    #[test]
    fn scalars_from_text() {
        assert_eq!(bool::from_text("false"), Ok(false));
        assert!(bool::from_text("FALSE").is_err());
        assert_eq!(i32::from_text("-12"), Ok(-12));
        assert_eq!(
            i8::from_text("300"),
            Err("expected a byte, found `300`".to_owned())
        );
        assert_eq!(f64::from_text("1e3"), Ok(1000.0));
        assert!(f64::from_text("NaN").unwrap().is_nan());
        assert_eq!(f32::from_text("-Infinity"), Ok(f32::NEG_INFINITY));
        assert!(f64::from_text("inf").is_err());
        assert!(f64::from_text("nan").is_err());
        assert_eq!(Blob::from_text("aGk="), Ok(Blob::new(*b"hi")));
        assert!(Blob::from_text("%%").is_err());
        assert!(BigInteger::from_text("1.5").is_err());
        assert_eq!(String::from_text(" x "), Ok(" x ".to_owned()));
    }
}
