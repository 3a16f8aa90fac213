//! AWS Signature Version 4: signing requests with an `Authorization` header
//! ([`sign_request`]) and presigning URLs ([`presign_url`]). Behind the `sigv4` feature (on by
//! default).
//!
//! Written on the RustCrypto `hmac` and `sha2` crates from the SigV4 specification; checked
//! against the AWS SigV4 test suite (`tests/sigv4_suite.rs`) and against presigned URLs made by
//! botocore (`tests/sigv4_presign.rs`). Nothing is cached between calls.
//!
//! ```
//! use std::time::{Duration, SystemTime};
//! use smithy_runtime::credentials::Credentials;
//! use smithy_runtime::sigv4::{presign_url, sign_request, PayloadHash, SigningParams, SigningSettings};
//!
//! let credentials = Credentials::new("AKIDEXAMPLE", "secret", None, None, "Example");
//! let time = SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160);
//!
//! // A JSON request to GameLift: the Host header comes from the URI.
//! let mut request = http::Request::post("https://gamelift.us-west-2.amazonaws.com/")
//!     .header("content-type", "application/x-amz-json-1.1")
//!     .body(b"{}".to_vec())
//!     .unwrap();
//! let params = SigningParams::new(&credentials, "us-west-2", "gamelift", time);
//! sign_request(&mut request, &params).unwrap();
//! let authorization = request.headers()["authorization"].to_str().unwrap();
//! assert!(authorization.starts_with(
//!     "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-west-2/gamelift/aws4_request, \
//!      SignedHeaders=content-type;host;x-amz-date, Signature="
//! ));
//! assert_eq!(request.headers()["x-amz-date"], "20150830T123600Z");
//!
//! // An S3 GetObject URL anyone can use for an hour.
//! let get = http::Request::get("https://bucket.s3.us-east-1.amazonaws.com/a%20key")
//!     .body(Vec::new())
//!     .unwrap();
//! let settings = SigningSettings::s3().payload(PayloadHash::Unsigned);
//! let params = SigningParams::new(&credentials, "us-east-1", "s3", time).with_settings(settings);
//! let url = presign_url(&get, &params, Duration::from_secs(3600)).unwrap();
//! assert!(url.starts_with(
//!     "https://bucket.s3.us-east-1.amazonaws.com/a%20key?X-Amz-Algorithm=AWS4-HMAC-SHA256&"
//! ));
//! ```

mod canonical;
mod error;
mod header;
mod presign;
mod signature;
#[cfg(test)]
mod tests;

use std::time::SystemTime;

use crate::credentials::Credentials;

pub use canonical::canonical_request;
pub use error::{SigningError, SigningErrorKind};
pub use header::sign_request;
pub use presign::{presign_url, MAX_PRESIGN_EXPIRY};
pub use signature::string_to_sign;

/// What stands for the body in the canonical request (its last line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum PayloadHash {
    /// The hex SHA-256 of the request body (computed when signing). What every service accepts.
    #[default]
    Signed,
    /// `UNSIGNED-PAYLOAD`: the body is not covered by the signature. S3 accepts it over HTTPS,
    /// and presigned S3 URLs always use it (the body is not known when the URL is made).
    Unsigned,
    /// A hash computed elsewhere (a streaming body's, or
    /// `STREAMING-UNSIGNED-PAYLOAD-TRAILER`), used as it is. Must be printable ASCII.
    Precomputed(String),
}

/// How a request is signed: the choices that differ between services. The default suits every
/// service but S3; [`SigningSettings::s3`] suits S3.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SigningSettings {
    payload: PayloadHash,
    double_uri_encode: bool,
    normalize_path: bool,
    content_sha256_header: bool,
}

impl Default for SigningSettings {
    /// Signed payload, double URI encoding, normalized path, no `x-amz-content-sha256` header.
    fn default() -> Self {
        SigningSettings {
            payload: PayloadHash::Signed,
            double_uri_encode: true,
            normalize_path: true,
            content_sha256_header: false,
        }
    }
}

impl SigningSettings {
    /// S3's settings: signed payload, the path encoded once and not normalized (an object key
    /// may contain `//` or `..`), and the `x-amz-content-sha256` header S3 requires. For a
    /// presigned S3 URL add `.payload(PayloadHash::Unsigned)`.
    pub fn s3() -> Self {
        SigningSettings {
            payload: PayloadHash::Signed,
            double_uri_encode: false,
            normalize_path: false,
            content_sha256_header: true,
        }
    }

    /// What the canonical request uses for the body (default [`PayloadHash::Signed`]).
    pub fn payload(mut self, payload: PayloadHash) -> Self {
        self.payload = payload;
        self
    }

    /// Whether the request path (already percent-encoded on the wire) is URI-encoded again in
    /// the canonical request (default `true`). S3 turns it off, as does an endpoint whose
    /// `authSchemes` entry says `"disableDoubleEncoding": true`.
    pub fn double_uri_encode(mut self, on: bool) -> Self {
        self.double_uri_encode = on;
        self
    }

    /// Whether `.`, `..` and empty segments are removed from the path before it is encoded
    /// (default `true`). S3 turns it off, as does an endpoint whose `authSchemes` entry says
    /// `"disableNormalizePath": true`.
    pub fn normalize_path(mut self, on: bool) -> Self {
        self.normalize_path = on;
        self
    }

    /// Whether [`sign_request`] sets (and signs) `x-amz-content-sha256` to the payload hash, as
    /// S3 requires (default `false`). Presigned URLs never carry it.
    pub fn content_sha256_header(mut self, on: bool) -> Self {
        self.content_sha256_header = on;
        self
    }
}

/// Who signs, for which region and service, when, and how.
#[derive(Clone, Debug)]
pub struct SigningParams<'a> {
    /// The access key pair (and session token) to sign with.
    pub credentials: &'a Credentials,
    /// The signing region (`us-east-1`; an endpoint's `signingRegion` when it has one).
    pub region: &'a str,
    /// The signing name of the service (`s3`, `gamelift`; an endpoint's `signingName` when it
    /// has one), which is not always the endpoint prefix.
    pub service: &'a str,
    /// The signing time. AWS rejects requests signed more than 15 minutes from its own clock.
    pub time: SystemTime,
    /// The per-service choices.
    pub settings: SigningSettings,
}

impl<'a> SigningParams<'a> {
    /// Parameters with the default [`SigningSettings`].
    pub fn new(
        credentials: &'a Credentials,
        region: &'a str,
        service: &'a str,
        time: SystemTime,
    ) -> Self {
        SigningParams {
            credentials,
            region,
            service,
            time,
            settings: SigningSettings::default(),
        }
    }

    /// The same parameters with other settings.
    pub fn with_settings(mut self, settings: SigningSettings) -> Self {
        self.settings = settings;
        self
    }
}

/// The session token to send, if any: an empty token counts as none.
fn session_token(credentials: &Credentials) -> Option<&str> {
    credentials
        .session_token()
        .filter(|token| !token.is_empty())
}
