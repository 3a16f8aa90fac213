//! Model to IR: the service closure, names, optionality, boxing.

use std::collections::{BTreeMap, BTreeSet};

use super::defaults::{self, NamedKind};
use super::protocol_tests::{self, ProtocolTest};
use super::recursion::Cycles;
use super::{
    is_optional, Enum, EnumCase, Field, HostPrefix, HostPrefixPart, IntEnum, IntEnumCase,
    Operation, Protocol, Service, Struct, StructRole, TimestampFormat, TypeDef, TypeKind, TypeRef,
    Union, Variant,
};
use crate::model::{traits, Member, Model, Shape, ShapeId, ShapeType};
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
}

/// Nesting of lists and maps deeper than this is reported as an error (it also
/// catches invalid self-referencing lists without recursing forever).
const MAX_COLLECTION_DEPTH: usize = 32;

const UNIT: &str = "smithy.api#Unit";

/// Resolves the selected service of `model` into the IR.
pub fn resolve(model: &Model, selection: &Selection) -> Result<Service> {
    let service = find_service(model, selection.service.as_deref())?;
    let operations = select_operations(model, service, selection.operations.as_deref())?;
    let resolver = Resolver::new(model, service, &operations)?;
    let mut resolved = resolver.service(&operations)?;
    super::direction::mark(&mut resolved);
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
        found.extend(container.bindings.operations.iter().cloned());
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
    /// Every shape the selected operations reach.
    reached: BTreeSet<ShapeId>,
    cycles: Cycles,
}

impl<'m> Resolver<'m> {
    fn new(model: &'m Model, service: &'m Shape, operations: &[&'m Shape]) -> Result<Self> {
        let mut roots: Vec<ShapeId> = service.bindings.errors.clone();
        for op in operations {
            let b = &op.bindings;
            roots.extend(b.input.iter().chain(&b.output).chain(&b.errors).cloned());
        }
        let reached = closure(model, roots);
        let cycles = Cycles::new(model, &reached);
        Ok(Self {
            model,
            service,
            reached,
            cycles,
        })
    }

    fn service(&self, operations: &[&Shape]) -> Result<Service> {
        let service = self.service;
        let protocol = detect_protocol(service);
        let types = self.types(protocol)?;
        let service_errors = service.bindings.errors.clone();
        let mut ops = operations
            .iter()
            .map(|op| self.operation(op, &service_errors))
            .collect::<Result<Vec<_>>>()?;
        ops.sort_by(|a, b| a.wire_name.cmp(&b.wire_name));
        let mut fn_names: Vec<String> = ops.iter().map(|o| o.fn_name.clone()).collect();
        let mut type_names: Vec<String> = ops.iter().map(|o| o.type_name.clone()).collect();
        naming::dedupe(&mut fn_names);
        naming::dedupe(&mut type_names);
        for ((op, fn_name), type_name) in ops.iter_mut().zip(fn_names).zip(type_names) {
            op.fn_name = fn_name;
            op.type_name = type_name;
        }
        let at = |e: Error| {
            e.with_shape(&service.id)
                .with_file(self.model.file_of(service))
        };
        Ok(Service {
            id: service.id.clone(),
            name: service.id.name().to_owned(),
            sdk_id: traits::sdk_id(&service.traits)
                .map_err(at)?
                .unwrap_or(service.id.name())
                .to_owned(),
            version: service.bindings.version.clone(),
            protocol,
            docs: self.docs(service)?,
            operations: ops,
            types,
            errors: service_errors,
            protocol_tests: Vec::new(),
        })
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

    fn operation(&self, op: &Shape, service_errors: &[ShapeId]) -> Result<Operation> {
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
        Ok(Operation {
            id: op.id.clone(),
            wire_name: op.id.name().to_owned(),
            type_name: naming::type_name(op.id.name()),
            fn_name: naming::field_name(op.id.name()),
            input: unit(&op.bindings.input),
            output: unit(&op.bindings.output),
            errors,
            docs: self.docs(op)?,
            deprecated: op.has_trait(traits::DEPRECATED),
            host_prefix: self.host_prefix(op).map_err(|e| self.locate(op, e))?,
            gzip_request: op
                .traits
                .get("smithy.api#requestCompression")
                .and_then(|c| c.get("encodings"))
                .and_then(|e| e.as_array())
                .is_some_and(|e| e.iter().any(|v| v.as_str() == Some("gzip"))),
            streaming: [&op.bindings.input, &op.bindings.output]
                .into_iter()
                .flatten()
                .filter_map(|id| self.model.shape(id))
                .flat_map(|s| &s.members)
                .filter_map(|m| self.model.shape(&m.target))
                .any(|t| t.has_trait("smithy.api#streaming")),
        })
    }

    /// Parses `@endpoint(hostPrefix: "foo.{label}.")`; each label must be an
    /// input member marked `@hostLabel`.
    fn host_prefix(&self, op: &Shape) -> Result<Option<HostPrefix>> {
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
            let member = input
                .and_then(|i| i.member(label))
                .filter(|m| traits::has(&m.traits, "smithy.api#hostLabel"))
                .ok_or_else(|| {
                    Error::new(format!(
                        "host prefix label `{label}` is not an input member marked @hostLabel"
                    ))
                })?;
            let optional = input.is_some_and(|i| is_optional(self.model, i, member));
            let mut names: Vec<String> = input
                .map(|i| {
                    i.members
                        .iter()
                        .map(|m| naming::field_name(&m.name))
                        .collect()
                })
                .unwrap_or_default();
            naming::dedupe(&mut names);
            let index = input
                .and_then(|i| i.members.iter().position(|m| m.name == label))
                .unwrap_or(0);
            parts.push(HostPrefixPart::Label {
                field: names.get(index).cloned().unwrap_or_default(),
                optional,
            });
            rest = &rest[close + 1..];
        }
        if !rest.is_empty() {
            parts.push(HostPrefixPart::Literal(rest.to_owned()));
        }
        Ok(Some(HostPrefix { parts }))
    }

    /// The name of a shape inside this service, after `rename`.
    fn wire_name(&self, id: &ShapeId) -> String {
        self.service
            .bindings
            .rename
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.name().to_owned())
    }

    /// The name a type is known by on the wire: its name in the service (after
    /// `rename`), except that an awsQuery service sends an error shape's
    /// `@awsQueryError` code (`NoSuchEntity` for `NoSuchEntityException`).
    fn type_wire_name(&self, shape: &Shape, protocol: Protocol) -> Result<String> {
        if protocol == Protocol::AwsQuery && shape.has_trait(traits::ERROR) {
            let code =
                traits::aws_query_error_code(&shape.traits).map_err(|e| self.locate(shape, e))?;
            if let Some(code) = code {
                return Ok(code.to_owned());
            }
        }
        Ok(self.wire_name(&shape.id))
    }

    fn types(&self, protocol: Protocol) -> Result<BTreeMap<ShapeId, TypeDef>> {
        let mut types = BTreeMap::new();
        let mut names: BTreeMap<String, ShapeId> = BTreeMap::new();
        for id in &self.reached {
            let Some(shape) = self.model.shape(id) else {
                continue;
            };
            if !is_named_type(shape) {
                continue;
            }
            // The Rust name comes from the shape's name in the service, never
            // from a protocol's error code.
            let name = naming::type_name(&self.wire_name(id));
            let wire_name = self.type_wire_name(shape, protocol)?;
            if let Some(other) = names.insert(name.clone(), id.clone()) {
                return Err(self.model.error(
                    shape,
                    format!("maps to the Rust type `{name}` like {other}; give one of them a service `rename`"),
                ));
            }
            let kind = self.type_kind(shape).map_err(|e| self.locate(shape, e))?;
            types.insert(
                id.clone(),
                TypeDef {
                    id: id.clone(),
                    name,
                    wire_name,
                    docs: self.docs(shape)?,
                    sensitive: shape.has_trait(traits::SENSITIVE),
                    kind,
                    // Set once the operations are known (`direction::mark`).
                    sent: false,
                    received: false,
                },
            );
        }
        Ok(types)
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

    fn member_docs(&self, shape: &Shape, member: &Member) -> Result<Option<String>> {
        traits::string(&member.traits, traits::DOCUMENTATION)
            .map(|d| d.map(str::to_owned))
            .map_err(|e| in_member(member, e).with_shape(&shape.id))
    }

    fn type_kind(&self, shape: &Shape) -> Result<TypeKind> {
        Ok(match shape.shape_type {
            ShapeType::Structure => TypeKind::Struct(self.structure(shape)?),
            ShapeType::Union => TypeKind::Union(self.union(shape)?),
            ShapeType::Enum => TypeKind::Enum(self.string_enum(shape)?),
            ShapeType::IntEnum => TypeKind::IntEnum(self.int_enum(shape)?),
            _ => TypeKind::Enum(self.legacy_enum(shape)?),
        })
    }

    fn structure(&self, shape: &Shape) -> Result<Struct> {
        let role = if shape.has_trait(traits::INPUT) {
            StructRole::Input
        } else if shape.has_trait(traits::OUTPUT) {
            StructRole::Output
        } else if let Some(kind) = traits::error_kind(&shape.traits)? {
            StructRole::Error {
                client: kind == "client",
            }
        } else {
            StructRole::Plain
        };
        let mut names: Vec<String> = shape
            .members
            .iter()
            .map(|m| naming::field_name(&m.name))
            .collect();
        naming::dedupe(&mut names);
        let fields = shape
            .members
            .iter()
            .zip(names)
            .map(|(member, rust_name)| self.field(shape, member, rust_name))
            .collect::<Result<Vec<_>>>()?;
        Ok(Struct { fields, role })
    }

    fn field(&self, shape: &Shape, member: &Member, rust_name: String) -> Result<Field> {
        let ty = self.type_ref(member, 0).map_err(|e| in_member(member, e))?;
        let optional = is_optional(self.model, shape, member);
        let default = self
            .default_value(shape, member, &ty)
            .map_err(|e| in_member(member, e))?;
        Ok(Field {
            member_name: member.name.clone(),
            rust_name,
            boxed: self.boxed(shape, &ty),
            optional,
            required: traits::has(&member.traits, traits::REQUIRED),
            default,
            docs: self.member_docs(shape, member)?,
            sensitive: self.is_sensitive(member, 0),
            ty,
        })
    }

    fn default_value(
        &self,
        shape: &Shape,
        member: &Member,
        ty: &TypeRef,
    ) -> Result<Option<defaults::DefaultValue>> {
        let implicit = super::optional::v1_implicit_default(self.model, shape, member);
        let Some(value) = member
            .traits
            .get(traits::DEFAULT)
            .or(implicit.as_ref())
            .filter(|v| !v.is_null())
        else {
            return Ok(None);
        };
        let named = match self.model.shape(&member.target).map(|t| t.shape_type) {
            Some(ShapeType::Enum) => NamedKind::Enum,
            Some(ShapeType::String) if matches!(ty, TypeRef::Named(_)) => NamedKind::Enum,
            Some(ShapeType::IntEnum) => NamedKind::IntEnum,
            _ => NamedKind::Other,
        };
        defaults::convert(value, ty, named)
            .map(Some)
            .map_err(Error::new)
    }

    fn boxed(&self, holder: &Shape, ty: &TypeRef) -> bool {
        matches!(ty, TypeRef::Named(target) if self.cycles.needs_box(&holder.id, target))
    }

    fn union(&self, shape: &Shape) -> Result<Union> {
        let mut names: Vec<String> = shape
            .members
            .iter()
            .map(|m| naming::variant_name(&m.name))
            .collect();
        let unknown_variant = reserve_unknown(&mut names);
        let variants = shape
            .members
            .iter()
            .zip(names)
            .map(|(member, rust_name)| {
                let is_unit = self
                    .model
                    .shape(&member.target)
                    .is_some_and(|t| t.has_trait(traits::UNIT_TYPE));
                let ty = if is_unit {
                    None
                } else {
                    Some(self.type_ref(member, 0).map_err(|e| in_member(member, e))?)
                };
                Ok(Variant {
                    member_name: member.name.clone(),
                    rust_name,
                    boxed: ty.as_ref().is_some_and(|ty| self.boxed(shape, ty)),
                    ty,
                    docs: self.member_docs(shape, member)?,
                    sensitive: self.is_sensitive(member, 0),
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(Union {
            variants,
            unknown_variant,
        })
    }

    fn string_enum(&self, shape: &Shape) -> Result<Enum> {
        let mut cases = Vec::new();
        for member in &shape.members {
            let wire_value = traits::enum_string_value(&member.traits)
                .map_err(|e| in_member(member, e))?
                .unwrap_or(&member.name)
                .to_owned();
            cases.push(EnumCase {
                rust_name: naming::variant_name(&wire_value),
                wire_value,
                docs: self.member_docs(shape, member)?,
            });
        }
        Ok(finish_enum(cases))
    }

    fn legacy_enum(&self, shape: &Shape) -> Result<Enum> {
        let entries = traits::legacy_enum(&shape.traits)?.unwrap_or_default();
        let cases = entries
            .iter()
            .map(|entry| EnumCase {
                rust_name: naming::variant_name(entry.name.unwrap_or(entry.value)),
                wire_value: entry.value.to_owned(),
                docs: entry.documentation.map(str::to_owned),
            })
            .collect();
        Ok(finish_enum(cases))
    }

    fn int_enum(&self, shape: &Shape) -> Result<IntEnum> {
        let mut cases = Vec::new();
        for member in &shape.members {
            let value = traits::enum_int_value(&member.traits)
                .map_err(|e| in_member(member, e))?
                .ok_or_else(|| {
                    in_member(
                        member,
                        Error::new("an intEnum member needs an integer @enumValue"),
                    )
                })?;
            cases.push(IntEnumCase {
                value,
                rust_name: naming::variant_name(&member.name),
                docs: self.member_docs(shape, member)?,
            });
        }
        let mut names: Vec<String> = cases.iter().map(|c| c.rust_name.clone()).collect();
        let unknown_variant = reserve_unknown(&mut names);
        for (case, name) in cases.iter_mut().zip(names) {
            case.rust_name = name;
        }
        Ok(IntEnum {
            cases,
            unknown_variant,
        })
    }

    /// The Rust-facing type of a member's target.
    fn type_ref(&self, member: &Member, depth: usize) -> Result<TypeRef> {
        if depth > MAX_COLLECTION_DEPTH {
            return Err(Error::new(
                "lists and maps nest too deeply (or refer to themselves)",
            ));
        }
        let target = self.model.shape(&member.target).ok_or_else(|| {
            Error::new(format!("targets {}, which is not defined", member.target))
        })?;
        let timestamp_format = || -> Result<Option<TimestampFormat>> {
            let format = match traits::timestamp_format(&member.traits)? {
                Some(f) => Some(f),
                None => traits::timestamp_format(&target.traits)?,
            };
            Ok(format.map(|f| match f {
                "date-time" => TimestampFormat::DateTime,
                "http-date" => TimestampFormat::HttpDate,
                _ => TimestampFormat::EpochSeconds,
            }))
        };
        if target.has_trait(traits::UNIT_TYPE) {
            // Union members handle Unit themselves (a variant without payload).
            return Err(Error::new(format!(
                "targets {}, which only union members may target",
                target.id
            )));
        }
        Ok(match target.shape_type {
            ShapeType::Blob => TypeRef::Blob,
            ShapeType::Boolean => TypeRef::Boolean,
            ShapeType::String if target.has_trait(traits::ENUM) => {
                TypeRef::Named(target.id.clone())
            }
            ShapeType::String => TypeRef::String,
            ShapeType::Timestamp => TypeRef::Timestamp(timestamp_format()?),
            ShapeType::Byte => TypeRef::Byte,
            ShapeType::Short => TypeRef::Short,
            ShapeType::Integer => TypeRef::Integer,
            ShapeType::Long => TypeRef::Long,
            ShapeType::Float => TypeRef::Float,
            ShapeType::Double => TypeRef::Double,
            ShapeType::BigInteger => TypeRef::BigInteger,
            ShapeType::BigDecimal => TypeRef::BigDecimal,
            ShapeType::Document => TypeRef::Document,
            ShapeType::Enum | ShapeType::IntEnum | ShapeType::Structure | ShapeType::Union => {
                TypeRef::Named(target.id.clone())
            }
            ShapeType::List => {
                let inner = collection_member(target, "member")?;
                TypeRef::List {
                    member: Box::new(self.type_ref(inner, depth + 1)?),
                    sparse: target.has_trait(traits::SPARSE),
                }
            }
            ShapeType::Map => {
                let key = collection_member(target, "key")?;
                let key_type = self.model.shape(&key.target).map(|k| k.shape_type);
                if !matches!(key_type, Some(ShapeType::String | ShapeType::Enum)) {
                    return Err(Error::new(format!(
                        "map {} must have string keys",
                        target.id
                    )));
                }
                TypeRef::Map {
                    value: Box::new(self.type_ref(collection_member(target, "value")?, depth + 1)?),
                    sparse: target.has_trait(traits::SPARSE),
                }
            }
            ShapeType::Service | ShapeType::Operation | ShapeType::Resource => {
                return Err(Error::new(format!(
                    "targets {}, whose type `{}` cannot be a member's target",
                    target.id,
                    target.shape_type.ast_name()
                )))
            }
        })
    }

    /// A member is sensitive when its target, or what a collection target holds,
    /// is `@sensitive` (or the member itself carries the trait).
    fn is_sensitive(&self, member: &Member, depth: usize) -> bool {
        if traits::has(&member.traits, traits::SENSITIVE) {
            return true;
        }
        let Some(target) = self.model.shape(&member.target) else {
            return false;
        };
        target.has_trait(traits::SENSITIVE)
            || (depth < MAX_COLLECTION_DEPTH
                && matches!(target.shape_type, ShapeType::List | ShapeType::Map)
                && target
                    .members
                    .iter()
                    .any(|m| self.is_sensitive(m, depth + 1)))
    }
}

fn in_member(member: &Member, error: Error) -> Error {
    Error::new(format!("member `{}`: {}", member.name, error.message()))
}

fn collection_member<'s>(shape: &'s Shape, name: &str) -> Result<&'s Member> {
    shape
        .member(name)
        .ok_or_else(|| Error::new(format!("{} has no `{name}` member", shape.id)))
}

/// Structures, unions and enums become Rust types; everything else is inlined.
fn is_named_type(shape: &Shape) -> bool {
    match shape.shape_type {
        ShapeType::Structure => !shape.has_trait(traits::MIXIN) && shape.id.as_str() != UNIT,
        ShapeType::Union | ShapeType::Enum | ShapeType::IntEnum => !shape.has_trait(traits::MIXIN),
        ShapeType::String => shape.has_trait(traits::ENUM),
        _ => false,
    }
}

/// Adds the unknown-value variant name (`Unknown`, or `UnknownValue` when a
/// case took it) after deduplicating the case names.
fn reserve_unknown(names: &mut [String]) -> String {
    naming::dedupe(names);
    let candidate = if names.iter().any(|n| n == "Unknown") {
        "UnknownValue"
    } else {
        "Unknown"
    };
    let mut all = names.to_vec();
    all.push(candidate.to_owned());
    naming::dedupe(&mut all);
    all.pop().unwrap_or_default()
}

fn finish_enum(mut cases: Vec<EnumCase>) -> Enum {
    let mut names: Vec<String> = cases.iter().map(|c| c.rust_name.clone()).collect();
    let unknown_variant = reserve_unknown(&mut names);
    for (case, name) in cases.iter_mut().zip(names) {
        case.rust_name = name;
    }
    Enum {
        cases,
        unknown_variant,
    }
}

fn detect_protocol(service: &Shape) -> Protocol {
    Protocol::KNOWN
        .into_iter()
        .find(|p| service.has_trait(p.trait_id()))
        .unwrap_or(Protocol::Unknown)
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
