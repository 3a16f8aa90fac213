//! The `errors` module: `Display`/`Error` for modeled error structures, one error
//! enum per set of operation errors (modeled errors plus an unhandled fallback;
//! the other operations with the same set get a type alias) with JSON and XML
//! decoders, and a service-wide `Error` every operation error converts into.
//! Code extraction and sanitizing live once in the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::{doc_attrs, fill, ident};
use crate::ir::{BodyFormat, ErrorSet, Field, Service, TypeDef, TypeKind, TypeRef};

/// The whole `errors` module.
pub fn emit(service: &Service) -> TokenStream {
    let error_types: Vec<&TypeDef> = service.error_types().map(|(def, _)| def).collect();
    let unhandled = &service.error_names.unhandled;
    let per_struct = error_types.iter().map(|def| error_struct(def));
    let service_error = service_error(service, &error_types, unhandled);
    let per_operation = service
        .error_sets
        .iter()
        .map(|set| operation_error(service, set, unhandled));
    quote! {
        #(#per_struct)*
        #service_error
        #(#per_operation)*
    }
}

fn fields(def: &TypeDef) -> &[Field] {
    match &def.kind {
        TypeKind::Struct(s) => &s.fields,
        _ => &[],
    }
}

/// The member holding the error message (`message` or `Message`), if a string.
fn message_field(def: &TypeDef) -> Option<&Field> {
    fields(def)
        .iter()
        .find(|f| f.member_name.eq_ignore_ascii_case("message") && f.ty == TypeRef::String)
}

/// `message()`, `Display` and `std::error::Error` of one error structure.
fn error_struct(def: &TypeDef) -> TokenStream {
    let name = ident(&def.name);
    let code = def.query_code.as_ref().unwrap_or(&def.wire_name);
    let message = match message_field(def) {
        Some(f) if f.optional => {
            let field = ident(&f.rust_name);
            quote!(self.#field.as_deref())
        }
        Some(f) => {
            let field = ident(&f.rust_name);
            quote!(Some(self.#field.as_str()))
        }
        None => quote!(None),
    };
    quote! {
        impl super::types::#name {
            /// The error code on the wire.
            pub const CODE: &'static str = #code;

            /// The error message, when the service sent one.
            pub fn message(&self) -> Option<&str> {
                #message
            }
        }

        impl ::std::fmt::Display for super::types::#name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::smithy_runtime::error::display_error(f, Self::CODE, self.message())
            }
        }

        impl ::std::error::Error for super::types::#name {}

    }
}

/// The name of an error structure's XML decoder (every error structure has one: see
/// `error_sets::assign`).
fn xml_fn_name(def: &TypeDef) -> Option<proc_macro2::Ident> {
    def.error.as_ref().map(|e| ident(&e.xml_decoder))
}

/// Reads an error structure from the children of an XML `<Error>` element.
/// Members are text there, so only text-like types are read; other members stay
/// unset, and a missing required member gets its default or zero value (error
/// correction). `None` only for a structure without a zero value.
fn xml_decoder(service: &Service, def: &TypeDef) -> Option<TokenStream> {
    let name = ident(&def.name);
    let fn_name = xml_fn_name(def)?;
    let mut inits = Vec::new();
    let mut reads_parts = false;
    for f in fields(def) {
        let field = ident(&f.rust_name);
        let wire = &f.member_name;
        let read =
            xml_text_value(service, &f.ty).map(|convert| quote!(parts.member(#wire) #convert));
        reads_parts |= read.is_some();
        let read = match (read, f.boxed) {
            (Some(read), true) => Some(quote!(#read.map(Box::new))),
            (read, _) => read,
        };
        let value = match (read, f.optional) {
            (Some(read), true) => read,
            (None, true) => quote!(None),
            (Some(read), false) => fill::finish_field(service, f, read)?,
            (None, false) => fill::missing_value(service, f)?,
        };
        inits.push(quote!(#field: #value,));
    }
    let parts = if reads_parts {
        quote!(parts)
    } else {
        quote!(_parts)
    };
    Some(quote! {
        fn #fn_name(#parts: &::smithy_runtime::XmlErrorParts) -> super::types::#name {
            super::types::#name { #(#inits)* }
        }
    })
}

/// Booleans and numbers, read from XML text with `str::parse`.
fn is_parsed_scalar(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Boolean
            | TypeRef::Byte
            | TypeRef::Short
            | TypeRef::Integer
            | TypeRef::Long
            | TypeRef::Float
            | TypeRef::Double
    )
}

/// `.map(...)` turning `Option<&str>` into `Option<T>` for text-like types.
fn xml_text_value(service: &Service, ty: &TypeRef) -> Option<TokenStream> {
    Some(match ty {
        TypeRef::String => quote!(.map(String::from)),
        ty if is_parsed_scalar(ty) => quote!(.and_then(|text| text.trim().parse().ok())),
        TypeRef::Timestamp(_) => {
            quote!(.and_then(|text| ::smithy_runtime::Timestamp::parse(text.trim(), ::smithy_runtime::TimestampFormat::DateTime).ok()))
        }
        TypeRef::Named(id) => {
            let def = service.types.get(id)?;
            let name = ident(&def.name);
            match def.kind {
                TypeKind::Enum(_) => quote!(.map(super::types::#name::from)),
                TypeKind::IntEnum(_) => {
                    quote!(.and_then(|text| text.trim().parse::<i32>().ok()).map(super::types::#name::from))
                }
                _ => return None,
            }
        }
        _ => return None,
    })
}

/// Variants, `code()`, `message()`, `Display` and `Error` shared by the
/// service-wide and per-operation error enums.
fn error_enum(
    name: &proc_macro2::Ident,
    doc: &str,
    errors: &[&TypeDef],
    unhandled: &str,
) -> TokenStream {
    let unhandled = ident(unhandled);
    let doc = doc_attrs(doc);
    let variants = errors.iter().map(|def| {
        let variant = ident(&def.name);
        let doc = doc_attrs(&format!("The modeled error `{}`.", def.wire_name));
        quote!(#doc #variant(super::types::#variant),)
    });
    let codes = errors.iter().map(|def| {
        let variant = ident(&def.name);
        quote!(Self::#variant(_) => super::types::#variant::CODE,)
    });
    let messages = errors.iter().map(|def| {
        let variant = ident(&def.name);
        quote!(Self::#variant(error) => error.message(),)
    });
    // Every error structure has its names (`error_sets::assign`).
    let predicates = errors.iter().filter_map(|def| {
        let variant = ident(&def.name);
        let is = ident(&def.error.as_ref()?.predicate);
        let doc = doc_attrs(&format!(
            "Whether this is the modeled error `{}`.",
            def.wire_name
        ));
        Some(quote! {
            #doc
            pub fn #is(&self) -> bool {
                ::std::matches!(self, Self::#variant(_))
            }
        })
    });
    quote! {
        #doc
        // Errors are the cold path: their size does not matter enough to box them.
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, PartialEq, Debug)]
        // A model update may add an error to an operation: matches need a `_` arm (which
        // `Unhandled` errors already make sensible) so that it does not break them.
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// An error this client does not model for the call: its code, message and raw body.
            #unhandled(::smithy_runtime::UnhandledError),
        }

        impl #name {
            /// The sanitized error code (the error shape's name).
            pub fn code(&self) -> &str {
                match self {
                    #(#codes)*
                    Self::#unhandled(error) => error.code(),
                }
            }

            /// The error message, when the service sent one.
            pub fn message(&self) -> Option<&str> {
                match self {
                    #(#messages)*
                    Self::#unhandled(error) => error.message(),
                }
            }

            #(#predicates)*
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::smithy_runtime::error::display_error(f, self.code(), self.message())
            }
        }

        impl ::std::error::Error for #name {}

    }
}

fn service_error(service: &Service, errors: &[&TypeDef], unhandled: &str) -> TokenStream {
    let name = ident(&service.error_names.service_error);
    let common = error_enum(
        &name,
        "Any error of the service: every operation error converts into it.",
        errors,
        unhandled,
    );
    let unhandled = ident(unhandled);
    // Two shapes may share a wire code (an awsQuery `@awsQueryError` code equal
    // to another shape's name): the first by shape id decodes it.
    let mut seen_codes = std::collections::BTreeSet::new();
    let decodable: Vec<&TypeDef> = errors
        .iter()
        .copied()
        .filter(|def| seen_codes.insert(def.wire_name.as_str()))
        .collect();
    let formats = match service.protocol.body_format() {
        BodyFormat::Json | BodyFormat::Cbor => {
            json_service_decoders(service, &decodable, &unhandled)
        }
        BodyFormat::Xml => xml_service_decoders(&decodable, &unhandled),
    };
    let into_unhandled_arms = errors.iter().map(|def| {
        let variant = ident(&def.name);
        quote!(Self::#variant(error) => error.message().map(String::from),)
    });
    let into_unhandled = if errors.is_empty() {
        quote!(match self { Self::#unhandled(error) => error })
    } else {
        quote! {
            let code = String::from(self.code());
            let message = match self {
                #(#into_unhandled_arms)*
                Self::#unhandled(error) => return error,
            };
            ::smithy_runtime::UnhandledError::new(code, message, Vec::from(response.body()))
                .with_status(response.status().as_u16())
        }
    };
    let response_param = if errors.is_empty() {
        quote!(_response)
    } else {
        quote!(response)
    };
    let (helpers, decoders) = formats;
    quote! {
        #common

        #helpers

        impl #name {
            #decoders

            /// This error as an unhandled one (code, message, and the body and status of
            /// `response`), for an operation that does not model it.
            pub fn into_unhandled(self, #response_param: &::smithy_runtime::ErrorResponse) -> ::smithy_runtime::UnhandledError {
                #into_unhandled
            }
        }
    }
}

/// The pattern matching the error code of `def` on the wire: its `CODE`, unless that is the
/// code an awsQuery-compatible service reports rather than the one it sends.
fn code_pattern(def: &TypeDef) -> TokenStream {
    let variant = ident(&def.name);
    match def.query_code {
        Some(_) => {
            let wire = &def.wire_name;
            quote!(Some(#wire))
        }
        None => quote!(Some(super::types::#variant::CODE)),
    }
}

/// The `match` on the response's error code turning it into a modeled error, each decoded with
/// `decode_body` unless its members are bound to headers or the status code (then the whole
/// response is read through `rest::DecodeResponse`); empty without modeled errors, where the
/// `match` would have only its fallback arm.
fn modeled_match(decodable: &[&TypeDef], decode_body: &TokenStream) -> TokenStream {
    if decodable.is_empty() {
        return TokenStream::new();
    }
    let arms = decodable.iter().map(|def| {
        let variant = ident(&def.name);
        let pattern = code_pattern(def);
        let bound = matches!(&def.kind, TypeKind::Struct(s) if s.has_response_bindings());
        let decode = if bound {
            quote!(<super::types::#variant as ::smithy_runtime::rest::DecodeResponse>::decode_response(response.response()))
        } else {
            decode_body.clone()
        };
        // The message may sit under `message` while the member is `Message`
        // (or the reverse): fall back to what the runtime found.
        let fill_message = message_field(def).filter(|f| f.optional).map(|f| {
            let field = ident(&f.rust_name);
            quote! {
                if error.#field.is_none() {
                    error.#field = response.message().map(String::from);
                }
            }
        });
        match fill_message {
            Some(fill) => quote! {
                #pattern => #decode
                    .ok()
                    .map(|mut error: super::types::#variant| {
                        #fill
                        Self::#variant(error)
                    }),
            },
            None => quote! {
                #pattern => #decode.ok().map(Self::#variant),
            },
        }
    });
    quote! {
        let modeled = match response.code() {
            #(#arms)*
            _ => None,
        };
        if let Some(error) = modeled {
            return error;
        }
    }
}

/// The decoders of a JSON or CBOR protocol's service error (its helper functions, and its
/// methods): `from_json` or `from_cbor`, and `from_xml` for the XML error bodies some endpoints
/// send whatever the protocol (authentication failures from emulators), reading text members
/// only.
fn json_service_decoders(
    service: &Service,
    decodable: &[&TypeDef],
    unhandled: &proc_macro2::Ident,
) -> (TokenStream, TokenStream) {
    let cbor = service.protocol.body_format() == BodyFormat::Cbor;
    let from_slice = if cbor {
        quote!(::smithy_runtime::cbor::from_slice(response.body()))
    } else {
        quote!(::smithy_runtime::from_slice(response.body()))
    };
    let body_modeled = modeled_match(decodable, &from_slice);
    let body_decoder = if cbor {
        quote! {
            /// Decodes a CBOR error response (the code is the body's `__type`, sanitized). An
            /// unknown code, or a body that does not decode, gives the unhandled variant with
            /// code, message, body and status kept.
            pub fn from_cbor(response: &::smithy_runtime::ErrorResponse) -> Self {
                #body_modeled
                Self::#unhandled(response.to_unhandled())
            }
        }
    } else {
        quote! {
            /// Decodes a JSON error response (code and message found by the protocol's rules:
            /// `X-Amzn-Errortype`, then the body's `code` or `__type`). An unknown code, or a
            /// body that does not decode, gives the unhandled variant with code, message, body
            /// and status kept.
            pub fn from_json(response: &::smithy_runtime::ErrorResponse) -> Self {
                #body_modeled
                Self::#unhandled(response.to_unhandled())
            }
        }
    };
    // Each error's XML decoder is built once: its function and its match arm. XML bodies carry
    // the awsQuery code, which two errors may share while their JSON codes differ (CloudWatch's
    // `DashboardNotFoundError` and `ResourceNotFound` are both `ResourceNotFound`): the first
    // by shape id decodes it, as in `service_error`.
    let mut seen_codes = std::collections::BTreeSet::new();
    let with_xml: Vec<(&TypeDef, TokenStream)> = decodable
        .iter()
        .filter(|def| seen_codes.insert(def.query_code.as_ref().unwrap_or(&def.wire_name)))
        .filter_map(|def| xml_decoder(service, def).map(|decoder| (*def, decoder)))
        .collect();
    let xml_decoders = with_xml.iter().map(|(_, decoder)| decoder);
    let xml_arms: Vec<TokenStream> = with_xml
        .iter()
        .map(|(def, _)| {
            let variant = ident(&def.name);
            let fn_name = xml_fn_name(def);
            // XML error bodies carry the awsQuery code, which `CODE` is.
            quote!(Some(super::types::#variant::CODE) => Some(Self::#variant(#fn_name(&parts))),)
        })
        .collect();
    let xml_modeled = (!xml_arms.is_empty()).then(|| {
        quote! {
            let modeled = match parts.code.as_deref() {
                #(#xml_arms)*
                _ => None,
            };
            if let Some(error) = modeled {
                return error;
            }
        }
    });
    let helpers = quote!(#(#xml_decoders)*);
    let decoders = quote! {
            #body_decoder

            /// Decodes an XML error body (`<ErrorResponse><Error>…`, `<Error>…` or
            /// `<Response><Errors><Error>…`), which some endpoints send whatever the protocol;
            /// members are read from the text of the children of `<Error>`.
            pub fn from_xml(response: &::smithy_runtime::ErrorResponse) -> Self {
                let status = response.status().as_u16();
                let body = response.body();
                let parts = match ::smithy_runtime::xml_error_parts(body) {
                    Ok(parts) => parts,
                    Err(error) => {
                        return Self::#unhandled(
                            ::smithy_runtime::UnhandledError::new(
                                "Unknown",
                                Some(error.to_string()),
                                Vec::from(body),
                            )
                            .with_status(status),
                        )
                    }
                };
                #xml_modeled
                Self::#unhandled(
                    ::smithy_runtime::UnhandledError::new(
                        parts.code.unwrap_or_else(|| String::from("Unknown")),
                        parts.message,
                        Vec::from(body),
                    )
                    .with_status(status),
                )
            }
    };
    (helpers, decoders)
}

/// The decoder of an XML protocol's service error (no helpers, one method): `from_xml`, each
/// modeled error decoded structurally from the `<Error>` element like any other XML body.
fn xml_service_decoders(
    decodable: &[&TypeDef],
    unhandled: &proc_macro2::Ident,
) -> (TokenStream, TokenStream) {
    let modeled = modeled_match(
        decodable,
        &quote!(::smithy_runtime::xml::error_from_slice(response.body())),
    );
    let decoders = quote! {
        /// Decodes an XML error response (`<ErrorResponse><Error>…`, `<Error>…` or
        /// `<Response><Errors><Error>…`, code and message read by the runtime): a modeled
        /// error is decoded from the children of `<Error>`. An unknown code, or a body
        /// that does not decode, gives the unhandled variant with code, message, body,
        /// status and request ids kept.
        pub fn from_xml(response: &::smithy_runtime::ErrorResponse) -> Self {
            #modeled
            Self::#unhandled(response.to_unhandled())
        }
    };
    (TokenStream::new(), decoders)
}

/// The error enum of an error set and an alias of it for each of its other operations.
fn operation_error(service: &Service, set: &ErrorSet, unhandled: &str) -> TokenStream {
    let Some((first, others)) = set
        .operations
        .split_first()
        .and_then(|(first, others)| Some((service.operations.get(*first)?, others)))
    else {
        return TokenStream::new();
    };
    let others: Vec<_> = others
        .iter()
        .filter_map(|i| service.operations.get(*i))
        .collect();
    let name = ident(&set.name);
    let service_error = ident(&service.error_names.service_error);
    let errors: Vec<&TypeDef> = set
        .errors
        .iter()
        .filter_map(|id| service.types.get(id))
        .collect();
    let mut doc = format!("The errors of `{}`.", first.wire_name);
    if !others.is_empty() {
        let names: Vec<String> = others
            .iter()
            .map(|o| format!("`{}`", o.wire_name))
            .collect();
        doc.push_str(&format!(
            "\n\nAlso the error type of {} (the same modeled errors).",
            names.join(", ")
        ));
    }
    let aliases = others.iter().map(|other| {
        let alias = ident(&other.error_type);
        let doc = doc_attrs(&format!(
            "The errors of `{}`: [`{}`], the type of every operation with the same modeled errors.",
            other.wire_name, set.name
        ));
        quote!(#doc pub type #alias = #name;)
    });
    let common = error_enum(&name, &doc, &errors, unhandled);
    let unhandled = ident(unhandled);
    let from_service = errors.iter().map(|def| {
        let variant = ident(&def.name);
        quote!(#service_error::#variant(error) => Self::#variant(error),)
    });
    let into_service = errors.iter().map(|def| {
        let variant = ident(&def.name);
        quote!(#name::#variant(error) => Self::#variant(error),)
    });
    let from_service_body = if errors.is_empty() {
        quote!(Self::#unhandled(error.into_unhandled(response)))
    } else {
        quote! {
            match error {
                #(#from_service)*
                other => Self::#unhandled(other.into_unhandled(response)),
            }
        }
    };
    let service_error_name = &service.error_names.service_error;
    let body_decoder = match service.protocol.body_format() {
        BodyFormat::Json => Some(("JSON", quote!(from_json))),
        BodyFormat::Cbor => Some(("CBOR", quote!(from_cbor))),
        BodyFormat::Xml => None,
    };
    let from_json = body_decoder.map(|(format, method)| {
        let doc = doc_attrs(&format!(
            "Decodes a {format} error response; see [`{service_error_name}::{method}`].\n\
             A service error this operation does not model is unhandled here."
        ));
        quote! {
            #doc
            pub fn #method(response: &::smithy_runtime::ErrorResponse) -> Self {
                Self::from_service(#service_error::#method(response), response)
            }
        }
    });
    let from_xml_doc = doc_attrs(&format!(
        "Decodes an XML error body; see [`{service_error_name}::from_xml`].\n\
         A service error this operation does not model is unhandled here."
    ));
    quote! {
        #common

        #(#aliases)*

        impl #name {
            #from_json

            #from_xml_doc
            pub fn from_xml(response: &::smithy_runtime::ErrorResponse) -> Self {
                Self::from_service(#service_error::from_xml(response), response)
            }

            fn from_service(error: #service_error, response: &::smithy_runtime::ErrorResponse) -> Self {
                #from_service_body
            }
        }

        impl From<#name> for #service_error {
            fn from(error: #name) -> Self {
                match error {
                    #(#into_service)*
                    #name::#unhandled(error) => Self::#unhandled(error),
                }
            }
        }
    }
}
