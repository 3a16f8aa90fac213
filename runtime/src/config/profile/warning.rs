//! Problems found while reading the shared files: reported, never fatal.

use std::fmt;
use std::path::{Path, PathBuf};

/// Which of the two shared files a profile, property or warning comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileKind {
    /// The shared `config` file (`~/.aws/config`, or `AWS_CONFIG_FILE`): sections are
    /// `[default]`, `[profile NAME]`, `[sso-session NAME]` and `[services NAME]`.
    Config,
    /// The shared `credentials` file (`~/.aws/credentials`, or `AWS_SHARED_CREDENTIALS_FILE`):
    /// every section is a profile named without a prefix, `[NAME]`.
    Credentials,
}

impl fmt::Display for FileKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            FileKind::Config => "config file",
            FileKind::Credentials => "credentials file",
        })
    }
}

/// A line of a shared file that was ignored, or a file that could not be read.
///
/// The SDKs never fail on a malformed shared file: the offending line is skipped and the
/// rest of the file still applies. These warnings say what was skipped and why, so a caller
/// can log them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileWarning {
    file: FileKind,
    path: Option<PathBuf>,
    line: Option<usize>,
    message: String,
}

impl ProfileWarning {
    pub(crate) fn new(
        file: FileKind,
        path: Option<&Path>,
        line: Option<usize>,
        message: impl Into<String>,
    ) -> ProfileWarning {
        ProfileWarning {
            file,
            path: path.map(Path::to_path_buf),
            line,
            message: message.into(),
        }
    }

    /// The file the problem is in.
    pub fn file(&self) -> FileKind {
        self.file
    }

    /// The file's path, when it was read from an [`Env`](crate::config::Env) rather than
    /// given as text.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The 1-based line number, when the problem is one line rather than the whole file.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// What was wrong and what was ignored.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ProfileWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(path) = &self.path {
            write!(f, " {}", path.display())?;
        }
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Collects the warnings of one file, keeping the first [`WarningSink::LIMIT`] so that a
/// file of garbage (a binary file named by `AWS_CONFIG_FILE`) cannot fill memory with them.
pub(crate) struct WarningSink<'a> {
    file: FileKind,
    path: Option<&'a Path>,
    warnings: Vec<ProfileWarning>,
    dropped: usize,
}

impl<'a> WarningSink<'a> {
    const LIMIT: usize = 100;

    pub(crate) fn new(file: FileKind, path: Option<&'a Path>) -> Self {
        WarningSink {
            file,
            path,
            warnings: Vec::new(),
            dropped: 0,
        }
    }

    /// A problem on line `line` (1-based).
    pub(crate) fn warn(&mut self, line: usize, message: impl Into<String>) {
        if self.warnings.len() < Self::LIMIT {
            self.warnings.push(ProfileWarning::new(
                self.file,
                self.path,
                Some(line),
                message,
            ));
        } else {
            self.dropped += 1;
        }
    }

    /// The warnings, ending with a count of those not kept.
    pub(crate) fn finish(mut self) -> Vec<ProfileWarning> {
        if self.dropped > 0 {
            let message = format!("{} more problems not reported", self.dropped);
            self.warnings
                .push(ProfileWarning::new(self.file, self.path, None, message));
        }
        self.warnings
    }
}

/// `text` as quoted in a warning: its first 40 characters, then `…` if there are more, so
/// that a megabyte-long line makes a readable warning.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    match text.char_indices().nth(MAX_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}
