//! Short docs for what the model leaves undocumented, so that every public item of a
//! generated crate has one (`missing_docs`). They state only what the generator knows: the
//! shape, its role for an operation, the member's name. Never a guess at what it means.

use crate::ir::{Field, Operation, Service, StructRole, TypeDef, TypeKind};
use crate::model::ShapeId;

/// The summary of a type without model docs: the operations it is the input or output of,
/// else its kind and shape id.
pub fn type_summary(service: &Service, def: &TypeDef) -> String {
    let role = match &def.kind {
        TypeKind::Struct(s) => match s.role {
            StructRole::Input => Some(("input", operations_of(service, def, |op| &op.input))),
            StructRole::Output => Some(("output", operations_of(service, def, |op| &op.output))),
            StructRole::Error { .. } | StructRole::Plain => None,
        },
        _ => None,
    };
    if let Some((role, operations)) = role.filter(|(_, ops)| !ops.is_empty()) {
        return format!("The {role} of {}.", operations.join(", "));
    }
    shape_summary(def)
}

/// The summary of a type without model docs, from its shape alone: its kind and shape id.
pub fn shape_summary(def: &TypeDef) -> String {
    let (kind, contents) = match &def.kind {
        TypeKind::Struct(_) => ("structure", ""),
        TypeKind::Union(_) => ("union", ": one variant per member"),
        TypeKind::Enum(_) => ("enum", ": one variant per known value"),
        TypeKind::IntEnum(_) => ("intEnum", ": one variant per known value"),
    };
    format!(
        "The `{}` {kind} (`{}`){contents}.",
        code(&def.wire_name),
        code(&def.id.to_string())
    )
}

/// The summary of a structure or union member without model docs.
pub fn member_summary(member_name: &str) -> String {
    format!("The `{}` member.", code(member_name))
}

/// The summary of a structure member without model docs: none for a required one, whose
/// note already names it.
pub fn field_summary(field: &Field) -> String {
    if field.required {
        String::new()
    } else {
        member_summary(&field.member_name)
    }
}

/// The operations (as inline code) whose input or output, as `shape` picks it, is `def`.
fn operations_of(
    service: &Service,
    def: &TypeDef,
    shape: impl Fn(&Operation) -> &Option<ShapeId>,
) -> Vec<String> {
    service
        .operations
        .iter()
        .filter(|op| shape(op).as_ref() == Some(&def.id))
        .map(|op| format!("`{}`", code(&op.wire_name)))
        .collect()
}

/// Text safe inside a Markdown code span (shape names never hold a backtick, but the
/// generator does not rely on it).
fn code(text: &str) -> String {
    text.replace('`', "'")
}
