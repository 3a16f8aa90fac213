//! The provider trait every credentials source implements, and a shared handle to one.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use super::{Credentials, CredentialsError};

/// The future a [`ProvideCredentials`] returns: boxed, so that the trait is dyn-compatible.
pub type CredentialsFuture<'a> =
    Pin<Box<dyn Future<Output = Result<Credentials, CredentialsError>> + Send + 'a>>;

/// A source of credentials: the environment, a profile, an HTTP endpoint, a chain of those,
/// a cache in front of one…
///
/// Dyn-compatible: hold any provider as a [`SharedCredentialsProvider`]
/// (`Arc<dyn ProvideCredentials>`). The future may do I/O, so call it again when the
/// credentials it gave expire; wrap a provider in a
/// [`LazyCredentialsCache`](super::LazyCredentialsCache) to fetch only then.
///
/// ```
/// use smithy_runtime::block_on;
/// use smithy_runtime::credentials::{Credentials, ProvideCredentials, SharedCredentialsProvider};
///
/// // Credentials set in code are a provider of themselves.
/// let provider = SharedCredentialsProvider::new(Credentials::new("AKID", "secret", None, None, "Code"));
/// let credentials = block_on(provider.provide_credentials()).unwrap();
/// assert_eq!(credentials.access_key_id(), "AKID");
/// ```
pub trait ProvideCredentials: Send + Sync + fmt::Debug {
    /// Fetches credentials, or says why there are none.
    fn provide_credentials(&self) -> CredentialsFuture<'_>;
}

/// Static credentials, explicit in code: they never change and never fail.
impl ProvideCredentials for Credentials {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::ready(Ok(self.clone())))
    }
}

/// Any provider behind a cheap-to-clone pointer, for clients and configurations to hold
/// without a type parameter.
#[derive(Clone)]
pub struct SharedCredentialsProvider(Arc<dyn ProvideCredentials>);

impl SharedCredentialsProvider {
    /// Shares `provider`.
    pub fn new(provider: impl ProvideCredentials + 'static) -> SharedCredentialsProvider {
        SharedCredentialsProvider(Arc::new(provider))
    }
}

impl From<Arc<dyn ProvideCredentials>> for SharedCredentialsProvider {
    fn from(provider: Arc<dyn ProvideCredentials>) -> Self {
        SharedCredentialsProvider(provider)
    }
}

impl fmt::Debug for SharedCredentialsProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("SharedCredentialsProvider")
            .field(&self.0)
            .finish()
    }
}

impl ProvideCredentials for SharedCredentialsProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.0.provide_credentials()
    }
}
