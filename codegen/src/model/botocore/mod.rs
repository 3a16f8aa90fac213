//! The botocore front end: a botocore `service-2.json` (with its `paginators-1.json`,
//! `waiters-2.json` and `endpoint-rule-set-1.json` siblings) becomes a Smithy JSON AST 2.0
//! document, which the ordinary loader then reads. Everything after that is shared with
//! Smithy models. The mapping, and what is not mapped, is written down in `docs/botocore.md`.
//!
//! One file per concern: `names` (namespace, service and shape names), `shapes` (shape types
//! and shape traits), `members` (member traits and HTTP bindings), `operations`, `service`
//! (protocols, auth, endpoint rules), `paginators`, `waiters`, `read` (files, `.gz`).

mod fields;
mod members;
mod names;
mod operations;
mod paginators;
mod read;
mod service;
mod shapes;
#[cfg(test)]
mod tests;
mod waiters;

use std::path::Path;

use serde_json::{json, Map, Value};

use super::load::shown;
use crate::{Error, Result};
use fields::Object;

pub(crate) use read::{read_model_file, Siblings};

/// Whether `document` is a botocore service description rather than a Smithy model: it has
/// `metadata`, `operations` and `shapes`, and no `smithy` version.
pub(crate) fn is_botocore(document: &Value) -> bool {
    document.as_object().is_some_and(|root| {
        !root.contains_key("smithy")
            && ["metadata", "operations", "shapes"]
                .iter()
                .all(|key| root.contains_key(*key))
    })
}

/// Converts a botocore service (read from `path`, named in errors) and its siblings into a
/// Smithy JSON AST 2.0 document.
pub(crate) fn to_ast(path: &Path, service: &Value, siblings: &Siblings) -> Result<Value> {
    let at_file = |e: Error| e.with_file(path);
    let root = fields::object(service, "a botocore service").map_err(at_file)?;
    let metadata = fields::nested(root, "metadata")
        .and_then(|m| m.ok_or_else(|| Error::new("missing `metadata`")))
        .map_err(at_file)?;
    let operations = fields::nested(root, "operations")
        .and_then(|m| m.ok_or_else(|| Error::new("missing `operations`")))
        .map_err(at_file)?;
    let shapes = fields::nested(root, "shapes")
        .and_then(|m| m.ok_or_else(|| Error::new("missing `shapes`")))
        .map_err(at_file)?;
    let context = Context::new(metadata, operations, shapes).map_err(at_file)?;

    let mut out = Map::new();
    shapes::convert_all(&context, &mut out).map_err(at_file)?;
    operations::convert_all(&context, &mut out).map_err(at_file)?;
    paginators::apply(&context, siblings.paginators.as_ref(), &mut out)
        .map_err(|e| e.with_file(&path.with_file_name(read::PAGINATORS)))?;
    waiters::apply(&context, siblings.waiters.as_ref(), &mut out)
        .map_err(|e| e.with_file(&path.with_file_name(read::WAITERS)))?;
    let service_shape = service::convert(&context, root, siblings).map_err(at_file)?;
    out.insert(context.service_id(), service_shape);
    Ok(json!({ "smithy": "2.0", "shapes": out }))
}

/// What every converter needs: the botocore maps, the chosen names and the protocols.
struct Context<'a> {
    metadata: &'a Object,
    operations: &'a Object,
    shapes: &'a Object,
    names: names::Names,
    protocols: service::Protocols,
    usage: shapes::Usage,
}

impl<'a> Context<'a> {
    fn new(metadata: &'a Object, operations: &'a Object, shapes: &'a Object) -> Result<Self> {
        let protocols = service::Protocols::read(metadata)?;
        let names = names::Names::choose(metadata, operations, shapes)?;
        let usage = shapes::Usage::collect(operations, shapes)?;
        Ok(Self {
            metadata,
            operations,
            shapes,
            names,
            protocols,
            usage,
        })
    }

    /// The Smithy shape id of botocore shape `name`.
    fn shape_id(&self, name: &str) -> String {
        format!("{}#{}", self.names.namespace, self.names.shape(name))
    }

    /// The Smithy shape id of botocore operation `name`.
    fn operation_id(&self, name: &str) -> String {
        format!("{}#{name}", self.names.namespace)
    }

    fn service_id(&self) -> String {
        format!("{}#{}", self.names.namespace, self.names.service)
    }

    /// `{"target": id}` for botocore shape `name`, which must be defined.
    fn target(&self, name: &str) -> Result<Value> {
        if !self.shapes.contains_key(name) {
            return Err(Error::new(format!(
                "refers to shape `{}`, which is not defined",
                shown(name)
            )));
        }
        Ok(json!({ "target": self.shape_id(name) }))
    }
}
