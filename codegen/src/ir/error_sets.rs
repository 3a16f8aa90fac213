//! Error types: operations with the same modeled errors share one enum (the others get an
//! alias), and every name of the `errors` module is decided here.
//!
//! One enum per operation was a quarter of GameLift's compile time; GameLift's 118 operations
//! have 32 distinct error sets. The decoded value would be identical either way.

use std::collections::BTreeMap;

use super::{ErrorNames, ErrorSet, ErrorTypeNames, Service, StructRole, TypeKind};
use crate::model::ShapeId;
use crate::naming;

/// The service-wide enum and the fallback variant, given the error types' names.
pub fn error_names(error_type_names: &[&str]) -> ErrorNames {
    ErrorNames {
        service_error: "Error".to_owned(),
        unhandled: naming::unhandled_variant(error_type_names.iter().copied()),
    }
}

/// Groups the operations by error set (in operation order), names each error type, and names
/// each error structure's helpers.
pub fn assign(service: &mut Service) {
    let mut sets: Vec<ErrorSet> = Vec::new();
    let mut index_of: BTreeMap<Vec<ShapeId>, usize> = BTreeMap::new();
    for (i, op) in service.operations.iter_mut().enumerate() {
        let mut key = op.errors.clone();
        key.sort();
        let index = *index_of.entry(key).or_insert_with(|| {
            sets.push(ErrorSet {
                name: op.error_type.clone(),
                errors: op.errors.clone(),
                operations: Vec::new(),
            });
            sets.len() - 1
        });
        sets[index].operations.push(i);
        op.error_set = index;
    }
    service.error_sets = sets;

    let error_ids: Vec<ShapeId> = service
        .types
        .values()
        .filter(|def| {
            matches!(&def.kind, TypeKind::Struct(s) if matches!(s.role, StructRole::Error { .. }))
        })
        .map(|def| def.id.clone())
        .collect();
    let type_names: Vec<&str> = error_ids
        .iter()
        .filter_map(|id| service.types.get(id))
        .map(|def| def.name.as_str())
        .collect();
    service.error_names = error_names(&type_names);
    let mut predicates: Vec<String> = type_names
        .iter()
        .map(|n| naming::predicate_name(n))
        .collect();
    let mut decoders: Vec<String> = type_names
        .iter()
        .map(|n| naming::xml_decoder_name(n))
        .collect();
    naming::dedupe(&mut predicates);
    naming::dedupe(&mut decoders);
    for ((id, predicate), xml_decoder) in error_ids.iter().zip(predicates).zip(decoders) {
        if let Some(def) = service.types.get_mut(id) {
            def.error = Some(ErrorTypeNames {
                predicate,
                xml_decoder,
            });
        }
    }
}
