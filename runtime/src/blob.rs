//! Binary data and its base64 text form.

use std::fmt;

use base64::alphabet::STANDARD as STANDARD_ALPHABET;
use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig, STANDARD};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;

/// Decoding accepts input with or without `=` padding: services differ, and rejecting a
/// well-formed unpadded value would help no one. Encoding always pads.
const LENIENT: GeneralPurpose = GeneralPurpose::new(
    &STANDARD_ALPHABET,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// An owned byte sequence: Smithy's `blob`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Default)]
pub struct Blob(Vec<u8>);

impl Blob {
    /// Wraps the given bytes.
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Blob(bytes.into())
    }

    /// The bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The bytes, by value.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }

    /// Standard-alphabet base64 with padding, as the JSON protocols send blobs.
    pub fn to_base64(&self) -> String {
        STANDARD.encode(&self.0)
    }

    /// Decodes standard-alphabet base64; padding is optional.
    pub fn from_base64(text: &str) -> Result<Blob, Base64Error> {
        LENIENT
            .decode(text)
            .map(Blob)
            .map_err(|e| Base64Error(e.to_string()))
    }
}

impl AsRef<[u8]> for Blob {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl From<Vec<u8>> for Blob {
    fn from(bytes: Vec<u8>) -> Self {
        Blob(bytes)
    }
}

impl From<&[u8]> for Blob {
    fn from(bytes: &[u8]) -> Self {
        Blob(bytes.to_vec())
    }
}

impl From<&str> for Blob {
    fn from(text: &str) -> Self {
        Blob(text.as_bytes().to_vec())
    }
}

impl From<Blob> for Vec<u8> {
    fn from(blob: Blob) -> Self {
        blob.0
    }
}

/// Text that is not valid base64. Our own type, so the `base64` crate stays out of the public API.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Base64Error(String);

impl fmt::Display for Base64Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid base64: {}", self.0)
    }
}

impl std::error::Error for Base64Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_round_trip() {
        for (raw, text) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("value", "dmFsdWU="),
        ] {
            assert_eq!(Blob::from(raw).to_base64(), text);
            assert_eq!(Blob::from_base64(text), Ok(Blob::from(raw)));
        }
        let all: Vec<u8> = (0..=255).collect();
        let blob = Blob::new(all.clone());
        assert_eq!(
            Blob::from_base64(&blob.to_base64()).unwrap().into_inner(),
            all
        );
    }

    #[test]
    fn base64_padding_is_optional_but_alphabet_is_strict() {
        assert_eq!(Blob::from_base64("Zg"), Ok(Blob::from("f")));
        for bad in ["Z", "Zm9v!", "Zm9v_-", "Zg===", "====", "Zm9v Yg=="] {
            let err = Blob::from_base64(bad);
            assert!(err.is_err(), "{bad:?}");
        }
        assert!(Blob::from_base64("*")
            .unwrap_err()
            .to_string()
            .starts_with("invalid base64"));
    }

    #[test]
    fn conversions() {
        let b = Blob::from(&b"ab"[..]);
        assert_eq!(b.as_bytes(), b"ab");
        assert_eq!(b.as_ref(), b"ab");
        assert_eq!(Vec::from(b.clone()), b"ab".to_vec());
        assert_eq!(Blob::from(vec![1, 2]), Blob::new([1u8, 2]));
        assert_eq!(Blob::default().as_bytes(), b"");
    }
}
