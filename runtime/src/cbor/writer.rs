//! `CborWriter`: data items into a byte buffer, heads in their shortest form.

use crate::Timestamp;

/// Writes CBOR data items into a growing buffer.
///
/// Structures are written as indefinite-length maps (`begin_map` … `end_map`), so a generated
/// encoder need not count its set members first; lists and maps, whose lengths are known, get
/// definite lengths. Both are valid rpcv2Cbor.
#[derive(Clone, Debug, Default)]
pub struct CborWriter {
    buf: Vec<u8>,
}

impl CborWriter {
    /// An empty writer.
    pub fn new() -> Self {
        CborWriter::default()
    }

    /// The bytes written so far.
    pub fn as_bytes(&self) -> &[u8] {
        &self.buf
    }

    /// The written bytes.
    pub fn finish(self) -> Vec<u8> {
        self.buf
    }

    /// A head: major type and argument, in the shortest form.
    fn head(&mut self, major: u8, arg: u64) {
        let major = major << 5;
        match arg {
            0..=23 => self.buf.push(major | arg as u8),
            24..=0xff => self.buf.extend_from_slice(&[major | 24, arg as u8]),
            0x100..=0xffff => {
                self.buf.push(major | 25);
                self.buf.extend_from_slice(&(arg as u16).to_be_bytes());
            }
            0x1_0000..=0xffff_ffff => {
                self.buf.push(major | 26);
                self.buf.extend_from_slice(&(arg as u32).to_be_bytes());
            }
            _ => {
                self.buf.push(major | 27);
                self.buf.extend_from_slice(&arg.to_be_bytes());
            }
        }
    }

    /// Appends bytes that already encode data items (a cached encoding, a test's raw item).
    pub fn raw(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Starts an indefinite-length map; [`end_map`](Self::end_map) ends it.
    pub fn begin_map(&mut self) {
        self.buf.push(0xbf);
    }

    /// Ends an indefinite-length map.
    pub fn end_map(&mut self) {
        self.buf.push(0xff);
    }

    /// Starts a map of `len` entries (keys and values follow).
    pub fn map(&mut self, len: usize) {
        self.head(5, len as u64);
    }

    /// Starts an array of `len` elements.
    pub fn array(&mut self, len: usize) {
        self.head(4, len as u64);
    }

    /// A tag; the tagged item follows.
    pub fn tag(&mut self, tag: u64) {
        self.head(6, tag);
    }

    /// A text string.
    pub fn text(&mut self, value: &str) {
        self.head(3, value.len() as u64);
        self.buf.extend_from_slice(value.as_bytes());
    }

    /// A byte string.
    pub fn bytes(&mut self, value: &[u8]) {
        self.head(2, value.len() as u64);
        self.buf.extend_from_slice(value);
    }

    /// `true` or `false`.
    pub fn bool(&mut self, value: bool) {
        self.buf.push(if value { 0xf5 } else { 0xf4 });
    }

    /// `null`.
    pub fn null(&mut self) {
        self.buf.push(0xf6);
    }

    /// An integer in `-2^64 ..= 2^64 - 1` (what major types 0 and 1 hold); values outside are
    /// clamped, which no `i64` or `u64` reaches.
    pub fn int(&mut self, value: i128) {
        if value >= 0 {
            self.head(0, u64::try_from(value).unwrap_or(u64::MAX));
        } else {
            self.head(1, u64::try_from(-1 - value).unwrap_or(u64::MAX));
        }
    }

    /// A single-precision float.
    pub fn f32(&mut self, value: f32) {
        self.buf.push(0xfa);
        self.buf.extend_from_slice(&value.to_bits().to_be_bytes());
    }

    /// A double-precision float.
    pub fn f64(&mut self, value: f64) {
        self.buf.push(0xfb);
        self.buf.extend_from_slice(&value.to_bits().to_be_bytes());
    }

    /// A timestamp: tag 1 and its epoch seconds as a double, as rpcv2Cbor sends every
    /// timestamp (`@timestampFormat` does not apply).
    pub fn timestamp(&mut self, value: &Timestamp) {
        self.tag(1);
        self.f64(value.as_secs_f64());
    }
}
