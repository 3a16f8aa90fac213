//! Lower-case hexadecimal text of bytes (UUIDs, SHA-256 digests).

/// Appends the two lower-case hex digits of each byte of `bytes` to `out`.
pub(crate) fn push_hex(out: &mut String, bytes: &[u8]) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    for byte in bytes {
        out.push(char::from(DIGITS[usize::from(byte >> 4)]));
        out.push(char::from(DIGITS[usize::from(byte & 0x0f)]));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn two_digits_per_byte() {
        let mut out = String::from(">");
        super::push_hex(&mut out, &[0x00, 0x0f, 0xa0, 0xff]);
        assert_eq!(out, ">000fa0ff");
    }
}
