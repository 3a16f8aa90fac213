//! Profiles with `role_arn`: source profiles, credential sources, web identity, through a
//! fake STS.

use std::sync::Arc;
use std::time::Duration;

use super::fake_sts::{Call, FakeSts};
use super::{err, fake_env, in_memory, ok, sent, HTTP_CREDENTIALS};
use crate::config::{ConfigLocation, Env};
use crate::credentials::{
    AssumeRoleRequest, CredentialsErrorKind, ProfileCredentialsProvider, ProviderConfig,
};

fn with_sts(env: Env, sts: &Arc<FakeSts>) -> ProfileCredentialsProvider {
    ProfileCredentialsProvider::new(ProviderConfig::new(env).with_sts(sts.clone()))
}

#[test]
fn a_role_assumed_with_the_source_profiles_keys_and_the_profiles_settings() {
    let config = "\
[profile admin]
role_arn = arn:aws:iam::123456789012:role/Admin
source_profile = base
role_session_name = alice
external_id = ext-1
duration_seconds = 1800
region = eu-central-1
";
    let credentials_file =
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = SECRETKEY-base\n";
    let sts = FakeSts::new();
    let env = fake_env(&[("AWS_PROFILE", "admin")], config, credentials_file);
    let found = ok(&with_sts(env, &sts));
    assert_eq!(
        found.access_key_id(),
        "role:arn:aws:iam::123456789012:role/Admin"
    );
    let [Call::AssumeRole(request)] = &sts.calls()[..] else {
        panic!("{:?}", sts.calls())
    };
    let AssumeRoleRequest {
        role_arn,
        session_name,
        external_id,
        duration,
        source_credentials,
        region,
        profile,
        ..
    } = request;
    assert_eq!(role_arn, "arn:aws:iam::123456789012:role/Admin");
    assert_eq!(session_name, "alice");
    assert_eq!(external_id.as_deref(), Some("ext-1"));
    assert_eq!(*duration, Some(Duration::from_secs(1800)));
    assert_eq!(source_credentials.access_key_id(), "AKIDBASE");
    assert_eq!(source_credentials.secret_access_key(), "SECRETKEY-base");
    assert_eq!(region.as_deref(), Some("eu-central-1"));
    assert_eq!(profile.as_deref(), Some("admin"));
}

#[test]
fn chained_roles_are_assumed_from_the_base_outwards() {
    let config = "\
[profile a]
role_arn = role-a
source_profile = b
[profile b]
role_arn = role-b
source_profile = c
[profile c]
aws_access_key_id = AKIDC
aws_secret_access_key = SECRETKEY-c
";
    let sts = FakeSts::new();
    let env = fake_env(
        &[("AWS_PROFILE", "a"), ("AWS_REGION", "us-west-2")],
        config,
        "",
    );
    assert_eq!(ok(&with_sts(env, &sts)).access_key_id(), "role:role-a");
    assert_eq!(
        sts.role_steps(),
        ["role-b <- AKIDC", "role-a <- role:role-b"]
    );
    let Call::AssumeRole(first) = &sts.calls()[0] else {
        panic!()
    };
    assert!(
        first.session_name.starts_with("smithy-rust-"),
        "{}",
        first.session_name
    );
    assert_eq!(first.region.as_deref(), Some("us-west-2"));
}

#[test]
fn a_source_profiles_static_keys_win_over_its_own_role() {
    let config = "\
[profile a]
role_arn = role-a
source_profile = b
[profile b]
role_arn = role-b
source_profile = c
aws_access_key_id = AKIDB
aws_secret_access_key = SECRETKEY-b
";
    let sts = FakeSts::new();
    let env = fake_env(&[("AWS_PROFILE", "a")], config, "");
    ok(&with_sts(env, &sts));
    assert_eq!(sts.role_steps(), ["role-a <- AKIDB"]);
}

#[test]
fn a_profile_that_is_its_own_source_uses_its_static_keys() {
    let config = "[default]\nrole_arn = role-self\nsource_profile = default\n\
                  aws_access_key_id = AKIDSELF\naws_secret_access_key = SECRETKEY-self\n";
    let sts = FakeSts::new();
    ok(&with_sts(fake_env(&[], config, ""), &sts));
    assert_eq!(sts.role_steps(), ["role-self <- AKIDSELF"]);
    let config = "[default]\nrole_arn = role-self\nsource_profile = default\n";
    let error = err(&with_sts(fake_env(&[], config, ""), &sts));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(
        error.to_string().contains("is its own source profile"),
        "{error}"
    );
}

#[test]
fn a_source_profile_loop_is_named() {
    let config = "\
[profile a]
role_arn = role-a
source_profile = b
[profile b]
role_arn = role-b
source_profile = c
[profile c]
role_arn = role-c
source_profile = a
";
    let sts = FakeSts::new();
    let error = err(&with_sts(
        fake_env(&[("AWS_PROFILE", "a")], config, ""),
        &sts,
    ));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    let shown = error.to_string();
    assert!(shown.contains("`source_profile` in profile `c`"), "{shown}");
    assert!(shown.contains("line 9"), "{shown}");
    assert!(
        shown.contains("the profiles `a` → `b` → `c` → `a` form a loop"),
        "{shown}"
    );
    assert!(sts.calls().is_empty());
}

#[test]
fn broken_role_settings_are_invalid_configurations() {
    let cases = [
        (
            "[default]\nrole_arn = r\nsource_profile = missing\n",
            "`source_profile` in profile `default`",
            "profile `missing` is not defined",
        ),
        (
            "[default]\nrole_arn = r\nsource_profile = b\ncredential_source = Environment\n\
             [profile b]\naws_access_key_id = A\naws_secret_access_key = SECRETKEY\n",
            "`credential_source` in profile `default`",
            "set beside `source_profile`",
        ),
        (
            "[default]\nrole_arn = r\n",
            "`role_arn` in profile `default`",
            "needs `source_profile`, `credential_source` or `web_identity_token_file`",
        ),
        (
            "[default]\nrole_arn = r\ncredential_source = Laptop\n",
            "`credential_source`",
            "\"Laptop\" is not one of `Environment`, `Ec2InstanceMetadata`, `EcsContainer`",
        ),
        (
            "[default]\ncredential_source = Environment\n",
            "`credential_source`",
            "needs `role_arn` beside it",
        ),
        (
            "[default]\nrole_arn = r\nsource_profile = b\nduration_seconds = 1h\n\
             [profile b]\naws_access_key_id = A\naws_secret_access_key = SECRETKEY\n",
            "`duration_seconds`",
            "\"1h\" is not a whole number of seconds",
        ),
        (
            "[default]\nrole_arn = r\nsource_profile = b\n[profile b]\nregion = x\n",
            "`source_profile` in profile `default`",
            "profile `b` has no credentials",
        ),
    ];
    for (config, location, problem) in cases {
        let sts = FakeSts::new();
        let error = err(&with_sts(fake_env(&[], config, ""), &sts));
        assert_eq!(
            error.kind(),
            CredentialsErrorKind::InvalidConfiguration,
            "{error}"
        );
        let shown = error.to_string();
        assert!(
            shown.contains(location) && shown.contains(problem),
            "{config}: {shown}"
        );
        assert!(sts.calls().is_empty());
    }
}

#[test]
fn without_an_sts_implementation_roles_are_unsupported() {
    let config = "[default]\nrole_arn = arn:aws:iam::1:role/R\nsource_profile = b\n\
                  [profile b]\naws_access_key_id = A\naws_secret_access_key = SECRETKEY\n";
    let provider = ProfileCredentialsProvider::new(ProviderConfig::new(fake_env(&[], config, "")));
    let error = err(&provider);
    assert_eq!(error.kind(), CredentialsErrorKind::Unsupported);
    let shown = error.to_string();
    assert!(
        shown.contains("`role_arn` in profile `default` of the config file"),
        "{shown}"
    );
    assert!(
        shown.contains("assuming role arn:aws:iam::1:role/R needs an STS implementation"),
        "{shown}"
    );
}

#[test]
fn sts_errors_stop_the_profile() {
    let config = "[default]\nrole_arn = r\nsource_profile = b\n\
                  [profile b]\naws_access_key_id = A\naws_secret_access_key = SECRETKEY\n";
    let error = err(&with_sts(fake_env(&[], config, ""), &FakeSts::failing()));
    assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
    assert_eq!(
        error.to_string(),
        "FakeSts credentials: AccessDenied: not allowed"
    );
}

#[test]
fn credential_source_environment() {
    let config = "[default]\nrole_arn = role-env\ncredential_source = Environment\n";
    let sts = FakeSts::new();
    let variables = [
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "SECRETKEY-env"),
    ];
    ok(&with_sts(fake_env(&variables, config, ""), &sts));
    assert_eq!(sts.role_steps(), ["role-env <- AKIDENV"]);
    // Required: its absence is an error, not a reason to move on.
    let error = err(&with_sts(fake_env(&[], config, ""), &sts));
    assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
    let shown = error.to_string();
    assert!(
        shown.contains("`credential_source` in profile `default`"),
        "{shown}"
    );
    assert!(
        shown.contains("`credential_source` is Environment, but AWS_ACCESS_KEY_ID is not set"),
        "{shown}"
    );
}

#[test]
fn credential_source_ec2_instance_metadata() {
    let config = "[default]\nrole_arn = role-ec2\ncredential_source = Ec2InstanceMetadata\n";
    let sts = FakeSts::new();
    let provider_config = ProviderConfig::new(fake_env(&[], config, "")).with_sts(sts.clone());
    let responses = [
        (200, "IMDSTOKEN"),
        (200, "InstanceRole\n"),
        (200, HTTP_CREDENTIALS),
    ];
    let (provider_config, transport) = in_memory(provider_config, &responses);
    ok(&ProfileCredentialsProvider::new(provider_config));
    assert_eq!(sts.role_steps(), ["role-ec2 <- ASIAHTTP"]);
    let uris: Vec<String> = sent(&transport)
        .into_iter()
        .map(|r| r.split(' ').take(2).collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(
        uris,
        [
            "PUT http://169.254.169.254/latest/api/token",
            "GET http://169.254.169.254/latest/meta-data/iam/security-credentials/",
            "GET http://169.254.169.254/latest/meta-data/iam/security-credentials/InstanceRole",
        ]
    );
}

#[test]
fn credential_source_ecs_container() {
    let config = "[default]\nrole_arn = role-ecs\ncredential_source = EcsContainer\n";
    let sts = FakeSts::new();
    let env = fake_env(
        &[("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/creds")],
        config,
        "",
    );
    let (provider_config, transport) = in_memory(
        ProviderConfig::new(env).with_sts(sts.clone()),
        &[(200, HTTP_CREDENTIALS)],
    );
    ok(&ProfileCredentialsProvider::new(provider_config));
    assert_eq!(sts.role_steps(), ["role-ecs <- ASIAHTTP"]);
    assert_eq!(
        transport.requests()[0].uri(),
        "http://169.254.170.2/v2/creds"
    );
}

#[test]
fn web_identity_in_a_profile() {
    let config = "[profile eks]\nrole_arn = role-web\nweb_identity_token_file = /var/token\n\
                  role_session_name = pod-1\nregion = ap-south-1\n";
    let env =
        fake_env(&[("AWS_PROFILE", "eks")], config, "").with_file("/var/token", "WEBTOKEN-1\n");
    let sts = FakeSts::new();
    let found = ok(&with_sts(env, &sts));
    assert_eq!(found.access_key_id(), "web:role-web");
    let [Call::WebIdentity(request)] = &sts.calls()[..] else {
        panic!("{:?}", sts.calls())
    };
    assert_eq!(request.web_identity_token, "WEBTOKEN-1");
    assert_eq!(request.session_name, "pod-1");
    assert_eq!(request.region.as_deref(), Some("ap-south-1"));
    assert_eq!(request.profile.as_deref(), Some("eks"));
    // Debug of the request redacts the token.
    super::assert_no_secret(&format!("{request:?}"));
}

#[test]
fn a_missing_web_identity_token_file_names_the_property_and_the_path() {
    let config = "[default]\nrole_arn = role-web\nweb_identity_token_file = /var/missing\n";
    let error = err(&with_sts(fake_env(&[], config, ""), &FakeSts::new()));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    let shown = error.to_string();
    assert!(
        shown.contains("`web_identity_token_file` in profile `default`"),
        "{shown}"
    );
    assert!(
        shown.contains("token file /var/missing does not exist"),
        "{shown}"
    );
    match error.location() {
        Some(ConfigLocation::File { line, .. }) => assert_eq!(*line, 3),
        other => panic!("{other:?}"),
    }
}
