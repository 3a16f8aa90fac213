//! IMDSv2: the three requests, the endpoint settings, the answers that mean "not here".

use std::sync::Arc;

use super::loopback::{LoopbackTransport, Server};
use super::{err, expiry_2030, fake_env, in_memory, ok, sent, HTTP_CREDENTIALS};
use crate::config::{ConfigLocation, Env};
use crate::credentials::{CredentialsErrorKind, ImdsCredentialsProvider, ProviderConfig};
use crate::InMemoryTransport;

const ANSWERS: [(u16, &str); 3] = [
    (200, "IMDSTOKEN-1"),
    (200, "MyRole\n"),
    (200, HTTP_CREDENTIALS),
];

fn provider_with(
    env: Env,
    responses: &[(u16, &str)],
) -> (ImdsCredentialsProvider, Arc<InMemoryTransport>) {
    let (config, transport) = in_memory(ProviderConfig::new(env), responses);
    (ImdsCredentialsProvider::new(config), transport)
}

#[test]
fn token_then_role_then_credentials_on_the_default_endpoint() {
    let (provider, transport) = provider_with(fake_env(&[], "", ""), &ANSWERS);
    let found = ok(&provider);
    assert_eq!(found.access_key_id(), "ASIAHTTP");
    assert_eq!(found.secret_access_key(), "SECRETKEY-http");
    assert_eq!(found.session_token(), Some("SESSIONTOKEN-http"));
    assert_eq!(found.expiry(), Some(expiry_2030()));
    assert_eq!(found.provider(), "Imds");
    assert_eq!(
        sent(&transport),
        [
            "PUT http://169.254.169.254/latest/api/token x-aws-ec2-metadata-token-ttl-seconds=21600",
            "GET http://169.254.169.254/latest/meta-data/iam/security-credentials/ x-aws-ec2-metadata-token=IMDSTOKEN-1",
            "GET http://169.254.169.254/latest/meta-data/iam/security-credentials/MyRole x-aws-ec2-metadata-token=IMDSTOKEN-1",
        ]
    );
    assert!(transport.requests()[1].headers()["x-aws-ec2-metadata-token"].is_sensitive());
}

#[test]
fn endpoint_mode_and_endpoint_from_the_environment_and_the_profile() {
    let uris = |variables: &[(&str, &str)], config: &str| {
        let (provider, transport) = provider_with(fake_env(variables, config, ""), &ANSWERS);
        ok(&provider);
        transport.requests()[0].uri().to_string()
    };
    let ipv6 = ("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "ipv6");
    assert_eq!(uris(&[ipv6], ""), "http://[fd00:ec2::254]/latest/api/token");
    assert_eq!(
        uris(
            &[],
            "[default]\nec2_metadata_service_endpoint_mode = IPv6\n"
        ),
        "http://[fd00:ec2::254]/latest/api/token"
    );
    let endpoint = ("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://[::1]:1338/");
    assert_eq!(
        uris(&[ipv6, endpoint], ""),
        "http://[::1]:1338/latest/api/token"
    );
    assert_eq!(
        uris(
            &[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv4")],
            "[default]\nec2_metadata_service_endpoint = http://127.0.0.1:9\n"
        ),
        "http://127.0.0.1:9/latest/api/token"
    );
}

#[test]
fn bad_endpoint_settings_are_named() {
    let cases: [(&[(&str, &str)], &str); 3] = [
        (
            &[("AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv5")],
            "\"IPv5\" is neither `IPv4` nor `IPv6`",
        ),
        (
            &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", "169.254.169.254")],
            "is not an absolute `http` or `https` URL",
        ),
        (
            &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", "ftp://host/")],
            "is not an absolute `http` or `https` URL",
        ),
    ];
    for (variables, problem) in cases {
        let (provider, transport) = provider_with(fake_env(variables, "", ""), &ANSWERS);
        let error = err(&provider);
        assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
        assert!(matches!(
            error.location(),
            Some(ConfigLocation::EnvVar { .. })
        ));
        assert!(error.to_string().contains(problem), "{error}");
        assert!(transport.requests().is_empty());
    }
}

#[test]
fn disabled_or_without_transport_is_not_loaded_and_sends_nothing() {
    for disabled in ["true", "TRUE"] {
        let env = fake_env(&[("AWS_EC2_METADATA_DISABLED", disabled)], "", "");
        let (provider, transport) = provider_with(env, &ANSWERS);
        let error = err(&provider);
        assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
        assert_eq!(
            error.to_string(),
            "Imds credentials not loaded: disabled by AWS_EC2_METADATA_DISABLED"
        );
        assert!(transport.requests().is_empty());
    }
    let (provider, _) = provider_with(
        fake_env(&[("AWS_EC2_METADATA_DISABLED", "false")], "", ""),
        &ANSWERS,
    );
    ok(&provider);
    let error = err(&ImdsCredentialsProvider::new(ProviderConfig::new(
        fake_env(&[], "", ""),
    )));
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
}

#[test]
fn unreachable_or_no_role_is_not_loaded() {
    let (unreachable, _) = provider_with(fake_env(&[], "", ""), &[]);
    let error = err(&unreachable);
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
    assert!(error
        .to_string()
        .contains("IMDS at http://169.254.169.254 could not be reached"));
    for role_answer in [(404, "not found"), (200, "\n")] {
        let (provider, _) = provider_with(fake_env(&[], "", ""), &[(200, "T"), role_answer]);
        let error = err(&provider);
        assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded, "{error}");
        assert!(error.to_string().contains("the instance has no IAM role"));
    }
}

#[test]
fn refusals_and_failures_are_provider_errors() {
    let cases: [(&[(u16, &str)], &str); 4] = [
        (&[(403, "")], "http://169.254.169.254/latest/api/token (IMDS may be turned off) answered 403 Forbidden"),
        (&[(200, "T"), (500, "")], "security-credentials/ answered 500 Internal Server Error"),
        (&[(200, "T"), (200, "../etc")], "answered with a role name that is not one"),
        (
            &[(200, "T"), (200, "R"), (200, r#"{"Code":"AssumeRoleUnauthorizedAccess","Message":"denied","SecretAccessKey":"SECRETKEY"}"#)],
            "IMDS answered with `Code` \"AssumeRoleUnauthorizedAccess\": denied",
        ),
    ];
    for (responses, problem) in cases {
        let (provider, _) = provider_with(fake_env(&[], "", ""), responses);
        let error = err(&provider);
        assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
        assert!(error.to_string().contains(problem), "{error}");
    }
}

#[test]
fn over_a_real_loopback_connection() {
    let server = Server::start(
        ANSWERS
            .iter()
            .map(|&(status, body)| (status, body.to_owned()))
            .collect(),
    );
    let env = fake_env(
        &[("AWS_EC2_METADATA_SERVICE_ENDPOINT", &server.url())],
        "",
        "",
    );
    let config = ProviderConfig::new(env).with_transport(Arc::new(LoopbackTransport));
    let found = ok(&ImdsCredentialsProvider::new(config));
    assert_eq!(found.access_key_id(), "ASIAHTTP");
    let received = server.finish();
    let lines: Vec<&str> = received.iter().map(|request| request[0].as_str()).collect();
    assert_eq!(
        lines,
        [
            "PUT /latest/api/token HTTP/1.1",
            "GET /latest/meta-data/iam/security-credentials/ HTTP/1.1",
            "GET /latest/meta-data/iam/security-credentials/MyRole HTTP/1.1",
        ]
    );
    assert!(received[0].contains(&"x-aws-ec2-metadata-token-ttl-seconds: 21600".to_owned()));
    for request in &received[1..] {
        assert!(
            request.contains(&"x-aws-ec2-metadata-token: IMDSTOKEN-1".to_owned()),
            "{request:?}"
        );
    }
}
