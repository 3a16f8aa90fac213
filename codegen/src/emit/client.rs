//! The `client` module: one method per operation over any `Transport`, returning the call's
//! future.

use proc_macro2::TokenStream;
use quote::quote;

use super::operations::named;
use super::{docs_with_notes, ident};
use crate::ir::Service;

/// `Client<T>` with one documented method per operation, returning the
/// future of the call (see `smithy_runtime::send_operation`).
pub fn emit(service: &Service) -> TokenStream {
    let methods = service.operations.iter().filter(|op| !op.event_stream).map(|op| {
        let fn_name = ident(&op.fn_name);
        let op_type = ident(&op.type_name);
        let input = named(service, op.input.as_ref());
        let output = named(service, op.output.as_ref());
        let error = ident(&op.error_type);
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
                ::smithy_runtime::send_operation::<super::operations::#op_type, T>(&self.transport, &self.config, &input)
            }
        }
    });
    let name = &service.sdk_id;
    let (rules_doc, with_rules) = match service.endpoint {
        Some(_) => (
            "The client resolves each call's endpoint with the service's rules (`endpoint::RULES`) \
             from its configuration (region, FIPS, dual-stack, endpoint override…) and the input; \
             the transport only sends (and signs) the request.",
            quote!(config: config.with_rules(&super::endpoint::RULES)),
        ),
        None => (
            "The service has no endpoint rules: the configuration's endpoint URL, if set, is \
             where requests go; otherwise they keep a relative URI for the transport.",
            quote!(config),
        ),
    };
    let doc = format!(
        "A {name} client over any [`smithy_runtime::Transport`]: it builds each request, \
         resolves its endpoint and parses the response.\n\n{rules_doc}\n\nEach method builds \
         its request when called and returns the future that sends it and parses the response."
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct Client<T> {
            transport: T,
            config: ::smithy_runtime::ClientConfig,
        }

        impl<T> Client<T> {
            /// A client sending its requests through `transport`, configured by `config`
            /// (`smithy_runtime::ClientConfig`: region, endpoint override, request options…).
            pub fn new(transport: T, config: ::smithy_runtime::ClientConfig) -> Self {
                Self { transport, #with_rules }
            }

            /// A client configured from the environment and the shared config files (region,
            /// endpoint URL, FIPS, dual-stack), as the AWS SDKs are; see
            /// `smithy_runtime::ClientConfig::load`.
            pub fn from_env(transport: T) -> Result<Self, ::smithy_runtime::config::ConfigError> {
                let config = ::smithy_runtime::ClientConfig::new()
                    .load(#name, &::smithy_runtime::config::Env::real())?;
                Ok(Self::new(transport, config))
            }

            /// The transport.
            pub fn transport(&self) -> &T {
                &self.transport
            }

            /// The configuration calls are made with.
            pub fn config(&self) -> &::smithy_runtime::ClientConfig {
                &self.config
            }
        }

        impl<T: ::smithy_runtime::Transport> Client<T> {
            #(#methods)*
        }
    }
}
