//! The `protocol_tests` module (`#[cfg(test)]`): one `#[test]` per client
//! compliance case, plus a summary test printing
//! `<service>: N passed, M failed, K skipped` (and `, D deferred` when some are).
//!
//! Request inputs are built as Rust values straight from the case's `params`
//! and the built request is compared with the case. Expected outputs and errors
//! are built as `Value` trees from `params`. Neither goes through the codecs
//! under test.

use base64::Engine;
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value as Json;

use super::rust_type::document_expr;
use super::{doc_attrs, fill, ident};
use smithy_runtime::rules::ParamValue;

use crate::ir::{
    BodyFormat, DefaultValue, NotRun, ProtocolTest, Service, TestKind, TypeKind, TypeRef,
};

/// The idempotency token the compliance cases expect for unset `@idempotencyToken` members.
const CASE_TOKEN: &str = "00000000-0000-4000-8000-000000000000";

/// The whole module, or nothing when the service has no cases.
pub fn emit(service: &Service) -> TokenStream {
    let tests = service
        .protocol_tests
        .iter()
        .map(|case| test_fn(service, case));
    let table = service.protocol_tests.iter().map(|case| {
        let name = &case.fn_name;
        let f = ident(&case.fn_name);
        let status = match case.not_run {
            Some(NotRun::Skipped(reason)) => quote!(Skipped(#reason)),
            Some(NotRun::Deferred(reason)) => quote!(Deferred(#reason)),
            None => quote!(Run),
        };
        quote!((#name, #f, ::smithy_runtime::protocol_test::CaseStatus::#status),)
    });
    let service_name = &service.protocol_test_summary;
    let kinds = |wanted: &[TestKind]| {
        service
            .protocol_tests
            .iter()
            .any(|c| wanted.contains(&c.kind))
    };
    let requests = kinds(&[TestKind::Request]).then(|| {
        quote!(
            use ::smithy_runtime::protocol_test::{assert_request, ExpectedRequest};
        )
    });
    // Binary (CBOR) bodies are written as byte strings.
    let response_fn = if service.protocol.body_format() == BodyFormat::Cbor {
        quote!(response_bytes)
    } else {
        quote!(response)
    };
    let responses = kinds(&[TestKind::Response, TestKind::ErrorResponse]).then(|| {
        quote! {
            use ::smithy_runtime::protocol_test::{assert_value_eq, #response_fn};
            use ::smithy_runtime::{ToValue, Value};
        }
    });
    quote! {
        use ::smithy_runtime::Operation;
        #requests
        #responses

        #(#tests)*

        /// Every case with whether it runs, for the summary.
        const CASES: &[::smithy_runtime::protocol_test::Case] = &[#(#table)*];

        /// Runs every case once more to print `<service>: N passed, M failed, K skipped`
        /// (and `, D deferred` when some are).
        #[test]
        fn protocol_compliance_summary() {
            ::smithy_runtime::protocol_test::run_summary(#service_name, CASES);
        }
    }
}

fn operation_path(service: &Service, case: &ProtocolTest) -> Option<TokenStream> {
    let op = service
        .operations
        .iter()
        .find(|op| op.id == case.operation)?;
    let name = ident(&op.type_name);
    Some(quote!(super::operations::#name))
}

fn test_fn(service: &Service, case: &ProtocolTest) -> TokenStream {
    let name = ident(&case.fn_name);
    let doc = doc_attrs(&format!("Compliance case `{}`.", case.id));
    let ignore = case.not_run.map(|not_run| {
        let reason = match not_run {
            NotRun::Skipped(reason) => format!("skipped: {reason}"),
            NotRun::Deferred(reason) => reason.to_owned(),
        };
        quote!(#[ignore = #reason])
    });
    let Some(op_path) = operation_path(service, case) else {
        let message = format!("operation {} is not generated", case.operation);
        return quote!(#doc #[test] #ignore fn #name() { panic!(#message); });
    };
    let body = match case.kind {
        TestKind::Request => request_body(service, case, &op_path),
        TestKind::Response => response_body(service, case, &op_path),
        TestKind::ErrorResponse => error_body(service, case, &op_path),
    };
    quote! {
        #doc
        #[test]
        #ignore
        fn #name() {
            #body
        }
    }
}

fn strings(items: &[String]) -> TokenStream {
    quote!(&[#(#items),*])
}

fn optional_str(text: &Option<String>) -> TokenStream {
    match text {
        Some(t) => quote!(Some(#t)),
        None => quote!(None),
    }
}

fn request_body(service: &Service, case: &ProtocolTest, op_path: &TokenStream) -> TokenStream {
    let op = service.operations.iter().find(|op| op.id == case.operation);
    let input = match op.and_then(|op| op.input.as_ref()) {
        Some(id) => {
            let value = literal(service, &TypeRef::Named(id.clone()), &case.params);
            quote!(let input = #value;)
        }
        None => quote!(let input = ();),
    };
    let method = case.method.as_deref().unwrap_or("POST");
    let uri = case.uri.as_deref().unwrap_or("/");
    let headers = case.headers.iter().map(|(k, v)| quote!((#k, #v),));
    let host = optional_str(&case.host);
    let resolved = optional_str(&case.resolved_host);
    let body = optional_str(&case.body);
    let media = optional_str(&case.body_media_type);
    let query = strings(&case.query_params);
    let forbid_query = strings(&case.forbid_query_params);
    let require_query = strings(&case.require_query_params);
    let forbid = strings(&case.forbid_headers);
    let require = strings(&case.require_headers);
    // A case that checks the host the rules resolve goes through the client's endpoint
    // resolution, configured by its vendor parameters; the others apply the case's host.
    let (host, resolve) = match (&service.endpoint, &case.resolved_host) {
        (Some(_), Some(_)) => {
            let built_ins = vendor_built_ins(case.vendor_params.as_ref())
                .into_iter()
                .map(|(name, value)| {
                    let value = super::endpoint::param_literal(&value);
                    quote!(.with_built_in(#name, #value))
                });
            let resolve = quote! {
                let config = ::smithy_runtime::ClientConfig::new()
                    .with_rules(&super::endpoint::RULES)
                    #(#built_ins)*;
                let mut params = config.endpoint_params();
                <#op_path as Operation>::endpoint_params(&input, &mut params);
                config
                    .apply_endpoint(&mut request, &params)
                    .unwrap_or_else(|error| panic!("no endpoint: {error}"));
            };
            (quote!(None), resolve)
        }
        _ => (host, TokenStream::new()),
    };
    let binding = if resolve.is_empty() {
        quote!(let request)
    } else {
        quote!(let mut request)
    };
    quote! {
        #input
        let options = ::smithy_runtime::RequestOptions::new().with_idempotency_tokens(
            ::smithy_runtime::IdempotencyTokenProvider::fixed(#CASE_TOKEN),
        );
        #binding = <#op_path as Operation>::build_request(&input, &options)
            .unwrap_or_else(|error| panic!("the request does not build: {error}"));
        #resolve
        assert_request(request, &ExpectedRequest {
            method: #method,
            uri: #uri,
            host: #host,
            resolved_host: #resolved,
            query_params: #query,
            forbid_query_params: #forbid_query,
            require_query_params: #require_query,
            headers: &[#(#headers)*],
            forbid_headers: #forbid,
            require_headers: #require,
            body: #body,
            body_media_type: #media,
        });
    }
}

/// The built-ins a case's `vendorParams` configure: S3's `scopedConfig` (client-wide, then
/// per-operation settings): region, addressing style, dual-stack, accelerate.
fn vendor_built_ins(vendor: Option<&Json>) -> Vec<(&'static str, ParamValue)> {
    let mut built_ins: Vec<(&'static str, ParamValue)> = Vec::new();
    let Some(scoped) = vendor.and_then(|v| v.get("scopedConfig")) else {
        return built_ins;
    };
    let mut set = |name: &'static str, value: ParamValue| {
        built_ins.retain(|(n, _)| *n != name);
        built_ins.push((name, value));
    };
    for scope in ["client", "operation"] {
        let Some(config) = scoped.get(scope) else {
            continue;
        };
        if let Some(region) = config.get("region").and_then(Json::as_str) {
            set("AWS::Region", ParamValue::String(region.to_owned()));
        }
        let Some(s3) = config.get("s3") else {
            continue;
        };
        if let Some(style) = s3.get("addressing_style").and_then(Json::as_str) {
            set(
                "AWS::S3::ForcePathStyle",
                ParamValue::Boolean(style == "path"),
            );
        }
        if let Some(dual) = s3.get("use_dualstack_endpoint").and_then(Json::as_bool) {
            set("AWS::UseDualStack", ParamValue::Boolean(dual));
        }
        if let Some(accelerate) = s3.get("use_accelerate_endpoint").and_then(Json::as_bool) {
            set("AWS::S3::Accelerate", ParamValue::Boolean(accelerate));
        }
    }
    built_ins
}

fn response_expr(service: &Service, case: &ProtocolTest) -> TokenStream {
    let code = case.code.unwrap_or(200);
    let headers = case.headers.iter().map(|(k, v)| quote!((#k, #v),));
    let body = case.body.as_deref().unwrap_or("");
    if service.protocol.body_format() == BodyFormat::Cbor {
        // A binary body is written base64-encoded in the case; a body that is not base64 is
        // used as it is, and fails to decode in the test.
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap_or_else(|_| body.as_bytes().to_vec());
        let bytes = Literal::byte_string(&bytes);
        return quote!(response_bytes(#code, &[#(#headers)*], #bytes));
    }
    quote!(response(#code, &[#(#headers)*], #body))
}

fn response_body(service: &Service, case: &ProtocolTest, op_path: &TokenStream) -> TokenStream {
    let response = response_expr(service, case);
    let op = service.operations.iter().find(|op| op.id == case.operation);
    match op.and_then(|op| op.output.as_ref()) {
        Some(id) => {
            let expected = value_expr(service, &TypeRef::Named(id.clone()), &case.params);
            quote! {
                let output = <#op_path as Operation>::parse_response(#response)
                    .unwrap_or_else(|error| panic!("the response does not parse: {error}"));
                assert_value_eq(&output.to_value(), &#expected);
            }
        }
        None => quote! {
            let () = <#op_path as Operation>::parse_response(#response)
                .unwrap_or_else(|error| panic!("the response does not parse: {error}"));
        },
    }
}

fn error_body(service: &Service, case: &ProtocolTest, op_path: &TokenStream) -> TokenStream {
    let response = response_expr(service, case);
    let Some(def) = case.error.as_ref().and_then(|id| service.types.get(id)) else {
        return quote!(panic!("the error shape is not generated"););
    };
    let op = service.operations.iter().find(|op| op.id == case.operation);
    let error_enum = ident(op.map_or(&service.error_names.service_error, |op| &op.error_type));
    let variant = ident(&def.name);
    let expected = value_expr(service, &TypeRef::Named(def.id.clone()), &case.params);
    let label = &def.name;
    quote! {
        match <#op_path as Operation>::parse_response(#response)
            .map_err(::smithy_runtime::ParseError::into_service_error)
        {
            Err(Some(super::errors::#error_enum::#variant(error))) => {
                assert_value_eq(&error.to_value(), &#expected);
            }
            other => panic!("expected the error {}, got {other:?}", #label),
        }
    }
}

/// A Rust expression of type `ty` (as the `types` module declares it, without the field's
/// `Option` or `Box`) holding `json`, a case's `params` value: members the case leaves out are
/// unset, or at their default or zero value when not optional.
pub(super) fn literal(service: &Service, ty: &TypeRef, json: &Json) -> TokenStream {
    match ty {
        TypeRef::Blob => {
            let text = json.as_str().unwrap_or_default();
            quote!(::smithy_runtime::Blob::from(#text))
        }
        TypeRef::Boolean => {
            let b = json.as_bool().unwrap_or_default();
            quote!(#b)
        }
        TypeRef::String => {
            let s = json.as_str().unwrap_or_default();
            quote!(String::from(#s))
        }
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => {
            integer_literal(ty, json)
        }
        TypeRef::Float => float_expr(json, quote!(f32)),
        TypeRef::Double => float_expr(json, quote!(f64)),
        TypeRef::BigInteger | TypeRef::BigDecimal => {
            let text = match json {
                Json::String(s) => s.clone(),
                other => other.to_string(),
            };
            let kind = if matches!(ty, TypeRef::BigInteger) {
                quote!(BigInteger)
            } else {
                quote!(BigDecimal)
            };
            quote!(::smithy_runtime::#kind::new(#text).expect("a valid number"))
        }
        TypeRef::Timestamp(_) => {
            let (secs, nanos) = epoch_parts(json);
            let secs = Literal::i64_suffixed(secs);
            let nanos = Literal::u32_suffixed(nanos);
            quote!(::smithy_runtime::Timestamp::new(#secs, #nanos))
        }
        TypeRef::Document => document_expr(json),
        TypeRef::List { member, sparse, .. } => {
            let items = json
                .as_array()
                .into_iter()
                .flatten()
                .map(|item| sparse_literal(service, member, item, *sparse));
            quote!(::std::vec![#(#items),*])
        }
        TypeRef::Map { value, sparse, .. } => {
            let entries = json.as_object().into_iter().flatten().map(|(k, v)| {
                let v = sparse_literal(service, value, v, *sparse);
                quote!((String::from(#k), #v))
            });
            quote!(::std::collections::BTreeMap::from([#(#entries),*]))
        }
        TypeRef::Named(id) => {
            let Some(def) = service.types.get(id) else {
                return quote!(unreachable!("the type is not generated"));
            };
            let name = ident(&def.name);
            match &def.kind {
                TypeKind::Struct(s) => {
                    let members = json.as_object().cloned().unwrap_or_default();
                    let fields = s.fields.iter().map(|f| {
                        let field = ident(&f.rust_name);
                        let value = match members.get(&f.member_name).filter(|v| !v.is_null()) {
                            Some(v) => {
                                let mut value = literal(service, &f.ty, v);
                                if f.boxed {
                                    value = quote!(Box::new(#value));
                                }
                                if f.optional {
                                    value = quote!(Some(#value));
                                }
                                value
                            }
                            None if f.optional => quote!(None),
                            None => fill::missing_value(service, f)
                                .unwrap_or_else(|| quote!(unreachable!("no zero value"))),
                        };
                        quote!(#field: #value,)
                    });
                    quote!(super::types::#name { #(#fields)* })
                }
                TypeKind::Union(u) => {
                    let Some((member, v)) = json.as_object().and_then(|m| m.iter().next()) else {
                        let unknown = ident(&u.unknown_variant);
                        return quote!(super::types::#name::#unknown(::smithy_runtime::UnknownVariant::from_unmatched("")));
                    };
                    match u.variants.iter().find(|x| &x.member_name == member) {
                        Some(variant) => {
                            let rust = ident(&variant.rust_name);
                            match &variant.ty {
                                Some(ty) => {
                                    let mut value = literal(service, ty, v);
                                    if variant.boxed {
                                        value = quote!(Box::new(#value));
                                    }
                                    quote!(super::types::#name::#rust(#value))
                                }
                                None => quote!(super::types::#name::#rust),
                            }
                        }
                        None => {
                            let unknown = ident(&u.unknown_variant);
                            quote!(super::types::#name::#unknown(::smithy_runtime::UnknownVariant::from_unmatched(#member)))
                        }
                    }
                }
                TypeKind::Enum(_) => {
                    let s = json.as_str().unwrap_or_default();
                    quote!(super::types::#name::from(#s))
                }
                TypeKind::IntEnum(_) => {
                    let n = integer_literal(&TypeRef::Integer, json);
                    quote!(super::types::#name::from(#n))
                }
            }
        }
    }
}

/// An element of a list or map: `Some(..)`/`None` in sparse collections.
fn sparse_literal(service: &Service, ty: &TypeRef, json: &Json, sparse: bool) -> TokenStream {
    match (sparse, json.is_null()) {
        (true, true) => quote!(None),
        (true, false) => {
            let value = literal(service, ty, json);
            quote!(Some(#value))
        }
        (false, _) => literal(service, ty, json),
    }
}

/// A suffixed integer literal of the width of `ty`.
fn integer_literal(ty: &TypeRef, json: &Json) -> TokenStream {
    let n = json.as_i64().unwrap_or_default();
    let lit = match ty {
        TypeRef::Byte => Literal::i8_suffixed(i8::try_from(n).unwrap_or_default()),
        TypeRef::Short => Literal::i16_suffixed(i16::try_from(n).unwrap_or_default()),
        TypeRef::Integer => Literal::i32_suffixed(i32::try_from(n).unwrap_or_default()),
        _ => Literal::i64_suffixed(n),
    };
    quote!(#lit)
}

/// A `Value` expression for `params` of type `ty`, filling in what a decoded
/// value holds for members the case leaves out: `@default`s and the zero
/// values of error correction.
fn value_expr(service: &Service, ty: &TypeRef, json: &Json) -> TokenStream {
    if json.is_null() {
        return quote!(Value::Null);
    }
    // Scalars: the variant of `Value` around the value's literal.
    let scalar = |variant: TokenStream| {
        let value = literal(service, ty, json);
        quote!(Value::#variant(#value))
    };
    match ty {
        TypeRef::Blob => scalar(quote!(Blob)),
        TypeRef::Boolean => scalar(quote!(Boolean)),
        TypeRef::String => scalar(quote!(String)),
        TypeRef::Byte => scalar(quote!(Byte)),
        TypeRef::Short => scalar(quote!(Short)),
        TypeRef::Integer => scalar(quote!(Integer)),
        TypeRef::Long => scalar(quote!(Long)),
        TypeRef::Float => scalar(quote!(Float)),
        TypeRef::Double => scalar(quote!(Double)),
        TypeRef::BigInteger => scalar(quote!(BigInteger)),
        TypeRef::BigDecimal => scalar(quote!(BigDecimal)),
        TypeRef::Timestamp(_) => scalar(quote!(Timestamp)),
        TypeRef::Document => scalar(quote!(Document)),
        TypeRef::List { member, .. } => {
            let items = json
                .as_array()
                .into_iter()
                .flatten()
                .map(|i| value_expr(service, member, i));
            quote!(Value::List(::std::vec![#(#items),*]))
        }
        TypeRef::Map { value, .. } => {
            let entries = json.as_object().into_iter().flatten().map(|(k, v)| {
                let v = value_expr(service, value, v);
                quote!((String::from(#k), #v))
            });
            quote!(Value::Map(::std::vec![#(#entries),*]))
        }
        TypeRef::Named(id) => match service.types.get(id).map(|t| &t.kind) {
            Some(TypeKind::Struct(s)) => {
                let members = json.as_object().cloned().unwrap_or_default();
                let entries = s.fields.iter().filter_map(|f| {
                    let name = &f.member_name;
                    let value = match members.get(name) {
                        Some(v) if !v.is_null() => value_expr(service, &f.ty, v),
                        _ if f.optional => return None,
                        _ if f.default.is_none() && matches!(f.ty, TypeRef::Named(_)) => {
                            zero_value_expr(service, &f.ty, 0)
                        }
                        _ => value_expr(service, &f.ty, &filled_in(f.default.as_ref(), &f.ty)),
                    };
                    Some(quote!((#name, #value)))
                });
                quote!(Value::Structure(::std::vec![#(#entries),*]))
            }
            Some(TypeKind::Union(u)) => {
                let Some((name, v)) = json.as_object().and_then(|m| m.iter().next()) else {
                    return quote!(Value::Null);
                };
                let inner = match u
                    .variants
                    .iter()
                    .find(|x| &x.member_name == name)
                    .and_then(|x| x.ty.as_ref())
                {
                    Some(ty) => value_expr(service, ty, v),
                    None => quote!(Value::Structure(Vec::new())),
                };
                quote!(Value::union(#name, #inner))
            }
            Some(TypeKind::Enum(_)) => {
                let s = json.as_str().unwrap_or_default();
                quote!(Value::Enum(String::from(#s)))
            }
            Some(TypeKind::IntEnum(_)) => {
                let n = integer_literal(&TypeRef::Integer, json);
                quote!(Value::IntEnum(#n))
            }
            None => quote!(Value::Null),
        },
    }
}

/// The `Value` of the zero value error correction gives a missing member of a named type: the
/// unknown variant of an enum or union, a structure of corrected members.
fn zero_value_expr(service: &Service, ty: &TypeRef, depth: usize) -> TokenStream {
    let TypeRef::Named(id) = ty else {
        return value_expr(service, ty, &filled_in(None, ty));
    };
    match service.types.get(id).map(|t| &t.kind) {
        Some(TypeKind::Enum(_)) => quote!(Value::Enum(String::new())),
        Some(TypeKind::IntEnum(_)) => quote!(Value::IntEnum(0)),
        Some(TypeKind::Union(_)) => quote!(Value::union("", Value::Null)),
        Some(TypeKind::Struct(s)) if depth < 16 => {
            let entries = s.fields.iter().filter(|f| !f.optional).map(|f| {
                let name = &f.member_name;
                let value = match &f.default {
                    Some(default) => value_expr(service, &f.ty, &filled_in(Some(default), &f.ty)),
                    None => zero_value_expr(service, &f.ty, depth + 1),
                };
                quote!((#name, #value))
            });
            quote!(Value::Structure(::std::vec![#(#entries),*]))
        }
        _ => quote!(Value::Null),
    }
}

/// The JSON a decoded value holds for a missing non-optional member: its
/// `@default`, else the zero value of its type.
fn filled_in(default: Option<&DefaultValue>, ty: &TypeRef) -> Json {
    match default {
        Some(DefaultValue::Bool(b)) => Json::Bool(*b),
        Some(DefaultValue::Int(i)) => Json::from(*i),
        Some(DefaultValue::Float(f)) => Json::from(*f),
        Some(DefaultValue::String(s) | DefaultValue::EnumValue(s)) => Json::String(s.clone()),
        Some(DefaultValue::IntEnumValue(i)) => Json::from(*i),
        Some(DefaultValue::Timestamp(t)) => Json::from(*t),
        Some(DefaultValue::Document(d)) => d.clone(),
        Some(DefaultValue::Blob(text) | DefaultValue::BigNumber(text)) => {
            Json::String(text.clone())
        }
        Some(DefaultValue::Empty) | None => match ty {
            TypeRef::Boolean => Json::Bool(false),
            TypeRef::String | TypeRef::Blob => Json::String(String::new()),
            TypeRef::List { .. } => Json::Array(Vec::new()),
            TypeRef::Map { .. } => Json::Object(Default::default()),
            TypeRef::Document => Json::Null,
            _ => Json::from(0),
        },
    }
}

fn float_expr(json: &Json, ty: TokenStream) -> TokenStream {
    match json.as_str() {
        Some("NaN") => quote!(#ty::NAN),
        Some("Infinity") => quote!(#ty::INFINITY),
        Some("-Infinity") => quote!(#ty::NEG_INFINITY),
        _ => {
            let value = json.as_f64().unwrap_or_default();
            let lit = if ty.to_string() == "f32" {
                Literal::f32_suffixed(value as f32)
            } else {
                Literal::f64_suffixed(value)
            };
            quote!(#lit)
        }
    }
}

/// Whole seconds and nanoseconds of an epoch-seconds JSON number, exactly from its text.
fn epoch_parts(json: &Json) -> (i64, u32) {
    let text = json.to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let secs = whole.parse::<i64>().unwrap_or_default();
    let digits: String = fraction
        .chars()
        .take_while(char::is_ascii_digit)
        .take(9)
        .collect();
    let nanos = format!("{digits:0<9}").parse::<u32>().unwrap_or_default();
    if secs < 0 && nanos > 0 {
        (secs - 1, 1_000_000_000 - nanos)
    } else {
        (secs, nanos)
    }
}
