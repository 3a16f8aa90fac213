//! CBOR codecs (rpcv2Cbor): `CborEncode` and `CborDecode` for every type, keyed by member names.
//! rpcv2Cbor has no per-member wire options (`@jsonName` and `@timestampFormat` do not apply:
//! every timestamp is tag 1 epoch seconds), so each member is one line calling the runtime's
//! generic impls; scalars, collections, nulls, nesting limits and error paths live in the
//! runtime (`smithy_runtime::cbor`).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::bodies::{body_fields, Side};
use super::fill;
use super::json::server_side_needed;
use super::rust_type::{field_type, Scope};
use super::{ident, Module, SERVER_CODECS};
use crate::ir::{Field, Service, Struct, TypeDef, TypeKind, Union};

/// The `cbor` module (the codecs a client uses) and, when some type travels one way only, the
/// `server_cbor` module with the other direction behind the `server-codecs` feature.
pub fn modules(service: &Service) -> Vec<Module<'_>> {
    let mut modules = vec![Module {
        name: "cbor",
        doc: "CBOR codecs: encoders for what the client sends, decoders for what it receives."
            .to_owned(),
        items: Box::new(move || emit(service, Side::Client)),
        test_only: false,
        feature: None,
    }];
    if server_side_needed(service) {
        modules.push(Module {
            name: "server_cbor",
            doc: format!(
                "The CBOR codecs a client does not need: decoders for what it sends and encoders \
                 for what it receives, for servers, test doubles and round-trip tests. In a crate, \
                 behind the `{SERVER_CODECS}` feature (on by default when generated with \
                 `--server-codecs`)."
            ),
            items: Box::new(move || emit(service, Side::Server)),
            test_only: false,
            feature: Some(SERVER_CODECS),
        });
    }
    modules
}

/// The CBOR codecs of `side`, in shape-id order.
fn emit(service: &Service, side: Side) -> TokenStream {
    let (encoded, decoded) = side.messages();
    let impls = service.types.values().map(|def| {
        let name = ident(&def.name);
        let (encode, decode) = side.codecs(def);
        let encode = encode.then(|| {
            let body = match &def.kind {
                TypeKind::Struct(s) => encode_struct(&body_fields(s, encoded)),
                TypeKind::Union(u) => encode_union(u),
                TypeKind::Enum(_) => quote!(w.text(self.as_str());),
                TypeKind::IntEnum(_) => quote!(w.int(i128::from(self.value()));),
            };
            quote! {
                impl ::smithy_runtime::cbor::CborEncode for super::types::#name {
                    fn encode_cbor(&self, w: &mut ::smithy_runtime::cbor::CborWriter) {
                        #body
                    }
                }
            }
        });
        let decode = decode.then(|| {
            let body = match &def.kind {
                TypeKind::Struct(s) => decode_struct(service, def, s, &body_fields(s, decoded)),
                TypeKind::Union(u) => decode_union(u),
                TypeKind::Enum(_) => quote!(Ok(Self::from(&*r.read_text()?))),
                TypeKind::IntEnum(_) => quote!(Ok(Self::from(r.read_integer::<i32>("an integer")?))),
            };
            quote! {
                impl ::smithy_runtime::cbor::CborDecode for super::types::#name {
                    fn decode_cbor(r: &mut ::smithy_runtime::cbor::CborReader<'_>) -> Result<Self, ::smithy_runtime::DecodeError> {
                        #body
                    }
                }
            }
        });
        quote!(#encode #decode)
    });
    quote!(#(#impls)*)
}

fn encode_struct(fields: &[&Field]) -> TokenStream {
    let fields = fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let wire = &f.member_name;
        if f.optional {
            quote!(w.optional_field(#wire, &self.#field);)
        } else {
            quote!(w.field(#wire, &self.#field);)
        }
    });
    quote! {
        w.begin_map();
        #(#fields)*
        w.end_map();
    }
}

/// A struct decoder: one typed slot per member, one call to the runtime's `read_members` loop,
/// then the value, with `@default`s and error correction for missing required members.
/// rpcv2Cbor binds nothing outside the body, so `body` is every member of `s`.
fn decode_struct(service: &Service, def: &TypeDef, s: &Struct, body: &[&Field]) -> TokenStream {
    if body.is_empty() {
        return quote! {
            r.read_map(|r, _| r.skip_value())?;
            Ok(Self {})
        };
    }
    // Every member optional: decode straight into the fields, no locals.
    if s.fields.iter().all(|f| f.optional) {
        let nones = s.fields.iter().map(|f| {
            let field = ident(&f.rust_name);
            quote!(#field: None,)
        });
        let slots = body.iter().map(|f| {
            let field = ident(&f.rust_name);
            let wire = &f.member_name;
            quote!((#wire, &mut value.#field))
        });
        return quote! {
            let mut value = Self { #(#nones)* };
            r.read_members(&mut [#(#slots),*])?;
            Ok(value)
        };
    }
    let locals: Vec<_> = (0..body.len())
        .map(|i| format_ident!("member_{}", i))
        .collect();
    let declarations = body.iter().zip(&locals).map(|(f, local)| {
        let ty = field_type(service, &f.ty, false, f.boxed, Scope::Sibling);
        quote!(let mut #local: Option<#ty> = None;)
    });
    let slots = body.iter().zip(&locals).map(|(f, local)| {
        let wire = &f.member_name;
        quote!((#wire, &mut #local))
    });
    let inits = body.iter().zip(&locals).map(|(f, local)| {
        let field = ident(&f.rust_name);
        let value = fill::finish_field(service, f, quote!(#local)).unwrap_or_else(|| {
            let message = format!(
                "{}: missing required member `{}`",
                def.wire_name, f.member_name
            );
            quote!(#local.ok_or_else(|| ::smithy_runtime::DecodeError::new(#message))?)
        });
        quote!(#field: #value,)
    });
    quote! {
        #(#declarations)*
        r.read_members(&mut [#(#slots),*])?;
        Ok(Self { #(#inits)* })
    }
}

fn encode_union(u: &Union) -> TokenStream {
    let unknown = ident(&u.unknown_variant);
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.member_name;
        match &v.ty {
            Some(_) => quote!(Self::#variant(value) => w.field(#wire, value),),
            None => quote!(Self::#variant => { w.text(#wire); w.map(0); }),
        }
    });
    quote! {
        w.map(1);
        match self {
            #(#arms)*
            // Its value was not kept: an empty map under its name, which decodes to the same
            // unknown member (a service rejects it).
            Self::#unknown(member) => { w.text(member.as_str()); w.map(0); }
        }
    }
}

fn decode_union(u: &Union) -> TokenStream {
    let unknown = ident(&u.unknown_variant);
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.member_name;
        match &v.ty {
            Some(_) => quote!(#wire => Self::#variant(r.field(#wire)?),),
            None => quote!(#wire => { r.skip_value()?; Self::#variant }),
        }
    });
    quote! {
        let mut value = None;
        r.read_map(|r, key| {
            // `__type` may accompany a union; nulls mean absent.
            if key == "__type" {
                return r.skip_value();
            }
            if r.take_null() {
                return Ok(());
            }
            if value.is_some() {
                return Err(::smithy_runtime::DecodeError::new("a union must have exactly one member set"));
            }
            value = Some(match key {
                #(#arms)*
                other => {
                    r.skip_value()?;
                    Self::#unknown(::smithy_runtime::UnknownVariant::from_unmatched(other))
                }
            });
            Ok(())
        })?;
        value.ok_or_else(|| ::smithy_runtime::DecodeError::new("a union must have exactly one member set"))
    }
}
