//! Code shared by the protocols with HTTP bindings (restJson1, restXml): the request skeleton,
//! members bound outside the body in requests (`request`) and responses (`response`), and the
//! `http_bindings` module of structures read from a whole response. Body formats are the
//! protocols' own business.

mod request;
mod response;

pub use request::{request_members, request_new, text_payload};
pub use response::{decode_response_impl, response_payload, text_payload_value};

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::Module;
use crate::ir::{Operation, Service, Struct, TypeDef};

/// The statements building an operation's request: the members bound outside the body, then
/// the body that `body` writes for the input (statements on `request`, possibly none).
pub fn build_request(
    service: &Service,
    op: &Operation,
    body: impl Fn(&TypeDef, &Struct) -> TokenStream,
) -> TokenStream {
    let Some(http) = &op.http else {
        // The IR gives every operation of an HTTP-binding protocol its `@http`.
        let message = format!("operation {} has no @http trait", op.wire_name);
        return quote!(Err(::smithy_runtime::BuildError::new(#message)));
    };
    let new = request_new(http);
    let statements = match service.input_of(op) {
        Some((def, s)) => {
            let members = request_members(service, http, s);
            let body = body(def, s);
            quote!(#members #body)
        }
        None => TokenStream::new(),
    };
    if statements.is_empty() {
        // Nothing from the input goes into the request.
        let unused = match op.input {
            Some(_) => quote!(let _ = input;),
            None => quote!(let () = input;),
        };
        return quote! {
            #unused
            #new.finish()
        };
    }
    quote! {
        let mut request = #new;
        #statements
        request.finish()
    }
}

/// The phrase the crate docs add for the `http_bindings` module.
pub const BINDINGS_DOCS: &str = ", decoders of outputs and errors with members bound to headers, \
    the status code or the payload (`http_bindings`)";

/// The `http_bindings` module: `impls` gives the `DecodeResponse` impls, `format` names the
/// body format (`JSON`, `XML`) in its docs.
pub fn bindings_module<'a>(
    format: &str,
    impls: impl Fn() -> TokenStream + Send + Sync + 'a,
) -> Module<'a> {
    Module {
        name: "http_bindings",
        doc: format!(
            "Outputs and errors with members outside the body: each decoded from the whole \
             response (status, headers, {format} body or payload)."
        ),
        items: Box::new(impls),
        test_only: false,
        feature: None,
    }
}
