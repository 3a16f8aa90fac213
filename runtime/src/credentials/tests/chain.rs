//! The default chain: the SDKs' order, "not loaded" moves on, other errors stop.

use std::sync::Arc;

use super::fake_sts::FakeSts;
use super::{err, fake_env, in_memory, ok, HTTP_CREDENTIALS};
use crate::config::Env;
use crate::credentials::{CredentialsErrorKind, DefaultCredentialsChain, ProviderConfig};
use crate::InMemoryTransport;

const ENV_KEYS: [(&str, &str); 2] = [
    ("AWS_ACCESS_KEY_ID", "AKIDENV"),
    ("AWS_SECRET_ACCESS_KEY", "SECRETKEY-env"),
];
const PROFILE_KEYS: &str =
    "[default]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = SECRETKEY-profile\n";
const IMDS: [(u16, &str); 3] = [(200, "IMDSTOKEN"), (200, "Role"), (200, HTTP_CREDENTIALS)];

/// The chain over `env`, with a fake STS and an in-memory transport answering `responses`.
fn chain_with(
    env: Env,
    responses: &[(u16, &str)],
) -> (DefaultCredentialsChain, Arc<InMemoryTransport>) {
    let config = ProviderConfig::new(env).with_sts(FakeSts::new());
    let (config, transport) = in_memory(config, responses);
    (DefaultCredentialsChain::new(config), transport)
}

#[test]
fn the_environment_wins_over_the_profile() {
    let (chain, transport) = chain_with(fake_env(&ENV_KEYS, "", PROFILE_KEYS), &IMDS);
    assert_eq!(ok(&chain).access_key_id(), "AKIDENV");
    assert!(transport.requests().is_empty());
}

#[test]
fn the_profile_wins_over_web_identity_container_and_imds() {
    let variables = [
        ("AWS_WEB_IDENTITY_TOKEN_FILE", "/token"),
        ("AWS_ROLE_ARN", "role-web"),
        ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/c"),
    ];
    let env = fake_env(&variables, "", PROFILE_KEYS).with_file("/token", "WEBTOKEN");
    let (chain, transport) = chain_with(env, &IMDS);
    assert_eq!(ok(&chain).access_key_id(), "AKIDPROFILE");
    assert!(transport.requests().is_empty());
}

#[test]
fn web_identity_from_the_environment_wins_over_the_container() {
    let variables = [
        ("AWS_WEB_IDENTITY_TOKEN_FILE", "/token"),
        ("AWS_ROLE_ARN", "role-web"),
        ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/c"),
    ];
    let env =
        fake_env(&variables, "[default]\nregion = us-east-1\n", "").with_file("/token", "WEBTOKEN");
    let (chain, transport) = chain_with(env, &IMDS);
    assert_eq!(ok(&chain).access_key_id(), "web:role-web");
    assert!(transport.requests().is_empty());
}

#[test]
fn the_container_wins_over_imds() {
    let env = fake_env(
        &[("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/c")],
        "",
        "",
    );
    let (chain, transport) = chain_with(env, &[(200, HTTP_CREDENTIALS)]);
    assert_eq!(ok(&chain).provider(), "Container");
    assert_eq!(transport.requests().len(), 1);
}

#[test]
fn imds_comes_last() {
    let (chain, transport) = chain_with(fake_env(&[], "", ""), &IMDS);
    assert_eq!(ok(&chain).provider(), "Imds");
    assert_eq!(transport.requests().len(), 3);
    assert_eq!(
        transport.requests()[0].uri(),
        "http://169.254.169.254/latest/api/token"
    );
}

#[test]
fn nothing_configured_lists_what_was_tried_in_order() {
    // The in-memory transport has no answers: IMDS is unreachable.
    let (chain, transport) = chain_with(fake_env(&[], "", ""), &[]);
    let error = err(&chain);
    assert_eq!(error.kind(), CredentialsErrorKind::NotFound);
    let tried: Vec<&str> = error.tried().iter().map(|e| e.provider()).collect();
    assert_eq!(
        tried,
        [
            "Environment",
            "Profile",
            "WebIdentityToken",
            "Container",
            "Imds"
        ]
    );
    assert_eq!(
        error.to_string(),
        "no credentials found; tried Environment (AWS_ACCESS_KEY_ID is not set), Profile \
         (profile `default` is not defined in the shared config or credentials file), \
         WebIdentityToken (AWS_WEB_IDENTITY_TOKEN_FILE is not set), Container (neither \
         AWS_CONTAINER_CREDENTIALS_RELATIVE_URI nor AWS_CONTAINER_CREDENTIALS_FULL_URI is \
         set), Imds (IMDS at http://169.254.169.254 could not be reached: InMemoryTransport \
         has no responses left)"
    );
    assert_eq!(transport.requests().len(), 1);
}

#[test]
fn a_configured_provider_that_fails_stops_the_chain() {
    // A profile with a key but no secret: the container behind it is never asked.
    let env = fake_env(
        &[("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/c")],
        "",
        "[default]\naws_access_key_id = AKIDLONELY\n",
    );
    let (chain, transport) = chain_with(env, &[(200, HTTP_CREDENTIALS)]);
    let error = err(&chain);
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert_eq!(error.provider(), "Profile");
    assert!(transport.requests().is_empty());

    // Half-set environment variables stop it too, before the profile.
    let env = fake_env(&ENV_KEYS[..1], "", PROFILE_KEYS);
    let (chain, _) = chain_with(env, &[]);
    assert_eq!(err(&chain).provider(), "Environment");

    // A container endpoint that answers with an error.
    let env = fake_env(
        &[("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/c")],
        "",
        "",
    );
    let (chain, transport) = chain_with(env, &[(500, "")]);
    assert_eq!(err(&chain).kind(), CredentialsErrorKind::ProviderError);
    assert_eq!(transport.requests().len(), 1);
}

#[test]
fn the_chain_reads_a_profile_set_in_code() {
    let credentials_file = "[ci]\naws_access_key_id = AKIDCI\naws_secret_access_key = SECRETKEY\n";
    let config = ProviderConfig::new(fake_env(&[], "", credentials_file)).with_profile_name("ci");
    let chain = DefaultCredentialsChain::new(config);
    assert_eq!(ok(&chain).access_key_id(), "AKIDCI");
}
