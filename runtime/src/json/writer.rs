//! A JSON writer that appends to a byte buffer and places commas itself.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::{Blob, Document, Number, Timestamp, TimestampFormat};

/// Writes compact JSON into a `Vec<u8>`.
///
/// Callers emit tokens in document order (`begin_object`, `key`, a value, `key`, a value, …,
/// `end_object`); the writer inserts the commas. It does not check that the sequence is
/// well-formed: generated code produces it, and checking would cost on every call.
///
/// Floats: finite values are written in Rust's shortest round-trip form with a `.0` on integral
/// values (`1.0`, `0.1`, `1e-7`, `1e300`); NaN and the infinities are the strings `"NaN"`,
/// `"Infinity"` and `"-Infinity"`, as the JSON protocols require.
#[derive(Clone, Debug, Default)]
pub struct JsonWriter {
    buf: Vec<u8>,
    /// Whether the next key or value needs a comma before it. A key clears it so that its
    /// value follows the colon directly; any complete value sets it.
    needs_comma: bool,
}

/// Per byte: 0 if it is written as is, else the character after the backslash (`u` meaning a
/// `\u00XX` escape).
static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < 0x20 {
        table[i] = b'u';
        i += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

impl JsonWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// An empty writer whose buffer has room for `capacity` bytes.
    pub fn with_capacity(capacity: usize) -> Self {
        JsonWriter {
            buf: Vec::with_capacity(capacity),
            needs_comma: false,
        }
    }

    /// The JSON written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// The finished JSON text.
    pub fn finish(self) -> Vec<u8> {
        self.buf
    }

    fn separate(&mut self) {
        if self.needs_comma {
            self.buf.push(b',');
        }
    }

    /// `{`.
    pub fn begin_object(&mut self) {
        self.separate();
        self.buf.push(b'{');
        self.needs_comma = false;
    }

    /// `}`.
    pub fn end_object(&mut self) {
        self.buf.push(b'}');
        self.needs_comma = true;
    }

    /// `[`.
    pub fn begin_array(&mut self) {
        self.separate();
        self.buf.push(b'[');
        self.needs_comma = false;
    }

    /// `]`.
    pub fn end_array(&mut self) {
        self.buf.push(b']');
        self.needs_comma = true;
    }

    /// An object key and its colon; the value comes next.
    pub fn key(&mut self, key: &str) {
        self.separate();
        self.push_escaped(key);
        self.buf.push(b':');
        self.needs_comma = false;
    }

    /// A string value.
    pub fn string(&mut self, value: &str) {
        self.separate();
        self.push_escaped(value);
        self.needs_comma = true;
    }

    /// `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.raw(if value { "true" } else { "false" });
    }

    /// `null`.
    pub fn null(&mut self) {
        self.raw("null");
    }

    /// Writes already-valid JSON value text, such as a validated number.
    pub(crate) fn raw(&mut self, text: &str) {
        self.separate();
        self.buf.extend_from_slice(text.as_bytes());
        self.needs_comma = true;
    }

    /// An `i8` number.
    pub fn i8(&mut self, value: i8) {
        self.i64(i64::from(value));
    }

    /// An `i16` number.
    pub fn i16(&mut self, value: i16) {
        self.i64(i64::from(value));
    }

    /// An `i32` number.
    pub fn i32(&mut self, value: i32) {
        self.i64(i64::from(value));
    }

    /// An `i64` number.
    pub fn i64(&mut self, value: i64) {
        self.separate();
        if value < 0 {
            self.buf.push(b'-');
        }
        self.push_u64(value.unsigned_abs());
        self.needs_comma = true;
    }

    /// A `u8` number.
    pub fn u8(&mut self, value: u8) {
        self.u64(u64::from(value));
    }

    /// A `u16` number.
    pub fn u16(&mut self, value: u16) {
        self.u64(u64::from(value));
    }

    /// A `u32` number.
    pub fn u32(&mut self, value: u32) {
        self.u64(u64::from(value));
    }

    /// A `u64` number.
    pub fn u64(&mut self, value: u64) {
        self.separate();
        self.push_u64(value);
        self.needs_comma = true;
    }

    /// Decimal digits without `fmt` machinery: this is on every integer's path.
    fn push_u64(&mut self, mut value: u64) {
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        loop {
            start -= 1;
            // value % 10 < 10, so the cast is lossless.
            if let Some(d) = digits.get_mut(start) {
                *d = b'0' + (value % 10) as u8;
            }
            value /= 10;
            if value == 0 {
                break;
            }
        }
        self.buf
            .extend_from_slice(digits.get(start..).unwrap_or(&[]));
    }

    /// An `f32` number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
    pub fn f32(&mut self, value: f32) {
        if value.is_finite() {
            // Debug of f32 gives the shortest digits for the f32 itself (1.1, not
            // 1.100000023841858), in a form that is always a valid JSON number.
            self.raw(&format!("{value:?}"));
        } else {
            self.non_finite(value.is_nan(), value.is_sign_negative());
        }
    }

    /// An `f64` number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
    pub fn f64(&mut self, value: f64) {
        if value.is_finite() {
            self.raw(&format!("{value:?}"));
        } else {
            self.non_finite(value.is_nan(), value.is_sign_negative());
        }
    }

    fn non_finite(&mut self, nan: bool, negative: bool) {
        self.raw(match (nan, negative) {
            (true, _) => "\"NaN\"",
            (false, false) => "\"Infinity\"",
            (false, true) => "\"-Infinity\"",
        });
    }

    /// A timestamp: epoch-seconds as a number (with a fraction when there is one), the other
    /// formats as strings.
    pub fn timestamp(&mut self, value: &Timestamp, format: TimestampFormat) {
        let text = value.format(format);
        match format {
            TimestampFormat::EpochSeconds => self.raw(&text),
            TimestampFormat::DateTime | TimestampFormat::HttpDate => self.string(&text),
        }
    }

    /// A blob as a base64 string, encoded straight into the buffer.
    pub fn blob(&mut self, value: &Blob) {
        self.separate();
        let bytes = value.as_bytes();
        self.buf.push(b'"');
        let start = self.buf.len();
        // encoded_len only fails for inputs near usize::MAX, which cannot exist in memory.
        let len = base64::encoded_len(bytes.len(), true).unwrap_or(0);
        self.buf.resize(start + len, 0);
        let written = match self.buf.get_mut(start..) {
            Some(out) => STANDARD.encode_slice(bytes, out).unwrap_or(0),
            None => 0,
        };
        self.buf.truncate(start + written);
        self.buf.push(b'"');
        self.needs_comma = true;
    }

    /// A number of a document.
    pub fn number(&mut self, value: Number) {
        match value {
            Number::PosInt(n) => self.u64(n),
            Number::NegInt(n) => self.i64(n),
            Number::Float(f) => self.f64(f),
        }
    }

    /// A document as plain JSON.
    ///
    /// Iterative with an explicit stack, so a deeply nested document built in memory cannot
    /// overflow the call stack.
    pub fn document(&mut self, value: &Document) {
        enum Frame<'d> {
            Array(std::slice::Iter<'d, Document>),
            Object(std::collections::btree_map::Iter<'d, String, Document>),
        }
        let mut stack: Vec<Frame<'_>> = Vec::new();
        let mut next = Some(value);
        loop {
            match next.take() {
                Some(Document::Null) => self.null(),
                Some(Document::Bool(b)) => self.bool(*b),
                Some(Document::Number(n)) => self.number(*n),
                Some(Document::String(s)) => self.string(s),
                Some(Document::Array(items)) => {
                    self.begin_array();
                    stack.push(Frame::Array(items.iter()));
                }
                Some(Document::Object(entries)) => {
                    self.begin_object();
                    stack.push(Frame::Object(entries.iter()));
                }
                None => {}
            }
            match stack.last_mut() {
                None => return,
                Some(Frame::Array(items)) => match items.next() {
                    Some(item) => next = Some(item),
                    None => {
                        stack.pop();
                        self.end_array();
                    }
                },
                Some(Frame::Object(entries)) => match entries.next() {
                    Some((k, v)) => {
                        self.key(k);
                        next = Some(v);
                    }
                    None => {
                        stack.pop();
                        self.end_object();
                    }
                },
            }
        }
    }

    /// A quoted, escaped string. Runs of bytes that need no escape are copied in one go.
    fn push_escaped(&mut self, s: &str) {
        self.buf.push(b'"');
        let bytes = s.as_bytes();
        let mut run_start = 0;
        for (i, &b) in bytes.iter().enumerate() {
            let escape = ESCAPE[usize::from(b)];
            if escape == 0 {
                continue;
            }
            self.buf
                .extend_from_slice(bytes.get(run_start..i).unwrap_or(&[]));
            run_start = i + 1;
            self.buf.push(b'\\');
            self.buf.push(escape);
            if escape == b'u' {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.buf.extend_from_slice(b"00");
                self.buf.push(HEX[usize::from(b >> 4)]);
                self.buf.push(HEX[usize::from(b & 0xf)]);
            }
        }
        self.buf
            .extend_from_slice(bytes.get(run_start..).unwrap_or(&[]));
        self.buf.push(b'"');
    }
}

#[cfg(test)]
mod tests;
