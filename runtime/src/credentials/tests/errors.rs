//! `CredentialsError`: its text, its parts, and secrets kept out of it.

use std::error::Error as _;
use std::time::Duration;

use super::assert_no_secret;
use crate::config::ConfigLocation;
use crate::credentials::{
    AssumeRoleWithWebIdentityRequest, Credentials, CredentialsError, CredentialsErrorKind,
    ProviderConfig,
};

#[test]
fn each_kind_says_what_and_where() {
    let location = ConfigLocation::EnvVar {
        name: "AWS_X".into(),
    };
    let cases = [
        (
            CredentialsError::not_loaded("Environment", "AWS_ACCESS_KEY_ID is not set"),
            "Environment credentials not loaded: AWS_ACCESS_KEY_ID is not set",
        ),
        (
            CredentialsError::invalid_configuration("Imds", location.clone(), "bad"),
            "Imds credentials: invalid configuration: environment variable `AWS_X`: bad",
        ),
        (
            CredentialsError::provider_error("Container", "answered 500"),
            "Container credentials: answered 500",
        ),
        (
            CredentialsError::timeout("TimeoutProvider", Duration::from_secs(2)),
            "TimeoutProvider credentials: timed out: no credentials after 2s",
        ),
        (
            CredentialsError::unsupported("Profile", "SSO").with_location(location),
            "Profile credentials: not supported: environment variable `AWS_X`: SSO",
        ),
        (
            CredentialsError::not_found(
                "DefaultChain",
                vec![
                    CredentialsError::not_loaded("A", "a unset"),
                    CredentialsError::not_loaded("B", "b unset"),
                ],
            ),
            "no credentials found; tried A (a unset), B (b unset)",
        ),
    ];
    for (error, shown) in cases {
        assert_eq!(error.to_string(), shown);
    }
}

#[test]
fn the_source_is_shown_and_returned() {
    let io = std::io::Error::other("connection refused");
    let error = CredentialsError::provider_error("Imds", "could not reach it").with_source(io);
    assert_eq!(
        error.to_string(),
        "Imds credentials: could not reach it: connection refused"
    );
    assert!(error.source().unwrap().is::<std::io::Error>());
    let copy = error.clone();
    assert_eq!(copy.kind(), CredentialsErrorKind::ProviderError);
    assert_eq!(copy.source().unwrap().to_string(), "connection refused");
}

#[test]
fn secret_settings_never_reach_debug_of_the_configuration_or_requests() {
    let env = super::fake_env(
        &[("AWS_SECRET_ACCESS_KEY", "SECRETKEY-env")],
        "",
        "[default]\naws_session_token = SESSIONTOKEN-file\n",
    );
    let config = ProviderConfig::new(env);
    assert_no_secret(&format!("{config:?}"));
    let provider = crate::credentials::DefaultCredentialsChain::new(config);
    assert_no_secret(&format!("{provider:?}"));

    let credentials = Credentials::new("AKID", "SECRETKEY", Some("SESSIONTOKEN".into()), None, "T");
    let request = crate::credentials::AssumeRoleRequest {
        role_arn: "r".into(),
        session_name: "s".into(),
        external_id: None,
        duration: None,
        source_credentials: credentials,
        region: None,
        profile: None,
    };
    assert_no_secret(&format!("{request:?}"));
    let request = AssumeRoleWithWebIdentityRequest {
        role_arn: "r".into(),
        session_name: "s".into(),
        web_identity_token: "WEBTOKEN".into(),
        duration: None,
        region: None,
        profile: None,
    };
    assert_no_secret(&format!("{request:?}"));
}

#[test]
fn debug_of_credentials_never_shows_secrets() {
    let c = Credentials::new("AKID", "s3cr3t", Some("t0k3n".into()), None, "Test");
    let shown = format!("{c:?} {c:#?}");
    assert!(shown.contains("AKID"));
    assert!(
        !shown.contains("s3cr3t") && !shown.contains("t0k3n"),
        "{shown}"
    );
}
