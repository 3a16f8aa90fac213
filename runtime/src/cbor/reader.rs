//! The pull decoder's core: data item heads, scalars, strings, and the array and map walkers.
//!
//! Every length the input declares is checked against what remains before anything is read or
//! allocated, so a hostile length costs an error, not memory: a definite string must fit in the
//! input, and an array or map of `n` entries needs at least `n` (or `2n`) more bytes.

use std::borrow::Cow;

use crate::{DecodeError, Timestamp};

/// Default bound on nesting of arrays, maps and tags.
pub const DEFAULT_MAX_DEPTH: usize = 128;

/// The `break` stop code that ends an indefinite-length item.
const BREAK: u8 = 0xff;

/// The kind of the next data item, from its major type (and, for major type 7, its simple
/// value).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CborKind {
    /// Major type 0: an unsigned integer.
    Unsigned,
    /// Major type 1: a negative integer.
    Negative,
    /// Major type 2: a byte string.
    Bytes,
    /// Major type 3: a text string.
    Text,
    /// Major type 4: an array.
    Array,
    /// Major type 5: a map.
    Map,
    /// Major type 6: a tag, followed by the tagged item.
    Tag,
    /// `false` or `true`.
    Bool,
    /// `null` or `undefined`.
    Null,
    /// A half, single or double precision float.
    Float,
    /// Any other simple value, or the `break` stop code.
    Other,
}

/// A data item's head, after its major type: the argument (a length, a value or a tag number).
#[derive(Clone, Copy, Debug)]
pub(super) struct Head {
    /// The 5-bit additional information: 31 means an indefinite length.
    pub info: u8,
    pub arg: u64,
}

impl Head {
    fn indefinite(&self) -> bool {
        self.info == 31
    }
}

/// A streaming CBOR (RFC 8949) decoder over a byte slice, driven by the decoder that knows the
/// expected type.
///
/// There is no intermediate tree: generated structure decoders call
/// [`read_members`](Self::read_members) with a slot per member, and each value is decoded
/// straight into its slot; unknown keys are skipped with [`skip_value`](Self::skip_value).
/// Definite-length strings are borrowed from the input; indefinite-length ones are joined.
///
/// Every method returns an error instead of panicking on malformed, truncated or hostile input.
/// Nesting of arrays, maps and tags is bounded by [`with_max_depth`](Self::with_max_depth)
/// (default 128), which also bounds the recursion of decoders for recursive shapes.
#[derive(Clone, Debug)]
pub struct CborReader<'a> {
    input: &'a [u8],
    pos: usize,
    depth: usize,
    max_depth: usize,
}

impl<'a> CborReader<'a> {
    /// A reader positioned at the start of `input`.
    pub fn new(input: &'a [u8]) -> Self {
        CborReader {
            input,
            pos: 0,
            depth: 0,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }

    /// A reader over an HTTP body: `bytes`, or an empty map when there are none (an operation
    /// with an empty output may be answered with no body).
    pub fn for_body(bytes: &'a [u8]) -> Self {
        if bytes.is_empty() {
            CborReader::new(&[0xa0])
        } else {
            CborReader::new(bytes)
        }
    }

    /// Sets the maximum nesting depth of arrays, maps and tags.
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Byte offset of the next unread byte.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Checks that the whole input was read.
    pub fn finish(&self) -> Result<(), DecodeError> {
        if self.pos < self.input.len() {
            return Err(self.error(format!(
                "{} bytes after the end of the data item",
                self.input.len() - self.pos
            )));
        }
        Ok(())
    }

    /// An error at the current position.
    pub(super) fn error(&self, message: impl Into<Cow<'static, str>>) -> DecodeError {
        DecodeError::new(message).with_offset(self.pos)
    }

    fn remaining(&self) -> usize {
        self.input.len() - self.pos
    }

    /// The kind of the next data item, or `None` at the end of the input.
    pub fn peek_kind(&self) -> Option<CborKind> {
        let b = *self.input.get(self.pos)?;
        Some(match b >> 5 {
            0 => CborKind::Unsigned,
            1 => CborKind::Negative,
            2 => CborKind::Bytes,
            3 => CborKind::Text,
            4 => CborKind::Array,
            5 => CborKind::Map,
            6 => CborKind::Tag,
            _ => match b {
                0xf4 | 0xf5 => CborKind::Bool,
                0xf6 | 0xf7 => CborKind::Null,
                0xf9..=0xfb => CborKind::Float,
                _ => CborKind::Other,
            },
        })
    }

    /// "expected …, found …" at the current position.
    pub(super) fn unexpected(&self, expected: &str) -> DecodeError {
        let found = match self.peek_kind() {
            None => "the end of the input",
            Some(CborKind::Unsigned | CborKind::Negative) => "an integer",
            Some(CborKind::Bytes) => "a byte string",
            Some(CborKind::Text) => "a text string",
            Some(CborKind::Array) => "an array",
            Some(CborKind::Map) => "a map",
            Some(CborKind::Tag) => "a tag",
            Some(CborKind::Bool) => "a boolean",
            Some(CborKind::Null) => "null",
            Some(CborKind::Float) => "a float",
            Some(CborKind::Other) if self.input.get(self.pos) == Some(&BREAK) => "a break",
            Some(CborKind::Other) => "a simple value",
        };
        self.error(format!("expected {expected}, found {found}"))
    }

    /// Reads the head of the next data item: major type and argument.
    pub(super) fn read_head(&mut self) -> Result<Head, DecodeError> {
        let start = self.pos;
        let Some(&first) = self.input.get(start) else {
            return Err(self.error("unexpected end of input, expected a data item"));
        };
        let major = first >> 5;
        let info = first & 0x1f;
        let size = match info {
            0..=23 => 0,
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            28..=30 => {
                return Err(self.error(format!("reserved additional information {info}")));
            }
            _ if matches!(major, 2..=5 | 7) => 0,
            _ => {
                return Err(self.error(format!(
                    "major type {major} cannot have an indefinite length"
                )));
            }
        };
        let Some(bytes) = self.input.get(start + 1..start + 1 + size) else {
            return Err(self.error("unexpected end of input in a data item's head"));
        };
        let arg = if size == 0 {
            u64::from(info)
        } else {
            bytes.iter().fold(0u64, |n, &b| (n << 8) | u64::from(b))
        };
        self.pos = start + 1 + size;
        Ok(Head { info, arg })
    }

    /// Consumes `null` (or `undefined`) if it is next.
    pub fn take_null(&mut self) -> bool {
        if matches!(self.input.get(self.pos), Some(0xf6 | 0xf7)) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// Reads `true` or `false`.
    pub fn read_bool(&mut self) -> Result<bool, DecodeError> {
        match self.input.get(self.pos) {
            Some(0xf4) => {
                self.pos += 1;
                Ok(false)
            }
            Some(0xf5) => {
                self.pos += 1;
                Ok(true)
            }
            _ => Err(self.unexpected("a boolean")),
        }
    }

    /// Reads an integer of major type 0 or 1 (any width) as an `i128`, which holds them all.
    pub fn read_int(&mut self) -> Result<i128, DecodeError> {
        match self.peek_kind() {
            Some(CborKind::Unsigned) => Ok(i128::from(self.read_head()?.arg)),
            Some(CborKind::Negative) => Ok(-1 - i128::from(self.read_head()?.arg)),
            _ => Err(self.unexpected("an integer")),
        }
    }

    /// Reads an integer that must fit in `T` (`what` names it in the error: "an integer").
    pub fn read_integer<T: TryFrom<i128>>(&mut self, what: &str) -> Result<T, DecodeError> {
        let start = self.pos;
        let n = self.read_int()?;
        T::try_from(n).map_err(|_| {
            DecodeError::new(format!("{n} is out of range for {what}")).with_offset(start)
        })
    }

    /// Reads a float of any width (half precision included), or an integer as a float.
    pub fn read_f64(&mut self) -> Result<f64, DecodeError> {
        // The head's argument of a float is its bits, of the width the first byte says.
        match self.input.get(self.pos) {
            Some(0xf9) => Ok(f16_to_f64(self.read_head()?.arg as u16)),
            Some(0xfa) => Ok(f64::from(f32::from_bits(self.read_head()?.arg as u32))),
            Some(0xfb) => Ok(f64::from_bits(self.read_head()?.arg)),
            _ => match self.peek_kind() {
                Some(CborKind::Unsigned | CborKind::Negative) => self.read_int().map(|n| n as f64),
                _ => Err(self.unexpected("a number")),
            },
        }
    }

    /// Reads a text string (UTF-8 checked), borrowed when it has a definite length.
    pub fn read_text(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        if self.peek_kind() != Some(CborKind::Text) {
            return Err(self.unexpected("a text string"));
        }
        match self.read_string(3)? {
            Cow::Borrowed(bytes) => match std::str::from_utf8(bytes) {
                Ok(text) => Ok(Cow::Borrowed(text)),
                Err(e) => Err(invalid_utf8(self.pos - bytes.len() + e.valid_up_to())),
            },
            Cow::Owned(bytes) => {
                let start = self.pos;
                String::from_utf8(bytes)
                    .map(Cow::Owned)
                    .map_err(|_| invalid_utf8(start))
            }
        }
    }

    /// Reads a byte string, borrowed when it has a definite length.
    pub fn read_bytes(&mut self) -> Result<Cow<'a, [u8]>, DecodeError> {
        if self.peek_kind() != Some(CborKind::Bytes) {
            return Err(self.unexpected("a byte string"));
        }
        self.read_string(2)
    }

    /// A string of `major` type 2 or 3 (checked by the caller), definite or in chunks.
    fn read_string(&mut self, major: u8) -> Result<Cow<'a, [u8]>, DecodeError> {
        let head = self.read_head()?;
        if !head.indefinite() {
            return self.take(head.arg).map(Cow::Borrowed);
        }
        let mut joined = Vec::new();
        loop {
            match self.input.get(self.pos) {
                Some(&BREAK) => {
                    self.pos += 1;
                    return Ok(Cow::Owned(joined));
                }
                Some(&b) if b >> 5 == major && b & 0x1f != 31 => {
                    let chunk = self.read_head()?;
                    joined.extend_from_slice(self.take(chunk.arg)?);
                }
                Some(_) => {
                    return Err(self.error(
                        "a chunk of an indefinite-length string must be a definite string of the same type",
                    ));
                }
                None => return Err(self.error("unexpected end of input in a string")),
            }
        }
    }

    /// The next `len` bytes, if the input has them.
    fn take(&mut self, len: u64) -> Result<&'a [u8], DecodeError> {
        let available = self.remaining();
        match usize::try_from(len) {
            Ok(len) if len <= available => {
                let bytes = &self.input[self.pos..self.pos + len];
                self.pos += len;
                Ok(bytes)
            }
            _ => Err(self.error(format!(
                "a string of {len} bytes, but only {available} remain"
            ))),
        }
    }

    /// Consumes the tag ahead, if there is one, and returns its number.
    pub fn read_tag(&mut self) -> Result<Option<u64>, DecodeError> {
        if self.peek_kind() != Some(CborKind::Tag) {
            return Ok(None);
        }
        self.read_head().map(|head| Some(head.arg))
    }

    /// Reads a timestamp: epoch seconds (an integer or a float), usually under tag 1.
    pub fn read_timestamp(&mut self) -> Result<Timestamp, DecodeError> {
        let start = self.pos;
        match self.read_tag()? {
            None | Some(1) => {}
            Some(tag) => {
                return Err(DecodeError::new(format!(
                    "unexpected tag {tag}, expected tag 1 (epoch seconds) or none"
                ))
                .with_offset(start))
            }
        }
        let at = self.pos;
        let timestamp = match self.peek_kind() {
            Some(CborKind::Unsigned | CborKind::Negative) => {
                let secs: i64 = self.read_integer("a timestamp")?;
                Some(Timestamp::from_secs(secs))
            }
            _ => Timestamp::from_secs_f64(self.read_f64()?),
        };
        timestamp.ok_or_else(|| DecodeError::new("timestamp out of range").with_offset(at))
    }

    /// Enters an array or map (or a tag), failing past the depth limit.
    pub(super) fn enter(&mut self) -> Result<(), DecodeError> {
        if self.depth >= self.max_depth {
            return Err(self.error(format!("nesting deeper than {} levels", self.max_depth)));
        }
        self.depth += 1;
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth -= 1;
    }

    /// The number of entries of the container whose `head` was just read, `None` for an
    /// indefinite length; `min_size` bytes per entry must remain.
    fn entries(&self, head: Head, min_size: u64, what: &str) -> Result<Option<u64>, DecodeError> {
        if head.indefinite() {
            return Ok(None);
        }
        let available = self.remaining() as u64;
        if head.arg > available / min_size {
            return Err(self.error(format!(
                "{what} of {} entries, but only {available} bytes remain",
                head.arg
            )));
        }
        Ok(Some(head.arg))
    }

    /// Whether another entry of a container follows: counts down a definite length, or looks
    /// for the `break` of an indefinite one (consuming it).
    fn more(&mut self, left: &mut Option<u64>) -> Result<bool, DecodeError> {
        match left {
            Some(0) => Ok(false),
            Some(n) => {
                *n -= 1;
                Ok(true)
            }
            None => match self.input.get(self.pos) {
                Some(&BREAK) => {
                    self.pos += 1;
                    Ok(false)
                }
                Some(_) => Ok(true),
                None => Err(self.error("unexpected end of input, expected a data item or a break")),
            },
        }
    }

    /// Reads an array, calling `f` with the index of each element; an error names the element
    /// as `[i]`.
    pub fn read_array(
        &mut self,
        mut f: impl FnMut(&mut Self, usize) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        if self.peek_kind() != Some(CborKind::Array) {
            return Err(self.unexpected("an array"));
        }
        let head = self.read_head()?;
        let mut left = self.entries(head, 1, "an array")?;
        self.enter()?;
        let mut index = 0;
        while self.more(&mut left)? {
            f(self, index).map_err(|e| e.at_index(index))?;
            index += 1;
        }
        self.leave();
        Ok(())
    }

    /// Reads a map with text keys, calling `f` with each key, the reader at its value. Errors
    /// are not given a path: [`read_entries`](Self::read_entries) and
    /// [`read_members`](Self::read_members) add theirs.
    pub fn read_map(
        &mut self,
        mut f: impl FnMut(&mut Self, &str) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        if self.peek_kind() != Some(CborKind::Map) {
            return Err(self.unexpected("a map"));
        }
        let head = self.read_head()?;
        let mut left = self.entries(head, 2, "a map")?;
        self.enter()?;
        while self.more(&mut left)? {
            let key = self.read_text()?;
            f(self, &key)?;
        }
        self.leave();
        Ok(())
    }

    /// Reads a map, calling `f` with each key; an error names the entry as `["key"]`.
    pub fn read_entries(
        &mut self,
        mut f: impl FnMut(&mut Self, &str) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        self.read_map(|r, key| f(r, key).map_err(|e| e.at_key(key)))
    }

    /// Skips the next data item, whatever it is (tags and nested items included).
    pub fn skip_value(&mut self) -> Result<(), DecodeError> {
        let mut tags = 0;
        while self.peek_kind() == Some(CborKind::Tag) {
            self.read_head()?;
            self.enter()?;
            tags += 1;
        }
        let result = self.skip_untagged();
        for _ in 0..tags {
            self.leave();
        }
        result
    }

    fn skip_untagged(&mut self) -> Result<(), DecodeError> {
        match self.peek_kind() {
            Some(CborKind::Bytes) => self.read_string(2).map(drop),
            Some(CborKind::Text) => self.read_string(3).map(drop),
            Some(CborKind::Array) => self.read_array(|r, _| r.skip_value()),
            Some(CborKind::Map) => {
                let head = self.read_head()?;
                let mut left = self.entries(head, 2, "a map")?;
                self.enter()?;
                while self.more(&mut left)? {
                    self.skip_value()?;
                    self.skip_value()?;
                }
                self.leave();
                Ok(())
            }
            Some(CborKind::Other) if self.input.get(self.pos) == Some(&BREAK) => {
                Err(self.unexpected("a data item"))
            }
            Some(_) => self.read_head().map(drop),
            None => Err(self.error("unexpected end of input, expected a data item")),
        }
    }
}

fn invalid_utf8(offset: usize) -> DecodeError {
    DecodeError::new("invalid UTF-8 in a text string").with_offset(offset)
}

/// An IEEE 754 half-precision float as a double (exactly: every half is a double).
pub(super) fn f16_to_f64(bits: u16) -> f64 {
    let sign = if bits & 0x8000 == 0 { 1.0 } else { -1.0 };
    let exponent = i32::from((bits >> 10) & 0x1f);
    let mantissa = f64::from(bits & 0x3ff);
    let magnitude = match exponent {
        0 => mantissa * 2f64.powi(-24),
        31 if mantissa == 0.0 => f64::INFINITY,
        31 => f64::NAN,
        _ => (1.0 + mantissa / 1024.0) * 2f64.powi(exponent - 15),
    };
    sign * magnitude
}
