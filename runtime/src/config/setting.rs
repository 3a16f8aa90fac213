//! Looking up one setting in the environment or the selected profile, keeping where it was
//! found so that an unusable value can be reported precisely.

use super::error::{ConfigError, ConfigLocation};
use super::profile::{ProfileSet, Property, Section};
use super::Env;

/// A value that is set (not blank), and where.
#[derive(Clone, Debug)]
pub(crate) struct Setting {
    pub(crate) value: String,
    pub(crate) location: ConfigLocation,
}

impl Setting {
    /// The environment variable `name`, trimmed; `None` when unset or blank, because the SDKs
    /// treat a blank value as not set and move on to the next source.
    pub(crate) fn from_env(env: &Env, name: &str) -> Option<Setting> {
        let value = env.var(name)?;
        let value = value.trim();
        (!value.is_empty()).then(|| Setting {
            value: value.to_owned(),
            location: ConfigLocation::EnvVar { name: name.into() },
        })
    }

    /// The property `key` of the selected profile; `None` when unset or blank.
    pub(crate) fn from_profile(profiles: &ProfileSet, key: &str) -> Option<Setting> {
        let profile = profiles.selected_profile()?;
        Setting::from_property(profiles, profile, key, profile.property(key)?)
    }

    /// The property `key` of `section` (any profile, not only the selected one); `None` when
    /// unset or blank.
    pub(crate) fn from_section(
        profiles: &ProfileSet,
        section: &Section,
        key: &str,
    ) -> Option<Setting> {
        Setting::from_property(profiles, section, key, section.property(key)?)
    }

    /// The sub-property `sub_key` of property `key` of `section`; `None` when unset or blank.
    pub(crate) fn from_sub_property(
        profiles: &ProfileSet,
        section: &Section,
        key: &str,
        sub_key: &str,
    ) -> Option<Setting> {
        let property = section.property(key)?.sub_property(sub_key)?;
        Setting::from_property(profiles, section, &format!("{key}.{sub_key}"), property)
    }

    fn from_property(
        profiles: &ProfileSet,
        section: &Section,
        key: &str,
        property: &Property,
    ) -> Option<Setting> {
        if property.value().is_empty() {
            return None;
        }
        let origin = property.origin();
        Some(Setting {
            value: property.value().to_owned(),
            location: ConfigLocation::File {
                file: origin.file,
                path: profiles.path(origin.file).map(Into::into),
                line: origin.line,
                section_kind: section.kind(),
                section: section.name().to_owned(),
                key: key.to_owned(),
            },
        })
    }

    /// `true` or `false` in any case, as the SDKs accept; anything else is an error.
    pub(crate) fn to_bool(&self) -> Result<bool, ConfigError> {
        if self.value.eq_ignore_ascii_case("true") {
            Ok(true)
        } else if self.value.eq_ignore_ascii_case("false") {
            Ok(false)
        } else {
            Err(self.error("expected `true` or `false`"))
        }
    }

    pub(crate) fn error(&self, problem: impl Into<String>) -> ConfigError {
        ConfigError::new(self.location.clone(), self.value.clone(), problem)
    }
}

/// A boolean setting: the environment variable `env_name` if set, else the selected
/// profile's `profile_key`, else `None`. Environment variables win over the shared files,
/// as for every SDK setting.
pub(crate) fn bool_setting(
    env: &Env,
    profiles: &ProfileSet,
    env_name: &str,
    profile_key: &str,
) -> Result<Option<bool>, ConfigError> {
    Setting::from_env(env, env_name)
        .or_else(|| Setting::from_profile(profiles, profile_key))
        .map(|setting| setting.to_bool())
        .transpose()
}
