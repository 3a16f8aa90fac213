//! Writing a loaded [`Model`] back out as Smithy JSON AST 2.0, as `smithy ast` does: the
//! model as the front ends read it (IDL, JSON AST or botocore), merged, with `apply`
//! statements applied and mixins flattened, without the prelude's and the built-in trait
//! definitions' own shapes.
//!
//! The output is deterministic: shapes sorted by id, traits by trait id, members and
//! resource identifiers in model order.

use serde_json::{json, Map, Value};

use super::{Member, Model, Shape, ShapeId, ShapeType};

/// The model as a JSON AST document.
pub fn to_json_ast(model: &Model) -> Value {
    let mut root = Map::new();
    root.insert("smithy".to_owned(), json!(version(model)));
    if !model.metadata.is_empty() {
        let metadata: Map<String, Value> = model
            .metadata
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        root.insert("metadata".to_owned(), Value::Object(metadata));
    }
    let shapes: Map<String, Value> = model
        .shapes
        .values()
        .filter(|shape| !model.is_builtin(shape))
        .map(|shape| (shape.id.to_string(), shape_body(shape)))
        .collect();
    root.insert("shapes".to_owned(), Value::Object(shapes));
    Value::Object(root)
}

/// `1.0` when every user file is IDL 1.0 (their optionality rules differ from 2.0's and
/// the shapes are written as loaded), `2.0` otherwise.
fn version(model: &Model) -> &'static str {
    let mut user_versions = model
        .shapes
        .values()
        .filter(|shape| !model.is_builtin(shape))
        .map(|shape| model.is_v1(shape))
        .peekable();
    if user_versions.peek().is_some() && user_versions.all(|v1| v1) {
        "1.0"
    } else {
        "2.0"
    }
}

fn shape_body(shape: &Shape) -> Value {
    let mut body = Map::new();
    body.insert("type".to_owned(), json!(shape.shape_type.ast_name()));
    match shape.shape_type {
        ShapeType::List | ShapeType::Map => {
            for member in &shape.members {
                body.insert(member.name.clone(), member_body(member));
            }
        }
        ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => {
            let members: Map<String, Value> = shape
                .members
                .iter()
                .map(|m| (m.name.clone(), member_body(m)))
                .collect();
            body.insert("members".to_owned(), Value::Object(members));
        }
        _ => {}
    }
    write_bindings(shape, &mut body);
    if !shape.traits.is_empty() {
        body.insert("traits".to_owned(), traits(&shape.traits));
    }
    Value::Object(body)
}

fn member_body(member: &Member) -> Value {
    let mut body = reference(&member.target);
    if !member.traits.is_empty() {
        if let Value::Object(map) = &mut body {
            map.insert("traits".to_owned(), traits(&member.traits));
        }
    }
    body
}

fn reference(id: &ShapeId) -> Value {
    json!({ "target": id.as_str() })
}

fn references<'a>(ids: impl IntoIterator<Item = &'a ShapeId>) -> Value {
    Value::Array(ids.into_iter().map(reference).collect())
}

fn named_references(named: &[(String, ShapeId)]) -> Value {
    Value::Object(
        named
            .iter()
            .map(|(name, id)| (name.clone(), reference(id)))
            .collect(),
    )
}

fn traits(traits: &super::Traits) -> Value {
    Value::Object(traits.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
}

/// The properties of services, operations and resources, each only when set (as Smithy
/// writes them).
fn write_bindings(shape: &Shape, body: &mut Map<String, Value>) {
    let b = &shape.bindings;
    let mut put = |key: &str, value: Value| {
        body.insert(key.to_owned(), value);
    };
    match shape.shape_type {
        ShapeType::Service => {
            if let Some(version) = &b.version {
                put("version", json!(version));
            }
            if !b.operations.is_empty() {
                put("operations", references(&b.operations));
            }
            if !b.resources.is_empty() {
                put("resources", references(&b.resources));
            }
            if !b.errors.is_empty() {
                put("errors", references(&b.errors));
            }
            if !b.rename.is_empty() {
                let rename: Map<String, Value> = b
                    .rename
                    .iter()
                    .map(|(id, name)| (id.to_string(), json!(name)))
                    .collect();
                put("rename", Value::Object(rename));
            }
        }
        ShapeType::Operation => {
            put("input", reference(&unit_or(&b.input)));
            put("output", reference(&unit_or(&b.output)));
            if !b.errors.is_empty() {
                put("errors", references(&b.errors));
            }
        }
        ShapeType::Resource => {
            if !b.identifiers.is_empty() {
                put("identifiers", named_references(&b.identifiers));
            }
            if !b.properties.is_empty() {
                put("properties", named_references(&b.properties));
            }
            for (slot, id) in &b.lifecycle {
                put(slot.ast_name(), reference(id));
            }
            if !b.operations.is_empty() {
                put("operations", references(&b.operations));
            }
            if !b.collection_operations.is_empty() {
                put("collectionOperations", references(&b.collection_operations));
            }
            if !b.resources.is_empty() {
                put("resources", references(&b.resources));
            }
        }
        _ => {}
    }
}

/// An operation without `input`/`output` has `smithy.api#Unit` (written out, as Smithy does).
fn unit_or(id: &Option<ShapeId>) -> ShapeId {
    id.clone()
        .unwrap_or_else(|| ShapeId("smithy.api#Unit".to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{load_sources, Source};

    fn load(text: &str) -> Model {
        load_sources(&[Source {
            path: "m.json".into(),
            text: text.to_owned(),
        }])
        .expect("the model loads")
    }

    #[test]
    fn a_written_model_loads_back_to_the_same_model() {
        let text = r#"{"smithy":"2.0","metadata":{"suppressions":[{"id":"x"}]},"shapes":{
          "ex#S":{"type":"service","version":"1","operations":[{"target":"ex#Get"}],
                  "resources":[{"target":"ex#R"}]},
          "ex#R":{"type":"resource","identifiers":{"id":{"target":"smithy.api#String"}},
                  "read":{"target":"ex#Get"},"collectionOperations":[{"target":"ex#List"}]},
          "ex#Get":{"type":"operation","input":{"target":"ex#In"},"errors":[{"target":"ex#Oops"}]},
          "ex#List":{"type":"operation"},
          "ex#In":{"type":"structure","members":{"id":{"target":"smithy.api#String",
                   "traits":{"smithy.api#required":{}}}},"traits":{"smithy.api#input":{}}},
          "ex#Oops":{"type":"structure","traits":{"smithy.api#error":"client"}},
          "ex#M":{"type":"map","key":{"target":"smithy.api#String"},"value":{"target":"ex#In"}}
        }}"#;
        let model = load(text);
        let written = to_json_ast(&model);
        assert!(written["shapes"].get("smithy.api#String").is_none());
        assert_eq!(
            written["shapes"]["ex#List"]["input"]["target"],
            "smithy.api#Unit"
        );
        assert_eq!(written["metadata"]["suppressions"][0]["id"], "x");
        let reloaded = load(&written.to_string());
        assert_eq!(to_json_ast(&reloaded), written);
        assert_eq!(reloaded.shapes, model.shapes);
    }

    #[test]
    fn mixins_are_flattened_and_removed() {
        let model = load(
            r#"{"smithy":"2.0","shapes":{
              "ex#Base":{"type":"structure","members":{"a":{"target":"smithy.api#String"}},
                         "traits":{"smithy.api#mixin":{}}},
              "ex#User":{"type":"structure","mixins":[{"target":"ex#Base"}],
                         "members":{"b":{"target":"smithy.api#String"}}}}}"#,
        );
        let written = to_json_ast(&model);
        assert!(written["shapes"].get("ex#Base").is_none());
        let members: Vec<&String> = written["shapes"]["ex#User"]["members"]
            .as_object()
            .map(|m| m.keys().collect())
            .unwrap_or_default();
        assert_eq!(members, ["a", "b"]);
        assert!(written["shapes"]["ex#User"].get("mixins").is_none());
    }

    /// Every valid case of Smithy's IDL suite, loaded from IDL, written as JSON AST and loaded
    /// again, is the same model: `smithy-codegen ast` loses nothing the loader keeps.
    #[test]
    fn every_valid_idl_suite_model_survives_a_round_trip() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/idl-suite/valid");
        let shared = root.join("__shared.json");
        let mut pending = vec![root.clone()];
        let mut checked = 0;
        while let Some(dir) = pending.pop() {
            for entry in std::fs::read_dir(&dir).expect("the suite is readable") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    pending.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "smithy") {
                    continue;
                }
                // The one case the suite skips (a number beyond f64) does not load at all.
                let Ok(model) = crate::model::load_files(&[path.clone(), shared.clone()]) else {
                    assert!(path.ends_with("traits.smithy"), "{} loads", path.display());
                    continue;
                };
                let written = to_json_ast(&model);
                let reloaded = load(&written.to_string());
                let user = |m: &Model| -> Vec<(ShapeId, Shape)> {
                    m.shapes
                        .values()
                        .filter(|s| !m.is_builtin(s))
                        .map(|s| {
                            (
                                s.id.clone(),
                                Shape {
                                    file: 0,
                                    ..s.clone()
                                },
                            )
                        })
                        .collect()
                };
                assert_eq!(user(&reloaded), user(&model), "{}", path.display());
                assert_eq!(reloaded.metadata, model.metadata, "{}", path.display());
                assert_eq!(to_json_ast(&reloaded), written, "{}", path.display());
                checked += 1;
            }
        }
        assert!(checked >= 60, "{checked} cases checked");
    }
}
