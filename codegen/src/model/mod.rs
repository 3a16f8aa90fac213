//! A faithful mirror of the Smithy JSON AST: shape ids, shapes, members and traits.
//!
//! This layer knows nothing about Rust. [`load_files`] reads and merges files, adds the
//! prelude, applies `apply` statements and flattens mixins; the result is a
//! [`Model`] whose every member target is known to exist.

mod ast;
pub(crate) mod botocore;
mod files;
mod load;
mod mixins;
mod prelude;
mod trait_values;
pub mod traits;

use std::collections::BTreeMap;
use std::fmt;
use std::path::PathBuf;

pub use ast::to_json_ast;
pub use files::read_sources;
pub use load::{load_files, load_sources, Source};

/// An absolute shape id such as `com.amazonaws.gamelift#GameSession`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ShapeId(String);

impl ShapeId {
    /// Parses `namespace#Name`; member ids (`#Name$member`) are rejected.
    pub fn parse(text: &str) -> Option<Self> {
        let (namespace, name) = text.split_once('#')?;
        let valid_namespace = !namespace.is_empty() && namespace.split('.').all(is_identifier);
        (valid_namespace && is_identifier(name)).then(|| Self(text.to_owned()))
    }

    /// The namespace, before `#`.
    pub fn namespace(&self) -> &str {
        self.0.split_once('#').map_or("", |(ns, _)| ns)
    }

    /// The shape name, after `#`.
    pub fn name(&self) -> &str {
        self.0
            .split_once('#')
            .map_or(self.0.as_str(), |(_, name)| name)
    }

    /// The full id text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The id of a member of this shape, for error messages.
    pub fn member(&self, member: &str) -> String {
        format!("{}${member}", self.0)
    }
}

impl fmt::Display for ShapeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Smithy identifiers: `[A-Za-z_][A-Za-z0-9_]*`.
pub(crate) fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// The shape types of the Smithy data model (IDL 1.0 `set` is read as a list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShapeType {
    Blob,
    Boolean,
    String,
    Enum,
    Timestamp,
    Byte,
    Short,
    Integer,
    IntEnum,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Document,
    List,
    Map,
    Structure,
    Union,
    Service,
    Operation,
    Resource,
}

impl ShapeType {
    /// The JSON AST name of the type (`structure`, `intEnum`, …), for messages.
    pub fn ast_name(self) -> &'static str {
        match self {
            Self::Blob => "blob",
            Self::Boolean => "boolean",
            Self::String => "string",
            Self::Enum => "enum",
            Self::Timestamp => "timestamp",
            Self::Byte => "byte",
            Self::Short => "short",
            Self::Integer => "integer",
            Self::IntEnum => "intEnum",
            Self::Long => "long",
            Self::Float => "float",
            Self::Double => "double",
            Self::BigInteger => "bigInteger",
            Self::BigDecimal => "bigDecimal",
            Self::Document => "document",
            Self::List => "list",
            Self::Map => "map",
            Self::Structure => "structure",
            Self::Union => "union",
            Self::Service => "service",
            Self::Operation => "operation",
            Self::Resource => "resource",
        }
    }

    /// The JSON AST `type` names, including the IDL 1.0 `set`.
    pub fn from_ast(name: &str) -> Option<Self> {
        Some(match name {
            "blob" => Self::Blob,
            "boolean" => Self::Boolean,
            "string" => Self::String,
            "enum" => Self::Enum,
            "timestamp" => Self::Timestamp,
            "byte" => Self::Byte,
            "short" => Self::Short,
            "integer" => Self::Integer,
            "intEnum" => Self::IntEnum,
            "long" => Self::Long,
            "float" => Self::Float,
            "double" => Self::Double,
            "bigInteger" => Self::BigInteger,
            "bigDecimal" => Self::BigDecimal,
            "document" => Self::Document,
            "list" | "set" => Self::List,
            "map" => Self::Map,
            "structure" => Self::Structure,
            "union" => Self::Union,
            "service" => Self::Service,
            "operation" => Self::Operation,
            "resource" => Self::Resource,
            _ => return None,
        })
    }
}

/// Traits by absolute trait id, values kept as JSON; typed access is in [`traits`].
pub type Traits = BTreeMap<String, serde_json::Value>;

/// A member of an aggregate shape (list `member`, map `key`/`value`, structure and
/// union members, enum cases).
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub name: String,
    pub target: ShapeId,
    pub traits: Traits,
}

/// The references a service, resource or operation holds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Bindings {
    /// `version` of a service.
    pub version: Option<String>,
    /// The `operations` property of a service or resource (a resource's lifecycle and
    /// collection operations are kept apart: [`Bindings::all_operations`] walks them all).
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    pub errors: Vec<ShapeId>,
    /// Service `rename` map: shape id to the name used in this service.
    pub rename: BTreeMap<ShapeId, String>,
    /// Operation input and output (absent means `smithy.api#Unit`).
    pub input: Option<ShapeId>,
    pub output: Option<ShapeId>,
    /// Resource `identifiers` and `properties`, name to target, in model order.
    pub identifiers: Vec<(String, ShapeId)>,
    pub properties: Vec<(String, ShapeId)>,
    /// Resource lifecycle operations (`create`, `put`, `read`, `update`, `delete`, `list`).
    pub lifecycle: BTreeMap<Lifecycle, ShapeId>,
    /// Resource `collectionOperations`.
    pub collection_operations: Vec<ShapeId>,
}

impl Bindings {
    /// Every operation bound here: `operations`, then the lifecycle and collection operations
    /// of a resource.
    pub fn all_operations(&self) -> impl Iterator<Item = &ShapeId> {
        self.operations
            .iter()
            .chain(self.lifecycle.values())
            .chain(&self.collection_operations)
    }

    /// Every shape id this binding refers to, for reference checks.
    pub fn references(&self) -> impl Iterator<Item = &ShapeId> {
        self.all_operations()
            .chain(&self.resources)
            .chain(&self.errors)
            .chain(&self.input)
            .chain(&self.output)
            .chain(self.identifiers.iter().map(|(_, id)| id))
            .chain(self.properties.iter().map(|(_, id)| id))
    }
}

/// The lifecycle slots of a resource, in the order the JSON AST lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Lifecycle {
    Create,
    Put,
    Read,
    Update,
    Delete,
    List,
}

impl Lifecycle {
    /// Every slot, in JSON AST order.
    pub const ALL: [Lifecycle; 6] = [
        Self::Create,
        Self::Put,
        Self::Read,
        Self::Update,
        Self::Delete,
        Self::List,
    ];

    /// The JSON AST property name.
    pub fn ast_name(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Put => "put",
            Self::Read => "read",
            Self::Update => "update",
            Self::Delete => "delete",
            Self::List => "list",
        }
    }
}

/// One shape of the model.
#[derive(Debug, Clone, PartialEq)]
pub struct Shape {
    pub id: ShapeId,
    pub shape_type: ShapeType,
    /// Members in model order.
    pub members: Vec<Member>,
    pub traits: Traits,
    pub mixins: Vec<ShapeId>,
    pub bindings: Bindings,
    /// Index into [`Model::files`] of the file that defined the shape.
    pub file: usize,
}

impl Shape {
    /// The member called `name`, if any.
    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.name == name)
    }

    /// Whether the shape carries the trait `id`.
    pub fn has_trait(&self, id: &str) -> bool {
        self.traits.contains_key(id)
    }
}

/// A loaded, merged and validated model.
#[derive(Debug, Clone, Default)]
pub struct Model {
    /// The files read, in order; [`Shape::file`] indexes it. Prelude shapes point
    /// at the entry `<prelude>`.
    pub files: Vec<PathBuf>,
    pub shapes: BTreeMap<ShapeId, Shape>,
    /// The Smithy IDL version of each file (`1.0` files get 1.0 optionality).
    pub versions: Vec<String>,
    /// The merged `metadata` of every file (lists concatenated, other values must agree).
    pub metadata: BTreeMap<String, serde_json::Value>,
}

impl Model {
    /// The shape with this id.
    pub fn shape(&self, id: &ShapeId) -> Option<&Shape> {
        self.shapes.get(id)
    }

    /// The file that defined a shape, for error messages.
    pub fn file_of(&self, shape: &Shape) -> &std::path::Path {
        self.files
            .get(shape.file)
            .map_or(std::path::Path::new("<unknown>"), PathBuf::as_path)
    }

    /// Whether the shape is one of the prelude's or a built-in trait definition's, rather
    /// than the user's.
    pub fn is_builtin(&self, shape: &Shape) -> bool {
        self.files
            .get(shape.file)
            .is_some_and(|path| path.as_os_str() == prelude::PRELUDE_FILE)
    }

    /// Whether the shape came from an IDL 1.0 file.
    pub fn is_v1(&self, shape: &Shape) -> bool {
        self.versions
            .get(shape.file)
            .is_some_and(|v| v.starts_with('1'))
    }

    /// An error located at `shape` (file and id).
    pub fn error(&self, shape: &Shape, message: impl Into<String>) -> crate::Error {
        crate::Error::shape(&shape.id, message).with_file(self.file_of(shape))
    }

    /// All services in the model.
    pub fn services(&self) -> impl Iterator<Item = &Shape> {
        self.shapes
            .values()
            .filter(|s| s.shape_type == ShapeType::Service)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shape_ids_parse_and_split() {
        let id = ShapeId::parse("com.amazonaws.gamelift#GameSession").unwrap();
        assert_eq!(id.namespace(), "com.amazonaws.gamelift");
        assert_eq!(id.name(), "GameSession");
        for bad in ["", "#A", "a#", "a", "a#B$c", "a..b#C", "1a#B", "a#B C"] {
            assert!(ShapeId::parse(bad).is_none(), "{bad:?} should be rejected");
        }
    }
}
