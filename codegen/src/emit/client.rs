//! The `client` module: one method per operation over any `Transport`, returning the call's
//! future.

use proc_macro2::TokenStream;
use quote::quote;

use super::operations::named;
use super::{docs_with_notes, examples, ident};
use crate::ir::Service;

/// `Client<T>` with one documented method per operation, returning the
/// future of the call (see `smithy_runtime::send_operation`).
/// `library` is the crate's name in Rust code when the output is a crate: each method's docs
/// then show an example ([`examples`]).
pub fn emit(service: &Service, library: Option<&str>) -> TokenStream {
    let methods = service.operations.iter().filter(|op| !op.event_stream).map(|op| {
        let fn_name = ident(&op.fn_name);
        let op_type = ident(&op.type_name);
        let input = named(service, op.input.as_ref());
        let output = named(service, op.output.as_ref());
        let error = ident(&op.error_type);
        let calls = format!("Calls `{}`.", op.wire_name);
        let example = library.and_then(|library| examples::operation_example(service, op, library));
        let notes: Vec<&str> = [Some(calls.as_str()), example.as_deref()].into_iter().flatten().collect();
        let docs = docs_with_notes(op.docs.as_deref(), &notes);
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
             the client signs the request and the transport only sends it.",
            quote!(config: config.with_rules(&super::endpoint::RULES).with_sdk_id(#name)),
        ),
        None => (
            "The service has no endpoint rules: the configuration's endpoint URL, if set, is \
             where requests go; otherwise they keep a relative URI for the transport.",
            quote!(config: config.with_sdk_id(#name)),
        ),
    };
    let doc = format!(
        "A {name} client over any [`smithy_runtime::Transport`]: it builds each request, \
         resolves its endpoint, signs it, sends it (retrying throttling and transient failures) \
         and parses the response.\n\n{rules_doc}\n\nEach method builds its request when called \
         and returns the future that sends it and parses the response.\n\n`Client::from_env()` \
         reads region, credentials and settings as the AWS SDKs do and sends over the default \
         transport; `Client::new(transport, config)` takes both from the caller."
    );
    quote! {
        #[doc = #doc]
        #[derive(Clone, Debug)]
        pub struct Client<T = ::smithy_runtime::DefaultTransport> {
            transport: T,
            config: ::smithy_runtime::ClientConfig,
        }

        impl Client {
            /// A client configured from the environment and the shared config files as the AWS
            /// SDKs are (region, credentials, endpoint URL, FIPS, dual-stack, retries; see
            /// `smithy_runtime::ClientConfig::load`), sending over the default transport
            /// (`smithy_runtime::DefaultTransport`: HTTPS on hyper and tokio, with the proxy
            /// settings of the environment). Reads no credentials until the first call.
            pub fn from_env() -> Result<Self, ::smithy_runtime::config::ConfigError> {
                Self::from_env_in(&::smithy_runtime::config::Env::real())
            }

            /// Like `from_env`, reading the variables and files of `env` (a test double, or a
            /// curated environment) instead of the process's.
            pub fn from_env_in(
                env: &::smithy_runtime::config::Env,
            ) -> Result<Self, ::smithy_runtime::config::ConfigError> {
                let config = ::smithy_runtime::ClientConfig::new().load(#name, env)?;
                Ok(Self::new(::smithy_runtime::default_transport(env), config))
            }
        }

        impl<T> Client<T> {
            /// A client sending its requests through `transport`, configured by `config`
            /// (`smithy_runtime::ClientConfig`: region, endpoint override, request options…).
            pub fn new(transport: T, config: ::smithy_runtime::ClientConfig) -> Self {
                Self { transport, #with_rules }
            }

            /// A client configured from the environment as `from_env` is, sending through
            /// `transport` (a test double, another HTTP client…).
            pub fn from_env_with_transport(
                transport: T,
            ) -> Result<Self, ::smithy_runtime::config::ConfigError> {
                let config = ::smithy_runtime::ClientConfig::new()
                    .load(#name, &::smithy_runtime::config::Env::real())?;
                Ok(Self::new(transport, config))
            }

            /// The transport.
            pub fn transport(&self) -> &T {
                &self.transport
            }

            /// A presigned request for the operation `O` with `input`, valid for `expires_in`
            /// (at most 7 days): its URL carries the signature, so whoever holds it can make the
            /// call (S3 `GetObject`, `PutObject`…), as botocore's `generate_presigned_url`; see
            /// `smithy_runtime::presign_operation`. Needs credentials, not the transport.
            pub fn presign<O: ::smithy_runtime::Operation + 'static>(
                &self,
                input: &O::Input,
                expires_in: ::std::time::Duration,
            ) -> impl ::std::future::Future<
                Output = Result<
                    ::smithy_runtime::PresignedRequest,
                    ::smithy_runtime::InvokeError<O::Error>,
                >,
            > + '_ {
                ::smithy_runtime::presign_operation::<O>(&self.config, input, expires_in)
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
