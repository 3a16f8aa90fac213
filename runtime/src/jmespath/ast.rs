//! The syntax tree the parser builds and the interpreter walks.

use std::cmp::Ordering;

use super::functions::Function;
use crate::Value;

/// One node of a compiled expression.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Node {
    /// `@`, and the implicit right-hand side of a projection with nothing after it.
    Current,
    /// A backtick JSON literal or a raw string `'...'`.
    Literal(Value),
    /// An identifier, quoted or not: a member of the current object.
    Field(String),
    /// `[n]` on the current array; negative counts from the end.
    Index(i64),
    /// `[start:stop:step]` on the current array.
    Slice(Slice),
    /// `left.right`, `left[n]` and `left | right`: `right` evaluated on the result of `left`.
    /// A pipe differs from a dot only in how it binds, which the tree's shape already records.
    Subexpression(Box<Node>, Box<Node>),
    /// `left[*]right`, `left[]right`, `left[a:b]right`: `right` on each element of the array
    /// `left` gives, null results dropped.
    Projection { left: Box<Node>, right: Box<Node> },
    /// `left.*right`: `right` on each member value of the object `left` gives.
    ValueProjection { left: Box<Node>, right: Box<Node> },
    /// `left[?condition]right`: a projection over the elements for which `condition` is truthy.
    FilterProjection {
        left: Box<Node>,
        condition: Box<Node>,
        right: Box<Node>,
    },
    /// The array `inner` gives, with elements that are arrays spliced in (the `[]` of a flatten
    /// projection).
    Flatten(Box<Node>),
    /// `[a, b]`.
    MultiSelectList(Vec<Node>),
    /// `{k: a, l: b}`, keys in expression order.
    MultiSelectHash(Vec<(String, Node)>),
    /// `a || b`.
    Or(Box<Node>, Box<Node>),
    /// `a && b`.
    And(Box<Node>, Box<Node>),
    /// `!a`.
    Not(Box<Node>),
    /// `a == b`, `a < b`, ...
    Compare(Comparator, Box<Node>, Box<Node>),
    /// `name(args)`, resolved and arity-checked when parsed; `offset` is the name's.
    Function {
        function: Function,
        args: Vec<Node>,
        offset: usize,
    },
    /// `&expression` at `offset`: handed unevaluated to a function such as `sort_by`.
    Expref(Box<Node>, usize),
}

/// The bounds of a slice; `step` is never zero (the parser rejects it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Slice {
    pub(super) start: Option<i64>,
    pub(super) stop: Option<i64>,
    pub(super) step: i64,
}

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Comparator {
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

impl Comparator {
    /// Whether two values ordered `ordering` satisfy an ordering comparator.
    pub(super) fn accepts(self, ordering: Ordering) -> bool {
        match self {
            Comparator::Equal => ordering.is_eq(),
            Comparator::NotEqual => ordering.is_ne(),
            Comparator::Less => ordering.is_lt(),
            Comparator::LessOrEqual => ordering.is_le(),
            Comparator::Greater => ordering.is_gt(),
            Comparator::GreaterOrEqual => ordering.is_ge(),
        }
    }
}
