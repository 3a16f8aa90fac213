//! JSON codecs (awsJson1_0/1_1, restJson1): `JsonEncode` and `JsonDecode` for every type,
//! keyed by each member's JSON name (`@jsonName` under restJson1). For an operation's input,
//! output or error under restJson1 they cover the body: members bound to the URI, headers or
//! payload are left to the HTTP binding code. Generic work (scalars, collections, base64,
//! timestamps, nesting limits, error paths) lives in the runtime.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::map_codec::{self, MapFormat};
use super::rust_type::timestamp_format;
use super::{ident, Module};
use crate::ir::{Field, Service, TimestampFormat, TypeRef, Union, Variant};

/// The `json` module (the codecs a client uses) and, when some type travels one way only, the
/// `server_json` module with the other direction behind the `server-codecs` feature.
pub fn modules(service: &Service) -> Vec<Module<'_>> {
    let format = if service.protocol.json_big_numbers_as_strings() {
        &Json {
            big_numbers_as_strings: true,
        }
    } else {
        &Json {
            big_numbers_as_strings: false,
        }
    };
    map_codec::modules(service, format)
}

/// JSON, keyed by each member's JSON name.
struct Json {
    /// Whether big integers and big decimals are written as strings (rpcv2Json) rather than as
    /// numbers; decoders read either.
    big_numbers_as_strings: bool,
}

impl MapFormat for Json {
    fn module(&self) -> &'static str {
        "json"
    }

    fn server_module(&self) -> &'static str {
        "server_json"
    }

    fn title(&self) -> &'static str {
        "JSON"
    }

    fn encode_impl(&self, name: &Ident, body: TokenStream) -> TokenStream {
        quote! {
            impl ::smithy_runtime::JsonEncode for super::types::#name {
                fn encode_json(&self, w: &mut ::smithy_runtime::JsonWriter) {
                    #body
                }
            }
        }
    }

    fn decode_impl(&self, name: &Ident, body: TokenStream) -> TokenStream {
        quote! {
            impl ::smithy_runtime::JsonDecode for super::types::#name {
                fn decode_json(r: &mut ::smithy_runtime::JsonReader<'_>) -> Result<Self, ::smithy_runtime::DecodeError> {
                    #body
                }
            }
        }
    }

    fn read_map(&self) -> Ident {
        format_ident!("read_object")
    }

    fn member_trait(&self) -> TokenStream {
        quote!(::smithy_runtime::json::JsonMember)
    }

    fn encode_struct(&self, fields: &[&Field]) -> TokenStream {
        encode_struct(fields, self.big_numbers_as_strings)
    }

    fn encode_union(&self, u: &Union) -> TokenStream {
        encode_union(u, self.big_numbers_as_strings)
    }

    fn encode_enum(&self) -> TokenStream {
        quote!(w.string(self.as_str());)
    }

    fn encode_int_enum(&self) -> TokenStream {
        quote!(w.i32(self.value());)
    }

    fn decode_enum(&self) -> TokenStream {
        quote!(Ok(Self::from(&*r.read_string()?)))
    }

    fn decode_int_enum(&self) -> TokenStream {
        quote!(Ok(Self::from(
            <i32 as ::smithy_runtime::JsonDecode>::decode_json(r)?
        )))
    }

    fn member_slot(&self, f: &Field, place: TokenStream) -> TokenStream {
        member_slot(f, place)
    }

    fn variant_arm(&self, v: &Variant) -> TokenStream {
        let variant = ident(&v.rust_name);
        let wire = &v.json_name;
        match &v.ty {
            Some(ty) if needs_custom(ty) => {
                let read = decode_in_field(ty, wire);
                quote!(#wire => Self::#variant(#read),)
            }
            _ => quote!(#wire => Self::#variant(r.field(#wire)?),),
        }
    }

    fn variant_key<'v>(&self, v: &'v Variant) -> &'v str {
        &v.json_name
    }
}

/// Whether a value of this type needs generated code rather than the runtime's
/// generic impls: only timestamps in a non-default format (and collections of them).
fn needs_custom(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Timestamp(Some(format)) => *format != TimestampFormat::EpochSeconds,
        TypeRef::List { member, .. } => needs_custom(member),
        TypeRef::Map { value, .. } => needs_custom(value),
        _ => false,
    }
}

/// Whether writing a value of this type needs generated code: as [`needs_custom`], and big
/// numbers when they are written as strings (`big`).
fn needs_custom_encode(ty: &TypeRef, big: bool) -> bool {
    match ty {
        TypeRef::BigInteger | TypeRef::BigDecimal => big,
        TypeRef::List { member, .. } => needs_custom_encode(member, big),
        TypeRef::Map { value, .. } => needs_custom_encode(value, big),
        _ => needs_custom(ty),
    }
}

/// Statements writing `value` (an expression of type `&T`) with `w`, big numbers as strings
/// when `big`.
fn encode_value(ty: &TypeRef, value: TokenStream, big: bool) -> TokenStream {
    if !needs_custom_encode(ty, big) {
        return quote!(::smithy_runtime::JsonEncode::encode_json(#value, w););
    }
    match ty {
        TypeRef::BigInteger | TypeRef::BigDecimal => quote!(w.string(#value.as_str());),
        TypeRef::Timestamp(Some(format)) => {
            let format = timestamp_format(*format);
            quote!(w.timestamp(#value, #format);)
        }
        TypeRef::List { member, sparse, .. } => {
            let item = encode_element(member, *sparse, big);
            quote! {
                w.begin_array();
                for item in #value {
                    #item
                }
                w.end_array();
            }
        }
        TypeRef::Map {
            value: inner,
            sparse,
            ..
        } => {
            let item = encode_element(inner, *sparse, big);
            quote! {
                w.begin_object();
                for (key, item) in #value {
                    w.key(key);
                    #item
                }
                w.end_object();
            }
        }
        _ => quote!(::smithy_runtime::JsonEncode::encode_json(#value, w);),
    }
}

fn encode_element(ty: &TypeRef, sparse: bool, big: bool) -> TokenStream {
    let write = encode_value(ty, quote!(item), big);
    if sparse {
        quote! {
            match item {
                Some(item) => { #write }
                None => w.null(),
            }
        }
    } else {
        write
    }
}

fn encode_struct(fields: &[&Field], big: bool) -> TokenStream {
    let fields = fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let wire = &f.json_name;
        match (&f.ty, f.optional) {
            (TypeRef::Timestamp(Some(format)), true) if needs_custom(&f.ty) => {
                let format = timestamp_format(*format);
                quote!(w.optional_timestamp_field(#wire, &self.#field, #format);)
            }
            (TypeRef::Timestamp(Some(format)), false) if needs_custom(&f.ty) => {
                let format = timestamp_format(*format);
                quote!(w.timestamp_field(#wire, &self.#field, #format);)
            }
            (ty, true) if needs_custom_encode(ty, big) => {
                let write = encode_value(ty, quote!(value), big);
                quote! {
                    if let Some(value) = &self.#field {
                        w.key(#wire);
                        #write
                    }
                }
            }
            (ty, false) if needs_custom_encode(ty, big) => {
                let write = encode_value(ty, quote!(&self.#field), big);
                quote! {
                    w.key(#wire);
                    #write
                }
            }
            (_, true) => quote!(w.optional_field(#wire, &self.#field);),
            (_, false) => quote!(w.field(#wire, &self.#field);),
        }
    });
    quote! {
        w.begin_object();
        #(#fields)*
        w.end_object();
    }
}

/// One `(wire name, slot)` pair for `read_members`; `place` is an
/// `Option<T>` place the member is decoded into, directly or, for values that
/// need generated code, through a `CustomMember` with its own decoder.
fn member_slot(f: &Field, place: TokenStream) -> TokenStream {
    let wire = &f.json_name;
    if !needs_custom(&f.ty) {
        return quote!((#wire, &mut #place));
    }
    if let (TypeRef::Timestamp(Some(format)), false) = (&f.ty, f.boxed) {
        let format = timestamp_format(*format);
        return quote!((#wire, &mut ::smithy_runtime::json::TimestampMember::new(&mut #place, #format)));
    }
    let mut read = decode_value(&f.ty);
    if f.boxed {
        read = quote!(Box::new(#read));
    }
    let decode = quote!(|r| Ok(#read));
    quote!((#wire, &mut ::smithy_runtime::json::CustomMember::new(&mut #place, #decode)))
}

/// An expression of type `T` reading a value that needs generated code, with
/// the member `wire` added to the path of any error.
fn decode_in_field(ty: &TypeRef, wire: &str) -> TokenStream {
    if let TypeRef::Timestamp(Some(format)) = ty {
        let format = timestamp_format(*format);
        return quote!(r.read_timestamp(#format).map_err(|e| e.in_field(#wire))?);
    }
    let read = decode_value(ty);
    quote! {
        (|| -> Result<_, ::smithy_runtime::DecodeError> {
            Ok(#read)
        })().map_err(|e| e.in_field(#wire))?
    }
}

/// An expression of type `T` reading a value that needs generated code.
fn decode_value(ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Timestamp(Some(format)) if needs_custom(ty) => {
            let format = timestamp_format(*format);
            quote!(r.read_timestamp(#format)?)
        }
        TypeRef::List { member, sparse, .. } if needs_custom(ty) => {
            let item = decode_value(member);
            let push = if *sparse {
                quote!(items.push(if r.take_null() { None } else { Some(#item) });)
            } else {
                quote!(if !r.take_null() { items.push(#item); })
            };
            quote! {{
                let mut items = Vec::new();
                r.read_elements(&mut |r| {
                    #push
                    Ok(())
                })?;
                items
            }}
        }
        TypeRef::Map { value, sparse, .. } if needs_custom(ty) => {
            let item = decode_value(value);
            let insert = if *sparse {
                quote!(let item = if r.take_null() { None } else { Some(#item) }; entries.insert(String::from(key), item);)
            } else {
                quote!(if !r.take_null() { let item = #item; entries.insert(String::from(key), item); })
            };
            quote! {{
                let mut entries = ::std::collections::BTreeMap::new();
                r.read_entries(&mut |r, key| {
                    #insert
                    Ok(())
                })?;
                entries
            }}
        }
        _ => quote!(::smithy_runtime::JsonDecode::decode_json(r)?),
    }
}

fn encode_union(u: &Union, big: bool) -> TokenStream {
    let unknown = ident(&u.unknown_variant);
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.json_name;
        match &v.ty {
            Some(ty) if needs_custom_encode(ty, big) => {
                let write = encode_value(ty, quote!(value), big);
                quote!(Self::#variant(value) => { w.key(#wire); #write })
            }
            Some(_) => quote!(Self::#variant(value) => w.field(#wire, value),),
            None => quote!(Self::#variant => { w.key(#wire); w.begin_object(); w.end_object(); }),
        }
    });
    quote! {
        w.begin_object();
        match self {
            #(#arms)*
            // Its value was not kept: an empty object under its name, which decodes to the
            // same unknown member (a service rejects it).
            Self::#unknown(member) => { w.key(member.as_str()); w.begin_object(); w.end_object(); }
        }
        w.end_object();
    }
}
