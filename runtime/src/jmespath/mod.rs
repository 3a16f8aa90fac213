//! [JMESPath](https://jmespath.org/specification.html) over the generic [`Value`] tree, for
//! Smithy's `@operationContextParams` (endpoint parameters selected from an operation's input)
//! and waiters (acceptors matched against an output).
//!
//! The whole language is supported: identifiers (quoted or not), sub-expressions, indexes and
//! slices, wildcard, flatten and filter projections with comparators, multi-select lists and
//! hashes, pipes, `||`, `&&`, `!`, JSON literals and raw strings, `@`, expression references
//! and every built-in function. An [`Expression`] is compiled once and evaluated any number of
//! times; function names and arities are checked when it is compiled.
//!
//! ```
//! use smithy_runtime::jmespath::Expression;
//! use smithy_runtime::Value;
//!
//! let object = |key: &str| Value::structure(1).member("Key", key).build();
//! let input = Value::structure(1)
//!     .member("Objects", &Value::List(vec![object("a.txt"), object("b.txt")]))
//!     .build();
//! let keys = Expression::parse("Objects[*].Key").unwrap().search(&input).unwrap();
//! assert_eq!(keys, Value::List(vec![Value::String("a.txt".into()), Value::String("b.txt".into())]));
//!
//! let err = Expression::parse("Objects[?Key == 'a'").unwrap_err();
//! assert_eq!(err.to_string(), "syntax error at offset 19: expected ']', found end of expression");
//! ```
//!
//! # How values are seen
//!
//! | [`Value`] | JMESPath type |
//! |---|---|
//! | `Null` | null |
//! | `Boolean` | boolean |
//! | `Byte` … `Double`, `BigInteger`, `BigDecimal`, `IntEnum` | number |
//! | `Timestamp` | number: seconds since the epoch, with a fraction when there is one, so that waiters can compare instants |
//! | `String`, `Enum` | string |
//! | `Blob` | string: its base64 text, as the JSON protocols write it |
//! | `List` | array |
//! | `Map`, `Structure` | object; a structure's unset members are absent, so they select as null |
//! | `Union(name, value)` | an object with the one member `name` |
//! | `Document` | what the document holds |
//!
//! Numbers compare numerically whatever their variant (`1 == 1.0`; exactly between integers).
//! `<`, `<=`, `>` and `>=` give null unless both sides are numbers, as the specification says.
//!
//! Results are new values. Whatever is selected as it is keeps its variant (a selected
//! timestamp is still a `Timestamp`, a part of a document still a `Document`); projections
//! and multi-select lists give `List`s, multi-select hashes and `merge` give `Map`s in
//! expression order, `keys` and `values` follow the object's own order. Computed numbers are
//! `Long` when they are exact integers (`sum` of integers, `abs`, `length`, `to_number("4")`)
//! and `Double` otherwise (`avg`, `to_number("1.5")`).
//!
//! # Limits
//!
//! Nothing panics on any expression or data. Expressions nest at most [`MAX_DEPTH`] levels
//! (counting parentheses, operators and chained selections such as `a.b.c`); deeper ones are
//! syntax errors, which keeps the recursion of parsing, evaluation and drop bounded. What walks
//! a whole value (`==`, `!=`, `contains`, `to_string`) fails with an invalid-value error on data
//! nested more than 512 levels deep.

mod args;
mod ast;
mod error;
mod eval;
mod functions;
mod json;
mod lexer;
mod parser;
// Also the waiters' comparators' view of values (`crate::waiter`).
pub(crate) mod value;

use std::borrow::Cow;

pub use error::{ErrorKind, JmespathError};

use crate::Value;

/// The deepest nesting of an expression. Parsing, evaluation and drop recurse once per level;
/// at this bound the worst expressions need about 0.3 MiB of stack optimized, 0.8 MiB in an
/// unoptimized build: within any thread's default.
pub const MAX_DEPTH: usize = 256;

/// The deepest data that equality, `contains` and `to_string` walk: far beyond what the
/// decoders produce (128 levels by default), small enough for any thread's stack.
const MAX_DATA_DEPTH: usize = 512;

/// A compiled JMESPath expression.
#[derive(Clone, Debug, PartialEq)]
pub struct Expression {
    root: ast::Node,
}

impl Expression {
    /// Compiles `text`: a syntax error, an unknown function or a call with the wrong number of
    /// arguments is reported here, with its byte offset in `text`.
    pub fn parse(text: &str) -> Result<Expression, JmespathError> {
        parser::parse(text).map(|root| Expression { root })
    }

    /// Evaluates the expression with `data` as the current node. Errors are those the
    /// specification leaves to evaluation: a function argument of the wrong type, or data
    /// nested too deeply.
    pub fn search(&self, data: &Value) -> Result<Value, JmespathError> {
        eval::eval(&self.root, &Cow::Borrowed(data)).map(Cow::into_owned)
    }
}

#[cfg(test)]
mod tests;
