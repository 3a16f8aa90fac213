//! The pull reader under the XML decoders: quick-xml's tokenizer, walked element by element.

use std::borrow::Cow;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::text::FromText;
use crate::{DecodeError, Timestamp, TimestampFormat};

/// Default bound on the nesting of elements.
pub const DEFAULT_MAX_DEPTH: usize = 128;

/// A streaming XML reader over a byte slice, driven by the decoder that knows the expected type.
///
/// Decoders work element by element: [`root`](Self::root) or [`next_child`](Self::next_child)
/// reads a start tag, after which the element's content is read with
/// [`read_text`](Self::read_text) (for a scalar), further `next_child` calls (for a structure,
/// list or map; `None` at its end tag) or [`skip`](Self::skip). The attributes of the element
/// just opened are available from [`attribute`](Self::attribute).
///
/// Names are matched by local name: namespace prefixes and declarations are ignored on input.
/// Only the five predefined entities and character references are expanded; a DTD's entities
/// never are (a reference to one is an error), so there is no entity expansion attack. Nesting
/// is bounded ([`with_max_depth`](Self::with_max_depth), default 128); every failure is a
/// [`DecodeError`] with the byte offset, never a panic.
pub struct XmlReader<'a> {
    input: &'a [u8],
    reader: Reader<&'a [u8]>,
    depth: usize,
    max_depth: usize,
    /// The start tag of the element whose content is read next.
    start: Option<BytesStart<'a>>,
}

impl<'a> XmlReader<'a> {
    /// A reader positioned before the root element of `input`.
    pub fn new(input: &'a [u8]) -> Self {
        let mut reader = Reader::from_reader(input);
        // `<a/>` reads as `<a></a>`: decoders see one shape of element.
        reader.config_mut().expand_empty_elements = true;
        XmlReader {
            input,
            reader,
            depth: 0,
            max_depth: DEFAULT_MAX_DEPTH,
            start: None,
        }
    }

    /// Sets the maximum nesting depth of elements.
    pub fn with_max_depth(mut self, max_depth: usize) -> Self {
        self.max_depth = max_depth;
        self
    }

    fn offset(&self) -> usize {
        usize::try_from(self.reader.buffer_position()).unwrap_or(usize::MAX)
    }

    /// An error at the current position.
    pub fn error(&self, message: impl Into<Cow<'static, str>>) -> DecodeError {
        DecodeError::new(message).with_offset(self.offset())
    }

    fn invalid(&self, e: impl std::fmt::Display) -> DecodeError {
        self.error(format!("invalid XML: {e}"))
    }

    fn next_event(&mut self) -> Result<Event<'a>, DecodeError> {
        match self.reader.read_event() {
            Ok(event) => Ok(event),
            Err(e) => Err(self.invalid(e)),
        }
    }

    /// Enters the element `start`, failing past the depth limit; returns its local name.
    fn open(&mut self, start: BytesStart<'a>) -> Result<Cow<'a, str>, DecodeError> {
        if self.depth >= self.max_depth {
            return Err(self.error(format!("nesting deeper than {} levels", self.max_depth)));
        }
        self.depth += 1;
        let name = self.local_name(&start)?;
        self.start = Some(start);
        Ok(name)
    }

    /// The local name (after any `prefix:`) of `start`, borrowed from the input: the reader
    /// hands out events that point into it, so no name is copied.
    fn local_name(&self, start: &BytesStart<'_>) -> Result<Cow<'a, str>, DecodeError> {
        let raw = start.name().into_inner();
        let local = match raw.iter().position(|&b| b == b':') {
            Some(colon) => &raw[colon + 1..],
            None => raw,
        };
        let base = self.input.as_ptr() as usize;
        let at = (local.as_ptr() as usize).wrapping_sub(base);
        let bytes: Cow<'a, [u8]> = match self.input.get(at..at + local.len()) {
            Some(within) if within.as_ptr() == local.as_ptr() => Cow::Borrowed(within),
            _ => Cow::Owned(local.to_vec()),
        };
        match bytes {
            Cow::Borrowed(b) => std::str::from_utf8(b).map(Cow::Borrowed),
            Cow::Owned(b) => String::from_utf8(b)
                .map(Cow::Owned)
                .map_err(|e| e.utf8_error()),
        }
        .map_err(|e| self.invalid(e))
    }

    /// Reads up to the root element's start tag (skipping the declaration, comments, processing
    /// instructions and a DTD) and returns its local name.
    pub fn root(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        loop {
            match self.next_event()? {
                Event::Start(start) => return self.open(start),
                Event::Text(text) if is_blank(&text) => {}
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
                Event::Eof => return Err(self.error("expected an XML element, found nothing")),
                _ => return Err(self.error("expected an XML element, found text")),
            }
        }
    }

    /// Reads the next child element's start tag in the current element and returns its local
    /// name, or `None` after reading the current element's end tag. Text beside child elements
    /// (indentation), comments and CDATA there are skipped.
    pub fn next_child(&mut self) -> Result<Option<Cow<'a, str>>, DecodeError> {
        loop {
            match self.next_event()? {
                Event::Start(start) => return self.open(start).map(Some),
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(None);
                }
                Event::Eof => return Err(self.error("unexpected end of the XML document")),
                // Text between elements is ignored; unknown entities in it are still errors.
                Event::Text(text) => {
                    text.unescape().map_err(|e| self.invalid(e))?;
                }
                Event::CData(_) | Event::Comment(_) | Event::PI(_) | Event::Decl(_) => {}
                Event::DocType(_) => return Err(self.error("a DTD inside an element")),
                Event::Empty(_) => return Err(self.error("unexpected empty element event")),
            }
        }
    }

    /// Reads the current element's text (entities and character references expanded, CDATA
    /// included, whitespace kept) and its end tag. A child element is an error.
    pub fn read_text(&mut self) -> Result<Cow<'a, str>, DecodeError> {
        let mut text: Option<Cow<'a, str>> = None;
        loop {
            let piece = match self.next_event()? {
                Event::Text(t) => t.unescape().map_err(|e| self.invalid(e))?,
                Event::CData(c) => c.decode().map_err(|e| self.invalid(e))?,
                Event::End(_) => {
                    self.depth = self.depth.saturating_sub(1);
                    return Ok(text.unwrap_or(Cow::Borrowed("")));
                }
                Event::Comment(_) | Event::PI(_) => continue,
                Event::Start(start) => {
                    let name = self.local_name(&start)?.into_owned();
                    return Err(self.error(format!("expected text, found the element <{name}>")));
                }
                Event::Eof => return Err(self.error("unexpected end of the XML document")),
                _ => return Err(self.error("unexpected XML content in text")),
            };
            text = Some(match text {
                None => piece,
                Some(mut so_far) => {
                    so_far.to_mut().push_str(&piece);
                    so_far
                }
            });
        }
    }

    /// Skips the rest of the current element, children included, and its end tag.
    pub fn skip(&mut self) -> Result<(), DecodeError> {
        let target = self.depth.saturating_sub(1);
        while self.depth > target {
            match self.next_event()? {
                Event::Start(start) => {
                    self.open(start)?;
                }
                Event::End(_) => self.depth -= 1,
                Event::Text(text) => {
                    text.unescape().map_err(|e| self.invalid(e))?;
                }
                Event::Eof => return Err(self.error("unexpected end of the XML document")),
                _ => {}
            }
        }
        Ok(())
    }

    /// The value of the attribute with local name `name` on the element just opened.
    pub fn attribute(&self, name: &str) -> Result<Option<String>, DecodeError> {
        let Some(start) = &self.start else {
            return Ok(None);
        };
        for attribute in start.attributes() {
            let attribute = attribute.map_err(|e| self.invalid(e))?;
            let key = attribute.key;
            // An attribute may be named with its prefix (`xsi:someName`) or without.
            let matches =
                key.as_ref() == name.as_bytes() || key.local_name().as_ref() == name.as_bytes();
            if matches {
                let value = attribute.unescape_value().map_err(|e| self.invalid(e))?;
                return Ok(Some(value.into_owned()));
            }
        }
        Ok(None)
    }

    /// The attribute `name` parsed as `T` (a number, boolean, blob…).
    pub fn parsed_attribute<T: FromText>(&self, name: &str) -> Result<Option<T>, DecodeError> {
        match self.attribute(name)? {
            None => Ok(None),
            Some(text) => T::from_text(text.trim())
                .map(Some)
                .map_err(|reason| self.error(reason).in_field(name)),
        }
    }

    /// The attribute `name` as a timestamp in `format`.
    pub fn timestamp_attribute(
        &self,
        name: &str,
        format: TimestampFormat,
    ) -> Result<Option<Timestamp>, DecodeError> {
        match self.attribute(name)? {
            None => Ok(None),
            Some(text) => Timestamp::parse(text.trim(), format)
                .map(Some)
                .map_err(|e| self.error(format!("{e}: `{text}`")).in_field(name)),
        }
    }

    /// Checks that nothing but whitespace, comments and processing instructions follows the
    /// root element.
    pub fn finish(&mut self) -> Result<(), DecodeError> {
        loop {
            match self.next_event()? {
                Event::Eof => return Ok(()),
                Event::Text(text) if is_blank(&text) => {}
                Event::Comment(_) | Event::PI(_) => {}
                _ => return Err(self.error("trailing content after the XML root element")),
            }
        }
    }
}

fn is_blank(text: &quick_xml::events::BytesText<'_>) -> bool {
    text.iter().all(|b| b.is_ascii_whitespace())
}
