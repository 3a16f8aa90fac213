//! The two STS calls credential providers need, behind a trait: the runtime does not depend
//! on an STS client; a generated one implements [`AssumeRole`].

use std::fmt;
use std::time::Duration;

use super::{Credentials, CredentialsFuture};

/// Calls AWS STS for the role-based providers: profiles with `role_arn` (`AssumeRole`), and
/// web identity tokens (`AssumeRoleWithWebIdentity`, from a profile's
/// `web_identity_token_file` or `AWS_WEB_IDENTITY_TOKEN_FILE`).
///
/// Implementations send the request to STS in [`AssumeRoleRequest::region`] (the global
/// endpoint when `None`) and return the role's temporary credentials, with their expiry;
/// failures are [`CredentialsError::provider_error`](super::CredentialsError::provider_error)s
/// whose message never holds the token or the source credentials' secrets.
pub trait AssumeRole: Send + Sync + fmt::Debug {
    /// `AssumeRole`, signed with `request.source_credentials`.
    fn assume_role(&self, request: AssumeRoleRequest) -> CredentialsFuture<'_>;

    /// `AssumeRoleWithWebIdentity`, an unsigned call carrying `request.web_identity_token`.
    fn assume_role_with_web_identity(
        &self,
        request: AssumeRoleWithWebIdentityRequest,
    ) -> CredentialsFuture<'_>;
}

/// An `AssumeRole` call: the role to assume and the credentials to assume it with.
///
/// `Debug` shows no secret (the source credentials' own `Debug` redacts them).
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AssumeRoleRequest {
    /// The role (`role_arn`).
    pub role_arn: String,
    /// The session name (`role_session_name`, else one generated).
    pub session_name: String,
    /// The external id the role's trust policy asks for (`external_id`).
    pub external_id: Option<String>,
    /// How long the role's credentials last (`duration_seconds`); STS's default (one hour)
    /// when `None`.
    pub duration: Option<Duration>,
    /// The credentials the call is signed with: the source profile's, or the previous role's
    /// in a chain.
    pub source_credentials: Credentials,
    /// The region whose STS endpoint to call.
    pub region: Option<String>,
    /// The profile that names the role, for diagnostics.
    pub profile: Option<String>,
}

/// An `AssumeRoleWithWebIdentity` call: the role and the OIDC token to assume it with.
///
/// `Debug` redacts the token.
#[derive(Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct AssumeRoleWithWebIdentityRequest {
    /// The role (`role_arn`, `AWS_ROLE_ARN`).
    pub role_arn: String,
    /// The session name (`role_session_name`, `AWS_ROLE_SESSION_NAME`, else one generated).
    pub session_name: String,
    /// The token read from the token file, trimmed. A secret.
    pub web_identity_token: String,
    /// How long the role's credentials last; STS's default when `None`.
    pub duration: Option<Duration>,
    /// The region whose STS endpoint to call.
    pub region: Option<String>,
    /// The profile that names the role, for diagnostics (`None` when configured by
    /// environment variables).
    pub profile: Option<String>,
}

impl fmt::Debug for AssumeRoleWithWebIdentityRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AssumeRoleWithWebIdentityRequest")
            .field("role_arn", &self.role_arn)
            .field("session_name", &self.session_name)
            .field("web_identity_token", &"** redacted **")
            .field("duration", &self.duration)
            .field("region", &self.region)
            .field("profile", &self.profile)
            .finish()
    }
}

/// A session name for a role assumed without `role_session_name`: unique enough per process
/// and time, as the SDKs generate one.
pub(crate) fn default_session_name() -> String {
    let millis = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_millis())
        .unwrap_or_default();
    format!("smithy-rust-{millis}")
}
