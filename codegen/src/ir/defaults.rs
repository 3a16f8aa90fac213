//! `@default` values the generator can write as Rust expressions.

use serde_json::Value;

use super::TypeRef;

/// A member's default value, checked against the member's type.
#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    /// A string enum value (the wire value).
    EnumValue(String),
    /// An intEnum value.
    IntEnumValue(i32),
    /// Epoch seconds.
    Timestamp(f64),
    /// `[]` or `{}`: an empty list or map.
    Empty,
    /// A document default, kept as JSON.
    Document(Value),
    /// A blob default, as its content (the model gives base64; see `blob_default`).
    Blob(String),
    /// A bigInteger or bigDecimal default, as validated number text.
    BigNumber(String),
}

/// What kind of named shape a `TypeRef::Named` default refers to.
pub enum NamedKind {
    Enum,
    IntEnum,
    Other,
}

/// Converts a `@default` JSON value for a member of type `ty`; `Err` says why it
/// does not fit.
pub fn convert(value: &Value, ty: &TypeRef, named: NamedKind) -> Result<DefaultValue, String> {
    let mismatch = || format!("@default value {value} does not fit the member's type");
    Ok(match ty {
        TypeRef::Boolean => DefaultValue::Bool(value.as_bool().ok_or_else(mismatch)?),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => {
            let int = value.as_i64().ok_or_else(mismatch)?;
            let limit = match ty {
                TypeRef::Byte => i64::from(i8::MAX),
                TypeRef::Short => i64::from(i16::MAX),
                TypeRef::Integer => i64::from(i32::MAX),
                _ => i64::MAX,
            };
            if int > limit || int < -limit - 1 {
                return Err(mismatch());
            }
            DefaultValue::Int(int)
        }
        TypeRef::Float | TypeRef::Double => {
            let float = value.as_f64().ok_or_else(mismatch)?;
            if matches!(ty, TypeRef::Float) && (float as f32).is_infinite() {
                return Err(mismatch());
            }
            DefaultValue::Float(float)
        }
        TypeRef::String => DefaultValue::String(value.as_str().ok_or_else(mismatch)?.to_owned()),
        TypeRef::Timestamp(_) => DefaultValue::Timestamp(value.as_f64().ok_or_else(mismatch)?),
        TypeRef::List { .. } => match value.as_array() {
            Some(items) if items.is_empty() => DefaultValue::Empty,
            _ => return Err(mismatch()),
        },
        TypeRef::Map { .. } => match value.as_object() {
            Some(entries) if entries.is_empty() => DefaultValue::Empty,
            _ => return Err(mismatch()),
        },
        TypeRef::Document => DefaultValue::Document(value.clone()),
        TypeRef::Named(_) => match named {
            NamedKind::Enum => {
                DefaultValue::EnumValue(value.as_str().ok_or_else(mismatch)?.to_owned())
            }
            NamedKind::IntEnum => DefaultValue::IntEnumValue(
                value
                    .as_i64()
                    .and_then(|v| i32::try_from(v).ok())
                    .ok_or_else(mismatch)?,
            ),
            NamedKind::Other => return Err(mismatch()),
        },
        TypeRef::Blob => DefaultValue::Blob(blob_default(value.as_str().ok_or_else(mismatch)?)),
        TypeRef::BigInteger | TypeRef::BigDecimal => {
            let text = match value {
                Value::Number(n) => n.to_string(),
                Value::String(s) if s.parse::<f64>().is_ok() => s.clone(),
                _ => return Err(mismatch()),
            };
            let integer = text
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit());
            if matches!(ty, TypeRef::BigInteger) && !integer {
                return Err(mismatch());
            }
            DefaultValue::BigNumber(text)
        }
    })
}

/// The content of a blob's `@default`: Smithy writes it base64-encoded (`"YWJj"` is `abc`, as
/// Smithy's current compliance suites have it). Text that is not canonical base64, or whose
/// content is not UTF-8 text, is taken as it is: our older copy of the compliance suite
/// (`models/protocol-tests.json`) writes the content itself (`"abc"`, which is not base64).
fn blob_default(text: &str) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())
        .unwrap_or_else(|| text.to_owned())
}

#[cfg(test)]
mod blob_tests {
    use super::blob_default;

    #[test]
    fn blob_defaults_are_base64_unless_they_cannot_be() {
        assert_eq!(blob_default("YWJj"), "abc");
        assert_eq!(blob_default("abc"), "abc");
        assert_eq!(blob_default("hi"), "hi");
        assert_eq!(blob_default(""), "");
    }
}
