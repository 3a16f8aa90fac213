//! awsJson1_0 and awsJson1_1: `POST /` with `X-Amz-Target: <Service>.<Operation>` and the input
//! as a JSON object keyed by member names; responses and errors through the JSON codecs.

use proc_macro2::TokenStream;
use quote::quote;

use super::{json_modules, query_compatible, ProtocolEmitter};
use crate::emit::{ident, Module};
use crate::ir::{Operation, Service};

/// The two versions, which differ only in their content type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V1_0,
    V1_1,
}

/// The awsJson protocol in one of its versions.
pub struct AwsJson {
    pub version: Version,
}

impl ProtocolEmitter for AwsJson {
    fn build_request(&self, service: &Service, op: &Operation) -> TokenStream {
        let version = match self.version {
            Version::V1_0 => quote!(::smithy_runtime::AwsJsonVersion::V1_0),
            Version::V1_1 => quote!(::smithy_runtime::AwsJsonVersion::V1_1),
        };
        let target = format!("{}.{}", service.name, op.wire_name);
        // An operation without input (`()`) sends an empty object.
        let request = quote!(::smithy_runtime::aws_json_request(#version, #target, input));
        query_compatible(service, request)
    }

    fn parse_response(&self, _service: &Service, op: &Operation) -> TokenStream {
        let error = ident(&op.error_type);
        quote!(::smithy_runtime::json::decode_response(response, super::errors::#error::from_json))
    }

    fn modules<'a>(&self, service: &'a Service) -> Vec<Module<'a>> {
        json_modules(service)
    }

    fn codec_docs(&self, _service: &Service) -> String {
        "JSON codecs keyed by member names (`json`)".to_owned()
    }
}
