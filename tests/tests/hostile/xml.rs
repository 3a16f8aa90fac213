//! Target 5: restXml output decoders. Model-driven XML instances of the outputs of the RestXml
//! compliance service (every XML binding trait: names, attributes, namespaces, flattened and
//! wrapped lists and maps, unions, recursion, timestamp formats), valid or mutated, go through
//! each operation's `parse_response`; whatever decodes must re-encode (with the server-side
//! encoders) to a document that decodes again to the same encoding.

use std::fmt::Debug;
use std::sync::OnceLock;

use smithy_codegen::model::{self, Member, Model, ShapeId, ShapeType, Source, Traits};
use smithy_runtime::xml::{XmlDecode, XmlEncode};
use smithy_runtime::{Operation, Timestamp, TimestampFormat, ToValue};

use super::inputs::{mutate_bytes, random_string};
use super::Entropy;

/// The RestXml slice both build scripts generate with server codecs (`hostile_rest_xml.rs`).
#[allow(dead_code)]
pub mod rest_xml {
    include!(concat!(env!("OUT_DIR"), "/hostile_rest_xml.rs"));
}

const PROTOCOL_TESTS_JSON: &str = include_str!("../../../models/protocol-tests.json");

fn protocol_tests_model() -> &'static Model {
    static MODEL: OnceLock<Model> = OnceLock::new();
    MODEL.get_or_init(|| {
        model::load_sources(&[Source {
            path: "protocol-tests.json".into(),
            text: PROTOCOL_TESTS_JSON.to_owned(),
        }])
        .expect("the compliance model loads")
    })
}

macro_rules! rest_xml_outputs {
    ($m:ident) => {
        $m! {
            BodyWithXmlName,
            DatetimeOffsets,
            FlattenedXmlMap,
            FlattenedXmlMapWithXmlName,
            FlattenedXmlMapWithXmlNamespace,
            FractionalSeconds,
            NestedXmlMaps,
            RecursiveShapes,
            SimpleScalarProperties,
            XmlAttributes,
            XmlBlobs,
            XmlEmptyLists,
            XmlEmptyMaps,
            XmlEnums,
            XmlIntEnums,
            XmlLists,
            XmlMapWithXmlNamespace,
            XmlMaps,
            XmlMapsXmlName,
            XmlNamespaces,
            XmlTimestamps,
            XmlUnions,
        }
    };
}

macro_rules! operation_names {
    ($($op:ident),* $(,)?) => {
        /// The operations whose outputs the target decodes: those of `rest_xml_operations.txt`,
        /// which the build scripts generate.
        pub const REST_XML_OPERATIONS: &[&str] = &[$(stringify!($op)),*];
    };
}
rest_xml_outputs!(operation_names);

macro_rules! xml_dispatch {
    ($($op:ident),* $(,)?) => {
        /// Parses `body` as the response of `REST_XML_OPERATIONS[which]` and checks the result;
        /// returns whether it decoded.
        fn parse_output(which: usize, body: &[u8], must_decode: bool) -> bool {
            let root = output_root(REST_XML_OPERATIONS[which]);
            let mut i = 0;
            $(
                if which == i {
                    return check_output::<rest_xml::operations::$op>(&root, body, must_decode);
                }
                i += 1;
            )*
            let _ = i;
            false
        }
    };
}
rest_xml_outputs!(xml_dispatch);

/// `O`'s response to a 200 with `body`.
fn parse<O: Operation>(body: &[u8]) -> Result<O::Output, smithy_runtime::ParseError<O::Error>> {
    O::parse_response(smithy_runtime::http::Response::new(body.to_vec()))
}

fn check_output<O>(root: &str, body: &[u8], must_decode: bool) -> bool
where
    O: Operation,
    O::Output: XmlDecode + XmlEncode + ToValue + Debug,
    O::Error: Debug,
{
    match parse::<O>(body) {
        Ok(value) => {
            let _ = format!("{value:?}");
            let _ = value.to_value();
            let once = smithy_runtime::xml::to_vec(&value, root, None);
            let again = parse::<O>(&once).unwrap_or_else(|e| {
                panic!(
                    "{}: our own encoding does not decode: {e:?}\n{}",
                    O::NAME,
                    String::from_utf8_lossy(&once)
                )
            });
            let twice = smithy_runtime::xml::to_vec(&again, root, None);
            assert!(
                once == twice,
                "{}: encoding is not a fixed point:\n{}\n{}",
                O::NAME,
                String::from_utf8_lossy(&once),
                String::from_utf8_lossy(&twice)
            );
            true
        }
        Err(error) => {
            let text = format!("{error:?}");
            assert!(
                !must_decode,
                "{}: a valid instance does not decode: {text}\n{}",
                O::NAME,
                String::from_utf8_lossy(body)
            );
            false
        }
    }
}

/// Target `rest_xml_outputs`: raw bytes, or a model-driven instance (valid, or mutated).
pub fn rest_xml_outputs(data: &[u8]) {
    decode_xml_outputs(&mut Entropy::Bytes(data));
}

/// One decoding case as `e` chooses; returns whether the body decoded.
pub fn decode_xml_outputs(e: &mut Entropy) -> bool {
    let which = e.below(REST_XML_OPERATIONS.len());
    let mode = e.byte();
    if mode % 4 == 3 {
        let bytes = e.rest(256);
        return parse_output(which, &bytes, false);
    }
    let mut body = output_instance(REST_XML_OPERATIONS[which], e).into_bytes();
    match mode % 4 {
        2 => {
            for _ in 0..=e.below(3) {
                mutate_bytes(&mut body, e);
            }
            parse_output(which, &body, false)
        }
        1 => {
            for _ in 0..=e.below(3) {
                mutate_xml(&mut body, e);
            }
            parse_output(which, &body, false)
        }
        _ => parse_output(which, &body, true),
    }
}

// ---------------------------------------------------------------------------------------------
// Model-driven XML instances.

/// A random body of the output of `operation`: its members not bound to the HTTP message.
pub fn output_instance(operation: &str, e: &mut Entropy) -> String {
    let model = protocol_tests_model();
    let output = output_id(operation);
    let mut out = String::new();
    element(
        model,
        &output_root(operation),
        &output,
        None,
        e,
        0,
        &mut out,
    );
    out
}

/// The output of `operation`.
fn output_id(operation: &str) -> ShapeId {
    let op_id = ShapeId::parse(&format!("aws.protocoltests.restxml#{operation}")).expect("an id");
    protocol_tests_model()
        .shape(&op_id)
        .and_then(|op| op.bindings.output.clone())
        .expect("the operation has an output")
}

/// The root element of `operation`'s output: the output's `@xmlName`, else its name.
fn output_root(operation: &str) -> String {
    let id = output_id(operation);
    protocol_tests_model()
        .shape(&id)
        .and_then(|s| xml_name(&s.traits))
        .unwrap_or_else(|| id.name().to_owned())
}

fn xml_name(traits: &Traits) -> Option<String> {
    traits
        .get("smithy.api#xmlName")
        .and_then(|v| v.as_str())
        .map(str::to_owned)
}

fn is_http_bound(member: &Member) -> bool {
    member.traits.keys().any(|t| {
        matches!(
            t.as_str(),
            "smithy.api#httpHeader"
                | "smithy.api#httpPrefixHeaders"
                | "smithy.api#httpResponseCode"
                | "smithy.api#httpPayload"
        )
    })
}

/// Writes the member element(s) of `m`: one element, or one per item or entry when flattened.
fn member(model: &Model, m: &Member, e: &mut Entropy, depth: usize, out: &mut String) {
    let name = xml_name(&m.traits).unwrap_or_else(|| m.name.clone());
    let flattened = m.traits.contains_key("smithy.api#xmlFlattened");
    let Some(target) = model.shape(&m.target) else {
        return;
    };
    match target.shape_type {
        ShapeType::List if flattened => {
            let item = &target.members[0];
            for _ in 0..collection_len(e, depth) {
                element(
                    model,
                    &name,
                    &item.target,
                    Some(&item.traits),
                    e,
                    depth + 1,
                    out,
                );
            }
        }
        ShapeType::Map if flattened => {
            for _ in 0..collection_len(e, depth) {
                out.push_str(&format!("<{name}>"));
                entry(model, &target.members, e, depth, out);
                out.push_str(&format!("</{name}>"));
            }
        }
        _ => element(model, &name, &m.target, Some(&m.traits), e, depth, out),
    }
}

fn collection_len(e: &mut Entropy, depth: usize) -> usize {
    if depth < 6 {
        e.below(4)
    } else {
        0
    }
}

/// A map entry's key and value elements.
fn entry(model: &Model, members: &[Member], e: &mut Entropy, depth: usize, out: &mut String) {
    for (m, default) in members.iter().zip(["key", "value"]) {
        let name = xml_name(&m.traits).unwrap_or_else(|| default.to_owned());
        element(model, &name, &m.target, Some(&m.traits), e, depth + 1, out);
    }
}

/// Writes `<name …>…</name>` for a value of `target`.
fn element(
    model: &Model,
    name: &str,
    target: &ShapeId,
    member_traits: Option<&Traits>,
    e: &mut Entropy,
    depth: usize,
    out: &mut String,
) {
    let Some(shape) = model.shape(target) else {
        return;
    };
    match shape.shape_type {
        ShapeType::Structure => {
            let mut attributes = String::new();
            let mut children = String::new();
            for m in &shape.members {
                let required = m.traits.contains_key("smithy.api#required");
                if (depth == 0 && is_http_bound(m)) || !(required || (depth < 6 && !e.one_in(3))) {
                    continue;
                }
                if m.traits.contains_key("smithy.api#xmlAttribute") {
                    let attribute = xml_name(&m.traits).unwrap_or_else(|| m.name.clone());
                    let text = scalar_text(model, &m.target, Some(&m.traits), e);
                    attributes.push_str(&format!(" {attribute}=\"{}\"", escape(&text)));
                } else {
                    member(model, m, e, depth + 1, &mut children);
                }
            }
            out.push_str(&format!("<{name}{attributes}>{children}</{name}>"));
        }
        ShapeType::Union => {
            // A union has exactly one member; deep down, a scalar one, so that recursion
            // through unions ends within the decoders' nesting limit.
            let scalars: Vec<&Member> = shape
                .members
                .iter()
                .filter(|m| {
                    model
                        .shape(&m.target)
                        .is_some_and(|t| is_scalar(t.shape_type))
                })
                .collect();
            let chosen = if depth >= 6 && !scalars.is_empty() {
                e.pick(&scalars).copied()
            } else {
                e.pick(&shape.members)
            };
            out.push_str(&format!("<{name}>"));
            if let Some(m) = chosen {
                member(model, m, e, depth + 1, out);
            }
            out.push_str(&format!("</{name}>"));
        }
        ShapeType::List => {
            let item = &shape.members[0];
            let item_name = xml_name(&item.traits).unwrap_or_else(|| "member".to_owned());
            out.push_str(&format!("<{name}>"));
            for _ in 0..collection_len(e, depth) {
                element(
                    model,
                    &item_name,
                    &item.target,
                    Some(&item.traits),
                    e,
                    depth + 1,
                    out,
                );
            }
            out.push_str(&format!("</{name}>"));
        }
        ShapeType::Map => {
            out.push_str(&format!("<{name}>"));
            for _ in 0..collection_len(e, depth) {
                out.push_str("<entry>");
                entry(model, &shape.members, e, depth, out);
                out.push_str("</entry>");
            }
            out.push_str(&format!("</{name}>"));
        }
        _ => {
            let text = scalar_text(model, target, member_traits, e);
            out.push_str(&format!("<{name}>{}</{name}>", escape(&text)));
        }
    }
}

fn is_scalar(shape_type: ShapeType) -> bool {
    !matches!(
        shape_type,
        ShapeType::Structure | ShapeType::Union | ShapeType::List | ShapeType::Map
    )
}

/// The text of a scalar as restXml writes it.
fn scalar_text(
    model: &Model,
    target: &ShapeId,
    member_traits: Option<&Traits>,
    e: &mut Entropy,
) -> String {
    let Some(shape) = model.shape(target) else {
        return String::new();
    };
    let format = member_traits
        .and_then(|t| t.get("smithy.api#timestampFormat"))
        .or_else(|| shape.traits.get("smithy.api#timestampFormat"))
        .and_then(|v| v.as_str());
    match shape.shape_type {
        ShapeType::Boolean => ["true", "false"][e.below(2)].to_owned(),
        ShapeType::Byte => (e.byte() as i8).to_string(),
        ShapeType::Short => (e.u64() as i16).to_string(),
        ShapeType::Integer => (e.u64() as i32).to_string(),
        ShapeType::Long | ShapeType::BigInteger => (e.u64() as i64).to_string(),
        ShapeType::Float | ShapeType::Double | ShapeType::BigDecimal => match e.below(5) {
            0 => ["NaN", "Infinity", "-Infinity"][e.below(3)].to_owned(),
            1 => f64::from_bits(e.u64())
                .to_string()
                .replace("inf", "Infinity"),
            _ => (e.below(100_000) as f64 / 8.0).to_string(),
        },
        ShapeType::Timestamp => {
            let secs = e.below(4_000_000_000) as f64 - 100_000_000.0 + e.below(1000) as f64 / 1e3;
            let time = Timestamp::from_secs_f64(secs).expect("in range");
            let format = match format {
                Some("epoch-seconds") => TimestampFormat::EpochSeconds,
                Some("http-date") => TimestampFormat::HttpDate,
                _ => TimestampFormat::DateTime,
            };
            time.format(format)
        }
        ShapeType::Blob => {
            let bytes: Vec<u8> = (0..e.below(24)).map(|_| e.byte()).collect();
            smithy_runtime::Blob::new(bytes).to_base64()
        }
        ShapeType::Enum => {
            let values: Vec<String> = shape
                .members
                .iter()
                .map(|m| {
                    m.traits
                        .get("smithy.api#enumValue")
                        .and_then(|v| v.as_str())
                        .map_or_else(|| m.name.clone(), str::to_owned)
                })
                .collect();
            if e.one_in(5) {
                random_string(e) // an unknown value is kept, not rejected
            } else {
                e.pick(&values).cloned().unwrap_or_default()
            }
        }
        ShapeType::IntEnum => {
            let values: Vec<String> = shape
                .members
                .iter()
                .filter_map(|m| m.traits.get("smithy.api#enumValue").map(|v| v.to_string()))
                .collect();
            e.pick(&values).cloned().unwrap_or_else(|| "0".to_owned())
        }
        _ => random_string(e),
    }
}

/// Text as XML character data or an attribute value.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

// ---------------------------------------------------------------------------------------------
// XML-aware mutations.

/// One mutation that keeps the bytes looking like XML: cut the document, repeat or drop a tag,
/// insert an unknown or deeply nested element, an entity, a CDATA section or a comment, or
/// replace some text.
fn mutate_xml(bytes: &mut Vec<u8>, e: &mut Entropy) {
    let tags: Vec<usize> = bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'<')
        .map(|(i, _)| i)
        .collect();
    let Some(&at) = e.pick(&tags) else {
        return;
    };
    let end = bytes[at..]
        .iter()
        .position(|b| *b == b'>')
        .map_or(bytes.len(), |p| at + p + 1);
    match e.below(8) {
        0 => bytes.truncate(at),
        1 => {
            let tag = bytes[at..end].to_vec();
            bytes.splice(at..at, tag);
        }
        2 => {
            bytes.drain(at..end);
        }
        3 => {
            bytes.splice(
                at..at,
                b"<Unknown a=\"1\"><x>1</x><x/></Unknown>".iter().copied(),
            );
        }
        4 => {
            let depth = 1 + e.below(300);
            let nested = format!("{}{}", "<d>".repeat(depth), "</d>".repeat(depth));
            bytes.splice(at..at, nested.into_bytes());
        }
        5 => {
            let token = [
                "&lol;",
                "&#0;",
                "&#xD800;",
                "<![CDATA[<x>]]>",
                "<!-- c -->",
                "<?pi?>",
            ][e.below(6)];
            bytes.splice(end..end, token.bytes());
        }
        6 => {
            let close = bytes[end..]
                .iter()
                .position(|b| *b == b'<')
                .map_or(bytes.len(), |p| end + p);
            let text = escape(&random_string(e));
            bytes.splice(end..close, text.into_bytes());
        }
        _ => {
            let attribute = b" xmlns:p=\"urn:p\" p:x=\"&amp;\"";
            let before = if bytes.get(end.saturating_sub(2)) == Some(&b'/') {
                2
            } else {
                1
            };
            let at = end.saturating_sub(before).max(at + 1);
            bytes.splice(at..at, attribute.iter().copied());
        }
    }
}
