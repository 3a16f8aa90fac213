//! Turns a parsed file into its JSON AST document: relative shape ids become absolute,
//! elided member targets are looked up, traits are merged, and every shape and member's
//! position is recorded.
//!
//! Resolution follows the spec's order for a relative name: a `use` statement, then a shape
//! of that name in the file's namespace (in any file of the model), then the prelude, and
//! otherwise the file's namespace (the loader then reports the missing shape).

use std::cell::{OnceCell, RefCell};
use std::collections::{BTreeMap, HashMap};

use serde_json::{json, Map, Value};

use super::elision::{Inheritance, Origin};
use super::lexer::Position;
use super::syntax::{ApplyDef, IdRef, MemberDef, Node, PropertyValue, ShapeDef, TraitUse};
use super::{AstFile, IdlFile};
use crate::model::ShapeId;
use crate::{Error, Result};

const ENUM_VALUE: &str = "smithy.api#enumValue";
const MIXIN: &str = "smithy.api#mixin";

pub(super) struct Resolver<'f> {
    pub(super) file: &'f IdlFile,
    pub(super) namespace: String,
    pub(super) is_defined: &'f dyn Fn(&ShapeId) -> bool,
    /// `use`d names to their absolute ids.
    uses: HashMap<String, String>,
    /// Shapes of this file by name.
    pub(super) local: HashMap<&'f str, &'f ShapeDef>,
    /// Lookups through mixins and resources, for elided members; built on first use.
    inheritance: OnceCell<Inheritance<'f>>,
    /// Relative names already resolved (most files name the same few shapes many times).
    resolved_names: RefCell<HashMap<String, (String, bool)>>,
}

pub(super) fn resolve(file: IdlFile, is_defined: &dyn Fn(&ShapeId) -> bool) -> Result<AstFile> {
    let at_file = |e: Error| e.with_file(&file.path);
    let resolver = Resolver::new(&file, is_defined).map_err(at_file)?;
    let ast = resolver.document().map_err(at_file)?;
    check_uses(&file, &ast.document, is_defined).map_err(at_file)?;
    Ok(ast)
}

/// A `use` must name a shape some file of the model (or the prelude and built-in trait
/// definitions) defines; the one exception is a trait without a known definition, which is
/// kept as an opaque value like any unknown trait.
fn check_uses(
    file: &IdlFile,
    document: &Value,
    is_defined: &dyn Fn(&ShapeId) -> bool,
) -> Result<()> {
    let mut applied = std::collections::HashSet::new();
    let mut collect = |traits: Option<&Value>| {
        if let Some(Value::Object(traits)) = traits {
            applied.extend(traits.keys().cloned());
        }
    };
    for shape in document["shapes"]
        .as_object()
        .into_iter()
        .flat_map(|s| s.values())
    {
        collect(shape.get("traits"));
        for member in ["member", "key", "value"] {
            collect(shape.get(member).and_then(|m| m.get("traits")));
        }
        for member in shape
            .get("members")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|m| m.values())
        {
            collect(member.get("traits"));
        }
    }
    for used in &file.uses {
        let defined = ShapeId::parse(&used.text).is_some_and(|id| is_defined(&id));
        if !defined && !applied.contains(&used.text) {
            return Err(error_at(
                used.position,
                format!("`use` names {}, which no model file defines", used.text),
            ));
        }
    }
    Ok(())
}

pub(super) fn error_at(position: Position, message: impl Into<String>) -> Error {
    Error::new(message).with_position(position.line, position.column)
}

impl<'f> Resolver<'f> {
    fn new(file: &'f IdlFile, is_defined: &'f dyn Fn(&ShapeId) -> bool) -> Result<Self> {
        let namespace = file.namespace.clone().unwrap_or_default();
        let mut uses: HashMap<String, String> = HashMap::new();
        for used in &file.uses {
            let name = used
                .text
                .split_once('#')
                .map_or("", |(_, name)| name)
                .to_owned();
            match uses.get(&name) {
                Some(existing) if *existing != used.text => {
                    return Err(error_at(
                        used.position,
                        format!(
                            "Cannot use name `{}` because it conflicts with `{existing}`",
                            used.text
                        ),
                    ))
                }
                _ => {
                    uses.insert(name, used.text.clone());
                }
            }
        }
        let mut local = HashMap::new();
        for shape in &file.shapes {
            if let Some(imported) = uses.get(&shape.name) {
                if *imported != format!("{namespace}#{}", shape.name) {
                    return Err(error_at(
                        shape.position,
                        format!(
                            "Shape name `{}` conflicts with imported shape `{imported}`",
                            shape.name
                        ),
                    ));
                }
            }
            local.insert(shape.name.as_str(), shape);
        }
        Ok(Self {
            file,
            namespace,
            is_defined,
            uses,
            local,
            inheritance: OnceCell::new(),
            resolved_names: RefCell::new(HashMap::new()),
        })
    }

    /// The absolute id of a relative shape name, and whether some rule found it (rather
    /// than the fallback to the file's namespace).
    fn resolve_name(&self, name: &str) -> (String, bool) {
        if let Some(known) = self.resolved_names.borrow().get(name) {
            return known.clone();
        }
        let resolved = self.resolve_name_uncached(name);
        self.resolved_names
            .borrow_mut()
            .insert(name.to_owned(), resolved.clone());
        resolved
    }

    /// Lookups through mixins and resources (indexes built on first use).
    pub(super) fn inheritance(&self) -> &Inheritance<'f> {
        self.inheritance
            .get_or_init(|| Inheritance::new(&self.file.shapes))
    }

    fn resolve_name_uncached(&self, name: &str) -> (String, bool) {
        if let Some(used) = self.uses.get(name) {
            return (used.clone(), true);
        }
        let in_namespace = format!("{}#{name}", self.namespace);
        if self.local.contains_key(name)
            || ShapeId::parse(&in_namespace).is_some_and(|id| (self.is_defined)(&id))
        {
            return (in_namespace, true);
        }
        if self.is_prelude_name(name) {
            return (format!("smithy.api#{name}"), true);
        }
        (in_namespace, false)
    }

    /// Whether the prelude (`smithy.api`, read from the built-in definitions like every
    /// other shape the model knows) defines `name`.
    fn is_prelude_name(&self, name: &str) -> bool {
        ShapeId::parse(&format!("smithy.api#{name}")).is_some_and(|id| (self.is_defined)(&id))
    }

    /// An id reference made absolute (a `$member` part is kept).
    pub(super) fn absolute(&self, id: &IdRef) -> Result<String> {
        let (shape, _) = self.absolute_shape(id)?;
        Ok(match id.member_part() {
            Some(member) => format!("{shape}${member}"),
            None => shape,
        })
    }

    fn absolute_shape(&self, id: &IdRef) -> Result<(String, bool)> {
        let shape = id.shape_part();
        if shape.contains('#') {
            if ShapeId::parse(shape).is_none() {
                return Err(error_at(
                    id.position,
                    format!("`{shape}` is not a valid shape id"),
                ));
            }
            return Ok((shape.to_owned(), true));
        }
        if self.file.namespace.is_none() {
            // Metadata before any namespace: only the prelude can be named.
            let candidate = format!("smithy.api#{shape}");
            return Ok((candidate, self.is_prelude_name(shape)));
        }
        Ok(self.resolve_name(shape))
    }

    /// A node value as JSON; unquoted shape ids must name a shape.
    fn node(&self, node: &Node) -> Result<Value> {
        Ok(match node {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.clone()),
            Node::ShapeId(id) => {
                let (shape, found) = self.absolute_shape(id)?;
                let defined = found
                    || ShapeId::parse(&shape).is_some_and(|parsed| (self.is_defined)(&parsed));
                if !defined {
                    return Err(error_at(
                        id.position,
                        format!(
                            "Syntactic shape ID `{}` does not resolve to a defined shape (`{shape}`); quote it if it is meant as a string",
                            id.text
                        ),
                    ));
                }
                Value::String(match id.member_part() {
                    Some(member) => format!("{shape}${member}"),
                    None => shape,
                })
            }
            Node::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| self.node(item))
                    .collect::<Result<_>>()?,
            ),
            Node::Object(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(key, value)| Ok((key.clone(), self.node(value)?)))
                    .collect::<Result<_>>()?,
            ),
        })
    }

    /// Traits by absolute id; an annotation trait is `null` (the loader gives it its
    /// empty value from the trait's definition). The same trait twice must agree; list
    /// values are concatenated.
    fn traits(&self, traits: &[TraitUse], into: &mut Map<String, Value>) -> Result<()> {
        for used in traits {
            let id = self.absolute(&used.id)?;
            let value = match &used.value {
                None => Value::Null,
                Some(node) => self.node(node)?,
            };
            merge_trait(into, id, value, used.id.position)?;
        }
        Ok(())
    }

    fn document(&self) -> Result<AstFile> {
        let mut shapes = Map::new();
        let mut positions = BTreeMap::new();
        for shape in &self.file.shapes {
            let id = format!("{}#{}", self.namespace, shape.name);
            positions.insert(id.clone(), (shape.position.line, shape.position.column));
            for member in &shape.members {
                positions.insert(
                    format!("{id}${}", member.name),
                    (member.position.line, member.position.column),
                );
            }
            shapes.insert(id, self.shape(shape)?);
        }
        for apply in &self.file.applies {
            self.apply(apply, &mut shapes)?;
        }
        let mut document = Map::new();
        let version = match self.file.version.as_str() {
            "1" => "1.0",
            "2" => "2.0",
            other => other,
        };
        document.insert("smithy".to_owned(), json!(version));
        if !self.file.metadata.is_empty() {
            let metadata = self
                .file
                .metadata
                .iter()
                .map(|(key, value)| Ok((key.clone(), self.node(value)?)))
                .collect::<Result<Map<_, _>>>()?;
            document.insert("metadata".to_owned(), Value::Object(metadata));
        }
        document.insert("shapes".to_owned(), Value::Object(shapes));
        Ok(AstFile {
            document: Value::Object(document),
            positions,
        })
    }

    fn shape(&self, shape: &ShapeDef) -> Result<Value> {
        let mut body = Map::new();
        body.insert("type".to_owned(), json!(shape.shape_type));
        match shape.shape_type {
            "list" | "set" | "map" => {
                for member in &shape.members {
                    if let Some(value) = self.member(shape, member)? {
                        body.insert(member.name.clone(), value);
                    }
                }
            }
            "structure" | "union" | "enum" | "intEnum" => {
                let mut members = Map::new();
                for member in &shape.members {
                    if let Some(value) = self.member(shape, member)? {
                        members.insert(member.name.clone(), value);
                    }
                }
                body.insert("members".to_owned(), Value::Object(members));
            }
            _ => {}
        }
        for (key, value) in &shape.properties {
            body.insert(key.clone(), self.property(value)?);
        }
        if !shape.mixins.is_empty() {
            let mixins = shape
                .mixins
                .iter()
                .map(|mixin| Ok(json!({ "target": self.absolute(mixin)? })))
                .collect::<Result<_>>()?;
            body.insert("mixins".to_owned(), Value::Array(mixins));
        }
        let mut traits = Map::new();
        self.traits(&shape.traits, &mut traits)?;
        if self.file.version.starts_with('1') && traits.contains_key(MIXIN) {
            return Err(error_at(
                shape.position,
                format!(
                    "Mixins can only be used in Smithy 2.0 or later, but `{}` has @mixin in a file of version `{}`",
                    shape.name, self.file.version
                ),
            ));
        }
        let binds_names = shape.properties.iter().any(|(key, value)| {
            matches!(
                (key.as_str(), value),
                ("identifiers" | "properties", PropertyValue::NamedReferences(named)) if !named.is_empty()
            )
        });
        if shape.shape_type == "resource" && binds_names && traits.contains_key(MIXIN) {
            return Err(error_at(
                shape.position,
                format!(
                    "Resource `{}` has @mixin, so it cannot define identifiers or properties",
                    shape.name
                ),
            ));
        }
        if !traits.is_empty() {
            body.insert("traits".to_owned(), Value::Object(traits));
        }
        Ok(Value::Object(body))
    }

    /// A member's JSON; `None` for an elided member that only repeats what a mixin
    /// gives (Smithy's JSON AST leaves such members out).
    fn member(&self, shape: &ShapeDef, member: &MemberDef) -> Result<Option<Value>> {
        let target = match &member.target {
            Some(target) => self.absolute(target)?,
            None => match self.elided_target(shape, &member.name)? {
                Some((_, Origin::Mixin)) if member.traits.is_empty() => return Ok(None),
                Some((target, _)) => target,
                None => {
                    return Err(error_at(
                        member.position,
                        format!(
                            "Member `{}` elides its target, but no bound resource or mixin has an identifier, property or member of that name",
                            member.name
                        ),
                    ))
                }
            },
        };
        let mut traits = Map::new();
        self.traits(&member.traits, &mut traits)?;
        if shape.shape_type == "enum"
            && !traits.contains_key(ENUM_VALUE)
            && !self.may_inherit(shape, &member.name)?
        {
            traits.insert(ENUM_VALUE.to_owned(), json!(member.name));
        }
        let mut body = Map::new();
        body.insert("target".to_owned(), json!(target));
        if !traits.is_empty() {
            body.insert("traits".to_owned(), Value::Object(traits));
        }
        Ok(Some(Value::Object(body)))
    }

    fn property(&self, value: &PropertyValue) -> Result<Value> {
        let target = |id: &IdRef| Ok(json!({ "target": self.absolute(id)? }));
        Ok(match value {
            PropertyValue::Text(text) => json!(text),
            PropertyValue::Reference(id) => target(id)?,
            PropertyValue::References(ids) => {
                Value::Array(ids.iter().map(target).collect::<Result<_>>()?)
            }
            PropertyValue::NamedReferences(named) => Value::Object(
                named
                    .iter()
                    .map(|(name, id)| Ok((name.clone(), target(id)?)))
                    .collect::<Result<_>>()?,
            ),
            PropertyValue::Rename(renames) => Value::Object(
                renames
                    .iter()
                    .map(|(id, name)| Ok((self.absolute(id)?, json!(name))))
                    .collect::<Result<_>>()?,
            ),
        })
    }

    /// An `apply` to a shape or member of this file is folded into it; any other becomes a
    /// `"type": "apply"` entry for the loader.
    fn apply(&self, apply: &ApplyDef, shapes: &mut Map<String, Value>) -> Result<()> {
        let target = self.absolute(&apply.target)?;
        let (shape_id, member) = match target.split_once('$') {
            Some((shape, member)) => (shape.to_owned(), Some(member.to_owned())),
            None => (target.clone(), None),
        };
        let mut traits = Map::new();
        self.traits(&apply.traits, &mut traits)?;
        let local = shapes.get_mut(&shape_id).and_then(|shape| match &member {
            None => Some(shape),
            Some(member) => member_mut(shape, member),
        });
        let into = match local {
            Some(body) => body,
            None => shapes
                .entry(target.clone())
                .or_insert_with(|| json!({ "type": "apply" })),
        };
        let Some(body) = into.as_object_mut() else {
            return Ok(());
        };
        if traits.is_empty() {
            return Ok(());
        }
        let existing = body
            .entry("traits")
            .or_insert_with(|| Value::Object(Map::new()));
        if let Some(existing) = existing.as_object_mut() {
            for (id, value) in traits {
                merge_trait(existing, id, value, apply.target.position)?;
            }
        }
        Ok(())
    }
}

fn member_mut<'v>(shape: &'v mut Value, member: &str) -> Option<&'v mut Value> {
    let shape = shape.as_object_mut()?;
    if shape.get("members").is_some() {
        return shape.get_mut("members")?.as_object_mut()?.get_mut(member);
    }
    match member {
        "member" | "key" | "value" => shape.get_mut(member),
        _ => None,
    }
}

/// Adds a trait; a second value must equal the first, except that lists concatenate.
fn merge_trait(
    into: &mut Map<String, Value>,
    id: String,
    value: Value,
    position: Position,
) -> Result<()> {
    match into.get_mut(&id) {
        None => {
            into.insert(id, value);
        }
        Some(existing) if *existing == value => {}
        Some(Value::Array(existing)) if value.is_array() => {
            if let Value::Array(more) = value {
                existing.extend(more);
            }
        }
        Some(_) => {
            return Err(error_at(
                position,
                format!("Trait `{id}` is applied more than once with conflicting values"),
            ))
        }
    }
    Ok(())
}
