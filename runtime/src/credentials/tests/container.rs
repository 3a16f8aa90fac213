//! The container credentials endpoint: the exact requests, the URI rules, the token.

use std::sync::Arc;

use super::loopback::{LoopbackTransport, Server};
use super::{err, expiry_2030, fake_env, in_memory, ok, sent, HTTP_CREDENTIALS};
use crate::config::{ConfigLocation, Env};
use crate::credentials::{ContainerCredentialsProvider, CredentialsErrorKind, ProviderConfig};
use crate::InMemoryTransport;

/// A provider over `env` answering `responses` from memory.
fn provider_with(
    env: Env,
    responses: &[(u16, &str)],
) -> (ContainerCredentialsProvider, Arc<InMemoryTransport>) {
    let (config, transport) = in_memory(ProviderConfig::new(env), responses);
    (ContainerCredentialsProvider::new(config), transport)
}

#[test]
fn a_relative_uri_is_a_path_on_the_ecs_endpoint() {
    let env = fake_env(
        &[(
            "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
            "/v2/credentials/abc-123",
        )],
        "",
        "",
    );
    let (provider, transport) = provider_with(env, &[(200, HTTP_CREDENTIALS)]);
    let found = ok(&provider);
    assert_eq!(found.access_key_id(), "ASIAHTTP");
    assert_eq!(found.secret_access_key(), "SECRETKEY-http");
    assert_eq!(found.session_token(), Some("SESSIONTOKEN-http"));
    assert_eq!(found.expiry(), Some(expiry_2030()));
    assert_eq!(found.provider(), "Container");
    assert_eq!(
        sent(&transport),
        ["GET http://169.254.170.2/v2/credentials/abc-123 accept=application/json"]
    );
}

#[test]
fn the_relative_uri_wins_over_the_full_uri() {
    let env = fake_env(
        &[
            ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/rel"),
            (
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                "http://127.0.0.1:9/full",
            ),
        ],
        "",
        "",
    );
    let (provider, transport) = provider_with(env, &[(200, HTTP_CREDENTIALS)]);
    ok(&provider);
    assert_eq!(transport.requests()[0].uri(), "http://169.254.170.2/rel");
}

#[test]
fn the_token_file_wins_over_the_token_variable_as_the_authorization_header() {
    let variables = [
        (
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "http://169.254.170.23/v1/credentials",
        ),
        (
            "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
            "/var/run/secrets/token",
        ),
        ("AWS_CONTAINER_AUTHORIZATION_TOKEN", "Basic AUTHTOKEN-var"),
    ];
    let env = fake_env(&variables, "", "").with_file("/var/run/secrets/token", "AUTHTOKEN-file\n");
    let (provider, transport) = provider_with(env, &[(200, HTTP_CREDENTIALS)]);
    ok(&provider);
    let request = &transport.requests()[0];
    assert_eq!(request.uri(), "http://169.254.170.23/v1/credentials");
    assert_eq!(request.headers()["authorization"], "AUTHTOKEN-file");
    assert!(request.headers()["authorization"].is_sensitive());

    let env = fake_env(&[variables[0], variables[2]], "", "");
    let (provider, transport) = provider_with(env, &[(200, HTTP_CREDENTIALS)]);
    ok(&provider);
    assert_eq!(
        transport.requests()[0].headers()["authorization"],
        "Basic AUTHTOKEN-var"
    );
}

#[test]
fn full_uris_must_be_https_or_an_allowed_address() {
    for uri in [
        "http://credentials.example.com/",
        "http://169.254.169.254/",
        "file:///etc/passwd",
    ] {
        let env = fake_env(&[("AWS_CONTAINER_CREDENTIALS_FULL_URI", uri)], "", "");
        let (provider, transport) = provider_with(env, &[]);
        let error = err(&provider);
        assert_eq!(
            error.kind(),
            CredentialsErrorKind::InvalidConfiguration,
            "{uri}"
        );
        assert_eq!(
            error.location(),
            Some(&ConfigLocation::EnvVar {
                name: "AWS_CONTAINER_CREDENTIALS_FULL_URI".into()
            })
        );
        assert!(transport.requests().is_empty());
    }
    let env = fake_env(
        &[(
            "AWS_CONTAINER_CREDENTIALS_FULL_URI",
            "https://creds.example.com/x",
        )],
        "",
        "",
    );
    let (provider, transport) = provider_with(env, &[(200, HTTP_CREDENTIALS)]);
    ok(&provider);
    assert_eq!(transport.requests()[0].uri(), "https://creds.example.com/x");
}

#[test]
fn a_token_that_is_not_a_header_value_is_never_quoted() {
    let env = fake_env(
        &[
            ("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/c"),
            (
                "AWS_CONTAINER_AUTHORIZATION_TOKEN",
                "AUTHTOKEN\r\nX-Injected: 1",
            ),
        ],
        "",
        "",
    );
    let (provider, transport) = provider_with(env, &[]);
    let error = err(&provider);
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(
        error
            .to_string()
            .contains("`AWS_CONTAINER_AUTHORIZATION_TOKEN`"),
        "{error}"
    );
    assert!(transport.requests().is_empty());
}

#[test]
fn an_error_status_names_the_uri_status_and_message() {
    let env = fake_env(
        &[("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/c")],
        "",
        "",
    );
    let body = r#"{"code": "AccessDenied", "message": "role not assumable", "SecretAccessKey": "SECRETKEY"}"#;
    let (provider, _) = provider_with(env, &[(403, body)]);
    let error = err(&provider);
    assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
    assert_eq!(
        error.to_string(),
        "Container credentials: http://169.254.170.2/v2/c answered 403 Forbidden: \
         AccessDenied: role not assumable"
    );
}

#[test]
fn a_document_without_keys_is_an_error_without_secrets() {
    let env = fake_env(
        &[("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/c")],
        "",
        "",
    );
    let body = r#"{"SecretAccessKey": "SECRETKEY", "Token": "SESSIONTOKEN"}"#;
    let (provider, _) = provider_with(env, &[(200, body)]);
    let error = err(&provider);
    assert_eq!(
        error.to_string(),
        "Container credentials: http://169.254.170.2/v2/c: the credentials document has no \
         `AccessKeyId`"
    );
}

#[test]
fn unconfigured_is_not_loaded_and_configured_without_transport_is_unsupported() {
    let (provider, _) = provider_with(fake_env(&[], "", ""), &[]);
    assert_eq!(err(&provider).kind(), CredentialsErrorKind::NotLoaded);
    let env = fake_env(
        &[("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/c")],
        "",
        "",
    );
    let error = err(&ContainerCredentialsProvider::new(ProviderConfig::new(env)));
    assert_eq!(error.kind(), CredentialsErrorKind::Unsupported);
    assert!(
        error.to_string().contains("no transport was given"),
        "{error}"
    );
}

#[test]
fn a_transport_failure_is_a_provider_error() {
    let env = fake_env(
        &[("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/c")],
        "",
        "",
    );
    let (provider, _) = provider_with(env, &[]);
    let error = err(&provider);
    assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
    assert_eq!(
        error.to_string(),
        "Container credentials: could not reach http://169.254.170.2/v2/c: InMemoryTransport \
         has no responses left"
    );
}

#[test]
fn over_a_real_loopback_connection() {
    let server = Server::start(vec![(200, HTTP_CREDENTIALS.to_owned())]);
    let uri = format!("{}/v1/credentials?x=1", server.url());
    let env = fake_env(
        &[
            ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &uri),
            ("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "/token"),
        ],
        "",
        "",
    )
    .with_file("/token", "AUTHTOKEN-loopback");
    let config = ProviderConfig::new(env).with_transport(Arc::new(LoopbackTransport));
    let found = ok(&ContainerCredentialsProvider::new(config));
    assert_eq!(found.access_key_id(), "ASIAHTTP");
    let received = server.finish();
    assert_eq!(received.len(), 1);
    let request = &received[0];
    assert_eq!(request[0], "GET /v1/credentials?x=1 HTTP/1.1");
    assert!(
        request.contains(&"authorization: AUTHTOKEN-loopback".to_owned()),
        "{request:?}"
    );
    assert!(
        request.contains(&"accept: application/json".to_owned()),
        "{request:?}"
    );
}
