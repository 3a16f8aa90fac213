//! The `query` module of awsQuery and ec2Query services: `QueryEncode` for every type a client
//! sends, writing form parameters keyed by each member's query name (`Nested.Name`,
//! `List.member.1`, `Map.entry.1.key`; ec2Query lists are always `List.1`).

use proc_macro2::TokenStream;
use quote::quote;

use super::rust_type::timestamp_format;
use super::{ident, Module};
use crate::ir::{Protocol, Service, TimestampFormat, TypeKind, TypeRef};

/// The `query` module.
pub fn module(service: &Service) -> Module<'_> {
    Module {
        name: "query",
        doc: "Form encoders: the query parameters of what the client sends.".to_owned(),
        items: Box::new(move || emit(service)),
        test_only: false,
        feature: None,
    }
}

fn emit(service: &Service) -> TokenStream {
    let ec2 = service.protocol == Protocol::Ec2Query;
    let impls = service.types.values().filter(|def| def.sent).map(|def| {
        let name = ident(&def.name);
        let body = match &def.kind {
            TypeKind::Struct(s) => {
                let members = s.fields.iter().map(|f| {
                    let field = ident(&f.rust_name);
                    let member_key = &f.xml.query_name;
                    let write = write_value(
                        &f.ty,
                        quote!(value),
                        quote!(&::smithy_runtime::query::key(key, #member_key)),
                        f.xml.flattened || ec2,
                        ec2,
                    );
                    if f.optional {
                        quote!(if let Some(value) = &self.#field { #write })
                    } else {
                        quote!({ let value = &self.#field; #write })
                    }
                });
                quote!(#(#members)*)
            }
            TypeKind::Union(u) => {
                let unknown = ident(&u.unknown_variant);
                let arms = u.variants.iter().map(|v| {
                    let variant = ident(&v.rust_name);
                    let member_key = &v.xml.query_name;
                    let key = quote!(&::smithy_runtime::query::key(key, #member_key));
                    match &v.ty {
                        Some(ty) => {
                            let write =
                                write_value(ty, quote!(value), key, v.xml.flattened || ec2, ec2);
                            quote!(Self::#variant(value) => { #write })
                        }
                        None => quote!(Self::#variant => w.param(#key, ""),),
                    }
                });
                quote! {
                    match self {
                        #(#arms)*
                        // A member this client does not know cannot be sent back.
                        Self::#unknown(_) => {}
                    }
                }
            }
            TypeKind::Enum(_) => quote!(w.param(key, self.as_str());),
            TypeKind::IntEnum(_) => quote!(w.param(key, &self.value().to_string());),
        };
        // A structure without members writes nothing.
        let (w, key) = match &def.kind {
            TypeKind::Struct(s) if s.fields.is_empty() => (quote!(_w), quote!(_key)),
            _ => (quote!(w), quote!(key)),
        };
        quote! {
            impl ::smithy_runtime::query::QueryEncode for super::types::#name {
                fn encode_query(&self, #w: &mut ::smithy_runtime::query::QueryWriter, #key: &str) {
                    #body
                }
            }
        }
    });
    quote!(#(#impls)*)
}

/// Statements writing `value` (a `&T`) under `key` (a `&str` expression). `flattened`: list
/// items are `key.N` and map entries `key.N.…` rather than `key.member.N` and `key.entry.N.…`
/// (`@xmlFlattened`, and every list in ec2Query).
fn write_value(
    ty: &TypeRef,
    value: TokenStream,
    key: TokenStream,
    flattened: bool,
    ec2: bool,
) -> TokenStream {
    match ty {
        TypeRef::Timestamp(Some(format)) if *format != TimestampFormat::DateTime => {
            let format = timestamp_format(*format);
            quote!(w.param(#key, &#value.format(#format));)
        }
        TypeRef::List { member, names, .. } => {
            let item_name = (!flattened).then(|| names.member.name.clone());
            if super::xml::needs_custom_writer(ty) {
                let item_key = match &item_name {
                    Some(item) => quote!(&format!("{}.{}.{}", list_key, #item, i + 1)),
                    None => quote!(&format!("{}.{}", list_key, i + 1)),
                };
                let item = write_value(member, quote!(item), item_key, ec2, ec2);
                quote! {{
                    let list_key: &str = #key;
                    if #value.is_empty() {
                        w.param(list_key, "");
                    }
                    for (i, item) in #value.iter().enumerate() {
                        #item
                    }
                }}
            } else {
                let item_name = match item_name {
                    Some(item) => quote!(Some(#item)),
                    None => quote!(None),
                };
                quote!(::smithy_runtime::query::write_list(w, #key, #item_name, #value);)
            }
        }
        TypeRef::Map {
            value: inner,
            names,
            ..
        } => {
            let entry = (!flattened).then_some("entry");
            let key_name = &names.key.name;
            let value_name = &names.value.name;
            if super::xml::needs_custom_writer(ty) {
                let prefix = match entry {
                    Some(entry) => quote!(format!("{}.{}.{}", map_key, #entry, n + 1)),
                    None => quote!(format!("{}.{}", map_key, n + 1)),
                };
                let item = write_value(
                    inner,
                    quote!(item),
                    quote!(&format!("{prefix}.{}", #value_name)),
                    ec2,
                    ec2,
                );
                quote! {{
                    let map_key: &str = #key;
                    for (n, (entry_key, item)) in #value.iter().enumerate() {
                        let prefix = #prefix;
                        w.param(&format!("{prefix}.{}", #key_name), entry_key);
                        #item
                    }
                }}
            } else {
                let entry = match entry {
                    Some(entry) => quote!(Some(#entry)),
                    None => quote!(None),
                };
                quote!(::smithy_runtime::query::write_map(w, #key, #entry, #key_name, #value_name, #value);)
            }
        }
        _ => quote!(::smithy_runtime::query::QueryEncode::encode_query(#value, w, #key);),
    }
}
