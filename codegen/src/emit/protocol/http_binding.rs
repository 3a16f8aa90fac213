//! Code shared by the protocols with HTTP bindings (restJson1 now, restXml next): input members
//! into a `smithy_runtime::rest::RestRequest`, and response members (headers, prefix headers,
//! status code, text and blob payloads) out of an `http::Response`. Body formats are the
//! protocols' own business.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::fill;
use crate::emit::ident;
use crate::emit::rust_type::{rust_type, Scope};
use crate::ir::{
    Field, HttpBinding, HttpOperation, Location, Service, Struct, TimestampFormat, TypeKind,
    TypeRef,
};

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
    let format = timestamp_tokens(f.timestamp_format(location, service.protocol));
    let place = optional_ref(f);
    match &f.ty {
        TypeRef::Timestamp(_) => quote!(request.#timestamps(#name, #place, #format);),
        TypeRef::List { member, sparse } => {
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

/// The runtime's name for a timestamp format.
pub fn timestamp_tokens(format: TimestampFormat) -> TokenStream {
    match format {
        TimestampFormat::EpochSeconds => quote!(::smithy_runtime::TimestampFormat::EpochSeconds),
        TimestampFormat::DateTime => quote!(::smithy_runtime::TimestampFormat::DateTime),
        TimestampFormat::HttpDate => quote!(::smithy_runtime::TimestampFormat::HttpDate),
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

/// An expression of type `Option<T>` reading a response member bound to a header, prefix
/// headers or the status code from `response`; `None` for payloads and body members.
pub fn response_member(service: &Service, f: &Field) -> Option<TokenStream> {
    let binding = f.response_binding()?;
    Some(match binding {
        HttpBinding::Header(name) => header_value(service, f, name),
        HttpBinding::PrefixHeaders(prefix) => {
            quote!(::smithy_runtime::rest::prefix_headers(response.headers(), #prefix)?)
        }
        HttpBinding::ResponseCode => quote!(Some(i32::from(response.status().as_u16()))),
        _ => return None,
    })
}

fn header_value(service: &Service, f: &Field, name: &str) -> TokenStream {
    let format = timestamp_tokens(f.timestamp_format(Location::Header, service.protocol));
    let headers = quote!(response.headers());
    match &f.ty {
        TypeRef::Timestamp(_) => {
            quote!(::smithy_runtime::rest::header_timestamp(#headers, #name, #format)?)
        }
        TypeRef::String if f.media_type.is_some() => {
            quote!(::smithy_runtime::rest::header_base64_string(#headers, #name)?)
        }
        TypeRef::List { member, sparse } => {
            let list = match member.as_ref() {
                TypeRef::Timestamp(_) => {
                    quote!(::smithy_runtime::rest::header_timestamps(#headers, #name, #format)?)
                }
                element => {
                    let (text_type, convert) = header_text_type(service, element);
                    let read =
                        quote!(::smithy_runtime::rest::header_list::<#text_type>(#headers, #name)?);
                    match convert {
                        Some(convert) => {
                            quote!(#read.map(|list| list.into_iter().map(#convert).collect()))
                        }
                        None => read,
                    }
                }
            };
            if *sparse {
                quote!(#list.map(|list| list.into_iter().map(Some).collect()))
            } else {
                list
            }
        }
        ty => {
            let (text_type, convert) = header_text_type(service, ty);
            let read = quote!(::smithy_runtime::rest::header::<#text_type>(#headers, #name)?);
            match convert {
                Some(convert) => quote!(#read.map(#convert)),
                None => read,
            }
        }
    }
}

/// The type a header's text is parsed as, and the function converting it to the member's
/// type (enums from their wire value).
fn header_text_type(service: &Service, ty: &TypeRef) -> (TokenStream, Option<TokenStream>) {
    if let TypeRef::Named(id) = ty {
        if let Some(def) = service.types.get(id) {
            let name = ident(&def.name);
            match def.kind {
                TypeKind::Enum(_) => {
                    return (
                        quote!(String),
                        Some(quote!(|value: String| super::types::#name::from(value.as_str()))),
                    )
                }
                TypeKind::IntEnum(_) => {
                    return (quote!(i32), Some(quote!(super::types::#name::from)))
                }
                _ => {}
            }
        }
    }
    (rust_type(service, ty, Scope::Sibling), None)
}

/// The payload member of a response, if any.
pub fn response_payload(s: &Struct) -> Option<&Field> {
    s.fields
        .iter()
        .find(|f| matches!(f.response_binding(), Some(HttpBinding::Payload)))
}

/// An expression of type `Option<T>` reading a blob, string or enum payload from the body;
/// `None` for other payloads.
pub fn text_payload_value(service: &Service, f: &Field) -> Option<TokenStream> {
    let body = quote!(response.body());
    Some(match &f.ty {
        TypeRef::Blob => quote!(::smithy_runtime::rest::blob_payload(#body)),
        TypeRef::String => quote!(::smithy_runtime::rest::string_payload(#body)?),
        TypeRef::Named(id) => {
            let def = service.types.get(id)?;
            if !matches!(def.kind, TypeKind::Enum(_)) {
                return None;
            }
            let name = ident(&def.name);
            quote!(::smithy_runtime::rest::string_payload(#body)?.map(|value| super::types::#name::from(value.as_str())))
        }
        _ => return None,
    })
}

/// The value of a response member read by `read` (an `Option<T>` expression), with the
/// default or zero value when a non-optional member is missing.
pub fn filled(service: &Service, f: &Field, read: TokenStream) -> TokenStream {
    fill::finish_field(service, f, read.clone()).unwrap_or(read)
}
