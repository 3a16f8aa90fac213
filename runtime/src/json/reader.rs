//! The pull parser's core: position, whitespace, nesting and the object/array walkers.

use std::borrow::Cow;

use super::JsonDecode;
use crate::{DecodeError, Timestamp, TimestampFormat};

/// Default bound on nesting of objects and arrays.
pub const DEFAULT_MAX_DEPTH: usize = 128;

/// The kind of the next JSON value, from its first byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonKind {
    /// `{`.
    Object,
    /// `[`.
    Array,
    /// `"`.
    String,
    /// `-` or a digit.
    Number,
    /// `t` or `f`.
    Bool,
    /// `n`.
    Null,
}

/// A streaming JSON parser over a byte slice, driven by the decoder that knows the expected type.
///
/// There is no intermediate tree: generated structure decoders call
/// [`read_members`](Self::read_members) with a slot per member, and each value is decoded
/// straight into its slot; unknown keys are skipped with [`skip_value`](Self::skip_value). Strings without escapes are borrowed from
/// the input.
///
/// Every method returns an error instead of panicking on malformed, truncated or hostile input.
/// Nesting is bounded by [`with_max_depth`](Self::with_max_depth) (default 128), which also
/// bounds the recursion of decoders for recursive shapes and documents; each level costs those
/// decoders some stack, so keep the limit in the low thousands at most.
#[derive(Clone, Debug)]
pub struct JsonReader<'a> {
    pub(super) input: &'a [u8],
    pub(super) pos: usize,
    depth: usize,
    max_depth: usize,
}

impl<'a> JsonReader<'a> {
    /// A reader positioned at the start of `input`.
    pub fn new(input: &'a [u8]) -> Self {
        JsonReader {
            input,
            pos: 0,
            depth: 0,
            max_depth: DEFAULT_MAX_DEPTH,
        }
    }

    /// Sets the maximum nesting depth of objects and arrays.
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    /// Byte offset of the next unread byte.
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Checks that only whitespace remains.
    pub fn finish(&mut self) -> Result<(), DecodeError> {
        match self.peek() {
            None => Ok(()),
            Some(_) => Err(self.error("trailing characters after the JSON value")),
        }
    }

    /// The next non-whitespace byte, without consuming it.
    pub(super) fn peek(&mut self) -> Option<u8> {
        while let Some(&b) = self.input.get(self.pos) {
            if !matches!(b, b' ' | b'\n' | b'\r' | b'\t') {
                return Some(b);
            }
            self.pos += 1;
        }
        None
    }

    /// An error at the current position.
    pub(super) fn error(&self, message: impl Into<Cow<'static, str>>) -> DecodeError {
        DecodeError::new(message).with_offset(self.pos)
    }

    /// `expected <what>, found <whatever is next>`.
    pub(super) fn unexpected(&mut self, expected: &str) -> DecodeError {
        let found = match self.peek() {
            None => "the end of the input".to_owned(),
            Some(b'{') => "an object".to_owned(),
            Some(b'[') => "an array".to_owned(),
            Some(b'"') => "a string".to_owned(),
            Some(b'-' | b'0'..=b'9') => "a number".to_owned(),
            Some(b't' | b'f') => "a boolean".to_owned(),
            Some(b'n') => "null".to_owned(),
            Some(b) => format!("the character {:?}", b.escape_ascii().to_string()),
        };
        self.error(format!("expected {expected}, found {found}"))
    }

    /// The kind of the next value judging by its first byte, or `None` at the end of the input or
    /// before a byte no value starts with. Nothing is consumed but whitespace.
    pub fn peek_kind(&mut self) -> Option<JsonKind> {
        match self.peek()? {
            b'{' => Some(JsonKind::Object),
            b'[' => Some(JsonKind::Array),
            b'"' => Some(JsonKind::String),
            b'-' | b'0'..=b'9' => Some(JsonKind::Number),
            b't' | b'f' => Some(JsonKind::Bool),
            b'n' => Some(JsonKind::Null),
            _ => None,
        }
    }

    /// Consumes `literal` (`true`, `false`, `null`) if the input continues with it.
    fn eat_literal(&mut self, literal: &[u8]) -> bool {
        let end = self.pos.saturating_add(literal.len());
        if self.input.get(self.pos..end) == Some(literal) {
            self.pos = end;
            true
        } else {
            false
        }
    }

    /// Whether the next value is `null` (without consuming it).
    pub fn peek_null(&mut self) -> bool {
        self.peek() == Some(b'n')
            && self
                .input
                .get(self.pos..)
                .is_some_and(|r| r.starts_with(b"null"))
    }

    /// Consumes a `null` if one is next; returns whether it did.
    pub fn take_null(&mut self) -> bool {
        self.peek() == Some(b'n') && self.eat_literal(b"null")
    }

    /// Reads `true` or `false`.
    pub fn read_bool(&mut self) -> Result<bool, DecodeError> {
        match self.peek() {
            Some(b't') if self.eat_literal(b"true") => Ok(true),
            Some(b'f') if self.eat_literal(b"false") => Ok(false),
            _ => Err(self.unexpected("a boolean")),
        }
    }

    /// Consumes the opening bracket `open` and enters one nesting level.
    fn enter(&mut self, open: u8, expected: &str) -> Result<(), DecodeError> {
        if self.peek() != Some(open) {
            return Err(self.unexpected(expected));
        }
        self.enter_here()?;
        self.pos += 1;
        Ok(())
    }

    /// Enters one nesting level, failing past the limit.
    pub(super) fn enter_here(&mut self) -> Result<(), DecodeError> {
        if self.depth >= self.max_depth {
            return Err(self.error(format!("nesting deeper than {} levels", self.max_depth)));
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves one nesting level.
    pub(super) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Consumes `b` if it is the next non-whitespace byte.
    pub(super) fn eat(&mut self, b: u8) -> bool {
        if self.peek() == Some(b) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    /// After a member or element: `true` if another follows (`,` consumed), `false` at the
    /// closing bracket (consumed, level left).
    fn next_item(&mut self, close: u8, expected: &str) -> Result<bool, DecodeError> {
        match self.peek() {
            Some(b',') => {
                self.pos += 1;
                Ok(true)
            }
            Some(b) if b == close => {
                self.pos += 1;
                self.leave();
                Ok(false)
            }
            _ => Err(self.unexpected(expected)),
        }
    }

    /// Reads an object, calling `f` with each key while the reader is positioned at its value.
    ///
    /// `f` must consume exactly one value: decode it (`field`, `timestamp_field`, …) or
    /// [`skip_value`](Self::skip_value) it. A member whose value is `null` reaches `f` like any
    /// other; decoding it as an `Option` yields `None`, which is how absent-and-null members
    /// coincide. A `null` in place of the whole object is the `Option` impl's business, not this
    /// method's: here it is an error.
    pub fn read_object(
        &mut self,
        mut f: impl FnMut(&mut Self, &str) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        // One non-generic body for every structure type keeps generated code cheap to compile.
        self.read_object_dyn(&mut f)
    }

    fn read_object_dyn(
        &mut self,
        f: &mut dyn FnMut(&mut Self, &str) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        self.enter(b'{', "an object")?;
        if self.eat(b'}') {
            self.leave();
            return Ok(());
        }
        loop {
            if self.peek() != Some(b'"') {
                return Err(self.unexpected("a string key"));
            }
            let key = self.read_string()?;
            if !self.eat(b':') {
                return Err(self.unexpected("':'"));
            }
            f(self, &key)?;
            if !self.next_item(b'}', "',' or '}'")? {
                return Ok(());
            }
        }
    }

    /// Reads an array, calling `f` with each element's index while the reader is positioned at
    /// the element. `f` must consume exactly one value.
    pub fn read_array(
        &mut self,
        mut f: impl FnMut(&mut Self, usize) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        self.read_array_dyn(&mut f)
    }

    fn read_array_dyn(
        &mut self,
        f: &mut dyn FnMut(&mut Self, usize) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        self.enter(b'[', "an array")?;
        if self.eat(b']') {
            self.leave();
            return Ok(());
        }
        let mut index = 0;
        loop {
            f(self, index)?;
            index += 1;
            if !self.next_item(b']', "',' or ']'")? {
                return Ok(());
            }
        }
    }

    /// Reads an array, calling `f` at each element; an error gets the element's index in its
    /// path here. Takes `&mut dyn FnMut` so that collection decoders, one per element type,
    /// share this one body.
    pub fn read_elements(
        &mut self,
        f: &mut dyn FnMut(&mut Self) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        self.read_array_dyn(&mut |r, index| f(r).map_err(|e| e.at_index(index)))
    }

    /// Reads an object as map entries, calling `f` with each key; an error gets the key in its
    /// path here. See [`read_elements`](Self::read_elements).
    pub fn read_entries(
        &mut self,
        f: &mut dyn FnMut(&mut Self, &str) -> Result<(), DecodeError>,
    ) -> Result<(), DecodeError> {
        self.read_object_dyn(&mut |r, key| f(r, key).map_err(|e| e.at_key(key)))
    }

    /// Decodes the next value as a `T`, naming the member `name` in the path of any error.
    pub fn field<T: JsonDecode>(&mut self, name: &str) -> Result<T, DecodeError> {
        T::decode_json(self).map_err(|e| e.in_field(name))
    }

    /// Decodes the next value as a timestamp in `format` (`null` is `None`), naming the member
    /// `name` in the path of any error. See [`read_timestamp`](Self::read_timestamp).
    pub fn timestamp_field(
        &mut self,
        name: &str,
        format: TimestampFormat,
    ) -> Result<Option<Timestamp>, DecodeError> {
        if self.take_null() {
            return Ok(None);
        }
        self.read_timestamp(format)
            .map(Some)
            .map_err(|e| e.in_field(name))
    }

    /// Reads a timestamp. A JSON number is always epoch seconds, whatever `format` says (so
    /// fractions keep full precision); a string is parsed in `format`, or as a date-time when
    /// `format` is epoch-seconds.
    pub fn read_timestamp(&mut self, format: TimestampFormat) -> Result<Timestamp, DecodeError> {
        match self.peek() {
            Some(b'-' | b'0'..=b'9') => {
                let start = self.pos;
                let number = self.read_number()?;
                Timestamp::parse(number.text, TimestampFormat::EpochSeconds)
                    .map_err(|e| DecodeError::new(e.to_string()).with_offset(start))
            }
            Some(b'"') => {
                let start = self.pos;
                let text = self.read_string()?;
                let format = match format {
                    TimestampFormat::EpochSeconds => TimestampFormat::DateTime,
                    other => other,
                };
                Timestamp::parse(&text, format)
                    .map_err(|e| DecodeError::new(e.to_string()).with_offset(start))
            }
            _ => Err(self.unexpected("a timestamp")),
        }
    }
}
