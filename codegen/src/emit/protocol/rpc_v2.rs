//! rpcv2Cbor and rpcv2Json: `POST /service/<Service>/operation/<Operation>` with a
//! `smithy-protocol` header naming the format and the input as a map keyed by member names (no
//! body for an operation without input); responses and errors (`__type`) through the format's
//! codecs.

use proc_macro2::TokenStream;
use quote::quote;

use super::{json_modules, query_compatible, ProtocolEmitter};
use crate::emit::{cbor, ident, Module};
use crate::ir::{Operation, Service};

/// The body format of an rpcv2 protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Cbor,
    Json,
}

/// An rpcv2 protocol.
pub struct RpcV2 {
    pub format: Format,
}

impl ProtocolEmitter for RpcV2 {
    fn build_request(&self, service: &Service, op: &Operation) -> TokenStream {
        let service_name = &service.name;
        let operation = &op.wire_name;
        let function = match self.format {
            Format::Cbor => quote!(::smithy_runtime::cbor::rpc_v2_cbor_request),
            Format::Json => quote!(::smithy_runtime::rpc_v2_json_request),
        };
        let request = match op.input {
            Some(_) => quote! {
                #function(#service_name, #operation, ::std::option::Option::Some(input))
            },
            // No input: no body (the input is `()`).
            None => quote! {{
                let () = *input;
                #function(#service_name, #operation, ::std::option::Option::None)
            }},
        };
        query_compatible(service, request)
    }

    fn parse_response(&self, _service: &Service, op: &Operation) -> TokenStream {
        let error = ident(&op.error_type);
        match self.format {
            Format::Cbor => {
                quote!(::smithy_runtime::cbor::decode_response(response, super::errors::#error::from_cbor))
            }
            Format::Json => {
                quote!(::smithy_runtime::json::decode_response(response, super::errors::#error::from_json))
            }
        }
    }

    fn modules<'a>(&self, service: &'a Service) -> Vec<Module<'a>> {
        match self.format {
            Format::Cbor => cbor::modules(service),
            Format::Json => json_modules(service),
        }
    }

    fn codec_docs(&self, _service: &Service) -> String {
        match self.format {
            Format::Cbor => "CBOR codecs keyed by member names (`cbor`)",
            Format::Json => "JSON codecs keyed by member names (`json`)",
        }
        .to_owned()
    }
}
