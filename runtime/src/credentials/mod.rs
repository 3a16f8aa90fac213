//! AWS credentials: the access key pair (and session token) requests are signed with, and
//! the providers that find them.
//!
//! - [`Credentials`]: the keys, with the secret parts redacted from `Debug`.
//! - [`ProvideCredentials`]: a dyn-compatible source of credentials;
//!   [`SharedCredentialsProvider`] holds any. [`Credentials`] are a provider of themselves
//!   (credentials set in code).
//! - [`LazyCredentialsCache`]: fetches on first use, refreshes before expiry.
//! - [`TimeoutProvider`]: an overall deadline.
//! - [`CredentialsError`]: what went wrong and where it was configured, never a secret.

mod cache;
mod error;
mod provider;
mod time;
mod timeout;

pub use cache::LazyCredentialsCache;
pub use error::{CredentialsError, CredentialsErrorKind};
pub use provider::{CredentialsFuture, ProvideCredentials, SharedCredentialsProvider};
pub use time::{SystemTimeSource, TimeSource};
pub use timeout::TimeoutProvider;

use std::fmt;
use std::time::SystemTime;

/// An access key pair with an optional session token and expiry.
///
/// The secret parts never leave through `Debug`: the secret access key and the session token
/// print as `** redacted **`, so a credentials value inside a logged configuration or error is
/// harmless.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    secret_access_key: String,
    session_token: Option<String>,
    expiry: Option<SystemTime>,
    provider: &'static str,
}

impl Credentials {
    /// Long-term credentials (an IAM user's access key), or temporary ones when a
    /// `session_token` is given. `provider` names where they came from (`"Environment"`,
    /// `"Profile"`…) for diagnostics.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
        expiry: Option<SystemTime>,
        provider: &'static str,
    ) -> Credentials {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
            expiry,
            provider,
        }
    }

    /// The access key id (`AKIA…` or `ASIA…`): not a secret, it is sent in every request.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The secret access key. Keep it out of logs.
    pub fn secret_access_key(&self) -> &str {
        &self.secret_access_key
    }

    /// The session token of temporary credentials. Keep it out of logs.
    pub fn session_token(&self) -> Option<&str> {
        self.session_token.as_deref()
    }

    /// When temporary credentials stop working; `None` for long-term ones.
    pub fn expiry(&self) -> Option<SystemTime> {
        self.expiry
    }

    /// Where these credentials came from (`"Environment"`, `"Profile"`, `"Imds"`…).
    pub fn provider(&self) -> &'static str {
        self.provider
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .field("expiry", &self.expiry)
            .field("provider", &self.provider)
            .finish()
    }
}

#[cfg(test)]
mod tests;
