//! IR to token streams. One file per concern; emitters read every name from the
//! IR and never look at the model.

mod docs;
mod errors;
mod json;
mod operations;
mod protocol_tests;
mod rust_type;
mod types;
mod values;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::Service;

/// Emits one module's items. Token streams cannot cross threads, so modules
/// carry their emitter and the renderer runs it where it formats the result.
pub type ItemsEmitter<'a> = Box<dyn Fn() -> TokenStream + Send + Sync + 'a>;

/// One generated module: `types`, `values`, `json`, `errors`, `operations`…
pub struct Module<'a> {
    /// The module's name (a plain Rust identifier).
    pub name: &'static str,
    /// Markdown for the module's doc comment.
    pub doc: String,
    /// Produces the module's items.
    pub items: ItemsEmitter<'a>,
    /// Compiled only for tests (`#[cfg(test)]`, private).
    pub test_only: bool,
    /// The Cargo feature the module is behind, if any ([`SERVER_CODECS`]).
    pub feature: Option<&'static str>,
}

/// The Cargo feature of the `server_json` module: the JSON codecs a client
/// does not need (decoders for inputs, encoders for outputs).
pub const SERVER_CODECS: &str = "server-codecs";

/// Everything generated for one service, ready to render.
pub struct Emitted<'a> {
    /// Markdown for the crate (or including module) doc comment.
    pub crate_doc: String,
    pub modules: Vec<Module<'a>>,
}

/// Emits every module for `service`. `model_name` is the model file's name as
/// the crate docs mention it.
pub fn emit<'a>(service: &'a Service, model_name: &str) -> Emitted<'a> {
    let mut modules = vec![
        Module {
            name: "types",
            doc: "Data types of the service: one Rust type per structure, union and enum shape."
                .to_owned(),
            items: Box::new(move || types::emit(service)),
            test_only: false,
            feature: None,
        },
        Module {
            name: "values",
            doc: "`ToValue` for every type: conversion into the generic Smithy `Value` tree."
                .to_owned(),
            items: Box::new(move || values::emit(service)),
            test_only: false,
            feature: None,
        },
        Module {
            name: "json",
            doc: "JSON codecs keyed by Smithy member names (the awsJson protocols): encoders for \
                  what the client sends, decoders for what it receives."
                .to_owned(),
            items: Box::new(move || json::emit(service, json::Side::Client)),
            test_only: false,
            feature: None,
        },
        Module {
            name: "errors",
            doc: "Error types: one enum per set of operation errors (an alias per operation) \
                  plus the service-wide `Error`."
                .to_owned(),
            items: Box::new(move || errors::emit(service)),
            test_only: false,
            feature: None,
        },
    ];
    if json::server_side_needed(service) {
        modules.push(Module {
            name: "server_json",
            doc: format!(
                "The JSON codecs a client does not need: decoders for what it sends and encoders \
                 for what it receives, for servers, test doubles and round-trip tests. In a crate, \
                 behind the `{SERVER_CODECS}` feature (on by default when generated with \
                 `--server-codecs` or protocol tests)."
            ),
            items: Box::new(move || json::emit(service, json::Side::Server)),
            test_only: false,
            feature: Some(SERVER_CODECS),
        });
    }
    if operations::supported(service.protocol) {
        modules.push(Module {
            name: "operations",
            doc: "One sans-IO `Operation` per operation: build the request, parse the response."
                .to_owned(),
            items: Box::new(move || operations::emit_operations(service)),
            test_only: false,
            feature: None,
        });
        modules.push(Module {
            name: "client",
            doc: "The client: one method per operation over any transport, returning the call's future.".to_owned(),
            items: Box::new(move || operations::emit_client(service)),
            test_only: false,
            feature: None,
        });
        if !service.protocol_tests.is_empty() {
            modules.push(Module {
                name: "protocol_tests",
                doc: "Client protocol compliance cases from the model, one `#[test]` each."
                    .to_owned(),
                items: Box::new(move || protocol_tests::emit(service)),
                test_only: true,
                // Request cases decode operation inputs.
                feature: Some(SERVER_CODECS),
            });
        }
    }
    Emitted {
        crate_doc: crate_doc(service, model_name),
        modules,
    }
}

fn crate_doc(service: &Service, model_name: &str) -> String {
    let mut doc = format!(
        "Rust types for the {} service (`{}`{}), generated by smithy-codegen from `{model_name}`.",
        service.sdk_id,
        service.id,
        service
            .version
            .as_deref()
            .map(|v| format!(", version {v}"))
            .unwrap_or_default(),
    );
    let service_docs = service.docs.as_deref().map(docs::html_to_rustdoc);
    if let Some(markdown) = service_docs.filter(|md| !md.trim().is_empty()) {
        doc.push_str("\n\n");
        doc.push_str(&markdown);
    }
    let protocol = service.protocol.name();
    let operations = service.operations.len();
    doc.push_str(&format!(
        "\n\nProtocol: {protocol}. Generated for {operations} operations: data types (`types`), \
         conversion to `Value` (`values`), JSON codecs keyed by member names (`json`) and error \
         types with JSON and XML decoders (`errors`)"
    ));
    if operations::supported(service.protocol) {
        doc.push_str(", sans-IO operations (`operations`) and a client (`client`).");
        let streaming: Vec<String> = service
            .operations
            .iter()
            .filter(|op| op.streaming)
            .map(|op| format!("`{}`", op.wire_name))
            .collect();
        if !streaming.is_empty() {
            doc.push_str(&format!(
                "\n\nNot generated: operations and client methods for {}, whose input or output \
                 streams (event streams are not supported yet); their types and errors are generated.",
                streaming.join(", ")
            ));
        }
    } else {
        doc.push_str(&format!(
            ".\n\nNot generated for {protocol}: request serialization, response parsing, operations \
             and the client. The `json` codecs follow awsJson rules and are not {protocol}'s wire format."
        ));
    }
    if json::server_side_needed(service) {
        doc.push_str(&format!(
            "\n\nThe `json` module has what a client needs: encoders for what it sends, decoders for \
             what it receives. The other direction (servers, test doubles) is generated with \
             `--server-codecs` (`Builder::server_codecs`); in a crate it is the `server_json` \
             module behind the `{SERVER_CODECS}` feature."
        ));
    }
    doc
}

/// An identifier from an IR name, which may be a raw identifier (`r#type`).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `#[doc = "..."]` attributes for Markdown text, one per line so that
/// prettyplease prints them as `///` comments.
pub fn doc_attrs(markdown: &str) -> TokenStream {
    let lines = markdown.lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

/// Doc attributes for optional model HTML documentation followed by notes the
/// generator adds (each note becomes its own paragraph).
pub fn docs_with_notes(html: Option<&str>, notes: &[&str]) -> TokenStream {
    let mut paragraphs: Vec<String> = html
        .map(docs::html_to_rustdoc)
        .filter(|md| !md.is_empty())
        .into_iter()
        .collect();
    paragraphs.extend(notes.iter().map(|n| (*n).to_owned()));
    doc_attrs(&paragraphs.join("\n\n"))
}

/// Doc attributes for optional model HTML documentation.
pub fn model_docs(html: Option<&str>) -> TokenStream {
    docs_with_notes(html, &[])
}
