//! Which way each type travels: a client encodes what operation inputs reach
//! and decodes what outputs and errors reach. The JSON emitter generates only
//! those codecs by default; the others (what a server needs) go behind a
//! feature. Half of GameLift's structures travel one way only.

use std::collections::BTreeSet;

use super::{Service, StructRole, TypeKind, TypeRef};
use crate::model::ShapeId;

/// Sets [`TypeDef::sent`](super::TypeDef::sent) and
/// [`TypeDef::received`](super::TypeDef::received) on every type.
pub fn mark(service: &mut Service) {
    let inputs = service.operations.iter().filter_map(|op| op.input.clone());
    let sent = reachable(service, inputs);
    let outputs = service.operations.iter().flat_map(|op| {
        op.output
            .iter()
            .chain(&op.errors)
            .cloned()
            .collect::<Vec<_>>()
    });
    // Every error structure is decodable: the service-wide `Error` decodes all
    // of them, even one a model only uses as an input member.
    let errors = service.types.values().filter_map(|def| match &def.kind {
        TypeKind::Struct(s) if matches!(s.role, StructRole::Error { .. }) => Some(def.id.clone()),
        _ => None,
    });
    let roots: Vec<ShapeId> = outputs
        .chain(service.errors.iter().cloned())
        .chain(errors)
        .collect();
    let received = reachable(service, roots.into_iter());
    for (id, def) in &mut service.types {
        def.sent = sent.contains(id);
        def.received = received.contains(id);
    }
}

/// Every named type reachable from `roots` (iterative: models may nest deeply).
fn reachable(service: &Service, roots: impl Iterator<Item = ShapeId>) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<ShapeId> = roots.collect();
    while let Some(id) = stack.pop() {
        let Some(def) = service.types.get(&id) else {
            continue;
        };
        if !seen.insert(id) {
            continue;
        }
        let mut refs: Vec<&TypeRef> = Vec::new();
        match &def.kind {
            TypeKind::Struct(s) => refs.extend(s.fields.iter().map(|f| &f.ty)),
            TypeKind::Union(u) => refs.extend(u.variants.iter().filter_map(|v| v.ty.as_ref())),
            TypeKind::Enum(_) | TypeKind::IntEnum(_) => {}
        }
        while let Some(ty) = refs.pop() {
            match ty {
                TypeRef::Named(target) => stack.push(target.clone()),
                TypeRef::List { member, .. } => refs.push(member),
                TypeRef::Map { value, .. } => refs.push(value),
                _ => {}
            }
        }
    }
    seen
}
