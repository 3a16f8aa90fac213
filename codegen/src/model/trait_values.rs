//! Trait values checked against the trait's definition (its `@trait` shape), and the one
//! coercion the IDL needs: an annotation trait written without a value (`@sensitive`, read
//! as `null`) becomes `{}` for a structure or map trait and `[]` for a list trait, as in
//! Smithy; other `null`s stay (`@default(null)` is a real value of the document trait
//! `default`), and so does the `null` of a trait without a known definition.
//!
//! Traits without a known definition are kept as opaque values, as Smithy does with
//! unknown traits: models use traits this generator has no definition for (e.g.
//! `smithy.test#smokeTests` in older trait sets), and rejecting them would reject the model
//! for something the generator never reads.
//!
//! The check is deliberately about the value's *shape* (object, list, string, number, …),
//! required structure members and enum values; a structure member the definition does not
//! list is accepted, so that a model written against newer trait definitions still loads.

use serde_json::Value;

use super::{Model, Shape, ShapeId, ShapeType, Traits};
use crate::Result;

const TRAIT: &str = "smithy.api#trait";
/// Deep enough for every real trait value; bounds the recursion on hostile input.
const MAX_DEPTH: usize = 64;

/// Coerces annotation values and checks every trait of every shape and member, the built-in
/// definitions' shapes aside (they were checked once, when they were read).
pub fn check_and_coerce(model: &mut Model) -> Result<()> {
    check_shapes(model, false)
}

/// [`check_and_coerce`] for the built-in definitions themselves.
pub fn check_and_coerce_builtin(model: &mut Model) -> Result<()> {
    check_shapes(model, true)
}

fn check_shapes(model: &mut Model, builtin: bool) -> Result<()> {
    let ids: Vec<ShapeId> = model.shapes.keys().cloned().collect();
    for id in ids {
        let Some(shape) = model.shapes.get(&id) else {
            continue;
        };
        if model.is_builtin(shape) != builtin {
            continue;
        }
        let mut traits = shape.traits.clone();
        let mut members: Vec<Traits> = shape.members.iter().map(|m| m.traits.clone()).collect();
        let located = |at: String, e: String| model.error_at(shape, at, e);
        check_traits(model, &mut traits).map_err(|e| located(id.to_string(), e))?;
        for (member, member_traits) in shape.members.iter().zip(&mut members) {
            check_traits(model, member_traits).map_err(|e| located(id.member(&member.name), e))?;
        }
        if let Some(shape) = model.shapes.get_mut(&id) {
            shape.traits = traits;
            for (member, member_traits) in shape.members.iter_mut().zip(members) {
                member.traits = member_traits;
            }
        }
    }
    Ok(())
}

fn check_traits(model: &Model, traits: &mut Traits) -> Result<(), String> {
    for (trait_id, value) in traits.iter_mut() {
        let definition = ShapeId::parse(trait_id)
            .and_then(|id| model.shape(&id))
            .filter(|shape| shape.has_trait(TRAIT));
        let Some(definition) = definition else {
            continue;
        };
        if value.is_null() {
            match definition.shape_type {
                ShapeType::Structure | ShapeType::Map => *value = Value::Object(Default::default()),
                ShapeType::List => *value = Value::Array(Vec::new()),
                // `@default(null)` and friends: a document trait may hold null.
                _ => {}
            }
        }
        let mut path = String::new();
        check_value(model, value, definition, &mut path, 0)
            .map_err(|problem| format!("trait `{trait_id}`{}: {problem}", at(&path)))?;
    }
    Ok(())
}

fn at(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!(" at `{}`", path.trim_start_matches('.'))
    }
}

/// Checks `value` against `shape`; `path` is where in the trait value we are (`.min`, `[2]`).
fn check_value(
    model: &Model,
    value: &Value,
    shape: &Shape,
    path: &mut String,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("nested deeper than {MAX_DEPTH} levels"));
    }
    let expect = |what: &str| -> Result<(), String> {
        Err(format!(
            "expected {what} ({} `{}`), found {}",
            shape.shape_type.ast_name(),
            shape.id,
            describe(value)
        ))
    };
    match shape.shape_type {
        ShapeType::Structure | ShapeType::Union => {
            let Value::Object(fields) = value else {
                return expect("an object");
            };
            if shape.shape_type == ShapeType::Union && fields.len() != 1 {
                return Err(format!(
                    "a union value (`{}`) must set exactly one member, found {}",
                    shape.id,
                    fields.len()
                ));
            }
            for member in &shape.members {
                if member.traits.contains_key("smithy.api#required")
                    && !fields.contains_key(&member.name)
                {
                    return Err(format!(
                        "missing required member `{}` of `{}`",
                        member.name, shape.id
                    ));
                }
            }
            for (name, field) in fields {
                let Some(member) = shape.member(name) else {
                    continue;
                };
                let Some(target) = model.shape(&member.target) else {
                    continue;
                };
                let len = path.len();
                path.push('.');
                path.push_str(name);
                check_value(model, field, target, path, depth + 1)?;
                path.truncate(len);
            }
            Ok(())
        }
        ShapeType::List => {
            let Value::Array(items) = value else {
                return expect("a list");
            };
            let Some(target) = member_target(model, shape, "member") else {
                return Ok(());
            };
            for (index, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{index}]"));
                check_value(model, item, target, path, depth + 1)?;
                path.truncate(len);
            }
            Ok(())
        }
        ShapeType::Map => {
            let Value::Object(entries) = value else {
                return expect("an object");
            };
            let Some(target) = member_target(model, shape, "value") else {
                return Ok(());
            };
            for (key, entry) in entries {
                let len = path.len();
                path.push('.');
                path.push_str(key);
                check_value(model, entry, target, path, depth + 1)?;
                path.truncate(len);
            }
            Ok(())
        }
        ShapeType::String | ShapeType::Blob => match value {
            Value::String(_) => Ok(()),
            _ => expect("a string"),
        },
        ShapeType::Enum => match value {
            Value::String(text) => {
                let allowed: Vec<&str> = shape
                    .members
                    .iter()
                    .map(|m| {
                        m.traits
                            .get("smithy.api#enumValue")
                            .and_then(Value::as_str)
                            .unwrap_or(&m.name)
                    })
                    .collect();
                if allowed.is_empty() || allowed.contains(&text.as_str()) {
                    Ok(())
                } else {
                    Err(format!(
                        "`{text}` is not one of the values of `{}` ({})",
                        shape.id,
                        allowed.join(", ")
                    ))
                }
            }
            _ => expect("a string"),
        },
        ShapeType::Boolean => match value {
            Value::Bool(_) => Ok(()),
            _ => expect("a boolean"),
        },
        ShapeType::Byte
        | ShapeType::Short
        | ShapeType::Integer
        | ShapeType::Long
        | ShapeType::IntEnum
        | ShapeType::BigInteger => match value {
            Value::Number(n) if n.is_i64() || n.is_u64() => Ok(()),
            _ => expect("an integer"),
        },
        ShapeType::Float | ShapeType::Double | ShapeType::BigDecimal => match value {
            Value::Number(_) => Ok(()),
            Value::String(s) if matches!(s.as_str(), "NaN" | "Infinity" | "-Infinity") => Ok(()),
            _ => expect("a number"),
        },
        ShapeType::Timestamp => match value {
            Value::Number(_) | Value::String(_) => Ok(()),
            _ => expect("a timestamp (a number or a string)"),
        },
        ShapeType::Document | ShapeType::Service | ShapeType::Operation | ShapeType::Resource => {
            Ok(())
        }
    }
}

fn member_target<'m>(model: &'m Model, shape: &Shape, name: &str) -> Option<&'m Shape> {
    shape.member(name).and_then(|m| model.shape(&m.target))
}

/// How an error names a JSON value's kind (values themselves could be huge).
fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{load_sources, Source};

    /// A model defining two traits the way the prelude does, plus `shapes`.
    fn load(shapes: &str) -> crate::Result<crate::model::Model> {
        let text = format!(
            r#"{{"smithy":"2.0","shapes":{{
              "ex#marker":{{"type":"structure","traits":{{"smithy.api#trait":{{}}}}}},
              "ex#tags":{{"type":"list","member":{{"target":"smithy.api#String"}},"traits":{{"smithy.api#trait":{{}}}}}},
              "ex#range":{{"type":"structure","members":{{
                  "min":{{"target":"smithy.api#Long"}},
                  "mode":{{"target":"ex#Mode","traits":{{"smithy.api#required":{{}}}}}}}},
                "traits":{{"smithy.api#trait":{{}}}}}},
              "ex#Mode":{{"type":"enum","members":{{"A":{{"target":"smithy.api#Unit","traits":{{"smithy.api#enumValue":"a"}}}}}}}},
              {shapes}}}}}"#
        );
        load_sources(&[Source {
            path: "m.json".into(),
            text,
        }])
    }

    fn error(shapes: &str) -> String {
        load(shapes)
            .expect_err("the trait value is wrong")
            .to_string()
    }

    #[test]
    fn annotations_become_empty_objects_or_lists() {
        let model = load(
            r#""ex#S":{"type":"string","traits":{"ex#marker":null,"ex#tags":null,"ex#unknown":null}}"#,
        )
        .expect("loads");
        let shape = model
            .shape(&crate::model::ShapeId::parse("ex#S").unwrap())
            .unwrap();
        assert_eq!(shape.traits["ex#marker"], serde_json::json!({}));
        assert_eq!(shape.traits["ex#tags"], serde_json::json!([]));
        assert_eq!(shape.traits["ex#unknown"], serde_json::Value::Null);
    }

    #[test]
    fn null_is_no_value_for_a_string_trait() {
        assert_eq!(
            error(
                r#""ex#str":{"type":"string","traits":{"smithy.api#trait":{}}},"ex#S":{"type":"string","traits":{"ex#str":null}}"#
            ),
            "m.json: shape ex#S: trait `ex#str`: expected a string (string `ex#str`), found null"
        );
    }

    #[test]
    fn wrong_values_are_one_line_errors_naming_shape_and_trait() {
        assert_eq!(
            error(r#""ex#S":{"type":"string","traits":{"ex#marker":"yes"}}"#),
            "m.json: shape ex#S: trait `ex#marker`: expected an object (structure `ex#marker`), found a string"
        );
        assert_eq!(
            error(r#""ex#S":{"type":"string","traits":{"ex#range":{"min":"long","mode":"a"}}}"#),
            "m.json: shape ex#S: trait `ex#range` at `min`: expected an integer (long `smithy.api#Long`), found a string"
        );
        assert!(
            error(r#""ex#S":{"type":"string","traits":{"ex#range":{"min":1}}}"#)
                .contains("missing required member `mode` of `ex#range`")
        );
        assert!(
            error(r#""ex#S":{"type":"string","traits":{"ex#range":{"mode":"b"}}}"#)
                .contains("`b` is not one of the values of `ex#Mode` (a)")
        );
        assert!(
            error(r#""ex#S":{"type":"string","traits":{"ex#tags":["a",1]}}"#)
                .contains("trait `ex#tags` at `[1]`: expected a string")
        );
        assert!(error(
            r#""ex#S":{"type":"structure","members":{"m":{"target":"smithy.api#String","traits":{"ex#tags":{}}}}}"#
        )
        .starts_with("m.json: shape ex#S$m: trait `ex#tags`"));
    }

    #[test]
    fn unknown_traits_and_extra_members_are_kept() {
        let model = load(
            r#""ex#S":{"type":"string","traits":{"x.y#opaque":{"any":[1,"two"]},"ex#range":{"mode":"a","newer":true}}}"#,
        )
        .expect("loads");
        let shape = model
            .shape(&crate::model::ShapeId::parse("ex#S").unwrap())
            .unwrap();
        assert_eq!(shape.traits["x.y#opaque"]["any"][1], "two");
        assert_eq!(shape.traits["ex#range"]["newer"], true);
    }
}
