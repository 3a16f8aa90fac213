//! Node values: the JSON-like values of traits, metadata, defaults and enum values.
//!
//! Nesting is limited to [`MAX_DEPTH`] so that hostile input (`[[[[…`) is an error rather
//! than a stack overflow; real models nest a handful of levels.

use super::cursor::Cursor;
use super::lexer::{Kind, Position};
use super::syntax::Node;
use super::text;
use crate::Result;

/// How deeply arrays and objects may nest, like the JSON reader's limit.
pub(super) const MAX_DEPTH: usize = 64;

/// What a node value may start with, for messages.
const NODE_START: &str = "a node value (a string, text block, number, identifier, `{` or `[`)";

/// Parses one node value at the current token (no leading whitespace is skipped).
pub(super) fn node_value(cursor: &mut Cursor<'_>) -> Result<Node> {
    value_at_depth(cursor, 0)
}

fn value_at_depth(cursor: &mut Cursor<'_>, depth: usize) -> Result<Node> {
    match cursor.kind() {
        Kind::String | Kind::TextBlock => Ok(Node::String(string_value(cursor)?)),
        Kind::Number => number(cursor),
        Kind::Identifier => identifier_value(cursor),
        Kind::LBracket | Kind::LBrace if depth >= MAX_DEPTH => Err(cursor.error(format!(
            "Node values may nest at most {MAX_DEPTH} levels deep"
        ))),
        Kind::LBracket => array(cursor, depth + 1),
        Kind::LBrace => object(cursor, depth + 1),
        _ => Err(cursor.unexpected(NODE_START)),
    }
}

/// The decoded value of the current string or text block token, moving past it.
pub(super) fn string_value(cursor: &mut Cursor<'_>) -> Result<String> {
    let raw = cursor.text();
    let decoded = match cursor.kind() {
        Kind::TextBlock => text::text_block(raw.get(3..raw.len().saturating_sub(3)).unwrap_or("")),
        _ => text::quoted_string(raw.get(1..raw.len().saturating_sub(1)).unwrap_or("")),
    };
    let value = decoded.map_err(|problem| cursor.error(problem))?;
    cursor.advance()?;
    Ok(value)
}

fn number(cursor: &mut Cursor<'_>) -> Result<Node> {
    let text = cursor.text();
    let is_integer = !text.contains(['.', 'e', 'E']);
    let number = if let (true, Ok(n)) = (is_integer, text.parse::<i64>()) {
        Some(serde_json::Number::from(n))
    } else if let (true, Ok(n)) = (is_integer, text.parse::<u64>()) {
        Some(serde_json::Number::from(n))
    } else {
        text.parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
    };
    let number =
        number.ok_or_else(|| cursor.error(format!("The number `{text}` is out of range")))?;
    cursor.advance()?;
    Ok(Node::Number(number))
}

/// `true`, `false`, `null`, or an unquoted shape id.
fn identifier_value(cursor: &mut Cursor<'_>) -> Result<Node> {
    let id = cursor.shape_id()?;
    Ok(match id.text.as_str() {
        "true" => Node::Bool(true),
        "false" => Node::Bool(false),
        "null" => Node::Null,
        _ => Node::ShapeId(id),
    })
}

fn array(cursor: &mut Cursor<'_>, depth: usize) -> Result<Node> {
    cursor.advance()?;
    cursor.skip_ws()?;
    let mut items = Vec::new();
    while cursor.kind() != Kind::RBracket {
        items.push(value_at_depth(cursor, depth)?);
        cursor.skip_ws()?;
    }
    cursor.advance()?;
    Ok(Node::Array(items))
}

fn object(cursor: &mut Cursor<'_>, depth: usize) -> Result<Node> {
    cursor.advance()?;
    cursor.skip_ws()?;
    let mut entries = Entries::default();
    while cursor.kind() != Kind::RBrace {
        let (key, position) = object_key(cursor, "`}`, an identifier or a string")?;
        cursor.skip_ws()?;
        cursor.eat(Kind::Colon)?;
        cursor.skip_ws()?;
        let value = value_at_depth(cursor, depth)?;
        entries.insert(cursor, key, position, value)?;
        cursor.skip_ws()?;
    }
    cursor.advance()?;
    Ok(entries.into_node())
}

/// An object key: an identifier or a quoted string.
pub(super) fn object_key(cursor: &mut Cursor<'_>, expected: &str) -> Result<(String, Position)> {
    let position = cursor.position();
    match cursor.kind() {
        Kind::Identifier => Ok((cursor.identifier()?, position)),
        Kind::String => Ok((string_value(cursor)?, position)),
        _ => Err(cursor.unexpected(expected)),
    }
}

/// An object's entries in order, with a set of the keys so that a repeated key is found
/// without a quadratic scan.
#[derive(Default)]
pub(super) struct Entries {
    entries: Vec<(String, Node)>,
    keys: std::collections::HashSet<String>,
}

impl Entries {
    /// Adds a key; the same key twice is an error at the second one.
    pub(super) fn insert(
        &mut self,
        cursor: &Cursor<'_>,
        key: String,
        position: Position,
        value: Node,
    ) -> Result<()> {
        if !self.keys.insert(key.clone()) {
            return Err(cursor.error_at(position, format!("Duplicate object key `{key}`")));
        }
        self.entries.push((key, value));
        Ok(())
    }

    pub(super) fn into_node(self) -> Node {
        Node::Object(self.entries)
    }
}
