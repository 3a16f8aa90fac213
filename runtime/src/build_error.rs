//! The error of building a request from an operation input.

use std::fmt;

/// Why an operation input could not become an HTTP request: a URI label is unset or empty, a
/// header value is not valid HTTP, a host label is not a valid DNS label…
///
/// Nothing is sent when building fails; the message names the member, label or header at fault.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildError {
    message: String,
}

impl BuildError {
    /// An error with the given description.
    pub fn new(message: impl Into<String>) -> Self {
        BuildError {
            message: message.into(),
        }
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot build the request: {}", self.message)
    }
}

impl std::error::Error for BuildError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_the_problem() {
        let e = BuildError::new("URI label `Bucket` is not set");
        assert_eq!(e.message(), "URI label `Bucket` is not set");
        assert_eq!(
            e.to_string(),
            "cannot build the request: URI label `Bucket` is not set"
        );
    }
}
