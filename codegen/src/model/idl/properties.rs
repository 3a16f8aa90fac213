//! The bodies of services, resources and operations: `key: value` properties, and the
//! structures inline operation input and output (`input := { … }`) define.

use std::collections::HashSet;

use super::cursor::Cursor;
use super::lexer::{Kind, Position};
use super::node;
use super::shapes::{with_docs, ShapeParser};
use super::statements::{check_unique_name, trait_statements};
use super::syntax::{IdRef, Node, PropertyValue, ShapeDef, TraitUse};
use crate::Result;

impl ShapeParser<'_, '_> {
    /// `{ key: value … }` of services, resources and operations.
    pub(super) fn properties(
        &mut self,
        shape: &ShapeDef,
        inline: &mut Vec<ShapeDef>,
    ) -> Result<Vec<(String, PropertyValue)>> {
        self.cursor.eat(Kind::LBrace)?;
        self.cursor.skip_ws()?;
        let mut properties = Vec::new();
        let mut keys = HashSet::new();
        while self.cursor.kind() != Kind::RBrace {
            let position = self.cursor.position();
            let key = self.cursor.identifier()?;
            let Some(kind) = property_kind(shape.shape_type, &key) else {
                return Err(self.cursor.error_at(
                    position,
                    format!(
                        "Unknown property `{key}` for {} `{}`",
                        shape.shape_type, shape.name
                    ),
                ));
            };
            if !keys.insert(key.clone()) {
                return Err(self.cursor.error_at(
                    position,
                    format!(
                        "Duplicate {} property `{key}` for `{}`",
                        shape.shape_type, shape.name
                    ),
                ));
            }
            if key == "properties" && self.controls.is_v1() {
                return Err(self.v1_error(position, "Resource properties"));
            }
            self.cursor.skip_ws()?;
            let value = if self.cursor.kind() == Kind::Walrus
                && matches!(key.as_str(), "input" | "output")
            {
                let structure = self.inline_structure(&shape.name, &key)?;
                let reference = IdRef {
                    text: format!("{}#{}", self.namespace, structure.name),
                    position,
                };
                inline.push(structure);
                PropertyValue::Reference(reference)
            } else {
                self.cursor.eat(Kind::Colon)?;
                self.cursor.skip_ws()?;
                let value_position = self.cursor.position();
                let value = node::node_value(self.cursor)?;
                property_value(self.cursor, kind, &key, value, value_position)?
            };
            properties.push((key, value));
            if self.cursor.kind() != Kind::RBrace {
                self.cursor.expect_ws()?;
            }
        }
        self.cursor.advance()?;
        Ok(properties)
    }

    /// `:= [traits] [for R] [with [...]] { members }`: the operation's input or output
    /// structure, named after the operation (the cursor is on `:=`).
    fn inline_structure(&mut self, operation: &str, key: &str) -> Result<ShapeDef> {
        let position = self.cursor.position();
        if self.controls.is_v1() {
            return Err(self.v1_error(position, "Inline operation inputs and outputs"));
        }
        self.cursor.advance()?;
        self.cursor.skip_ws()?;
        let docs = self.cursor.take_docs();
        let mut traits = with_docs(docs, trait_statements(self.cursor)?);
        let (suffix, marker) = match key {
            "input" => (&self.controls.input_suffix, "smithy.api#input"),
            _ => (&self.controls.output_suffix, "smithy.api#output"),
        };
        traits.push(TraitUse {
            id: IdRef {
                text: marker.to_owned(),
                position,
            },
            value: None,
        });
        let name = format!("{operation}{suffix}");
        check_unique_name(self.cursor, &mut self.names, &name, position)?;
        let for_resource = if self.cursor.is_identifier("for") {
            Some(self.for_resource()?)
        } else {
            None
        };
        let mixins = self.mixins()?;
        self.cursor.skip_ws()?;
        let members = self.members("structure")?;
        Ok(ShapeDef {
            name,
            position,
            shape_type: "structure",
            traits,
            mixins,
            for_resource,
            members,
            properties: Vec::new(),
        })
    }
}

/// The shape of a property's value.
#[derive(Clone, Copy)]
enum PropertyKind {
    Text,
    Reference,
    References,
    NamedReferences,
    Rename,
}

fn property_kind(shape_type: &str, key: &str) -> Option<PropertyKind> {
    use PropertyKind::*;
    Some(match (shape_type, key) {
        ("service", "version") => Text,
        ("service", "operations" | "resources" | "errors") => References,
        ("service", "rename") => Rename,
        ("operation", "input" | "output") => Reference,
        ("operation", "errors") => References,
        ("resource", "identifiers" | "properties") => NamedReferences,
        ("resource", "create" | "put" | "read" | "update" | "delete" | "list") => Reference,
        ("resource", "operations" | "collectionOperations" | "resources") => References,
        _ => return None,
    })
}

fn property_value(
    cursor: &Cursor<'_>,
    kind: PropertyKind,
    key: &str,
    value: Node,
    position: Position,
) -> Result<PropertyValue> {
    let wrong = |expected: &str| cursor.error_at(position, format!("`{key}` must be {expected}"));
    let reference = |node: Node| match node {
        Node::ShapeId(id) => Ok(id),
        _ => Err(wrong("a shape id")),
    };
    Ok(match kind {
        PropertyKind::Text => match value {
            Node::String(text) => PropertyValue::Text(text),
            _ => return Err(wrong("a string")),
        },
        PropertyKind::Reference => PropertyValue::Reference(reference(value)?),
        PropertyKind::References => match value {
            Node::Array(items) => PropertyValue::References(
                items
                    .into_iter()
                    .map(|item| match item {
                        Node::ShapeId(id) => Ok(id),
                        _ => Err(wrong("a list of shape ids")),
                    })
                    .collect::<Result<_>>()?,
            ),
            _ => return Err(wrong("a list of shape ids")),
        },
        PropertyKind::NamedReferences => match value {
            Node::Object(entries) => PropertyValue::NamedReferences(
                entries
                    .into_iter()
                    .map(|(name, node)| match node {
                        Node::ShapeId(id) => Ok((name, id)),
                        _ => Err(wrong("an object whose values are shape ids")),
                    })
                    .collect::<Result<_>>()?,
            ),
            _ => return Err(wrong("an object whose values are shape ids")),
        },
        PropertyKind::Rename => match value {
            Node::Object(entries) => PropertyValue::Rename(
                entries
                    .into_iter()
                    .map(|(id, node)| match node {
                        Node::String(name) => Ok((IdRef { text: id, position }, name)),
                        _ => Err(wrong("an object of shape ids to names")),
                    })
                    .collect::<Result<_>>()?,
            ),
            _ => return Err(wrong("an object of shape ids to names")),
        },
    })
}
