//! JSON codecs (awsJson1_0/1_1, restJson1): `JsonEncode` and `JsonDecode` for every type,
//! keyed by each member's JSON name (`@jsonName` under restJson1). For an operation's input,
//! output or error under restJson1 they cover the body: members bound to the URI, headers or
//! payload are left to the HTTP binding code. Generic work (scalars, collections, base64,
//! timestamps, nesting limits, error paths) lives in the runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::bodies::{body_fields, Side};
use super::fill;
use super::rust_type::{field_type, timestamp_format, Scope};
use super::{ident, Module, SERVER_CODECS};
use crate::ir::{
    Enum, Field, IntEnum, Service, Struct, TimestampFormat, TypeDef, TypeKind, TypeRef, Union,
};

/// The `json` module (the codecs a client uses) and, when some type travels one way only, the
/// `server_json` module with the other direction behind the `server-codecs` feature.
pub fn modules(service: &Service) -> Vec<Module<'_>> {
    let mut modules = vec![Module {
        name: "json",
        doc: "JSON codecs: encoders for what the client sends, decoders for what it receives."
            .to_owned(),
        items: Box::new(move || emit(service, Side::Client)),
        test_only: false,
        feature: None,
    }];
    if server_side_needed(service) {
        modules.push(Module {
            name: "server_json",
            doc: format!(
                "The JSON codecs a client does not need: decoders for what it sends and encoders \
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

/// Whether some type travels one way only, so that [`Side::Server`] has codecs
/// to hold.
pub fn server_side_needed(service: &Service) -> bool {
    service
        .types
        .values()
        .any(|def| !(def.sent && def.received))
}

/// The JSON codecs of `side`, in shape-id order.
pub fn emit(service: &Service, side: Side) -> TokenStream {
    let (encoded, decoded) = side.messages();
    let impls = service.types.values().map(|def| {
        let name = ident(&def.name);
        let (encode, decode) = side.codecs(def);
        let encode = encode.then(|| {
            let body = match &def.kind {
                TypeKind::Struct(s) => encode_struct(&body_fields(s, encoded)),
                TypeKind::Union(u) => encode_union(u),
                TypeKind::Enum(_) => encode_enum(),
                TypeKind::IntEnum(_) => encode_int_enum(),
            };
            quote! {
                impl ::smithy_runtime::JsonEncode for super::types::#name {
                    fn encode_json(&self, w: &mut ::smithy_runtime::JsonWriter) {
                        #body
                    }
                }
            }
        });
        let decode = decode.then(|| {
            let body = match &def.kind {
                TypeKind::Struct(s) => decode_struct(service, def, s, &body_fields(s, decoded)),
                TypeKind::Union(u) => decode_union(u),
                TypeKind::Enum(e) => decode_enum(e),
                TypeKind::IntEnum(e) => decode_int_enum(e),
            };
            quote! {
                impl ::smithy_runtime::JsonDecode for super::types::#name {
                    fn decode_json(r: &mut ::smithy_runtime::JsonReader<'_>) -> Result<Self, ::smithy_runtime::DecodeError> {
                        #body
                    }
                }
            }
        });
        quote!(#encode #decode)
    });
    quote!(#(#impls)*)
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

/// Statements writing `value` (an expression of type `&T`) with `w`.
fn encode_value(ty: &TypeRef, value: TokenStream) -> TokenStream {
    if !needs_custom(ty) {
        return quote!(::smithy_runtime::JsonEncode::encode_json(#value, w););
    }
    match ty {
        TypeRef::Timestamp(Some(format)) => {
            let format = timestamp_format(*format);
            quote!(w.timestamp(#value, #format);)
        }
        TypeRef::List { member, sparse, .. } => {
            let item = encode_element(member, *sparse);
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
            let item = encode_element(inner, *sparse);
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

fn encode_element(ty: &TypeRef, sparse: bool) -> TokenStream {
    let write = encode_value(ty, quote!(item));
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

fn encode_struct(fields: &[&Field]) -> TokenStream {
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
            (ty, true) if needs_custom(ty) => {
                let write = encode_value(ty, quote!(value));
                quote! {
                    if let Some(value) = &self.#field {
                        w.key(#wire);
                        #write
                    }
                }
            }
            (ty, false) if needs_custom(ty) => {
                let write = encode_value(ty, quote!(&self.#field));
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

/// A struct decoder: one typed slot per body member, one call to the runtime's `read_members`
/// loop, then the value, with `@default`s and error correction for missing required members.
/// Members bound outside the body start unset (or at their default or zero value): the HTTP
/// binding decoder fills them in.
fn decode_struct(service: &Service, def: &TypeDef, s: &Struct, body: &[&Field]) -> TokenStream {
    let in_body = |f: &Field| body.iter().any(|b| std::ptr::eq(*b, f));
    let outside_body = |f: &Field| -> TokenStream {
        let field = ident(&f.rust_name);
        if f.optional {
            return quote!(#field: None,);
        }
        let value = fill::missing_value(service, f).unwrap_or_else(|| quote!(Default::default()));
        quote!(#field: #value,)
    };
    if body.is_empty() {
        let inits = s.fields.iter().map(outside_body);
        return quote! {
            r.read_object(|r, _| r.skip_value())?;
            Ok(Self { #(#inits)* })
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
            member_slot(f, quote!(value.#field))
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
    let slots = body
        .iter()
        .zip(&locals)
        .map(|(f, local)| member_slot(f, quote!(#local)));
    let mut next_local = locals.iter();
    let inits = s.fields.iter().map(|f| {
        if !in_body(f) {
            return outside_body(f);
        }
        let field = ident(&f.rust_name);
        let local = next_local.next();
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

fn encode_union(u: &Union) -> TokenStream {
    let unknown = ident(&u.unknown_variant);
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.json_name;
        match &v.ty {
            Some(ty) if needs_custom(ty) => {
                let write = encode_value(ty, quote!(value));
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

fn decode_union(u: &Union) -> TokenStream {
    let unknown = ident(&u.unknown_variant);
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let wire = &v.json_name;
        match &v.ty {
            Some(ty) if needs_custom(ty) => {
                let read = decode_in_field(ty, wire);
                quote!(#wire => Self::#variant(#read),)
            }
            Some(_) => quote!(#wire => Self::#variant(r.field(#wire)?),),
            None => quote!(#wire => { r.skip_value()?; Self::#variant }),
        }
    });
    quote! {
        let mut value = None;
        r.read_object(|r, key| {
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

fn encode_enum() -> TokenStream {
    quote!(w.string(self.as_str());)
}

fn decode_enum(_: &Enum) -> TokenStream {
    quote!(Ok(Self::from(&*r.read_string()?)))
}

fn encode_int_enum() -> TokenStream {
    quote!(w.i32(self.value());)
}

fn decode_int_enum(_: &IntEnum) -> TokenStream {
    quote!(Ok(Self::from(
        <i32 as ::smithy_runtime::JsonDecode>::decode_json(r)?
    )))
}
