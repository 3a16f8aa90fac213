//! Credentials from environment variables.

use std::fmt;

use super::time::to_system_time;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials};
use crate::config::{ConfigLocation, Env, Setting};
use crate::{Timestamp, TimestampFormat};

/// The access key id.
pub const ACCESS_KEY_ID_VAR: &str = "AWS_ACCESS_KEY_ID";
/// The secret access key.
pub const SECRET_ACCESS_KEY_VAR: &str = "AWS_SECRET_ACCESS_KEY";
/// The session token of temporary credentials.
pub const SESSION_TOKEN_VAR: &str = "AWS_SESSION_TOKEN";
/// When temporary credentials expire, an RFC 3339 date-time.
pub const CREDENTIAL_EXPIRATION_VAR: &str = "AWS_CREDENTIAL_EXPIRATION";

const PROVIDER: &str = "Environment";

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, optionally
/// `AWS_SESSION_TOKEN` and `AWS_CREDENTIAL_EXPIRATION` (RFC 3339). Blank values count as
/// unset.
///
/// Neither key set: [not loaded](super::CredentialsErrorKind::NotLoaded), and a chain moves
/// on. Only one of the two set, or an expiration that is not a date-time: an [invalid
/// configuration](super::CredentialsErrorKind::InvalidConfiguration) naming the variable,
/// which stops a chain rather than silently falling through to another identity.
///
/// ```
/// use smithy_runtime::block_on;
/// use smithy_runtime::config::Env;
/// use smithy_runtime::credentials::{EnvironmentCredentialsProvider, ProvideCredentials};
///
/// let env = Env::from_map([("AWS_ACCESS_KEY_ID", "AKID"), ("AWS_SECRET_ACCESS_KEY", "secret")]);
/// let provider = EnvironmentCredentialsProvider::new(env);
/// let credentials = block_on(provider.provide_credentials()).unwrap();
/// assert_eq!((credentials.access_key_id(), credentials.provider()), ("AKID", "Environment"));
/// ```
#[derive(Clone)]
pub struct EnvironmentCredentialsProvider {
    env: Env,
}

impl EnvironmentCredentialsProvider {
    /// A provider reading `env`'s variables.
    pub fn new(env: Env) -> EnvironmentCredentialsProvider {
        EnvironmentCredentialsProvider { env }
    }
}

impl fmt::Debug for EnvironmentCredentialsProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("EnvironmentCredentialsProvider")
    }
}

impl ProvideCredentials for EnvironmentCredentialsProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(load(&self.env)))
    }
}

/// The credentials the environment variables of `env` hold.
pub(crate) fn load(env: &Env) -> Result<Credentials, CredentialsError> {
    let access_key_id = Setting::from_env(env, ACCESS_KEY_ID_VAR);
    let secret_access_key = Setting::from_env(env, SECRET_ACCESS_KEY_VAR);
    let (access_key_id, secret_access_key) = match (access_key_id, secret_access_key) {
        (Some(id), Some(secret)) => (id.value, secret.value),
        (None, None) => {
            let reason = format!("{ACCESS_KEY_ID_VAR} is not set");
            return Err(CredentialsError::not_loaded(PROVIDER, reason));
        }
        (Some(_), None) => return Err(missing(SECRET_ACCESS_KEY_VAR, ACCESS_KEY_ID_VAR)),
        (None, Some(_)) => return Err(missing(ACCESS_KEY_ID_VAR, SECRET_ACCESS_KEY_VAR)),
    };
    let session_token = Setting::from_env(env, SESSION_TOKEN_VAR).map(|token| token.value);
    let expiry = match Setting::from_env(env, CREDENTIAL_EXPIRATION_VAR) {
        None => None,
        Some(setting) => Some(expiry(&setting)?),
    };
    Ok(Credentials::new(
        access_key_id,
        secret_access_key,
        session_token,
        expiry,
        PROVIDER,
    ))
}

fn missing(unset: &str, set: &str) -> CredentialsError {
    let location = ConfigLocation::EnvVar { name: unset.into() };
    CredentialsError::invalid_configuration(PROVIDER, location, format!("not set, but {set} is"))
}

/// The expiry an `AWS_CREDENTIAL_EXPIRATION` holds (not a secret, so quoted when wrong).
fn expiry(setting: &Setting) -> Result<std::time::SystemTime, CredentialsError> {
    let invalid = |problem: String| {
        CredentialsError::invalid_configuration(PROVIDER, setting.location.clone(), problem)
    };
    let timestamp = Timestamp::parse(&setting.value, TimestampFormat::DateTime).map_err(|e| {
        invalid(format!(
            "{:?} is not an RFC 3339 date-time ({})",
            setting.value,
            e.reason()
        ))
    })?;
    to_system_time(timestamp).ok_or_else(|| invalid(format!("{:?} is out of range", setting.value)))
}
