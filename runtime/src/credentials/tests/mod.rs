//! Tests of the credentials types, the cache and the timeout.

mod cache;
mod errors;
mod timeout;

use super::{Credentials, CredentialsError, ProvideCredentials};
use crate::block_on;

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
