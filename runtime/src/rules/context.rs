//! Endpoint parameters from an operation's input: `@operationContextParams` JMESPath
//! expressions evaluated over the input's [`Value`](crate::Value) tree.

use super::ParamValue;
use crate::Value;

/// A JMESPath result as a parameter value: a string (or enum value), a boolean, or a list of
/// strings; anything else (null, a number, a structure) is no value.
pub fn param_from_value(value: &Value) -> Option<ParamValue> {
    match value {
        Value::String(s) | Value::Enum(s) => Some(ParamValue::String(s.clone())),
        Value::Boolean(b) => Some(ParamValue::Boolean(*b)),
        Value::List(items) => items
            .iter()
            .map(|item| match item {
                Value::String(s) | Value::Enum(s) => Some(s.clone()),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(ParamValue::StringArray),
        _ => None,
    }
}

/// Sets `name` to the value of the JMESPath expression `path` over `input`, when it has one
/// (an expression that does not parse or evaluate sets nothing: the rules then see the
/// parameter unset, as they do when the input lacks the member).
#[cfg(feature = "jmespath")]
pub fn set_from_input(
    params: &mut super::Params,
    name: &str,
    path: &str,
    input: &dyn crate::ToValue,
) {
    let Ok(expression) = crate::jmespath::Expression::parse(path) else {
        return;
    };
    let Ok(value) = expression.search(&input.to_value()) else {
        return;
    };
    if let Some(value) = param_from_value(&value) {
        params.set(name, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_booleans_and_string_lists_become_values() {
        assert_eq!(
            param_from_value(&Value::Enum("a".into())),
            Some(ParamValue::String("a".into()))
        );
        assert_eq!(
            param_from_value(&Value::List(vec![Value::String("x".into())])),
            Some(ParamValue::StringArray(vec!["x".into()]))
        );
        assert_eq!(
            param_from_value(&Value::List(vec![Value::Integer(1)])),
            None
        );
        assert_eq!(param_from_value(&Value::Null), None);
    }
}
