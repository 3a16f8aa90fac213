//! The one error type of the generator: every failure names where it happened.

use std::fmt;
use std::path::{Path, PathBuf};

/// A generation failure: which file and shape it concerns, and what is wrong.
///
/// `Display` renders one line, e.g.
/// `models/x.json: shape ns#Foo: member `bar` targets ns#Missing, which is not defined`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    file: Option<PathBuf>,
    /// 1-based line and column in `file`, for front ends that know them (the IDL).
    position: Option<(usize, usize)>,
    shape: Option<String>,
    message: String,
}

impl Error {
    /// An error that is not tied to a file or a shape (bad settings, I/O on output).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            file: None,
            position: None,
            shape: None,
            message: message.into(),
        }
    }

    /// An error about one shape (or member, `ns#Shape$member`).
    pub fn shape(shape: impl fmt::Display, message: impl Into<String>) -> Self {
        Self::new(message).with_shape(shape)
    }

    /// Attaches the file the offending shape came from (kept if already set).
    pub fn with_file(mut self, file: &Path) -> Self {
        if self.file.is_none() {
            self.file = Some(file.to_path_buf());
        }
        self
    }

    /// Attaches a 1-based line and column in the file (kept if already set); `Display`
    /// then reads `file:line:column: …`, the form editors and compilers use.
    pub fn with_position(mut self, line: usize, column: usize) -> Self {
        if self.position.is_none() {
            self.position = Some((line, column));
        }
        self
    }

    /// The 1-based line and column in [`Error::file`], when known.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.position
    }

    /// Attaches the shape id (kept if already set).
    pub fn with_shape(mut self, shape: impl fmt::Display) -> Self {
        if self.shape.is_none() {
            self.shape = Some(shape.to_string());
        }
        self
    }

    /// The model file the error concerns, when known.
    pub fn file(&self) -> Option<&Path> {
        self.file.as_deref()
    }

    /// The shape id the error concerns, when known.
    pub fn shape_id(&self) -> Option<&str> {
        self.shape.as_deref()
    }

    /// What is wrong, without the location.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.position) {
            (Some(file), Some((line, column))) => {
                write!(f, "{}:{line}:{column}: ", file.display())?
            }
            (Some(file), None) => write!(f, "{}: ", file.display())?,
            (None, Some((line, column))) => write!(f, "{line}:{column}: ")?,
            (None, None) => {}
        }
        if let Some(shape) = &self.shape {
            write!(f, "shape {shape}: ")?;
        }
        // Keep the promise of one line even if a message embeds a newline.
        f.write_str(&self.message.replace('\n', " "))
    }
}

impl std::error::Error for Error {}

/// Shorthand used throughout the generator.
pub type Result<T, E = Error> = std::result::Result<T, E>;
