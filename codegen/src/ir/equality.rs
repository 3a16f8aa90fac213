//! Which types can derive `Eq` and `Hash`: those whose every member, transitively, has a total
//! equality and a hash. `f32`/`f64` and documents (which hold floats) have neither; enums and
//! the runtime's other value types (`Timestamp`, `Blob`, the big numbers) have both.
//!
//! Recursive shapes make this a fixed point: every structure and union starts out able, and
//! any that holds something unable loses it, until nothing changes. What remains is the largest
//! consistent answer, so a recursive type of strings (`Tree { children: Vec<Tree> }`) keeps
//! `Eq`.

use std::collections::BTreeMap;

use super::{Service, TypeKind, TypeRef};
use crate::model::ShapeId;

/// Sets [`TypeDef::eq_hash`](super::TypeDef::eq_hash) on every type.
pub fn mark(service: &mut Service) {
    let mut able: BTreeMap<ShapeId, bool> =
        service.types.keys().map(|id| (id.clone(), true)).collect();
    loop {
        let mut changed = false;
        for (id, def) in &service.types {
            if !able[id] {
                continue;
            }
            let mut members: Box<dyn Iterator<Item = &TypeRef>> = match &def.kind {
                TypeKind::Struct(s) => Box::new(s.fields.iter().map(|f| &f.ty)),
                TypeKind::Union(u) => Box::new(u.variants.iter().filter_map(|v| v.ty.as_ref())),
                TypeKind::Enum(_) | TypeKind::IntEnum(_) => Box::new(std::iter::empty()),
            };
            if !members.all(|ty| has_eq_hash(ty, &able)) {
                able.insert(id.clone(), false);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    for (id, def) in &mut service.types {
        def.eq_hash = able[id];
    }
}

/// Whether a member of type `ty` has `Eq` and `Hash`, given what is known of named types.
fn has_eq_hash(ty: &TypeRef, able: &BTreeMap<ShapeId, bool>) -> bool {
    match ty {
        TypeRef::Float | TypeRef::Double | TypeRef::Document => false,
        TypeRef::List { member: inner, .. } | TypeRef::Map { value: inner, .. } => {
            has_eq_hash(inner, able)
        }
        // A type outside the service's set is not emitted; nothing to derive against.
        TypeRef::Named(id) => able.get(id).copied().unwrap_or(false),
        TypeRef::Blob
        | TypeRef::Boolean
        | TypeRef::String
        | TypeRef::Byte
        | TypeRef::Short
        | TypeRef::Integer
        | TypeRef::Long
        | TypeRef::BigInteger
        | TypeRef::BigDecimal
        | TypeRef::Timestamp(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use crate::ir::{resolve, Selection, TypeKind};
    use crate::model::{load_sources, Source};

    fn eq_hash_of(idl: &str) -> Vec<(String, bool)> {
        let source = Source {
            path: PathBuf::from("equality.smithy"),
            text: idl.to_owned(),
        };
        let model = load_sources(&[source]).unwrap();
        let service = resolve(&model, &Selection::default()).unwrap();
        service
            .types
            .values()
            .filter(|def| !matches!(def.kind, TypeKind::Enum(_)))
            .map(|def| (def.name.clone(), def.eq_hash))
            .collect()
    }

    #[test]
    fn floats_and_documents_spread_through_recursion() {
        let idl = r#"
$version: "2"
namespace ex
service S { operations: [Op] }
operation Op { input: In }
structure In { tree: Tree, scored: Scored, plain: Plain, choice: Choice }
structure Tree { name: String, children: Trees }
list Trees { member: Tree }
structure Scored { score: Double, next: Scored }
structure Plain { when: Timestamp, data: Blob, kind: Kind, by_name: PlainMap }
map PlainMap { key: String, value: Plain }
enum Kind { A }
union Choice { scored: Scored, doc: Document }
"#;
        assert_eq!(
            eq_hash_of(idl),
            [
                ("Choice".to_owned(), false),
                ("In".to_owned(), false),
                ("Plain".to_owned(), true),
                ("Scored".to_owned(), false),
                ("Tree".to_owned(), true),
            ]
        );
    }
}
