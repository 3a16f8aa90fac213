//! The `operations` module: a sans-IO `Operation` per operation. The skeleton is the same for
//! every protocol: what the protocol builds (see `protocol`), wrapped in what any protocol's
//! request gets: idempotency tokens, host prefix, constant headers, compression, checksums.

use proc_macro2::TokenStream;
use quote::quote;

use super::protocol::ProtocolEmitter;
use super::{docs_with_notes, ident};
use crate::ir::auth::Auth;
use crate::ir::{HostPrefixPart, Operation, Service};

/// `super::types::Name` of a structure, or `()`.
pub fn named(service: &Service, id: Option<&crate::model::ShapeId>) -> TokenStream {
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
pub fn emit(service: &Service, protocol: &dyn ProtocolEmitter) -> TokenStream {
    // Most operations share the service's scheme: one constant, named once, keeps each impl to
    // one line.
    let common = common_auth(service);
    let common_const = common.map(|auth| {
        let value = auth_scheme(auth);
        quote! {
            /// How most of this service's operations authenticate their requests.
            const SERVICE_AUTH: ::smithy_runtime::AuthScheme = #value;
        }
    });
    let items = service.operations.iter().filter(|op| !op.event_stream).map(|op| {
        let name = ident(&op.type_name);
        let wire = &op.wire_name;
        let input = named(service, op.input.as_ref());
        let output = named(service, op.output.as_ref());
        let error = ident(&op.error_type);
        let docs = docs_with_notes(
            op.docs.as_deref(),
            &[&format!("The `{wire}` operation: builds its request and parses its response (sans-IO).")],
        );
        let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
        // The impl names the deprecated struct; only users of it should be warned.
        let allow_deprecated = op.deprecated.then(|| quote!(#[allow(deprecated)]));
        let build = build_request(service, op, protocol);
        let options = if uses_options(op) {
            quote!(options)
        } else {
            quote!(_options)
        };
        let parse = protocol.parse_response(service, op);
        let endpoint_params = super::endpoint::operation_params(op);
        let auth = if Some(&op.auth) == common {
            quote!(SERVICE_AUTH)
        } else {
            auth_scheme(&op.auth)
        };
        let retryable = retryable_errors(service, op);
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
                const AUTH: ::smithy_runtime::AuthScheme = #auth;
                #retryable

                fn build_request(
                    input: &Self::Input,
                    #options: &::smithy_runtime::RequestOptions,
                ) -> ::std::result::Result<::smithy_runtime::HttpRequest, ::smithy_runtime::BuildError> {
                    #build
                }

                fn parse_response(
                    response: ::smithy_runtime::HttpResponse,
                ) -> ::std::result::Result<Self::Output, ::smithy_runtime::ParseError<Self::Error>> {
                    #parse
                }

                #endpoint_params
            }
        }
    });
    quote!(#common_const #(#items)*)
}

/// The auth most operations use, when at least two share it.
fn common_auth(service: &Service) -> Option<&Auth> {
    let ops: Vec<&Auth> = service
        .operations
        .iter()
        .filter(|op| !op.event_stream)
        .map(|op| &op.auth)
        .collect();
    let count = |auth: &Auth| ops.iter().filter(|a| **a == auth).count();
    let best = ops.iter().copied().max_by_key(|auth| count(auth))?;
    (count(best) >= 2).then_some(best)
}

/// The operation's `AuthScheme` constant.
fn auth_scheme(auth: &Auth) -> TokenStream {
    match auth {
        Auth::None => quote!(::smithy_runtime::AuthScheme::None),
        Auth::SigV4 {
            signing_name,
            unsigned_payload,
        } => quote! {
            ::smithy_runtime::AuthScheme::SigV4 {
                signing_name: #signing_name,
                unsigned_payload: #unsigned_payload,
            }
        },
        Auth::Unsupported(scheme) => quote!(::smithy_runtime::AuthScheme::Unsupported(#scheme)),
    }
}

/// `RETRYABLE_ERRORS`, when the operation has `@retryable` errors: their codes (each error
/// type's `CODE`) and whether they are throttling.
fn retryable_errors(service: &Service, op: &Operation) -> TokenStream {
    let entries: Vec<TokenStream> = op
        .retryable_errors
        .iter()
        .filter_map(|(id, throttling)| {
            let name = ident(&service.types.get(id)?.name);
            Some(quote!((super::types::#name::CODE, #throttling)))
        })
        .collect();
    if entries.is_empty() {
        return TokenStream::new();
    }
    quote! {
        const RETRYABLE_ERRORS: &'static [(&'static str, bool)] = &[#(#entries),*];
    }
}

fn uses_options(op: &Operation) -> bool {
    !op.idempotency_tokens.is_empty()
}

/// The body of `build_request`: filled-in input, the protocol's request, then what applies to
/// a request of any protocol.
fn build_request(service: &Service, op: &Operation, protocol: &dyn ProtocolEmitter) -> TokenStream {
    let fill = fill_input(service, op);
    let request = protocol.build_request(service, op);
    let finishing = finishing(op);
    if fill.is_empty() && finishing.is_empty() {
        return request;
    }
    if finishing.is_empty() {
        return quote!(#fill #request);
    }
    quote! {
        #fill
        let request: ::std::result::Result<::smithy_runtime::HttpRequest, ::smithy_runtime::BuildError> = {
            #request
        };
        let mut request = request?;
        #finishing
        ::std::result::Result::Ok(request)
    }
}

/// Members the caller left unset that the request must carry: idempotency tokens (from the
/// options) and service defaults (Glacier's account id `-`), set on a copy of the input.
fn fill_input(service: &Service, op: &Operation) -> TokenStream {
    let Some((_, input)) = service.input_of(op) else {
        return TokenStream::new();
    };
    let mut checks = Vec::new();
    let mut sets = Vec::new();
    let field_named = |name: &String| input.fields.iter().find(|f| &f.rust_name == name);
    // Unset is `None`, or an empty string where the member is not optional.
    for f in op.idempotency_tokens.iter().filter_map(field_named) {
        let field = ident(&f.rust_name);
        if f.optional {
            checks.push(quote!(input.#field.is_none()));
            sets.push(quote! {
                if copy.#field.is_none() {
                    copy.#field = ::std::option::Option::Some(options.idempotency_token());
                }
            });
        } else {
            checks.push(quote!(input.#field.is_empty()));
            sets.push(quote! {
                if copy.#field.is_empty() {
                    copy.#field = options.idempotency_token();
                }
            });
        }
    }
    for (name, value) in &op.label_defaults {
        let Some(f) = field_named(name) else {
            continue;
        };
        let field = ident(&f.rust_name);
        if f.optional {
            checks.push(quote!(input.#field.is_none()));
            sets.push(quote! {
                if copy.#field.is_none() {
                    copy.#field = ::std::option::Option::Some(::std::string::String::from(#value));
                }
            });
        } else {
            checks.push(quote!(input.#field.is_empty()));
            sets.push(quote! {
                if copy.#field.is_empty() {
                    copy.#field = ::std::string::String::from(#value);
                }
            });
        }
    }
    if checks.is_empty() {
        return TokenStream::new();
    }
    quote! {
        let filled;
        let input = if #(#checks)||* {
            let mut copy = ::std::clone::Clone::clone(input);
            #(#sets)*
            filled = copy;
            &filled
        } else {
            input
        };
    }
}

/// Statements applied to `request` after the protocol built it: constant headers, the host
/// prefix, compression, then checksums (over the body as sent).
fn finishing(op: &Operation) -> TokenStream {
    let headers = op.constant_headers.iter().map(|(name, value)| {
        let name = name.to_ascii_lowercase();
        quote! {
            request.headers_mut().insert(
                ::smithy_runtime::http::header::HeaderName::from_static(#name),
                ::smithy_runtime::http::HeaderValue::from_static(#value),
            );
        }
    });
    let host_prefix = op.host_prefix.as_ref().map(|prefix| {
        let parts = prefix.parts.iter().map(|part| match part {
            HostPrefixPart::Literal(text) => match text.chars().collect::<Vec<_>>().as_slice() {
                [c] => quote!(prefix.push(#c);),
                _ => quote!(prefix.push_str(#text);),
            },
            HostPrefixPart::Label { field, optional } => {
                let name = field.trim_start_matches("r#");
                let field = ident(field);
                let value = if *optional {
                    quote!(input.#field.as_deref().unwrap_or_default())
                } else {
                    quote!(&input.#field)
                };
                quote!(prefix.push_str(::smithy_runtime::host_label(#name, #value)?);)
            }
        });
        quote! {
            let mut prefix = ::std::string::String::new();
            #(#parts)*
            request.extensions_mut().insert(::smithy_runtime::HostPrefix(prefix));
        }
    });
    let path_in_endpoint = op
        .path_in_endpoint
        .then(|| quote!(request.extensions_mut().insert(::smithy_runtime::PathInEndpoint);));
    let gzip = op
        .gzip_request
        .then(|| quote!(::smithy_runtime::gzip_request(&mut request);));
    let md5 = op
        .checksums
        .content_md5
        .then(|| quote!(::smithy_runtime::checksum::content_md5(&mut request);));
    let glacier = op
        .checksums
        .glacier
        .then(|| quote!(::smithy_runtime::checksum::glacier_checksums(&mut request);));
    quote!(#(#headers)* #host_prefix #path_in_endpoint #gzip #md5 #glacier)
}
