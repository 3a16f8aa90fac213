//! Rust types and literal values for IR type references.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::ident;
use crate::ir::{DefaultValue, Service, TypeRef};

/// The Rust type of a member (without the `Option`/`Box` a field may add).
/// Named types are referenced relative to the `types` module (`types_path`).
pub fn rust_type(service: &Service, ty: &TypeRef, types_path: &TokenStream) -> TokenStream {
    match ty {
        TypeRef::Blob => quote!(::smithy_runtime::Blob),
        TypeRef::Boolean => quote!(bool),
        TypeRef::String => quote!(::std::string::String),
        TypeRef::Byte => quote!(i8),
        TypeRef::Short => quote!(i16),
        TypeRef::Integer => quote!(i32),
        TypeRef::Long => quote!(i64),
        TypeRef::Float => quote!(f32),
        TypeRef::Double => quote!(f64),
        TypeRef::BigInteger => quote!(::smithy_runtime::BigInteger),
        TypeRef::BigDecimal => quote!(::smithy_runtime::BigDecimal),
        TypeRef::Timestamp(_) => quote!(::smithy_runtime::Timestamp),
        TypeRef::Document => quote!(::smithy_runtime::Document),
        TypeRef::List { member, sparse } => {
            let inner = element(service, member, *sparse, types_path);
            quote!(::std::vec::Vec<#inner>)
        }
        TypeRef::Map { value, sparse } => {
            let inner = element(service, value, *sparse, types_path);
            quote!(::std::collections::BTreeMap<::std::string::String, #inner>)
        }
        TypeRef::Named(id) => {
            let name = service
                .types
                .get(id)
                .map_or("Unresolved", |t| t.name.as_str());
            let name = ident(name);
            quote!(#types_path #name)
        }
    }
}

fn element(service: &Service, ty: &TypeRef, sparse: bool, types_path: &TokenStream) -> TokenStream {
    let inner = rust_type(service, ty, types_path);
    if sparse {
        quote!(::std::option::Option<#inner>)
    } else {
        inner
    }
}

/// The field type: `T`, `Box<T>`, `Option<T>` or `Option<Box<T>>`.
pub fn field_type(
    service: &Service,
    ty: &TypeRef,
    optional: bool,
    boxed: bool,
    types_path: &TokenStream,
) -> TokenStream {
    let mut tokens = rust_type(service, ty, types_path);
    if boxed {
        tokens = quote!(::std::boxed::Box<#tokens>);
    }
    if optional {
        tokens = quote!(::std::option::Option<#tokens>);
    }
    tokens
}

/// An expression for a `@default` value of type `ty`.
pub fn default_expr(
    service: &Service,
    ty: &TypeRef,
    value: &DefaultValue,
    types_path: &TokenStream,
) -> TokenStream {
    match value {
        DefaultValue::Bool(b) => quote!(#b),
        DefaultValue::Int(i) => {
            let lit = Literal::i64_unsuffixed(*i);
            quote!(#lit)
        }
        DefaultValue::Float(f) if f.is_finite() => {
            let lit = Literal::f64_unsuffixed(*f);
            quote!(#lit)
        }
        DefaultValue::Float(_) => quote!(::std::default::Default::default()),
        DefaultValue::String(s) => quote!(::std::string::String::from(#s)),
        DefaultValue::EnumValue(wire) => {
            let ty = rust_type(service, ty, types_path);
            quote!(#ty::from(#wire))
        }
        DefaultValue::IntEnumValue(v) => {
            let ty = rust_type(service, ty, types_path);
            quote!(#ty::from(#v))
        }
        DefaultValue::Timestamp(secs) => {
            let whole = secs.trunc();
            // Whole seconds are exact; fractions go through the checked float path.
            if secs.fract() == 0.0 && whole.abs() < 1e15 {
                let lit = Literal::i64_unsuffixed(whole as i64);
                quote!(::smithy_runtime::Timestamp::from_secs(#lit))
            } else {
                let lit = Literal::f64_unsuffixed(if secs.is_finite() { *secs } else { 0.0 });
                quote!(::smithy_runtime::Timestamp::from_secs_f64(#lit).unwrap_or_default())
            }
        }
        DefaultValue::Empty => quote!(::std::default::Default::default()),
        DefaultValue::Document(json) => document_expr(json),
        DefaultValue::Blob(text) => quote!(::smithy_runtime::Blob::from(#text)),
        DefaultValue::BigNumber(text) => {
            let ty = rust_type(service, ty, types_path);
            // The text was validated when the model was read.
            quote!(#ty::new(#text).unwrap_or_default())
        }
    }
}

/// A `Document` expression for a JSON value.
pub fn document_expr(json: &serde_json::Value) -> TokenStream {
    use serde_json::Value;
    match json {
        Value::Null => quote!(::smithy_runtime::Document::Null),
        Value::Bool(b) => quote!(::smithy_runtime::Document::Bool(#b)),
        Value::String(s) => {
            quote!(::smithy_runtime::Document::String(::std::string::String::from(#s)))
        }
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                quote!(::smithy_runtime::Document::Number(::smithy_runtime::Number::PosInt(#u)))
            } else if let Some(i) = n.as_i64() {
                quote!(::smithy_runtime::Document::Number(::smithy_runtime::Number::NegInt(#i)))
            } else {
                let f = Literal::f64_suffixed(n.as_f64().unwrap_or_default());
                quote!(::smithy_runtime::Document::Number(::smithy_runtime::Number::Float(#f)))
            }
        }
        Value::Array(items) => {
            let items = items.iter().map(document_expr);
            quote!(::smithy_runtime::Document::Array(::std::vec![#(#items),*]))
        }
        Value::Object(entries) => {
            let entries = entries.iter().map(|(k, v)| {
                let v = document_expr(v);
                quote!((::std::string::String::from(#k), #v))
            });
            quote!(::smithy_runtime::Document::Object(::std::collections::BTreeMap::from([#(#entries),*])))
        }
    }
}
