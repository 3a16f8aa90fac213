//! What a shape can take from the mixins and the resource (`for`) of this file: the
//! targets of elided members (`$name`), and whether an enum member is inherited (so it
//! keeps the mixin's value instead of getting its own name as the implicit value).
//!
//! Lookups walk the mixin graph on demand with a visited set and a depth bound, and all
//! lookups of one file share a work budget proportional to the file's size, so a hostile
//! mixin graph is an error rather than quadratic (or exponential) time.

use std::cell::Cell;
use std::collections::{HashMap, HashSet};

use super::resolve::{error_at, Resolver};
use super::syntax::{IdRef, MemberDef, PropertyValue, ShapeDef};
use crate::model::ShapeId;
use crate::Result;

/// How deep a chain of mixins may be followed.
const MAX_DEPTH: usize = 64;

/// Where an elided member's target came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    Resource,
    Mixin,
}

/// Per-shape indexes of members and resource identifiers/properties, built once.
pub(super) struct Inheritance<'f> {
    members: HashMap<&'f str, HashMap<&'f str, &'f MemberDef>>,
    resource_names: HashMap<&'f str, HashMap<&'f str, &'f IdRef>>,
    /// Shape visits left for all lookups of this file.
    budget: Cell<usize>,
}

impl<'f> Inheritance<'f> {
    pub(super) fn new(shapes: &'f [ShapeDef]) -> Self {
        let mut members = HashMap::new();
        let mut resource_names = HashMap::new();
        let mut size = 0;
        for shape in shapes {
            size += 1 + shape.members.len();
            let index = shape.members.iter().map(|m| (m.name.as_str(), m)).collect();
            members.insert(shape.name.as_str(), index);
            let mut names = HashMap::new();
            for (key, value) in &shape.properties {
                if let ("identifiers" | "properties", PropertyValue::NamedReferences(named)) =
                    (key.as_str(), value)
                {
                    for (name, target) in named {
                        names.entry(name.as_str()).or_insert(target);
                    }
                }
            }
            resource_names.insert(shape.name.as_str(), names);
        }
        Self {
            members,
            resource_names,
            budget: Cell::new(100_000 + 64 * size),
        }
    }

    fn member(&self, shape: &str, name: &str) -> Option<&'f MemberDef> {
        self.members.get(shape)?.get(name).copied()
    }
}

/// What a walk through the mixins found.
enum Found {
    Target(String),
    /// A mixin of another file might define it; this file cannot tell.
    Unknown,
    Absent,
}

impl<'f> Resolver<'f> {
    /// The target of an elided member `$name`: the bound resource's identifier or property
    /// of that name, else the first mixin with such a member.
    pub(super) fn elided_target(
        &self,
        shape: &ShapeDef,
        name: &str,
    ) -> Result<Option<(String, Origin)>> {
        if let Some(target) = self.resource_target(shape, name)? {
            return Ok(Some((target, Origin::Resource)));
        }
        let mut visited = HashSet::new();
        match self.search_mixins(shape, name, 0, &mut visited)? {
            Found::Target(target) => Ok(Some((target, Origin::Mixin))),
            Found::Absent => Ok(None),
            Found::Unknown => Err(error_at(
                shape.position,
                format!(
                    "`{}` elides the target of `{name}`, which only a mixin of another file could give; elided targets can only be resolved from shapes of the same file",
                    shape.name
                ),
            )),
        }
    }

    /// Whether a mixin gives (or, being in another file, may give) the shape a member.
    pub(super) fn may_inherit(&self, shape: &ShapeDef, name: &str) -> Result<bool> {
        let mut visited = HashSet::new();
        Ok(!matches!(
            self.search_mixins(shape, name, 0, &mut visited)?,
            Found::Absent
        ))
    }

    fn resource_target(&self, shape: &ShapeDef, name: &str) -> Result<Option<String>> {
        let Some(resource) = &shape.for_resource else {
            return Ok(None);
        };
        let Some(resource_shape) = self.local_shape(resource)? else {
            return Err(error_at(
                resource.position,
                format!("`{}` is defined in another file; elided targets can only be resolved from shapes of the same file", resource.text),
            ));
        };
        if resource_shape.shape_type != "resource" {
            return Err(error_at(
                resource.position,
                format!(
                    "The target of `for` must be a resource shape, but `{}` is a {}",
                    resource.text, resource_shape.shape_type
                ),
            ));
        }
        match self
            .inheritance()
            .resource_names
            .get(resource_shape.name.as_str())
            .and_then(|names| names.get(name))
        {
            Some(target) => self.absolute(target).map(Some),
            None => Ok(None),
        }
    }

    fn search_mixins(
        &self,
        shape: &ShapeDef,
        name: &str,
        depth: usize,
        visited: &mut HashSet<&'f str>,
    ) -> Result<Found> {
        let mut unknown = false;
        for mixin in &shape.mixins {
            let Some(mixin_shape) = self.local_shape(mixin)? else {
                unknown = true;
                continue;
            };
            if depth >= MAX_DEPTH || !visited.insert(mixin_shape.name.as_str()) {
                continue;
            }
            let left = self.inheritance().budget.get();
            if left == 0 {
                return Err(error_at(
                    mixin.position,
                    "The mixins of this file are too intertwined to resolve elided members",
                ));
            }
            self.inheritance().budget.set(left - 1);
            let found = match self.inheritance().member(&mixin_shape.name, name) {
                Some(MemberDef {
                    target: Some(target),
                    ..
                }) => Found::Target(self.absolute(target)?),
                Some(_) => match self.resource_target(mixin_shape, name)? {
                    Some(target) => Found::Target(target),
                    None => self.search_mixins(mixin_shape, name, depth + 1, visited)?,
                },
                None => self.search_mixins(mixin_shape, name, depth + 1, visited)?,
            };
            match found {
                Found::Target(_) => return Ok(found),
                Found::Unknown => unknown = true,
                Found::Absent => {}
            }
        }
        Ok(if unknown {
            Found::Unknown
        } else {
            Found::Absent
        })
    }

    /// The shape of this file `id` names; `None` when another file defines it.
    fn local_shape(&self, id: &IdRef) -> Result<Option<&'f ShapeDef>> {
        let absolute = self.absolute(id)?;
        let local = absolute
            .strip_prefix(&self.namespace)
            .and_then(|rest| rest.strip_prefix('#'))
            .and_then(|name| self.local.get(name).copied());
        match local {
            Some(shape) => Ok(Some(shape)),
            None if ShapeId::parse(&absolute).is_some_and(|parsed| (self.is_defined)(&parsed)) => {
                Ok(None)
            }
            None => Err(error_at(
                id.position,
                format!("`{absolute}` is not defined"),
            )),
        }
    }
}
