//! CBOR codecs (rpcv2Cbor): `CborEncode` and `CborDecode` for every type, keyed by member names.
//! rpcv2Cbor has no per-member wire options (`@jsonName` and `@timestampFormat` do not apply:
//! every timestamp is tag 1 epoch seconds), so each member is one line calling the runtime's
//! generic impls; scalars, collections, nulls, nesting limits and error paths live in the
//! runtime (`smithy_runtime::cbor`). The codecs' shape is shared with JSON (`map_codec`).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::map_codec::{self, MapFormat};
use super::{ident, Module};
use crate::ir::{Field, Service, Union, Variant};

/// The `cbor` module (the codecs a client uses) and, when some type travels one way only, the
/// `server_cbor` module with the other direction behind the `server-codecs` feature.
pub fn modules(service: &Service) -> Vec<Module<'_>> {
    map_codec::modules(service, &Cbor)
}

/// CBOR, as rpcv2Cbor writes it.
struct Cbor;

impl MapFormat for Cbor {
    fn module(&self) -> &'static str {
        "cbor"
    }

    fn server_module(&self) -> &'static str {
        "server_cbor"
    }

    fn title(&self) -> &'static str {
        "CBOR"
    }

    fn encode_impl(&self, name: &Ident, body: TokenStream) -> TokenStream {
        quote! {
            impl ::smithy_runtime::cbor::CborEncode for super::types::#name {
                fn encode_cbor(&self, w: &mut ::smithy_runtime::cbor::CborWriter) {
                    #body
                }
            }
        }
    }

    fn decode_impl(&self, name: &Ident, body: TokenStream) -> TokenStream {
        quote! {
            impl ::smithy_runtime::cbor::CborDecode for super::types::#name {
                fn decode_cbor(r: &mut ::smithy_runtime::cbor::CborReader<'_>) -> Result<Self, ::smithy_runtime::DecodeError> {
                    #body
                }
            }
        }
    }

    fn read_map(&self) -> Ident {
        format_ident!("read_map")
    }

    fn member_trait(&self) -> TokenStream {
        quote!(::smithy_runtime::cbor::CborMember)
    }

    fn encode_struct(&self, fields: &[&Field]) -> TokenStream {
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

    fn encode_union(&self, u: &Union) -> TokenStream {
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

    fn encode_enum(&self) -> TokenStream {
        quote!(w.text(self.as_str());)
    }

    fn encode_int_enum(&self) -> TokenStream {
        quote!(w.int(i128::from(self.value()));)
    }

    fn decode_enum(&self) -> TokenStream {
        quote!(Ok(Self::from(&*r.read_text()?)))
    }

    fn decode_int_enum(&self) -> TokenStream {
        quote!(Ok(Self::from(r.read_integer::<i32>("an integer")?)))
    }

    fn member_slot(&self, f: &Field, place: TokenStream) -> TokenStream {
        let wire = &f.member_name;
        quote!((#wire, &mut #place))
    }

    fn variant_arm(&self, v: &Variant) -> TokenStream {
        let variant = ident(&v.rust_name);
        let wire = &v.member_name;
        quote!(#wire => Self::#variant(r.field(#wire)?),)
    }

    fn variant_key<'v>(&self, v: &'v Variant) -> &'v str {
        &v.member_name
    }
}
