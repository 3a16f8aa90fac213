//! Operations: input, output and errors, `@http` and its bindings, host prefix, compression,
//! checksums and idempotency tokens.

use std::collections::BTreeMap;

use super::{Resolver, UNIT};
use crate::ir::http::{self, Direction};
use crate::ir::{
    Checksums, Field, HostPrefix, HostPrefixPart, Operation, TypeDef, TypeKind, TypeRef,
};
use crate::model::{traits, Shape, ShapeId, ShapeType};
use crate::naming;
use crate::{Error, Result};

const STREAMING: &str = "smithy.api#streaming";

impl Resolver<'_> {
    pub(super) fn operation(
        &self,
        op: &Shape,
        service_errors: &[ShapeId],
        types: &BTreeMap<ShapeId, TypeDef>,
    ) -> Result<Operation> {
        let unit = |id: &Option<ShapeId>| id.clone().filter(|id| id.as_str() != UNIT);
        let mut errors = op.bindings.errors.clone();
        for error in service_errors {
            if !errors.contains(error) {
                errors.push(error.clone());
            }
        }
        for (role, id) in [
            ("input", &op.bindings.input),
            ("output", &op.bindings.output),
        ] {
            let target = id.as_ref().and_then(|id| self.model.shape(id));
            if target.is_some_and(|t| t.shape_type != ShapeType::Structure) {
                return Err(self
                    .model
                    .error(op, format!("the {role} must be a structure")));
            }
        }
        for error in &errors {
            let is_error = self
                .model
                .shape(error)
                .is_some_and(|s| s.has_trait(traits::ERROR));
            if !is_error {
                return Err(self.model.error(
                    op,
                    format!("{error} is listed as an error but has no @error trait"),
                ));
            }
        }
        let input = unit(&op.bindings.input);
        let output = unit(&op.bindings.output);
        let fields_of = |id: &Option<ShapeId>| -> &[Field] {
            match id.as_ref().and_then(|id| types.get(id)).map(|t| &t.kind) {
                Some(TypeKind::Struct(s)) => &s.fields,
                _ => &[],
            }
        };
        let input_fields = fields_of(&input);
        let http = if self.protocol.uses_http_bindings() {
            Some(self.http_bindings(op, &input, &output, &errors, types)?)
        } else {
            None
        };
        let retryable_errors = self.retryable_errors(&errors);
        Ok(Operation {
            id: op.id.clone(),
            wire_name: op.id.name().to_owned(),
            type_name: naming::type_name(op.id.name()),
            fn_name: naming::field_name(op.id.name()),
            errors,
            // Set with the error sets (`error_sets::assign`).
            error_type: String::new(),
            error_set: 0,
            docs: self.docs(op)?,
            deprecated: op.has_trait(traits::DEPRECATED),
            host_prefix: self
                .host_prefix(op, input_fields)
                .map_err(|e| self.locate(op, e))?,
            gzip_request: op
                .traits
                .get("smithy.api#requestCompression")
                .and_then(|c| c.get("encodings"))
                .and_then(|e| e.as_array())
                .is_some_and(|e| e.iter().any(|v| v.as_str() == Some("gzip"))),
            event_stream: self.streams_events(op),
            http,
            idempotency_tokens: self.idempotency_tokens(&input, input_fields),
            checksums: Checksums {
                content_md5: op.has_trait("smithy.api#httpChecksumRequired"),
                glacier: false,
            },
            constant_headers: Vec::new(),
            label_defaults: Vec::new(),
            unwrapped_xml_output: op.has_trait("aws.customizations#s3UnwrappedXmlOutput"),
            errors_in_success: false,
            // Set with the endpoint rules (`Resolver::endpoint_rules`).
            endpoint_params: Default::default(),
            path_in_endpoint: false,
            auth: crate::ir::auth::operation_auth(self.service, op)
                .map_err(|e| self.locate(op, e))?,
            retryable_errors,
            paginator: None,
            // Set once the service is resolved (`waiters::resolve`).
            waiters: Vec::new(),
            input,
            output,
        })
    }

    /// The errors among `errors` with `@retryable`, and whether each is throttling.
    fn retryable_errors(&self, errors: &[ShapeId]) -> Vec<(ShapeId, bool)> {
        errors
            .iter()
            .filter_map(|id| {
                let retryable = self.model.shape(id)?.traits.get("smithy.api#retryable")?;
                let throttling = retryable.get("throttling").and_then(|t| t.as_bool());
                Some((id.clone(), throttling == Some(true)))
            })
            .collect()
    }

    /// Whether the input or output has a member targeting a `@streaming` union (an event
    /// stream). `@streaming` blobs are bodies the generated code reads whole.
    fn streams_events(&self, op: &Shape) -> bool {
        [&op.bindings.input, &op.bindings.output]
            .into_iter()
            .flatten()
            .filter_map(|id| self.model.shape(id))
            .flat_map(|s| &s.members)
            .filter_map(|m| self.model.shape(&m.target))
            .any(|t| t.has_trait(STREAMING) && t.shape_type == ShapeType::Union)
    }

    /// The Rust names of the input's `@idempotencyToken` string members.
    fn idempotency_tokens(&self, input: &Option<ShapeId>, fields: &[Field]) -> Vec<String> {
        let Some(shape) = input.as_ref().and_then(|id| self.model.shape(id)) else {
            return Vec::new();
        };
        shape
            .members
            .iter()
            .zip(fields)
            .filter(|(member, field)| {
                // The trait applies to strings; on anything else it means nothing.
                traits::has(&member.traits, "smithy.api#idempotencyToken")
                    && field.ty == TypeRef::String
            })
            .map(|(_, field)| field.rust_name.clone())
            .collect()
    }

    /// `@http` and the bindings of the input (for requests), the output and the errors (for
    /// responses), checked.
    fn http_bindings(
        &self,
        op: &Shape,
        input: &Option<ShapeId>,
        output: &Option<ShapeId>,
        errors: &[ShapeId],
        types: &BTreeMap<ShapeId, TypeDef>,
    ) -> Result<crate::ir::HttpOperation> {
        let structure = |id: &ShapeId| -> Option<(&Shape, &[Field])> {
            let shape = self.model.shape(id)?;
            match &types.get(id)?.kind {
                TypeKind::Struct(s) => Some((shape, s.fields.as_slice())),
                _ => None,
            }
        };
        let input = input.as_ref().and_then(structure);
        if let Some((shape, fields)) = input {
            http::check_structure(fields, Direction::Request).map_err(|e| self.locate(shape, e))?;
        }
        for id in output.iter().chain(errors) {
            if let Some((shape, fields)) = structure(id) {
                http::check_structure(fields, Direction::Response)
                    .map_err(|e| self.locate(shape, e))?;
            }
        }
        http::operation_http(op, input).map_err(|e| self.locate(op, e))
    }

    /// Parses `@endpoint(hostPrefix: "foo.{label}.")`; each label must be an
    /// input member marked `@hostLabel`.
    fn host_prefix(&self, op: &Shape, fields: &[Field]) -> Result<Option<HostPrefix>> {
        let Some(endpoint) = op.traits.get("smithy.api#endpoint") else {
            return Ok(None);
        };
        let template = endpoint
            .get("hostPrefix")
            .and_then(|p| p.as_str())
            .ok_or_else(|| Error::new("trait smithy.api#endpoint needs a string `hostPrefix`"))?;
        let input = op
            .bindings
            .input
            .as_ref()
            .and_then(|id| self.model.shape(id));
        let mut parts = Vec::new();
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            if open > 0 {
                parts.push(HostPrefixPart::Literal(rest[..open].to_owned()));
            }
            let close = rest[open..]
                .find('}')
                .map(|c| open + c)
                .ok_or_else(|| Error::new(format!("unclosed label in host prefix `{template}`")))?;
            let label = &rest[open + 1..close];
            let is_host_label = input
                .and_then(|i| i.member(label))
                .is_some_and(|m| traits::has(&m.traits, "smithy.api#hostLabel"));
            let field = fields
                .iter()
                .find(|f| f.member_name == label)
                .filter(|_| is_host_label)
                .ok_or_else(|| {
                    Error::new(format!(
                        "host prefix label `{label}` is not an input member marked @hostLabel"
                    ))
                })?;
            parts.push(HostPrefixPart::Label {
                field: field.rust_name.clone(),
                optional: field.optional,
            });
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(HostPrefixPart::Literal(rest.to_owned()));
        }
        Ok(Some(HostPrefix { parts }))
    }
}
