//! Values for members a response leaves out, the same for every protocol: the member's
//! `@default`, or else (Smithy 2.0 client error correction) the zero value of its type: `false`,
//! `0`, empty strings, blobs, lists and maps, the epoch, a null document, the unknown variant of
//! an enum or union, and for a structure the value whose own members are corrected likewise.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use super::rust_type::{default_expr, Scope};
use crate::ir::{DefaultValue, Field, Service, TypeKind, TypeRef};

/// Structures nest at most this deep in a zero value; deeper means a cycle of required
/// members, which no value satisfies.
const MAX_DEPTH: usize = 16;

/// The field's value from `local`, an `Option` of the decoded member: as is for optional
/// fields; else the value, its `@default`, or the zero value. `None` only when the type has no
/// zero value (a cycle of required structure members).
pub fn finish_field(service: &Service, f: &Field, local: TokenStream) -> Option<TokenStream> {
    if f.optional {
        return Some(local);
    }
    if let Some(default) = &f.default {
        let value = default_expr(service, &f.ty, default, Scope::Sibling);
        return Some(match default {
            _ if f.boxed => quote!(#local.unwrap_or_else(|| Box::new(#value))),
            DefaultValue::Empty => quote!(#local.unwrap_or_default()),
            // Literals cost nothing to build eagerly.
            DefaultValue::Bool(_)
            | DefaultValue::Int(_)
            | DefaultValue::Float(_)
            | DefaultValue::IntEnumValue(_) => quote!(#local.unwrap_or(#value)),
            DefaultValue::Document(json)
                if !(json.is_string() || json.is_array() || json.is_object()) =>
            {
                quote!(#local.unwrap_or(#value))
            }
            _ => quote!(#local.unwrap_or_else(|| #value)),
        });
    }
    if !matches!(f.ty, TypeRef::Named(_)) || (!f.boxed && zero_is_default(service, &f.ty)) {
        return Some(quote!(#local.unwrap_or_default()));
    }
    let zero = zero_value(service, &f.ty, 0)?;
    Some(if f.boxed {
        quote!(#local.unwrap_or_else(|| Box::new(#zero)))
    } else if is_int_enum(service, &f.ty) {
        // A literal costs nothing to build eagerly.
        quote!(#local.unwrap_or(#zero))
    } else {
        quote!(#local.unwrap_or_else(|| #zero))
    })
}

fn is_int_enum(service: &Service, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id)
        if matches!(service.types.get(id).map(|t| &t.kind), Some(TypeKind::IntEnum(_))))
}

/// The value a missing non-optional field gets: its `@default`, else the zero value.
pub fn missing_value(service: &Service, f: &Field) -> Option<TokenStream> {
    let value = match &f.default {
        Some(default) => default_expr(service, &f.ty, default, Scope::Sibling),
        None => zero_value(service, &f.ty, 0)?,
    };
    Some(if f.boxed {
        quote!(Box::new(#value))
    } else {
        value
    })
}

/// Whether the zero value of `ty` is its `Default`: a structure whose `new()` takes nothing
/// (the generated types implement `Default` as `new()` then).
fn zero_is_default(service: &Service, ty: &TypeRef) -> bool {
    let TypeRef::Named(id) = ty else {
        return true;
    };
    matches!(
        service.types.get(id).map(|t| &t.kind),
        Some(TypeKind::Struct(s)) if !s.fields.iter().any(|f| f.required || (!f.optional && f.default.is_none()))
    )
}

/// The zero value of `ty`, as an expression outside the `types` module.
pub fn zero_value(service: &Service, ty: &TypeRef, depth: usize) -> Option<TokenStream> {
    let TypeRef::Named(id) = ty else {
        return Some(quote!(::std::default::Default::default()));
    };
    let def = service.types.get(id)?;
    let name = ident(&def.name);
    Some(match &def.kind {
        TypeKind::Enum(_) => quote!(super::types::#name::from("")),
        TypeKind::IntEnum(_) => quote!(super::types::#name::from(0)),
        TypeKind::Union(u) => {
            let unknown = ident(&u.unknown_variant);
            quote!(super::types::#name::#unknown(::smithy_runtime::UnknownVariant::from_unmatched("")))
        }
        TypeKind::Struct(s) => {
            if depth >= MAX_DEPTH {
                return None;
            }
            // `new` takes the required members and those without a value of their own.
            let arguments = s
                .fields
                .iter()
                .filter(|f| f.required || (!f.optional && f.default.is_none()))
                .map(|f| match &f.default {
                    Some(default) => Some(default_expr(service, &f.ty, default, Scope::Sibling)),
                    None => zero_value(service, &f.ty, depth + 1),
                })
                .collect::<Option<Vec<_>>>()?;
            quote!(super::types::#name::new(#(#arguments),*))
        }
    })
}
