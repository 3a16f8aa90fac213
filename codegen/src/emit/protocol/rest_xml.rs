//! restXml: HTTP bindings (shared with restJson1, in `http_binding`) with XML bodies whose root
//! element is the input's name, XML structure and union payloads named by their member or
//! target, and errors in `<ErrorResponse><Error>` (or S3's bare `<Error>`).

use proc_macro2::TokenStream;
use quote::quote;

use super::http_binding;
use super::ProtocolEmitter;
use crate::emit::xml::{self, namespace_tokens, Requests};
use crate::emit::{ident, Module};
use crate::ir::{
    Field, HttpBinding, Operation, Service, Struct, StructRole, TypeDef, TypeKind, TypeRef,
    XmlNamespace,
};

/// The restXml protocol.
pub struct RestXml;

impl ProtocolEmitter for RestXml {
    fn build_request(&self, service: &Service, op: &Operation) -> TokenStream {
        http_binding::build_request(service, op, |def, s| request_body(service, def, s))
    }

    fn parse_response(&self, service: &Service, op: &Operation) -> TokenStream {
        let error = ident(&op.error_type);
        let errors = quote!(super::errors::#error::from_xml);
        let parse = match service.output_of(op) {
            Some((def, s)) if !s.has_response_bindings() && !op.unwrapped_xml_output => {
                let root = &def.xml.name;
                quote!(::smithy_runtime::xml::decode_response(response, #root, #errors))
            }
            _ => quote! {
                ::smithy_runtime::rest::decode_response(response, ::smithy_runtime::xml_error_summary, #errors)
            },
        };
        if op.errors_in_success {
            quote! {
                if let Some(error) = ::smithy_runtime::xml::error_in_success(&response) {
                    return Err(::smithy_runtime::ParseError::service(#errors(&error), &error));
                }
                #parse
            }
        } else {
            parse
        }
    }

    fn modules<'a>(&self, service: &'a Service) -> Vec<Module<'a>> {
        let mut modules = xml::modules(service, Requests::Xml);
        if bound_responses(service).next().is_some() {
            modules.push(http_binding::bindings_module("XML", move || {
                let impls = bound_responses(service)
                    .map(|(def, s, unwrapped)| decode_response(service, def, s, unwrapped));
                quote!(#(#impls)*)
            }));
        }
        modules
    }

    fn codec_docs(&self, service: &Service) -> String {
        let mut docs = "XML codecs (`xml`)".to_owned();
        if bound_responses(service).next().is_some() {
            docs.push_str(http_binding::BINDINGS_DOCS);
        }
        docs
    }
}

/// The namespace a root element declares: its own, else the service's.
fn root_namespace<'a>(
    service: &'a Service,
    own: Option<&'a XmlNamespace>,
) -> Option<&'a XmlNamespace> {
    own.or(service.xml_namespace.as_ref())
}

/// Statements giving `request` its body: the payload member, or the XML document of the
/// members not bound elsewhere (root element named after the input), or nothing.
fn request_body(service: &Service, def: &TypeDef, s: &Struct) -> TokenStream {
    let payload = s
        .fields
        .iter()
        .find(|f| matches!(f.request_binding(), Some(HttpBinding::Payload)));
    if let Some(f) = payload {
        return http_binding::text_payload(service, f).unwrap_or_else(|| xml_payload(service, f));
    }
    if s.fields.iter().any(|f| f.request_binding().is_none()) {
        let name = &def.xml.name;
        let namespace = namespace_tokens(root_namespace(service, def.xml.namespace.as_ref()));
        return quote! {
            request.body(
                ::smithy_runtime::xml::to_vec(input, #name, #namespace),
                "application/xml",
            );
        };
    }
    TokenStream::new()
}

/// The root element of a structure or union payload: named by the member's `@xmlName`, else
/// by the target's name (or its `@xmlName`); its namespace is the member's, else the
/// target's, else the service's.
fn payload_root<'a>(service: &'a Service, f: &'a Field) -> (&'a str, Option<&'a XmlNamespace>) {
    let target = match &f.ty {
        TypeRef::Named(id) => service.types.get(id),
        _ => None,
    };
    let name = match target {
        Some(def) if !f.xml.renamed => &def.xml.name,
        _ => &f.xml.name,
    };
    let own = f
        .xml
        .namespace
        .as_ref()
        .or(target.and_then(|t| t.xml.namespace.as_ref()));
    (name, root_namespace(service, own))
}

/// A structure or union payload as an XML document (see [`payload_root`]); an unset payload is
/// an empty body (still typed).
fn xml_payload(service: &Service, f: &Field) -> TokenStream {
    let field = ident(&f.rust_name);
    let (name, namespace) = payload_root(service, f);
    let namespace = namespace_tokens(namespace);
    let encode = quote!(::smithy_runtime::xml::to_vec(value, #name, #namespace));
    if !f.optional {
        return quote! {
            let value = &input.#field;
            request.body(#encode, "application/xml");
        };
    }
    quote! {
        let body = match &input.#field {
            Some(value) => #encode,
            None => Vec::new(),
        };
        request.body(body, "application/xml");
    }
}

/// The received structures decoded from a whole response: outputs and errors with members
/// bound outside the body, and outputs of operations whose XML body is their one member.
fn bound_responses(service: &Service) -> impl Iterator<Item = (&TypeDef, &Struct, bool)> {
    service.types.values().filter_map(|def| {
        let TypeKind::Struct(s) = &def.kind else {
            return None;
        };
        let unwrapped = service
            .operations
            .iter()
            .any(|op| op.unwrapped_xml_output && op.output.as_ref() == Some(&def.id));
        (def.received && (s.has_response_bindings() || unwrapped)).then_some((def, s, unwrapped))
    })
}

/// `impl DecodeResponse`: the payload (or an unwrapped output's one member), or the XML body's
/// members (an error's from its `<Error>` element), then each member bound to a header, prefix
/// headers or the status code.
fn decode_response(service: &Service, def: &TypeDef, s: &Struct, unwrapped: bool) -> TokenStream {
    let root_member = if unwrapped {
        s.fields.iter().find(|f| f.response_binding().is_none())
    } else {
        http_binding::response_payload(s)
    };
    let root = root_member.map(|member| {
        // An unwrapped output's member is the root element, named after the member.
        let root = if unwrapped {
            member.xml.name.as_str()
        } else {
            payload_root(service, member).0
        };
        let xml_read = || {
            let read = quote!(::smithy_runtime::xml::from_payload(response.body(), #root)?);
            if member.boxed {
                quote!(#read.map(Box::new))
            } else {
                read
            }
        };
        // An unwrapped output's member is the root element, whatever its type.
        let read = if unwrapped {
            xml_read()
        } else {
            http_binding::text_payload_value(service, member).unwrap_or_else(xml_read)
        };
        (member, read)
    });
    let body = if matches!(s.role, StructRole::Error { .. }) {
        quote!(::smithy_runtime::xml::error_from_slice(response.body()))
    } else {
        let root = &def.xml.name;
        quote!(::smithy_runtime::xml::from_body(response.body(), #root))
    };
    http_binding::decode_response_impl(service, def, s, root, body)
}
