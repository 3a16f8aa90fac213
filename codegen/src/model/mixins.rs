//! Mixin flattening: members, non-local traits and the bindings (a service's operations,
//! an operation's errors, a resource's identifiers…) of `@mixin` shapes are copied into the
//! shapes that use them, and the mixins themselves removed, so later stages never see
//! mixins (Smithy's "flatten and remove mixins").

use std::collections::BTreeSet;

use super::{Bindings, Member, Model, ShapeId, Traits};
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
    check_no_member_targets_a_mixin(model)?;
    model.shapes.retain(|_, shape| !shape.has_trait(MIXIN));
    Ok(())
}

/// A mixin is not a type: members may not target one (the generator would have no type for it).
fn check_no_member_targets_a_mixin(model: &Model) -> Result<()> {
    for shape in model.shapes.values() {
        for member in &shape.members {
            if model
                .shapes
                .get(&member.target)
                .is_some_and(|target| target.has_trait(MIXIN))
            {
                return Err(model.error(
                    shape,
                    format!(
                        "member `{}` targets {}, a @mixin, which cannot be a member target",
                        member.name, member.target
                    ),
                ));
            }
        }
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
    let mut bindings = Bindings::default();
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
        inherit_bindings(&mut bindings, &mixin.bindings);
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
        inherit_bindings(&mut bindings, &shape.bindings);
        shape.bindings = bindings;
        shape.mixins.clear();
    }
    done.insert(id.clone());
    Ok(())
}

/// Adds `from`'s bindings to `into`: lists are joined without repeats, single values and
/// map entries of `from` win (the shape's own bindings are added last, so they override).
fn inherit_bindings(into: &mut Bindings, from: &Bindings) {
    fn join<T: Clone + PartialEq>(into: &mut Vec<T>, from: &[T]) {
        for item in from {
            if !into.contains(item) {
                into.push(item.clone());
            }
        }
    }
    fn join_named(into: &mut Vec<(String, ShapeId)>, from: &[(String, ShapeId)]) {
        for (name, target) in from {
            match into.iter_mut().find(|(n, _)| n == name) {
                Some(entry) => entry.1 = target.clone(),
                None => into.push((name.clone(), target.clone())),
            }
        }
    }
    if from.version.is_some() {
        into.version.clone_from(&from.version);
    }
    join(&mut into.operations, &from.operations);
    join(&mut into.resources, &from.resources);
    join(&mut into.errors, &from.errors);
    join(&mut into.collection_operations, &from.collection_operations);
    into.rename
        .extend(from.rename.iter().map(|(k, v)| (k.clone(), v.clone())));
    if from.input.is_some() {
        into.input.clone_from(&from.input);
    }
    if from.output.is_some() {
        into.output.clone_from(&from.output);
    }
    join_named(&mut into.identifiers, &from.identifiers);
    join_named(&mut into.properties, &from.properties);
    into.lifecycle
        .extend(from.lifecycle.iter().map(|(k, v)| (*k, v.clone())));
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

#[cfg(test)]
mod tests {
    use crate::model::{load_sources, Source};

    #[test]
    fn a_member_cannot_target_a_mixin() {
        // Found by compiling the output of the model_mutation fuzz target: the generator
        // accepted the model and emitted a type named `Unresolved`.
        let text = r#"{"smithy": "2.0", "shapes": {
            "ex#M": {"type": "structure", "traits": {"smithy.api#mixin": {}}},
            "ex#A": {"type": "structure", "members": {"m": {"target": "ex#M"}}}
        }}"#;
        let error = load_sources(&[Source {
            path: "m.json".into(),
            text: text.to_owned(),
        }])
        .expect_err("a member targets a mixin");
        assert_eq!(
            error.to_string(),
            "m.json: shape ex#A: member `m` targets ex#M, a @mixin, which cannot be a member target"
        );
    }
}
