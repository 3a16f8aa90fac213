//! JSON text in and out: backtick literals become values, and `to_string` writes values as JSON.

use super::value::{parse_number, too_deep};
use super::{JmespathError, MAX_DATA_DEPTH};
use crate::json::JsonKind;
use crate::{DecodeError, JsonReader, JsonWriter, TimestampFormat, Value};

/// The value of the JSON text `text`: objects become [`Value::Map`]s (a repeated key keeps its
/// first place and last value), integers [`Value::Long`]s when they fit, other numbers
/// [`Value::Double`]s. Nesting is bounded by the reader's default depth.
pub(super) fn parse_literal(text: &str) -> Result<Value, DecodeError> {
    let mut reader = JsonReader::new(text.as_bytes());
    let value = read_value(&mut reader)?;
    reader.finish()?;
    Ok(value)
}

fn read_value(r: &mut JsonReader<'_>) -> Result<Value, DecodeError> {
    Ok(match r.peek_kind() {
        Some(JsonKind::Object) => {
            let mut entries: Vec<(String, Value)> = Vec::new();
            r.read_object(|r, key| {
                let value = read_value(r)?;
                match entries.iter_mut().find(|(k, _)| k == key) {
                    Some(entry) => entry.1 = value,
                    None => entries.push((key.to_owned(), value)),
                }
                Ok(())
            })?;
            Value::Map(entries)
        }
        Some(JsonKind::Array) => {
            let mut items = Vec::new();
            r.read_array(|r, _| {
                items.push(read_value(r)?);
                Ok(())
            })?;
            Value::List(items)
        }
        Some(JsonKind::String) => Value::String(r.read_string()?.into_owned()),
        Some(JsonKind::Number) => {
            let text = r.read_number_text()?;
            let number = parse_number(text).ok_or_else(|| DecodeError::new("invalid number"))?;
            number.into_value()
        }
        Some(JsonKind::Bool) => Value::Boolean(r.read_bool()?),
        Some(JsonKind::Null) if r.take_null() => Value::Null,
        _ => return Err(DecodeError::new("expected a JSON value")),
    })
}

/// `value` as compact JSON, as JMESPath sees it: timestamps as epoch seconds, blobs as base64,
/// structures and unions as objects.
pub(super) fn to_json(value: &Value) -> Result<String, JmespathError> {
    let mut writer = JsonWriter::new();
    write_value(&mut writer, value, 0)?;
    Ok(String::from_utf8_lossy(&writer.finish()).into_owned())
}

fn write_value(w: &mut JsonWriter, value: &Value, depth: usize) -> Result<(), JmespathError> {
    if depth > MAX_DATA_DEPTH {
        return Err(too_deep());
    }
    match value {
        Value::Null => w.null(),
        Value::Boolean(b) => w.bool(*b),
        Value::Byte(n) => w.i8(*n),
        Value::Short(n) => w.i16(*n),
        Value::Integer(n) | Value::IntEnum(n) => w.i32(*n),
        Value::Long(n) => w.i64(*n),
        Value::Float(n) => w.f32(*n),
        Value::Double(n) => w.f64(*n),
        Value::BigInteger(n) => w.raw(n.as_str()),
        Value::BigDecimal(n) => w.raw(n.as_str()),
        Value::String(s) | Value::Enum(s) => w.string(s),
        Value::Timestamp(t) => w.timestamp(t, TimestampFormat::EpochSeconds),
        Value::Blob(b) => w.blob(b),
        Value::Document(d) => w.document(d),
        Value::List(items) => {
            w.begin_array();
            for item in items {
                write_value(w, item, depth + 1)?;
            }
            w.end_array();
        }
        Value::Map(entries) => {
            w.begin_object();
            for (key, item) in entries {
                w.key(key);
                write_value(w, item, depth + 1)?;
            }
            w.end_object();
        }
        Value::Structure(members) => {
            w.begin_object();
            for (key, item) in members {
                w.key(key);
                write_value(w, item, depth + 1)?;
            }
            w.end_object();
        }
        Value::Union(name, item) => {
            w.begin_object();
            w.key(name);
            write_value(w, item, depth + 1)?;
            w.end_object();
        }
    }
    Ok(())
}
