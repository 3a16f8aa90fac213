//! Reading JSON strings: a fast scan for the common escape-free case, a decoding slow path.

use std::borrow::Cow;

use super::JsonReader;
use crate::DecodeError;

/// Index of the first byte at or after `i` that ends a plain run inside a string: `"`, `\` or a
/// control character; `bytes.len()` if there is none.
///
/// Eight bytes at a time with the classic "has a zero/small byte" word tricks; the exact byte is
/// then found by the plain loop. The word tests never miss a match, so this is exact.
fn plain_run_end(bytes: &[u8], mut i: usize) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i.saturating_add(8)) {
        let Ok(word) = <[u8; 8]>::try_from(chunk) else {
            break;
        };
        let w = u64::from_le_bytes(word);
        let quote = w ^ (LO * u64::from(b'"'));
        let backslash = w ^ (LO * u64::from(b'\\'));
        let special = (quote.wrapping_sub(LO) & !quote)
            | (backslash.wrapping_sub(LO) & !backslash)
            | (w.wrapping_sub(LO * 0x20) & !w);
        if special & HI != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

fn hex_value(b: u8) -> Option<u16> {
    match b {
        b'0'..=b'9' => Some(u16::from(b - b'0')),
        b'a'..=b'f' => Some(u16::from(b - b'a' + 10)),
        b'A'..=b'F' => Some(u16::from(b - b'A' + 10)),
        _ => None,
    }
}

impl<'a> JsonReader<'a> {
    /// Reads a string, borrowing it from the input when it has no escapes.
    pub fn read_string(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("a string"));
        }
        let start = self.pos + 1;
        let end = plain_run_end(self.input, start);
        match self.input.get(end) {
            Some(b'"') => {
                let raw = self.input.get(start..end).unwrap_or_default();
                let text = std::str::from_utf8(raw).map_err(|e| {
                    self.error_at(start + e.valid_up_to(), "invalid UTF-8 in a string")
                })?;
                self.pos = end + 1;
                Ok(Cow::Borrowed(text))
            }
            _ => self.read_escaped_string(start, end).map(Cow::Owned),
        }
    }

    fn error_at(&self, offset: usize, message: &'static str) -> DecodeError {
        DecodeError::new(message).with_offset(offset)
    }

    /// The slow path: the string starting at `start` has an escape (or an error) at `i`.
    fn read_escaped_string(&mut self, start: usize, mut i: usize) -> Result<String, DecodeError> {
        let input = self.input;
        let mut out = Vec::with_capacity(i - start + 16);
        out.extend_from_slice(input.get(start..i).unwrap_or_default());
        loop {
            match input.get(i) {
                Some(b'"') => break,
                Some(b'\\') => {
                    i = self.decode_escape(i, &mut out)?;
                }
                Some(_) => return Err(self.error_at(i, "control character in a string")),
                None => return Err(self.error_at(i, "unterminated string")),
            }
            let end = plain_run_end(input, i);
            out.extend_from_slice(input.get(i..end).unwrap_or_default());
            i = end;
        }
        // Escapes only add whole characters, so validating the result once is equivalent to
        // validating each raw run.
        let text = String::from_utf8(out)
            .map_err(|_| self.error_at(start, "invalid UTF-8 in a string"))?;
        self.pos = i + 1;
        Ok(text)
    }

    /// Decodes the escape at `i` (a backslash) into `out`; returns the index after it.
    fn decode_escape(&self, i: usize, out: &mut Vec<u8>) -> Result<usize, DecodeError> {
        let simple = match self.input.get(i + 1) {
            Some(b'"') => b'"',
            Some(b'\\') => b'\\',
            Some(b'/') => b'/',
            Some(b'b') => 0x08,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'u') => return self.decode_unicode_escape(i, out),
            Some(_) => return Err(self.error_at(i, "invalid escape in a string")),
            None => return Err(self.error_at(i, "unterminated string")),
        };
        out.push(simple);
        Ok(i + 2)
    }

    /// The four hex digits of a `\uXXXX` escape starting at `i`.
    fn hex4(&self, i: usize) -> Result<u16, DecodeError> {
        let digits = self
            .input
            .get(i + 2..i + 6)
            .ok_or_else(|| self.error_at(i, "truncated \\u escape"))?;
        digits.iter().try_fold(0u16, |acc, &b| {
            hex_value(b)
                .map(|v| acc << 4 | v)
                .ok_or_else(|| self.error_at(i, "invalid hex digit in a \\u escape"))
        })
    }

    /// `\uXXXX`, combining a surrogate pair into one character; lone surrogates are errors.
    fn decode_unicode_escape(&self, i: usize, out: &mut Vec<u8>) -> Result<usize, DecodeError> {
        let first = self.hex4(i)?;
        let (code, next) = match first {
            0xD800..=0xDBFF => {
                let j = i + 6;
                if self.input.get(j..j + 2) != Some(b"\\u") {
                    return Err(self.error_at(i, "unpaired surrogate in a \\u escape"));
                }
                let second = self.hex4(j)?;
                if !(0xDC00..=0xDFFF).contains(&second) {
                    return Err(self.error_at(j, "unpaired surrogate in a \\u escape"));
                }
                let code =
                    0x10000 + ((u32::from(first) - 0xD800) << 10) + (u32::from(second) - 0xDC00);
                (code, j + 6)
            }
            0xDC00..=0xDFFF => {
                return Err(self.error_at(i, "unpaired surrogate in a \\u escape"));
            }
            _ => (u32::from(first), i + 6),
        };
        let c = char::from_u32(code)
            .ok_or_else(|| self.error_at(i, "invalid code point in a \\u escape"))?;
        out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        Ok(next)
    }

    /// Skips a string (the reader is at its opening quote) without building it.
    ///
    /// Escapes are checked for shape so that an escaped quote is not mistaken for the end; the
    /// UTF-8 of skipped text is not validated, as nothing will ever read it.
    pub(super) fn skip_string(&mut self) -> Result<(), DecodeError> {
        let mut i = self.pos + 1;
        loop {
            i = plain_run_end(self.input, i);
            match self.input.get(i) {
                Some(b'"') => {
                    self.pos = i + 1;
                    return Ok(());
                }
                Some(b'\\') => match self.input.get(i + 1) {
                    Some(b'u') => {
                        self.hex4(i)?;
                        i += 6;
                    }
                    Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => i += 2,
                    Some(_) => return Err(self.error_at(i, "invalid escape in a string")),
                    None => return Err(self.error_at(i, "unterminated string")),
                },
                Some(_) => return Err(self.error_at(i, "control character in a string")),
                None => return Err(self.error_at(i, "unterminated string")),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::plain_run_end;

    #[test]
    fn scan_finds_the_first_special_byte_at_every_offset() {
        for special in [b'"', b'\\', 0x00, 0x1f] {
            for len in 0..40 {
                for at in 0..len {
                    let mut bytes = vec![b'a'; len];
                    // Non-ASCII and 0x20 around the target must not confuse the word test.
                    if at > 0 {
                        bytes[at - 1] = 0xC3;
                    }
                    bytes[at] = special;
                    assert_eq!(plain_run_end(&bytes, 0), at, "{special} at {at} of {len}");
                }
                assert_eq!(plain_run_end(&vec![b' '; len], 0), len);
                assert_eq!(plain_run_end(&vec![0xFF; len], 0), len);
            }
        }
    }
}
