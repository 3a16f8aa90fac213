//! Shape statements: the type keyword, the name, mixins, and the body each kind of shape
//! has (members, enum values, or service/resource/operation properties, including the
//! structures that inline operation input and output define).

use std::collections::HashSet;

use super::cursor::Cursor;
use super::lexer::{Kind, Position};
use super::node;
use super::statements::{apply_statement, check_unique_name, trait_statements, Controls};
use super::syntax::{ApplyDef, IdRef, MemberDef, Node, ShapeDef, TraitUse};
use crate::Result;

const DOCUMENTATION: &str = "smithy.api#documentation";

/// What follows a shape's name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Body {
    None,
    Members,
    EnumMembers,
    Properties,
}

/// The JSON AST type and body of a shape type keyword.
fn shape_kind(keyword: &str) -> Option<(&'static str, Body)> {
    const SIMPLE: [&str; 13] = [
        "blob",
        "boolean",
        "document",
        "string",
        "byte",
        "short",
        "integer",
        "long",
        "float",
        "double",
        "bigInteger",
        "bigDecimal",
        "timestamp",
    ];
    if let Some(name) = SIMPLE.iter().find(|name| **name == keyword) {
        return Some((name, Body::None));
    }
    Some(match keyword {
        "list" => ("list", Body::Members),
        "set" => ("set", Body::Members),
        "map" => ("map", Body::Members),
        "structure" => ("structure", Body::Members),
        "union" => ("union", Body::Members),
        "enum" => ("enum", Body::EnumMembers),
        "intEnum" => ("intEnum", Body::EnumMembers),
        "service" => ("service", Body::Properties),
        "resource" => ("resource", Body::Properties),
        "operation" => ("operation", Body::Properties),
        _ => return None,
    })
}

/// Parses shape and `apply` statements; remembers names to reject a second definition.
pub(super) struct ShapeParser<'c, 'a> {
    pub cursor: &'c mut Cursor<'a>,
    pub(super) controls: &'c Controls,
    pub(super) namespace: String,
    /// Shape names defined so far (inline input and output included).
    pub(super) names: HashSet<String>,
}

impl<'c, 'a> ShapeParser<'c, 'a> {
    pub(super) fn new(
        cursor: &'c mut Cursor<'a>,
        controls: &'c Controls,
        namespace: String,
    ) -> Self {
        Self {
            cursor,
            controls,
            namespace,
            names: HashSet::new(),
        }
    }

    pub(super) fn v1_error(&self, position: Position, what: &str) -> crate::Error {
        self.cursor.error_at(
            position,
            format!(
                "{what} can only be used with Smithy version 2 or later (this file uses version `{}`)",
                self.controls.version
            ),
        )
    }

    /// One shape or `apply` statement, then the line break after it.
    pub(super) fn statement(
        &mut self,
        shapes: &mut Vec<ShapeDef>,
        applies: &mut Vec<ApplyDef>,
    ) -> Result<()> {
        let docs = self.cursor.take_docs();
        let traits = trait_statements(self.cursor)?;
        if self.cursor.is_identifier("apply") {
            if !traits.is_empty() {
                return Err(self
                    .cursor
                    .error("Traits cannot be applied to an apply statement"));
            }
            applies.push(apply_statement(self.cursor)?);
            return Ok(());
        }
        let position = self.cursor.position();
        if self.cursor.kind() != Kind::Identifier {
            return Err(self.cursor.unexpected("a shape type or `apply`"));
        }
        let keyword = self.cursor.text();
        let Some((shape_type, body)) = shape_kind(keyword) else {
            return Err(self
                .cursor
                .error(format!("Unknown shape type: `{keyword}`")));
        };
        match shape_type {
            "set" if !self.controls.is_v1() => {
                return Err(self.cursor.error(
                    "set shapes cannot be used in Smithy version 2.0; use a list with @uniqueItems",
                ))
            }
            "enum" | "intEnum" if self.controls.is_v1() => {
                return Err(self.v1_error(position, &format!("{shape_type} shapes")))
            }
            _ => {}
        }
        self.cursor.advance()?;
        self.cursor.expect_space()?;
        let name_position = self.cursor.position();
        let name = self.cursor.identifier()?;
        check_unique_name(self.cursor, &mut self.names, &name, name_position)?;
        let mut shape = ShapeDef {
            name,
            position,
            shape_type,
            traits: with_docs(docs, traits),
            mixins: Vec::new(),
            for_resource: None,
            members: Vec::new(),
            properties: Vec::new(),
        };
        self.cursor.skip_spaces()?;
        if body == Body::Members && self.cursor.is_identifier("for") {
            shape.for_resource = Some(self.for_resource()?);
        }
        shape.mixins = self.mixins()?;
        let mut inline = Vec::new();
        if body != Body::None {
            self.cursor.skip_ws()?;
            match body {
                Body::Members => shape.members = self.members(shape_type)?,
                Body::EnumMembers => {
                    shape.members = self.enum_members(shape_type)?;
                    if shape.members.is_empty() && shape.mixins.is_empty() {
                        return Err(self.cursor.error_at(
                            name_position,
                            format!(
                                "{shape_type} `{}` must have at least one member",
                                shape.name
                            ),
                        ));
                    }
                }
                _ => shape.properties = self.properties(&shape, &mut inline)?,
            }
        }
        self.cursor.expect_br()?;
        shapes.push(shape);
        shapes.extend(inline);
        Ok(())
    }

    /// `for Resource` (the cursor is on `for`).
    pub(super) fn for_resource(&mut self) -> Result<IdRef> {
        if self.controls.is_v1() {
            return Err(self.v1_error(
                self.cursor.position(),
                "Structures bound to resources (`for`)",
            ));
        }
        self.cursor.advance()?;
        self.cursor.expect_space()?;
        let resource = self.cursor.shape_id()?;
        self.cursor.skip_spaces()?;
        Ok(resource)
    }

    /// `[with [ShapeId…]]`, on the line of the shape name.
    pub(super) fn mixins(&mut self) -> Result<Vec<IdRef>> {
        if !self.cursor.is_identifier("with") {
            return Ok(Vec::new());
        }
        if self.controls.is_v1() {
            return Err(self.v1_error(self.cursor.position(), "Mixins"));
        }
        self.cursor.advance()?;
        self.cursor.skip_ws()?;
        self.cursor.eat(Kind::LBracket)?;
        self.cursor.skip_ws()?;
        let mut mixins = vec![self.cursor.shape_id()?];
        self.cursor.skip_ws()?;
        while self.cursor.kind() != Kind::RBracket {
            mixins.push(self.cursor.shape_id()?);
            self.cursor.skip_ws()?;
        }
        self.cursor.advance()?;
        Ok(mixins)
    }

    /// `{ [traits] name: Target [= default] … }` of structures, unions, lists and maps.
    pub(super) fn members(&mut self, shape_type: &str) -> Result<Vec<MemberDef>> {
        self.cursor.eat(Kind::LBrace)?;
        self.cursor.skip_ws()?;
        let mut members = Vec::new();
        let mut names = HashSet::new();
        while self.cursor.kind() != Kind::RBrace {
            let docs = self.cursor.take_docs();
            let traits = trait_statements(self.cursor)?;
            let position = self.cursor.position();
            let elided = self.cursor.kind() == Kind::Dollar;
            if elided {
                if self.controls.is_v1() {
                    return Err(self.v1_error(position, "Members that elide their target"));
                }
                self.cursor.advance()?;
            }
            let name = self.cursor.identifier()?;
            let allowed: &[&str] = match shape_type {
                "list" | "set" => &["member"],
                "map" => &["key", "value"],
                _ => &[],
            };
            if !allowed.is_empty() && !allowed.contains(&name.as_str()) {
                return Err(self.cursor.error_at(
                    position,
                    format!(
                        "A {shape_type} cannot have a member named `{name}` (only {})",
                        allowed.join(", ")
                    ),
                ));
            }
            check_member_name(self.cursor, &mut names, &name, position)?;
            let target = if elided {
                None
            } else {
                self.cursor.skip_spaces()?;
                self.cursor.eat(Kind::Colon)?;
                self.cursor.skip_spaces()?;
                Some(self.cursor.shape_id()?)
            };
            let mut traits = with_docs(docs, traits);
            self.cursor.skip_spaces()?;
            if self.cursor.kind() == Kind::Equal {
                if self.controls.is_v1() {
                    return Err(self.v1_error(
                        self.cursor.position(),
                        "Default value assignments (`= value`)",
                    ));
                }
                let value = self.assignment()?;
                traits.push(builtin_trait("smithy.api#default", value, position));
            } else {
                self.cursor.skip_ws()?;
            }
            members.push(MemberDef {
                name,
                position,
                target,
                elided,
                traits,
            });
        }
        self.cursor.advance()?;
        Ok(members)
    }

    /// `= value` up to the line break after it (the cursor is on `=`).
    fn assignment(&mut self) -> Result<Node> {
        self.cursor.advance()?;
        self.cursor.skip_spaces()?;
        let value = node::node_value(self.cursor)?;
        self.end_of_assignment()?;
        Ok(value)
    }

    /// After `= value`: optional spaces and commas, then a line break.
    fn end_of_assignment(&mut self) -> Result<()> {
        while matches!(self.cursor.kind(), Kind::Space | Kind::Comma) {
            self.cursor.advance()?;
        }
        self.cursor.expect_br()
    }

    /// `{ [traits] NAME [= value] … }` of enums and intEnums.
    fn enum_members(&mut self, shape_type: &str) -> Result<Vec<MemberDef>> {
        self.cursor.eat(Kind::LBrace)?;
        self.cursor.skip_ws()?;
        let mut members = Vec::new();
        let mut names = HashSet::new();
        while self.cursor.kind() != Kind::RBrace {
            let docs = self.cursor.take_docs();
            let mut traits = with_docs(docs, trait_statements(self.cursor)?);
            let position = self.cursor.position();
            let name = self.cursor.identifier()?;
            check_member_name(self.cursor, &mut names, &name, position)?;
            self.cursor.skip_spaces()?;
            if self.cursor.kind() == Kind::Equal {
                self.cursor.advance()?;
                self.cursor.skip_spaces()?;
                let value_position = self.cursor.position();
                let value = node::node_value(self.cursor)?;
                check_enum_value(self.cursor, shape_type, &name, &value, value_position)?;
                self.end_of_assignment()?;
                traits.push(builtin_trait("smithy.api#enumValue", value, position));
            } else {
                self.cursor.skip_ws()?;
            }
            members.push(MemberDef {
                name,
                position,
                target: Some(IdRef {
                    text: "smithy.api#Unit".to_owned(),
                    position,
                }),
                elided: false,
                traits,
            });
        }
        self.cursor.advance()?;
        Ok(members)
    }
}

/// A trait the IDL's syntax implies (`= value`, doc comments, inline I/O markers).
fn builtin_trait(id: &str, value: Node, position: Position) -> TraitUse {
    TraitUse {
        id: IdRef {
            text: id.to_owned(),
            position,
        },
        value: Some(value),
    }
}

/// Doc comment lines become the documentation trait, ahead of the written traits.
pub(super) fn with_docs(docs: Option<String>, traits: Vec<TraitUse>) -> Vec<TraitUse> {
    match docs {
        None => traits,
        Some(docs) => {
            let position = traits.first().map(|t| t.id.position).unwrap_or_default();
            let mut all = vec![builtin_trait(DOCUMENTATION, Node::String(docs), position)];
            all.extend(traits);
            all
        }
    }
}

fn check_member_name(
    cursor: &Cursor<'_>,
    names: &mut HashSet<String>,
    name: &str,
    position: Position,
) -> Result<()> {
    if names.insert(name.to_owned()) {
        Ok(())
    } else {
        Err(cursor.error_at(position, format!("Found conflicting member name, `{name}`")))
    }
}

/// `enum` values are strings; `intEnum` values are integers that fit 32 bits.
fn check_enum_value(
    cursor: &Cursor<'_>,
    shape_type: &str,
    name: &str,
    value: &Node,
    position: Position,
) -> Result<()> {
    let problem = match (shape_type, value) {
        ("enum", Node::String(text)) if text.is_empty() => "enum values cannot be empty".to_owned(),
        ("enum", Node::String(_)) => return Ok(()),
        ("enum", _) => format!("enum member `{name}` can only be assigned a string value"),
        (_, Node::Number(n)) if n.is_f64() => {
            format!("intEnum member `{name}` cannot have a floating point value")
        }
        (_, Node::Number(n)) if n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()) => {
            return Ok(())
        }
        (_, Node::Number(n)) => {
            format!("intEnum member `{name}` must fit within an integer, but found {n}")
        }
        _ => format!("intEnum member `{name}` requires an integer value"),
    };
    Err(cursor.error_at(position, problem))
}
