//! Types: structures (with members' HTTP bindings), unions, enums and the Rust-facing
//! type of each member.

use std::collections::BTreeMap;

use super::{Resolver, MAX_COLLECTION_DEPTH, UNIT};
use crate::ir::defaults::{self, NamedKind};
use crate::ir::{
    http, is_optional, CollectionNames, Enum, EnumCase, Field, IntEnum, IntEnumCase, Protocol,
    Struct, StructRole, TimestampFormat, TypeDef, TypeKind, TypeRef, Union, Variant, XmlMember,
    XmlName, XmlNamespace,
};
use crate::model::{traits, Member, Shape, ShapeId, ShapeType};
use crate::naming;
use crate::{Error, Result};

impl Resolver<'_> {
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
    fn type_wire_name(&self, shape: &Shape) -> Result<String> {
        if self.protocol == Protocol::AwsQuery && shape.has_trait(traits::ERROR) {
            let code =
                traits::aws_query_error_code(&shape.traits).map_err(|e| self.locate(shape, e))?;
            if let Some(code) = code {
                return Ok(code.to_owned());
            }
        }
        Ok(self.wire_name(&shape.id))
    }

    /// The `@awsQueryError` code a JSON service compatible with awsQuery
    /// (`@awsQueryCompatible`) reports for an error shape, as its `x-amzn-query-error`
    /// header does; errors are still matched by their name.
    fn query_compatible_code(&self, shape: &Shape) -> Result<Option<String>> {
        if !self.service.has_trait(traits::AWS_QUERY_COMPATIBLE) || !shape.has_trait(traits::ERROR)
        {
            return Ok(None);
        }
        let code =
            traits::aws_query_error_code(&shape.traits).map_err(|e| self.locate(shape, e))?;
        Ok(code.map(str::to_owned))
    }

    pub(super) fn types(&self) -> Result<BTreeMap<ShapeId, TypeDef>> {
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
            let wire_name = self.type_wire_name(shape)?;
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
                    query_code: self.query_compatible_code(shape)?,
                    docs: self.docs(shape)?,
                    sensitive: shape.has_trait(traits::SENSITIVE),
                    kind,
                    // Set once the operations are known (`direction::mark`).
                    sent: false,
                    received: false,
                    // Set once every type is known (`equality::mark`).
                    eq_hash: false,
                    // Set with the error sets (`error_sets::assign`).
                    error: None,
                    xml: xml_name(&shape.traits, &self.wire_name(id))
                        .map_err(|e| self.locate(shape, e))?,
                },
            );
        }
        Ok(types)
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
        let bindings = self.protocol.uses_http_bindings() && self.top_level.contains(&shape.id);
        let fields = shape
            .members
            .iter()
            .zip(names)
            .map(|(member, rust_name)| self.field(shape, member, rust_name, bindings))
            .collect::<Result<Vec<_>>>()?;
        if let Some(bound) = fields.iter().find(|f| f.http.is_some()) {
            if let Some(holder) = self.nested.get(&shape.id) {
                return Err(Error::new(format!(
                    "member `{}` has an HTTP binding trait, and the structure is both an operation's \
                     input, output or error and the target of a member of {holder}; the generator \
                     supports a bound structure only at the top level",
                    bound.member_name
                )));
            }
        }
        Ok(Struct { fields, role })
    }

    /// A structure member; `bindings`: the structure is an operation's input, output or error
    /// under a protocol with HTTP bindings, so its members' binding traits count.
    fn field(
        &self,
        shape: &Shape,
        member: &Member,
        rust_name: String,
        bindings: bool,
    ) -> Result<Field> {
        let ty = self.type_ref(member, 0).map_err(|e| in_member(member, e))?;
        let optional = is_optional(self.model, shape, member);
        let default = self
            .default_value(shape, member, &ty)
            .map_err(|e| in_member(member, e))?;
        let http = if bindings {
            http::member_binding(self.model, member)?
        } else {
            None
        };
        Ok(Field {
            member_name: member.name.clone(),
            rust_name,
            boxed: self.boxed(shape, &ty),
            optional,
            required: traits::has(&member.traits, traits::REQUIRED),
            default,
            docs: self.member_docs(shape, member)?,
            sensitive: self.is_sensitive(member, 0),
            json_name: self.json_name(member).map_err(|e| in_member(member, e))?,
            http,
            media_type: self.media_type(member).map_err(|e| in_member(member, e))?,
            streaming: self
                .model
                .shape(&member.target)
                .is_some_and(|t| t.has_trait("smithy.api#streaming")),
            xml: self.xml_member(member).map_err(|e| in_member(member, e))?,
            ty,
        })
    }

    /// The member's key in a JSON body: `@jsonName` where the protocol honors it.
    fn json_name(&self, member: &Member) -> Result<String> {
        let json_name = traits::string(&member.traits, traits::JSON_NAME)?;
        Ok(match json_name {
            Some(name) if self.protocol.honors_json_name() => name.to_owned(),
            _ => member.name.clone(),
        })
    }

    /// How the member appears in XML and query bodies.
    fn xml_member(&self, member: &Member) -> Result<XmlMember> {
        let element = xml_name(&member.traits, &member.name)?;
        let query_name = match (
            self.protocol,
            traits::string(&member.traits, traits::EC2_QUERY_NAME)?,
        ) {
            (Protocol::Ec2Query, Some(name)) => name.to_owned(),
            (Protocol::Ec2Query, None) => capitalize(&element.name),
            _ => element.name.clone(),
        };
        Ok(XmlMember {
            renamed: traits::has(&member.traits, traits::XML_NAME),
            name: element.name,
            namespace: element.namespace,
            attribute: traits::has(&member.traits, traits::XML_ATTRIBUTE),
            flattened: traits::has(&member.traits, traits::XML_FLATTENED),
            query_name,
        })
    }

    /// `@mediaType` of the member's target.
    fn media_type(&self, member: &Member) -> Result<Option<String>> {
        let Some(target) = self.model.shape(&member.target) else {
            return Ok(None);
        };
        Ok(traits::string(&target.traits, traits::MEDIA_TYPE)?.map(str::to_owned))
    }

    fn default_value(
        &self,
        shape: &Shape,
        member: &Member,
        ty: &TypeRef,
    ) -> Result<Option<defaults::DefaultValue>> {
        let implicit = crate::ir::optional::v1_implicit_default(self.model, shape, member);
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
                    json_name: self.json_name(member).map_err(|e| in_member(member, e))?,
                    xml: self.xml_member(member).map_err(|e| in_member(member, e))?,
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
            if !self.protocol.honors_timestamp_format() {
                return Ok(None);
            }
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
                    names: Box::new(CollectionNames {
                        member: xml_name(&inner.traits, "member")?,
                        ..CollectionNames::default()
                    }),
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
                let value = collection_member(target, "value")?;
                TypeRef::Map {
                    value: Box::new(self.type_ref(value, depth + 1)?),
                    sparse: target.has_trait(traits::SPARSE),
                    names: Box::new(CollectionNames {
                        key: xml_name(&key.traits, "key")?,
                        value: xml_name(&value.traits, "value")?,
                        ..CollectionNames::default()
                    }),
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

/// `@xmlName` (else `default`) and `@xmlNamespace` from `traits`.
pub(super) fn xml_name(traits: &crate::model::Traits, default: &str) -> Result<XmlName> {
    let name = traits::string(traits, traits::XML_NAME)?.unwrap_or(default);
    Ok(XmlName {
        name: name.to_owned(),
        namespace: xml_namespace(traits)?,
    })
}

/// `@xmlNamespace` from `traits`.
pub(super) fn xml_namespace(traits: &crate::model::Traits) -> Result<Option<XmlNamespace>> {
    Ok(
        traits::xml_namespace(traits)?.map(|(uri, prefix)| XmlNamespace {
            prefix: prefix.map(str::to_owned),
            uri: uri.to_owned(),
        }),
    )
}

/// The first letter upper-cased (ec2Query's query keys).
fn capitalize(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub(super) fn in_member(member: &Member, error: Error) -> Error {
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
