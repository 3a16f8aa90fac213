//! Why a request could not be signed.

use std::fmt;

/// Why a request could not be signed or presigned.
///
/// The message says what is wrong and where (which header, which parameter) but never carries a
/// secret: no secret access key, no session token, no header value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningError {
    kind: SigningErrorKind,
}

/// What is wrong, for callers that handle some cases differently.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum SigningErrorKind {
    /// A header's value is not UTF-8 text (HTTP allows arbitrary `obs-text` bytes), so it has no
    /// canonical form to sign.
    InvalidHeaderValue {
        /// The header's name (its value is not repeated: it may be sensitive).
        name: String,
    },
    /// The request has no `Host` header and its URI no authority, so there is no host to sign.
    MissingHost,
    /// A presigned URL needs an absolute URI (`https://host/path`): the request's URI has no
    /// scheme or no authority.
    NotAbsoluteUri,
    /// The region is empty or has characters that cannot appear in a credential scope
    /// (whitespace, control characters, `/`, non-ASCII).
    InvalidRegion {
        /// The region as given.
        region: String,
    },
    /// The signing name of the service is empty or has characters that cannot appear in a
    /// credential scope.
    InvalidService {
        /// The service as given.
        service: String,
    },
    /// The access key id is empty or has characters that cannot appear in a credential
    /// (whitespace, control characters, `/`, `,`, non-ASCII).
    InvalidAccessKeyId,
    /// The session token cannot be sent as a header value (control characters or non-ASCII).
    InvalidSessionToken,
    /// A precomputed payload hash is empty or is not printable ASCII without spaces.
    InvalidPayloadHash,
    /// The signing time is before 1970 or after the year 9999, which `X-Amz-Date` cannot express.
    TimeOutOfRange,
    /// A presigned URL's expiry is zero seconds or over the seven days (604,800 s) AWS accepts.
    InvalidExpiry {
        /// The expiry asked for, in whole seconds.
        seconds: u64,
    },
}

impl SigningError {
    pub(crate) fn new(kind: SigningErrorKind) -> Self {
        SigningError { kind }
    }

    /// What is wrong.
    pub fn kind(&self) -> &SigningErrorKind {
        &self.kind
    }
}

impl From<SigningErrorKind> for SigningError {
    fn from(kind: SigningErrorKind) -> Self {
        SigningError::new(kind)
    }
}

impl fmt::Display for SigningError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("signing: ")?;
        match &self.kind {
            SigningErrorKind::InvalidHeaderValue { name } => write!(
                f,
                "the value of header `{name}` is not valid for signing (it is not UTF-8 text)"
            ),
            SigningErrorKind::MissingHost => f.write_str(
                "the request has no Host header and its URI has no authority to take one from",
            ),
            SigningErrorKind::NotAbsoluteUri => f.write_str(
                "a presigned URL needs an absolute request URI (scheme and authority)",
            ),
            SigningErrorKind::InvalidRegion { region } => write!(
                f,
                "region {region:?} is not valid in a credential scope (empty, or whitespace, \
                 control characters, `/` or non-ASCII)"
            ),
            SigningErrorKind::InvalidService { service } => write!(
                f,
                "service {service:?} is not valid in a credential scope (empty, or whitespace, \
                 control characters, `/` or non-ASCII)"
            ),
            SigningErrorKind::InvalidAccessKeyId => f.write_str(
                "the access key id is not valid in a credential (empty, or whitespace, control \
                 characters, `/`, `,` or non-ASCII)",
            ),
            SigningErrorKind::InvalidSessionToken => f.write_str(
                "the session token is not a valid header value (control characters or non-ASCII)",
            ),
            SigningErrorKind::InvalidPayloadHash => f.write_str(
                "the precomputed payload hash is empty or not printable ASCII without spaces",
            ),
            SigningErrorKind::TimeOutOfRange => f.write_str(
                "the signing time is outside 1970-01-01 to 9999-12-31, which X-Amz-Date cannot express",
            ),
            SigningErrorKind::InvalidExpiry { seconds } if *seconds == 0 => {
                f.write_str("a presigned URL must be valid for at least one second")
            }
            SigningErrorKind::InvalidExpiry { seconds } => write!(
                f,
                "a presigned URL expiry of {seconds} s is over the 7-day maximum (604800 s)"
            ),
        }
    }
}

impl std::error::Error for SigningError {}
