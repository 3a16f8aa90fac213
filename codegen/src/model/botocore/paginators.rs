//! `paginators-1.json` → `@paginated` on the operations, for the paginators Smithy can express:
//! one input token, one output token that is a member path, at most one result key.

use serde_json::{json, Map, Value};

use super::fields::{self, Object};
use super::{shown, Context};
use crate::model::is_identifier;
use crate::{Error, Result};

pub(in crate::model::botocore) fn apply(
    context: &Context,
    paginators: Option<&Value>,
    out: &mut Map<String, Value>,
) -> Result<()> {
    let Some(paginators) = paginators else {
        return Ok(());
    };
    let root = fields::object(paginators, "the paginators file")?;
    let Some(pagination) = fields::nested(root, "pagination")? else {
        return Ok(());
    };
    for (operation, paginator) in pagination {
        let at = |e: Error| e.with_shape(shown(operation));
        let paginator = fields::object(paginator, "a paginator").map_err(at)?;
        // A paginator of an operation this service does not have describes nothing to generate.
        if !context.operations.contains_key(operation) {
            continue;
        }
        let Some(value) = paginated(paginator).map_err(at)? else {
            continue;
        };
        let traits = out
            .get_mut(&context.operation_id(operation))
            .and_then(|op| op.get_mut("traits"))
            .and_then(Value::as_object_mut);
        if let Some(traits) = traits {
            traits.insert("smithy.api#paginated".into(), value);
        }
    }
    Ok(())
}

/// The `@paginated` value, or `None` when botocore's tokens are not member paths (several
/// tokens, or JMESPath expressions such as S3's `NextMarker || Contents[-1].Key`).
fn paginated(paginator: &Object) -> Result<Option<Value>> {
    let (Some(input), Some(output)) = (
        single(paginator, "input_token")?,
        single(paginator, "output_token")?,
    ) else {
        return Ok(None);
    };
    if !is_identifier(input) || !is_path(output) {
        return Ok(None);
    }
    let mut value = Map::new();
    value.insert("inputToken".into(), json!(input));
    value.insert("outputToken".into(), json!(output));
    if let Some(limit) = single(paginator, "limit_key")?.filter(|l| is_identifier(l)) {
        value.insert("pageSize".into(), json!(limit));
    }
    if let Some(items) = single(paginator, "result_key")?.filter(|i| is_path(i)) {
        value.insert("items".into(), json!(items));
    }
    Ok(Some(Value::Object(value)))
}

/// A field that is one string, or a list of exactly one string; `None` when absent or several.
fn single<'a>(paginator: &'a Object, key: &str) -> Result<Option<&'a str>> {
    match paginator.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(text)) => Ok(Some(text)),
        Some(Value::Array(items)) => match items.as_slice() {
            [Value::String(text)] => Ok(Some(text)),
            items if items.iter().all(Value::is_string) => Ok(None),
            _ => Err(Error::new(format!("`{key}` must hold strings"))),
        },
        Some(_) => Err(Error::new(format!(
            "`{key}` must be a string or a list of strings"
        ))),
    }
}

/// `A.B.C`: member names joined by dots, the only paths `@paginated` accepts.
fn is_path(text: &str) -> bool {
    text.split('.').all(is_identifier)
}
