//! `AWS_WEB_IDENTITY_TOKEN_FILE` and `AWS_ROLE_ARN`.

use super::fake_sts::{Call, FakeSts};
use super::{err, fake_env, ok};
use crate::config::{ConfigLocation, Env};
use crate::credentials::{CredentialsErrorKind, ProviderConfig, WebIdentityCredentialsProvider};

fn provider(env: Env, sts: Option<&std::sync::Arc<FakeSts>>) -> WebIdentityCredentialsProvider {
    let mut config = ProviderConfig::new(env);
    if let Some(sts) = sts {
        config = config.with_sts(sts.clone());
    }
    WebIdentityCredentialsProvider::new(config)
}

const VARIABLES: [(&str, &str); 4] = [
    ("AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/token"),
    ("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod"),
    ("AWS_ROLE_SESSION_NAME", "pod-session"),
    ("AWS_DEFAULT_REGION", "eu-north-1"),
];

#[test]
fn the_token_is_read_and_sent_to_sts_with_the_role_and_session() {
    let env = fake_env(&VARIABLES, "", "").with_file("/var/run/token", "  WEBTOKEN-abc\n");
    let sts = FakeSts::new();
    let found = ok(&provider(env, Some(&sts)));
    assert_eq!(found.access_key_id(), "web:arn:aws:iam::1:role/Pod");
    let [Call::WebIdentity(request)] = &sts.calls()[..] else {
        panic!("{:?}", sts.calls())
    };
    assert_eq!(request.web_identity_token, "WEBTOKEN-abc");
    assert_eq!(request.session_name, "pod-session");
    assert_eq!(request.region.as_deref(), Some("eu-north-1"));
    assert_eq!(request.profile, None);
}

#[test]
fn neither_variable_is_not_loaded_and_one_alone_is_invalid() {
    let error = err(&provider(fake_env(&[], "", ""), None));
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
    let error = err(&provider(
        fake_env(&VARIABLES[..1], "", ""),
        Some(&FakeSts::new()),
    ));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert_eq!(
        error.location(),
        Some(&ConfigLocation::EnvVar {
            name: "AWS_ROLE_ARN".into()
        })
    );
    let error = err(&provider(
        fake_env(&VARIABLES[1..2], "", ""),
        Some(&FakeSts::new()),
    ));
    assert!(
        error
            .to_string()
            .contains("`AWS_WEB_IDENTITY_TOKEN_FILE`: not set, but AWS_ROLE_ARN is"),
        "{error}"
    );
}

#[test]
fn without_sts_it_is_unsupported_and_an_empty_token_file_is_invalid() {
    let env = fake_env(&VARIABLES, "", "").with_file("/var/run/token", "WEBTOKEN");
    let error = err(&provider(env, None));
    assert_eq!(error.kind(), CredentialsErrorKind::Unsupported);
    assert!(
        error.to_string().contains("needs an STS implementation"),
        "{error}"
    );

    let env = fake_env(&VARIABLES, "", "").with_file("/var/run/token", "\n");
    let error = err(&provider(env, Some(&FakeSts::new())));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert_eq!(
        error.to_string(),
        "WebIdentityToken credentials: invalid configuration: environment variable \
         `AWS_WEB_IDENTITY_TOKEN_FILE`: token file /var/run/token is empty"
    );
}
