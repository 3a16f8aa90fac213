//! One file per wire protocol: how an operation's request is built and its response parsed,
//! and which codec modules the crate has. Everything else (types, values, error types, the
//! operation skeleton, the client) is protocol-neutral, so adding a protocol touches only its
//! own file here (and its runtime module).

mod aws_json;
mod aws_query;
mod http_binding;
mod rest_json;
mod rest_xml;
mod rpc_v2;

use proc_macro2::TokenStream;
use quote::quote;

use super::Module;
use crate::ir::{Operation, Protocol, Service};

/// What a protocol contributes to the generated code.
pub trait ProtocolEmitter: Sync {
    /// Statements ending in an expression of type
    /// `Result<http::Request<Vec<u8>>, smithy_runtime::BuildError>`: the request for `input`
    /// (`&Input`, or `()` for an operation without input).
    fn build_request(&self, service: &Service, op: &Operation) -> TokenStream;

    /// An expression of type `Result<Output, Error>` parsing `response` (an
    /// `http::Response<Vec<u8>>`), `Error` being the operation's error type.
    fn parse_response(&self, service: &Service, op: &Operation) -> TokenStream;

    /// The protocol's codec modules (for the JSON protocols, `json` and `server_json`).
    fn modules<'a>(&self, service: &'a Service) -> Vec<Module<'a>>;

    /// A phrase for the crate docs naming the codec modules `modules` gives `service`.
    fn codec_docs(&self, service: &Service) -> String;
}

/// The emitter of `protocol`, if the generator builds requests for it. Services without a
/// protocol the generator knows get their types, values, JSON codecs and error types, but no
/// operations.
pub fn emitter(protocol: Protocol) -> Option<&'static dyn ProtocolEmitter> {
    match protocol {
        Protocol::AwsJson1_0 => Some(&aws_json::AwsJson {
            version: aws_json::Version::V1_0,
        }),
        Protocol::AwsJson1_1 => Some(&aws_json::AwsJson {
            version: aws_json::Version::V1_1,
        }),
        Protocol::RestJson1 => Some(&rest_json::RestJson),
        Protocol::RestXml => Some(&rest_xml::RestXml),
        Protocol::AwsQuery => Some(&aws_query::AwsQuery {
            flavor: aws_query::Flavor::AwsQuery,
        }),
        Protocol::Ec2Query => Some(&aws_query::AwsQuery {
            flavor: aws_query::Flavor::Ec2Query,
        }),
        Protocol::RpcV2Cbor => Some(&rpc_v2::RpcV2 {
            format: rpc_v2::Format::Cbor,
        }),
        Protocol::RpcV2Json => Some(&rpc_v2::RpcV2 {
            format: rpc_v2::Format::Json,
        }),
        Protocol::Unknown => None,
    }
}

/// The JSON codec modules, for the protocols with JSON bodies (and for services whose protocol
/// the generator does not speak yet, as a data format).
pub fn json_modules(service: &Service) -> Vec<Module<'_>> {
    super::json::modules(service)
}

/// `request` (an expression of type `Result<http::Request<Vec<u8>>, BuildError>`) with the
/// `x-amzn-query-mode: true` header an `@awsQueryCompatible` service expects from the RPC
/// protocols (awsJson, rpcv2Cbor).
fn query_compatible(service: &Service, request: TokenStream) -> TokenStream {
    if service.query_compatible {
        quote!(::smithy_runtime::with_query_mode(#request))
    } else {
        request
    }
}
