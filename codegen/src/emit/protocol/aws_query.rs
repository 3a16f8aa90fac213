//! awsQuery and ec2Query: `POST /` with a form body (`Action`, `Version` and the input's
//! parameters), XML responses (awsQuery's wrapped in `<OperationResult>`) and XML errors.

use proc_macro2::TokenStream;
use quote::quote;

use super::ProtocolEmitter;
use crate::emit::xml::{self, Requests};
use crate::emit::{ident, query, Module};
use crate::ir::{Operation, Service};

/// The two query protocols, which differ in their keys and response wrapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavor {
    AwsQuery,
    Ec2Query,
}

/// awsQuery or ec2Query.
pub struct AwsQuery {
    pub flavor: Flavor,
}

impl ProtocolEmitter for AwsQuery {
    fn build_request(&self, service: &Service, op: &Operation) -> TokenStream {
        let action = &op.wire_name;
        let version = service.version.as_deref().unwrap_or_default();
        let writer = quote!(::smithy_runtime::query::QueryWriter::new(#action, #version));
        match op.input {
            Some(_) => quote! {
                let mut w = #writer;
                ::smithy_runtime::query::QueryEncode::encode_query(input, &mut w, "");
                w.finish()
            },
            None => quote! {
                let () = input;
                #writer.finish()
            },
        }
    }

    fn parse_response(&self, _service: &Service, op: &Operation) -> TokenStream {
        let error = ident(&op.error_type);
        // awsQuery wraps the output in `<OperationResult>`; ec2Query does not.
        let result = match self.flavor {
            Flavor::AwsQuery => format!("{}Result", op.wire_name),
            Flavor::Ec2Query => String::new(),
        };
        let root = format!("{}Response", op.wire_name);
        quote! {
            ::smithy_runtime::query::decode_response(response, #root, #result, super::errors::#error::from_xml)
        }
    }

    fn modules<'a>(&self, service: &'a Service) -> Vec<Module<'a>> {
        let mut modules = xml::modules(service, Requests::Form);
        modules.push(query::module(service));
        modules
    }

    fn codec_docs(&self, _service: &Service) -> String {
        "form encoders of what the client sends (`query`), XML decoders of what it receives (`xml`)"
            .to_owned()
    }
}
