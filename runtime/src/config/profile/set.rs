//! The profiles of both shared files merged, and the profile selected for use.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::parser::{parse_file, ParsedFile};
use super::section::Section;
use super::warning::{FileKind, ProfileWarning};

/// The name of the profile used when none is selected.
pub const DEFAULT_PROFILE: &str = "default";

/// Everything in the shared `config` and `credentials` files, and which profile is selected.
///
/// Both files are parsed and merged: a profile defined in both has the properties of both,
/// and where both define the same property the credentials file wins. Within one file, a
/// section header that repeats adds to the same section, and a property defined twice keeps
/// its last value.
///
/// ```
/// use smithy_runtime::config::ProfileSet;
///
/// let profiles = ProfileSet::parse(
///     "[profile dev]\nregion = eu-west-1\nservices = local\n\
///      [services local]\ns3 =\n  endpoint_url = http://localhost:4566\n",
///     "[dev]\nregion = us-east-2\n",
/// )
/// .with_selected_profile("dev");
/// let dev = profiles.selected_profile().unwrap();
/// assert_eq!(dev.get("region"), Some("us-east-2"));
/// let local = profiles.services(dev.get("services").unwrap()).unwrap();
/// assert_eq!(local.sub_property("s3", "endpoint_url"), Some("http://localhost:4566"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: BTreeMap<String, Section>,
    sso_sessions: BTreeMap<String, Section>,
    services: BTreeMap<String, Section>,
    selected: String,
    config_path: Option<PathBuf>,
    credentials_path: Option<PathBuf>,
    warnings: Vec<ProfileWarning>,
}

impl Default for ProfileSet {
    /// No profiles, with `default` selected: what missing files give.
    fn default() -> Self {
        ProfileSet {
            profiles: BTreeMap::new(),
            sso_sessions: BTreeMap::new(),
            services: BTreeMap::new(),
            selected: DEFAULT_PROFILE.into(),
            config_path: None,
            credentials_path: None,
            warnings: Vec::new(),
        }
    }
}

impl ProfileSet {
    /// Parses the text of a config file and a credentials file (either may be empty), with
    /// the `default` profile selected. Malformed lines are skipped and reported in
    /// [`ProfileSet::warnings`].
    pub fn parse(config: &str, credentials: &str) -> ProfileSet {
        ProfileSet::from_files(
            parse_file(config, FileKind::Config, None),
            None,
            parse_file(credentials, FileKind::Credentials, None),
            None,
        )
    }

    /// Merges the two parsed files; the credentials file's properties win.
    pub(crate) fn from_files(
        config: ParsedFile,
        config_path: Option<PathBuf>,
        credentials: ParsedFile,
        credentials_path: Option<PathBuf>,
    ) -> ProfileSet {
        let mut set = ProfileSet {
            profiles: config.profiles,
            sso_sessions: config.sso_sessions,
            services: config.services,
            config_path,
            credentials_path,
            warnings: config.warnings,
            ..ProfileSet::default()
        };
        for (name, profile) in credentials.profiles {
            match set.profiles.get_mut(&name) {
                Some(existing) => existing.merge_from(profile),
                None => {
                    set.profiles.insert(name, profile);
                }
            }
        }
        set.warnings.extend(credentials.warnings);
        set
    }

    /// This set with profile `name` selected instead (a profile chosen in code, which wins
    /// over `AWS_PROFILE`).
    pub fn with_selected_profile(mut self, name: impl Into<String>) -> ProfileSet {
        self.selected = name.into();
        self
    }

    /// The name of the selected profile: `AWS_PROFILE` when loaded from an environment that
    /// sets it, else `default`.
    pub fn selected_profile_name(&self) -> &str {
        &self.selected
    }

    /// The selected profile; `None` when no file defines it.
    pub fn selected_profile(&self) -> Option<&Section> {
        self.profile(&self.selected)
    }

    /// The profile `name` (case-sensitive): `[profile NAME]` or `[default]` in the config
    /// file merged with `[NAME]` in the credentials file.
    pub fn profile(&self, name: &str) -> Option<&Section> {
        self.profiles.get(name)
    }

    /// All profiles, in name order.
    pub fn profiles(&self) -> impl Iterator<Item = &Section> {
        self.profiles.values()
    }

    /// The `[sso-session NAME]` section of the config file.
    pub fn sso_session(&self, name: &str) -> Option<&Section> {
        self.sso_sessions.get(name)
    }

    /// The `[services NAME]` section of the config file: a profile's `services` property
    /// names one.
    pub fn services(&self, name: &str) -> Option<&Section> {
        self.services.get(name)
    }

    /// The lines that were skipped, and the files that could not be read.
    pub fn warnings(&self) -> &[ProfileWarning] {
        &self.warnings
    }

    /// The path `file` was read from; `None` when the set was parsed from text or the path
    /// could not be determined.
    pub fn path(&self, file: FileKind) -> Option<&Path> {
        match file {
            FileKind::Config => self.config_path.as_deref(),
            FileKind::Credentials => self.credentials_path.as_deref(),
        }
    }

    pub(crate) fn add_warning(&mut self, warning: ProfileWarning) {
        self.warnings.push(warning);
    }
}
