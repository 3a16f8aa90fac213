//! The `endpoint_tests` module (`#[cfg(test)]`): one `#[test]` per `smithy.rules#endpointTests`
//! case, resolving its parameters, and for each of its operation calls the parameters the
//! client configuration and the operation's input bind, then comparing with the case; plus a
//! summary test printing `<service> endpoints: N passed, M failed, K skipped`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::endpoint::param_literal;
use super::protocol_tests::literal;
use super::{doc_attrs, ident, Module};
use crate::ir::endpoints::{EndpointTest, Expectation, OperationInput};
use crate::ir::{Service, TypeRef};

/// The module, for a service with endpoint test cases.
pub fn module(service: &Service) -> Option<Module<'_>> {
    let rules = service.endpoint.as_ref()?;
    if rules.tests.is_empty() {
        return None;
    }
    Some(Module {
        name: "endpoint_tests",
        doc: "Endpoint rule cases from the model (`smithy.rules#endpointTests`), one `#[test]` \
              each."
            .to_owned(),
        items: Box::new(move || emit(service)),
        test_only: true,
        feature: None,
    })
}

fn emit(service: &Service) -> TokenStream {
    let Some(rules) = &service.endpoint else {
        return TokenStream::new();
    };
    let tests = rules
        .tests
        .iter()
        .enumerate()
        .map(|(i, case)| test_fn(service, i, case));
    let table = (0..rules.tests.len()).map(|i| {
        let name = format!("endpoint_case_{i}");
        let f = format_ident!("endpoint_case_{}", i);
        quote!((#name, #f, ::smithy_runtime::protocol_test::CaseStatus::Run),)
    });
    let summary = format!("{} endpoints", service.name);
    let uses_operations = rules.tests.iter().any(|c| !c.operation_inputs.is_empty());
    let operation_import = uses_operations.then(|| {
        quote!(
            use ::smithy_runtime::Operation;
        )
    });
    quote! {
        use ::smithy_runtime::protocol_test::{assert_endpoint, ExpectedEndpoint};
        #operation_import

        #(#tests)*

        /// Every case, for the summary.
        const CASES: &[::smithy_runtime::protocol_test::Case] = &[#(#table)*];

        /// Runs every case once more to print `<service> endpoints: N passed, M failed, K skipped`.
        #[test]
        fn endpoint_tests_summary() {
            ::smithy_runtime::protocol_test::run_summary(#summary, CASES);
        }
    }
}

fn test_fn(service: &Service, index: usize, case: &EndpointTest) -> TokenStream {
    let name = format_ident!("endpoint_case_{}", index);
    let doc = doc_attrs(&format!(
        "Endpoint case {index}: {}",
        case.documentation.as_deref().unwrap_or("(undocumented)")
    ));
    if let Some(reason) = &case.unreadable {
        let message = format!("the case cannot be read: {reason}");
        return quote!(#doc #[test] fn #name() { panic!(#message); });
    }
    let expected = match &case.expect {
        Expectation::Error(message) => quote!(ExpectedEndpoint::Error(#message)),
        Expectation::Endpoint {
            url,
            headers,
            properties,
        } => {
            let headers = headers
                .iter()
                .map(|(name, values)| quote!((#name, &[#(#values),*][..]),));
            let properties = properties.to_string();
            quote!(ExpectedEndpoint::Endpoint {
                url: #url,
                headers: &[#(#headers)*],
                properties: #properties,
            })
        }
    };
    let sets = case.params.iter().map(|(name, value)| {
        let value = param_literal(value);
        quote!(params.set(#name, #value);)
    });
    let calls = case
        .operation_inputs
        .iter()
        .map(|call| operation_call(service, call));
    let binding = if case.params.is_empty() {
        quote!(let params)
    } else {
        quote!(let mut params)
    };
    quote! {
        #doc
        #[test]
        fn #name() {
            let expected = #expected;
            #binding = ::smithy_runtime::rules::Params::new();
            #(#sets)*
            assert_endpoint(&super::endpoint::RULES, &params, &expected);
            #(#calls)*
        }
    }
}

/// The parameters an operation call binds (configuration, then the operation's input), checked
/// against the same expectation.
fn operation_call(service: &Service, call: &OperationInput) -> TokenStream {
    let Some(op) = service
        .operations
        .iter()
        .find(|op| op.wire_name == call.operation && !op.event_stream)
    else {
        let message = format!("operation {} is not generated", call.operation);
        return quote!(panic!(#message););
    };
    let op_type = ident(&op.type_name);
    let built_ins = call.built_ins.iter().map(|(name, value)| {
        let value = param_literal(value);
        quote!(.with_built_in(#name, #value))
    });
    let client_params = call.client_params.iter().map(|(name, value)| {
        let value = param_literal(value);
        quote!(.with_client_param(#name, #value))
    });
    let input = match &op.input {
        Some(id) => literal(service, &TypeRef::Named(id.clone()), &call.input),
        None => quote!(()),
    };
    quote! {{
        let config = ::smithy_runtime::ClientConfig::new()
            .with_rules(&super::endpoint::RULES)
            #(#built_ins)*
            #(#client_params)*;
        let input = #input;
        let mut params = config.endpoint_params();
        <super::operations::#op_type as Operation>::endpoint_params(&input, &mut params);
        assert_endpoint(&super::endpoint::RULES, &params, &expected);
    }}
}
