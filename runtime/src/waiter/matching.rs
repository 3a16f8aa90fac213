//! Acceptor matching: which acceptor, if any, a response satisfies.

use std::borrow::Cow;
use std::fmt;

use super::{Acceptor, Comparator, Matcher, PathMatcher};
use crate::jmespath::value::{boolean, elements, text};
use crate::jmespath::{Expression, JmespathError};
use crate::{ServiceError, ToValue, Value};

/// The acceptor that `response` satisfies first, as its index: the acceptors are tried in
/// order and the first match decides. `paths` are the acceptors' compiled expressions (`None`
/// for matchers without one). The output (and the input beside it) become `Value`s only when a
/// path matcher needs them, once per response. An evaluation error names its acceptor.
pub(crate) fn first_match<I: ToValue, O: ToValue, E>(
    acceptors: &[Acceptor],
    paths: &[Option<Expression>],
    input: &I,
    response: &Result<O, ServiceError<E>>,
    code: fn(&E) -> &str,
) -> Result<Option<usize>, (usize, JmespathError)> {
    let mut output_value: Option<Value> = None;
    let mut input_output: Option<Value> = None;
    for (index, acceptor) in acceptors.iter().enumerate() {
        let path = paths.get(index).and_then(Option::as_ref);
        let matched = match (&acceptor.matcher, response, path) {
            (Matcher::Success(success), response, _) => *success == response.is_ok(),
            (Matcher::ErrorType(expected), Err(error), _) => code(error.error()) == *expected,
            (Matcher::Output(matcher), Ok(output), Some(path)) => {
                let data = output_value.get_or_insert_with(|| output.to_value());
                path_matches(matcher, path, data).map_err(|e| (index, e))?
            }
            (Matcher::InputOutput(matcher), Ok(output), Some(path)) => {
                let data = input_output.get_or_insert_with(|| {
                    Value::Map(vec![
                        ("input".to_owned(), input.to_value()),
                        ("output".to_owned(), output.to_value()),
                    ])
                });
                path_matches(matcher, path, data).map_err(|e| (index, e))?
            }
            // Path matchers see only outputs; an error type only errors.
            _ => false,
        };
        if matched {
            return Ok(Some(index));
        }
    }
    Ok(None)
}

/// Whether `path` (compiled as `compiled`) holds of `data`: the expression's result compared
/// with the expected value. An evaluation error is the caller's to report.
pub(crate) fn path_matches(
    path: &PathMatcher,
    compiled: &Expression,
    data: &Value,
) -> Result<bool, JmespathError> {
    let result = compiled.search(data)?;
    Ok(compare(path.comparator, &result, path.expected))
}

/// The comparison of Smithy's `comparator`s. `allStringEquals` on an empty list does not match
/// (nothing says the resource reached the state), nor does anything on a value of another type.
pub(crate) fn compare(comparator: Comparator, result: &Value, expected: &str) -> bool {
    let is_expected = |value: &Value| text(value).is_some_and(|s| s == expected);
    match comparator {
        Comparator::StringEquals => is_expected(result),
        Comparator::BooleanEquals => {
            boolean(result).is_some_and(|b| expected.parse::<bool>().is_ok_and(|e| e == b))
        }
        Comparator::AllStringEquals => elements(Cow::Borrowed(result))
            .is_some_and(|items| !items.is_empty() && items.iter().all(|item| is_expected(item))),
        Comparator::AnyStringEquals => elements(Cow::Borrowed(result))
            .is_some_and(|items| items.iter().any(|item| is_expected(item))),
    }
}

impl fmt::Display for Comparator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Comparator::StringEquals => "stringEquals",
            Comparator::BooleanEquals => "booleanEquals",
            Comparator::AllStringEquals => "allStringEquals",
            Comparator::AnyStringEquals => "anyStringEquals",
        })
    }
}

/// As the model writes it: `output path `Table.TableStatus` stringEquals "ACTIVE"`.
impl fmt::Display for Matcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Matcher::Output(p) => write!(f, "output {p}"),
            Matcher::InputOutput(p) => write!(f, "inputOutput {p}"),
            Matcher::Success(true) => f.write_str("success"),
            Matcher::Success(false) => f.write_str("any error"),
            Matcher::ErrorType(code) => write!(f, "errorType {code}"),
        }
    }
}

impl fmt::Display for PathMatcher {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "path `{}` {} {:?}",
            self.path, self.comparator, self.expected
        )
    }
}
