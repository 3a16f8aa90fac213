//! From the selected profile to a plan: where the first credentials come from, and which
//! roles to assume with them, following `source_profile` links.

use std::time::Duration;

use super::PROVIDER;
use crate::config::{ConfigLocation, ProfileSet, Section, Setting};
use crate::credentials::web_identity::WebIdentityRole;
use crate::credentials::{Credentials, CredentialsError, ProviderConfig};

/// The profile properties read here.
mod key {
    pub(super) const ACCESS_KEY_ID: &str = "aws_access_key_id";
    pub(super) const SECRET_ACCESS_KEY: &str = "aws_secret_access_key";
    pub(super) const SESSION_TOKEN: &str = "aws_session_token";
    pub(super) const CREDENTIAL_PROCESS: &str = "credential_process";
    pub(super) const ROLE_ARN: &str = "role_arn";
    pub(super) const SOURCE_PROFILE: &str = "source_profile";
    pub(super) const CREDENTIAL_SOURCE: &str = "credential_source";
    pub(super) const WEB_IDENTITY_TOKEN_FILE: &str = "web_identity_token_file";
    pub(super) const ROLE_SESSION_NAME: &str = "role_session_name";
    pub(super) const EXTERNAL_ID: &str = "external_id";
    pub(super) const DURATION_SECONDS: &str = "duration_seconds";
    pub(super) const SSO: [&str; 4] = [
        "sso_session",
        "sso_start_url",
        "sso_account_id",
        "sso_role_name",
    ];
}

/// What a profile's credentials are made of: a base, then roles assumed in order, each with
/// the credentials of the step before. No `Debug`: a `credential_process` command line may
/// hold a password.
pub(crate) struct ProfileChain {
    pub(crate) base: Base,
    pub(crate) roles: Vec<RoleStep>,
}

/// Where the first credentials of a chain come from.
pub(crate) enum Base {
    /// `aws_access_key_id` and `aws_secret_access_key` (and `aws_session_token`).
    Static(Credentials),
    /// `credential_process`.
    Process(Setting),
    /// `role_arn` with `web_identity_token_file`.
    WebIdentity(WebIdentityRole),
    /// `credential_source`: another provider of the default chain.
    Source(CredentialSource, Setting),
}

/// The values of `credential_source`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum CredentialSource {
    /// The environment variables.
    Environment,
    /// IMDS.
    Ec2InstanceMetadata,
    /// The container credentials endpoint.
    EcsContainer,
}

/// A role to assume.
#[derive(Debug)]
pub(crate) struct RoleStep {
    pub(crate) role_arn: Setting,
    pub(crate) session_name: Option<String>,
    pub(crate) external_id: Option<String>,
    pub(crate) duration: Option<Duration>,
    pub(crate) profile: String,
}

/// The chain of the selected profile of `profiles`.
///
/// - The selected profile missing, or having no credential settings: not loaded, unless it
///   was chosen (in code or by `AWS_PROFILE`): then its absence is an invalid
///   configuration.
/// - A profile with `role_arn` takes its source credentials from `web_identity_token_file`,
///   `source_profile` (static keys of a source profile win over its own `role_arn`; a profile
///   that is its own source uses its static keys) or `credential_source`.
/// - Otherwise, in this order: SSO settings (unsupported), `credential_process`, static keys.
/// - A `source_profile` that leads back to a profile already visited is an error naming the
///   loop.
pub(crate) fn resolve(
    config: &ProviderConfig,
    profiles: &ProfileSet,
) -> Result<ProfileChain, CredentialsError> {
    let mut name = profiles.selected_profile_name().to_owned();
    let mut visited: Vec<String> = Vec::new();
    let mut roles = Vec::new();
    // The `source_profile` that led to the current profile.
    let mut came_from: Option<Setting> = None;
    let base = loop {
        let Some(profile) = profiles.profile(&name) else {
            return Err(missing_profile(config, &name, came_from));
        };
        visited.push(name.clone());
        let setting = |key: &str| Setting::from_section(profiles, profile, key);
        if came_from.is_some() {
            if let Ok(Some(credentials)) = static_keys(profiles, profile) {
                break Base::Static(credentials);
            }
        }
        let Some(role_arn) = setting(key::ROLE_ARN) else {
            break leaf(profiles, profile, came_from)?;
        };
        let step = role_step(profiles, profile, role_arn)?;
        if let Some(token_file) = setting(key::WEB_IDENTITY_TOKEN_FILE) {
            break Base::WebIdentity(WebIdentityRole {
                role_arn: step.role_arn.value,
                token_file,
                session_name: step.session_name,
                profile: Some(name),
            });
        }
        match (
            setting(key::SOURCE_PROFILE),
            setting(key::CREDENTIAL_SOURCE),
        ) {
            (Some(_), Some(source)) => {
                let problem = "set beside `source_profile`: a profile takes its source \
                               credentials from one or the other";
                return Err(invalid(source.location, problem));
            }
            (None, None) => {
                let problem = "needs `source_profile`, `credential_source` or \
                               `web_identity_token_file` beside it";
                return Err(invalid(step.role_arn.location, problem));
            }
            (None, Some(source)) => {
                roles.push(step);
                break Base::Source(credential_source(&source)?, source);
            }
            (Some(source_profile), None) => {
                roles.push(step);
                if source_profile.value == name {
                    match static_keys(profiles, profile)? {
                        Some(credentials) => break Base::Static(credentials),
                        None => {
                            let problem = format!(
                                "profile `{name}` is its own source profile, but has no \
                                 `{}`",
                                key::ACCESS_KEY_ID
                            );
                            return Err(invalid(source_profile.location, problem));
                        }
                    }
                }
                if visited.contains(&source_profile.value) {
                    let mut path = visited.join("` → `");
                    path.push_str(&format!("` → `{}", source_profile.value));
                    let problem = format!("the profiles `{path}` form a loop");
                    return Err(invalid(source_profile.location, problem));
                }
                name = source_profile.value.clone();
                came_from = Some(source_profile);
            }
        }
    };
    roles.reverse();
    Ok(ProfileChain { base, roles })
}

fn invalid(location: ConfigLocation, problem: impl Into<String>) -> CredentialsError {
    CredentialsError::invalid_configuration(PROVIDER, location, problem)
}

/// The error for profile `name`, which no file defines.
fn missing_profile(
    config: &ProviderConfig,
    name: &str,
    came_from: Option<Setting>,
) -> CredentialsError {
    let problem =
        format!("profile `{name}` is not defined in the shared config or credentials file");
    if let Some(source_profile) = came_from {
        return invalid(source_profile.location, problem);
    }
    match config.profile_choice() {
        Some(location) => invalid(location, problem),
        None => CredentialsError::not_loaded(PROVIDER, problem),
    }
}

/// The base of a profile without `role_arn`.
fn leaf(
    profiles: &ProfileSet,
    profile: &Section,
    came_from: Option<Setting>,
) -> Result<Base, CredentialsError> {
    let setting = |key: &str| Setting::from_section(profiles, profile, key);
    for key in [key::CREDENTIAL_SOURCE, key::WEB_IDENTITY_TOKEN_FILE] {
        if let Some(setting) = setting(key) {
            return Err(invalid(setting.location, "needs `role_arn` beside it"));
        }
    }
    if let Some(sso) = key::SSO.into_iter().find_map(setting) {
        let message = "IAM Identity Center (SSO) profiles are not supported by this runtime";
        return Err(CredentialsError::unsupported(PROVIDER, message).with_location(sso.location));
    }
    if let Some(command) = setting(key::CREDENTIAL_PROCESS) {
        return Ok(Base::Process(command));
    }
    if let Some(credentials) = static_keys(profiles, profile)? {
        return Ok(Base::Static(credentials));
    }
    let problem = format!(
        "profile `{}` has no credentials (`aws_access_key_id`, `credential_process`, \
         `role_arn`…)",
        profile.name()
    );
    match came_from {
        Some(source_profile) => Err(invalid(source_profile.location, problem)),
        None => Err(CredentialsError::not_loaded(PROVIDER, problem)),
    }
}

/// The static keys of `profile`: `None` when it sets none of them, an error naming the one
/// set when it sets only one of the key pair.
fn static_keys(
    profiles: &ProfileSet,
    profile: &Section,
) -> Result<Option<Credentials>, CredentialsError> {
    let setting = |key: &str| Setting::from_section(profiles, profile, key);
    let token = setting(key::SESSION_TOKEN);
    match (
        setting(key::ACCESS_KEY_ID),
        setting(key::SECRET_ACCESS_KEY),
        token,
    ) {
        (None, None, None) => Ok(None),
        (Some(id), Some(secret), token) => Ok(Some(Credentials::new(
            id.value,
            secret.value,
            token.map(|token| token.value),
            None,
            PROVIDER,
        ))),
        (Some(id), None, _) => {
            let problem = format!("no `{}` beside it", key::SECRET_ACCESS_KEY);
            Err(invalid(id.location, problem))
        }
        (None, Some(set), _) | (None, None, Some(set)) => {
            let problem = format!("no `{}` beside it", key::ACCESS_KEY_ID);
            Err(invalid(set.location, problem))
        }
    }
}

/// The role `role_arn` of `profile`, with its session settings.
fn role_step(
    profiles: &ProfileSet,
    profile: &Section,
    role_arn: Setting,
) -> Result<RoleStep, CredentialsError> {
    let setting = |key: &str| Setting::from_section(profiles, profile, key);
    let duration = match setting(key::DURATION_SECONDS) {
        None => None,
        Some(duration) => match duration.value.parse::<u64>() {
            Ok(seconds) => Some(Duration::from_secs(seconds)),
            Err(_) => {
                let problem = format!("{:?} is not a whole number of seconds", duration.value);
                return Err(invalid(duration.location, problem));
            }
        },
    };
    Ok(RoleStep {
        role_arn,
        session_name: setting(key::ROLE_SESSION_NAME).map(|s| s.value),
        external_id: setting(key::EXTERNAL_ID).map(|s| s.value),
        duration,
        profile: profile.name().to_owned(),
    })
}

fn credential_source(setting: &Setting) -> Result<CredentialSource, CredentialsError> {
    match setting.value.as_str() {
        "Environment" => Ok(CredentialSource::Environment),
        "Ec2InstanceMetadata" => Ok(CredentialSource::Ec2InstanceMetadata),
        "EcsContainer" => Ok(CredentialSource::EcsContainer),
        other => Err(invalid(
            setting.location.clone(),
            format!("{other:?} is not one of `Environment`, `Ec2InstanceMetadata`, `EcsContainer`"),
        )),
    }
}
