//! restJson1: HTTP bindings (shared with restXml, in `http_binding`) with JSON bodies keyed by
//! `@jsonName`, JSON structure, union and document payloads, and the awsJson error-code rules.

use proc_macro2::TokenStream;
use quote::quote;

use super::http_binding;
use super::{json_modules, ProtocolEmitter};
use crate::emit::{ident, Module};
use crate::ir::{Field, HttpBinding, Operation, Service, Struct, TypeDef, TypeKind, TypeRef};

/// The restJson1 protocol.
pub struct RestJson;

impl ProtocolEmitter for RestJson {
    fn build_request(&self, service: &Service, op: &Operation) -> TokenStream {
        http_binding::build_request(service, op, |_, s| request_body(service, s))
    }

    fn parse_response(&self, service: &Service, op: &Operation) -> TokenStream {
        let error = ident(&op.error_type);
        let errors = quote!(super::errors::#error::from_json);
        match service.output_of(op) {
            Some((_, s)) if s.has_response_bindings() => quote! {
                ::smithy_runtime::rest::decode_response(response, ::smithy_runtime::json_error_parts, #errors)
            },
            _ => quote!(::smithy_runtime::json::decode_response(response, #errors)),
        }
    }

    fn modules<'a>(&self, service: &'a Service) -> Vec<Module<'a>> {
        let mut modules = json_modules(service);
        if bound_responses(service).next().is_some() {
            modules.push(http_binding::bindings_module("JSON", move || {
                let impls =
                    bound_responses(service).map(|(def, s)| decode_response(service, def, s));
                quote!(#(#impls)*)
            }));
        }
        modules
    }

    fn codec_docs(&self, service: &Service) -> String {
        let mut docs = "JSON codecs keyed by `@jsonName` (`json`)".to_owned();
        if bound_responses(service).next().is_some() {
            docs.push_str(http_binding::BINDINGS_DOCS);
        }
        docs
    }
}

/// Statements giving `request` its body: the payload member, or the JSON object of the
/// members not bound elsewhere (`{}` when none is set), or nothing when every member is bound.
fn request_body(service: &Service, s: &Struct) -> TokenStream {
    let payload = s
        .fields
        .iter()
        .find(|f| matches!(f.request_binding(), Some(HttpBinding::Payload)));
    if let Some(f) = payload {
        return http_binding::text_payload(service, f).unwrap_or_else(|| json_payload(service, f));
    }
    if s.fields.iter().any(|f| f.request_binding().is_none()) {
        return quote! {
            request.body(
                ::smithy_runtime::json::to_vec::<dyn ::smithy_runtime::JsonEncode>(input),
                "application/json",
            );
        };
    }
    TokenStream::new()
}

/// A structure, union or document payload as JSON. An unset structure is `{}` (the body of a
/// structure whose members are all unset); an unset union or document sends no body.
fn json_payload(service: &Service, f: &Field) -> TokenStream {
    let field = ident(&f.rust_name);
    let encode = quote!(::smithy_runtime::json::to_vec::<
        dyn ::smithy_runtime::JsonEncode,
    >(value));
    if !f.optional {
        return quote! {
            let value = &input.#field;
            request.body(#encode, "application/json");
        };
    }
    let structure = matches!(&f.ty, TypeRef::Named(id)
        if matches!(service.types.get(id).map(|t| &t.kind), Some(TypeKind::Struct(_))));
    if structure {
        quote! {
            let body = match &input.#field {
                Some(value) => #encode,
                None => Vec::from(&b"{}"[..]),
            };
            request.body(body, "application/json");
        }
    } else {
        quote! {
            if let Some(value) = &input.#field {
                request.body(#encode, "application/json");
            }
        }
    }
}

/// The received structures with members bound outside a response's body: outputs and errors
/// that need a `DecodeResponse`.
fn bound_responses(service: &Service) -> impl Iterator<Item = (&TypeDef, &Struct)> {
    service.types.values().filter_map(|def| match &def.kind {
        TypeKind::Struct(s) if def.received && s.has_response_bindings() => Some((def, s)),
        _ => None,
    })
}

/// `impl DecodeResponse`: the payload, or the JSON body's members, then each member bound to a
/// header, prefix headers or the status code.
fn decode_response(service: &Service, def: &TypeDef, s: &Struct) -> TokenStream {
    let root = http_binding::response_payload(s).map(|payload| {
        let read = http_binding::text_payload_value(service, payload).unwrap_or_else(|| {
            let read = quote!(::smithy_runtime::json::from_payload(response.body())?);
            if payload.boxed {
                quote!(#read.map(Box::new))
            } else {
                read
            }
        });
        (payload, read)
    });
    let body = quote!(::smithy_runtime::from_slice(response.body()));
    http_binding::decode_response_impl(service, def, s, root, body)
}
