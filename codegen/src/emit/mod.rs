//! IR to token streams. One file per concern; emitters read every name from the
//! IR and never look at the model.

mod bodies;
mod cbor;
mod client;
mod docs;
mod endpoint;
mod endpoint_tests;
mod errors;
mod examples;
mod fill;
mod json;
mod map_codec;
mod operations;
mod paginators;
mod protocol;
mod protocol_tests;
mod query;
mod rust_type;
mod serde_attrs;
mod summaries;
mod types;
mod values;
mod waiters;
mod xml;

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::{BodyFormat, OptionalDerive, Service};

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

/// The Cargo feature deriving `serde`'s traits for every type (`serde_attrs`); it brings the
/// `serde` dependency and `smithy-runtime`'s `serde` feature.
pub const SERDE: &str = "serde";

/// The Cargo feature deriving `Hash` for the structures and unions whose members allow it
/// (`types::struct_derives`); enums always have it.
pub const HASH: &str = "hash";

/// Everything generated for one service, ready to render.
pub struct Emitted<'a> {
    /// Markdown for the crate (or including module) doc comment.
    pub crate_doc: String,
    pub modules: Vec<Module<'a>>,
}

/// Emits every module for `service`. `model_name` is the model file's name as
/// the crate docs mention it. `library` is the crate's name in Rust code when the output is a
/// crate, for the doc examples; `None` for a single file, whose path in the crate that
/// includes it is unknown (no examples).
pub fn emit<'a>(service: &'a Service, model_name: &str, library: Option<&'a str>) -> Emitted<'a> {
    let protocol = protocol::emitter(service.protocol);
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
    ];
    match protocol {
        Some(protocol) => modules.extend(protocol.modules(service)),
        None => modules.extend(protocol::json_modules(service)),
    }
    modules.push(Module {
        name: "errors",
        doc: "Error types: one enum per set of operation errors (an alias per operation) \
              plus the service-wide `Error`."
            .to_owned(),
        items: Box::new(move || errors::emit(service)),
        test_only: false,
        feature: None,
    });
    if let Some(protocol) = protocol {
        modules.extend(endpoint::module(service));
        modules.push(Module {
            name: "operations",
            doc: "One sans-IO `Operation` per operation: build the request, parse the response."
                .to_owned(),
            items: Box::new(move || operations::emit(service, protocol)),
            test_only: false,
            feature: None,
        });
        modules.push(Module {
            name: "client",
            doc: "The client: one method per operation over any transport, returning the call's future.".to_owned(),
            items: Box::new(move || client::emit(service, library)),
            test_only: false,
            feature: None,
        });
        modules.extend(paginators::module(service));
        if service.has_waiters() {
            modules.push(Module {
                name: "waiters",
                doc: "Waiters (`@waitable`): their acceptors, and the client's `wait_until_…` \
                      methods over `smithy_runtime::waiter`."
                    .to_owned(),
                items: Box::new(move || waiters::emit(service)),
                test_only: false,
                feature: None,
            });
        }
        modules.extend(endpoint_tests::module(service));
        if !service.protocol_tests.is_empty() {
            modules.push(Module {
                name: "protocol_tests",
                doc: "Client protocol compliance cases from the model, one `#[test]` each."
                    .to_owned(),
                items: Box::new(move || protocol_tests::emit(service)),
                test_only: true,
                feature: None,
            });
        }
    }
    Emitted {
        crate_doc: crate_doc(service, model_name, &modules),
        modules,
    }
}

fn crate_doc(service: &Service, model_name: &str, modules: &[Module<'_>]) -> String {
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
    let name = service.protocol.name();
    let operations = service.operations.len();
    match protocol::emitter(service.protocol) {
        Some(protocol) => {
            doc.push_str(&format!(
                "\n\nProtocol: {name}. Generated for {operations} operations: data types (`types`), \
                 conversion to `Value` (`values`), {}, error types with {} (`errors`), sans-IO \
                 operations (`operations`) and a client (`client`){}.",
                protocol.codec_docs(service),
                match service.protocol.body_format() {
                    BodyFormat::Json => "JSON and XML decoders",
                    BodyFormat::Xml => "XML decoders",
                    BodyFormat::Cbor => "CBOR and XML decoders",
                },
                if modules.iter().any(|m| m.name == "paginators") {
                    " with paginators (`paginators`)"
                } else {
                    ""
                }
            ));
            let skipped: Vec<String> = service
                .operations
                .iter()
                .filter(|op| op.event_stream)
                .map(|op| format!("`{}`", op.wire_name))
                .collect();
            if !skipped.is_empty() {
                doc.push_str(&format!(
                    "\n\nNot generated: operations and client methods for {}, whose input or output \
                     is an event stream (not supported yet); their types and errors are generated.",
                    skipped.join(", ")
                ));
            }
            if service.protocol == crate::ir::Protocol::RpcV2Cbor {
                doc.push_str(
                    "\n\nThe CBOR codecs need `smithy-runtime`'s `cbor` feature (a generated crate \
                     turns it on).",
                );
            }
            if service.needs_jmespath() {
                doc.push_str(
                    "\n\nSome operations take endpoint parameters from their input by JMESPath \
                     expressions (`@operationContextParams`): the code needs `smithy-runtime`'s \
                     `jmespath` feature (a generated crate turns it on).",
                );
            }
            if service.has_waiters() {
                doc.push_str(
                    "\n\nWaiters (`waiters`): `Client::wait_until_…` methods poll an operation \
                     until a resource reaches a state (`smithy_runtime::waiter`, behind \
                     `smithy-runtime`'s `jmespath` feature, which a generated crate turns on).",
                );
            }
            if service.needs_checksums() {
                doc.push_str(
                    "\n\nSome operations send checksums of their body (`Content-MD5`, Glacier's tree \
                     hash): the code needs `smithy-runtime`'s `checksums` feature (a generated \
                     crate turns it on).",
                );
            }
            if has_streaming_blobs(service) {
                doc.push_str(
                    "\n\nStreaming blobs (`@streaming` payloads) are sent and received whole, as a \
                     `Blob` in memory: there is no streaming body yet.",
                );
            }
        }
        None => doc.push_str(&format!(
            "\n\nProtocol: {name}. Generated for {operations} operations: data types (`types`), \
             conversion to `Value` (`values`), JSON codecs keyed by member names (`json`) and error \
             types with JSON and XML decoders (`errors`).\n\nNot generated for {name}: request \
             serialization, response parsing, operations and the client. The `json` codecs follow \
             awsJson rules and are not {name}'s wire format."
        )),
    }
    let server_module = modules
        .iter()
        .find(|m| m.feature == Some(SERVER_CODECS))
        .map(|m| m.name);
    if let Some(server) = server_module {
        let client = server.trim_start_matches("server_");
        // Query protocols send forms: their `xml` module only decodes.
        let client_codecs = if modules.iter().any(|m| m.name == "query") {
            "decoders for what it receives"
        } else {
            "encoders for what it sends, decoders for what it receives"
        };
        doc.push_str(&format!(
            "\n\nThe `{client}` module has what a client needs: {client_codecs}. The other \
             direction (servers, test doubles) is generated with `--server-codecs` \
             (`Builder::server_codecs`); in a crate it is the `{server}` module behind the \
             `{SERVER_CODECS}` feature."
        ));
    }
    if service.serde == OptionalDerive::Feature || service.hash == OptionalDerive::Feature {
        doc.push_str(&format!(
            "\n\nOff-by-default features: `{SERDE}` (serde's `Serialize` and `Deserialize` for \
             every type, under the model's member names) and `{HASH}` (`Hash` on the structures \
             and unions whose members allow it; enums always have it)."
        ));
    }
    doc
}

/// Whether an operation the crate generates has a `@streaming` blob payload.
fn has_streaming_blobs(service: &Service) -> bool {
    service
        .operations
        .iter()
        .filter(|op| !op.event_stream)
        .any(|op| {
            [service.input_of(op), service.output_of(op)]
                .into_iter()
                .flatten()
                .any(|(_, s)| s.fields.iter().any(|f| f.streaming))
        })
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
    docs_or_summary(html, String::new, notes)
}

/// Like [`docs_with_notes`], with `summary` (Markdown) in place of model documentation that
/// is missing or empty: generated crates document every public item.
pub fn docs_or_summary(
    html: Option<&str>,
    summary: impl FnOnce() -> String,
    notes: &[&str],
) -> TokenStream {
    let model = html
        .map(docs::html_to_rustdoc)
        .filter(|md| !md.trim().is_empty());
    let mut paragraphs: Vec<String> = model
        .or_else(|| Some(summary()).filter(|md| !md.is_empty()))
        .into_iter()
        .collect();
    paragraphs.extend(notes.iter().map(|n| (*n).to_owned()));
    doc_attrs(&paragraphs.join("\n\n"))
}

/// Doc attributes for optional model HTML documentation.
pub fn model_docs(html: Option<&str>) -> TokenStream {
    docs_with_notes(html, &[])
}
