//! Why credentials could not be provided.

use std::error::Error;
use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::config::ConfigLocation;

/// The kind of a [`CredentialsError`]: what a caller (or a chain of providers) does about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum CredentialsErrorKind {
    /// The provider is not configured here (its environment variables are unset, the selected
    /// profile has no credentials, IMDS is unreachable…). A chain moves on to its next
    /// provider.
    NotLoaded,
    /// No provider of a chain had credentials; [`CredentialsError::tried`] says why each was
    /// passed over.
    NotFound,
    /// A setting is present but unusable: [`CredentialsError::location`] names the
    /// environment variable, or the file, line and profile.
    InvalidConfiguration,
    /// The provider is configured but fetching credentials failed: an HTTP error status, a
    /// process that exited with an error, a response that is not credentials, an STS error.
    ProviderError,
    /// The provider did not answer in time.
    Timeout,
    /// The configuration asks for something this runtime cannot do: IAM Identity Center
    /// (SSO) profiles, assuming a role with no STS implementation given, an HTTP provider
    /// with no transport given.
    Unsupported,
}

/// Why credentials could not be provided.
///
/// The message says what was tried and where it was configured. It never holds a secret
/// access key, a session token, a web identity token, an authorization token, or the
/// output of a credential process: values of those settings are never quoted, and the
/// arguments of a `credential_process` command are left out of messages, as they may hold
/// a password.
///
/// Cheap to clone (the source error is shared), so a cache can hand the same error to every
/// caller that waited for one refresh.
#[derive(Clone)]
pub struct CredentialsError(Box<Inner>);

#[derive(Clone)]
struct Inner {
    kind: CredentialsErrorKind,
    provider: &'static str,
    message: String,
    location: Option<ConfigLocation>,
    tried: Vec<CredentialsError>,
    source: Option<Arc<dyn Error + Send + Sync>>,
}

impl CredentialsError {
    fn new(
        kind: CredentialsErrorKind,
        provider: &'static str,
        message: impl Into<String>,
    ) -> CredentialsError {
        CredentialsError(Box::new(Inner {
            kind,
            provider,
            message: message.into(),
            location: None,
            tried: Vec::new(),
            source: None,
        }))
    }

    /// `provider` is not configured: `reason` says what it looked for
    /// ([`CredentialsErrorKind::NotLoaded`]).
    pub fn not_loaded(provider: &'static str, reason: impl Into<String>) -> CredentialsError {
        CredentialsError::new(CredentialsErrorKind::NotLoaded, provider, reason)
    }

    /// No provider had credentials; `tried` holds each provider's
    /// [`NotLoaded`](CredentialsErrorKind::NotLoaded) error, in order
    /// ([`CredentialsErrorKind::NotFound`]).
    pub fn not_found(provider: &'static str, tried: Vec<CredentialsError>) -> CredentialsError {
        let mut error = CredentialsError::new(CredentialsErrorKind::NotFound, provider, "");
        error.0.tried = tried;
        error
    }

    /// The setting at `location` is unusable: `problem` says why, without quoting a secret
    /// value ([`CredentialsErrorKind::InvalidConfiguration`]).
    pub fn invalid_configuration(
        provider: &'static str,
        location: ConfigLocation,
        problem: impl Into<String>,
    ) -> CredentialsError {
        let mut error = CredentialsError::new(
            CredentialsErrorKind::InvalidConfiguration,
            provider,
            problem,
        );
        error.0.location = Some(location);
        error
    }

    /// `provider` is configured but failed: `message` says how
    /// ([`CredentialsErrorKind::ProviderError`]). A generated STS client reports its errors
    /// with this, adding the underlying error with [`with_source`](Self::with_source).
    pub fn provider_error(provider: &'static str, message: impl Into<String>) -> CredentialsError {
        CredentialsError::new(CredentialsErrorKind::ProviderError, provider, message)
    }

    /// `provider` gave no answer within `after` ([`CredentialsErrorKind::Timeout`]).
    pub fn timeout(provider: &'static str, after: Duration) -> CredentialsError {
        let message = format!("no credentials after {after:?}");
        CredentialsError::new(CredentialsErrorKind::Timeout, provider, message)
    }

    /// The configuration asks `provider` for something this runtime cannot do
    /// ([`CredentialsErrorKind::Unsupported`]).
    pub fn unsupported(provider: &'static str, message: impl Into<String>) -> CredentialsError {
        CredentialsError::new(CredentialsErrorKind::Unsupported, provider, message)
    }

    /// This error with the setting it is about (kept by
    /// [`location`](Self::location) and shown in the message).
    pub fn with_location(mut self, location: ConfigLocation) -> CredentialsError {
        self.0.location = Some(location);
        self
    }

    /// This error caused by `source` (returned by [`Error::source`], shown after the
    /// message). The source's own message must not hold a secret either.
    pub fn with_source(mut self, source: impl Into<Box<dyn Error + Send + Sync>>) -> Self {
        self.0.source = Some(Arc::from(source.into()));
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> CredentialsErrorKind {
        self.0.kind
    }

    /// The provider that failed (`"Environment"`, `"Profile"`, `"Imds"`…).
    pub fn provider(&self) -> &'static str {
        self.0.provider
    }

    /// What went wrong, without the location and the source.
    pub fn message(&self) -> &str {
        &self.0.message
    }

    /// Where the setting this error is about was set, when it is about one.
    pub fn location(&self) -> Option<&ConfigLocation> {
        self.0.location.as_ref()
    }

    /// For [`NotFound`](CredentialsErrorKind::NotFound): why each provider of the chain was
    /// passed over, in order. Empty for other kinds.
    pub fn tried(&self) -> &[CredentialsError] {
        &self.0.tried
    }

    /// This error with `message` in place of its own.
    pub(crate) fn with_message(mut self, message: impl Into<String>) -> CredentialsError {
        self.0.message = message.into();
        self
    }

    /// This error with `prefix: ` before its message.
    pub(crate) fn prefixed(mut self, prefix: &str) -> CredentialsError {
        self.0.message = format!("{prefix}: {}", self.0.message);
        self
    }

    /// This error with `location` unless it already names one.
    pub(crate) fn or_location(self, location: impl FnOnce() -> ConfigLocation) -> Self {
        if self.0.location.is_some() {
            return self;
        }
        self.with_location(location())
    }

    /// A [`NotLoaded`](CredentialsErrorKind::NotLoaded) error of a provider that was
    /// required (a profile's `credential_source`) as a provider error; other errors as they
    /// are.
    pub(crate) fn required(self, what: &str) -> CredentialsError {
        if self.kind() != CredentialsErrorKind::NotLoaded {
            return self;
        }
        let mut error = self;
        error.0.kind = CredentialsErrorKind::ProviderError;
        error.0.message = format!("{what}, but {}", error.0.message);
        error
    }
}

impl fmt::Display for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.0;
        match inner.kind {
            CredentialsErrorKind::NotFound => {
                f.write_str("no credentials found")?;
                for (index, tried) in inner.tried.iter().enumerate() {
                    let separator = if index == 0 { "; tried " } else { ", " };
                    write!(f, "{separator}{} ({})", tried.provider(), tried.message())?;
                }
            }
            kind => {
                write!(f, "{} credentials", inner.provider)?;
                match kind {
                    CredentialsErrorKind::NotLoaded => f.write_str(" not loaded")?,
                    CredentialsErrorKind::InvalidConfiguration => {
                        f.write_str(": invalid configuration")?
                    }
                    CredentialsErrorKind::Timeout => f.write_str(": timed out")?,
                    CredentialsErrorKind::Unsupported => f.write_str(": not supported")?,
                    _ => {}
                }
                if let Some(location) = &inner.location {
                    write!(f, ": {location}")?;
                }
                write!(f, ": {}", inner.message)?;
            }
        }
        if let Some(source) = &inner.source {
            write!(f, ": {source}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for CredentialsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &*self.0;
        let mut s = f.debug_struct("CredentialsError");
        s.field("kind", &inner.kind)
            .field("provider", &inner.provider)
            .field("message", &inner.message);
        if let Some(location) = &inner.location {
            s.field("location", location);
        }
        if !inner.tried.is_empty() {
            s.field("tried", &inner.tried);
        }
        if let Some(source) = &inner.source {
            s.field("source", source);
        }
        s.finish()
    }
}

impl Error for CredentialsError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        self.0
            .source
            .as_deref()
            .map(|source| source as &(dyn Error + 'static))
    }
}
