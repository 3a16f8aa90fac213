//! The statements of a file, in the order the grammar allows them: control statements
//! (`$version: "2.0"`), metadata, the namespace, `use`, then shapes and `apply`.

use std::collections::BTreeMap;

use super::cursor::Cursor;
use super::lexer::{Kind, Position};
use super::node::{self, Entries};
use super::syntax::{ApplyDef, IdRef, Node, TraitUse};
use super::IdlFile;
use crate::Result;

/// What the control section sets.
pub(super) struct Controls {
    /// `$version`, `1.0` when absent (the IDL's default).
    pub version: String,
    pub input_suffix: String,
    pub output_suffix: String,
}

impl Controls {
    pub(super) fn is_v1(&self) -> bool {
        self.version.starts_with('1')
    }
}

/// Parses a whole file.
pub(super) fn parse_file(path: &std::path::Path, text: &str) -> Result<IdlFile> {
    let mut cursor = Cursor::new(text)?;
    cursor.skip_ws()?;
    let controls = control_section(&mut cursor)?;
    let metadata = metadata_section(&mut cursor)?;
    let mut file = IdlFile {
        path: path.to_path_buf(),
        version: controls.version.clone(),
        namespace: None,
        metadata,
        uses: Vec::new(),
        shapes: Vec::new(),
        applies: Vec::new(),
    };
    if cursor.kind() == Kind::Eof {
        return Ok(file);
    }
    if !cursor.is_identifier("namespace") {
        return Err(cursor.unexpected("a namespace definition"));
    }
    cursor.advance()?;
    cursor.expect_space()?;
    file.namespace = Some(cursor.namespace()?);
    cursor.expect_br()?;
    while cursor.is_identifier("use") {
        cursor.advance()?;
        cursor.expect_space()?;
        file.uses.push(use_target(&mut cursor)?);
        cursor.expect_br()?;
    }
    let namespace = file.namespace.clone().unwrap_or_default();
    let mut shapes = super::shapes::ShapeParser::new(&mut cursor, &controls, namespace);
    while shapes.cursor.kind() != Kind::Eof {
        shapes.statement(&mut file.shapes, &mut file.applies)?;
    }
    Ok(file)
}

fn control_section(cursor: &mut Cursor<'_>) -> Result<Controls> {
    let mut controls = Controls {
        version: "1.0".to_owned(),
        input_suffix: "Input".to_owned(),
        output_suffix: "Output".to_owned(),
    };
    let mut seen = std::collections::HashSet::new();
    while cursor.kind() == Kind::Dollar {
        cursor.advance()?;
        let (key, _) = node::object_key(cursor, "an identifier or a string")?;
        cursor.skip_spaces()?;
        cursor.eat(Kind::Colon)?;
        cursor.skip_spaces()?;
        let value_position = cursor.position();
        let value = node::node_value(cursor)?;
        if !seen.insert(key.clone()) {
            return Err(cursor.error_at(
                value_position,
                format!("Duplicate control statement `{key}`"),
            ));
        }
        let text = |what: &str| match &value {
            Node::String(text) => Ok(text.clone()),
            _ => Err(cursor.error_at(
                value_position,
                format!("The ${what} control statement must have a string value"),
            )),
        };
        match key.as_str() {
            "version" => {
                let version = text("version")?;
                if !matches!(version.as_str(), "1" | "1.0" | "2" | "2.0") {
                    return Err(cursor.error(format!(
                        "Unsupported Smithy version number: `{}` (expected 1.0 or 2.0)",
                        version.escape_debug()
                    )));
                }
                controls.version = version;
            }
            "operationInputSuffix" => {
                controls.input_suffix = suffix(cursor, text(&key)?, value_position)?
            }
            "operationOutputSuffix" => {
                controls.output_suffix = suffix(cursor, text(&key)?, value_position)?
            }
            // Unknown control statements are allowed (Smithy warns about them).
            _ => {}
        }
        cursor.expect_br()?;
    }
    Ok(controls)
}

/// An inline input/output suffix must keep the shape name an identifier.
fn suffix(cursor: &Cursor<'_>, suffix: String, position: Position) -> Result<String> {
    let valid = !suffix.is_empty()
        && suffix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if valid {
        Ok(suffix)
    } else {
        Err(cursor.error_at(
            position,
            "An operation suffix must be made of letters, digits and `_`",
        ))
    }
}

fn metadata_section(cursor: &mut Cursor<'_>) -> Result<BTreeMap<String, Node>> {
    let mut metadata = BTreeMap::new();
    while cursor.is_identifier("metadata") {
        cursor.advance()?;
        cursor.expect_space()?;
        let (key, position) = node::object_key(cursor, "an identifier or a string")?;
        cursor.skip_spaces()?;
        cursor.eat(Kind::Equal)?;
        cursor.skip_spaces()?;
        let value = node::node_value(cursor)?;
        match (metadata.remove(&key), value) {
            (None, value) => {
                metadata.insert(key, value);
            }
            // The spec merges repeated list metadata by concatenation.
            (Some(Node::Array(mut first)), Node::Array(second)) => {
                first.extend(second);
                metadata.insert(key, Node::Array(first));
            }
            (Some(first), second) if first == second => {
                metadata.insert(key, first);
            }
            _ => {
                return Err(cursor.error_at(
                    position,
                    format!("Metadata `{key}` is defined twice with conflicting values"),
                ))
            }
        }
        cursor.expect_br()?;
    }
    Ok(metadata)
}

/// `use ns#Name`: an absolute id of a shape, never a member.
fn use_target(cursor: &mut Cursor<'_>) -> Result<IdRef> {
    let position = cursor.position();
    let namespace = cursor.namespace()?;
    cursor.eat(Kind::Pound)?;
    let name = cursor.identifier()?;
    if cursor.kind() == Kind::Dollar {
        return Err(cursor.error("Use statements cannot use members"));
    }
    Ok(IdRef {
        text: format!("{namespace}#{name}"),
        position,
    })
}

/// `*(TraitStatement [WS])`: the traits before a shape, member or inline structure.
pub(super) fn trait_statements(cursor: &mut Cursor<'_>) -> Result<Vec<TraitUse>> {
    let mut traits = Vec::new();
    while cursor.kind() == Kind::At {
        traits.push(trait_statement(cursor)?);
        cursor.skip_ws()?;
    }
    Ok(traits)
}

/// `"@" ShapeId ["(" [WS] [TraitBody] [WS] ")"]`
fn trait_statement(cursor: &mut Cursor<'_>) -> Result<TraitUse> {
    cursor.advance()?;
    let id = cursor.shape_id()?;
    if cursor.kind() != Kind::LParen {
        return Ok(TraitUse { id, value: None });
    }
    cursor.advance()?;
    cursor.skip_ws()?;
    let value = trait_body(cursor)?;
    cursor.eat(Kind::RParen)?;
    Ok(TraitUse { id, value })
}

/// Inside the parentheses: nothing, one node value, or `key: value` pairs without braces.
/// A string or a bare identifier followed by `:` starts the pairs.
fn trait_body(cursor: &mut Cursor<'_>) -> Result<Option<Node>> {
    let first_position = cursor.position();
    let first = match cursor.kind() {
        Kind::RParen => return Ok(None),
        Kind::String => {
            let key = node::string_value(cursor)?;
            cursor.skip_ws()?;
            if cursor.kind() != Kind::Colon {
                return Ok(Some(Node::String(key)));
            }
            key
        }
        Kind::Identifier => {
            let value = node::node_value(cursor)?;
            cursor.skip_ws()?;
            match value {
                Node::ShapeId(id) if !id.text.contains(['.', '#', '$']) => {
                    if cursor.kind() == Kind::RParen {
                        return Ok(Some(Node::ShapeId(id)));
                    }
                    id.text
                }
                Node::Bool(_) | Node::Null if cursor.kind() == Kind::Colon => {
                    keyword_text(&value).to_owned()
                }
                value => return Ok(Some(value)),
            }
        }
        _ => {
            let value = node::node_value(cursor)?;
            cursor.skip_ws()?;
            return Ok(Some(value));
        }
    };
    let mut entries = Entries::default();
    let mut key = (first, first_position);
    loop {
        cursor.eat(Kind::Colon)?;
        cursor.skip_ws()?;
        let value = node::node_value(cursor)?;
        entries.insert(cursor, key.0, key.1, value)?;
        cursor.skip_ws()?;
        if cursor.kind() == Kind::RParen {
            return Ok(Some(entries.into_node()));
        }
        key = node::object_key(cursor, "an identifier or a string")?;
        cursor.skip_ws()?;
    }
}

fn keyword_text(value: &Node) -> &'static str {
    match value {
        Node::Bool(true) => "true",
        Node::Bool(false) => "false",
        _ => "null",
    }
}

/// `apply ShapeId WS (TraitStatement / "{" [WS] TraitStatements "}")`
pub(super) fn apply_statement(cursor: &mut Cursor<'_>) -> Result<ApplyDef> {
    cursor.advance()?;
    cursor.expect_space()?;
    let target = cursor.shape_id()?;
    cursor.expect_ws()?;
    let traits = match cursor.kind() {
        Kind::At => vec![trait_statement(cursor)?],
        Kind::LBrace => {
            cursor.advance()?;
            cursor.skip_ws()?;
            let traits = trait_statements(cursor)?;
            cursor.eat(Kind::RBrace)?;
            traits
        }
        _ => return Err(cursor.unexpected("`@` or `{`")),
    };
    cursor.expect_br()?;
    Ok(ApplyDef { target, traits })
}

/// Shape names defined twice in one file (including the names inline input and output
/// take) are an error at the second definition.
pub(super) fn check_unique_name(
    cursor: &Cursor<'_>,
    names: &mut std::collections::HashSet<String>,
    name: &str,
    position: Position,
) -> Result<()> {
    if names.insert(name.to_owned()) {
        Ok(())
    } else {
        Err(cursor.error_at(
            position,
            format!("Shape `{name}` is defined twice in this file"),
        ))
    }
}
