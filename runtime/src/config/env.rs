//! Where configuration comes from: environment variables, files and the home directory,
//! behind one type so that tests and callers can substitute a fake environment.

use std::collections::HashMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

/// The environment configuration is read from: environment variables, files and the home
/// directory.
///
/// [`Env::real`] reads the process environment and the file system; [`Env::from_map`] is an
/// in-memory environment for tests and for callers that configure a client explicitly. Files
/// added with [`Env::with_file`] are served from memory in both; any other file exists only
/// in the real environment.
///
/// ```
/// use smithy_runtime::config::Env;
///
/// let env = Env::from_map([("HOME", "/home/test"), ("AWS_PROFILE", "dev")])
///     .with_file("/home/test/.aws/config", "[profile dev]\nregion = eu-west-1\n");
/// assert_eq!(env.var("AWS_PROFILE").as_deref(), Some("dev"));
/// assert_eq!(env.home_dir(), Some("/home/test".into()));
/// assert!(env.read_file("/home/test/.aws/credentials".as_ref()).is_err());
/// ```
#[derive(Clone)]
pub struct Env {
    variables: Variables,
    files: HashMap<PathBuf, Vec<u8>>,
}

#[derive(Clone)]
enum Variables {
    Process,
    Map(HashMap<String, String>),
}

/// Names only: variable values and file contents hold secrets (`AWS_SECRET_ACCESS_KEY`, the
/// credentials file), so `Debug` shows which exist, never what they say.
impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut files: Vec<&PathBuf> = self.files.keys().collect();
        files.sort();
        let mut d = f.debug_struct("Env");
        match &self.variables {
            Variables::Process => d.field("variables", &"(the process environment)"),
            Variables::Map(map) => {
                let mut names: Vec<&String> = map.keys().collect();
                names.sort();
                d.field("variables", &names)
            }
        };
        d.field("files", &files).finish()
    }
}

impl Env {
    /// The largest file [`Env::read_file`] reads: 16 MiB. A shared config file is a few
    /// kilobytes; the cap keeps a path such as `/dev/zero` from exhausting memory.
    pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

    /// The process environment ([`std::env`](mod@std::env)) and the file system ([`std::fs`]).
    pub fn real() -> Env {
        Env {
            variables: Variables::Process,
            files: HashMap::new(),
        }
    }

    /// An in-memory environment with exactly these variables and no files; add files with
    /// [`Env::with_file`]. Nothing is read from the process or the disk.
    pub fn from_map<I, K, V>(variables: I) -> Env
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        Env {
            variables: Variables::Map(
                variables
                    .into_iter()
                    .map(|(name, value)| (name.into(), value.into()))
                    .collect(),
            ),
            files: HashMap::new(),
        }
    }

    /// This environment with a file at `path` holding `contents`, read from memory instead
    /// of the disk (it shadows a real file at the same path).
    pub fn with_file(mut self, path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) -> Env {
        self.files.insert(path.into(), contents.into());
        self
    }

    /// The value of an environment variable; `None` when unset or (in the real environment)
    /// not valid Unicode.
    pub fn var(&self, name: &str) -> Option<String> {
        match &self.variables {
            Variables::Process => std::env::var(name).ok(),
            Variables::Map(map) => map.get(name).cloned(),
        }
    }

    /// The bytes of the file at `path`: an in-memory file if one was added at exactly that
    /// path, else (real environment only) the file on disk. A missing file is an error of kind
    /// [`io::ErrorKind::NotFound`]; a file larger than [`Env::MAX_FILE_BYTES`] is an error of
    /// kind [`io::ErrorKind::InvalidData`].
    pub fn read_file(&self, path: &Path) -> io::Result<Vec<u8>> {
        if let Some(contents) = self.files.get(path) {
            return Ok(contents.clone());
        }
        match self.variables {
            Variables::Process => read_capped(path),
            Variables::Map(_) => Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("no in-memory file at {}", path.display()),
            )),
        }
    }

    /// The user's home directory: `HOME`, else `USERPROFILE` (Windows), whichever is set and
    /// not empty.
    pub fn home_dir(&self) -> Option<PathBuf> {
        ["HOME", "USERPROFILE"]
            .into_iter()
            .filter_map(|name| self.var(name))
            .find(|value| !value.is_empty())
            .map(PathBuf::from)
    }
}

/// Reads at most one byte past the cap so that an oversized (or endless) file is detected
/// without being read whole.
fn read_capped(path: &Path) -> io::Result<Vec<u8>> {
    let mut contents = Vec::new();
    std::fs::File::open(path)?
        .take(Env::MAX_FILE_BYTES + 1)
        .read_to_end(&mut contents)?;
    if contents.len() as u64 > Env::MAX_FILE_BYTES {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("larger than {} bytes", Env::MAX_FILE_BYTES),
        ));
    }
    Ok(contents)
}
