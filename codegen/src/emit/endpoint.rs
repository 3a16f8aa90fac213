//! The `endpoint` module (the service's rule set, embedded as its JSON for the runtime's rules
//! engine) and each operation's `Operation::endpoint_params`, binding the parameters its
//! input and traits give.

use proc_macro2::TokenStream;
use quote::quote;
use smithy_runtime::rules::{ParamType, ParamValue};

use super::{doc_attrs, ident, Module};
use crate::ir::{Operation, Service};

/// The `endpoint` module, for a service with endpoint rules.
pub fn module(service: &Service) -> Option<Module<'_>> {
    let rules = service.endpoint.as_ref()?;
    let mut doc = format!(
        "Endpoint resolution: the {} endpoint rule set (version {}), evaluated by \
         `smithy_runtime::rules` for each call from the client's configuration and the \
         operation's input.\n\nParameters:\n",
        service.sdk_id,
        rules.rule_set.version()
    );
    for param in rules.rule_set.parameters() {
        let source = match &param.built_in {
            Some(built_in) => format!("built-in `{built_in}`"),
            None if rules.client_params.iter().any(|p| p.name == param.name) => {
                "client context parameter (`ClientConfig::with_client_param`)".to_owned()
            }
            None => "set by operations".to_owned(),
        };
        doc.push_str(&format!(
            "\n- `{}` ({}{}): {}",
            param.name,
            param.param_type.name(),
            if param.required { ", required" } else { "" },
            source
        ));
    }
    Some(Module {
        name: "endpoint",
        doc,
        items: Box::new(move || emit(service)),
        test_only: false,
        feature: None,
    })
}

fn emit(service: &Service) -> TokenStream {
    let Some(rules) = &service.endpoint else {
        return TokenStream::new();
    };
    let json = &rules.json;
    let partitions = match &rules.partitions {
        Some(json) => quote!(Some(#json)),
        None => quote!(None),
    };
    let partitions_doc = match &rules.partitions {
        Some(_) => "the partition data the crate was generated with",
        None => "the partition data bundled with `smithy-runtime`",
    };
    let doc = doc_attrs(&format!(
        "The service's endpoint rules (`smithy.rules#endpointRuleSet`, checked when this crate \
         was generated) and {partitions_doc}, parsed on first use. Generated clients resolve \
         with them; `smithy_runtime::ClientConfig::with_rules` takes them."
    ));
    quote! {
        #doc
        pub static RULES: ::smithy_runtime::rules::ServiceRules =
            ::smithy_runtime::rules::ServiceRules::new(RULE_SET, #partitions);

        /// The rule set's JSON.
        const RULE_SET: &str = #json;
    }
}

/// `fn endpoint_params` of an operation's `Operation` impl, when it binds parameters.
pub fn operation_params(op: &Operation) -> TokenStream {
    let params = &op.endpoint_params;
    if params.is_empty() {
        return TokenStream::new();
    }
    let statics = params.statics.iter().map(|(name, value)| {
        let value = param_literal(value);
        quote!(params.set(#name, #value);)
    });
    let members = params.members.iter().map(|m| {
        let name = &m.param;
        let field = ident(&m.field);
        // Strings and enums (as their wire value), booleans, lists of strings.
        let convert = match m.param_type {
            ParamType::String => quote!(value.as_str()),
            ParamType::Boolean => quote!(*value),
            ParamType::StringArray => {
                quote!(value
                    .iter()
                    .map(|v| v.as_str().to_owned())
                    .collect::<::std::vec::Vec<_>>())
            }
        };
        if m.optional {
            quote! {
                if let Some(value) = &input.#field {
                    params.set(#name, #convert);
                }
            }
        } else {
            quote! {{
                let value = &input.#field;
                params.set(#name, #convert);
            }}
        }
    });
    let paths = params.paths.iter().map(|(name, path)| {
        quote!(::smithy_runtime::rules::set_from_input(params, #name, #path, input);)
    });
    let uses_input = !params.members.is_empty() || !params.paths.is_empty();
    let input = if uses_input {
        quote!(input)
    } else {
        quote!(_input)
    };
    let doc = doc_attrs(&format!(
        "The endpoint parameters `{}` binds ({}).",
        op.wire_name,
        describe(op)
    ));
    quote! {
        #doc
        fn endpoint_params(#input: &Self::Input, params: &mut ::smithy_runtime::rules::Params) {
            #(#statics)*
            #(#members)*
            #(#paths)*
        }
    }
}

fn describe(op: &Operation) -> String {
    let p = &op.endpoint_params;
    let mut parts = Vec::new();
    for (name, _) in &p.statics {
        parts.push(format!("`{name}` fixed"));
    }
    for m in &p.members {
        parts.push(format!("`{}` from `{}`", m.param, m.member));
    }
    for (name, path) in &p.paths {
        parts.push(format!("`{name}` from `{path}`"));
    }
    parts.join(", ")
}

/// A parameter value as a Rust expression of a type `Params::set` takes.
pub fn param_literal(value: &ParamValue) -> TokenStream {
    match value {
        ParamValue::String(s) => quote!(#s),
        ParamValue::Boolean(b) => quote!(#b),
        ParamValue::StringArray(items) => quote!(vec![#(::std::string::String::from(#items)),*]),
    }
}
