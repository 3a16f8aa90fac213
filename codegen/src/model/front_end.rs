//! The front ends: every source, whatever its format, becomes one Smithy JSON AST document,
//! which the loader then reads the one way it knows. Formats:
//!
//! - Smithy IDL (`.smithy`, or text that is not a JSON object): [`super::idl`]; its relative
//!   shape ids resolve against every shape of the model (all files, the prelude), so all
//!   sources are parsed before any is resolved.
//! - botocore `service-2.json` (a JSON object with `metadata`, `operations` and `shapes`, no
//!   `smithy`): [`super::botocore`], with its sibling paginators, waiters and endpoint rules
//!   read from beside the file when it is on disk.
//! - Smithy JSON AST: as is.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{botocore, idl, ShapeId, Source};
use crate::{Error, Result};

/// One source as a JSON AST document, with the positions its front end knew.
pub(super) struct Document {
    pub path: PathBuf,
    pub json: Value,
    pub positions: BTreeMap<String, (usize, usize)>,
}

/// A source after its first pass: IDL still has relative shape ids to resolve.
enum Parsed {
    Json(Value),
    Idl(idl::IdlFile),
}

/// Reads every source into a JSON AST document; `builtin` are the shape ids the prelude and
/// the built-in trait definitions define (relative IDL ids may resolve to them).
pub(super) fn documents(sources: &[Source], builtin: &BTreeSet<ShapeId>) -> Result<Vec<Document>> {
    let parsed = sources.iter().map(parse).collect::<Result<Vec<_>>>()?;
    let mut defined = builtin.clone();
    for file in &parsed {
        match file {
            Parsed::Json(json) => defined.extend(json_ast_shape_ids(json)),
            Parsed::Idl(file) => defined.extend(file.defined_shapes()),
        }
    }
    let is_defined = |id: &ShapeId| defined.contains(id);
    sources
        .iter()
        .zip(parsed)
        .map(|(source, file)| {
            let path = source.path.clone();
            Ok(match file {
                Parsed::Json(json) => Document {
                    path,
                    json,
                    positions: BTreeMap::new(),
                },
                Parsed::Idl(file) => {
                    let resolved = file.resolve(&is_defined)?;
                    Document {
                        path,
                        json: resolved.document,
                        positions: resolved.positions,
                    }
                }
            })
        })
        .collect()
}

fn parse(source: &Source) -> Result<Parsed> {
    if is_idl(&source.path, &source.text) {
        return idl::parse(&source.path, &source.text).map(Parsed::Idl);
    }
    let json: Value = serde_json::from_str(&source.text).map_err(|e| {
        // serde_json's message ends with " at line L column C": the position says it.
        let message = e.to_string();
        let message = message
            .rsplit_once(" at line ")
            .map_or(message.as_str(), |(what, _)| what)
            .to_owned();
        Error::new(format!("invalid JSON: {message}"))
            .with_file(&source.path)
            .with_position(e.line(), e.column())
    })?;
    if botocore::is_botocore(&json) {
        let siblings = botocore::Siblings::read_beside(&source.path)?;
        return botocore::to_ast(&source.path, &json, &siblings).map(Parsed::Json);
    }
    Ok(Parsed::Json(json))
}

/// `.smithy` files are IDL; so is text with another extension (or none, for in-memory
/// sources) unless it is a JSON object. IDL cannot start with `{`.
fn is_idl(path: &Path, text: &str) -> bool {
    match path.extension().and_then(|e| e.to_str()) {
        Some("smithy") => true,
        Some("json") => false,
        _ => !text.trim_start().starts_with('{'),
    }
}

/// The absolute shape ids a JSON AST document defines (its `shapes` keys, `apply` entries
/// aside); what is malformed is left for the loader to report.
fn json_ast_shape_ids(json: &Value) -> impl Iterator<Item = ShapeId> + '_ {
    json.get("shapes")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
        .filter(|(_, body)| body.get("type").and_then(Value::as_str) != Some("apply"))
        .filter_map(|(id, _)| ShapeId::parse(id))
}
