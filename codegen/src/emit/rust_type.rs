//! Rust types and literal values for IR type references.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::ident;
use crate::ir::{DefaultValue, Service, TimestampFormat, TypeRef};

/// The module generated code is written in, which decides how it names types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The `types` module: model types by their bare names, standard types by
    /// full paths (a model type may well be called `String`, `Option` or `Box`).
    Types,
    /// Any other module: model types as `super::types::Name`, standard types by
    /// their prelude names. Nothing there can shadow them: those modules declare
    /// no model types, and the names they do declare (`Error`, `<Operation>Error`)
    /// end in `Error`, which no prelude item does. (`operations` declares one
    /// struct per operation and writes standard types in full.) Shorter code is
    /// also quicker to compile.
    Sibling,
}

impl Scope {
    fn named(self, name: &str) -> TokenStream {
        let name = ident(name);
        match self {
            Scope::Types => quote!(#name),
            Scope::Sibling => quote!(super::types::#name),
        }
    }

    fn std(self, full: TokenStream, prelude: TokenStream) -> TokenStream {
        match self {
            Scope::Types => full,
            Scope::Sibling => prelude,
        }
    }

    fn string(self) -> TokenStream {
        self.std(quote!(::std::string::String), quote!(String))
    }

    fn vec(self) -> TokenStream {
        self.std(quote!(::std::vec::Vec), quote!(Vec))
    }

    fn option(self) -> TokenStream {
        self.std(quote!(::std::option::Option), quote!(Option))
    }

    fn boxed(self) -> TokenStream {
        self.std(quote!(::std::boxed::Box), quote!(Box))
    }
}

/// The Rust type of a member (without the `Option`/`Box` a field may add).
pub fn rust_type(service: &Service, ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::Blob => quote!(::smithy_runtime::Blob),
        TypeRef::Boolean => quote!(bool),
        TypeRef::String => scope.string(),
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
        TypeRef::List { member, sparse, .. } => {
            let inner = element(service, member, *sparse, scope);
            let vec = scope.vec();
            quote!(#vec<#inner>)
        }
        TypeRef::Map { value, sparse, .. } => {
            let inner = element(service, value, *sparse, scope);
            let string = scope.string();
            quote!(::std::collections::BTreeMap<#string, #inner>)
        }
        TypeRef::Named(id) => scope.named(
            service
                .types
                .get(id)
                .map_or("Unresolved", |t| t.name.as_str()),
        ),
    }
}

fn element(service: &Service, ty: &TypeRef, sparse: bool, scope: Scope) -> TokenStream {
    let inner = rust_type(service, ty, scope);
    if sparse {
        let option = scope.option();
        quote!(#option<#inner>)
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
    scope: Scope,
) -> TokenStream {
    let mut tokens = rust_type(service, ty, scope);
    if boxed {
        let boxed = scope.boxed();
        tokens = quote!(#boxed<#tokens>);
    }
    if optional {
        let option = scope.option();
        tokens = quote!(#option<#tokens>);
    }
    tokens
}

/// An expression for a `@default` value of type `ty`.
pub fn default_expr(
    service: &Service,
    ty: &TypeRef,
    value: &DefaultValue,
    scope: Scope,
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
        DefaultValue::String(s) => {
            let string = scope.string();
            quote!(#string::from(#s))
        }
        DefaultValue::EnumValue(wire) => {
            let ty = rust_type(service, ty, scope);
            quote!(#ty::from(#wire))
        }
        DefaultValue::IntEnumValue(v) => {
            let ty = rust_type(service, ty, scope);
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
            let ty = rust_type(service, ty, scope);
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

/// The runtime's name for a timestamp format.
pub fn timestamp_format(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::EpochSeconds => quote!(::smithy_runtime::TimestampFormat::EpochSeconds),
        TimestampFormat::DateTime => quote!(::smithy_runtime::TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(::smithy_runtime::TimestampFormat::HttpDate),
    }
}
