//! The region a client (or STS, for credentials) uses, and where it was set.

use super::error::ConfigLocation;
use super::profile::ProfileSet;
use super::setting::Setting;
use super::Env;

/// The region, the first variable read.
pub const REGION_VAR: &str = "AWS_REGION";
/// The region when [`REGION_VAR`] is unset.
pub const DEFAULT_REGION_VAR: &str = "AWS_DEFAULT_REGION";
/// The profile property holding the region.
const REGION_KEY: &str = "region";

/// A region and where it was set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Region {
    name: String,
    source: ConfigLocation,
}

impl Region {
    /// The region's name (`us-east-1`).
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Where it was set: in code, by an environment variable, or in a profile.
    pub fn source(&self) -> &ConfigLocation {
        &self.source
    }

    /// The region's name, by value.
    pub fn into_name(self) -> String {
        self.name
    }
}

/// The region, by the SDKs' precedence; `None` when nothing sets it. Values are trimmed, and
/// a blank value counts as unset:
///
/// 1. `in_code`, the region set on the client;
/// 2. `AWS_REGION`;
/// 3. `AWS_DEFAULT_REGION`;
/// 4. the `region` of the selected profile of `profiles`.
///
/// ```
/// use smithy_runtime::config::{resolve_region, ConfigLocation, Env, ProfileSet};
///
/// let env = Env::from_map([("HOME", "/home/test"), ("AWS_DEFAULT_REGION", "eu-west-1")])
///     .with_file("/home/test/.aws/config", "[default]\nregion = us-east-2\n");
/// let profiles = ProfileSet::load(&env);
/// let region = resolve_region(None, &env, &profiles).unwrap();
/// assert_eq!(region.name(), "eu-west-1");
/// assert_eq!(region.source(), &ConfigLocation::EnvVar { name: "AWS_DEFAULT_REGION".into() });
/// assert_eq!(resolve_region(Some("ap-south-1"), &env, &profiles).unwrap().name(), "ap-south-1");
/// ```
pub fn resolve_region(in_code: Option<&str>, env: &Env, profiles: &ProfileSet) -> Option<Region> {
    let from_code = in_code
        .map(str::trim)
        .filter(|region| !region.is_empty())
        .map(|region| Setting {
            value: region.to_owned(),
            location: ConfigLocation::Code {
                setting: REGION_KEY.into(),
            },
        });
    let setting = from_code
        .or_else(|| Setting::from_env(env, REGION_VAR))
        .or_else(|| Setting::from_env(env, DEFAULT_REGION_VAR))
        .or_else(|| Setting::from_profile(profiles, REGION_KEY))?;
    Some(Region {
        name: setting.value,
        source: setting.location,
    })
}

/// [`resolve_region`] with nothing set in code and the shared files of `env`
/// ([`ProfileSet::load`]).
pub fn region_from_env(env: &Env) -> Option<Region> {
    resolve_region(None, env, &ProfileSet::load(env))
}
