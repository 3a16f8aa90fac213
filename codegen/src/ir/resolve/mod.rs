//! Model to IR: which service and operations, then the types they reach (`shapes`), the
//! operations themselves (`operation`), error sets and service customizations.

mod operation;
mod shapes;

use std::collections::{BTreeMap, BTreeSet};

use super::protocol_tests::{self, ProtocolTest};
use super::recursion::Cycles;
use super::{
    customizations, endpoints, error_sets, OptionalDerive, Protocol, Service, StructRole, TypeKind,
};
use crate::model::{traits, Model, Shape, ShapeId, ShapeType};
use crate::naming;
use crate::{Error, Result};

/// Which service and which of its operations to generate.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// The service shape id (`ns#Name`) or name; `None` when the model has one service.
    pub service: Option<String>,
    /// Operation names to keep; `None` keeps every operation.
    pub operations: Option<Vec<String>>,
    /// Read the model's client protocol compliance cases into [`Service::protocol_tests`].
    pub protocol_tests: bool,
    /// Read the model's `smithy.rules#endpointTests` cases into the service's endpoint rules.
    pub endpoint_tests: bool,
    /// The protocol to generate, by name (`rpcv2Cbor`, `awsJson1_1`) or trait id, among those
    /// the service declares; `None` takes the first the generator supports in the order of
    /// [`Protocol::KNOWN`].
    pub protocol: Option<String>,
}

/// Nesting of lists and maps deeper than this is reported as an error (it also
/// catches invalid self-referencing lists without recursing forever).
const MAX_COLLECTION_DEPTH: usize = 32;

const UNIT: &str = "smithy.api#Unit";

/// Resolves the selected service of `model` into the IR.
pub fn resolve(model: &Model, selection: &Selection) -> Result<Service> {
    let service = find_service(model, selection.service.as_deref())?;
    let operations = select_operations(model, service, selection.operations.as_deref())?;
    let protocol = choose_protocol(model, service, selection.protocol.as_deref())?;
    let resolver = Resolver::new(model, service, protocol, &operations);
    let mut resolved = resolver.service(&operations)?;
    resolver.endpoint_rules(&mut resolved, &operations, selection.endpoint_tests)?;
    customizations::bucket_in_endpoint(&mut resolved);
    super::paginators::resolve(model, &mut resolved);
    super::direction::mark(&mut resolved);
    super::waiters::resolve(model, &mut resolved);
    super::equality::mark(&mut resolved);
    if selection.protocol_tests {
        resolved.protocol_tests = resolver.protocol_tests(&resolved, &operations)?;
    }
    Ok(resolved)
}

fn find_service<'m>(model: &'m Model, wanted: Option<&str>) -> Result<&'m Shape> {
    let services: Vec<&Shape> = model.services().collect();
    match wanted {
        Some(wanted) => services
            .iter()
            .find(|s| s.id.as_str() == wanted || (!wanted.contains('#') && s.id.name() == wanted))
            .copied()
            .ok_or_else(|| {
                Error::new(format!(
                    "service `{wanted}` is not in the model (services: {})",
                    list(services.iter().map(|s| s.id.as_str()))
                ))
            }),
        None => match services.as_slice() {
            [only] => Ok(only),
            [] => Err(Error::new("the model defines no service")),
            several => Err(Error::new(format!(
                "the model defines several services; choose one with --service: {}",
                list(several.iter().map(|s| s.id.as_str()))
            ))),
        },
    }
}

fn list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
}

/// The service's operations (including those of its resources, transitively),
/// sorted by id and filtered by the selection.
fn select_operations<'m>(
    model: &'m Model,
    service: &'m Shape,
    wanted: Option<&[String]>,
) -> Result<Vec<&'m Shape>> {
    let mut found = BTreeSet::new();
    let mut seen_resources = BTreeSet::new();
    let mut pending = vec![service];
    while let Some(container) = pending.pop() {
        found.extend(container.bindings.all_operations().cloned());
        for resource in &container.bindings.resources {
            if seen_resources.insert(resource.clone()) {
                pending.extend(model.shape(resource));
            }
        }
    }
    let mut operations = Vec::new();
    for id in &found {
        let Some(shape) = model.shape(id) else {
            continue;
        };
        if shape.shape_type != ShapeType::Operation {
            return Err(model.error(
                service,
                format!(
                    "{id} is bound as an operation but its type is `{}`",
                    shape.shape_type.ast_name()
                ),
            ));
        }
        operations.push(shape);
    }
    let Some(wanted) = wanted else {
        return Ok(operations);
    };
    let unknown: Vec<&str> = wanted
        .iter()
        .filter(|name| !operations.iter().any(|op| op.id.name() == name.as_str()))
        .map(String::as_str)
        .collect();
    if !unknown.is_empty() {
        return Err(model.error(
            service,
            format!("unknown operations selected: {}", unknown.join(", ")),
        ));
    }
    operations.retain(|op| wanted.iter().any(|name| name == op.id.name()));
    Ok(operations)
}

struct Resolver<'m> {
    model: &'m Model,
    service: &'m Shape,
    protocol: Protocol,
    /// Every shape the selected operations reach.
    reached: BTreeSet<ShapeId>,
    /// Operation inputs, outputs and errors: the structures whose HTTP binding traits count.
    top_level: BTreeSet<ShapeId>,
    /// Shapes that are the target of a member, each with the first shape holding such a member.
    nested: BTreeMap<ShapeId, ShapeId>,
    cycles: Cycles,
}

impl<'m> Resolver<'m> {
    fn new(
        model: &'m Model,
        service: &'m Shape,
        protocol: Protocol,
        operations: &[&'m Shape],
    ) -> Self {
        let mut roots: Vec<ShapeId> = service.bindings.errors.clone();
        for op in operations {
            let b = &op.bindings;
            roots.extend(b.input.iter().chain(&b.output).chain(&b.errors).cloned());
        }
        let top_level = roots.iter().cloned().collect();
        let reached = closure(model, roots);
        let mut nested = BTreeMap::new();
        for holder in reached.iter().filter_map(|id| model.shape(id)) {
            if !matches!(holder.shape_type, ShapeType::Enum | ShapeType::IntEnum) {
                for member in &holder.members {
                    nested
                        .entry(member.target.clone())
                        .or_insert_with(|| holder.id.clone());
                }
            }
        }
        let cycles = Cycles::new(model, &reached);
        Self {
            model,
            service,
            protocol,
            reached,
            top_level,
            nested,
            cycles,
        }
    }

    fn service(&self, operations: &[&Shape]) -> Result<Service> {
        let service = self.service;
        let types = self.types()?;
        let service_errors = service.bindings.errors.clone();
        let mut ops = operations
            .iter()
            .map(|op| self.operation(op, &service_errors, &types))
            .collect::<Result<Vec<_>>>()?;
        ops.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
        let mut fn_names: Vec<String> = ops.iter().map(|o| o.fn_name.clone()).collect();
        let mut type_names: Vec<String> = ops.iter().map(|o| o.type_name.clone()).collect();
        naming::operation_fn_names(&mut fn_names);
        naming::dedupe(&mut type_names);
        for ((op, fn_name), type_name) in ops.iter_mut().zip(fn_names).zip(type_names) {
            op.fn_name = fn_name;
            op.error_type = naming::error_type_name(&type_name);
            op.type_name = type_name;
        }
        let at = |e: Error| {
            e.with_shape(&service.id)
                .with_file(self.model.file_of(service))
        };
        let mut resolved = Service {
            id: service.id.clone(),
            name: service.id.name().to_owned(),
            protocol_test_summary: service.id.name().to_owned(),
            // Chosen by the output's form (`Builder`).
            serde: OptionalDerive::Off,
            hash: OptionalDerive::Off,
            sdk_id: traits::sdk_id(&service.traits)
                .map_err(at)?
                .unwrap_or(service.id.name())
                .to_owned(),
            version: service.bindings.version.clone(),
            protocol: self.protocol,
            query_compatible: service.has_trait(traits::AWS_QUERY_COMPATIBLE),
            docs: self.docs(service)?,
            xml_namespace: shapes::xml_namespace(&service.traits).map_err(at)?,
            operations: ops,
            types,
            errors: service_errors,
            error_names: error_sets::error_names(&[]),
            error_sets: Vec::new(),
            protocol_tests: Vec::new(),
            endpoint: None,
            warnings: Vec::new(),
        };
        error_sets::assign(&mut resolved);
        customizations::apply(&mut resolved);
        Ok(resolved)
    }

    fn protocol_tests(
        &self,
        service: &Service,
        operations: &[&Shape],
    ) -> Result<Vec<ProtocolTest>> {
        let protocol = service.protocol.trait_id();
        let mut cases = Vec::new();
        for op in operations {
            let read = protocol_tests::read_cases(op, protocol, &op.id, None);
            cases.extend(read.map_err(|e| self.locate(op, e))?);
        }
        // Error cases run against the first operation (by name) that can return the error.
        for def in service.types.values() {
            if !matches!(&def.kind, TypeKind::Struct(s) if matches!(s.role, StructRole::Error { .. }))
            {
                continue;
            }
            let Some(op) = service
                .operations
                .iter()
                .find(|op| op.errors.contains(&def.id))
            else {
                continue;
            };
            let Some(shape) = self.model.shape(&def.id) else {
                continue;
            };
            let read = protocol_tests::read_cases(shape, protocol, &op.id, Some(&def.id));
            cases.extend(read.map_err(|e| self.locate(shape, e))?);
        }
        protocol_tests::name_cases(&mut cases);
        Ok(cases)
    }

    /// The service's endpoint rules and each operation's parameter bindings.
    fn endpoint_rules(
        &self,
        service: &mut Service,
        operations: &[&Shape],
        with_tests: bool,
    ) -> Result<()> {
        let Some(rules) =
            endpoints::read(self.service, with_tests).map_err(|e| self.locate(self.service, e))?
        else {
            return Ok(());
        };
        for shape in operations {
            let params = endpoints::operation_params(self.model, service, &rules.rule_set, shape)
                .map_err(|e| self.locate(shape, e))?;
            if let Some(op) = service.operations.iter_mut().find(|op| op.id == shape.id) {
                op.endpoint_params = params;
            }
        }
        service.endpoint = Some(rules);
        Ok(())
    }

    fn locate(&self, shape: &Shape, error: Error) -> Error {
        error
            .with_shape(&shape.id)
            .with_file(self.model.file_of(shape))
    }

    fn docs(&self, shape: &Shape) -> Result<Option<String>> {
        traits::string(&shape.traits, traits::DOCUMENTATION)
            .map(|d| d.map(str::to_owned))
            .map_err(|e| self.locate(shape, e))
    }
}

/// The protocol to generate `service` for: the one `wanted` names (which the service must
/// declare), else the first of [`Protocol::KNOWN`] it declares, else [`Protocol::Unknown`].
fn choose_protocol(model: &Model, service: &Shape, wanted: Option<&str>) -> Result<Protocol> {
    let declared: Vec<Protocol> = Protocol::KNOWN
        .into_iter()
        .filter(|p| service.has_trait(p.trait_id()))
        .collect();
    let Some(wanted) = wanted else {
        return Ok(declared.first().copied().unwrap_or(Protocol::Unknown));
    };
    let Some(protocol) = Protocol::KNOWN
        .into_iter()
        .find(|p| p.name() == wanted || p.trait_id() == wanted)
    else {
        return Err(Error::new(format!(
            "unknown protocol `{wanted}` (known: {})",
            list(Protocol::KNOWN.iter().map(|p| p.name()))
        )));
    };
    if declared.contains(&protocol) {
        return Ok(protocol);
    }
    let names: Vec<&str> = declared.iter().map(|p| p.name()).collect();
    Err(model.error(
        service,
        format!(
            "the service does not declare the protocol {wanted} (it declares: {})",
            if names.is_empty() {
                "none the generator knows".to_owned()
            } else {
                names.join(", ")
            }
        ),
    ))
}

/// Every shape reachable from `roots` through members.
fn closure(model: &Model, roots: Vec<ShapeId>) -> BTreeSet<ShapeId> {
    let mut reached = BTreeSet::new();
    let mut pending = roots;
    while let Some(id) = pending.pop() {
        if !reached.insert(id.clone()) {
            continue;
        }
        if let Some(shape) = model.shape(&id) {
            if !matches!(shape.shape_type, ShapeType::Enum | ShapeType::IntEnum) {
                pending.extend(shape.members.iter().map(|m| m.target.clone()));
            }
        }
    }
    reached
}
