//! The `errors` module: `Display`/`Error` for modeled error structures, one error
//! enum per set of operation errors (modeled errors plus an unhandled fallback;
//! the other operations with the same set get a type alias) with JSON and XML
//! decoders, and a service-wide `Error` every operation error converts into.
//! Code extraction and sanitizing live once in the runtime.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{doc_attrs, ident};
use crate::ir::{Field, Operation, Service, StructRole, TypeDef, TypeKind, TypeRef};
use crate::naming;

/// The whole `errors` module.
pub fn emit(service: &Service) -> TokenStream {
    let error_types: Vec<&TypeDef> = service
        .types
        .values()
        .filter(|t| matches!(&t.kind, TypeKind::Struct(s) if matches!(s.role, StructRole::Error { .. })))
        .collect();
    let unhandled = unhandled_variant(&error_types);
    let per_struct = error_types.iter().map(|def| error_struct(def));
    let service_error = service_error(service, &error_types, &unhandled);
    let per_operation = shared_error_sets(service)
        .into_iter()
        .map(|ops| operation_error(service, &ops, &unhandled));
    quote! {
        #(#per_struct)*
        #service_error
        #(#per_operation)*
    }
}

/// `Unhandled`, unless an error shape took that name.
fn unhandled_variant(errors: &[&TypeDef]) -> String {
    let mut names: Vec<String> = errors.iter().map(|e| e.name.clone()).collect();
    names.push("Unhandled".to_owned());
    naming::dedupe(&mut names);
    names.pop().unwrap_or_default()
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
    let code = &def.wire_name;
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
                match self.message() {
                    Some(message) => ::std::write!(f, "{}: {}", Self::CODE, message),
                    None => f.write_str(Self::CODE),
                }
            }
        }

        impl ::std::error::Error for super::types::#name {}

    }
}

fn xml_fn_name(def: &TypeDef) -> proc_macro2::Ident {
    format_ident!(
        "{}_from_xml",
        naming::field_name(&def.name).trim_start_matches("r#")
    )
}

/// Reads an error structure from the children of an XML `<Error>` element.
/// Members are text there, so only text-like types are read; other optional
/// members stay unset. A structure with a required member of another type gets
/// no XML decoder (the error is then reported as unhandled, code kept).
fn xml_decoder(service: &Service, def: &TypeDef) -> Option<TokenStream> {
    let name = ident(&def.name);
    let fn_name = xml_fn_name(def);
    let mut inits = Vec::new();
    let mut reads_parts = false;
    for f in fields(def) {
        let field = ident(&f.rust_name);
        let wire = &f.member_name;
        let read =
            xml_text_value(service, &f.ty).map(|convert| quote!(parts.member(#wire) #convert));
        reads_parts |= read.is_some();
        let value = match (read, f.optional) {
            (Some(read), true) => read,
            // Text and numbers have a zero value for a missing required member.
            (Some(read), false) if f.ty == TypeRef::String || is_parsed_scalar(&f.ty) => {
                quote!(#read.unwrap_or_default())
            }
            (None, true) => quote!(None),
            _ => return None,
        };
        let value = if f.boxed {
            quote!(#value.map(Box::new))
        } else {
            value
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
    let predicates = errors.iter().map(|def| {
        let variant = ident(&def.name);
        let is = format_ident!(
            "is_{}",
            naming::field_name(&def.name).trim_start_matches("r#")
        );
        let doc = doc_attrs(&format!(
            "Whether this is the modeled error `{}`.",
            def.wire_name
        ));
        quote! {
            #doc
            pub fn #is(&self) -> bool {
                ::std::matches!(self, Self::#variant(_))
            }
        }
    });
    quote! {
        #doc
        // Errors are the cold path: their size does not matter enough to box them.
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, PartialEq, Debug)]
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
                match self.message() {
                    Some(message) => ::std::write!(f, "{}: {}", self.code(), message),
                    None => f.write_str(self.code()),
                }
            }
        }

        impl ::std::error::Error for #name {}

        impl From<::smithy_runtime::DecodeError> for #name {
            /// A success response whose body could not be decoded.
            fn from(error: ::smithy_runtime::DecodeError) -> Self {
                Self::#unhandled(::smithy_runtime::UnhandledError::new(
                    "ResponseDecodeError",
                    Some(error.to_string()),
                    Vec::new(),
                ))
            }
        }
    }
}

fn service_error(service: &Service, errors: &[&TypeDef], unhandled: &str) -> TokenStream {
    let name = format_ident!("Error");
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
    // Each error's XML decoder is built once: its function and its match arm.
    let with_xml: Vec<(&TypeDef, TokenStream)> = decodable
        .iter()
        .filter_map(|def| xml_decoder(service, def).map(|decoder| (*def, decoder)))
        .collect();
    let xml_decoders = with_xml.iter().map(|(_, decoder)| decoder);
    let json_arms = decodable.iter().map(|def| {
        let variant = ident(&def.name);
        // The message may sit under `message` while the member is `Message`
        // (or the reverse): fall back to what the runtime found.
        let fill_message = message_field(def).filter(|f| f.optional).map(|f| {
            let field = ident(&f.rust_name);
            quote! {
                if error.#field.is_none() {
                    error.#field = parts.message.clone();
                }
            }
        });
        match fill_message {
            Some(fill) => quote! {
                Some(super::types::#variant::CODE) => ::smithy_runtime::from_slice(body)
                    .ok()
                    .map(|mut error: super::types::#variant| {
                        #fill
                        Self::#variant(error)
                    }),
            },
            None => quote! {
                Some(super::types::#variant::CODE) => ::smithy_runtime::from_slice(body).map(Self::#variant).ok(),
            },
        }
    });
    let xml_arms = with_xml.iter().map(|(def, _)| {
        let variant = ident(&def.name);
        let fn_name = xml_fn_name(def);
        quote!(Some(super::types::#variant::CODE) => Some(Self::#variant(#fn_name(&parts))),)
    });
    let into_unhandled_arms = errors.iter().map(|def| {
        let variant = ident(&def.name);
        quote!(Self::#variant(error) => error.message().map(String::from),)
    });
    // Without modeled errors a `match` would have only its fallback arm.
    let json_modeled = (!errors.is_empty()).then(|| {
        quote! {
            let modeled = match parts.code() {
                #(#json_arms)*
                _ => None,
            };
            if let Some(error) = modeled {
                return error;
            }
        }
    });
    let xml_arms: Vec<TokenStream> = xml_arms.collect();
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
    let into_unhandled = if errors.is_empty() {
        quote!(match self { Self::#unhandled(error) => error })
    } else {
        quote! {
            let code = String::from(self.code());
            let message = match self {
                #(#into_unhandled_arms)*
                Self::#unhandled(error) => return error,
            };
            ::smithy_runtime::UnhandledError::new(code, message, Vec::from(body))
        }
    };
    let body_param = if errors.is_empty() {
        quote!(_body)
    } else {
        quote!(body)
    };
    quote! {
        #common

        #(#xml_decoders)*

        impl Error {
            /// Decodes a JSON error response from its code and message (found by
            /// `smithy_runtime::json_error_parts`) and body. An unknown code, or a
            /// body that does not decode, gives the unhandled variant with code,
            /// message and body kept.
            pub fn from_json(parts: ::smithy_runtime::ErrorParts, body: &[u8]) -> Self {
                #json_modeled
                Self::#unhandled(parts.into_unhandled(Vec::from(body)))
            }

            /// Decodes an XML error body (`<ErrorResponse><Error>…`, `<Error>…` or
            /// `<Response><Errors><Error>…`); members are read from the children
            /// of `<Error>`.
            pub fn from_xml(body: &[u8]) -> Self {
                let parts = match ::smithy_runtime::xml_error_parts(body) {
                    Ok(parts) => parts,
                    Err(error) => {
                        return Self::#unhandled(::smithy_runtime::UnhandledError::new(
                            "Unknown",
                            Some(error.to_string()),
                            Vec::from(body),
                        ))
                    }
                };
                #xml_modeled
                Self::#unhandled(::smithy_runtime::UnhandledError::new(
                    parts.code.unwrap_or_else(|| String::from("Unknown")),
                    parts.message,
                    Vec::from(body),
                ))
            }

            /// This error as an unhandled one (code, message, `body`), for an
            /// operation that does not model it.
            pub fn into_unhandled(self, #body_param: &[u8]) -> ::smithy_runtime::UnhandledError {
                #into_unhandled
            }
        }
    }
}

/// Operations grouped by their set of errors, in operation order. Operations
/// with the same errors share one enum: it is named after the first of them and
/// the others get a type alias. The decoded value would be identical, and one
/// enum per operation was a quarter of the crate's compile time (GameLift: 118
/// operations, 32 distinct error sets).
fn shared_error_sets(service: &Service) -> Vec<Vec<&Operation>> {
    let mut groups: Vec<Vec<&Operation>> = Vec::new();
    let mut index_of: std::collections::BTreeMap<Vec<_>, usize> = std::collections::BTreeMap::new();
    for op in &service.operations {
        let mut key = op.errors.clone();
        key.sort();
        match index_of.get(&key) {
            Some(&index) => groups[index].push(op),
            None => {
                index_of.insert(key, groups.len());
                groups.push(vec![op]);
            }
        }
    }
    groups
}

/// The error enum of the first operation in `ops` and an alias of it for each
/// of the others.
fn operation_error(service: &Service, ops: &[&Operation], unhandled: &str) -> TokenStream {
    let [op, others @ ..] = ops else {
        return TokenStream::new();
    };
    let name = format_ident!("{}Error", op.type_name);
    let errors: Vec<&TypeDef> = op
        .errors
        .iter()
        .filter_map(|id| service.types.get(id))
        .collect();
    let mut doc = format!("The errors of `{}`.", op.wire_name);
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
        let alias = format_ident!("{}Error", other.type_name);
        let doc = doc_attrs(&format!(
            "The errors of `{}`: [`{}`], the type of every operation with the same modeled errors.",
            other.wire_name, name
        ));
        quote!(#doc pub type #alias = #name;)
    });
    let common = error_enum(&name, &doc, &errors, unhandled);
    let unhandled = ident(unhandled);
    let from_service = errors.iter().map(|def| {
        let variant = ident(&def.name);
        quote!(Error::#variant(error) => Self::#variant(error),)
    });
    let into_service = errors.iter().map(|def| {
        let variant = ident(&def.name);
        quote!(#name::#variant(error) => Self::#variant(error),)
    });
    let from_service_body = if errors.is_empty() {
        quote!(Self::#unhandled(error.into_unhandled(body)))
    } else {
        quote! {
            match error {
                #(#from_service)*
                other => Self::#unhandled(other.into_unhandled(body)),
            }
        }
    };
    quote! {
        #common

        #(#aliases)*

        impl #name {
            /// Decodes a JSON error response; see [`Error::from_json`]. A service
            /// error this operation does not model is unhandled here.
            pub fn from_json(parts: ::smithy_runtime::ErrorParts, body: &[u8]) -> Self {
                Self::from_service(Error::from_json(parts, body), body)
            }

            /// Decodes an XML error body; see [`Error::from_xml`].
            pub fn from_xml(body: &[u8]) -> Self {
                Self::from_service(Error::from_xml(body), body)
            }

            fn from_service(error: Error, body: &[u8]) -> Self {
                #from_service_body
            }
        }

        impl From<#name> for Error {
            fn from(error: #name) -> Self {
                match error {
                    #(#into_service)*
                    #name::#unhandled(error) => Self::#unhandled(error),
                }
            }
        }
    }
}
