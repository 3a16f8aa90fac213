//! The JSON credentials documents of `credential_process` output, the container endpoint and
//! IMDS: the same members, named slightly differently.

use super::time::to_system_time;
use super::{Credentials, CredentialsError};
use crate::json::{JsonReader, TimestampMember};
use crate::{Timestamp, TimestampFormat};

/// Which document is read: they differ in the session token's member name and in what else
/// they require.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DocumentKind {
    /// `credential_process` output: `Version` must be 1, the token is `SessionToken`.
    Process,
    /// The container endpoint's answer: the token is `Token`.
    Container,
    /// IMDS's answer: the token is `Token`, and `Code` must be `Success` when present.
    Imds,
}

/// A credentials document, decoded. No `Debug`: it holds secrets.
#[derive(Default)]
struct Document {
    version: Option<i64>,
    code: Option<String>,
    message: Option<String>,
    access_key_id: Option<String>,
    secret_access_key: Option<String>,
    session_token: Option<String>,
    token: Option<String>,
    expiration: Option<Timestamp>,
}

/// The credentials in `body`, attributed to `provider`. An error names the member that is
/// missing or malformed, never a value (the JSON decoder's messages quote none).
pub(crate) fn parse_credentials(
    body: &[u8],
    kind: DocumentKind,
    provider: &'static str,
) -> Result<Credentials, CredentialsError> {
    let mut doc = Document::default();
    let mut reader = JsonReader::new(body);
    let decoded = reader
        .read_members(&mut [
            ("Version", &mut doc.version),
            ("Code", &mut doc.code),
            ("Message", &mut doc.message),
            ("AccessKeyId", &mut doc.access_key_id),
            ("SecretAccessKey", &mut doc.secret_access_key),
            ("SessionToken", &mut doc.session_token),
            ("Token", &mut doc.token),
            (
                "Expiration",
                &mut TimestampMember::new(&mut doc.expiration, TimestampFormat::DateTime),
            ),
        ])
        .and_then(|()| reader.finish());
    if let Err(error) = decoded {
        let message = "not a JSON credentials document";
        return Err(CredentialsError::provider_error(provider, message).with_source(error));
    }
    let invalid = |message: String| Err(CredentialsError::provider_error(provider, message));
    match kind {
        DocumentKind::Process if doc.version != Some(1) => {
            return invalid(match doc.version {
                None => "the output has no `Version` (it must be 1)".into(),
                Some(other) => format!("the output has `Version` {other}; only 1 is supported"),
            });
        }
        DocumentKind::Imds => {
            if let Some(code) = doc.code.as_deref().filter(|code| *code != "Success") {
                let mut message = format!("IMDS answered with `Code` {code:?}");
                if let Some(detail) = &doc.message {
                    message.push_str(&format!(": {detail}"));
                }
                return invalid(message);
            }
        }
        _ => {}
    }
    let token = match kind {
        DocumentKind::Process => doc.session_token,
        DocumentKind::Container | DocumentKind::Imds => doc.token,
    };
    let Some(access_key_id) = doc.access_key_id.filter(|id| !id.is_empty()) else {
        return invalid("the credentials document has no `AccessKeyId`".into());
    };
    let Some(secret_access_key) = doc.secret_access_key.filter(|key| !key.is_empty()) else {
        return invalid("the credentials document has no `SecretAccessKey`".into());
    };
    let expiry = match doc.expiration {
        None => None,
        Some(timestamp) => match to_system_time(timestamp) {
            Some(time) => Some(time),
            None => return invalid("`Expiration` is out of range".into()),
        },
    };
    Ok(Credentials::new(
        access_key_id,
        secret_access_key,
        token.filter(|token| !token.is_empty()),
        expiry,
        provider,
    ))
}
