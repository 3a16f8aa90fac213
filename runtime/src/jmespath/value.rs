//! How JMESPath sees the runtime's [`Value`] tree: its six JSON types, numbers, truthiness and
//! equality, and access to members and elements that borrows wherever it can.

use std::borrow::Cow;
use std::cmp::Ordering;

use super::{ErrorKind, JmespathError, MAX_DATA_DEPTH};
use crate::big_number::is_json_number;
use crate::{Document, Value};

/// A value during evaluation: borrowed from the input or the expression, owned when computed.
pub(crate) type Val<'a> = Cow<'a, Value>;

/// An object member during evaluation.
pub(super) type Entry<'a> = (Cow<'a, str>, Val<'a>);

/// JMESPath's null, the result of selecting anything that is not there.
pub(super) const NULL: Val<'static> = Cow::Owned(Value::Null);

/// The JSON types, which are JMESPath's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Null,
    Boolean,
    Number,
    String,
    Array,
    Object,
}

impl Kind {
    /// The name `type()` returns.
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Null => "null",
            Kind::Boolean => "boolean",
            Kind::Number => "number",
            Kind::String => "string",
            Kind::Array => "array",
            Kind::Object => "object",
        }
    }
}

/// The JSON type `value` is seen as.
pub(super) fn kind(value: &Value) -> Kind {
    match value {
        Value::Null => Kind::Null,
        Value::Boolean(_) => Kind::Boolean,
        Value::Byte(_)
        | Value::Short(_)
        | Value::Integer(_)
        | Value::Long(_)
        | Value::Float(_)
        | Value::Double(_)
        | Value::BigInteger(_)
        | Value::BigDecimal(_)
        | Value::IntEnum(_)
        | Value::Timestamp(_) => Kind::Number,
        Value::String(_) | Value::Enum(_) | Value::Blob(_) => Kind::String,
        Value::List(_) => Kind::Array,
        Value::Map(_) | Value::Structure(_) | Value::Union(..) => Kind::Object,
        Value::Document(d) => match d {
            Document::Null => Kind::Null,
            Document::Bool(_) => Kind::Boolean,
            Document::Number(_) => Kind::Number,
            Document::String(_) => Kind::String,
            Document::Array(_) => Kind::Array,
            Document::Object(_) => Kind::Object,
        },
    }
}

/// A JSON number, integers kept exact.
#[derive(Clone, Copy, Debug)]
pub(super) enum Number {
    Int(i64),
    Float(f64),
}

impl Number {
    pub(super) fn as_f64(self) -> f64 {
        match self {
            Number::Int(n) => n as f64,
            Number::Float(f) => f,
        }
    }

    /// Numeric order: exact between integers, as `f64` otherwise (so `1 == 1.0`); NaN is
    /// unordered.
    pub(super) fn partial_cmp(self, other: Number) -> Option<Ordering> {
        match (self, other) {
            (Number::Int(a), Number::Int(b)) => Some(a.cmp(&b)),
            _ => self.as_f64().partial_cmp(&other.as_f64()),
        }
    }

    /// A total order for sorting, which must never see an inconsistent comparison: by `f64`
    /// value (`total_cmp`), then floats before integers, then integers exactly.
    pub(super) fn total_cmp(self, other: Number) -> Ordering {
        let by_value = self.as_f64().total_cmp(&other.as_f64());
        by_value.then(match (self, other) {
            (Number::Int(a), Number::Int(b)) => a.cmp(&b),
            (Number::Float(_), Number::Int(_)) => Ordering::Less,
            (Number::Int(_), Number::Float(_)) => Ordering::Greater,
            (Number::Float(_), Number::Float(_)) => Ordering::Equal,
        })
    }

    /// A computed number as a value: `Long` or `Double`.
    pub(super) fn into_value(self) -> Value {
        match self {
            Number::Int(n) => Value::Long(n),
            Number::Float(f) => Value::Double(f),
        }
    }
}

/// `value` as a number, if it is seen as one. Timestamps are epoch seconds.
pub(super) fn number(value: &Value) -> Option<Number> {
    Some(match value {
        Value::Byte(n) => Number::Int(i64::from(*n)),
        Value::Short(n) => Number::Int(i64::from(*n)),
        Value::Integer(n) | Value::IntEnum(n) => Number::Int(i64::from(*n)),
        Value::Long(n) => Number::Int(*n),
        // Through the shortest decimal text, which is what the wire carries: `1.1f32` is 1.1,
        // not 1.100000023841858.
        Value::Float(f) => Number::Float(f.to_string().parse().unwrap_or(f64::from(*f))),
        Value::Double(f) => Number::Float(*f),
        Value::BigInteger(n) => parse_number(n.as_str())?,
        Value::BigDecimal(n) => parse_number(n.as_str())?,
        Value::Timestamp(t) if t.subsec_nanos() == 0 => Number::Int(t.secs()),
        Value::Timestamp(t) => Number::Float(t.as_secs_f64()),
        Value::Document(Document::Number(n)) => {
            n.as_i64().map_or(Number::Float(n.as_f64()), Number::Int)
        }
        _ => return None,
    })
}

/// The JSON number `text` (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`), exact when it is an
/// integer in the `i64` range.
pub(super) fn parse_number(text: &str) -> Option<Number> {
    if !is_json_number(text.as_bytes()) {
        return None;
    }
    match text.parse() {
        Ok(n) => Some(Number::Int(n)),
        Err(_) => text.parse().ok().map(Number::Float),
    }
}

/// `value` as a string, if it is seen as one. A blob is its base64 text.
pub(crate) fn text(value: &Value) -> Option<Cow<'_, str>> {
    match value {
        Value::String(s) | Value::Enum(s) | Value::Document(Document::String(s)) => {
            Some(Cow::Borrowed(s))
        }
        Value::Blob(b) => Some(Cow::Owned(b.to_base64())),
        _ => None,
    }
}

/// `value` as a boolean, if it is seen as one.
pub(crate) fn boolean(value: &Value) -> Option<bool> {
    match value {
        Value::Boolean(b) | Value::Document(Document::Bool(b)) => Some(*b),
        _ => None,
    }
}

/// The number of elements of an array or members of an object.
pub(super) fn len(value: &Value) -> Option<usize> {
    match value {
        Value::List(items) => Some(items.len()),
        Value::Map(entries) => Some(entries.len()),
        Value::Structure(members) => Some(members.len()),
        Value::Union(..) => Some(1),
        Value::Document(Document::Array(items)) => Some(items.len()),
        Value::Document(Document::Object(entries)) => Some(entries.len()),
        _ => None,
    }
}

/// JMESPath truthiness: false, null, and empty strings, arrays and objects are false.
pub(super) fn is_truthy(value: &Value) -> bool {
    match kind(value) {
        Kind::Null => false,
        Kind::Boolean => matches!(
            value,
            Value::Boolean(true) | Value::Document(Document::Bool(true))
        ),
        Kind::Number => true,
        Kind::String => text(value).is_some_and(|s| !s.is_empty()),
        Kind::Array | Kind::Object => len(value).is_some_and(|n| n > 0),
    }
}

/// Member `name` of an object; null for a missing member or anything but an object.
pub(super) fn member<'a>(value: &Val<'a>, name: &str) -> Val<'a> {
    match value {
        Cow::Borrowed(v) => member_of(v, name),
        Cow::Owned(v) => Cow::Owned(member_of(v, name).into_owned()),
    }
}

fn member_of<'v>(value: &'v Value, name: &str) -> Val<'v> {
    let found = match value {
        Value::Structure(members) => members.iter().find(|(n, _)| *n == name).map(|(_, v)| v),
        Value::Map(entries) => entries.iter().find(|(n, _)| n == name).map(|(_, v)| v),
        Value::Union(n, v) => (n == name).then_some(&**v),
        Value::Document(Document::Object(entries)) => {
            return entries.get(name).map_or(NULL, document);
        }
        _ => None,
    };
    found.map_or(NULL, Cow::Borrowed)
}

/// Element `position` of an array (negative: from the end); null when out of range or not an
/// array.
pub(super) fn index<'a>(value: &Val<'a>, position: i64) -> Val<'a> {
    match value {
        Cow::Borrowed(v) => index_of(v, position),
        Cow::Owned(v) => Cow::Owned(index_of(v, position).into_owned()),
    }
}

fn index_of(value: &Value, position: i64) -> Val<'_> {
    let resolve = |len: usize| match usize::try_from(position) {
        Ok(i) => Some(i),
        Err(_) => usize::try_from(position.unsigned_abs())
            .ok()
            .and_then(|back| len.checked_sub(back)),
    };
    match value {
        Value::List(items) => resolve(items.len())
            .and_then(|i| items.get(i))
            .map_or(NULL, Cow::Borrowed),
        Value::Document(Document::Array(items)) => resolve(items.len())
            .and_then(|i| items.get(i))
            .map_or(NULL, document),
        _ => NULL,
    }
}

/// The elements of an array, or `None` for anything else.
pub(crate) fn elements(value: Val<'_>) -> Option<Vec<Val<'_>>> {
    match value {
        Cow::Borrowed(v) => elements_of(v),
        Cow::Owned(Value::List(items)) => Some(items.into_iter().map(Cow::Owned).collect()),
        Cow::Owned(v) => elements_of(&v).map(|items| into_owned(items).map(Cow::Owned).collect()),
    }
}

fn elements_of(value: &Value) -> Option<Vec<Val<'_>>> {
    match value {
        Value::List(items) => Some(items.iter().map(Cow::Borrowed).collect()),
        Value::Document(Document::Array(items)) => Some(items.iter().map(document).collect()),
        _ => None,
    }
}

/// The members of an object in their order, or `None` for anything else.
pub(super) fn entries(value: Val<'_>) -> Option<Vec<Entry<'_>>> {
    match value {
        Cow::Borrowed(v) => entries_of(v),
        Cow::Owned(Value::Map(entries)) => Some(
            entries
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k), Cow::Owned(v)))
                .collect(),
        ),
        Cow::Owned(v) => entries_of(&v).map(|entries| {
            entries
                .into_iter()
                .map(|(k, v)| (Cow::Owned(k.into_owned()), Cow::Owned(v.into_owned())))
                .collect()
        }),
    }
}

fn entries_of(value: &Value) -> Option<Vec<Entry<'_>>> {
    match value {
        Value::Structure(members) => Some(
            members
                .iter()
                .map(|(k, v)| (Cow::Borrowed(*k), Cow::Borrowed(v)))
                .collect(),
        ),
        Value::Map(entries) => Some(
            entries
                .iter()
                .map(|(k, v)| (Cow::Borrowed(k.as_str()), Cow::Borrowed(v)))
                .collect(),
        ),
        Value::Union(name, v) => Some(vec![(Cow::Borrowed(name.as_str()), Cow::Borrowed(&**v))]),
        Value::Document(Document::Object(entries)) => Some(
            entries
                .iter()
                .map(|(k, d)| (Cow::Borrowed(k.as_str()), document(d)))
                .collect(),
        ),
        _ => None,
    }
}

fn into_owned(items: Vec<Val<'_>>) -> impl Iterator<Item = Value> + '_ {
    items.into_iter().map(Cow::into_owned)
}

/// A part of a document, still a document: selecting into one keeps the `Document` type.
fn document(d: &Document) -> Val<'static> {
    Cow::Owned(Value::Document(d.clone()))
}

/// JMESPath equality: same type and value; numbers numerically (`1 == 1.0`), objects whatever
/// the order of their members.
pub(super) fn equal(a: &Value, b: &Value, depth: usize) -> Result<bool, JmespathError> {
    if depth > MAX_DATA_DEPTH {
        return Err(too_deep());
    }
    let kind_a = kind(a);
    if kind_a != kind(b) {
        return Ok(false);
    }
    Ok(match kind_a {
        Kind::Null => true,
        Kind::Boolean => is_truthy(a) == is_truthy(b),
        Kind::Number => match (number(a), number(b)) {
            (Some(x), Some(y)) => x.partial_cmp(y) == Some(Ordering::Equal),
            _ => false,
        },
        Kind::String => text(a) == text(b),
        Kind::Array => {
            let (xs, ys) = (
                elements_of(a).unwrap_or_default(),
                elements_of(b).unwrap_or_default(),
            );
            if xs.len() != ys.len() {
                return Ok(false);
            }
            for (x, y) in xs.iter().zip(&ys) {
                if !equal(x, y, depth + 1)? {
                    return Ok(false);
                }
            }
            true
        }
        Kind::Object => {
            let (xs, ys) = (
                entries_of(a).unwrap_or_default(),
                entries_of(b).unwrap_or_default(),
            );
            if xs.len() != ys.len() {
                return Ok(false);
            }
            for (key, x) in &xs {
                let Some((_, y)) = ys.iter().find(|(k, _)| k == key) else {
                    return Ok(false);
                };
                if !equal(x, y, depth + 1)? {
                    return Ok(false);
                }
            }
            true
        }
    })
}

/// The error for data nested deeper than [`MAX_DATA_DEPTH`] where a function walks all of it.
pub(super) fn too_deep() -> JmespathError {
    JmespathError::new(
        ErrorKind::InvalidValue,
        None,
        format!("a value is nested more than {MAX_DATA_DEPTH} levels deep"),
    )
}
