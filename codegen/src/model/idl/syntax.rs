//! What the parser reads from a file before any shape id is resolved.
//!
//! Relative ids (`String`, `Foo$bar`) can only be resolved once every file of the model has
//! been parsed (a name may be defined in another file of the same namespace), so the parser
//! keeps them as written, with their position for error messages.

use super::lexer::Position;

/// A shape id as written in the file: absolute (`ns#Name`) or relative (`Name`), with an
/// optional `$member`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct IdRef {
    pub text: String,
    pub position: Position,
}

impl IdRef {
    /// The part before `$`.
    pub(super) fn shape_part(&self) -> &str {
        self.text
            .split_once('$')
            .map_or(&self.text, |(shape, _)| shape)
    }

    /// The member name after `$`, if any.
    pub(super) fn member_part(&self) -> Option<&str> {
        self.text.split_once('$').map(|(_, member)| member)
    }
}

/// A node value (trait values, metadata, defaults).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Node {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    /// An unquoted shape id: becomes the string of the absolute id it resolves to.
    ShapeId(IdRef),
    Array(Vec<Node>),
    /// Keys in the order written; a repeated key is rejected by the parser.
    Object(Vec<(String, Node)>),
}

/// `@id` or `@id(value)`; an annotation trait (no value, or `()`) has `value: None`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TraitUse {
    pub id: IdRef,
    pub value: Option<Node>,
}

/// A member of a structure, union, enum, list or map.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct MemberDef {
    pub name: String,
    pub position: Position,
    /// `None` for an elided target (`$name`) and for enum members (which target Unit).
    pub target: Option<IdRef>,
    pub elided: bool,
    pub traits: Vec<TraitUse>,
}

/// The value of a service, resource or operation property.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum PropertyValue {
    /// `version: "2006-03-01"`.
    Text(String),
    Reference(IdRef),
    References(Vec<IdRef>),
    /// Resource `identifiers` and `properties`: name to target.
    NamedReferences(Vec<(String, IdRef)>),
    /// Service `rename`: shape id to the new name.
    Rename(Vec<(IdRef, String)>),
}

/// One shape statement, including the shapes that inline operation input and output define.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ShapeDef {
    pub name: String,
    pub position: Position,
    /// The JSON AST type (`structure`, `intEnum`, `set`, …).
    pub shape_type: &'static str,
    pub traits: Vec<TraitUse>,
    pub mixins: Vec<IdRef>,
    /// `for Resource`, which lends its identifiers and properties to elided members.
    pub for_resource: Option<IdRef>,
    pub members: Vec<MemberDef>,
    /// Properties of services, resources and operations, by JSON AST key.
    pub properties: Vec<(String, PropertyValue)>,
}

/// `apply Target @trait` or `apply Target { @a @b }`.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct ApplyDef {
    pub target: IdRef,
    pub traits: Vec<TraitUse>,
}
