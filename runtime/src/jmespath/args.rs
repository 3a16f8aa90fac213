//! A function call's arguments, taken one by one as the type the function needs, with the
//! specification's invalid-type errors naming the function and the argument.

use std::borrow::Cow;

use super::ast::Node;
use super::functions::Function;
use super::value::{elements, entries, kind, number, text, Entry, Kind, Number, Val, NULL};
use super::{ErrorKind, JmespathError};
use crate::Value;

/// An argument: a value, or an expression reference for the function to evaluate.
pub(super) enum Arg<'a> {
    Value(Val<'a>),
    Expref(&'a Node),
}

/// One call being evaluated: the function, where it is, and its arguments.
pub(super) struct Call<'a> {
    pub(super) function: Function,
    pub(super) offset: usize,
    pub(super) args: Vec<Arg<'a>>,
}

impl<'a> Call<'a> {
    fn error(&self, message: String) -> JmespathError {
        let message = format!("{}(): {message}", self.function.name());
        JmespathError::new(ErrorKind::InvalidType, Some(self.offset), message)
    }

    /// Argument `position` (from 0) is not `expected` but `found`.
    pub(super) fn mismatch(&self, position: usize, expected: &str, found: &str) -> JmespathError {
        self.error(format!(
            "argument {} must be {expected}, found {found}",
            position + 1
        ))
    }

    pub(super) fn type_error(
        &self,
        position: usize,
        expected: &str,
        found: &Value,
    ) -> JmespathError {
        self.mismatch(position, expected, kind(found).name())
    }

    /// Argument `position` is an array with an `element` that is not one of `expected`.
    pub(super) fn element_error(
        &self,
        position: usize,
        expected: &str,
        element: &Value,
    ) -> JmespathError {
        let found = format!("an array with a {} element", kind(element).name());
        self.mismatch(position, &format!("an array of {expected}"), &found)
    }

    fn not_a_value(&self, position: usize, expected: &str) -> JmespathError {
        self.mismatch(position, expected, "an expression reference")
    }

    /// The JSON type of argument `position`, `None` for an expression reference.
    pub(super) fn kind(&self, position: usize) -> Option<Kind> {
        match self.args.get(position) {
            Some(Arg::Value(v)) => Some(kind(v)),
            _ => None,
        }
    }

    /// Takes argument `position`, which must be a value.
    pub(super) fn value(&mut self, position: usize) -> Result<Val<'a>, JmespathError> {
        match self.args.get_mut(position) {
            Some(Arg::Value(v)) => Ok(std::mem::replace(v, NULL)),
            _ => Err(self.not_a_value(position, "a value")),
        }
    }

    pub(super) fn expref(&self, position: usize) -> Result<&'a Node, JmespathError> {
        match self.args.get(position) {
            Some(Arg::Expref(node)) => Ok(node),
            Some(Arg::Value(v)) => Err(self.type_error(position, "an expression reference", v)),
            None => Err(self.mismatch(position, "an expression reference", "nothing")),
        }
    }

    pub(super) fn number(&self, position: usize) -> Result<Number, JmespathError> {
        match self.args.get(position) {
            Some(Arg::Value(v)) => {
                number(v).ok_or_else(|| self.type_error(position, "a number", v))
            }
            _ => Err(self.not_a_value(position, "a number")),
        }
    }

    pub(super) fn string(&self, position: usize) -> Result<Cow<'_, str>, JmespathError> {
        match self.args.get(position) {
            Some(Arg::Value(v)) => text(v).ok_or_else(|| self.type_error(position, "a string", v)),
            _ => Err(self.not_a_value(position, "a string")),
        }
    }

    /// Takes argument `position`, which must be an array, as its elements.
    pub(super) fn array(
        &mut self,
        position: usize,
        expected: &str,
    ) -> Result<Vec<Val<'a>>, JmespathError> {
        let value = self.value(position)?;
        match kind(&value) {
            Kind::Array => Ok(elements(value).unwrap_or_default()),
            _ => Err(self.type_error(position, expected, &value)),
        }
    }

    /// Takes argument `position`, which must be an object, as its members.
    pub(super) fn object(&mut self, position: usize) -> Result<Vec<Entry<'a>>, JmespathError> {
        let value = self.value(position)?;
        match kind(&value) {
            Kind::Object => Ok(entries(value).unwrap_or_default()),
            _ => Err(self.type_error(position, "an object", &value)),
        }
    }

    /// Takes argument `position`, which must be an array of numbers.
    pub(super) fn numbers(&mut self, position: usize) -> Result<Vec<Number>, JmespathError> {
        let items = self.array(position, "an array of numbers")?;
        let mut numbers = Vec::with_capacity(items.len());
        for item in &items {
            let n = number(item).ok_or_else(|| self.element_error(position, "numbers", item))?;
            numbers.push(n);
        }
        Ok(numbers)
    }
}
