//! Reading JSON numbers: one strict scan, then conversion to the type the decoder wants.

use super::JsonReader;
use crate::DecodeError;

/// A scanned number: its exact text and, when it is an integer that fits, its magnitude.
#[derive(Clone, Copy, Debug)]
pub(crate) struct NumberToken<'a> {
    /// The text, guaranteed to match the JSON number grammar.
    pub(crate) text: &'a str,
    pub(crate) negative: bool,
    /// The magnitude, if the text has no fraction or exponent and fits in `u64`.
    pub(crate) integer: Option<u64>,
}

/// Shortens long number text in error messages so a hostile megabyte of digits stays out.
fn shown(text: &str) -> String {
    match text.get(..40) {
        Some(head) if text.len() > 40 => format!("{head}…"),
        _ => text.to_owned(),
    }
}

impl<'a> JsonReader<'a> {
    /// Scans `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`, accumulating the integer part on
    /// the way so integer targets need no second pass.
    pub(crate) fn read_number(&mut self) -> Result<NumberToken<'a>, DecodeError> {
        let input = self.input;
        let start = match self.peek() {
            Some(b'-' | b'0'..=b'9') => self.pos,
            _ => return Err(self.unexpected("a number")),
        };
        let mut i = start;
        let negative = input.get(i) == Some(&b'-');
        if negative {
            i += 1;
        }
        let mut integer = Some(0u64);
        match input.get(i) {
            Some(b'0') => i += 1,
            Some(b'1'..=b'9') => {
                while let Some(&b @ b'0'..=b'9') = input.get(i) {
                    integer = integer
                        .and_then(|n| n.checked_mul(10))
                        .and_then(|n| n.checked_add(u64::from(b - b'0')));
                    i += 1;
                }
            }
            _ => return Err(DecodeError::new("expected a digit").with_offset(i)),
        }
        let digits = |i: &mut usize| {
            let from = *i;
            while matches!(input.get(*i), Some(b'0'..=b'9')) {
                *i += 1;
            }
            if *i == from {
                Err(DecodeError::new("expected a digit").with_offset(*i))
            } else {
                Ok(())
            }
        };
        if input.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i)?;
            integer = None;
        }
        if matches!(input.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(input.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            digits(&mut i)?;
            integer = None;
        }
        // The scanned bytes are ASCII, so this cannot fail; the error arm is just not a panic.
        let text = input
            .get(start..i)
            .and_then(|b| std::str::from_utf8(b).ok())
            .ok_or_else(|| self.error("invalid number"))?;
        self.pos = i;
        Ok(NumberToken {
            text,
            negative,
            integer,
        })
    }

    /// Reads the exact text of the next number (for big integers and decimals).
    pub fn read_number_text(&mut self) -> Result<&'a str, DecodeError> {
        self.read_number().map(|n| n.text)
    }

    /// Reads an integer in the `i64` range; fractions, exponents and overflow are errors.
    pub fn read_i64(&mut self) -> Result<i64, DecodeError> {
        let start = self.pos;
        let n = self.read_number()?;
        let value = match n.integer {
            None if n.text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) => {
                return Err(DecodeError::new(format!(
                    "expected an integer, found {}",
                    shown(n.text)
                ))
                .with_offset(start))
            }
            None => None,
            Some(m) if n.negative => 0i64.checked_sub_unsigned(m),
            Some(m) => i64::try_from(m).ok(),
        };
        value.ok_or_else(|| {
            DecodeError::new(format!("{} is out of range for a long", shown(n.text)))
                .with_offset(start)
        })
    }

    /// Reads an integer and narrows it to `T`, naming `type_name` if it does not fit.
    pub(crate) fn read_integer<T: TryFrom<i64>>(
        &mut self,
        type_name: &'static str,
    ) -> Result<T, DecodeError> {
        let start = self.pos;
        let wide = self.read_i64()?;
        T::try_from(wide).map_err(|_| {
            DecodeError::new(format!("{wide} is out of range for {type_name}")).with_offset(start)
        })
    }

    /// Reads an `f64`: a number, or one of the strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
    /// Numbers beyond the `f64` range are errors rather than silent infinities.
    pub fn read_f64(&mut self) -> Result<f64, DecodeError> {
        if let Some(special) = self.read_non_finite()? {
            return Ok(special);
        }
        let start = self.pos;
        let n = self.read_number()?;
        let value = match n.integer {
            // Rust's integer-to-float cast rounds to nearest, like parsing would.
            Some(m) if n.negative => -(m as f64),
            Some(m) => m as f64,
            None => n.text.parse::<f64>().unwrap_or(f64::INFINITY),
        };
        if value.is_finite() {
            Ok(value)
        } else {
            Err(
                DecodeError::new(format!("{} is out of range for a double", shown(n.text)))
                    .with_offset(start),
            )
        }
    }

    /// Reads an `f32` like [`read_f64`](Self::read_f64), rounding the text directly to `f32`
    /// (not via `f64`, which could round twice).
    pub fn read_f32(&mut self) -> Result<f32, DecodeError> {
        if let Some(special) = self.read_non_finite()? {
            return Ok(special as f32);
        }
        let start = self.pos;
        let n = self.read_number()?;
        let value = match n.integer {
            Some(m) if n.negative => -(m as f32),
            Some(m) => m as f32,
            None => n.text.parse::<f32>().unwrap_or(f32::INFINITY),
        };
        if value.is_finite() {
            Ok(value)
        } else {
            Err(
                DecodeError::new(format!("{} is out of range for a float", shown(n.text)))
                    .with_offset(start),
            )
        }
    }

    /// `"NaN"`, `"Infinity"` or `"-Infinity"` if a string is next; any other string is an error.
    fn read_non_finite(&mut self) -> Result<Option<f64>, DecodeError> {
        if self.peek() != Some(b'"') {
            return Ok(None);
        }
        let start = self.pos;
        match &*self.read_string()? {
            "NaN" => Ok(Some(f64::NAN)),
            "Infinity" => Ok(Some(f64::INFINITY)),
            "-Infinity" => Ok(Some(f64::NEG_INFINITY)),
            _ => Err(DecodeError::new(
                "expected a number, found a string other than \"NaN\", \"Infinity\" or \"-Infinity\"",
            )
            .with_offset(start)),
        }
    }
}
