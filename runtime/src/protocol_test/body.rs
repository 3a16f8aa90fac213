//! Request bodies compared the way the compliance cases mean them: JSON as documents, XML as
//! element trees, form-encoded bodies as sets of parameters, CBOR (base64 in the case) as data
//! items, anything else byte for byte.

use std::collections::BTreeMap;

use quick_xml::events::Event;
use quick_xml::Reader;

use super::document_eq;
use crate::json::from_slice;
use crate::Document;

/// What differs between `actual` and `expected`, compared as `media_type` says; `None` if they
/// are equal.
pub fn difference(actual: &[u8], expected: &[u8], media_type: Option<&str>) -> Option<String> {
    let shown = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let media_type = media_type.unwrap_or_default();
    let unequal = || Some(format!("body: {} != {}", shown(actual), shown(expected)));
    if actual.is_empty() && expected.is_empty() {
        return None;
    }
    #[cfg(feature = "cbor")]
    if media_type.contains("cbor") {
        return super::cbor_body::difference(actual, expected);
    }
    if media_type.contains("json") {
        let parse = |b: &[u8]| from_slice::<Document>(if b.is_empty() { b"{}" } else { b });
        return match (parse(actual), parse(expected)) {
            (Ok(a), Ok(e)) if document_eq(&a, &e) => None,
            (Ok(_), Ok(_)) => unequal(),
            (a, e) => Some(format!("body is not JSON: {:?} / {:?}", a.err(), e.err())),
        };
    }
    if media_type.contains("xml") {
        return match (xml_tree(actual), xml_tree(expected)) {
            (Ok(a), Ok(e)) => xml_difference(&a, &e, &mut String::new()).map(|d| {
                format!(
                    "body: {d}\n  actual: {}\n  expected: {}",
                    shown(actual),
                    shown(expected)
                )
            }),
            (a, e) => Some(format!("body is not XML: {:?} / {:?}", a.err(), e.err())),
        };
    }
    if media_type.contains("x-www-form-urlencoded") {
        return (form_pairs(actual) != form_pairs(expected))
            .then(unequal)
            .flatten();
    }
    (actual != expected).then(unequal).flatten()
}

/// An element: its name as written (`prefix:name`), attributes (namespace declarations
/// included), child elements and text.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attributes: BTreeMap<String, String>,
    children: Vec<Element>,
    text: String,
}

fn xml_tree(bytes: &[u8]) -> Result<Element, String> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().expand_empty_elements = true;
    let mut stack: Vec<Element> = Vec::new();
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(start) => {
                let mut element = Element {
                    name: String::from_utf8_lossy(start.name().as_ref()).into_owned(),
                    ..Element::default()
                };
                for attribute in start.attributes() {
                    let attribute = attribute.map_err(|e| e.to_string())?;
                    let value = attribute.unescape_value().map_err(|e| e.to_string())?;
                    let key = String::from_utf8_lossy(attribute.key.as_ref()).into_owned();
                    // A namespace declaration repeating the one in scope changes nothing (XML
                    // canonicalization drops it too): `<a xmlns="u"><b xmlns="u"/></a>` is
                    // `<a xmlns="u"><b/></a>`.
                    let declaration = key == "xmlns" || key.starts_with("xmlns:");
                    let in_scope = stack
                        .iter()
                        .rev()
                        .find_map(|outer| outer.attributes.get(&key));
                    if declaration && in_scope.is_some_and(|v| *v == value) {
                        continue;
                    }
                    element.attributes.insert(key, value.into_owned());
                }
                stack.push(element);
            }
            Event::End(_) => {
                let element = stack.pop().ok_or("an end tag without a start")?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(element),
                    None => return Ok(element),
                }
            }
            Event::Text(text) => {
                if let Some(element) = stack.last_mut() {
                    element
                        .text
                        .push_str(&text.unescape().map_err(|e| e.to_string())?);
                }
            }
            Event::CData(data) => {
                if let Some(element) = stack.last_mut() {
                    element.text.push_str(&String::from_utf8_lossy(&data));
                }
            }
            Event::Eof => return Err("no root element".to_owned()),
            _ => {}
        }
    }
}

/// Compares element trees: names, attributes, children; the text of leaf elements exactly
/// (whitespace included), the whitespace between child elements not at all. Children are
/// compared after a stable sort by name: the order of a structure's members is free, the order
/// of repeated elements (list items) is kept and compared.
fn xml_difference(a: &Element, e: &Element, path: &mut String) -> Option<String> {
    let len = path.len();
    path.push('/');
    path.push_str(&e.name);
    let found = if a.name != e.name {
        Some(format!("at {path}: element <{}> != <{}>", a.name, e.name))
    } else if a.attributes != e.attributes {
        Some(format!(
            "at {path}: attributes {:?} != {:?}",
            a.attributes, e.attributes
        ))
    } else if a.children.len() != e.children.len() {
        Some(format!(
            "at {path}: {} child elements != {}",
            a.children.len(),
            e.children.len()
        ))
    } else if a.children.is_empty() && a.text != e.text {
        Some(format!("at {path}: text {:?} != {:?}", a.text, e.text))
    } else {
        by_name(a)
            .into_iter()
            .zip(by_name(e))
            .find_map(|(a, e)| xml_difference(a, e, path))
    };
    path.truncate(len);
    found
}

/// The children of `element`, stably sorted by name.
fn by_name(element: &Element) -> Vec<&Element> {
    let mut children: Vec<&Element> = element.children.iter().collect();
    children.sort_by(|x, y| x.name.cmp(&y.name));
    children
}

/// The `key=value` pairs of a form-encoded body, decoded and sorted.
fn form_pairs(bytes: &[u8]) -> Vec<(String, String)> {
    let decode = |s: &str| {
        percent_encoding::percent_decode_str(&s.replace('+', " "))
            .decode_utf8_lossy()
            .into_owned()
    };
    let text = String::from_utf8_lossy(bytes);
    let mut pairs: Vec<(String, String)> = text
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (decode(k), decode(v)),
            None => (decode(pair), String::new()),
        })
        .collect();
    pairs.sort();
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    const XML: Option<&str> = Some("application/xml");

    #[test]
    fn xml_bodies_compare_as_trees() {
        let expected = b"<A xmlns=\"u\" b=\"1\">\n    <C>  x  </C>\n    <D/>\n</A>\n";
        for same in [
            &b"<A b=\"1\" xmlns=\"u\"><C>  x  </C><D></D></A>"[..],
            b"<A xmlns=\"u\" b=\"1\"><D/><C>  x  </C></A>",
        ] {
            assert_eq!(difference(same, expected, XML), None);
        }
        // A namespace declaration repeating the one in scope is no difference; another is.
        let nested = b"<A xmlns=\"u\"><B xmlns=\"u\"><C xmlns:p=\"v\"/></B></A>";
        assert_eq!(
            difference(b"<A xmlns=\"u\"><B><C xmlns:p=\"v\"/></B></A>", nested, XML),
            None
        );
        assert!(difference(
            b"<A xmlns=\"u\"><B xmlns=\"w\"><C xmlns:p=\"v\"/></B></A>",
            nested,
            XML
        )
        .is_some());
        assert!(difference(b"<A xmlns=\"u\"><B><C/></B></A>", nested, XML).is_some());
        let list = b"<L><m>1</m><n/><m>2</m></L>";
        assert_eq!(difference(b"<L><n/><m>1</m><m>2</m></L>", list, XML), None);
        assert!(difference(b"<L><m>2</m><n/><m>1</m></L>", list, XML).is_some());
        for wrong in [
            &b"<A xmlns=\"u\" b=\"1\"><C>x</C><D/></A>"[..],
            b"<A b=\"1\"><C>  x  </C><D/></A>",
            b"<A xmlns=\"u\" b=\"1\"><C>  x  </C></A>",
            b"<B xmlns=\"u\" b=\"1\"><C>  x  </C><D/></B>",
            b"not xml",
        ] {
            assert!(
                difference(wrong, expected, XML).is_some(),
                "{}",
                String::from_utf8_lossy(wrong)
            );
        }
    }

    #[test]
    fn form_bodies_compare_as_parameters() {
        let form = Some("application/x-www-form-urlencoded");
        assert_eq!(difference(b"b=2&a=x%20y", b"a=x+y&b=2", form), None);
        assert!(difference(b"a=1", b"a=2", form).is_some());
        assert!(difference(b"a=1&a=1", b"a=1", form).is_some());
    }

    #[test]
    fn json_and_bytes() {
        assert_eq!(
            difference(br#"{"a":1}"#, b"{\n \"a\": 1.0 }", Some("application/json")),
            None
        );
        assert!(difference(b"ab", b"ba", None).is_some());
        assert_eq!(difference(b"", b"", XML), None);
    }
}
