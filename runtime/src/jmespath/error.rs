//! The error type, with the specification's error kinds.

use std::fmt;

/// The kinds of error the JMESPath specification distinguishes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ErrorKind {
    /// The expression is not valid JMESPath (also: nested deeper than this implementation allows).
    Syntax,
    /// A function got an argument of the wrong type, or an expression reference (`&expr`) was
    /// used other than as a function argument.
    InvalidType,
    /// A value is out of range: a slice step of zero, or data nested too deeply to compare or
    /// write as JSON.
    InvalidValue,
    /// A function was called with the wrong number of arguments.
    InvalidArity,
    /// A function that does not exist was called.
    UnknownFunction,
}

impl ErrorKind {
    /// The specification's name for this kind, as the compliance suite spells it (`syntax`,
    /// `invalid-type`, `invalid-value`, `invalid-arity`, `unknown-function`).
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::Syntax => "syntax",
            ErrorKind::InvalidType => "invalid-type",
            ErrorKind::InvalidValue => "invalid-value",
            ErrorKind::InvalidArity => "invalid-arity",
            ErrorKind::UnknownFunction => "unknown-function",
        }
    }
}

/// Why an expression could not be compiled or evaluated.
///
/// Displays as `<kind> error at offset <n>: <message>`, where the offset is a byte offset into
/// the expression: the offending token for syntax errors, the function's name for function
/// errors (whose message also names the function).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JmespathError {
    kind: ErrorKind,
    offset: Option<usize>,
    message: String,
}

impl JmespathError {
    pub(super) fn new(kind: ErrorKind, offset: Option<usize>, message: impl Into<String>) -> Self {
        JmespathError {
            kind,
            offset,
            message: message.into(),
        }
    }

    pub(super) fn syntax(offset: usize, message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Syntax, Some(offset), message)
    }

    /// Which kind of error this is.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The byte offset in the expression where the problem is, when it has a place there (a
    /// value nested too deeply in the data has none).
    pub fn offset(&self) -> Option<usize> {
        self.offset
    }

    /// What went wrong, without the kind and offset.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for JmespathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} error", self.kind.as_str())?;
        if let Some(offset) = self.offset {
            write!(f, " at offset {offset}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for JmespathError {}
