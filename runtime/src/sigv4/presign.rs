//! Query-string signing: a presigned URL carries its signature in `X-Amz-*` parameters, so
//! anyone holding it can make the request until it expires.

use std::time::Duration;

use http::Request;

use super::canonical::{self, CanonicalHeaders};
use super::error::{SigningError, SigningErrorKind};
use super::signature::{Scope, ALGORITHM};
use super::{session_token, SigningParams};

/// The longest expiry AWS accepts for a presigned URL: seven days.
pub const MAX_PRESIGN_EXPIRY: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// A URL for `request` that is valid for `expires_in` (whole seconds, 1 s to
/// [`MAX_PRESIGN_EXPIRY`]) from the signing time, without any credentials of the caller.
///
/// The request's URI must be absolute. The URL is that URI with, after its own query (kept as
/// it is), `X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-Expires`,
/// `X-Amz-SignedHeaders`, `X-Amz-Security-Token` (with a session token) and `X-Amz-Signature`,
/// in that order, as botocore's presigners write them. The request's headers are signed (minus
/// the unsigned ones, plus `host`), so whoever uses the URL must send the same ones, such as
/// the `content-type` of a presigned S3 PutObject. Nothing is added to the request; its body is
/// hashed as the settings say (S3 presigning uses [`PayloadHash::Unsigned`]), and
/// `content_sha256_header` is ignored.
///
/// [`PayloadHash::Unsigned`]: super::PayloadHash::Unsigned
pub fn presign_url(
    request: &Request<Vec<u8>>,
    params: &SigningParams<'_>,
    expires_in: Duration,
) -> Result<String, SigningError> {
    let seconds = expires_in.as_secs();
    if seconds == 0 || seconds > MAX_PRESIGN_EXPIRY.as_secs() {
        return Err(SigningErrorKind::InvalidExpiry { seconds }.into());
    }
    let uri = request.uri();
    let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
        return Err(SigningErrorKind::NotAbsoluteUri.into());
    };
    let scope = Scope::of(params)?;
    let payload_hash = canonical::payload_hash(&params.settings.payload, request.body())?;
    let headers = CanonicalHeaders::new(request.headers(), uri)?;

    let credential = format!(
        "{}/{}",
        params.credentials.access_key_id(),
        scope.credential_scope()
    );
    let expires = seconds.to_string();
    let mut auth_params = vec![
        ("X-Amz-Algorithm", ALGORITHM),
        ("X-Amz-Credential", credential.as_str()),
        ("X-Amz-Date", scope.amz_date.as_str()),
        ("X-Amz-Expires", expires.as_str()),
        ("X-Amz-SignedHeaders", headers.signed.as_str()),
    ];
    if let Some(token) = session_token(params.credentials) {
        auth_params.push(("X-Amz-Security-Token", token));
    }

    let canonical_request = canonical::build(
        request.method(),
        uri,
        &headers,
        &auth_params,
        &payload_hash,
        &params.settings,
    );
    let string_to_sign = scope.string_to_sign(&canonical_request);
    let signature = scope.signature(params.credentials.secret_access_key(), &string_to_sign);

    let mut url = String::with_capacity(256 + uri.path().len() + canonical_request.len() / 2);
    url.push_str(scheme);
    url.push_str("://");
    url.push_str(authority.as_str());
    url.push_str(uri.path());
    url.push('?');
    if let Some(query) = uri.query().filter(|query| !query.is_empty()) {
        url.push_str(query);
        url.push('&');
    }
    for (name, value) in &auth_params {
        url.push_str(name);
        url.push('=');
        canonical::uri_encode(&mut url, value.as_bytes(), false);
        url.push('&');
    }
    url.push_str("X-Amz-Signature=");
    url.push_str(&signature);
    Ok(url)
}
