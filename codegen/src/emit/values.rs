//! `ToValue` for every generated type: one small function per type calling the
//! runtime's generic conversions.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir::{Service, TypeDef, TypeKind};

/// `impl ToValue` for every type, in shape-id order.
pub fn emit(service: &Service) -> TokenStream {
    let impls = service.types.values().map(to_value);
    quote!(#(#impls)*)
}

fn to_value(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let body = match &def.kind {
        TypeKind::Struct(s) => {
            let count = s.fields.len();
            let members = s.fields.iter().map(|f| {
                let field = ident(&f.rust_name);
                let wire = &f.member_name;
                if f.optional {
                    quote!(.optional(#wire, &self.#field))
                } else {
                    quote!(.member(#wire, &self.#field))
                }
            });
            quote!(::smithy_runtime::Value::structure(#count) #(#members)* .build())
        }
        TypeKind::Union(u) => {
            let unknown = ident(&u.unknown_variant);
            let arms = u.variants.iter().map(|v| {
                let variant = ident(&v.rust_name);
                let wire = &v.member_name;
                match &v.ty {
                    Some(_) => quote! {
                        Self::#variant(value) => ::smithy_runtime::Value::union(#wire, value.to_value()),
                    },
                    None => quote! {
                        Self::#variant => ::smithy_runtime::Value::union(#wire, ::smithy_runtime::Value::Structure(Vec::new())),
                    },
                }
            });
            quote! {
                match self {
                    #(#arms)*
                    Self::#unknown(member) => ::smithy_runtime::Value::union(member.as_str(), ::smithy_runtime::Value::Null),
                }
            }
        }
        TypeKind::Enum(_) => quote!(::smithy_runtime::Value::Enum(String::from(self.as_str()))),
        TypeKind::IntEnum(_) => quote!(::smithy_runtime::Value::IntEnum(self.value())),
    };
    quote! {
        impl ::smithy_runtime::ToValue for super::types::#name {
            fn to_value(&self) -> ::smithy_runtime::Value {
                #body
            }
        }
    }
}
