//! What the JSON and CBOR codecs share. Both formats write a structure as a map keyed by member
//! names and read it back through the runtime's non-generic `read_members` loop, so the shape of
//! every generated codec (which impls a module holds, how a structure decoder fills its slots,
//! applies `@default`s and corrects missing required members, how a union decoder insists on
//! exactly one member) is decided here once. A [`MapFormat`] supplies what differs: trait and
//! method names, each member's key, and the format's own calls for scalars and unions.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::bodies::{body_fields, Side};
use super::fill;
use super::rust_type::{field_type, Scope};
use super::{ident, Module, SERVER_CODECS};
use crate::ir::{Field, Service, Struct, TypeDef, TypeKind, Union, Variant};

/// One body format of maps keyed by member names (JSON, CBOR).
pub trait MapFormat: Sync {
    /// The name of the module of client codecs (`json`).
    fn module(&self) -> &'static str;

    /// The name of the module of server codecs (`server_json`).
    fn server_module(&self) -> &'static str;

    /// The format's name in docs (`JSON`).
    fn title(&self) -> &'static str;

    /// The encoder impl of the type `name`, around `body` (statements writing `self` with `w`).
    fn encode_impl(&self, name: &Ident, body: TokenStream) -> TokenStream;

    /// The decoder impl of the type `name`, around `body` (statements reading from `r` and
    /// ending in `Result<Self, DecodeError>`).
    fn decode_impl(&self, name: &Ident, body: TokenStream) -> TokenStream;

    /// The reader's method walking a map's entries as `(reader, key)`.
    fn read_map(&self) -> Ident;

    /// The runtime's trait of member slots (`read_members` takes `(name, &mut dyn Trait)`).
    fn member_trait(&self) -> TokenStream;

    /// Statements encoding the structure members `fields`.
    fn encode_struct(&self, fields: &[&Field]) -> TokenStream;

    /// Statements encoding a union.
    fn encode_union(&self, u: &Union) -> TokenStream;

    /// Statements encoding an enum (`self.as_str()`).
    fn encode_enum(&self) -> TokenStream;

    /// Statements encoding an int enum (`self.value()`).
    fn encode_int_enum(&self) -> TokenStream;

    /// The body of an enum's decoder.
    fn decode_enum(&self) -> TokenStream;

    /// The body of an int enum's decoder.
    fn decode_int_enum(&self) -> TokenStream;

    /// One `(key, slot)` pair for `read_members`; `place` is the `Option<T>` place the member
    /// `f` is decoded into.
    fn member_slot(&self, f: &Field, place: TokenStream) -> TokenStream;

    /// The match arm of a union decoder reading the variant `v` of a union with a value.
    fn variant_arm(&self, v: &Variant) -> TokenStream;

    /// The key of the union variant `v`.
    fn variant_key<'v>(&self, v: &'v Variant) -> &'v str;
}

/// The module of client codecs in `format` and, when some type travels one way only, the
/// module of server codecs with the other direction behind the `server-codecs` feature.
pub fn modules<'a>(service: &'a Service, format: &'static dyn MapFormat) -> Vec<Module<'a>> {
    let title = format.title();
    let mut modules = vec![Module {
        name: format.module(),
        doc: format!(
            "{title} codecs: encoders for what the client sends, decoders for what it receives."
        ),
        items: Box::new(move || emit(service, format, Side::Client)),
        test_only: false,
        feature: None,
    }];
    if server_side_needed(service) {
        modules.push(Module {
            name: format.server_module(),
            doc: format!(
                "The {title} codecs a client does not need: decoders for what it sends and \
                 encoders for what it receives, for servers, test doubles and round-trip tests. \
                 In a crate, behind the `{SERVER_CODECS}` feature (on by default when generated \
                 with `--server-codecs`)."
            ),
            items: Box::new(move || emit(service, format, Side::Server)),
            test_only: false,
            feature: Some(SERVER_CODECS),
        });
    }
    modules
}

/// Whether some type travels one way only, so that [`Side::Server`] has codecs to hold.
pub fn server_side_needed(service: &Service) -> bool {
    service
        .types
        .values()
        .any(|def| !(def.sent && def.received))
}

/// The codecs of `side` in `format`, in shape-id order.
fn emit(service: &Service, format: &dyn MapFormat, side: Side) -> TokenStream {
    let (encoded, decoded) = side.messages();
    let impls = service.types.values().map(|def| {
        let name = ident(&def.name);
        let (encode, decode) = side.codecs(def);
        let encode = encode.then(|| {
            let body = match &def.kind {
                TypeKind::Struct(s) => format.encode_struct(&body_fields(s, encoded)),
                TypeKind::Union(u) => format.encode_union(u),
                TypeKind::Enum(_) => format.encode_enum(),
                TypeKind::IntEnum(_) => format.encode_int_enum(),
            };
            format.encode_impl(&name, body)
        });
        let decode = decode.then(|| {
            let body = match &def.kind {
                TypeKind::Struct(s) => {
                    decode_struct(service, format, def, s, &body_fields(s, decoded))
                }
                TypeKind::Union(u) => decode_union(format, u),
                TypeKind::Enum(_) => format.decode_enum(),
                TypeKind::IntEnum(_) => format.decode_int_enum(),
            };
            format.decode_impl(&name, body)
        });
        quote!(#encode #decode)
    });
    quote!(#(#impls)*)
}

/// A struct decoder: one typed slot per body member, one call to the runtime's `read_members`
/// loop, then the value, with `@default`s and error correction for missing required members.
/// Members bound outside the body (HTTP bindings) start unset, or at their default or zero
/// value: the HTTP binding decoder fills them in.
fn decode_struct(
    service: &Service,
    format: &dyn MapFormat,
    def: &TypeDef,
    s: &Struct,
    body: &[&Field],
) -> TokenStream {
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
        let read_map = format.read_map();
        let inits = s.fields.iter().map(outside_body);
        return quote! {
            r.#read_map(|r, _| r.skip_value())?;
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
            format.member_slot(f, quote!(value.#field))
        });
        let member_trait = format.member_trait();
        // A `match` rather than `?`: each `?` instantiates `FromResidual` for the structure's
        // own `Result` type, one more function per structure. The slots get a typed local so
        // that the `match` stays short.
        return quote! {
            let mut value = Self { #(#nones)* };
            let members: &mut [(&str, &mut dyn #member_trait)] = &mut [#(#slots),*];
            match r.read_members(members) {
                Ok(()) => Ok(value),
                Err(e) => Err(e),
            }
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
        .map(|(f, local)| format.member_slot(f, quote!(#local)));
    let member_trait = format.member_trait();
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
        let members: &mut [(&str, &mut dyn #member_trait)] = &mut [#(#slots),*];
        match r.read_members(members) {
            Ok(()) => Ok(Self { #(#inits)* }),
            Err(e) => Err(e),
        }
    }
}

/// A union decoder: exactly one member set (nulls are absent, `__type` is skipped); an unknown
/// member is kept by name.
fn decode_union(format: &dyn MapFormat, u: &Union) -> TokenStream {
    let unknown = ident(&u.unknown_variant);
    let arms = u.variants.iter().map(|v| match &v.ty {
        Some(_) => format.variant_arm(v),
        None => {
            let variant = ident(&v.rust_name);
            let key = format.variant_key(v);
            quote!(#key => { r.skip_value()?; Self::#variant })
        }
    });
    let read_map = format.read_map();
    quote! {
        let mut value = None;
        r.#read_map(|r, key| {
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
