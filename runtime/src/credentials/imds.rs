//! Credentials of an EC2 instance's role, from the instance metadata service (IMDSv2).

use http::{HeaderValue, Method, StatusCode, Uri};

use super::document::{parse_credentials, DocumentKind};
use super::http::{request, secret_header, status_error};
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials, ProviderConfig};
use crate::config::{ProfileSet, Setting};
use crate::transport::DynTransport;

/// `true` turns the IMDS provider off.
pub const EC2_METADATA_DISABLED_VAR: &str = "AWS_EC2_METADATA_DISABLED";
/// The IMDS endpoint, in place of the default of the endpoint mode.
pub const EC2_METADATA_SERVICE_ENDPOINT_VAR: &str = "AWS_EC2_METADATA_SERVICE_ENDPOINT";
/// `IPv4` (the default) or `IPv6`: which default endpoint to use.
pub const EC2_METADATA_SERVICE_ENDPOINT_MODE_VAR: &str = "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE";

const ENDPOINT_KEY: &str = "ec2_metadata_service_endpoint";
const ENDPOINT_MODE_KEY: &str = "ec2_metadata_service_endpoint_mode";
const IPV4_ENDPOINT: &str = "http://169.254.169.254";
const IPV6_ENDPOINT: &str = "http://[fd00:ec2::254]";

const TOKEN_PATH: &str = "/latest/api/token";
const CREDENTIALS_PATH: &str = "/latest/meta-data/iam/security-credentials/";
const TOKEN_TTL_HEADER: &str = "x-aws-ec2-metadata-token-ttl-seconds";
const TOKEN_HEADER: &str = "x-aws-ec2-metadata-token";
/// Six hours, the longest a session token may live.
const TOKEN_TTL_SECONDS: &str = "21600";

const PROVIDER: &str = "Imds";

/// Credentials of the instance's IAM role from IMDSv2:
///
/// 1. `PUT /latest/api/token` with `x-aws-ec2-metadata-token-ttl-seconds: 21600`: a session
///    token, sent as `x-aws-ec2-metadata-token` in the next two requests;
/// 2. `GET /latest/meta-data/iam/security-credentials/`: the role's name;
/// 3. `GET /latest/meta-data/iam/security-credentials/ROLE`: the credentials.
///
/// The endpoint is `AWS_EC2_METADATA_SERVICE_ENDPOINT`, else the profile's
/// `ec2_metadata_service_endpoint`, else the default of the endpoint mode
/// (`AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE`, else the profile's
/// `ec2_metadata_service_endpoint_mode`): `http://169.254.169.254` for `IPv4` (the default),
/// `http://[fd00:ec2::254]` for `IPv6`. There is no fallback to IMDSv1.
///
/// [Not loaded](super::CredentialsErrorKind::NotLoaded) when `AWS_EC2_METADATA_DISABLED` is
/// `true`, when no transport was given, when the endpoint cannot be reached (not on EC2), and
/// when the instance has no role. An answer that is not a success otherwise is a
/// [provider error](super::CredentialsErrorKind::ProviderError).
#[derive(Clone, Debug)]
pub struct ImdsCredentialsProvider {
    config: ProviderConfig,
}

impl ImdsCredentialsProvider {
    /// A provider reading `config`'s environment and sending through its transport.
    pub fn new(config: ProviderConfig) -> ImdsCredentialsProvider {
        ImdsCredentialsProvider { config }
    }
}

impl ProvideCredentials for ImdsCredentialsProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let profiles = self.config.load_profiles();
            load(&self.config, &profiles).await
        })
    }
}

/// The credentials IMDS gives, as `config` and `profiles` configure it.
pub(crate) async fn load(
    config: &ProviderConfig,
    profiles: &ProfileSet,
) -> Result<Credentials, CredentialsError> {
    let disabled = Setting::from_env(&config.env, EC2_METADATA_DISABLED_VAR);
    if disabled.is_some_and(|setting| setting.value.eq_ignore_ascii_case("true")) {
        let reason = format!("disabled by {EC2_METADATA_DISABLED_VAR}");
        return Err(CredentialsError::not_loaded(PROVIDER, reason));
    }
    let endpoint = endpoint(config, profiles)?;
    let Some(transport) = &config.transport else {
        let reason = "no transport was given (ProviderConfig::with_transport)";
        return Err(CredentialsError::not_loaded(PROVIDER, reason));
    };
    let imds = Imds {
        transport: &**transport,
        endpoint,
    };
    let token = imds.token().await?;
    let role = imds.role(&token).await?;
    imds.credentials(&token, &role).await
}

/// The endpoint, without a trailing `/`.
fn endpoint(config: &ProviderConfig, profiles: &ProfileSet) -> Result<String, CredentialsError> {
    let invalid = |setting: &Setting, problem: String| {
        CredentialsError::invalid_configuration(PROVIDER, setting.location.clone(), problem)
    };
    let configured = Setting::from_env(&config.env, EC2_METADATA_SERVICE_ENDPOINT_VAR)
        .or_else(|| Setting::from_profile(profiles, ENDPOINT_KEY));
    if let Some(setting) = configured {
        let uri = setting.value.parse::<Uri>().ok();
        let usable = uri.as_ref().is_some_and(|uri| {
            matches!(uri.scheme_str(), Some("http" | "https")) && uri.host().is_some()
        });
        if !usable {
            let problem = format!(
                "{:?} is not an absolute `http` or `https` URL",
                setting.value
            );
            return Err(invalid(&setting, problem));
        }
        return Ok(setting.value.trim_end_matches('/').to_owned());
    }
    let mode = Setting::from_env(&config.env, EC2_METADATA_SERVICE_ENDPOINT_MODE_VAR)
        .or_else(|| Setting::from_profile(profiles, ENDPOINT_MODE_KEY));
    match mode {
        None => Ok(IPV4_ENDPOINT.to_owned()),
        Some(mode) if mode.value.eq_ignore_ascii_case("IPv4") => Ok(IPV4_ENDPOINT.to_owned()),
        Some(mode) if mode.value.eq_ignore_ascii_case("IPv6") => Ok(IPV6_ENDPOINT.to_owned()),
        Some(mode) => {
            let problem = format!("{:?} is neither `IPv4` nor `IPv6`", mode.value);
            Err(invalid(&mode, problem))
        }
    }
}

/// One conversation with IMDS.
struct Imds<'a> {
    transport: &'a dyn DynTransport,
    endpoint: String,
}

impl Imds<'_> {
    /// A session token.
    async fn token(&self) -> Result<HeaderValue, CredentialsError> {
        let uri = format!("{}{TOKEN_PATH}", self.endpoint);
        let ttl = (
            TOKEN_TTL_HEADER,
            HeaderValue::from_static(TOKEN_TTL_SECONDS),
        );
        let request = request(Method::PUT, &uri, &[ttl], PROVIDER)?;
        let response = match self.transport.send_boxed(request).await {
            Ok(response) => response,
            // The SDKs' reading: no instance metadata service here, so not on EC2.
            Err(error) => {
                let reason = format!("IMDS at {} could not be reached: {error}", self.endpoint);
                return Err(CredentialsError::not_loaded(PROVIDER, reason));
            }
        };
        if !response.status().is_success() {
            let what = match response.status() {
                StatusCode::FORBIDDEN => format!("{uri} (IMDS may be turned off)"),
                _ => uri,
            };
            return Err(status_error(PROVIDER, &what, &response));
        }
        let token = std::str::from_utf8(response.body()).ok().map(str::trim);
        match token
            .filter(|token| !token.is_empty())
            .and_then(secret_header)
        {
            Some(token) => Ok(token),
            None => {
                let message = format!("{uri} answered with a body that is not a token");
                Err(CredentialsError::provider_error(PROVIDER, message))
            }
        }
    }

    /// The name of the instance's role.
    async fn role(&self, token: &HeaderValue) -> Result<String, CredentialsError> {
        let uri = format!("{}{CREDENTIALS_PATH}", self.endpoint);
        let response = self.get(&uri, token).await?;
        let no_role = || {
            let reason = "the instance has no IAM role (no instance profile is attached)";
            CredentialsError::not_loaded(PROVIDER, reason)
        };
        if response.status() == StatusCode::NOT_FOUND {
            return Err(no_role());
        }
        if !response.status().is_success() {
            return Err(status_error(PROVIDER, &uri, &response));
        }
        let body = String::from_utf8_lossy(response.body());
        let Some(role) = body.lines().map(str::trim).find(|line| !line.is_empty()) else {
            return Err(no_role());
        };
        let valid = role
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"+=,.@_-".contains(&b));
        if !valid {
            let message = format!("{uri} answered with a role name that is not one");
            return Err(CredentialsError::provider_error(PROVIDER, message));
        }
        Ok(role.to_owned())
    }

    /// The role's credentials.
    async fn credentials(
        &self,
        token: &HeaderValue,
        role: &str,
    ) -> Result<Credentials, CredentialsError> {
        let uri = format!("{}{CREDENTIALS_PATH}{role}", self.endpoint);
        let response = self.get(&uri, token).await?;
        if !response.status().is_success() {
            return Err(status_error(PROVIDER, &uri, &response));
        }
        parse_credentials(response.body(), DocumentKind::Imds, PROVIDER)
            .map_err(|error| error.prefixed(&uri))
    }

    async fn get(
        &self,
        uri: &str,
        token: &HeaderValue,
    ) -> Result<http::Response<Vec<u8>>, CredentialsError> {
        let request = request(Method::GET, uri, &[(TOKEN_HEADER, token.clone())], PROVIDER)?;
        self.transport.send_boxed(request).await.map_err(|error| {
            let message = format!("could not reach {uri}");
            CredentialsError::provider_error(PROVIDER, message).with_source(error)
        })
    }
}
