//! Reading Smithy JSON AST files into a [`Model`]: parse, merge, prelude, `apply`,
//! mixins, and a check that every reference resolves.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use super::{
    front_end, mixins, prelude, trait_values, Bindings, Lifecycle, Member, Model, Shape, ShapeId,
    ShapeType, Traits,
};
use crate::{Error, Result};

/// One model file's path (for messages and `rerun-if-changed`) and its text.
#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub text: String,
}

/// Reads and loads model files from disk: files (`.smithy`, `.json`) or directories of them.
pub fn load_files(paths: &[PathBuf]) -> Result<Model> {
    load_sources(&super::read_sources(paths)?)
}

/// Loads models already in memory; the result has the prelude, `apply`
/// statements and mixins resolved, and every target checked.
pub fn load_sources(sources: &[Source]) -> Result<Model> {
    if sources.is_empty() {
        return Err(Error::new("no model files were given"));
    }
    let documents = front_end::documents(sources, prelude::ids()?)?;
    let mut model = Model::default();
    let mut applies = Vec::new();
    for document in documents {
        let file = model.files.len();
        model.files.push(document.path.clone());
        let parsed = parse_document(&document.path, &document.json, file)?;
        model.versions.push(parsed.version);
        model.positions.extend(document.positions);
        merge_metadata(&mut model.metadata, parsed.metadata)
            .map_err(|e| e.with_file(&document.path))?;
        applies.extend(parsed.applies.into_iter().map(|a| (a, file)));
        for shape in parsed.shapes {
            merge_shape(&mut model, shape)?;
        }
    }
    let prelude_file = model.files.len();
    model.files.push(PathBuf::from(prelude::PRELUDE_FILE));
    model.versions.push("2.0".to_owned());
    for shape in prelude::shapes(prelude_file)? {
        model.shapes.entry(shape.id.clone()).or_insert(shape);
    }
    // An `apply` to a member a mixin gives lands when that shape is flattened (before the
    // shapes that use it as a mixin inherit the member).
    let mut inherited_applies = mixins::MemberApplies::new();
    let mut members = MemberIndex::default();
    for (apply, file) in applies {
        match apply.member {
            Some(member)
                if targets_inherited_member(&model, &mut members, &apply.target, &member) =>
            {
                inherited_applies
                    .entry(apply.target)
                    .or_default()
                    .push(mixins::MemberApply {
                        member,
                        traits: apply.traits,
                        file,
                    });
            }
            member => apply_traits(&mut model, &mut members, Apply { member, ..apply }, file)?,
        }
    }
    check_references(&model)?;
    mixins::flatten(&mut model, inherited_applies)?;
    // After flattening, so that traits applied to inherited members are checked (and an
    // annotation's `null` coerced) too.
    trait_values::check_and_coerce(&mut model)?;
    Ok(model)
}

/// Where each member of a shape is, by name, built when an `apply` first targets the shape:
/// a scan per `apply` would make many applies to a shape with many members quadratic.
#[derive(Default)]
struct MemberIndex(HashMap<ShapeId, HashMap<String, usize>>);

impl MemberIndex {
    /// The position of `member` in `shape`'s members.
    fn find(&mut self, shape: &Shape, member: &str) -> Option<usize> {
        self.0
            .entry(shape.id.clone())
            .or_insert_with(|| {
                shape
                    .members
                    .iter()
                    .enumerate()
                    .map(|(i, m)| (m.name.clone(), i))
                    .collect()
            })
            .get(member)
            .copied()
    }
}

/// Whether `member` is not declared by its shape but may come from one of its mixins.
fn targets_inherited_member(
    model: &Model,
    members: &mut MemberIndex,
    target: &ShapeId,
    member: &str,
) -> bool {
    model
        .shapes
        .get(target)
        .is_some_and(|shape| !shape.mixins.is_empty() && members.find(shape, member).is_none())
}

/// One JSON AST document read into shapes (not merged yet).
pub(super) struct ParsedFile {
    pub version: String,
    pub metadata: Map<String, Value>,
    pub shapes: Vec<Shape>,
    pub applies: Vec<Apply>,
}

/// An `apply` statement: traits added to a shape or member defined elsewhere.
pub(super) struct Apply {
    target: ShapeId,
    member: Option<String>,
    traits: Traits,
}

/// Reads one JSON AST document (whatever front end made it) into shapes; `file` is its
/// index in [`Model::files`].
pub(super) fn parse_document(path: &Path, root: &Value, file: usize) -> Result<ParsedFile> {
    let at_file = |e: Error| e.with_file(path);
    let root = root
        .as_object()
        .ok_or_else(|| at_file(Error::new("the model must be a JSON object")))?;
    let version = match root.get("smithy") {
        Some(Value::String(v))
            if v.starts_with("1.") || v.starts_with("2.") || v == "1" || v == "2" =>
        {
            v.clone()
        }
        Some(Value::String(v)) => {
            return Err(at_file(Error::new(format!(
                "unsupported Smithy version `{v}` (expected 1.0 or 2.0)"
            ))))
        }
        Some(_) => return Err(at_file(Error::new("`smithy` must be a version string"))),
        None => return Err(at_file(Error::new("missing `smithy` version"))),
    };
    let shapes = match root.get("shapes") {
        None => Map::new(),
        Some(Value::Object(shapes)) => shapes.clone(),
        Some(_) => return Err(at_file(Error::new("`shapes` must be a JSON object"))),
    };
    let metadata = match root.get("metadata") {
        None => Map::new(),
        Some(Value::Object(metadata)) => metadata.clone(),
        Some(_) => return Err(at_file(Error::new("`metadata` must be a JSON object"))),
    };
    let mut parsed = ParsedFile {
        version,
        metadata,
        shapes: Vec::new(),
        applies: Vec::new(),
    };
    for (id_text, body) in &shapes {
        let located = |e: Error| e.with_shape(shown(id_text)).with_file(path);
        if body.get("type").and_then(Value::as_str) == Some("apply") {
            parsed
                .applies
                .push(parse_apply(id_text, body).map_err(located)?);
            continue;
        }
        let id = ShapeId::parse(id_text)
            .ok_or_else(|| located(Error::new("not a valid absolute shape id")))?;
        let shape = parse_shape(id, body, file).map_err(located)?;
        if parsed.version.starts_with('1') && !shape.bindings.properties.is_empty() {
            return Err(located(Error::new(format!(
                "resource properties can only be used with Smithy version 2 or later, but the file is version `{}`",
                parsed.version
            ))));
        }
        parsed.shapes.push(shape);
    }
    Ok(parsed)
}

/// Text from the model as an error shows it: escaped, so that a key holding a newline cannot
/// break the one-line message, and cut short, so that a huge key cannot flood it.
pub(crate) fn shown(text: &str) -> String {
    const MAX: usize = 200;
    let escaped: String = text.escape_debug().collect();
    match escaped.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &escaped[..cut]),
        None => escaped,
    }
}

fn parse_apply(id_text: &str, body: &Value) -> Result<Apply> {
    let (shape, member) = match id_text.split_once('$') {
        Some((shape, member)) => (shape, Some(member.to_owned())),
        None => (id_text, None),
    };
    let target =
        ShapeId::parse(shape).ok_or_else(|| Error::new("`apply` names an invalid shape id"))?;
    let traits = parse_traits(body.as_object().and_then(|o| o.get("traits")))?;
    Ok(Apply {
        target,
        member,
        traits,
    })
}

fn parse_shape(id: ShapeId, body: &Value, file: usize) -> Result<Shape> {
    let body = body
        .as_object()
        .ok_or_else(|| Error::new("a shape must be a JSON object"))?;
    let type_name = body
        .get("type")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::new("a shape needs a string `type`"))?;
    let shape_type = ShapeType::from_ast(type_name)
        .ok_or_else(|| Error::new(format!("unknown shape type `{type_name}`")))?;
    let mut members = Vec::new();
    // A list or map with mixins may leave its members to them (checked after flattening).
    let has_mixins = body
        .get("mixins")
        .and_then(Value::as_array)
        .is_some_and(|mixins| !mixins.is_empty());
    let mut fixed_member = |name: &str| match body.get(name) {
        Some(member) => parse_member(name, member).map(|m| members.push(m)),
        None if has_mixins => Ok(()),
        None => Err(Error::new(format!("missing `{name}`"))),
    };
    match shape_type {
        ShapeType::List => fixed_member("member")?,
        ShapeType::Map => {
            fixed_member("key")?;
            fixed_member("value")?;
        }
        ShapeType::Structure | ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => {
            if let Some(list) = body.get("members") {
                let list = list
                    .as_object()
                    .ok_or_else(|| Error::new("`members` must be a JSON object"))?;
                for (name, member) in list {
                    members.push(parse_member(name, member)?);
                }
            }
        }
        _ => {}
    }
    Ok(Shape {
        id,
        shape_type,
        members,
        traits: parse_traits(body.get("traits"))?,
        mixins: parse_refs(body, "mixins")?,
        bindings: parse_bindings(shape_type, body)?,
        file,
    })
}

fn parse_member(name: &str, body: &Value) -> Result<Member> {
    if !super::is_identifier(name) {
        return Err(Error::new(format!(
            "member name `{}` is not a Smithy identifier",
            shown(name)
        )));
    }
    let context = |e: Error| Error::new(format!("member `{name}`: {}", e.message()));
    let target = parse_ref(body).map_err(context)?;
    let traits = parse_traits(body.get("traits")).map_err(context)?;
    Ok(Member {
        name: name.to_owned(),
        target,
        traits,
    })
}

/// A `{"target": "ns#Name"}` reference.
fn parse_ref(body: &Value) -> Result<ShapeId> {
    let text = body
        .get("target")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::new("a reference needs a string `target`"))?;
    ShapeId::parse(text).ok_or_else(|| Error::new(format!("`{text}` is not a valid shape id")))
}

fn parse_refs(body: &Map<String, Value>, key: &str) -> Result<Vec<ShapeId>> {
    match body.get(key) {
        None => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                parse_ref(item).map_err(|e| Error::new(format!("`{key}`: {}", e.message())))
            })
            .collect(),
        Some(_) => Err(Error::new(format!("`{key}` must be a JSON array"))),
    }
}

fn parse_optional_ref(body: &Map<String, Value>, key: &str) -> Result<Option<ShapeId>> {
    body.get(key)
        .map(|v| parse_ref(v).map_err(|e| Error::new(format!("`{key}`: {}", e.message()))))
        .transpose()
}

fn parse_traits(traits: Option<&Value>) -> Result<Traits> {
    match traits {
        None => Ok(Traits::new()),
        Some(Value::Object(map)) => Ok(map.iter().map(|(k, v)| (k.clone(), v.clone())).collect()),
        Some(_) => Err(Error::new("`traits` must be a JSON object")),
    }
}

fn parse_bindings(shape_type: ShapeType, body: &Map<String, Value>) -> Result<Bindings> {
    let mut bindings = Bindings::default();
    match shape_type {
        ShapeType::Service => {
            bindings.version = match body.get("version") {
                None => None,
                Some(Value::String(v)) => Some(v.clone()),
                Some(_) => return Err(Error::new("`version` must be a string")),
            };
            bindings.operations = parse_refs(body, "operations")?;
            bindings.resources = parse_refs(body, "resources")?;
            bindings.errors = parse_refs(body, "errors")?;
            bindings.rename = parse_rename(body.get("rename"))?;
        }
        ShapeType::Resource => {
            for slot in Lifecycle::ALL {
                if let Some(id) = parse_optional_ref(body, slot.ast_name())? {
                    bindings.lifecycle.insert(slot, id);
                }
            }
            bindings.operations = parse_refs(body, "operations")?;
            bindings.collection_operations = parse_refs(body, "collectionOperations")?;
            bindings.resources = parse_refs(body, "resources")?;
            bindings.identifiers = parse_named_refs(body, "identifiers")?;
            bindings.properties = parse_named_refs(body, "properties")?;
        }
        ShapeType::Operation => {
            // `smithy.api#Unit` written out and left out are the same model: keep one form.
            let not_unit = |id: &ShapeId| id.as_str() != "smithy.api#Unit";
            bindings.input = parse_optional_ref(body, "input")?.filter(not_unit);
            bindings.output = parse_optional_ref(body, "output")?.filter(not_unit);
            bindings.errors = parse_refs(body, "errors")?;
        }
        _ => {}
    }
    Ok(bindings)
}

/// A resource's `identifiers` or `properties`: `{"name": {"target": "ns#Shape"}}`.
fn parse_named_refs(body: &Map<String, Value>, key: &str) -> Result<Vec<(String, ShapeId)>> {
    let Some(refs) = body.get(key) else {
        return Ok(Vec::new());
    };
    let refs = refs
        .as_object()
        .ok_or_else(|| Error::new(format!("`{key}` must be a JSON object")))?;
    refs.iter()
        .map(|(name, target)| {
            let target = parse_ref(target)
                .map_err(|e| Error::new(format!("`{key}.{}`: {}", shown(name), e.message())))?;
            Ok((name.clone(), target))
        })
        .collect()
}

/// Merges one file's metadata: lists concatenate, other keys must hold equal values
/// (Smithy's rule for metadata from several files).
fn merge_metadata(merged: &mut BTreeMap<String, Value>, file: Map<String, Value>) -> Result<()> {
    for (key, value) in file {
        match merged.get_mut(&key) {
            None => {
                merged.insert(key, value);
            }
            Some(existing) => merge_again(existing, value).map_err(|()| {
                Error::new(format!(
                    "metadata `{}` is defined again with a different value",
                    shown(&key)
                ))
            })?,
        }
    }
    Ok(())
}

/// Smithy's rule for a value given twice (metadata from two files, a trait applied again):
/// an equal value is fine, two lists concatenate, anything else conflicts.
fn merge_again(existing: &mut Value, value: Value) -> Result<(), ()> {
    match (existing, value) {
        (Value::Array(existing), Value::Array(more)) => {
            existing.extend(more);
            Ok(())
        }
        (existing, value) if *existing == value => Ok(()),
        _ => Err(()),
    }
}

fn parse_rename(rename: Option<&Value>) -> Result<BTreeMap<ShapeId, String>> {
    let Some(rename) = rename else {
        return Ok(BTreeMap::new());
    };
    let rename = rename
        .as_object()
        .ok_or_else(|| Error::new("`rename` must be a JSON object"))?;
    rename
        .iter()
        .map(|(id, name)| {
            let id = ShapeId::parse(id)
                .ok_or_else(|| Error::new(format!("`rename` key `{id}` is not a shape id")))?;
            let name = name
                .as_str()
                .ok_or_else(|| Error::new(format!("`rename` value for `{id}` must be a string")))?;
            Ok((id, name.to_owned()))
        })
        .collect()
}

/// Adds a shape; a second definition is only accepted when it is identical.
fn merge_shape(model: &mut Model, shape: Shape) -> Result<()> {
    if let Some(existing) = model.shapes.get(&shape.id) {
        let same = Shape {
            file: existing.file,
            ..shape.clone()
        };
        if &same != existing {
            let first = model.file_of(existing).display().to_string();
            return Err(Error::shape(
                &shape.id,
                format!("defined again with a different definition (first defined in {first})"),
            )
            .with_file(&model.files[shape.file]));
        }
        return Ok(());
    }
    model.shapes.insert(shape.id.clone(), shape);
    Ok(())
}

fn apply_traits(
    model: &mut Model,
    members: &mut MemberIndex,
    apply: Apply,
    file: usize,
) -> Result<()> {
    let path = model.files[file].clone();
    let Some(shape) = model.shapes.get_mut(&apply.target) else {
        return Err(
            Error::shape(&apply.target, "`apply` targets a shape that is not defined")
                .with_file(&path),
        );
    };
    let traits = match &apply.member {
        None => &mut shape.traits,
        Some(member) => match members
            .find(shape, member)
            .and_then(|i| shape.members.get_mut(i))
        {
            Some(m) => &mut m.traits,
            None => {
                return Err(Error::shape(
                    apply.target.member(&shown(member)),
                    "`apply` targets a member that does not exist",
                )
                .with_file(&path))
            }
        },
    };
    for (trait_id, value) in apply.traits {
        add_trait(traits, trait_id, value).map_err(|e| {
            let at = match &apply.member {
                Some(member) => apply.target.member(member),
                None => apply.target.to_string(),
            };
            e.with_shape(at).with_file(&path)
        })?;
    }
    Ok(())
}

/// Adds a trait applied a second time: an equal value is fine, lists concatenate (as
/// Smithy merges `@tags` applied twice), anything else is a conflict.
pub(super) fn add_trait(traits: &mut Traits, trait_id: String, value: Value) -> Result<()> {
    match traits.get_mut(&trait_id) {
        None => {
            traits.insert(trait_id, value);
            Ok(())
        }
        Some(existing) => merge_again(existing, value).map_err(|()| {
            Error::new(format!(
                "trait `{trait_id}` is applied again with a conflicting value"
            ))
        }),
    }
}

/// Every member target and every binding must name a defined shape.
fn check_references(model: &Model) -> Result<()> {
    for shape in model.shapes.values() {
        for member in &shape.members {
            if !model.shapes.contains_key(&member.target) {
                return Err(model.error(
                    shape,
                    format!(
                        "member `{}` targets {}, which is not defined",
                        member.name, member.target
                    ),
                ));
            }
        }
        for target in shape.bindings.references().chain(&shape.mixins) {
            if !model.shapes.contains_key(target) {
                return Err(model.error(shape, format!("refers to {target}, which is not defined")));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load_error(text: &str) -> Error {
        load_sources(&[Source {
            path: PathBuf::from("m.json"),
            text: text.to_owned(),
        }])
        .expect_err("the model is invalid")
    }

    #[test]
    fn model_text_in_errors_is_escaped_and_bounded() {
        // Found by the model_loader fuzz target: a shape key with a newline broke the line.
        let error = load_error(r#"{"smithy":"2.0","shapes":{"ex#A\nB":{"type":"string"}}}"#);
        assert_eq!(error.shape_id(), Some("ex#A\\nB"));
        assert_eq!(
            error.to_string(),
            "m.json: shape ex#A\\nB: not a valid absolute shape id"
        );
        let error = load_error(
            r#"{"smithy":"2.0","shapes":{"ex#A":{"type":"structure"},"ex#A$b\r\nc":{"type":"apply","traits":{}}}}"#,
        );
        assert_eq!(error.shape_id(), Some("ex#A$b\\r\\nc"));
        let long = format!(
            r#"{{"smithy":"2.0","shapes":{{"{}":{{"type":"string"}}}}}}"#,
            "x".repeat(10_000)
        );
        let shown = load_error(&long).shape_id().unwrap_or_default().to_owned();
        assert_eq!(shown.chars().count(), 201);
        assert!(shown.ends_with('…'));
    }

    #[test]
    fn resource_properties_need_version_2() {
        // Smithy's `idl-tests-invalid/version/properties-v2-only.json`.
        let text = include_str!("../../tests/idl-suite/invalid/version/properties-v2-only.json");
        let error = load_error(text);
        assert_eq!(
            error.to_string(),
            "m.json: shape smithy.example#Book: resource properties can only be used with Smithy version 2 or later, but the file is version `1.0`"
        );
    }

    #[test]
    fn many_applies_to_a_shape_with_many_members_take_linear_time() {
        // One `apply` per member of a 50,000-member structure: a member scan per `apply` made
        // this quadratic (2.5 billion comparisons).
        let n = 50_000;
        let members: Vec<String> = (0..n)
            .map(|i| format!(r#""m{i}": {{"target": "smithy.api#String"}}"#))
            .collect();
        let first = format!(
            r#"{{"smithy": "2.0", "shapes": {{"ex#S": {{"type": "structure", "members": {{{}}}}}}}}}"#,
            members.join(",")
        );
        let applies: Vec<String> = (0..n)
            .map(|i| format!(r#""ex#S$m{i}": {{"type": "apply", "traits": {{"smithy.api#documentation": "d{i}"}}}}"#))
            .collect();
        let second = format!(
            r#"{{"smithy": "2.0", "shapes": {{{}}}}}"#,
            applies.join(",")
        );
        let model = load_sources(&[
            Source {
                path: PathBuf::from("a.json"),
                text: first,
            },
            Source {
                path: PathBuf::from("b.json"),
                text: second,
            },
        ])
        .expect("loads");
        let shape = &model.shapes[&ShapeId::parse("ex#S").unwrap()];
        assert_eq!(
            shape.members[n - 1].traits["smithy.api#documentation"],
            format!("d{}", n - 1)
        );
    }
}
