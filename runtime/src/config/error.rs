//! The error of a configuration value that is present but unusable.

use std::fmt;
use std::path::PathBuf;

use super::profile::{FileKind, SectionKind};

/// Where a configuration value was set.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigLocation {
    /// Set in code, on the client's configuration.
    Code {
        /// The setting, e.g. `endpoint_url`.
        setting: String,
    },
    /// An environment variable.
    EnvVar {
        /// Its name, e.g. `AWS_ENDPOINT_URL`.
        name: String,
    },
    /// A property of a section of a shared file.
    File {
        /// The file.
        file: FileKind,
        /// Its path, when read from disk.
        path: Option<PathBuf>,
        /// The 1-based line of the definition.
        line: usize,
        /// The kind of section holding the property.
        section_kind: SectionKind,
        /// The section's name.
        section: String,
        /// The property, `parent.sub` for a sub-property (`s3.endpoint_url`).
        key: String,
    },
}

impl fmt::Display for ConfigLocation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigLocation::Code { setting } => write!(f, "`{setting}` set in code"),
            ConfigLocation::EnvVar { name } => write!(f, "environment variable `{name}`"),
            ConfigLocation::File {
                file,
                path,
                line,
                section_kind,
                section,
                key,
            } => {
                write!(f, "`{key}` in {section_kind} `{section}` of the {file}")?;
                if let Some(path) = path {
                    write!(f, " {}", path.display())?;
                }
                write!(f, ", line {line}")
            }
        }
    }
}

/// A configuration value that is set but cannot be used: an endpoint URL that is not an
/// absolute `http`/`https` URL, a flag that is neither `true` nor `false`, a profile naming a
/// `services` section that does not exist.
///
/// The message names where the value was set, the value, and what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError(Box<Details>);

/// Boxed so that `Result<_, ConfigError>` stays one pointer wide on the success path.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Details {
    location: ConfigLocation,
    value: String,
    problem: String,
}

impl ConfigError {
    pub(crate) fn new(
        location: ConfigLocation,
        value: impl Into<String>,
        problem: impl Into<String>,
    ) -> ConfigError {
        ConfigError(Box::new(Details {
            location,
            value: value.into(),
            problem: problem.into(),
        }))
    }

    /// Where the value was set.
    pub fn location(&self) -> &ConfigLocation {
        &self.0.location
    }

    /// The value as set.
    pub fn value(&self) -> &str {
        &self.0.value
    }

    /// What is wrong with it.
    pub fn problem(&self) -> &str {
        &self.0.problem
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid configuration: {} is {:?}: {}",
            self.0.location, self.0.value, self.0.problem
        )
    }
}

impl std::error::Error for ConfigError {}
