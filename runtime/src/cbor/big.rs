//! Big numbers: bignums (tags 2 and 3, RFC 8949 §3.4.3) and decimal fractions (tag 4, §3.4.4)
//! to and from the decimal text [`BigInteger`] and [`BigDecimal`] keep.

use super::{CborKind, CborReader, CborWriter};
use crate::{BigDecimal, BigInteger, DecodeError};

/// The longest bignum magnitude read, in bytes (about 2,400 decimal digits): the conversion to
/// decimal is quadratic in the length, so a longer one is an error rather than a slow decode.
const MAX_BIGNUM_BYTES: usize = 1024;

/// Reads tag 2 (non-negative) or 3 (negative, `-1 - n`) and its byte string.
pub(super) fn integer_from_bignum(r: &mut CborReader<'_>) -> Result<BigInteger, DecodeError> {
    let start = r.position();
    let negative = match r.read_tag()? {
        Some(2) => false,
        Some(3) => true,
        Some(tag) => {
            return Err(DecodeError::new(format!(
                "unexpected tag {tag}, expected a bignum (tag 2 or 3)"
            ))
            .with_offset(start))
        }
        None => return Err(r.unexpected("a bignum")),
    };
    let bytes = r.read_bytes()?;
    if bytes.len() > MAX_BIGNUM_BYTES {
        return Err(DecodeError::new(format!(
            "a bignum of {} bytes (at most {MAX_BIGNUM_BYTES} are read)",
            bytes.len()
        ))
        .with_offset(start));
    }
    let mut magnitude: Vec<u8> = bytes.iter().copied().skip_while(|&b| b == 0).collect();
    if negative {
        // -1 - n: add one to the magnitude.
        increment(&mut magnitude);
    }
    let digits = to_decimal(magnitude);
    let text = if negative {
        format!("-{digits}")
    } else {
        digits
    };
    BigInteger::new(text).map_err(|e| DecodeError::new(e.to_string()).with_offset(start))
}

/// Reads tag 4, `[exponent, mantissa]`: the value `mantissa × 10^exponent`.
pub(super) fn decimal_from_tag(r: &mut CborReader<'_>) -> Result<BigDecimal, DecodeError> {
    let start = r.position();
    match r.read_tag()? {
        Some(4) => {}
        Some(tag) => {
            return Err(DecodeError::new(format!(
                "unexpected tag {tag}, expected a decimal fraction (tag 4)"
            ))
            .with_offset(start))
        }
        None => return Err(r.unexpected("a decimal fraction")),
    }
    let mut exponent = None;
    let mut mantissa = None;
    let mut count = 0;
    r.read_array(|r, i| {
        count += 1;
        match i {
            0 => exponent = Some(r.read_integer::<i64>("an exponent")?),
            1 if r.peek_kind() == Some(CborKind::Tag) => mantissa = Some(integer_from_bignum(r)?),
            1 => mantissa = Some(BigInteger::from(r.read_int()?)),
            _ => r.skip_value()?,
        }
        Ok(())
    })?;
    match (exponent, mantissa, count) {
        (Some(exponent), Some(mantissa), 2) => {
            BigDecimal::new(format!("{}e{exponent}", mantissa.as_str()))
                .map_err(|e| DecodeError::new(e.to_string()).with_offset(start))
        }
        _ => Err(
            DecodeError::new("a decimal fraction must be [exponent, mantissa]").with_offset(start),
        ),
    }
}

/// Writes a big integer: a plain integer when it fits in 64 bits, else a bignum.
pub(super) fn write_integer(w: &mut CborWriter, value: &BigInteger) {
    let text = value.as_str();
    if let Ok(n) = text.parse::<i128>() {
        if (-(1i128 << 64)..(1i128 << 64)).contains(&n) {
            w.int(n);
            return;
        }
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(digits) => (true, digits),
        None => (false, text),
    };
    let mut magnitude = from_decimal(digits);
    if negative {
        decrement(&mut magnitude);
    }
    w.tag(if negative { 3 } else { 2 });
    w.bytes(&magnitude);
}

/// Writes a big decimal as a decimal fraction, `4([exponent, mantissa])`.
pub(super) fn write_decimal(w: &mut CborWriter, value: &BigDecimal) {
    let text = value.as_str();
    let (number, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], text[at + 1..].parse::<i64>().unwrap_or(0)),
        None => (text, 0),
    };
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let digits = format!("{whole}{fraction}");
    let exponent = exponent.saturating_sub(fraction.len() as i64);
    // `BigDecimal` validated the text, so the digits form an integer.
    let mantissa =
        BigInteger::new(strip_leading_zeros(&digits)).unwrap_or_else(|_| BigInteger::from(0i64));
    w.tag(4);
    w.array(2);
    w.int(i128::from(exponent));
    write_integer(w, &mantissa);
}

/// `-007` is `-7`, `000` is `0`.
fn strip_leading_zeros(digits: &str) -> String {
    let (sign, rest) = match digits.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", digits),
    };
    let rest = rest.trim_start_matches('0');
    if rest.is_empty() {
        "0".to_owned()
    } else {
        format!("{sign}{rest}")
    }
}

/// Big-endian bytes to decimal digits, by repeated division by 10.
fn to_decimal(mut magnitude: Vec<u8>) -> String {
    let mut digits = Vec::new();
    while magnitude.iter().any(|&b| b != 0) {
        let mut remainder = 0u32;
        for byte in magnitude.iter_mut() {
            let value = (remainder << 8) | u32::from(*byte);
            *byte = (value / 10) as u8;
            remainder = value % 10;
        }
        digits.push(b'0' + remainder as u8);
        let zeros = magnitude.iter().take_while(|&&b| b == 0).count();
        magnitude.drain(..zeros);
    }
    if digits.is_empty() {
        digits.push(b'0');
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// Decimal digits to big-endian bytes, by repeated multiplication by 10.
fn from_decimal(digits: &str) -> Vec<u8> {
    let mut magnitude: Vec<u8> = Vec::new();
    for digit in digits.bytes().filter(u8::is_ascii_digit) {
        let mut carry = u32::from(digit - b'0');
        for byte in magnitude.iter_mut().rev() {
            let value = u32::from(*byte) * 10 + carry;
            *byte = value as u8;
            carry = value >> 8;
        }
        while carry > 0 {
            magnitude.insert(0, carry as u8);
            carry >>= 8;
        }
    }
    magnitude
}

fn increment(magnitude: &mut Vec<u8>) {
    for byte in magnitude.iter_mut().rev() {
        let (value, overflow) = byte.overflowing_add(1);
        *byte = value;
        if !overflow {
            return;
        }
    }
    magnitude.insert(0, 1);
}

fn decrement(magnitude: &mut Vec<u8>) {
    for byte in magnitude.iter_mut().rev() {
        let (value, borrow) = byte.overflowing_sub(1);
        *byte = value;
        if !borrow {
            break;
        }
    }
    let zeros = magnitude.iter().take_while(|&&b| b == 0).count();
    magnitude.drain(..zeros);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_conversions_round_trip() {
        for text in [
            "0",
            "1",
            "255",
            "256",
            "18446744073709551616",
            "123456789012345678901234567890",
        ] {
            assert_eq!(to_decimal(from_decimal(text)), text);
        }
    }
}
