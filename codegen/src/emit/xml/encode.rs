//! `XmlEncode` for every type: a structure writes its element with its attributes and one
//! element per member (lists and maps wrapped or flattened, with their item names and
//! namespaces), a union its one member, enums their wire value.

use proc_macro2::TokenStream;
use quote::quote;

use super::{namespace_ref, namespace_tokens};
use crate::emit::ident;
use crate::emit::rust_type::timestamp_format;
use crate::ir::{Field, Service, TimestampFormat, TypeKind, TypeRef, Union, XmlName, XmlNamespace};

/// The body of `encode_xml` for a structure whose body members are `body`.
pub fn encode_struct(service: &Service, body: &[&Field]) -> TokenStream {
    let attributes = body.iter().filter(|f| f.xml.attribute).map(|f| {
        let field = ident(&f.rust_name);
        let name = &f.xml.name;
        let text = attribute_text(service, &f.ty, quote!(value));
        if f.optional {
            quote!(if let Some(value) = &self.#field { w.attribute(#name, #text); })
        } else {
            quote!({ let value = &self.#field; w.attribute(#name, #text); })
        }
    });
    let elements = body.iter().filter(|f| !f.xml.attribute).map(|f| {
        let field = ident(&f.rust_name);
        let write = member_element(f, quote!(value));
        if f.optional {
            quote!(if let Some(value) = &self.#field { #write })
        } else {
            quote!({ let value = &self.#field; #write })
        }
    });
    quote! {
        w.start(name);
        if let Some(namespace) = namespace {
            w.namespace(namespace);
        }
        #(#attributes)*
        #(#elements)*
        w.end(name);
    }
}

/// The body of `encode_xml` for a union: its element with the one member set.
pub fn encode_union(u: &Union) -> TokenStream {
    let unknown = ident(&u.unknown_variant);
    let arms = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let element = XmlName {
            name: v.xml.name.clone(),
            namespace: v.xml.namespace.clone(),
        };
        match &v.ty {
            Some(ty) => {
                let write = write_value(ty, quote!(value), &element, v.xml.flattened);
                quote!(Self::#variant(value) => { #write })
            }
            None => {
                let name = &element.name;
                quote!(Self::#variant => w.element(#name, None, ""),)
            }
        }
    });
    quote! {
        w.start(name);
        if let Some(namespace) = namespace {
            w.namespace(namespace);
        }
        match self {
            #(#arms)*
            // Its value was not kept: an empty element of its name, which decodes to the
            // same unknown member (a service rejects it).
            Self::#unknown(member) => w.element(member.as_str(), None, ""),
        }
        w.end(name);
    }
}

/// Statements writing the element of member `f` whose value is `value` (a `&T`).
fn member_element(f: &Field, value: TokenStream) -> TokenStream {
    let element = XmlName {
        name: f.xml.name.clone(),
        namespace: f.xml.namespace.clone(),
    };
    write_value(&f.ty, value, &element, f.xml.flattened)
}

fn element_tokens(element: &XmlName) -> TokenStream {
    let name = &element.name;
    let namespace = namespace_tokens(element.namespace.as_ref());
    quote!(::smithy_runtime::xml::Element { name: #name, namespace: #namespace })
}

/// Statements writing `value` (a `&T` of type `ty`) as `element`; `flattened`: a collection's
/// items (entries) repeat `element` instead of being wrapped in it.
fn write_value(
    ty: &TypeRef,
    value: TokenStream,
    element: &XmlName,
    flattened: bool,
) -> TokenStream {
    let name = &element.name;
    let namespace = namespace_tokens(element.namespace.as_ref());
    match ty {
        TypeRef::Timestamp(Some(format)) if *format != TimestampFormat::DateTime => {
            let format = timestamp_format(*format);
            quote!(w.element(#name, #namespace, &#value.format(#format));)
        }
        TypeRef::List { member, names, .. } => {
            let item_element = if flattened {
                element.clone()
            } else {
                names.member.clone()
            };
            let wrapper = (!flattened).then(|| element_tokens(element));
            if super::needs_custom_writer(ty) {
                let item = write_value(member, quote!(item), &item_element, false);
                let (start, end) = wrap(wrapper.is_some(), name, element.namespace.as_ref());
                quote! {
                    #start
                    for item in #value.iter() {
                        #item
                    }
                    #end
                }
            } else {
                let wrapper = match wrapper {
                    Some(w) => quote!(Some(#w)),
                    None => quote!(None),
                };
                let item = element_tokens(&item_element);
                quote!(::smithy_runtime::xml::write_list(w, #wrapper, #item, #value);)
            }
        }
        TypeRef::Map {
            value: inner,
            names,
            ..
        } => {
            let entry = if flattened {
                element.clone()
            } else {
                XmlName::plain("entry")
            };
            if super::needs_custom_writer(ty) {
                let key = write_value(&TypeRef::String, quote!(key), &names.key, false);
                let item = write_value(inner, quote!(item), &names.value, false);
                let (start, end) = wrap(!flattened, name, element.namespace.as_ref());
                let (entry_start, entry_end) = wrap(true, &entry.name, entry.namespace.as_ref());
                quote! {
                    #start
                    for (key, item) in #value.iter() {
                        #entry_start
                        #key
                        #item
                        #entry_end
                    }
                    #end
                }
            } else {
                let wrapper = if flattened {
                    quote!(None)
                } else {
                    let map = element_tokens(element);
                    quote!(Some(#map))
                };
                let entry = element_tokens(&entry);
                let key = element_tokens(&names.key);
                let value_element = element_tokens(&names.value);
                quote!(::smithy_runtime::xml::write_map(w, #wrapper, #entry, #key, #value_element, #value);)
            }
        }
        _ => quote!(::smithy_runtime::xml::XmlEncode::encode_xml(#value, w, #name, #namespace);),
    }
}

/// The start and end of a wrapper element, or nothing.
fn wrap(wrapped: bool, name: &str, namespace: Option<&XmlNamespace>) -> (TokenStream, TokenStream) {
    if !wrapped {
        return (TokenStream::new(), TokenStream::new());
    }
    let declare = namespace.map(|ns| {
        let ns = namespace_ref(ns);
        quote!(w.namespace(#ns);)
    });
    (
        quote! {
            w.start(#name);
            #declare
        },
        quote!(w.end(#name);),
    )
}

/// An `&str` expression: the text of an attribute value `value` (a `&T`).
fn attribute_text(service: &Service, ty: &TypeRef, value: TokenStream) -> TokenStream {
    match ty {
        TypeRef::Timestamp(format) => {
            let format = timestamp_format(format.unwrap_or(TimestampFormat::DateTime));
            quote!(&#value.format(#format))
        }
        TypeRef::Named(id) => match service.types.get(id).map(|d| &d.kind) {
            Some(TypeKind::IntEnum(_)) => quote!(&#value.value().to_string()),
            _ => quote!(#value.as_str()),
        },
        _ => quote!(&::smithy_runtime::text::ToText::to_text(#value)),
    }
}
