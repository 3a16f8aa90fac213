//! Scalars as the text of a URI label, query parameter or header value, and back.

use std::borrow::Cow;

use crate::{BigDecimal, BigInteger, Blob};

/// A value bound to a URI label, a query parameter or a header: how it reads as text, before
/// any percent-encoding or quoting.
///
/// Numbers are written as in JSON (`1`, `1.5`; floats `NaN`, `Infinity`, `-Infinity`), booleans
/// as `true`/`false`, blobs as base64. Timestamps and enums are turned into strings by the
/// generated code, which knows their format and wire values.
pub trait HttpText {
    /// The value's text.
    fn http_text(&self) -> Cow<'_, str>;
}

impl HttpText for str {
    fn http_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl HttpText for String {
    fn http_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

impl HttpText for bool {
    fn http_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(if *self { "true" } else { "false" })
    }
}

macro_rules! integer_text {
    ($($ty:ty),*) => {$(
        impl HttpText for $ty {
            fn http_text(&self) -> Cow<'_, str> {
                Cow::Owned(self.to_string())
            }
        }
    )*};
}

integer_text!(i8, i16, i32, i64);

impl HttpText for f32 {
    fn http_text(&self) -> Cow<'_, str> {
        float_text(self.is_finite(), self.is_nan(), *self < 0.0, || {
            format!("{self:?}")
        })
    }
}

impl HttpText for f64 {
    fn http_text(&self) -> Cow<'_, str> {
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

impl HttpText for Blob {
    fn http_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_base64())
    }
}

impl HttpText for BigInteger {
    fn http_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

impl HttpText for BigDecimal {
    fn http_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.as_str())
    }
}

impl<T: HttpText + ?Sized> HttpText for &T {
    fn http_text(&self) -> Cow<'_, str> {
        (**self).http_text()
    }
}

/// A string sent base64-encoded: a header member whose target has `@mediaType`.
#[derive(Clone, Copy, Debug)]
pub struct Base64Text<'a>(pub &'a str);

impl HttpText for Base64Text<'_> {
    fn http_text(&self) -> Cow<'_, str> {
        Cow::Owned(Blob::new(self.0.as_bytes()).to_base64())
    }
}

/// A value read from the text of a header (or, on a server, a label or query parameter).
pub trait FromHttpText: Sized {
    /// Parses `text` (already trimmed and unquoted); the error says what was expected.
    fn from_http_text(text: &str) -> Result<Self, String>;
}

impl FromHttpText for String {
    fn from_http_text(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl FromHttpText for bool {
    fn from_http_text(text: &str) -> Result<Self, String> {
        match text {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(expected("a boolean", text)),
        }
    }
}

macro_rules! integer_from_text {
    ($($ty:ty => $what:literal),*) => {$(
        impl FromHttpText for $ty {
            fn from_http_text(text: &str) -> Result<Self, String> {
                text.parse().map_err(|_| expected($what, text))
            }
        }
    )*};
}

integer_from_text!(i8 => "a byte", i16 => "a short", i32 => "an integer", i64 => "a long");

macro_rules! float_from_text {
    ($($ty:ty),*) => {$(
        impl FromHttpText for $ty {
            fn from_http_text(text: &str) -> Result<Self, String> {
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

impl FromHttpText for Blob {
    fn from_http_text(text: &str) -> Result<Self, String> {
        Blob::from_base64(text).map_err(|e| format!("expected base64, found `{text}` ({e})"))
    }
}

impl FromHttpText for BigInteger {
    fn from_http_text(text: &str) -> Result<Self, String> {
        BigInteger::new(text).map_err(|_| expected("an integer", text))
    }
}

impl FromHttpText for BigDecimal {
    fn from_http_text(text: &str) -> Result<Self, String> {
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
        assert_eq!("a b".http_text(), "a b");
        assert_eq!(true.http_text(), "true");
        assert_eq!((-3i8).http_text(), "-3");
        assert_eq!(i64::MAX.http_text(), "9223372036854775807");
        assert_eq!(1.1f32.http_text(), "1.1");
        assert_eq!(5.1f64.http_text(), "5.1");
        assert_eq!(2.0f64.http_text(), "2.0");
        assert_eq!(f32::NAN.http_text(), "NaN");
        assert_eq!(f64::INFINITY.http_text(), "Infinity");
        assert_eq!(f64::NEG_INFINITY.http_text(), "-Infinity");
        assert_eq!(Blob::new(*b"hi").http_text(), "aGk=");
        assert_eq!(Base64Text("{\"a\":1}").http_text(), "eyJhIjoxfQ==");
        assert_eq!(BigInteger::new("123").unwrap().http_text(), "123");
        assert_eq!(BigDecimal::new("1.5").unwrap().http_text(), "1.5");
    }

    #[test]
    fn scalars_from_text() {
        assert_eq!(bool::from_http_text("false"), Ok(false));
        assert!(bool::from_http_text("FALSE").is_err());
        assert_eq!(i32::from_http_text("-12"), Ok(-12));
        assert_eq!(
            i8::from_http_text("300"),
            Err("expected a byte, found `300`".to_owned())
        );
        assert_eq!(f64::from_http_text("1e3"), Ok(1000.0));
        assert!(f64::from_http_text("NaN").unwrap().is_nan());
        assert_eq!(f32::from_http_text("-Infinity"), Ok(f32::NEG_INFINITY));
        assert!(f64::from_http_text("inf").is_err());
        assert!(f64::from_http_text("nan").is_err());
        assert_eq!(Blob::from_http_text("aGk="), Ok(Blob::new(*b"hi")));
        assert!(Blob::from_http_text("%%").is_err());
        assert!(BigInteger::from_http_text("1.5").is_err());
        assert_eq!(String::from_http_text(" x "), Ok(" x ".to_owned()));
    }
}
