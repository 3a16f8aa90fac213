//! The `operations` module (a sans-IO `Operation` per operation) and the
//! `client` module (one method per operation over any `Transport`, returning the call's future).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{docs_with_notes, ident};
use crate::ir::{HostPrefixPart, Operation, Protocol, Service};

/// Whether operations and a client are generated for this protocol.
pub fn supported(protocol: Protocol) -> bool {
    matches!(protocol, Protocol::AwsJson1_0 | Protocol::AwsJson1_1)
}

fn input_type(service: &Service, op: &Operation) -> TokenStream {
    named(service, op.input.as_ref())
}

fn output_type(service: &Service, op: &Operation) -> TokenStream {
    named(service, op.output.as_ref())
}

fn named(service: &Service, id: Option<&crate::model::ShapeId>) -> TokenStream {
    match id.and_then(|id| service.types.get(id)) {
        Some(def) => {
            let name = ident(&def.name);
            quote!(super::types::#name)
        }
        None => quote!(()),
    }
}

/// One unit struct per operation implementing `smithy_runtime::Operation`.
/// The structs are named after operations, so standard types and values are
/// written in full here: a model may have an operation called `Result` or `Ok`.
/// (Derives need no path: derive macros live in their own namespace.)
pub fn emit_operations(service: &Service) -> TokenStream {
    let version = match service.protocol {
        Protocol::AwsJson1_0 => quote!(::smithy_runtime::AwsJsonVersion::V1_0),
        _ => quote!(::smithy_runtime::AwsJsonVersion::V1_1),
    };
    let items = service.operations.iter().filter(|op| !op.streaming).map(|op| {
        let name = ident(&op.type_name);
        let wire = &op.wire_name;
        let target = format!("{}.{}", service.name, op.wire_name);
        let input = input_type(service, op);
        let output = output_type(service, op);
        let error = format_ident!("{}Error", op.type_name);
        let docs = docs_with_notes(op.docs.as_deref(), &[&format!("The `{wire}` operation: builds its request and parses its response (sans-IO).")]);
        let body = if op.input.is_some() {
            quote!(::smithy_runtime::json::to_vec::<dyn ::smithy_runtime::JsonEncode>(input))
        } else {
            quote!({
                let () = input;
                ::std::vec::Vec::from(&b"{}"[..])
            })
        };
        let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
        // The impl names the deprecated struct; only users of it should be warned.
        let allow_deprecated = op.deprecated.then(|| quote!(#[allow(deprecated)]));
        let host_prefix = op.host_prefix.as_ref().map(|prefix| {
            let parts = prefix.parts.iter().map(|part| match part {
                HostPrefixPart::Literal(text) => match text.chars().collect::<Vec<_>>().as_slice() {
                    [c] => quote!(prefix.push(#c);),
                    _ => quote!(prefix.push_str(#text);),
                },
                HostPrefixPart::Label { field, optional: true } => {
                    let field = ident(field);
                    quote!(prefix.push_str(input.#field.as_deref().unwrap_or_default());)
                }
                HostPrefixPart::Label { field, optional: false } => {
                    let field = ident(field);
                    quote!(prefix.push_str(&input.#field);)
                }
            });
            quote! {
                let mut prefix = ::std::string::String::new();
                #(#parts)*
                request.extensions_mut().insert(::smithy_runtime::HostPrefix(prefix));
            }
        });
        let gzip = op.gzip_request.then(|| quote!(::smithy_runtime::gzip_request(&mut request);));
        let build = if host_prefix.is_some() || gzip.is_some() {
            quote! {
                let mut request = ::smithy_runtime::aws_json_request(#version, #target, #body);
                #host_prefix
                #gzip
                request
            }
        } else {
            quote!(::smithy_runtime::aws_json_request(#version, #target, #body))
        };
        quote! {
            #docs
            #deprecated
            #[derive(Clone, Copy, Debug, Default)]
            pub struct #name;

            #allow_deprecated
            impl ::smithy_runtime::Operation for #name {
                const NAME: &'static str = #wire;
                type Input = #input;
                type Output = #output;
                type Error = super::errors::#error;

                fn build_request(input: &Self::Input) -> ::smithy_runtime::http::Request<::std::vec::Vec<u8>> {
                    #build
                }

                fn parse_response(
                    response: ::smithy_runtime::http::Response<::std::vec::Vec<u8>>,
                ) -> ::std::result::Result<Self::Output, Self::Error> {
                    ::smithy_runtime::decode_aws_json_response(response, super::errors::#error::from_json)
                }
            }
        }
    });
    quote!(#(#items)*)
}

/// `Client<T>` with one documented method per operation, returning the
/// future of the call (see `smithy_runtime::send_operation`).
pub fn emit_client(service: &Service) -> TokenStream {
    let methods = service.operations.iter().filter(|op| !op.streaming).map(|op| {
        let fn_name = ident(&op.fn_name);
        let op_type = ident(&op.type_name);
        let input = input_type(service, op);
        let output = output_type(service, op);
        let error = format_ident!("{}Error", op.type_name);
        let docs = docs_with_notes(op.docs.as_deref(), &[&format!("Calls `{}`.", op.wire_name)]);
        let deprecated = op.deprecated.then(|| quote!(#[deprecated] #[allow(deprecated)]));
        quote! {
            #docs
            #deprecated
            pub fn #fn_name(
                &self,
                input: #input,
            ) -> impl ::std::future::Future<
                Output = Result<#output, ::smithy_runtime::InvokeError<super::errors::#error>>,
            > + '_ {
                ::smithy_runtime::send_operation::<super::operations::#op_type, T>(&self.transport, &input)
            }
        }
    });
    let name = &service.sdk_id;
    let doc = format!("A {name} client over any [`smithy_runtime::Transport`]: the transport sends requests (and signs them, sets the endpoint, retries…); this client builds and parses them.\n\nEach method builds its request when called and returns the future that sends it and parses the response.");
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct Client<T> {
            transport: T,
        }

        impl<T> Client<T> {
            /// A client sending its requests through `transport`.
            pub fn new(transport: T) -> Self {
                Self { transport }
            }

            /// The transport.
            pub fn transport(&self) -> &T {
                &self.transport
            }
        }

        impl<T: ::smithy_runtime::Transport> Client<T> {
            #(#methods)*
        }
    }
}
