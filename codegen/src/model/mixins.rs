//! Mixin flattening: members, non-local traits and the bindings (a service's operations,
//! an operation's errors, a resource's identifiers…) of `@mixin` shapes are copied into the
//! shapes that use them, and the mixins themselves removed, so later stages never see
//! mixins (Smithy's "flatten and remove mixins").

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::{Bindings, Member, Model, ShapeId, ShapeType, Traits};
use crate::Result;

const MIXIN: &str = "smithy.api#mixin";

/// How long a chain of mixins may be: flattening recurses along it, and a hostile model
/// (a chain of 100,000 mixins is a few megabytes) must not overflow the stack.
const MAX_MIXIN_DEPTH: usize = 100;

/// An `apply` to a member that a shape inherits from a mixin.
pub struct MemberApply {
    pub member: String,
    pub traits: Traits,
    /// The file of the `apply` statement, for errors.
    pub file: usize,
}

/// Such applies by the shape they target.
pub type MemberApplies = BTreeMap<ShapeId, Vec<MemberApply>>;

/// Flattens every shape's mixins in place, applying `applies` to inherited members as each
/// shape is flattened; mixin cycles are an error.
pub fn flatten(model: &mut Model, mut applies: MemberApplies) -> Result<()> {
    let with_mixins: Vec<ShapeId> = model
        .shapes
        .values()
        .filter(|s| !s.mixins.is_empty())
        .map(|s| s.id.clone())
        .collect();
    check_operation_mixins(model)?;
    let mut done = BTreeSet::new();
    for id in with_mixins {
        flatten_one(model, &id, &mut Vec::new(), &mut done, &mut applies)?;
    }
    if let Some((target, pending)) = applies.into_iter().next() {
        // Only shapes with mixins get here, and every one of them was flattened.
        let member = pending.first().map_or("", |a| a.member.as_str());
        return Err(crate::Error::shape(
            target.member(member),
            "`apply` targets a member that does not exist",
        ));
    }
    check_no_member_targets_a_mixin(model)?;
    check_fixed_members(model)?;
    model.shapes.retain(|_, shape| !shape.has_trait(MIXIN));
    Ok(())
}

/// A list needs `member` and a map `key` and `value`, whether declared or inherited.
fn check_fixed_members(model: &Model) -> Result<()> {
    for shape in model.shapes.values() {
        let required: &[&str] = match shape.shape_type {
            ShapeType::List => &["member"],
            ShapeType::Map => &["key", "value"],
            _ => &[],
        };
        if let Some(missing) = required.iter().find(|name| shape.member(name).is_none()) {
            return Err(model.error(shape, format!("missing `{missing}`")));
        }
    }
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
    applies: &mut MemberApplies,
) -> Result<()> {
    if done.contains(id) {
        return Ok(());
    }
    let Some(shape) = model.shapes.get(id) else {
        return Ok(()); // reported by the reference check
    };
    if stack.len() >= MAX_MIXIN_DEPTH {
        return Err(model.error(
            shape,
            format!("mixins nest more than {MAX_MIXIN_DEPTH} levels deep"),
        ));
    }
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
        flatten_one(model, mixin, stack, done, applies)?;
    }
    stack.pop();

    let mut members = MemberList::default();
    let mut traits = Traits::new();
    let mut bindings = Bindings::default();
    for mixin_id in &mixins {
        let Some(mixin) = model.shapes.get(mixin_id) else {
            continue;
        };
        let shape = &model.shapes[id];
        if !mixin.has_trait(MIXIN) {
            return Err(model.error(
                shape,
                format!("uses {mixin_id} as a mixin, but it has no @mixin trait"),
            ));
        }
        if mixin.shape_type != shape.shape_type {
            return Err(model.error(
                shape,
                format!(
                    "a {} can only use mixins of the same type, but {mixin_id} is a {}",
                    shape.shape_type.ast_name(),
                    mixin.shape_type.ast_name()
                ),
            ));
        }
        // A member several mixins give must have one target; its traits are merged.
        for member in &mixin.members {
            match members.get_mut(&member.name) {
                Some(inherited) if inherited.target != member.target => {
                    return Err(model.error(
                        shape,
                        format!(
                            "member `{}` conflicts with the member of the same name inherited from another mixin ({} vs {})",
                            member.name, inherited.target, member.target
                        ),
                    ))
                }
                Some(inherited) => inherited.traits.extend(member.traits.clone()),
                None => members.push(member.clone()),
            }
        }
        inherit_bindings(&mut bindings, &mixin.bindings);
        let local = local_traits(&mixin.traits);
        for (trait_id, value) in &mixin.traits {
            if trait_id != MIXIN && !local.contains(trait_id.as_str()) {
                traits.insert(trait_id.clone(), value.clone());
            }
        }
    }
    let shape = &model.shapes[id];
    for own in &shape.members {
        if let Some(inherited) = members
            .get(&own.name)
            .filter(|inherited| inherited.target != own.target)
        {
            return Err(model.error(
                shape,
                format!(
                    "member `{}` targets {}, which conflicts with the member it redefines from a mixin (targeting {})",
                    own.name, own.target, inherited.target
                ),
            ));
        }
    }
    if let Some(shape) = model.shapes.get_mut(id) {
        // The shape's own members and traits win over inherited ones; a member
        // redeclared locally keeps the mixin's traits it does not override.
        for own in std::mem::take(&mut shape.members) {
            match members.get_mut(&own.name) {
                Some(inherited) => inherited.traits.extend(own.traits),
                None => members.push(own),
            }
        }
        for apply in applies.remove(id).unwrap_or_default() {
            match members.get_mut(&apply.member) {
                Some(member) => member.traits.extend(apply.traits),
                None => {
                    let file = model.files.get(apply.file).cloned().unwrap_or_default();
                    return Err(crate::Error::shape(
                        id.member(&apply.member),
                        "`apply` targets a member that does not exist",
                    )
                    .with_file(&file));
                }
            }
        }
        shape.members = members.members;
        let own_bindings = std::mem::replace(&mut shape.bindings, bindings);
        inherit_bindings(&mut shape.bindings, &own_bindings);
        traits.extend(std::mem::take(&mut shape.traits));
        shape.traits = traits;
        shape.mixins.clear();
    }
    done.insert(id.clone());
    Ok(())
}

/// Members in order, indexed by name: a shape can inherit many members, and finding each
/// by a scan would be quadratic.
#[derive(Default)]
struct MemberList {
    members: Vec<Member>,
    index: HashMap<String, usize>,
}

impl MemberList {
    fn get(&self, name: &str) -> Option<&Member> {
        self.index.get(name).and_then(|&i| self.members.get(i))
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut Member> {
        let i = *self.index.get(name)?;
        self.members.get_mut(i)
    }

    fn push(&mut self, member: Member) {
        self.index.insert(member.name.clone(), self.members.len());
        self.members.push(member);
    }
}

/// Adds what a mixin (or the shape itself, last) binds: lists are appended without
/// repeats; a version, input/output, lifecycle operation, rename or named identifier given
/// later wins.
fn inherit_bindings(into: &mut Bindings, from: &Bindings) {
    fn join(into: &mut Vec<ShapeId>, from: &[ShapeId]) {
        let mut seen: HashSet<ShapeId> = into.iter().cloned().collect();
        for id in from {
            if seen.insert(id.clone()) {
                into.push(id.clone());
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
    into.rename.extend(from.rename.clone());
    if from.input.is_some() {
        into.input.clone_from(&from.input);
    }
    if from.output.is_some() {
        into.output.clone_from(&from.output);
    }
    join_named(&mut into.identifiers, &from.identifiers);
    join_named(&mut into.properties, &from.properties);
    into.lifecycle
        .extend(from.lifecycle.iter().map(|(slot, id)| (*slot, id.clone())));
}

/// An operation mixin cannot bind input or output (other than `smithy.api#Unit`).
fn check_operation_mixins(model: &Model) -> Result<()> {
    let unit = |id: &Option<ShapeId>| {
        id.as_ref()
            .is_none_or(|id| id.as_str() == "smithy.api#Unit")
    };
    for shape in model.shapes.values() {
        let b = &shape.bindings;
        if shape.shape_type == ShapeType::Operation
            && shape.has_trait(MIXIN)
            && !(unit(&b.input) && unit(&b.output))
        {
            return Err(model.error(
                shape,
                "an operation with @mixin must have `smithy.api#Unit` as its input and output",
            ));
        }
    }
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

#[cfg(test)]
mod tests {
    use crate::model::{load_sources, Model, Source};

    fn load(text: &str) -> crate::Result<Model> {
        load_sources(&[Source {
            path: "m.json".into(),
            text: text.to_owned(),
        }])
    }

    #[test]
    fn a_long_mixin_chain_is_an_error_not_a_stack_overflow() {
        let chain = |n: usize| {
            let mut shapes: Vec<String> = (0..n)
                .map(|i| {
                    format!(
                        r#""ex#M{i}": {{"type": "structure", "mixins": [{{"target": "ex#M{}"}}], "traits": {{"smithy.api#mixin": {{}}}}}}"#,
                        i + 1
                    )
                })
                .collect();
            shapes.push(format!(r#""ex#M{n}": {{"type": "structure", "members": {{"a": {{"target": "smithy.api#String"}}}}, "traits": {{"smithy.api#mixin": {{}}}}}}"#));
            // The mixins are removed once flattened: a shape that uses them shows the result.
            shapes.push(
                r#""ex#User": {"type": "structure", "mixins": [{"target": "ex#M0"}]}"#.to_owned(),
            );
            format!(r#"{{"smithy": "2.0", "shapes": {{{}}}}}"#, shapes.join(","))
        };
        let error = load(&chain(100_000)).expect_err("too deep");
        assert!(
            error
                .to_string()
                .contains("mixins nest more than 100 levels deep"),
            "{error}"
        );
        let model = load(&chain(98)).expect("99 levels are fine");
        let id = crate::model::ShapeId::parse("ex#User").unwrap();
        assert!(model.shapes[&id].member("a").is_some());
    }

    /// 50,000 inherited members, each redefined and given an `apply`: linear work (a scan
    /// per member made this take minutes).
    #[test]
    fn many_inherited_members_flatten_in_linear_time() {
        let n = 50_000;
        let members = |traits: &str| {
            (0..n)
                .map(|i| format!(r#""m{i}": {{"target": "smithy.api#String"{traits}}}"#))
                .collect::<Vec<_>>()
                .join(",")
        };
        let applies: Vec<String> = (0..n)
            .map(|i| {
                format!(
                    r#""ex#S$m{i}": {{"type": "apply", "traits": {{"smithy.api#since": "1"}}}}"#
                )
            })
            .collect();
        let text = format!(
            r#"{{"smithy": "2.0", "shapes": {{
            "ex#M": {{"type": "structure", "members": {{{}}}, "traits": {{"smithy.api#mixin": {{}}}}}},
            "ex#S": {{"type": "structure", "mixins": [{{"target": "ex#M"}}], "members": {{"m0": {{"target": "smithy.api#String"}}}}}},
            {}
        }}}}"#,
            members(""),
            applies.join(",")
        );
        let model = load(&text).expect("valid");
        let shape = &model.shapes[&crate::model::ShapeId::parse("ex#S").unwrap()];
        assert_eq!(shape.members.len(), n);
        assert_eq!(shape.members[n - 1].traits["smithy.api#since"], "1");
    }

    #[test]
    fn list_members_and_applies_can_come_through_mixins() {
        let model = load(
            r#"{"smithy": "2.0", "shapes": {
            "ex#M": {"type": "list", "member": {"target": "smithy.api#String"},
                     "traits": {"smithy.api#mixin": {}}},
            "ex#L": {"type": "list", "mixins": [{"target": "ex#M"}], "traits": {"smithy.api#mixin": {}}},
            "ex#L2": {"type": "list", "mixins": [{"target": "ex#L"}]},
            "ex#L$member": {"type": "apply", "traits": {"smithy.api#documentation": "L"}}
        }}"#,
        )
        .expect("valid");
        let id = |name: &str| crate::model::ShapeId::parse(name).unwrap();
        let member = model.shapes[&id("ex#L2")].member("member").unwrap();
        assert_eq!(member.target.as_str(), "smithy.api#String");
        // Applied to L before L2 inherited from it.
        assert_eq!(member.traits["smithy.api#documentation"], "L");
        let error = load(
            r#"{"smithy": "2.0", "shapes": {
            "ex#M": {"type": "list", "member": {"target": "smithy.api#String"}, "traits": {"smithy.api#mixin": {}}},
            "ex#L": {"type": "list", "mixins": [{"target": "ex#M"}]},
            "ex#L$nope": {"type": "apply", "traits": {}}
        }}"#,
        )
        .expect_err("no such member");
        assert_eq!(
            error.to_string(),
            "m.json: shape ex#L$nope: `apply` targets a member that does not exist"
        );
        let error = load(r#"{"smithy": "2.0", "shapes": {"ex#L": {"type": "list"}}}"#)
            .expect_err("no member");
        assert_eq!(error.to_string(), "m.json: shape ex#L: missing `member`");
    }

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
