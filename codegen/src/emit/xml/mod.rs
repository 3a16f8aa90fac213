//! XML codecs (restXml bodies, awsQuery and ec2Query responses): `XmlDecode` and `XmlEncode`
//! for every type, with the element names, namespaces, attributes and flattening of the
//! `@xml*` traits. As for JSON, the codecs of an operation's input, output or error cover its
//! body, and the runtime does the generic work.

mod decode;
mod encode;

use proc_macro2::TokenStream;
use quote::quote;

use super::bodies::{body_fields, Side};
use super::{ident, Module, SERVER_CODECS};
use crate::ir::{Service, TimestampFormat, TypeKind, TypeRef, XmlNamespace};

/// Which XML codecs a service needs: decoders always (responses are XML), encoders only when
/// requests are XML too (restXml; the query protocols send forms).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Requests {
    Xml,
    Form,
}

/// The `xml` module (the codecs a client uses) and, when some type travels one way only or
/// requests are forms, the `server_xml` module with the other direction behind the
/// `server-codecs` feature.
pub fn modules(service: &Service, requests: Requests) -> Vec<Module<'_>> {
    let mut modules = vec![Module {
        name: "xml",
        doc: match requests {
            Requests::Xml => {
                "XML codecs: encoders for what the client sends, decoders for what it receives."
            }
            Requests::Form => "XML decoders for what the client receives.",
        }
        .to_owned(),
        items: Box::new(move || emit(service, Side::Client, requests)),
        test_only: false,
        feature: None,
    }];
    if requests == Requests::Form || super::map_codec::server_side_needed(service) {
        modules.push(Module {
            name: "server_xml",
            doc: format!(
                "The XML codecs a client does not need: {}, for servers, test doubles and \
                 round-trip tests. In a crate, behind the `{SERVER_CODECS}` feature (on by \
                 default when generated with `--server-codecs`).",
                match requests {
                    Requests::Xml => "decoders for what it sends and encoders for what it receives",
                    Requests::Form => "encoders for what it receives (requests are forms)",
                }
            ),
            items: Box::new(move || emit(service, Side::Server, requests)),
            test_only: false,
            feature: Some(SERVER_CODECS),
        });
    }
    modules
}

/// The XML codecs of `side`, in shape-id order.
fn emit(service: &Service, side: Side, requests: Requests) -> TokenStream {
    let (encoded, decoded) = side.messages();
    let impls = service.types.values().map(|def| {
        let name = ident(&def.name);
        // Under a query protocol requests are forms, not XML: a client only decodes what it
        // receives, and a server only encodes it (the client has no XML encoder to share).
        let (encode, decode) = match (requests, side) {
            (Requests::Xml, _) => side.codecs(def),
            (Requests::Form, Side::Client) => (false, side.codecs(def).1),
            (Requests::Form, Side::Server) => (Side::Client.codecs(def).1, false),
        };
        let encode = encode.then(|| {
            let body = match &def.kind {
                TypeKind::Struct(s) => encode::encode_struct(service, &body_fields(s, encoded)),
                TypeKind::Union(u) => encode::encode_union(u),
                TypeKind::Enum(_) => quote!(w.element(name, namespace, self.as_str());),
                TypeKind::IntEnum(_) => {
                    quote!(w.element(name, namespace, &self.value().to_string());)
                }
            };
            quote! {
                impl ::smithy_runtime::xml::XmlEncode for super::types::#name {
                    fn encode_xml(
                        &self,
                        w: &mut ::smithy_runtime::xml::XmlWriter,
                        name: &str,
                        namespace: Option<&::smithy_runtime::xml::Namespace>,
                    ) {
                        #body
                    }
                }
            }
        });
        let decode = decode.then(|| {
            let body = match &def.kind {
                TypeKind::Struct(s) => decode::decode_body(service, def, &body_fields(s, decoded)),
                _ => decode::decode_body(service, def, &[]),
            };
            quote! {
                impl ::smithy_runtime::xml::XmlDecode for super::types::#name {
                    fn decode_xml(
                        r: &mut ::smithy_runtime::xml::XmlReader<'_>,
                    ) -> Result<Self, ::smithy_runtime::DecodeError> {
                        #body
                    }
                }
            }
        });
        quote!(#encode #decode)
    });
    quote!(#(#impls)*)
}

/// Whether writing `ty` (as XML or as query parameters) needs generated code rather than its
/// encoder and the runtime's collection helpers: a timestamp in a format other than date-time,
/// or a collection holding one or holding collections (whose item names the helpers cannot
/// know).
pub fn needs_custom_writer(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Timestamp(Some(format)) => *format != TimestampFormat::DateTime,
        TypeRef::List { member: inner, .. } | TypeRef::Map { value: inner, .. } => {
            needs_custom_writer(inner)
                || matches!(inner.as_ref(), TypeRef::List { .. } | TypeRef::Map { .. })
        }
        _ => false,
    }
}

/// `&Namespace { … }` for a declared namespace.
fn namespace_ref(namespace: &XmlNamespace) -> TokenStream {
    let uri = &namespace.uri;
    let prefix = match &namespace.prefix {
        Some(p) => quote!(Some(#p)),
        None => quote!(None),
    };
    quote!(&::smithy_runtime::xml::Namespace { prefix: #prefix, uri: #uri })
}

/// `Some(&Namespace { … })` or `None`.
pub fn namespace_tokens(namespace: Option<&XmlNamespace>) -> TokenStream {
    match namespace {
        Some(namespace) => {
            let ns = namespace_ref(namespace);
            quote!(Some(#ns))
        }
        None => quote!(None),
    }
}
