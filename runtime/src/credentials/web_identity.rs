//! Credentials of a role assumed with a web identity (OIDC) token read from a file: EKS
//! service accounts (IRSA), GitHub Actions and other OIDC providers.

use std::path::PathBuf;

use super::sts::{default_session_name, AssumeRoleWithWebIdentityRequest};
use super::token_file::read_token_file;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials, ProviderConfig};
use crate::config::{ConfigLocation, ProfileSet, Setting};

/// The file holding the token.
pub const WEB_IDENTITY_TOKEN_FILE_VAR: &str = "AWS_WEB_IDENTITY_TOKEN_FILE";
/// The role to assume with it.
pub const ROLE_ARN_VAR: &str = "AWS_ROLE_ARN";
/// The session name.
pub const ROLE_SESSION_NAME_VAR: &str = "AWS_ROLE_SESSION_NAME";

pub(crate) const PROVIDER: &str = "WebIdentityToken";

/// Credentials of the role `AWS_ROLE_ARN`, assumed with the token in the file
/// `AWS_WEB_IDENTITY_TOKEN_FILE` (read again at every call: the platform rotates it) and the
/// session name `AWS_ROLE_SESSION_NAME` (else a generated one), through the STS
/// implementation of the [`ProviderConfig`].
///
/// Neither variable set: [not loaded](super::CredentialsErrorKind::NotLoaded). One without
/// the other, or a token file that cannot be read: an [invalid
/// configuration](super::CredentialsErrorKind::InvalidConfiguration). No STS implementation:
/// [unsupported](super::CredentialsErrorKind::Unsupported). Profiles configure the same with
/// `role_arn` and `web_identity_token_file`, read by the
/// [`ProfileCredentialsProvider`](super::ProfileCredentialsProvider).
#[derive(Clone, Debug)]
pub struct WebIdentityCredentialsProvider {
    config: ProviderConfig,
}

impl WebIdentityCredentialsProvider {
    /// A provider reading the variables of `config`'s environment.
    pub fn new(config: ProviderConfig) -> WebIdentityCredentialsProvider {
        WebIdentityCredentialsProvider { config }
    }
}

impl ProvideCredentials for WebIdentityCredentialsProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let profiles = self.config.load_profiles();
            load_from_env(&self.config, &profiles).await
        })
    }
}

/// A role to assume with a token file, and where each setting was found.
#[derive(Debug)]
pub(crate) struct WebIdentityRole {
    pub(crate) role_arn: String,
    pub(crate) token_file: Setting,
    pub(crate) session_name: Option<String>,
    /// The profile that configures it; `None` for the environment variables.
    pub(crate) profile: Option<String>,
}

/// The credentials `config`'s environment variables configure.
pub(crate) async fn load_from_env(
    config: &ProviderConfig,
    profiles: &ProfileSet,
) -> Result<Credentials, CredentialsError> {
    let token_file = Setting::from_env(&config.env, WEB_IDENTITY_TOKEN_FILE_VAR);
    let role_arn = Setting::from_env(&config.env, ROLE_ARN_VAR);
    let (token_file, role_arn) = match (token_file, role_arn) {
        (Some(file), Some(role)) => (file, role.value),
        (None, None) => {
            let reason = format!("{WEB_IDENTITY_TOKEN_FILE_VAR} is not set");
            return Err(CredentialsError::not_loaded(PROVIDER, reason));
        }
        (Some(_), None) => return Err(missing(ROLE_ARN_VAR, WEB_IDENTITY_TOKEN_FILE_VAR)),
        (None, Some(_)) => return Err(missing(WEB_IDENTITY_TOKEN_FILE_VAR, ROLE_ARN_VAR)),
    };
    let role = WebIdentityRole {
        role_arn,
        token_file,
        session_name: Setting::from_env(&config.env, ROLE_SESSION_NAME_VAR).map(|s| s.value),
        profile: None,
    };
    assume(config, profiles, role).await
}

fn missing(unset: &str, set: &str) -> CredentialsError {
    let location = ConfigLocation::EnvVar { name: unset.into() };
    CredentialsError::invalid_configuration(PROVIDER, location, format!("not set, but {set} is"))
}

/// Assumes `role` with the token in its file.
pub(crate) async fn assume(
    config: &ProviderConfig,
    profiles: &ProfileSet,
    role: WebIdentityRole,
) -> Result<Credentials, CredentialsError> {
    let Some(sts) = &config.sts else {
        let message = format!(
            "assuming role {} with a web identity token needs an STS implementation \
             (ProviderConfig::with_sts), and none was given",
            role.role_arn
        );
        let error = CredentialsError::unsupported(PROVIDER, message);
        return Err(error.with_location(role.token_file.location));
    };
    let path = PathBuf::from(&role.token_file.value);
    let token = read_token_file(&config.env, &path, &role.token_file.location, PROVIDER)?;
    let request = AssumeRoleWithWebIdentityRequest {
        role_arn: role.role_arn,
        session_name: role.session_name.unwrap_or_else(default_session_name),
        web_identity_token: token,
        duration: None,
        region: config.sts_region(profiles),
        profile: role.profile,
    };
    sts.assume_role_with_web_identity(request).await
}
