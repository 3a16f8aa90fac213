//! The interpreter: walks the tree over a value, borrowing from the input wherever it can.
//!
//! `eval` recurses once per level of the tree, so its arms delegate to small functions: in an
//! unoptimized build every arm's temporaries would otherwise share one large stack frame.

use std::borrow::Cow;

use super::ast::{Comparator, Node, Slice};
use super::functions;
use super::value::{self, elements, entries, equal, is_truthy, kind, number, Kind, Val, NULL};
use super::{ErrorKind, JmespathError};
use crate::Value;

type Outcome<'a> = Result<Val<'a>, JmespathError>;

/// The value of `node` with `data` as the current node.
pub(super) fn eval<'a>(node: &'a Node, data: &Val<'a>) -> Outcome<'a> {
    match node {
        Node::Current => Ok(data.clone()),
        Node::Literal(value) => Ok(Cow::Borrowed(value)),
        Node::Field(name) => Ok(value::member(data, name)),
        Node::Index(position) => Ok(value::index(data, *position)),
        Node::Slice(slice) => Ok(slice_of(data, slice)),
        Node::Subexpression(left, right) => eval(right, &eval(left, data)?),
        Node::Projection { left, right } => project(array_of(left, data)?, right),
        Node::ValueProjection { left, right } => value_projection(left, right, data),
        Node::FilterProjection {
            left,
            condition,
            right,
        } => filter(left, condition, right, data),
        Node::Flatten(_) => Ok(array_of(node, data)?.map_or(NULL, owned_list)),
        Node::MultiSelectList(items) => multi_select_list(items, data),
        Node::MultiSelectHash(pairs) => multi_select_hash(pairs, data),
        Node::Or(left, right) => logical(left, right, data, true),
        Node::And(left, right) => logical(left, right, data, false),
        Node::Not(inner) => not(inner, data),
        Node::Compare(op, left, right) => compare(*op, left, right, data),
        Node::Function {
            function,
            args,
            offset,
        } => functions::call(*function, args, data, *offset),
        Node::Expref(_, offset) => Err(stray_expref(*offset)),
    }
}

/// The elements `node` gives, or `None` when it gives no array. A flatten is not materialized:
/// the projection over it sees the borrowed elements.
fn array_of<'a>(node: &'a Node, data: &Val<'a>) -> Result<Option<Vec<Val<'a>>>, JmespathError> {
    let Node::Flatten(inner) = node else {
        return Ok(elements(eval(node, data)?));
    };
    let Some(items) = elements(eval(inner, data)?) else {
        return Ok(None);
    };
    let mut flat = Vec::with_capacity(items.len());
    for item in items {
        if kind(&item) == Kind::Array {
            flat.extend(elements(item).unwrap_or_default());
        } else {
            flat.push(item);
        }
    }
    Ok(Some(flat))
}

/// `right` applied to each of `items`, null results dropped; null when there is no array.
fn project<'a>(items: Option<Vec<Val<'a>>>, right: &'a Node) -> Outcome<'a> {
    let Some(items) = items else {
        return Ok(NULL);
    };
    let mut results = Vec::with_capacity(items.len());
    for item in items {
        let result = match right {
            Node::Current => item,
            _ => eval(right, &item)?,
        };
        if kind(&result) != Kind::Null {
            results.push(result);
        }
    }
    Ok(owned_list(results))
}

fn value_projection<'a>(left: &'a Node, right: &'a Node, data: &Val<'a>) -> Outcome<'a> {
    let members = entries(eval(left, data)?);
    project(
        members.map(|m| m.into_iter().map(|(_, v)| v).collect()),
        right,
    )
}

/// The projection `right` over the elements of `left` for which `condition` is truthy.
fn filter<'a>(left: &'a Node, condition: &'a Node, right: &'a Node, data: &Val<'a>) -> Outcome<'a> {
    let Some(items) = elements(eval(left, data)?) else {
        return Ok(NULL);
    };
    let mut kept = Vec::new();
    for item in items {
        if is_truthy(&*eval(condition, &item)?) {
            kept.push(item);
        }
    }
    project(Some(kept), right)
}

fn owned_list(items: Vec<Val<'_>>) -> Val<'_> {
    Cow::Owned(Value::List(
        items.into_iter().map(Cow::into_owned).collect(),
    ))
}

/// `[a, b]`: null on null, as the specification says.
fn multi_select_list<'a>(items: &'a [Node], data: &Val<'a>) -> Outcome<'a> {
    if kind(data) == Kind::Null {
        return Ok(NULL);
    }
    let mut values = Vec::with_capacity(items.len());
    for item in items {
        values.push(eval(item, data)?.into_owned());
    }
    Ok(Cow::Owned(Value::List(values)))
}

/// `{k: a}`: null on null.
fn multi_select_hash<'a>(pairs: &'a [(String, Node)], data: &Val<'a>) -> Outcome<'a> {
    if kind(data) == Kind::Null {
        return Ok(NULL);
    }
    let mut entries = Vec::with_capacity(pairs.len());
    for (key, item) in pairs {
        entries.push((key.clone(), eval(item, data)?.into_owned()));
    }
    Ok(Cow::Owned(Value::Map(entries)))
}

/// `||` (`or`) gives the left value if truthy, `&&` if falsy; else the right value.
fn logical<'a>(left: &'a Node, right: &'a Node, data: &Val<'a>, or: bool) -> Outcome<'a> {
    let left = eval(left, data)?;
    if is_truthy(&left) == or {
        Ok(left)
    } else {
        eval(right, data)
    }
}

fn not<'a>(inner: &'a Node, data: &Val<'a>) -> Outcome<'a> {
    let value = eval(inner, data)?;
    Ok(Cow::Owned(Value::Boolean(!is_truthy(&value))))
}

/// Equality on any values; the ordering comparators only on numbers (null otherwise).
fn compare<'a>(op: Comparator, left: &'a Node, right: &'a Node, data: &Val<'a>) -> Outcome<'a> {
    let (a, b) = (eval(left, data)?, eval(right, data)?);
    let result = match op {
        Comparator::Equal => equal(&a, &b, 0)?,
        Comparator::NotEqual => !equal(&a, &b, 0)?,
        _ => match (number(&a), number(&b)) {
            (Some(x), Some(y)) => x.partial_cmp(y).is_some_and(|o| op.accepts(o)),
            _ => return Ok(NULL),
        },
    };
    Ok(Cow::Owned(Value::Boolean(result)))
}

fn stray_expref(offset: usize) -> JmespathError {
    let message = "an expression reference (&) can only be a function argument";
    JmespathError::new(ErrorKind::InvalidType, Some(offset), message)
}

/// The elements of the current array that `slice` selects, Python-style.
fn slice_of<'a>(data: &Val<'a>, slice: &Slice) -> Val<'a> {
    let Some(items) = elements(data.clone()) else {
        return NULL;
    };
    let len = items.len() as i128;
    let step = i128::from(slice.step);
    let bound = |value: Option<i64>, default: i128| match value.map(i128::from) {
        None => default,
        Some(v) if v < 0 => (v + len).max(if step < 0 { -1 } else { 0 }),
        Some(v) => v.min(if step < 0 { len - 1 } else { len }),
    };
    let (start, stop) = if step > 0 {
        (bound(slice.start, 0), bound(slice.stop, len))
    } else {
        (bound(slice.start, len - 1), bound(slice.stop, -1))
    };
    let mut items: Vec<Option<Val<'a>>> = items.into_iter().map(Some).collect();
    let mut picked = Vec::new();
    let mut i = start;
    while (step > 0 && i < stop) || (step < 0 && i > stop) {
        // Each index is visited once (the step is never zero), so `take` finds every element.
        if let Some(item) = usize::try_from(i)
            .ok()
            .and_then(|i| items.get_mut(i)?.take())
        {
            picked.push(item);
        }
        i += step;
    }
    owned_list(picked)
}
