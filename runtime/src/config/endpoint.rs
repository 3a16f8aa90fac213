//! The endpoint settings of one service: a custom endpoint URL, FIPS and dual-stack.

use super::endpoint_url::check_endpoint_url;
use super::error::{ConfigError, ConfigLocation};
use super::profile::ProfileSet;
use super::service_id::{endpoint_url_env_var, services_key};
use super::setting::{bool_setting, Setting};
use super::Env;

/// The endpoint URL of every service, below the service's own variable.
pub const ENDPOINT_URL_VAR: &str = "AWS_ENDPOINT_URL";
/// `true` turns off every endpoint URL configured in the environment or the shared files.
pub const IGNORE_CONFIGURED_ENDPOINT_URLS_VAR: &str = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";
/// `true` or `false`: use a FIPS endpoint.
pub const USE_FIPS_ENDPOINT_VAR: &str = "AWS_USE_FIPS_ENDPOINT";
/// `true` or `false`: use a dual-stack (IPv4 and IPv6) endpoint.
pub const USE_DUALSTACK_ENDPOINT_VAR: &str = "AWS_USE_DUALSTACK_ENDPOINT";

/// The profile properties and sub-properties read here.
mod key {
    pub(super) const ENDPOINT_URL: &str = "endpoint_url";
    pub(super) const SERVICES: &str = "services";
    pub(super) const IGNORE_CONFIGURED_ENDPOINT_URLS: &str = "ignore_configured_endpoint_urls";
    pub(super) const USE_FIPS_ENDPOINT: &str = "use_fips_endpoint";
    pub(super) const USE_DUALSTACK_ENDPOINT: &str = "use_dualstack_endpoint";
}

/// How a client reaches one service: a custom endpoint URL, and whether to use a FIPS or
/// dual-stack endpoint. `None` means "not configured": the client's endpoint rules decide.
///
/// A client builds one with the values set in code and calls [`EndpointConfig::resolve`]
/// (or [`EndpointConfig::resolve_from_env`]) to fill the rest from the environment and the
/// shared files, by the precedence documented on the [module](crate::config).
///
/// ```
/// use smithy_runtime::config::{EndpointConfig, Env};
///
/// let env = Env::from_map([
///     ("HOME", "/home/test"),
///     ("AWS_ENDPOINT_URL", "http://localhost:4566"),
///     ("AWS_USE_FIPS_ENDPOINT", "TRUE"),
/// ]);
/// let config = EndpointConfig::default().resolve_from_env("GameLift", &env).unwrap();
/// assert_eq!(config.endpoint_url.as_deref(), Some("http://localhost:4566"));
/// assert_eq!(config.use_fips, Some(true));
/// assert_eq!(config.use_dual_stack, None);
///
/// // A value set in code wins.
/// let config = EndpointConfig::default()
///     .with_endpoint_url("https://gamelift.example.com")
///     .resolve_from_env("GameLift", &env)
///     .unwrap();
/// assert_eq!(config.endpoint_url.as_deref(), Some("https://gamelift.example.com"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointConfig {
    /// The URL requests go to instead of the service's default endpoint: an absolute
    /// `http`/`https` URL, optionally with a path.
    pub endpoint_url: Option<String>,
    /// Whether to use the service's FIPS 140-2 endpoint (`AWS_USE_FIPS_ENDPOINT`,
    /// `use_fips_endpoint`).
    pub use_fips: Option<bool>,
    /// Whether to use the service's dual-stack endpoint (`AWS_USE_DUALSTACK_ENDPOINT`,
    /// `use_dualstack_endpoint`).
    pub use_dual_stack: Option<bool>,
}

impl EndpointConfig {
    /// This configuration with the endpoint URL set.
    pub fn with_endpoint_url(mut self, url: impl Into<String>) -> EndpointConfig {
        self.endpoint_url = Some(url.into());
        self
    }

    /// This configuration with FIPS endpoints turned on or off.
    pub fn with_use_fips(mut self, use_fips: bool) -> EndpointConfig {
        self.use_fips = Some(use_fips);
        self
    }

    /// This configuration with dual-stack endpoints turned on or off.
    pub fn with_use_dual_stack(mut self, use_dual_stack: bool) -> EndpointConfig {
        self.use_dual_stack = Some(use_dual_stack);
        self
    }

    /// Layers this configuration over `fallback`: each field set here wins, each field
    /// unset here comes from `fallback`.
    pub fn or(self, fallback: EndpointConfig) -> EndpointConfig {
        EndpointConfig {
            endpoint_url: self.endpoint_url.or(fallback.endpoint_url),
            use_fips: self.use_fips.or(fallback.use_fips),
            use_dual_stack: self.use_dual_stack.or(fallback.use_dual_stack),
        }
    }

    /// Completes this configuration (the values set in code, which win) for the service with
    /// `sdk_id` from `env` and `profiles`, by the precedence documented on the
    /// [module](crate::config).
    ///
    /// Only the values that are used are checked: an endpoint URL set in code is checked,
    /// and hides any configured one, which is then neither read nor checked.
    pub fn resolve(
        self,
        sdk_id: &str,
        env: &Env,
        profiles: &ProfileSet,
    ) -> Result<EndpointConfig, ConfigError> {
        let endpoint_url = match self.endpoint_url {
            Some(url) => Some(checked_url(Setting {
                value: url,
                location: ConfigLocation::Code {
                    setting: key::ENDPOINT_URL.into(),
                },
            })?),
            None => configured_endpoint_url(sdk_id, env, profiles)?,
        };
        let use_fips = match self.use_fips {
            Some(use_fips) => Some(use_fips),
            None => bool_setting(env, profiles, USE_FIPS_ENDPOINT_VAR, key::USE_FIPS_ENDPOINT)?,
        };
        let use_dual_stack = match self.use_dual_stack {
            Some(use_dual_stack) => Some(use_dual_stack),
            None => bool_setting(
                env,
                profiles,
                USE_DUALSTACK_ENDPOINT_VAR,
                key::USE_DUALSTACK_ENDPOINT,
            )?,
        };
        Ok(EndpointConfig {
            endpoint_url,
            use_fips,
            use_dual_stack,
        })
    }

    /// [`EndpointConfig::resolve`] with the shared files of `env` ([`ProfileSet::load`]).
    /// Their warnings are dropped; load the [`ProfileSet`] yourself to report them.
    pub fn resolve_from_env(self, sdk_id: &str, env: &Env) -> Result<EndpointConfig, ConfigError> {
        self.resolve(sdk_id, env, &ProfileSet::load(env))
    }
}

/// The endpoint URL from the environment or the shared files, unless they are to be ignored.
fn configured_endpoint_url(
    sdk_id: &str,
    env: &Env,
    profiles: &ProfileSet,
) -> Result<Option<String>, ConfigError> {
    let ignore = bool_setting(
        env,
        profiles,
        IGNORE_CONFIGURED_ENDPOINT_URLS_VAR,
        key::IGNORE_CONFIGURED_ENDPOINT_URLS,
    )?;
    if ignore == Some(true) {
        return Ok(None);
    }
    let from_env = Setting::from_env(env, &endpoint_url_env_var(sdk_id))
        .or_else(|| Setting::from_env(env, ENDPOINT_URL_VAR));
    let setting = match from_env {
        Some(setting) => Some(setting),
        None => profile_endpoint_url(sdk_id, profiles)?,
    };
    setting.map(checked_url).transpose()
}

/// The service's `endpoint_url` in the `services` section the selected profile names, else
/// the profile's own `endpoint_url`.
fn profile_endpoint_url(
    sdk_id: &str,
    profiles: &ProfileSet,
) -> Result<Option<Setting>, ConfigError> {
    if let Some(services) = Setting::from_profile(profiles, key::SERVICES) {
        // As botocore does: naming a section that does not exist is a mistake worth an error
        // rather than a silently different endpoint.
        let Some(section) = profiles.services(&services.value) else {
            let problem = format!(
                "the config file has no `[services {}]` section",
                services.value
            );
            return Err(services.error(problem));
        };
        let service = services_key(sdk_id);
        if let Some(url) =
            Setting::from_sub_property(profiles, section, &service, key::ENDPOINT_URL)
        {
            return Ok(Some(url));
        }
    }
    Ok(Setting::from_profile(profiles, key::ENDPOINT_URL))
}

fn checked_url(setting: Setting) -> Result<String, ConfigError> {
    check_endpoint_url(&setting.value).map_err(|problem| setting.error(problem))?;
    Ok(setting.value)
}
