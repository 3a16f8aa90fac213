//! An XML writer that appends to a string and escapes text and attribute values.

use quick_xml::escape::{escape, partial_escape};

/// A namespace declaration (`@xmlNamespace`): `xmlns="uri"`, or `xmlns:prefix="uri"`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Namespace {
    /// The prefix, if any.
    pub prefix: Option<&'static str>,
    /// The namespace URI.
    pub uri: &'static str,
}

/// Writes XML into a `String`.
///
/// Callers write in document order: [`start`](Self::start) an element, optionally add
/// [`namespace`](Self::namespace)s and [`attribute`](Self::attribute)s, then its content
/// ([`text`](Self::text) or child elements), then [`end`](Self::end) it; the start tag is
/// closed when content or the end comes. Text and attribute values are escaped with
/// quick-xml's escaping.
#[derive(Clone, Debug, Default)]
pub struct XmlWriter {
    out: String,
    /// A start tag is open (`<name attr="…"` written, `>` not yet).
    in_start_tag: bool,
}

impl XmlWriter {
    /// An empty writer.
    pub fn new() -> Self {
        Self::default()
    }

    /// The XML written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The finished XML text, as bytes.
    pub fn finish(self) -> Vec<u8> {
        self.out.into_bytes()
    }

    fn close_start_tag(&mut self) {
        if self.in_start_tag {
            self.out.push('>');
            self.in_start_tag = false;
        }
    }

    /// Starts the element `name` (which may carry a prefix, `ns:name`).
    pub fn start(&mut self, name: &str) {
        self.close_start_tag();
        self.out.push('<');
        self.out.push_str(name);
        self.in_start_tag = true;
    }

    /// Declares `namespace` on the element just started.
    pub fn namespace(&mut self, namespace: &Namespace) {
        match namespace.prefix {
            Some(prefix) => self.attribute(&format!("xmlns:{prefix}"), namespace.uri),
            None => self.attribute("xmlns", namespace.uri),
        }
    }

    /// Adds an attribute to the element just started.
    pub fn attribute(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        self.out.push_str(&escape(value));
        self.out.push('"');
    }

    /// Text content, escaped.
    pub fn text(&mut self, text: &str) {
        self.close_start_tag();
        self.out.push_str(&partial_escape(text));
    }

    /// Ends the element `name`.
    pub fn end(&mut self, name: &str) {
        self.close_start_tag();
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push('>');
    }

    /// A whole element holding `text`.
    pub fn element(&mut self, name: &str, namespace: Option<&Namespace>, text: &str) {
        self.start(name);
        if let Some(namespace) = namespace {
            self.namespace(namespace);
        }
        self.text(text);
        self.end(name);
    }
}
