//! Tests of the credential providers. Every test reads an in-memory [`Env`]: none reads the
//! real environment or home directory. HTTP goes to an [`InMemoryTransport`] (which sends
//! nothing) or to a server of the test's own on 127.0.0.1, through a transport that refuses
//! any other address.

mod cache;
mod chain;
mod container;
mod environment;
mod errors;
mod fake_sts;
mod imds;
mod loopback;
mod process;
mod profile;
mod roles;
mod timeout;
mod web_identity;

use std::sync::Arc;

use http::Response;

use super::{Credentials, CredentialsError, ProvideCredentials, ProviderConfig};
use crate::config::Env;
use crate::{block_on, InMemoryTransport};

/// The home directory of the fake environments.
const HOME: &str = "/home/test";
const CONFIG_PATH: &str = "/home/test/.aws/config";
const CREDENTIALS_PATH: &str = "/home/test/.aws/credentials";

/// Secret values the tests put in variables, files and responses: no error message may
/// contain any of them.
const SECRETS: [&str; 6] = [
    "SECRETKEY",
    "SESSIONTOKEN",
    "WEBTOKEN",
    "AUTHTOKEN",
    "PROCESSSECRET",
    "hunter2",
];

/// Fails when `text` contains one of [`SECRETS`].
#[track_caller]
fn assert_no_secret(text: &str) {
    for secret in SECRETS {
        assert!(!text.contains(secret), "`{secret}` leaked into: {text}");
    }
}

/// A fake environment with `HOME`, the given variables, and the given shared files at their
/// default paths (an empty text means no file).
fn fake_env(variables: &[(&str, &str)], config: &str, credentials: &str) -> Env {
    let mut env = Env::from_map(
        [("HOME", HOME)]
            .iter()
            .chain(variables)
            .map(|&(name, value)| (name, value)),
    );
    if !config.is_empty() {
        env = env.with_file(CONFIG_PATH, config);
    }
    if !credentials.is_empty() {
        env = env.with_file(CREDENTIALS_PATH, credentials);
    }
    env
}

/// `provider`'s credentials, or a panic with its error.
#[track_caller]
fn ok(provider: &dyn ProvideCredentials) -> Credentials {
    match block_on(provider.provide_credentials()) {
        Ok(credentials) => credentials,
        Err(error) => panic!("expected credentials, got: {error}"),
    }
}

/// `provider`'s error, checked for secrets in its `Display` and `Debug`.
#[track_caller]
fn err(provider: &dyn ProvideCredentials) -> CredentialsError {
    match block_on(provider.provide_credentials()) {
        Ok(credentials) => panic!("expected an error, got {credentials:?}"),
        Err(error) => {
            assert_no_secret(&format!("{error} {error:?}"));
            error
        }
    }
}

/// A transport that answers with `responses` (status, body) in order, and the config using it.
fn in_memory(
    config: ProviderConfig,
    responses: &[(u16, &str)],
) -> (ProviderConfig, Arc<InMemoryTransport>) {
    let transport = Arc::new(InMemoryTransport::new());
    for &(status, body) in responses {
        let response = Response::builder()
            .status(status)
            .body(body.as_bytes().to_vec());
        transport.push_response(response.unwrap());
    }
    (config.with_transport(transport.clone()), transport)
}

/// The method, URI and headers of each request `transport` received.
fn sent(transport: &InMemoryTransport) -> Vec<String> {
    transport
        .requests()
        .iter()
        .map(|request| {
            let mut line = format!("{} {}", request.method(), request.uri());
            for (name, value) in request.headers() {
                let value = value.to_str().unwrap_or("<binary>");
                line.push_str(&format!(" {name}={value}"));
            }
            line
        })
        .collect()
}

/// A JSON credentials document as the container endpoint and IMDS return.
const HTTP_CREDENTIALS: &str = r#"{
  "Code": "Success",
  "Type": "AWS-HMAC",
  "AccessKeyId": "ASIAHTTP",
  "SecretAccessKey": "SECRETKEY-http",
  "Token": "SESSIONTOKEN-http",
  "Expiration": "2030-01-02T03:04:05Z"
}"#;

/// 2030-01-02T03:04:05Z.
fn expiry_2030() -> std::time::SystemTime {
    std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_893_553_445)
}
