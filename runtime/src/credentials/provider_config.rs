//! What every provider is built from: the environment, and the optional pieces some need.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use super::sts::AssumeRole;
use crate::config::{resolve_region, ConfigLocation, Env, ProfileSet, PROFILE_VAR};
use crate::transport::DynTransport;

/// The environment providers read, and what some of them need to fetch credentials: a
/// transport for the HTTP providers (container, IMDS), an STS implementation for roles.
///
/// Without a transport, the HTTP providers are [not
/// loaded](super::CredentialsErrorKind::NotLoaded) (IMDS) or
/// [unsupported](super::CredentialsErrorKind::Unsupported) when configured (container). Without
/// an STS implementation, profiles with `role_arn` and web identity settings are
/// unsupported.
///
/// ```
/// use std::sync::Arc;
/// use smithy_runtime::config::Env;
/// use smithy_runtime::credentials::{DefaultCredentialsChain, ProviderConfig};
/// use smithy_runtime::InMemoryTransport;
///
/// let config = ProviderConfig::new(Env::from_map([("HOME", "/home/test")]))
///     .with_transport(Arc::new(InMemoryTransport::new()))
///     .with_profile_name("ci");
/// let chain = DefaultCredentialsChain::new(config);
/// # let _ = chain;
/// ```
#[derive(Clone)]
pub struct ProviderConfig {
    pub(crate) env: Env,
    pub(crate) transport: Option<Arc<dyn DynTransport>>,
    pub(crate) sts: Option<Arc<dyn AssumeRole>>,
    pub(crate) profile_name: Option<String>,
    pub(crate) region: Option<String>,
    pub(crate) process_timeout: Duration,
}

impl ProviderConfig {
    /// How long a `credential_process` may run before it is killed, unless set with
    /// [`with_process_timeout`](Self::with_process_timeout): one minute.
    pub const DEFAULT_PROCESS_TIMEOUT: Duration = Duration::from_secs(60);

    /// Providers reading `env` ([`Env::real`] for the process environment), with no transport
    /// and no STS implementation.
    pub fn new(env: Env) -> ProviderConfig {
        ProviderConfig {
            env,
            transport: None,
            sts: None,
            profile_name: None,
            region: None,
            process_timeout: ProviderConfig::DEFAULT_PROCESS_TIMEOUT,
        }
    }

    /// The transport the container and IMDS providers send their requests through (to
    /// absolute URIs). Its connect and read timeouts bound those requests.
    pub fn with_transport(mut self, transport: Arc<dyn DynTransport>) -> ProviderConfig {
        self.transport = Some(transport);
        self
    }

    /// The STS implementation that assumes roles for profiles with `role_arn` and for web
    /// identity tokens.
    pub fn with_sts(mut self, sts: Arc<dyn AssumeRole>) -> ProviderConfig {
        self.sts = Some(sts);
        self
    }

    /// The profile to read, in place of `AWS_PROFILE` or `default`.
    pub fn with_profile_name(mut self, name: impl Into<String>) -> ProviderConfig {
        self.profile_name = Some(name.into());
        self
    }

    /// The region STS is called in, in place of `AWS_REGION`, `AWS_DEFAULT_REGION` and the
    /// profile's `region`.
    pub fn with_region(mut self, region: impl Into<String>) -> ProviderConfig {
        self.region = Some(region.into());
        self
    }

    /// How long a `credential_process` may run before it is killed
    /// ([`DEFAULT_PROCESS_TIMEOUT`](Self::DEFAULT_PROCESS_TIMEOUT) unless set).
    pub fn with_process_timeout(mut self, timeout: Duration) -> ProviderConfig {
        self.process_timeout = timeout;
        self
    }

    /// The environment providers read.
    pub fn env(&self) -> &Env {
        &self.env
    }

    /// The shared files, with the profile set in code selected if there is one.
    pub(crate) fn load_profiles(&self) -> ProfileSet {
        let profiles = ProfileSet::load(&self.env);
        match &self.profile_name {
            Some(name) => profiles.with_selected_profile(name.clone()),
            None => profiles,
        }
    }

    /// Where the selected profile was chosen: in code, by `AWS_PROFILE`, or `None` for the
    /// default profile.
    pub(crate) fn profile_choice(&self) -> Option<ConfigLocation> {
        if self.profile_name.is_some() {
            return Some(ConfigLocation::Code {
                setting: "profile_name".into(),
            });
        }
        let chosen = self.env.var(PROFILE_VAR)?;
        (!chosen.trim().is_empty()).then(|| ConfigLocation::EnvVar {
            name: PROFILE_VAR.into(),
        })
    }

    /// The region for STS: set in code, else from the environment and `profiles`.
    pub(crate) fn sts_region(&self, profiles: &ProfileSet) -> Option<String> {
        resolve_region(self.region.as_deref(), &self.env, profiles).map(|r| r.into_name())
    }
}

impl fmt::Debug for ProviderConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the environment itself: an in-memory one holds secrets in its variables and
        // files, and its `Debug` shows them.
        f.debug_struct("ProviderConfig")
            .field("transport", &self.transport.as_ref().map(|_| "set"))
            .field("sts", &self.sts)
            .field("profile_name", &self.profile_name)
            .field("region", &self.region)
            .field("process_timeout", &self.process_timeout)
            .finish()
    }
}
