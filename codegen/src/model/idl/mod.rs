//! The Smithy IDL front end: `.smithy` text to the JSON AST document Smithy would produce
//! for the same file, so that everything after parsing (merging, prelude, `apply`, mixins,
//! reference checks) is shared with JSON models.
//!
//! Two steps, because a relative shape id can name a shape defined in another file of the
//! same namespace: [`parse`] reads one file (syntax, and the checks the IDL itself makes),
//! then, once the loader knows every file's [`IdlFile::defined_shapes`], [`IdlFile::resolve`]
//! makes ids absolute and builds the document.
//!
//! | file | responsibility |
//! |---|---|
//! | `lexer` | text to tokens, with line and column |
//! | `text` | string escapes and text-block indentation |
//! | `cursor` | the current token and the grammar's whitespace rules |
//! | `node` | node values (trait values, metadata, defaults) |
//! | `statements` | control, metadata, namespace, `use`, traits, `apply` |
//! | `shapes` | shape statements, members and enum members |
//! | `properties` | service, resource and operation bodies, inline input and output |
//! | `resolve` | relative ids, traits, the JSON document |
//! | `elision` | targets of elided members, from this file's mixins and resources |

mod cursor;
mod elision;
mod lexer;
mod node;
mod properties;
mod resolve;
mod shapes;
mod statements;
#[cfg(test)]
mod suite;
mod syntax;
#[cfg(test)]
mod tests;
mod text;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::ShapeId;
use crate::Result;
use syntax::{ApplyDef, IdRef, Node, ShapeDef};

/// One parsed IDL file; relative shape ids are not resolved yet.
#[derive(Debug, Clone)]
pub(crate) struct IdlFile {
    path: PathBuf,
    version: String,
    /// Absent only in a file without shapes (control and metadata statements only).
    namespace: Option<String>,
    metadata: BTreeMap<String, Node>,
    /// `use` statements, absolute.
    uses: Vec<IdRef>,
    /// Shape statements, plus the structures inline operation input and output define.
    shapes: Vec<ShapeDef>,
    applies: Vec<ApplyDef>,
}

/// The JSON AST of one IDL file and where its shapes and members are.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct AstFile {
    /// `{"smithy": …, "metadata": {…}, "shapes": {…}}`; `apply` statements that target
    /// shapes of other files are `"type": "apply"` entries.
    pub document: Value,
    /// `ns#Shape` and `ns#Shape$member` to the 1-based line and column of the definition.
    pub positions: BTreeMap<String, (usize, usize)>,
}

/// Parses one `.smithy` file; errors carry the file, line and column.
pub(crate) fn parse(path: &Path, text: &str) -> Result<IdlFile> {
    statements::parse_file(path, text).map_err(|e| e.with_file(path))
}

impl IdlFile {
    /// The `$version` as written, or `1.0` (the IDL default) when there is none.
    // The loader reads it once it is wired to this front end.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn version(&self) -> &str {
        &self.version
    }

    /// The absolute ids of the shapes this file defines, inline input and output included.
    pub(crate) fn defined_shapes(&self) -> Vec<ShapeId> {
        let Some(namespace) = &self.namespace else {
            return Vec::new();
        };
        self.shapes
            .iter()
            .filter_map(|shape| ShapeId::parse(&format!("{namespace}#{}", shape.name)))
            .collect()
    }

    /// Resolves relative shape ids (use statements, then a shape of that name defined in
    /// the file's namespace in any file of the model, then the prelude `smithy.api`, else
    /// the file's namespace) and returns the JSON AST document plus source positions.
    pub(crate) fn resolve(self, is_defined: &dyn Fn(&ShapeId) -> bool) -> Result<AstFile> {
        resolve::resolve(self, is_defined)
    }
}

/// Parses and resolves one file on its own (every shape it names is taken to be defined
/// only if this file or the built-in definitions define it) and returns the JSON AST as text: the fuzz target's entry
/// point, and a way to see what the front end makes of a file.
#[doc(hidden)]
pub fn idl_to_json(path: &Path, text: &str) -> Result<String> {
    let file = parse(path, text)?;
    let defined = file.defined_shapes();
    let builtin = super::prelude::ids()?;
    let ast = file.resolve(&|id| defined.contains(id) || builtin.contains(id))?;
    serde_json::to_string_pretty(&ast.document)
        .map_err(|e| crate::Error::new(format!("cannot write the JSON AST: {e}")))
}
