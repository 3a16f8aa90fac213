//! The providers the AWS SDKs try, in their order.

use super::{
    container, environment, imds, profile, web_identity, Credentials, CredentialsError,
    CredentialsErrorKind, CredentialsFuture, ProvideCredentials, ProviderConfig,
};

const PROVIDER: &str = "DefaultChain";

/// The AWS SDKs' default credentials chain: the first of these providers that is configured
/// gives the credentials.
///
/// 1. the environment variables ([`EnvironmentCredentialsProvider`](super::EnvironmentCredentialsProvider));
/// 2. the selected profile, with its roles, web identity and `credential_process`
///    ([`ProfileCredentialsProvider`](super::ProfileCredentialsProvider));
/// 3. a web identity token from `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN`
///    ([`WebIdentityCredentialsProvider`](super::WebIdentityCredentialsProvider));
/// 4. the container endpoint ([`ContainerCredentialsProvider`](super::ContainerCredentialsProvider));
/// 5. IMDS ([`ImdsCredentialsProvider`](super::ImdsCredentialsProvider)).
///
/// A provider that is [not loaded](CredentialsErrorKind::NotLoaded) passes to the next; any
/// other error (a provider that is configured but fails) stops the chain, as in the SDKs:
/// credentials from a provider further down would not be the ones configured. When none is
/// configured, the error is [`NotFound`](CredentialsErrorKind::NotFound) and lists why each
/// was passed over.
///
/// The chain reads the environment and the shared files at every call: wrap it in a
/// [`LazyCredentialsCache`](super::LazyCredentialsCache) to call it only when credentials
/// expire.
///
/// ```
/// use smithy_runtime::block_on;
/// use smithy_runtime::config::Env;
/// use smithy_runtime::credentials::{
///     CredentialsErrorKind, DefaultCredentialsChain, LazyCredentialsCache, ProvideCredentials,
///     ProviderConfig,
/// };
///
/// let chain = DefaultCredentialsChain::new(ProviderConfig::new(Env::from_map([("HOME", "/nowhere")])));
/// let credentials = LazyCredentialsCache::new(chain);
/// let error = block_on(credentials.provide_credentials()).unwrap_err();
/// assert_eq!(error.kind(), CredentialsErrorKind::NotFound);
/// assert_eq!(error.tried().len(), 5);
/// ```
#[derive(Clone, Debug)]
pub struct DefaultCredentialsChain {
    config: ProviderConfig,
}

impl DefaultCredentialsChain {
    /// The chain of providers built from `config`.
    pub fn new(config: ProviderConfig) -> DefaultCredentialsChain {
        DefaultCredentialsChain { config }
    }

    async fn load(&self) -> Result<Credentials, CredentialsError> {
        let config = &self.config;
        let profiles = config.load_profiles();
        let mut tried = Vec::new();
        // One step per provider: credentials end the chain, "not loaded" moves on, any other
        // error ends it.
        macro_rules! attempt {
            ($result:expr) => {
                match $result {
                    Err(error) if error.kind() == CredentialsErrorKind::NotLoaded => {
                        tried.push(error)
                    }
                    other => return other,
                }
            };
        }
        attempt!(environment::load(&config.env));
        attempt!(profile::load(config, &profiles).await);
        attempt!(web_identity::load_from_env(config, &profiles).await);
        attempt!(container::load(config).await);
        attempt!(imds::load(config, &profiles).await);
        Err(CredentialsError::not_found(PROVIDER, tried))
    }
}

impl ProvideCredentials for DefaultCredentialsChain {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.load())
    }
}
