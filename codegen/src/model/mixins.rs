//! Mixin flattening: members and non-local traits of `@mixin` shapes are copied
//! into the shapes that use them, so later stages never see mixins.

use std::collections::BTreeSet;

use super::{Member, Model, ShapeId, Traits};
use crate::Result;

const MIXIN: &str = "smithy.api#mixin";

/// Flattens every shape's mixins in place; mixin cycles are an error.
pub fn flatten(model: &mut Model) -> Result<()> {
    let with_mixins: Vec<ShapeId> = model
        .shapes
        .values()
        .filter(|s| !s.mixins.is_empty())
        .map(|s| s.id.clone())
        .collect();
    let mut done = BTreeSet::new();
    for id in with_mixins {
        flatten_one(model, &id, &mut Vec::new(), &mut done)?;
    }
    Ok(())
}

fn flatten_one(
    model: &mut Model,
    id: &ShapeId,
    stack: &mut Vec<ShapeId>,
    done: &mut BTreeSet<ShapeId>,
) -> Result<()> {
    if done.contains(id) {
        return Ok(());
    }
    let Some(shape) = model.shapes.get(id) else {
        return Ok(()); // reported by the reference check
    };
    if stack.contains(id) {
        let cycle: Vec<&str> = stack.iter().map(ShapeId::as_str).collect();
        return Err(model.error(
            shape,
            format!("mixin cycle: {} -> {id}", cycle.join(" -> ")),
        ));
    }
    let mixins = shape.mixins.clone();
    stack.push(id.clone());
    for mixin in &mixins {
        flatten_one(model, mixin, stack, done)?;
    }
    stack.pop();

    let mut members: Vec<Member> = Vec::new();
    let mut traits = Traits::new();
    for mixin_id in &mixins {
        let Some(mixin) = model.shapes.get(mixin_id) else {
            continue;
        };
        if !mixin.has_trait(MIXIN) {
            let shape = &model.shapes[id];
            return Err(model.error(
                shape,
                format!("uses {mixin_id} as a mixin, but it has no @mixin trait"),
            ));
        }
        for member in &mixin.members {
            members.retain(|m| m.name != member.name);
            members.push(member.clone());
        }
        let local = local_traits(&mixin.traits);
        for (trait_id, value) in &mixin.traits {
            if trait_id != MIXIN && !local.contains(trait_id.as_str()) {
                traits.insert(trait_id.clone(), value.clone());
            }
        }
    }
    if let Some(shape) = model.shapes.get_mut(id) {
        // The shape's own members and traits win over inherited ones; a member
        // redeclared locally keeps the mixin's traits it does not override.
        for own in std::mem::take(&mut shape.members) {
            match members.iter_mut().find(|m| m.name == own.name) {
                Some(inherited) => {
                    inherited.target = own.target;
                    inherited.traits.extend(own.traits);
                }
                None => members.push(own),
            }
        }
        shape.members = members;
        traits.extend(std::mem::take(&mut shape.traits));
        shape.traits = traits;
        shape.mixins.clear();
    }
    done.insert(id.clone());
    Ok(())
}

/// `@mixin(localTraits: [...])`: traits that stay on the mixin itself.
fn local_traits(traits: &Traits) -> BTreeSet<String> {
    traits
        .get(MIXIN)
        .and_then(|m| m.get("localTraits"))
        .and_then(|l| l.as_array())
        .map(|list| {
            list.iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}
