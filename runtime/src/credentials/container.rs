//! Credentials from the container credentials endpoint: ECS task roles, EKS Pod Identity.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::PathBuf;

use http::{HeaderValue, Method, Uri};

use super::document::{parse_credentials, DocumentKind};
use super::http::{request, secret_header, status_error};
use super::token_file::read_token_file;
use super::{Credentials, CredentialsError, CredentialsFuture, ProvideCredentials, ProviderConfig};
use crate::config::{Env, Setting};

/// A path on the ECS credentials endpoint, `http://169.254.170.2`.
pub const RELATIVE_URI_VAR: &str = "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI";
/// A full URL of a credentials endpoint.
pub const FULL_URI_VAR: &str = "AWS_CONTAINER_CREDENTIALS_FULL_URI";
/// A file holding the `Authorization` header's value (EKS Pod Identity).
pub const AUTHORIZATION_TOKEN_FILE_VAR: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE";
/// The `Authorization` header's value, when no token file is named.
pub const AUTHORIZATION_TOKEN_VAR: &str = "AWS_CONTAINER_AUTHORIZATION_TOKEN";

/// The ECS credentials endpoint a relative URI is a path of.
const ECS_ENDPOINT: &str = "http://169.254.170.2";
const ECS_ADDRESS: Ipv4Addr = Ipv4Addr::new(169, 254, 170, 2);
const EKS_ADDRESS_V4: Ipv4Addr = Ipv4Addr::new(169, 254, 170, 23);
const EKS_ADDRESS_V6: Ipv6Addr = Ipv6Addr::new(0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x23);

const PROVIDER: &str = "Container";

/// Credentials from the container credentials endpoint: a GET of
///
/// 1. `http://169.254.170.2` followed by `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (ECS), else
/// 2. `AWS_CONTAINER_CREDENTIALS_FULL_URI`, which must be `https`, or `http` to a loopback
///    address (`127.0.0.0/8`, `::1`, `localhost`), to the ECS address `169.254.170.2`, or to
///    an EKS Pod Identity address (`169.254.170.23`, `fd00:ec2::23`). Host names other than
///    `localhost` are not resolved, so an `http` URL must name one of those addresses.
///
/// The `Authorization` header is the contents of the file `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`
/// (read again at every call: the platform rotates it), else `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
/// The answer is a JSON object with `AccessKeyId`, `SecretAccessKey`, `Token` and
/// `Expiration`.
///
/// Neither URI variable set: [not loaded](super::CredentialsErrorKind::NotLoaded). A URI that
/// is not allowed, or a token that cannot be read or is not a valid header value: an
/// [invalid configuration](super::CredentialsErrorKind::InvalidConfiguration). Configured but
/// no transport given: [unsupported](super::CredentialsErrorKind::Unsupported).
#[derive(Clone, Debug)]
pub struct ContainerCredentialsProvider {
    config: ProviderConfig,
}

impl ContainerCredentialsProvider {
    /// A provider reading `config`'s environment and sending through its transport.
    pub fn new(config: ProviderConfig) -> ContainerCredentialsProvider {
        ContainerCredentialsProvider { config }
    }
}

impl ProvideCredentials for ContainerCredentialsProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(load(&self.config))
    }
}

/// The credentials the container endpoint `config` configures gives.
pub(crate) async fn load(config: &ProviderConfig) -> Result<Credentials, CredentialsError> {
    let (uri, uri_setting) = endpoint(&config.env)?;
    let Some(transport) = &config.transport else {
        let message = "the container credentials endpoint is configured, but no transport \
                       was given (ProviderConfig::with_transport)";
        return Err(
            CredentialsError::unsupported(PROVIDER, message).with_location(uri_setting.location)
        );
    };
    let mut headers = vec![("accept", HeaderValue::from_static("application/json"))];
    if let Some(token) = authorization(&config.env)? {
        headers.push(("authorization", token));
    }
    let request = request(Method::GET, &uri, &headers, PROVIDER)?;
    let response = transport.send_boxed(request).await.map_err(|error| {
        let message = format!("could not reach {uri}");
        CredentialsError::provider_error(PROVIDER, message).with_source(error)
    })?;
    if !response.status().is_success() {
        return Err(status_error(PROVIDER, &uri, &response));
    }
    parse_credentials(response.body(), DocumentKind::Container, PROVIDER)
        .map_err(|error| error.prefixed(&uri))
}

/// The endpoint's URL and the variable it comes from.
fn endpoint(env: &Env) -> Result<(String, Setting), CredentialsError> {
    if let Some(relative) = Setting::from_env(env, RELATIVE_URI_VAR) {
        if !relative.value.starts_with('/') {
            let problem = format!("{:?} is not a path starting with `/`", relative.value);
            return Err(invalid(&relative, problem));
        }
        let uri = format!("{ECS_ENDPOINT}{}", relative.value);
        if uri.parse::<Uri>().is_err() {
            return Err(invalid(
                &relative,
                format!("{:?} is not a URI path", relative.value),
            ));
        }
        return Ok((uri, relative));
    }
    let Some(full) = Setting::from_env(env, FULL_URI_VAR) else {
        let reason = format!("neither {RELATIVE_URI_VAR} nor {FULL_URI_VAR} is set");
        return Err(CredentialsError::not_loaded(PROVIDER, reason));
    };
    check_full_uri(&full.value).map_err(|problem| invalid(&full, problem))?;
    Ok((full.value.clone(), full))
}

fn invalid(setting: &Setting, problem: String) -> CredentialsError {
    CredentialsError::invalid_configuration(PROVIDER, setting.location.clone(), problem)
}

/// `Ok` when `uri` may be sent credentials requests to (see the provider's documentation).
fn check_full_uri(uri: &str) -> Result<(), String> {
    let parsed: Uri = uri
        .parse()
        .map_err(|_| format!("{uri:?} is not an absolute URL"))?;
    let host = parsed
        .host()
        .ok_or_else(|| format!("{uri:?} is not an absolute URL"))?;
    match parsed.scheme_str() {
        Some("https") => return Ok(()),
        Some("http") => {}
        _ => return Err(format!("{uri:?} is neither an `http` nor an `https` URL")),
    }
    let literal = host.trim_start_matches('[').trim_end_matches(']');
    let allowed = match literal.parse::<IpAddr>() {
        Ok(address) => allowed_address(address),
        Err(_) => host.eq_ignore_ascii_case("localhost"),
    };
    if allowed {
        Ok(())
    } else {
        Err(format!(
            "{uri:?} is `http` to {host}: plain `http` is allowed only to a loopback address, \
             169.254.170.2, 169.254.170.23 or fd00:ec2::23"
        ))
    }
}

fn allowed_address(address: IpAddr) -> bool {
    match address {
        IpAddr::V4(v4) => v4.is_loopback() || v4 == ECS_ADDRESS || v4 == EKS_ADDRESS_V4,
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => allowed_address(IpAddr::V4(v4)),
            None => v6.is_loopback() || v6 == EKS_ADDRESS_V6,
        },
    }
}

/// The `Authorization` header: the token file's contents, else the token variable.
fn authorization(env: &Env) -> Result<Option<HeaderValue>, CredentialsError> {
    let (token, location) = match Setting::from_env(env, AUTHORIZATION_TOKEN_FILE_VAR) {
        Some(file) => {
            let path = PathBuf::from(&file.value);
            let token = read_token_file(env, &path, &file.location, PROVIDER)?;
            (token, file.location)
        }
        None => match Setting::from_env(env, AUTHORIZATION_TOKEN_VAR) {
            Some(token) => (token.value, token.location),
            None => return Ok(None),
        },
    };
    match secret_header(&token) {
        Some(value) => Ok(Some(value)),
        // Never quoted: the token is a secret.
        None => Err(CredentialsError::invalid_configuration(
            PROVIDER,
            location,
            "the authorization token is not a valid header value (it holds a line break or \
             another control character)",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::check_full_uri;

    #[test]
    fn full_uris_are_https_or_allowed_addresses() {
        for allowed in [
            "https://creds.example.com/v1",
            "http://127.0.0.1:8080/creds",
            "http://127.7.7.7/creds",
            "http://localhost/creds",
            "http://[::1]:80/creds",
            "http://[::ffff:127.0.0.1]/creds",
            "http://169.254.170.2/v2/credentials",
            "http://169.254.170.23/v1/credentials",
            "http://[fd00:ec2::23]/v1/credentials",
        ] {
            assert_eq!(check_full_uri(allowed), Ok(()), "{allowed}");
        }
        for refused in [
            "http://creds.example.com/v1",
            "http://169.254.169.254/latest",
            "http://10.0.0.1/creds",
            "http://[fd00:ec2::254]/creds",
            "ftp://127.0.0.1/creds",
            "/relative/path",
            "not a url",
        ] {
            assert!(check_full_uri(refused).is_err(), "{refused}");
        }
    }
}
