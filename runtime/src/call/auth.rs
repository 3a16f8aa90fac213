//! Signing an attempt: the operation's scheme from the model, refined by the resolved
//! endpoint's `authSchemes` (signing name and region, S3's encoding options), with credentials
//! from the client's provider.

use std::fmt;
use std::time::SystemTime;

use http::Request;

use crate::auth::AuthScheme;
#[cfg(feature = "sigv4")]
use crate::credentials::ProvideCredentials;
use crate::credentials::{CredentialsError, SharedCredentialsProvider};
#[cfg(feature = "sigv4")]
use crate::rules::Endpoint;
#[cfg(feature = "sigv4")]
pub use crate::sigv4::SigningError;
#[cfg(feature = "sigv4")]
use crate::sigv4::{sign_request, PayloadHash, SigningParams};

/// Without the `sigv4` feature there is no signing, and no signing error.
#[cfg(not(feature = "sigv4"))]
#[derive(Debug)]
pub enum SigningError {}
#[cfg(not(feature = "sigv4"))]
impl fmt::Display for SigningError {
    fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {}
    }
}
#[cfg(not(feature = "sigv4"))]
impl std::error::Error for SigningError {}

use super::CallSettings;

/// The scheme named when SigV4 is asked for but not compiled in.
#[cfg(not(feature = "sigv4"))]
const NO_SIGV4: &str = "aws.auth#sigv4 (smithy-runtime was built without its `sigv4` feature)";

/// What signing needs from the client: credentials and the region.
#[derive(Clone, Debug, Default)]
#[cfg_attr(not(feature = "sigv4"), allow(dead_code))]
pub(crate) struct SigningSettings {
    pub(crate) credentials: Option<SharedCredentialsProvider>,
    pub(crate) region: Option<String>,
}

/// Why an attempt could not be signed.
#[derive(Debug)]
#[cfg_attr(not(feature = "sigv4"), allow(dead_code))]
pub(crate) enum AuthFailure {
    /// No credentials: none configured, or the provider failed.
    Credentials(CredentialsError),
    /// The request could not be signed, or needs a scheme this runtime lacks.
    Signing(SigningFailure),
}

/// A request that could not be signed.
#[derive(Debug)]
pub enum SigningFailure {
    /// The request or its parameters could not be signed (a header value SigV4 cannot carry).
    SigV4(SigningError),
    /// No region to sign for: none configured and the endpoint names none.
    NoRegion,
    /// Only schemes this runtime does not implement: the model's (a shape id such as
    /// `smithy.api#httpBearerAuth`) or the endpoint's (`sigv4a`).
    Unsupported(String),
    /// A presigned URL was asked for a request with a body (outside S3, where the holder of
    /// the URL sends it): a URL cannot carry it.
    BodyInPresignedUrl,
    /// A presigned URL was asked for an operation that is not signed (`@optionalAuth`,
    /// `@auth([])`).
    NotSigned,
}

impl fmt::Display for SigningFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SigningFailure::SigV4(e) => write!(f, "cannot sign the request: {e}"),
            SigningFailure::NoRegion => f.write_str(
                "cannot sign the request: no region is configured (set AWS_REGION, the \
                 profile's `region`, or the region in code)",
            ),
            SigningFailure::Unsupported(scheme) => write!(
                f,
                "cannot sign the request: the auth scheme `{scheme}` is not supported yet"
            ),
            SigningFailure::BodyInPresignedUrl => {
                f.write_str("cannot presign the request: it has a body, which a URL cannot carry")
            }
            SigningFailure::NotSigned => {
                f.write_str("cannot presign the request: the operation is not signed")
            }
        }
    }
}

impl std::error::Error for SigningFailure {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SigningFailure::SigV4(e) => Some(e),
            SigningFailure::NoRegion
            | SigningFailure::Unsupported(_)
            | SigningFailure::BodyInPresignedUrl
            | SigningFailure::NotSigned => None,
        }
    }
}

/// Signs `request` as `scheme` and the resolved endpoint say, at `time`.
pub(crate) async fn authenticate(
    request: &mut Request<Vec<u8>>,
    scheme: AuthScheme,
    settings: &CallSettings,
    time: SystemTime,
) -> Result<(), AuthFailure> {
    let (signing_name, unsigned_payload) = match scheme {
        AuthScheme::None => return Ok(()),
        AuthScheme::Unsupported(id) => {
            return Err(AuthFailure::Signing(SigningFailure::Unsupported(id.into())))
        }
        AuthScheme::SigV4 {
            signing_name,
            unsigned_payload,
        } => (signing_name, unsigned_payload),
    };
    #[cfg(not(feature = "sigv4"))]
    {
        let _ = (request, settings, time, signing_name, unsigned_payload);
        Err(AuthFailure::Signing(SigningFailure::Unsupported(
            NO_SIGV4.into(),
        )))
    }
    #[cfg(feature = "sigv4")]
    sign_sigv4(request, settings, time, signing_name, unsigned_payload).await
}

#[cfg(feature = "sigv4")]
async fn sign_sigv4(
    request: &mut Request<Vec<u8>>,
    settings: &CallSettings,
    time: SystemTime,
    signing_name: &'static str,
    unsigned_payload: bool,
) -> Result<(), AuthFailure> {
    let plan = plan(request, settings, signing_name).await?;
    let mut options = plan.options;
    if unsigned_payload {
        options = options.payload(PayloadHash::Unsigned);
    }
    let params = SigningParams::new(&plan.credentials, &plan.region, &plan.service, time)
        .with_settings(options);
    sign_request(request, &params).map_err(|e| AuthFailure::Signing(SigningFailure::SigV4(e)))
}

/// A presigned URL for `request`, valid for `expires_in` from `time`: query-string SigV4 with
/// the scheme's credentials, signing name and region, as [`authenticate`] would sign it. S3's
/// payload is `UNSIGNED-PAYLOAD` (the holder of the URL sends the body); elsewhere the request
/// must have no body, which a URL cannot carry.
pub(crate) async fn presign(
    request: &Request<Vec<u8>>,
    scheme: AuthScheme,
    settings: &CallSettings,
    time: SystemTime,
    expires_in: std::time::Duration,
) -> Result<String, AuthFailure> {
    let signing_name = match scheme {
        AuthScheme::SigV4 { signing_name, .. } => signing_name,
        AuthScheme::None => return Err(AuthFailure::Signing(SigningFailure::NotSigned)),
        AuthScheme::Unsupported(id) => {
            return Err(AuthFailure::Signing(SigningFailure::Unsupported(id.into())))
        }
    };
    #[cfg(not(feature = "sigv4"))]
    {
        let _ = (request, settings, time, expires_in, signing_name);
        Err(AuthFailure::Signing(SigningFailure::Unsupported(
            NO_SIGV4.into(),
        )))
    }
    #[cfg(feature = "sigv4")]
    {
        let plan = plan(request, settings, signing_name).await?;
        let request = &for_url(request, is_s3(&plan.service));
        let options = if is_s3(&plan.service) {
            plan.options.payload(PayloadHash::Unsigned)
        } else if request.body().is_empty() {
            plan.options
        } else {
            return Err(AuthFailure::Signing(SigningFailure::BodyInPresignedUrl));
        };
        let params = SigningParams::new(&plan.credentials, &plan.region, &plan.service, time)
            .with_settings(options);
        crate::sigv4::presign_url(request, &params, expires_in)
            .map_err(|e| AuthFailure::Signing(SigningFailure::SigV4(e)))
    }
}

/// `request` as a URL signs it: without `content-length` (the holder of the URL sends the body,
/// of whatever length), and for S3 without its `x-id=<Operation>` query parameter (a constant of
/// the models' URIs, for routing), which botocore and aws-sdk-rust leave out of presigned URLs
/// too: the URL is then the one those SDKs give, and S3-compatible stores that reject unknown
/// parameters take it.
#[cfg(feature = "sigv4")]
fn for_url(request: &Request<Vec<u8>>, s3: bool) -> Request<Vec<u8>> {
    let mut copy = request.clone();
    copy.headers_mut().remove(http::header::CONTENT_LENGTH);
    if !s3 {
        return copy;
    }
    let uri = request.uri();
    let Some(query) = uri.query() else {
        return copy;
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|pair| pair.split('=').next() != Some("x-id"))
        .collect();
    let path = uri.path();
    let path_and_query = if kept.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{}", kept.join("&"))
    };
    let mut parts = uri.clone().into_parts();
    if let Ok(pq) = path_and_query.parse() {
        parts.path_and_query = Some(pq);
        if let Ok(uri) = http::Uri::from_parts(parts) {
            *copy.uri_mut() = uri;
        }
    }
    copy
}

/// Who signs, as what, where, and how: the same for a signature and a presigned URL.
#[cfg(feature = "sigv4")]
struct Plan {
    credentials: crate::credentials::Credentials,
    service: String,
    region: String,
    options: crate::sigv4::SigningSettings,
}

/// The credentials from the client's provider; the signing name and region from the endpoint's
/// `authSchemes`, else the model's name and the configured region; S3's settings for S3, and
/// the endpoint's encoding options.
#[cfg(feature = "sigv4")]
async fn plan(
    request: &Request<Vec<u8>>,
    settings: &CallSettings,
    signing_name: &'static str,
) -> Result<Plan, AuthFailure> {
    let endpoint_scheme = endpoint_sigv4(request)?;
    let signing = &settings.signing;
    let Some(provider) = &signing.credentials else {
        return Err(AuthFailure::Credentials(CredentialsError::not_loaded(
            "Client",
            "no credentials provider is configured",
        )));
    };
    let credentials = provider
        .provide_credentials()
        .await
        .map_err(AuthFailure::Credentials)?;
    let service = endpoint_scheme
        .as_ref()
        .and_then(|s| s.signing_name.clone())
        .unwrap_or_else(|| signing_name.to_owned());
    let region = endpoint_scheme
        .as_ref()
        .and_then(|s| s.signing_region.clone())
        .or_else(|| signing.region.clone())
        .ok_or(AuthFailure::Signing(SigningFailure::NoRegion))?;
    let mut options = if is_s3(&service) {
        crate::sigv4::SigningSettings::s3()
    } else {
        crate::sigv4::SigningSettings::default()
    };
    if let Some(s) = &endpoint_scheme {
        if s.disable_double_encoding {
            options = options.double_uri_encode(false);
        }
        if s.disable_normalize_path {
            options = options.normalize_path(false);
        }
    }
    Ok(Plan {
        credentials,
        service,
        region,
        options,
    })
}

#[cfg(feature = "sigv4")]
/// S3 and its variants sign the payload hash into a header and encode the path once.
fn is_s3(signing_name: &str) -> bool {
    matches!(
        signing_name,
        "s3" | "s3-outposts" | "s3-object-lambda" | "s3express"
    )
}

#[cfg(feature = "sigv4")]
/// The endpoint's first SigV4 entry in `authSchemes`; an error when it lists schemes but only
/// ones this runtime does not implement (`sigv4a`).
fn endpoint_sigv4(
    request: &Request<Vec<u8>>,
) -> Result<Option<crate::rules::AuthScheme>, AuthFailure> {
    let Some(endpoint) = request.extensions().get::<Endpoint>() else {
        return Ok(None);
    };
    let schemes = endpoint.auth_schemes();
    if schemes.is_empty() {
        return Ok(None);
    }
    let first = schemes.first().map(|s| s.name.clone()).unwrap_or_default();
    match schemes.into_iter().find(|s| s.name == "sigv4") {
        Some(scheme) => Ok(Some(scheme)),
        None => Err(AuthFailure::Signing(SigningFailure::Unsupported(first))),
    }
}
