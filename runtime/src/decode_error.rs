//! The error every runtime decoder returns, with the path to the offending value.

use std::borrow::Cow;
use std::fmt;

/// A value could not be decoded.
///
/// Carries a message and the path from the top-level value to the one that failed, e.g.
/// `at MatchmakingTicket.Players[3].PlayerId: expected a string, found a number`.
///
/// The path costs nothing on success: decoders build it only while an error unwinds, each
/// enclosing layer adding its own segment with [`in_field`](Self::in_field),
/// [`at_index`](Self::at_index) or [`at_key`](Self::at_key). The error is one boxed pointer so
/// `Result<T, DecodeError>` stays small on the hot path.
#[derive(Clone, PartialEq, Eq)]
pub struct DecodeError {
    inner: Box<Inner>,
}

#[derive(Clone, PartialEq, Eq)]
struct Inner {
    message: Cow<'static, str>,
    /// Innermost segment first: unwinding appends, and display walks it backwards.
    path: Vec<Segment>,
    offset: Option<usize>,
}

#[derive(Clone, PartialEq, Eq)]
enum Segment {
    Field(String),
    Index(usize),
    Key(String),
}

impl DecodeError {
    /// An error with `message` and an empty path.
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        DecodeError {
            inner: Box::new(Inner {
                message: message.into(),
                path: Vec::new(),
                offset: None,
            }),
        }
    }

    /// Records the byte offset in the input where the problem was found.
    pub fn with_offset(mut self, offset: usize) -> Self {
        self.inner.offset = Some(offset);
        self
    }

    /// Prepends a structure member name to the path (`Name.…`).
    pub fn in_field(mut self, name: &str) -> Self {
        self.inner.path.push(Segment::Field(name.to_owned()));
        self
    }

    /// Prepends a list index to the path (`[3]…`).
    pub fn at_index(mut self, index: usize) -> Self {
        self.inner.path.push(Segment::Index(index));
        self
    }

    /// Prepends a map key to the path (`["key"]…`).
    pub fn at_key(mut self, key: &str) -> Self {
        self.inner.path.push(Segment::Key(key.to_owned()));
        self
    }

    /// What went wrong, without the path.
    pub fn message(&self) -> &str {
        &self.inner.message
    }

    /// Byte offset in the input where the problem was found, when known.
    pub fn offset(&self) -> Option<usize> {
        self.inner.offset
    }

    /// The path to the failing value, like `MatchmakingTicket.Players[3].PlayerId`; empty for the
    /// top-level value.
    pub fn path(&self) -> String {
        let mut out = String::new();
        for (i, segment) in self.inner.path.iter().rev().enumerate() {
            match segment {
                Segment::Field(name) => {
                    if i > 0 {
                        out.push('.');
                    }
                    out.push_str(name);
                }
                Segment::Index(index) => {
                    out.push('[');
                    out.push_str(&index.to_string());
                    out.push(']');
                }
                Segment::Key(key) => {
                    out.push('[');
                    // Debug quoting escapes quotes and control characters in the key.
                    out.push_str(&format!("{key:?}"));
                    out.push(']');
                }
            }
        }
        out
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.inner.path.is_empty() {
            f.write_str(&self.inner.message)
        } else {
            write!(f, "at {}: {}", self.path(), self.inner.message)
        }
    }
}

impl fmt::Debug for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DecodeError")
            .field("path", &self.path())
            .field("message", &self.inner.message)
            .field("offset", &self.inner.offset)
            .finish()
    }
}

impl std::error::Error for DecodeError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_is_built_while_unwinding() {
        let err = DecodeError::new("expected a string, found a number")
            .in_field("PlayerId")
            .at_index(3)
            .in_field("Players")
            .in_field("MatchmakingTicket");
        assert_eq!(err.path(), "MatchmakingTicket.Players[3].PlayerId");
        assert_eq!(
            err.to_string(),
            "at MatchmakingTicket.Players[3].PlayerId: expected a string, found a number"
        );
    }

    #[test]
    fn keys_indexes_and_empty_paths() {
        let err = DecodeError::new("bad").with_offset(7);
        assert_eq!(err.to_string(), "bad");
        assert_eq!(err.offset(), Some(7));
        assert_eq!(err.message(), "bad");
        let err = err.at_key("a\"b").in_field("Tags").at_index(0);
        assert_eq!(err.path(), "[0].Tags[\"a\\\"b\"]");
        assert!(format!("{err:?}").contains("Tags"));
        assert_eq!(
            std::mem::size_of::<DecodeError>(),
            std::mem::size_of::<usize>()
        );
    }
}
