//! Sample values for GameLift's shapes, shared by the GameLift round-trip tests
//! (`tests/gamelift_operations.rs` and `src/gamelift_newest/`).

use serde_json::{json, Map, Value as Json};
use smithy_codegen::ir::{Service, TypeKind, TypeRef};

/// A deterministic JSON value for `ty` with every member set (members that
/// would recurse deeper than `depth` allows are left out).
pub fn sample(service: &Service, ty: &TypeRef, depth: usize) -> Json {
    match ty {
        TypeRef::Blob => json!("AQID"),
        TypeRef::Boolean => json!(true),
        TypeRef::String => json!("text"),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => json!(7),
        TypeRef::Float | TypeRef::Double => json!(1.5),
        TypeRef::BigInteger | TypeRef::BigDecimal => json!(12),
        TypeRef::Timestamp(_) => json!(1_700_000_000.25),
        TypeRef::Document => json!({"a": [1, "b", null, true]}),
        TypeRef::List { member, .. } => json!([sample(service, member, depth + 1)]),
        TypeRef::Map { value, .. } => json!({"key": sample(service, value, depth + 1)}),
        TypeRef::Named(id) => {
            let def = &service.types[id];
            match &def.kind {
                TypeKind::Struct(s) => {
                    let mut object = Map::new();
                    for field in &s.fields {
                        if depth < 6 || !field.optional {
                            object.insert(
                                field.member_name.clone(),
                                sample(service, &field.ty, depth + 1),
                            );
                        }
                    }
                    Json::Object(object)
                }
                TypeKind::Union(u) => {
                    let first = &u.variants[0];
                    let value = first
                        .ty
                        .as_ref()
                        .map_or(json!({}), |t| sample(service, t, depth + 1));
                    json!({ first.member_name.clone(): value })
                }
                TypeKind::Enum(e) => json!(e.cases[0].wire_value),
                TypeKind::IntEnum(e) => json!(e.cases[0].value),
            }
        }
    }
}

/// JSON equality with numbers compared by value (`7` equals `7.0`).
pub fn same_json(a: &Json, b: &Json) -> bool {
    match (a, b) {
        (Json::Number(x), Json::Number(y)) => x.as_f64() == y.as_f64(),
        (Json::Array(x), Json::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Json::Object(x), Json::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        _ => a == b,
    }
}
