//! rpcv2Cbor: `POST /service/<Service>/operation/<Operation>` with `smithy-protocol:
//! rpc-v2-cbor` and the input as a CBOR map keyed by member names (no body for an operation
//! without input); responses and errors (`__type`) through the CBOR codecs.

use proc_macro2::TokenStream;
use quote::quote;

use super::{query_compatible, ProtocolEmitter};
use crate::emit::{cbor, ident, Module};
use crate::ir::{Operation, Service};

/// The rpcv2Cbor protocol.
pub struct RpcV2Cbor;

impl ProtocolEmitter for RpcV2Cbor {
    fn build_request(&self, service: &Service, op: &Operation) -> TokenStream {
        let service_name = &service.name;
        let operation = &op.wire_name;
        let request = match op.input {
            Some(_) => quote! {
                ::smithy_runtime::cbor::rpc_v2_cbor_request(#service_name, #operation, ::std::option::Option::Some(input))
            },
            // No input: no body (the input is `()`).
            None => quote! {{
                let () = *input;
                ::smithy_runtime::cbor::rpc_v2_cbor_request(#service_name, #operation, ::std::option::Option::None)
            }},
        };
        query_compatible(service, request)
    }

    fn parse_response(&self, _service: &Service, op: &Operation) -> TokenStream {
        let error = ident(&op.error_type);
        quote!(::smithy_runtime::cbor::decode_response(response, super::errors::#error::from_cbor))
    }

    fn modules<'a>(&self, service: &'a Service) -> Vec<Module<'a>> {
        cbor::modules(service)
    }

    fn codec_docs(&self, _service: &Service) -> String {
        "CBOR codecs keyed by member names (`cbor`)".to_owned()
    }
}
