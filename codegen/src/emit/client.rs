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
                ::smithy_runtime::send_operation::<super::operations::#op_type, T>(&self.transport, &self.options, &input)
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
            options: ::smithy_runtime::RequestOptions,
        }

        impl<T> Client<T> {
            /// A client sending its requests through `transport`, with the default options
            /// (random idempotency tokens).
            pub fn new(transport: T) -> Self {
                Self::with_options(transport, ::smithy_runtime::RequestOptions::default())
            }

            /// A client sending its requests through `transport`, built with `options`.
            pub fn with_options(transport: T, options: ::smithy_runtime::RequestOptions) -> Self {
                Self { transport, options }
            }

            /// The transport.
            pub fn transport(&self) -> &T {
                &self.transport
            }

            /// The options requests are built with.
            pub fn options(&self) -> &::smithy_runtime::RequestOptions {
                &self.options
            }
        }

        impl<T: ::smithy_runtime::Transport> Client<T> {
            #(#methods)*
        }
    }
}
