//! AWS credentials: the access key pair (and session token) requests are signed with, and
//! the providers that find them as the AWS SDKs do.
//!
//! - [`Credentials`]: the keys, with the secret parts redacted from `Debug`.
//! - [`ProvideCredentials`]: a dyn-compatible source of credentials;
//!   [`SharedCredentialsProvider`] holds any. [`Credentials`] are a provider of themselves
//!   (credentials set in code).
//! - The providers, each built from a [`ProviderConfig`] (the [`Env`](crate::config::Env) to
//!   read, a transport for the HTTP ones, an [`AssumeRole`] implementation for roles):
//!   [`EnvironmentCredentialsProvider`], [`ProfileCredentialsProvider`] (static keys,
//!   `credential_process`, roles through `source_profile` and `credential_source`, web
//!   identity), [`CredentialProcessProvider`], [`WebIdentityCredentialsProvider`],
//!   [`ContainerCredentialsProvider`] and [`ImdsCredentialsProvider`].
//! - [`DefaultCredentialsChain`]: those, in the SDKs' order.
//! - [`LazyCredentialsCache`]: fetches on first use, refreshes before expiry.
//! - [`TimeoutProvider`]: an overall deadline.
//! - [`CredentialsError`]: what went wrong and where it was configured, never a secret.
//!
//! The runtime has no STS client: the role providers call STS through [`AssumeRole`], which a
//! generated STS client implements. The HTTP providers send through the
//! [`DynTransport`](crate::transport::DynTransport) given to them.
//!
//! ```
//! use smithy_runtime::block_on;
//! use smithy_runtime::config::Env;
//! use smithy_runtime::credentials::{DefaultCredentialsChain, LazyCredentialsCache, ProvideCredentials, ProviderConfig};
//!
//! let env = Env::from_map([("HOME", "/home/test"), ("AWS_PROFILE", "ci")]).with_file(
//!     "/home/test/.aws/credentials",
//!     "[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = secret\n",
//! );
//! let credentials = LazyCredentialsCache::new(DefaultCredentialsChain::new(ProviderConfig::new(env)));
//! let found = block_on(credentials.provide_credentials()).unwrap();
//! assert_eq!((found.access_key_id(), found.provider()), ("AKIDCI", "Profile"));
//! ```

mod blocking;
mod cache;
mod container;
mod default_chain;
mod document;
mod environment;
mod error;
mod http;
mod imds;
mod kill_tree;
mod process;
mod profile;
mod provider;
mod provider_config;
mod sts;
mod time;
mod timeout;
mod token_file;
mod web_identity;

pub use cache::LazyCredentialsCache;
pub use container::{
    ContainerCredentialsProvider, AUTHORIZATION_TOKEN_FILE_VAR, AUTHORIZATION_TOKEN_VAR,
    FULL_URI_VAR, RELATIVE_URI_VAR,
};
pub use default_chain::DefaultCredentialsChain;
pub use environment::{
    EnvironmentCredentialsProvider, ACCESS_KEY_ID_VAR, CREDENTIAL_EXPIRATION_VAR,
    SECRET_ACCESS_KEY_VAR, SESSION_TOKEN_VAR,
};
pub use error::{CredentialsError, CredentialsErrorKind};
pub use imds::{
    ImdsCredentialsProvider, EC2_METADATA_DISABLED_VAR, EC2_METADATA_SERVICE_ENDPOINT_MODE_VAR,
    EC2_METADATA_SERVICE_ENDPOINT_VAR,
};
pub use process::CredentialProcessProvider;
pub use profile::ProfileCredentialsProvider;
pub use provider::{CredentialsFuture, ProvideCredentials, SharedCredentialsProvider};
pub use provider_config::ProviderConfig;
pub use sts::{AssumeRole, AssumeRoleRequest, AssumeRoleWithWebIdentityRequest};
pub use time::{SystemTimeSource, TimeSource};
pub use timeout::TimeoutProvider;
pub use web_identity::{
    WebIdentityCredentialsProvider, ROLE_ARN_VAR, ROLE_SESSION_NAME_VAR,
    WEB_IDENTITY_TOKEN_FILE_VAR,
};

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
