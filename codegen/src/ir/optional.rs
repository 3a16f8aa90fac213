//! The one place that decides whether a structure member is an `Option`.
//!
//! The rule (Smithy 2.0 "structure member optionality", as a non-authoritative
//! client must apply it; written down in `docs/optionality.md`):
//!
//! 1. `@clientOptional` makes a member optional.
//! 2. Every member of an `@input` structure is optional: the service may relax
//!    `@required` later without breaking clients.
//! 3. Otherwise `@required` or a non-null `@default` makes it non-optional.
//! 4. In an IDL 1.0 file, a member targeting an unboxed boolean or number shape
//!    (`PrimitiveInteger`, or a user-defined `integer` without `@box`) is
//!    non-optional with a zero default, unless the member is `@box`ed.
//! 5. Anything else is optional.

use serde_json::Value;

use crate::model::{traits, Member, Model, Shape, ShapeType};

/// Whether `member` of `structure` is generated as `Option<T>`.
pub fn is_optional(model: &Model, structure: &Shape, member: &Member) -> bool {
    if traits::has(&member.traits, traits::CLIENT_OPTIONAL) || structure.has_trait(traits::INPUT) {
        return true;
    }
    if traits::has(&member.traits, traits::REQUIRED) {
        return false;
    }
    if let Some(default) = member.traits.get(traits::DEFAULT) {
        return default.is_null();
    }
    v1_implicit_default(model, structure, member).is_none()
}

/// IDL 1.0 semantics: a member of an IDL 1.0 structure that targets a boolean
/// or number shape that is not `@box`ed (user-defined ones, or the prelude's
/// `Primitive*`) is non-optional with a zero default, unless the member is boxed.
pub fn v1_implicit_default(model: &Model, structure: &Shape, member: &Member) -> Option<Value> {
    if !model.is_v1(structure) || traits::has(&member.traits, traits::BOX) {
        return None;
    }
    let target = model.shape(&member.target)?;
    if let Some(default) = target.traits.get(traits::DEFAULT).filter(|d| !d.is_null()) {
        return Some(default.clone());
    }
    let prelude = target.id.namespace() == "smithy.api";
    if prelude || target.has_trait(traits::BOX) {
        return None;
    }
    match target.shape_type {
        ShapeType::Boolean => Some(Value::Bool(false)),
        ShapeType::Byte
        | ShapeType::Short
        | ShapeType::Integer
        | ShapeType::Long
        | ShapeType::Float
        | ShapeType::Double => Some(Value::from(0)),
        _ => None,
    }
}
