//! Finding and reading the shared files through an [`Env`].

use std::borrow::Cow;
use std::io;
use std::path::PathBuf;

use super::parser::{parse_file, ParsedFile};
use super::set::ProfileSet;
use super::warning::{FileKind, ProfileWarning};
use crate::config::Env;

/// Names the config file in place of `~/.aws/config`.
pub const CONFIG_FILE_VAR: &str = "AWS_CONFIG_FILE";
/// Names the credentials file in place of `~/.aws/credentials`.
pub const CREDENTIALS_FILE_VAR: &str = "AWS_SHARED_CREDENTIALS_FILE";
/// Selects the profile to use in place of `default`.
pub const PROFILE_VAR: &str = "AWS_PROFILE";

impl ProfileSet {
    /// Reads the shared files of `env` and selects its profile.
    ///
    /// - The config file is `AWS_CONFIG_FILE`, else `~/.aws/config`; the credentials file is
    ///   `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/credentials`. A leading `~` means the
    ///   home directory ([`Env::home_dir`]).
    /// - A missing file is an empty file. A file that cannot be read (or is larger than
    ///   [`Env::MAX_FILE_BYTES`]) is also empty, with a warning; bytes that are not UTF-8 are
    ///   replaced by U+FFFD, with a warning.
    /// - The selected profile is `AWS_PROFILE` (trimmed), else `default`; a warning says when
    ///   `AWS_PROFILE` names a profile no file defines.
    pub fn load(env: &Env) -> ProfileSet {
        let (config, config_path) = load_file(env, FileKind::Config);
        let (credentials, credentials_path) = load_file(env, FileKind::Credentials);
        let mut set = ProfileSet::from_files(config, config_path, credentials, credentials_path);
        let chosen = env.var(PROFILE_VAR);
        if let Some(name) = chosen.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            set = set.with_selected_profile(name);
            if set.selected_profile().is_none() {
                let message = format!("profile `{name}` selected by {PROFILE_VAR} is not defined");
                let path = set.path(FileKind::Config).map(PathBuf::from);
                set.add_warning(ProfileWarning::new(
                    FileKind::Config,
                    path.as_deref(),
                    None,
                    message,
                ));
            }
        }
        set
    }
}

/// One file parsed, and the path it was read from.
fn load_file(env: &Env, file: FileKind) -> (ParsedFile, Option<PathBuf>) {
    let (variable, default) = match file {
        FileKind::Config => (CONFIG_FILE_VAR, "~/.aws/config"),
        FileKind::Credentials => (CREDENTIALS_FILE_VAR, "~/.aws/credentials"),
    };
    let named = env.var(variable).filter(|path| !path.trim().is_empty());
    let named = named.as_deref().unwrap_or(default);
    let Some(path) = expand_home(env, named) else {
        let message = format!("`{named}` not read: no home directory (HOME and USERPROFILE unset)");
        return (only_warning(file, None, message), None);
    };
    let parsed = match env.read_file(&path) {
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes);
            let mut parsed = parse_file(&text, file, Some(&path));
            if let Cow::Owned(_) = text {
                let message = "not valid UTF-8: invalid bytes replaced by U+FFFD";
                let warning = ProfileWarning::new(file, Some(&path), None, message);
                parsed.warnings.insert(0, warning);
            }
            parsed
        }
        // The SDKs treat a missing file as an empty one: most users have only one of them.
        Err(error) if error.kind() == io::ErrorKind::NotFound => ParsedFile::default(),
        Err(error) => only_warning(file, Some(&path), format!("not read: {error}")),
    };
    (parsed, Some(path))
}

fn only_warning(file: FileKind, path: Option<&std::path::Path>, message: String) -> ParsedFile {
    ParsedFile {
        warnings: vec![ProfileWarning::new(file, path, None, message)],
        ..ParsedFile::default()
    }
}

/// `path` with a leading `~` (alone, or followed by `/` or `\`) replaced by the home
/// directory; `None` when it has one and there is no home directory.
fn expand_home(env: &Env, path: &str) -> Option<PathBuf> {
    let rest = match path.strip_prefix('~') {
        Some("") => "",
        Some(rest) => match rest.strip_prefix(['/', '\\']) {
            Some(rest) => rest,
            // `~user/...` names another user's home, which is not expanded.
            None => return Some(PathBuf::from(path)),
        },
        None => return Some(PathBuf::from(path)),
    };
    let home = env.home_dir()?;
    Some(if rest.is_empty() {
        home
    } else {
        home.join(rest)
    })
}
