//! Arbitrary-precision numbers kept as their exact decimal text.
//!
//! The runtime never does arithmetic on them; it only has to carry them between the wire and the
//! user without losing digits, so a validated string is the whole representation.

use std::fmt;
use std::str::FromStr;

/// Smithy's `bigInteger`: an integer of any size, as decimal text (`-12345678901234567890`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BigInteger(String);

/// Smithy's `bigDecimal`: a decimal of any size and precision, as JSON-number text
/// (`-1.5`, `123.45e-6`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BigDecimal(String);

/// Text that is not a valid [`BigInteger`] or [`BigDecimal`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigNumberError {
    kind: &'static str,
}

impl fmt::Display for BigNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid {}", self.kind)
    }
}

impl std::error::Error for BigNumberError {}

/// Zero, the value error correction gives a missing required member.
impl Default for BigInteger {
    fn default() -> Self {
        Self("0".to_owned())
    }
}

/// Zero, the value error correction gives a missing required member.
impl Default for BigDecimal {
    fn default() -> Self {
        Self("0".to_owned())
    }
}

/// Length of the JSON-grammar integer part `-?(0|[1-9][0-9]*)` at the start of `b`, or None.
fn integer_len(b: &[u8]) -> Option<usize> {
    let sign = usize::from(b.first() == Some(&b'-'));
    let digits = b.get(sign..)?;
    let n = digits.iter().take_while(|c| c.is_ascii_digit()).count();
    match (n, digits.first()) {
        (0, _) => None,
        (n, Some(b'0')) if n > 1 => None,
        _ => Some(sign + n),
    }
}

/// Whether `b` is a JSON number: the grammar the wire uses, so the text can be written raw.
pub(crate) fn is_json_number(b: &[u8]) -> bool {
    let Some(mut i) = integer_len(b) else {
        return false;
    };
    let digits_from = |i: usize| {
        b.get(i..)
            .map_or(0, |s| s.iter().take_while(|c| c.is_ascii_digit()).count())
    };
    if b.get(i) == Some(&b'.') {
        let n = digits_from(i + 1);
        if n == 0 {
            return false;
        }
        i += 1 + n;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let n = digits_from(i);
        if n == 0 {
            return false;
        }
        i += n;
    }
    i == b.len()
}

impl BigInteger {
    /// Validates `text` as an integer (`-?(0|[1-9][0-9]*)`) and keeps it verbatim.
    pub fn new(text: impl Into<String>) -> Result<Self, BigNumberError> {
        let text = text.into();
        if integer_len(text.as_bytes()) == Some(text.len()) {
            Ok(BigInteger(text))
        } else {
            Err(BigNumberError {
                kind: "big integer",
            })
        }
    }

    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl BigDecimal {
    /// Validates `text` as a JSON number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`) and
    /// keeps it verbatim.
    pub fn new(text: impl Into<String>) -> Result<Self, BigNumberError> {
        let text = text.into();
        if is_json_number(text.as_bytes()) {
            Ok(BigDecimal(text))
        } else {
            Err(BigNumberError {
                kind: "big decimal",
            })
        }
    }

    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for BigInteger {
    type Err = BigNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BigInteger::new(s)
    }
}

impl FromStr for BigDecimal {
    type Err = BigNumberError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        BigDecimal::new(s)
    }
}

impl fmt::Display for BigInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Display for BigDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<i128> for BigInteger {
    fn from(n: i128) -> Self {
        BigInteger(n.to_string())
    }
}

impl From<i64> for BigInteger {
    fn from(n: i64) -> Self {
        BigInteger(n.to_string())
    }
}

impl From<u64> for BigInteger {
    fn from(n: u64) -> Self {
        BigInteger(n.to_string())
    }
}

impl From<BigInteger> for BigDecimal {
    fn from(n: BigInteger) -> Self {
        BigDecimal(n.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers() {
        for ok in ["0", "-0", "7", "-123", "123456789012345678901234567890"] {
            assert_eq!(ok.parse::<BigInteger>().unwrap().as_str(), ok);
        }
        for bad in ["", "-", "+1", "01", "1.0", "1e3", " 1", "1 ", "١"] {
            assert!(bad.parse::<BigInteger>().is_err(), "{bad:?}");
        }
        assert_eq!(BigInteger::from(-5i64).to_string(), "-5");
        assert_eq!(BigInteger::from(u64::MAX).as_str(), "18446744073709551615");
    }

    #[test]
    fn decimals() {
        for ok in [
            "0",
            "-0.5",
            "1.25",
            "1e3",
            "1E+3",
            "-1.5e-300",
            "12345678901234567890.5",
        ] {
            assert_eq!(BigDecimal::new(ok).unwrap().as_str(), ok);
        }
        for bad in [
            "", ".5", "1.", "1e", "1e+", "01.5", "NaN", "Infinity", "1.5x", "--1",
        ] {
            assert!(bad.parse::<BigDecimal>().is_err(), "{bad:?}");
        }
        assert_eq!(
            BigDecimal::new("x").unwrap_err().to_string(),
            "invalid big decimal"
        );
    }
}
