//! `XmlEncode`: how each runtime type writes itself as an element, plus the collection helpers
//! generated encoders call.

use std::collections::BTreeMap;

use super::{Namespace, XmlWriter};
use crate::text::ToText;
use crate::{BigDecimal, BigInteger, Blob, Document, Timestamp, TimestampFormat};

/// A type that writes itself as one XML element named `name` (declaring `namespace`, if any).
pub trait XmlEncode {
    /// Writes `<name>…</name>`.
    fn encode_xml(&self, w: &mut XmlWriter, name: &str, namespace: Option<&Namespace>);
}

macro_rules! encode_as_text {
    ($($ty:ty),*) => {$(
        impl XmlEncode for $ty {
            fn encode_xml(&self, w: &mut XmlWriter, name: &str, namespace: Option<&Namespace>) {
                w.element(name, namespace, &self.to_text());
            }
        }
    )*};
}

encode_as_text!(str, String, bool, i8, i16, i32, i64, f32, f64, Blob, BigInteger, BigDecimal);

/// A date-time (the XML protocols' default); members with `@timestampFormat` are written by
/// the generated code in their format.
impl XmlEncode for Timestamp {
    fn encode_xml(&self, w: &mut XmlWriter, name: &str, namespace: Option<&Namespace>) {
        w.element(name, namespace, &self.format(TimestampFormat::DateTime));
    }
}

/// Documents have no XML form (the XML protocols do not allow them): an empty element.
impl XmlEncode for Document {
    fn encode_xml(&self, w: &mut XmlWriter, name: &str, namespace: Option<&Namespace>) {
        w.element(name, namespace, "");
    }
}

impl<T: XmlEncode + ?Sized> XmlEncode for &T {
    fn encode_xml(&self, w: &mut XmlWriter, name: &str, namespace: Option<&Namespace>) {
        (**self).encode_xml(w, name, namespace);
    }
}

impl<T: XmlEncode + ?Sized> XmlEncode for Box<T> {
    fn encode_xml(&self, w: &mut XmlWriter, name: &str, namespace: Option<&Namespace>) {
        (**self).encode_xml(w, name, namespace);
    }
}

/// An element of a `@sparse` collection: XML has no null, so `None` is left out.
impl<T: XmlEncode> XmlEncode for Option<T> {
    fn encode_xml(&self, w: &mut XmlWriter, name: &str, namespace: Option<&Namespace>) {
        if let Some(value) = self {
            value.encode_xml(w, name, namespace);
        }
    }
}

/// An element name and its namespace, for the collection helpers.
#[derive(Clone, Copy, Debug)]
pub struct Element<'a> {
    /// The element's name.
    pub name: &'a str,
    /// The namespace it declares, if any.
    pub namespace: Option<&'a Namespace>,
}

impl<'a> Element<'a> {
    /// An element without a namespace.
    pub const fn plain(name: &'a str) -> Self {
        Element {
            name,
            namespace: None,
        }
    }
}

/// A list: `<list><member>…</member>…</list>`, or with `list` `None` (`@xmlFlattened`) the
/// item elements alone.
pub fn write_list<T: XmlEncode>(
    w: &mut XmlWriter,
    list: Option<Element<'_>>,
    item: Element<'_>,
    items: &[T],
) {
    if let Some(list) = list {
        start(w, list);
    }
    let mut i = 0;
    while i < items.len() {
        items[i].encode_xml(w, item.name, item.namespace);
        i += 1;
    }
    if let Some(list) = list {
        w.end(list.name);
    }
}

/// A map: `<map><entry><key>…</key><value>…</value></entry>…</map>`, or with `map` `None`
/// (`@xmlFlattened`) one `entry` element per entry (named like the member).
pub fn write_map<T: XmlEncode>(
    w: &mut XmlWriter,
    map: Option<Element<'_>>,
    entry: Element<'_>,
    key: Element<'_>,
    value: Element<'_>,
    entries: &BTreeMap<String, T>,
) {
    if let Some(map) = map {
        start(w, map);
    }
    for (k, v) in entries {
        start(w, entry);
        k.encode_xml(w, key.name, key.namespace);
        v.encode_xml(w, value.name, value.namespace);
        w.end(entry.name);
    }
    if let Some(map) = map {
        w.end(map.name);
    }
}

fn start(w: &mut XmlWriter, element: Element<'_>) {
    w.start(element.name);
    if let Some(namespace) = element.namespace {
        w.namespace(namespace);
    }
}

/// Encodes `value` as a whole document: its root element `name`, declaring `namespace`.
/// Generated code passes a `&dyn XmlEncode`, so that one copy serves every operation.
pub fn to_vec(value: &dyn XmlEncode, name: &str, namespace: Option<&Namespace>) -> Vec<u8> {
    let mut w = XmlWriter::new();
    value.encode_xml(&mut w, name, namespace);
    w.finish()
}
