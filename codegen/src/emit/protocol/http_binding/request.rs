//! Input members bound outside the body into a `smithy_runtime::rest::RestRequest`: labels,
//! query parameters, headers, prefix headers, and the payloads whose body is the same in every
//! format (blobs, strings, enums).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::ident;
use crate::emit::rust_type::timestamp_format;
use crate::ir::{Field, HttpBinding, HttpOperation, Location, Service, Struct, TypeKind, TypeRef};

/// `RestRequest::new(method, pattern)` for the operation.
pub fn request_new(http: &HttpOperation) -> TokenStream {
    let method = &http.method;
    let pattern = &http.uri.text;
    quote!(::smithy_runtime::rest::RestRequest::new(#method, #pattern))
}

/// One statement per input member bound outside the body, each a call on `request`.
pub fn request_members(service: &Service, http: &HttpOperation, s: &Struct) -> TokenStream {
    let statements = s.fields.iter().filter_map(|f| {
        let name_of = |binding: &HttpBinding| match binding {
            HttpBinding::Query(name) | HttpBinding::Header(name) | HttpBinding::PrefixHeaders(name) => {
                name.clone()
            }
            _ => f.member_name.clone(),
        };
        let binding = f.request_binding()?;
        let name = name_of(binding);
        let location = match binding {
            HttpBinding::Label => Location::Label,
            HttpBinding::Query(_) => Location::Query,
            HttpBinding::Header(_) => Location::Header,
            _ => Location::Body,
        };
        Some(match binding {
            HttpBinding::Label | HttpBinding::Query(_) | HttpBinding::Header(_) => {
                bound_value(service, f, binding, &name, location)
            }
            HttpBinding::QueryParams => {
                let map = optional_ref(f);
                let reserved = &http.reserved_query;
                let lists = matches!(&f.ty, TypeRef::Map { value, .. } if matches!(value.as_ref(), TypeRef::List { .. }));
                if lists {
                    quote!(request.query_params_lists(#map, &[#(#reserved),*]);)
                } else {
                    quote!(request.query_params(#map, &[#(#reserved),*]);)
                }
            }
            HttpBinding::PrefixHeaders(prefix) => {
                let map = optional_ref(f);
                quote!(request.prefix_headers(#prefix, #map);)
            }
            // The protocol writes the payload; response codes are not in requests.
            HttpBinding::Payload | HttpBinding::ResponseCode => return None,
        })
    });
    quote!(#(#statements)*)
}

/// `Option<&T>` of the field: `input.f.as_ref()` or `Some(&input.f)`.
fn optional_ref(f: &Field) -> TokenStream {
    let field = ident(&f.rust_name);
    if f.optional {
        quote!(input.#field.as_ref())
    } else {
        quote!(Some(&input.#field))
    }
}

/// One `request.label/query/header…(name, value)` statement for a scalar or list member.
fn bound_value(
    service: &Service,
    f: &Field,
    binding: &HttpBinding,
    name: &str,
    location: Location,
) -> TokenStream {
    let (method, timestamps, list) = match binding {
        HttpBinding::Label => (quote!(label), quote!(label_timestamp), quote!(label)),
        HttpBinding::Query(_) => (quote!(query), quote!(query_timestamp), quote!(query_list)),
        _ => (
            quote!(header),
            quote!(header_timestamp),
            quote!(header_list),
        ),
    };
    let format = timestamp_format(f.timestamp_format(location, service.protocol));
    let place = optional_ref(f);
    match &f.ty {
        TypeRef::Timestamp(_) => quote!(request.#timestamps(#name, #place, #format);),
        TypeRef::List { member, sparse, .. } => {
            let elements = if *sparse {
                quote!(list.iter().flatten())
            } else {
                quote!(list.iter())
            };
            match member.as_ref() {
                TypeRef::Timestamp(_) => {
                    let method = match binding {
                        HttpBinding::Query(_) => quote!(query_timestamps),
                        _ => quote!(header_timestamps),
                    };
                    if *sparse {
                        let texts = quote!(#place.map(|list| list.iter().flatten().map(|t| t.format(#format))));
                        quote!(request.#list(#name, #texts);)
                    } else {
                        let field = ident(&f.rust_name);
                        let slice = if f.optional {
                            quote!(input.#field.as_deref())
                        } else {
                            quote!(Some(input.#field.as_slice()))
                        };
                        quote!(request.#method(#name, #slice, #format);)
                    }
                }
                element => match text_of(service, element, quote!(value)) {
                    Some(text) => {
                        quote!(request.#list(#name, #place.map(|list| #elements.map(|value| #text)));)
                    }
                    None if *sparse => quote!(request.#list(#name, #place.map(|list| #elements));),
                    // `&Vec<T>` iterates over `&T`, which has text.
                    None => quote!(request.#list(#name, #place);),
                },
            }
        }
        ty => {
            let value = match text_of(service, ty, quote!(value)) {
                Some(text) => quote!(#place.map(|value| #text)),
                None if matches!(ty, TypeRef::String) && f.media_type.is_some() => {
                    quote!(#place.map(|value| ::smithy_runtime::rest::Base64Text(value)))
                }
                None => place,
            };
            quote!(request.#method(#name, #value);)
        }
    }
}

/// For enums and int enums, the expression turning `value` (a `&Enum`) into something with
/// text (`value.as_str()`, `value.value()`); `None` when the value has text as it is.
fn text_of(service: &Service, ty: &TypeRef, value: TokenStream) -> Option<TokenStream> {
    let TypeRef::Named(id) = ty else {
        return None;
    };
    match service.types.get(id).map(|t| &t.kind) {
        Some(TypeKind::Enum(_)) => Some(quote!(#value.as_str())),
        Some(TypeKind::IntEnum(_)) => Some(quote!(#value.value())),
        _ => None,
    }
}

/// Payload members whose body is the same in every protocol: blobs, strings and enums.
/// Statements giving `request` its body, or `None` for other payloads.
pub fn text_payload(service: &Service, f: &Field) -> Option<TokenStream> {
    let field = ident(&f.rust_name);
    let media_type = f.media_type.as_deref();
    let (bytes, content_type, always) = match &f.ty {
        TypeRef::Blob => (
            quote!(value.as_bytes().to_vec()),
            media_type.unwrap_or("application/octet-stream"),
            // An unset blob payload is an empty body, still typed.
            true,
        ),
        TypeRef::String => (
            quote!(value.as_bytes().to_vec()),
            media_type.unwrap_or("text/plain"),
            false,
        ),
        TypeRef::Named(id)
            if matches!(
                service.types.get(id).map(|t| &t.kind),
                Some(TypeKind::Enum(_))
            ) =>
        {
            (
                quote!(value.as_str().as_bytes().to_vec()),
                media_type.unwrap_or("text/plain"),
                false,
            )
        }
        _ => return None,
    };
    Some(if !f.optional {
        quote! {
            let value = &input.#field;
            request.body(#bytes, #content_type);
        }
    } else if always {
        quote! {
            let body = match &input.#field {
                Some(value) => #bytes,
                None => Vec::new(),
            };
            request.body(body, #content_type);
        }
    } else {
        quote! {
            if let Some(value) = &input.#field {
                request.body(#bytes, #content_type);
            }
        }
    })
}
