//! Signing a request in place: `x-amz-date`, `x-amz-security-token`, `x-amz-content-sha256` and
//! `Authorization` headers.

use http::header::{HeaderName, HeaderValue, AUTHORIZATION};
use http::Request;

use super::canonical::{self, CanonicalHeaders};
use super::error::{SigningError, SigningErrorKind};
use super::signature::{Scope, ALGORITHM};
use super::{session_token, SigningParams};

const X_AMZ_DATE: HeaderName = HeaderName::from_static("x-amz-date");
const X_AMZ_SECURITY_TOKEN: HeaderName = HeaderName::from_static("x-amz-security-token");
const X_AMZ_CONTENT_SHA256: HeaderName = HeaderName::from_static("x-amz-content-sha256");

/// Signs `request` with an `Authorization` header.
///
/// Sets `x-amz-date` to the signing time, `x-amz-security-token` when the credentials have a
/// session token, and `x-amz-content-sha256` when the settings ask for it (each replacing any
/// value already there, so a retried request can be signed again), then signs every header but
/// a few that change in transit (`user-agent`, hop-by-hop headers, tracing headers; see the
/// list in the source) and sets `Authorization`. When the request has no `Host` header the host
/// is taken from the URI's authority (lower case, with the port only when it is not the
/// scheme's default), which is what HTTP clients send; no `Host` header is added.
///
/// On error the request is left as it was.
pub fn sign_request(
    request: &mut Request<Vec<u8>>,
    params: &SigningParams<'_>,
) -> Result<(), SigningError> {
    let scope = Scope::of(params)?;
    let payload_hash = canonical::payload_hash(&params.settings.payload, request.body())?;

    // Work on a copy of the headers so that a failure leaves the request untouched.
    let mut headers = request.headers().clone();
    // Printable ASCII by construction (`20150830T123600Z`).
    let date = HeaderValue::from_str(&scope.amz_date)
        .map_err(|_| SigningError::new(SigningErrorKind::TimeOutOfRange))?;
    headers.insert(X_AMZ_DATE, date);
    if let Some(token) = session_token(params.credentials) {
        let mut value = HeaderValue::from_str(token)
            .map_err(|_| SigningError::new(SigningErrorKind::InvalidSessionToken))?;
        value.set_sensitive(true);
        headers.insert(X_AMZ_SECURITY_TOKEN, value);
    }
    if params.settings.content_sha256_header {
        // Checked to be printable ASCII by `payload_hash`.
        let value = HeaderValue::from_str(&payload_hash)
            .map_err(|_| SigningError::new(SigningErrorKind::InvalidPayloadHash))?;
        headers.insert(X_AMZ_CONTENT_SHA256, value);
    }

    let canonical_headers = CanonicalHeaders::new(&headers, request.uri())?;
    let canonical_request = canonical::build(
        request.method(),
        request.uri(),
        &canonical_headers,
        &[],
        &payload_hash,
        &params.settings,
    );
    let string_to_sign = scope.string_to_sign(&canonical_request);
    let signature = scope.signature(params.credentials.secret_access_key(), &string_to_sign);
    let authorization = format!(
        "{ALGORITHM} Credential={}/{}, SignedHeaders={}, Signature={signature}",
        params.credentials.access_key_id(),
        scope.credential_scope(),
        canonical_headers.signed,
    );
    let mut authorization = HeaderValue::from_str(&authorization)
        .map_err(|_| SigningError::new(SigningErrorKind::InvalidAccessKeyId))?;
    authorization.set_sensitive(true);
    headers.insert(AUTHORIZATION, authorization);
    *request.headers_mut() = headers;
    Ok(())
}
