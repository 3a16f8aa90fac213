//! `XmlDecode` for every type: structures through the runtime's `read_members` loop (attributes
//! read first), unions, enums; collections with custom names or formats through small
//! decoder functions.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::fill;
use crate::emit::ident;
use crate::emit::rust_type::{field_type, rust_type, timestamp_format, Scope};
use crate::ir::{
    CollectionNames, Field, Service, Struct, TimestampFormat, TypeDef, TypeKind, TypeRef, Union,
};

/// The body of `decode_xml` for `def`, whose body members (for a structure) are `body`.
pub fn decode_body(service: &Service, def: &TypeDef, body: &[&Field]) -> TokenStream {
    match &def.kind {
        TypeKind::Struct(s) => decode_struct(service, def, s, body),
        TypeKind::Union(u) => decode_union(service, u),
        TypeKind::Enum(_) => quote!(Ok(Self::from(&*r.read_text()?))),
        TypeKind::IntEnum(_) => {
            quote!(Ok(Self::from(::smithy_runtime::xml::read_parsed::<i32>(
                r
            )?)))
        }
    }
}

/// Whether reading a value of `ty` needs generated code rather than its `XmlDecode` impl: a
/// timestamp in a format other than date-time, a map with custom entry names, or a collection
/// of such values. (Wrapped list items are read whatever their names.)
fn needs_custom(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Timestamp(Some(format)) => *format != TimestampFormat::DateTime,
        TypeRef::List { member, .. } => needs_custom(member),
        TypeRef::Map { value, names, .. } => {
            let default = CollectionNames::default();
            names.key.name != default.key.name
                || names.value.name != default.value.name
                || needs_custom(value)
        }
        _ => false,
    }
}

/// An expression of type `fn(&mut XmlReader) -> Result<T, DecodeError>` reading one `ty` from
/// the element just opened.
fn decoder(service: &Service, ty: &TypeRef, sparse_item: bool) -> TokenStream {
    if !needs_custom(ty) {
        let rust = rust_type(service, ty, Scope::Sibling);
        let rust = if sparse_item {
            quote!(Option<#rust>)
        } else {
            rust
        };
        return quote!(<#rust as ::smithy_runtime::xml::XmlDecode>::decode_xml);
    }
    let read = custom_value(service, ty);
    if sparse_item {
        quote!(|r| #read.map(Some))
    } else {
        quote!(|r| #read)
    }
}

/// An expression of type `Result<T, DecodeError>` reading a value that needs generated code
/// (`r` in scope, inside a closure returning such a `Result`).
fn custom_value(service: &Service, ty: &TypeRef) -> TokenStream {
    match ty {
        TypeRef::Timestamp(Some(format)) => {
            let format = timestamp_format(*format);
            quote!(::smithy_runtime::xml::read_timestamp(r, #format))
        }
        TypeRef::List { member, sparse, .. } => {
            let item = decoder(service, member, *sparse);
            let item_type = rust_type(service, member, Scope::Sibling);
            let item_type = if *sparse {
                quote!(Option<#item_type>)
            } else {
                item_type
            };
            quote! {{
                let decode: fn(&mut ::smithy_runtime::xml::XmlReader<'_>) -> Result<#item_type, ::smithy_runtime::DecodeError> = #item;
                let mut items = Vec::new();
                ::smithy_runtime::xml::read_items(r, &mut |r| {
                    items.push(decode(r)?);
                    Ok(())
                })?;
                Ok(items)
            }}
        }
        TypeRef::Map {
            value,
            sparse,
            names,
        } => {
            let decode = decoder(service, value, *sparse);
            let key = &names.key.name;
            let value = &names.value.name;
            quote!(::smithy_runtime::xml::read_map(r, #key, #value, #decode))
        }
        other => {
            let rust = rust_type(service, other, Scope::Sibling);
            quote!(<#rust as ::smithy_runtime::xml::XmlDecode>::decode_xml(r))
        }
    }
}

/// The slot of an element member for `read_members`, decoding into `place` (an `Option<T>`).
fn member_slot(service: &Service, f: &Field, place: TokenStream) -> TokenStream {
    let name = &f.xml.name;
    let slot = match &f.ty {
        TypeRef::Timestamp(Some(format)) if *format != TimestampFormat::DateTime && !f.boxed => {
            let format = timestamp_format(*format);
            quote!(&mut ::smithy_runtime::xml::TimestampMember::new(&mut #place, #format))
        }
        TypeRef::List { member, sparse, .. } if f.xml.flattened => {
            let item = decoder(service, member, *sparse);
            quote!(&mut ::smithy_runtime::xml::FlatList::new(&mut #place, #item))
        }
        TypeRef::Map {
            value,
            sparse,
            names,
        } if f.xml.flattened => {
            let decode = decoder(service, value, *sparse);
            let key = &names.key.name;
            let value = &names.value.name;
            quote!(&mut ::smithy_runtime::xml::FlatMap::new(&mut #place, #key, #value, #decode))
        }
        ty if needs_custom(ty) => {
            let mut read = custom_value(service, ty);
            if f.boxed {
                read = quote!(#read.map(Box::new));
            }
            quote!(&mut ::smithy_runtime::xml::CustomMember::new(&mut #place, |r| #read))
        }
        _ => quote!(&mut #place),
    };
    quote!((#name, #slot))
}

/// An `Option<T>` expression reading an `@xmlAttribute` member from the element just opened.
fn attribute_value(service: &Service, f: &Field) -> TokenStream {
    let name = &f.xml.name;
    match &f.ty {
        TypeRef::String => quote!(r.attribute(#name)?),
        TypeRef::Timestamp(format) => {
            let format = timestamp_format(format.unwrap_or(TimestampFormat::DateTime));
            quote!(r.timestamp_attribute(#name, #format)?)
        }
        TypeRef::Named(id) => {
            let Some(def) = service.types.get(id) else {
                return quote!(None);
            };
            let rust = ident(&def.name);
            match def.kind {
                TypeKind::IntEnum(_) => {
                    quote!(r.parsed_attribute::<i32>(#name)?.map(super::types::#rust::from))
                }
                _ => quote!(r.attribute(#name)?.map(|v| super::types::#rust::from(v.as_str()))),
            }
        }
        ty => {
            let rust = rust_type(service, ty, Scope::Sibling);
            quote!(r.parsed_attribute::<#rust>(#name)?)
        }
    }
}

/// A structure: attributes first (they are on the start tag just read), then one slot per
/// element member in one `read_members` call; missing required members get their default or
/// zero value, members outside the body (HTTP bindings) start unset.
fn decode_struct(service: &Service, def: &TypeDef, s: &Struct, body: &[&Field]) -> TokenStream {
    let in_body = |f: &Field| body.iter().any(|b| std::ptr::eq(*b, f));
    let locals: Vec<_> = (0..s.fields.len())
        .map(|i| format_ident!("member_{}", i))
        .collect();
    let mut declarations = Vec::new();
    let mut slots = Vec::new();
    let mut inits = Vec::new();
    for (f, local) in s.fields.iter().zip(&locals) {
        let field = ident(&f.rust_name);
        if !in_body(f) {
            let value = if f.optional {
                quote!(None)
            } else {
                fill::missing_value(service, f).unwrap_or_else(|| quote!(Default::default()))
            };
            inits.push(quote!(#field: #value,));
            continue;
        }
        let ty = field_type(service, &f.ty, false, f.boxed, Scope::Sibling);
        if f.xml.attribute {
            let value = attribute_value(service, f);
            declarations.push(quote!(let #local: Option<#ty> = #value;));
        } else {
            declarations.push(quote!(let mut #local: Option<#ty> = None;));
            slots.push(member_slot(service, f, quote!(#local)));
        }
        let value = fill::finish_field(service, f, quote!(#local)).unwrap_or_else(|| {
            let message = format!(
                "{}: missing required member `{}`",
                def.wire_name, f.member_name
            );
            quote!(#local.ok_or_else(|| ::smithy_runtime::DecodeError::new(#message))?)
        });
        inits.push(quote!(#field: #value,));
    }
    let read = if slots.is_empty() {
        quote!(r.skip()?;)
    } else {
        quote!(r.read_members(&mut [#(#slots),*])?;)
    };
    quote! {
        #(#declarations)*
        #read
        Ok(Self { #(#inits)* })
    }
}

/// A union: exactly one child element names the member; an unknown one is kept by name.
fn decode_union(service: &Service, u: &Union) -> TokenStream {
    let unknown = ident(&u.unknown_variant);
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let name = &v.xml.name;
        match &v.ty {
            Some(ty) => {
                let decode = decoder(service, ty, false);
                let mut read = quote!({
                    let decode: fn(&mut ::smithy_runtime::xml::XmlReader<'_>) -> Result<_, ::smithy_runtime::DecodeError> = #decode;
                    decode(r).map_err(|e| e.in_field(#name))?
                });
                if v.boxed {
                    read = quote!(Box::new(#read));
                }
                quote!(#name => Self::#variant(#read),)
            }
            None => quote!(#name => { r.skip()?; Self::#variant }),
        }
    });
    quote! {
        let mut value = None;
        while let Some(name) = r.next_child()? {
            let member = match &*name {
                #(#arms)*
                _ => {
                    r.skip()?;
                    Self::#unknown(::smithy_runtime::UnknownVariant::from_unmatched(name))
                }
            };
            if value.replace(member).is_some() {
                return Err(r.error("a union must have exactly one member set"));
            }
        }
        value.ok_or_else(|| r.error("a union must have exactly one member set"))
    }
}
