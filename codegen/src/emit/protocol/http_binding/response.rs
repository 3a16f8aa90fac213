//! Response members bound outside the body out of an `http::Response` (headers, prefix headers,
//! the status code, text and blob payloads), and the `DecodeResponse` impl of a structure read
//! from a whole response.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::fill;
use crate::emit::ident;
use crate::emit::rust_type::{rust_type, timestamp_format, Scope};
use crate::ir::{Field, HttpBinding, Location, Service, Struct, TypeDef, TypeKind, TypeRef};

/// An expression of type `Option<T>` reading a response member bound to a header, prefix
/// headers or the status code from `response`; `None` for payloads and body members.
fn response_member(service: &Service, f: &Field) -> Option<TokenStream> {
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
    let format = timestamp_format(f.timestamp_format(Location::Header, service.protocol));
    let headers = quote!(response.headers());
    match &f.ty {
        TypeRef::Timestamp(_) => {
            quote!(::smithy_runtime::rest::header_timestamp(#headers, #name, #format)?)
        }
        TypeRef::String if f.media_type.is_some() => {
            quote!(::smithy_runtime::rest::header_base64_string(#headers, #name)?)
        }
        TypeRef::List { member, sparse, .. } => {
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
fn filled(service: &Service, f: &Field, read: TokenStream) -> TokenStream {
    fill::finish_field(service, f, read.clone()).unwrap_or(read)
}

/// `impl DecodeResponse` of a structure read from a whole response: `root`, when some member
/// is the whole body (a payload, or an unwrapped XML output), with the `Option<T>` expression
/// reading it, else `body` (a `Result<Self, DecodeError>` expression decoding the members in
/// the body); then each member bound to a header, prefix headers or the status code.
pub fn decode_response_impl(
    service: &Service,
    def: &TypeDef,
    s: &Struct,
    root: Option<(&Field, TokenStream)>,
    body: TokenStream,
) -> TokenStream {
    let name = ident(&def.name);
    let bound: Vec<(&Field, TokenStream)> = s
        .fields
        .iter()
        .filter_map(|f| {
            let read = response_member(service, f)?;
            Some((f, filled(service, f, read)))
        })
        .collect();
    let initializers = bound.iter().map(|(f, value)| {
        let field = ident(&f.rust_name);
        quote!(#field: #value,)
    });
    let decode = if let Some((member, read)) = root {
        let field = ident(&member.rust_name);
        let value = filled(service, member, read);
        // Other body members cannot be in a body that is one member's value.
        let others = s
            .fields
            .iter()
            .filter(|f| f.response_binding().is_none() && f.rust_name != member.rust_name)
            .map(|f| {
                let field = ident(&f.rust_name);
                let value = if f.optional {
                    quote!(None)
                } else {
                    fill::missing_value(service, f).unwrap_or_else(|| quote!(Default::default()))
                };
                quote!(#field: #value,)
            });
        quote!(Ok(Self { #field: #value, #(#others)* #(#initializers)* }))
    } else if s.fields.iter().all(|f| f.response_binding().is_some()) {
        quote!(Ok(Self { #(#initializers)* }))
    } else {
        let assignments = bound.iter().map(|(f, value)| {
            let field = ident(&f.rust_name);
            quote!(value.#field = #value;)
        });
        quote! {
            let mut value: Self = #body?;
            #(#assignments)*
            Ok(value)
        }
    };
    quote! {
        impl ::smithy_runtime::rest::DecodeResponse for super::types::#name {
            fn decode_response(
                response: &::smithy_runtime::HttpResponse,
            ) -> Result<Self, ::smithy_runtime::DecodeError> {
                #decode
            }
        }
    }
}
