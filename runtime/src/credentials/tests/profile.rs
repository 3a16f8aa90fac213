//! Static keys of the selected profile: which profile, which file wins, what is wrong.

use super::{err, fake_env, ok, CONFIG_PATH, CREDENTIALS_PATH, HOME};
use crate::config::{ConfigLocation, Env, FileKind, ProfileSet};
use crate::credentials::{CredentialsErrorKind, ProfileCredentialsProvider, ProviderConfig};

fn provider(env: Env) -> ProfileCredentialsProvider {
    ProfileCredentialsProvider::new(ProviderConfig::new(env))
}

const TWO_PROFILES: &str = "\
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key = SECRETKEY-default

[dev]
aws_access_key_id = AKIDDEV
aws_secret_access_key = SECRETKEY-dev
aws_session_token = SESSIONTOKEN-dev
";

#[test]
fn the_default_profile_without_aws_profile() {
    let found = ok(&provider(fake_env(&[], "", TWO_PROFILES)));
    assert_eq!(found.access_key_id(), "AKIDDEFAULT");
    assert_eq!(found.secret_access_key(), "SECRETKEY-default");
    assert_eq!((found.session_token(), found.provider()), (None, "Profile"));
}

#[test]
fn aws_profile_selects_another_profile() {
    let found = ok(&provider(fake_env(
        &[("AWS_PROFILE", "dev")],
        "",
        TWO_PROFILES,
    )));
    assert_eq!(found.access_key_id(), "AKIDDEV");
    assert_eq!(found.session_token(), Some("SESSIONTOKEN-dev"));
}

#[test]
fn a_profile_set_in_code_wins_over_aws_profile() {
    let env = fake_env(&[("AWS_PROFILE", "dev")], "", TWO_PROFILES);
    let config = ProviderConfig::new(env).with_profile_name("default");
    let found = ok(&ProfileCredentialsProvider::new(config));
    assert_eq!(found.access_key_id(), "AKIDDEFAULT");
}

#[test]
fn the_credentials_file_wins_over_the_config_file_property_by_property() {
    let config = "\
[profile dev]
aws_access_key_id = AKIDCONFIG
aws_session_token = SESSIONTOKEN-config
[default]
aws_access_key_id = AKIDCONFIGDEFAULT
aws_secret_access_key = SECRETKEY-configdefault
";
    let credentials_file = "\
[dev]
aws_access_key_id = AKIDCREDENTIALS
aws_secret_access_key = SECRETKEY-credentials
";
    let env = fake_env(&[("AWS_PROFILE", "dev")], config, credentials_file);
    let found = ok(&provider(env));
    assert_eq!(found.access_key_id(), "AKIDCREDENTIALS");
    assert_eq!(found.secret_access_key(), "SECRETKEY-credentials");
    // Set only in the config file: merged in.
    assert_eq!(found.session_token(), Some("SESSIONTOKEN-config"));
    // The config file alone serves a profile the credentials file lacks.
    let found = ok(&provider(fake_env(&[], config, credentials_file)));
    assert_eq!(found.access_key_id(), "AKIDCONFIGDEFAULT");
}

#[test]
fn a_bare_section_in_the_config_file_is_not_a_profile() {
    let config = "[dev]\naws_access_key_id = AKIDBARE\naws_secret_access_key = SECRETKEY\n";
    let error = err(&provider(fake_env(&[("AWS_PROFILE", "dev")], config, "")));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert_eq!(
        error.location(),
        Some(&ConfigLocation::EnvVar {
            name: "AWS_PROFILE".into()
        })
    );
    assert!(
        error.to_string().contains("profile `dev` is not defined"),
        "{error}"
    );
}

#[test]
fn aws_profile_naming_a_missing_profile_is_an_error_but_a_missing_default_is_not_loaded() {
    let error = err(&provider(fake_env(
        &[("AWS_PROFILE", "nope")],
        "",
        TWO_PROFILES,
    )));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert_eq!(
        error.to_string(),
        "Profile credentials: invalid configuration: environment variable `AWS_PROFILE`: \
         profile `nope` is not defined in the shared config or credentials file"
    );
    let only_dev = "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = SECRETKEY\n";
    for env in [fake_env(&[], "", ""), fake_env(&[], "", only_dev)] {
        let error = err(&provider(env));
        assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded, "{error}");
    }
    let config = ProviderConfig::new(fake_env(&[], "", "")).with_profile_name("ci");
    let error = err(&ProfileCredentialsProvider::new(config));
    assert_eq!(
        error.location(),
        Some(&ConfigLocation::Code {
            setting: "profile_name".into()
        })
    );
}

#[test]
fn a_profile_without_credentials_is_not_loaded() {
    let env = fake_env(&[], "[default]\nregion = eu-west-1\n", "");
    let error = err(&provider(env));
    assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
    assert!(
        error
            .message()
            .contains("profile `default` has no credentials"),
        "{error}"
    );
}

#[test]
fn a_missing_secret_key_names_the_file_line_and_profile() {
    let credentials_file = "[default]\n# a comment\naws_access_key_id = AKIDLONELY\n";
    let error = err(&provider(fake_env(&[], "", credentials_file)));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    match error.location() {
        Some(ConfigLocation::File {
            file,
            path,
            line,
            section,
            key,
            ..
        }) => {
            assert_eq!(*file, FileKind::Credentials);
            assert_eq!(path.as_deref(), Some(CREDENTIALS_PATH.as_ref()));
            assert_eq!((*line, section.as_str()), (3, "default"));
            assert_eq!(key, "aws_access_key_id");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        error.to_string(),
        format!(
            "Profile credentials: invalid configuration: `aws_access_key_id` in profile \
             `default` of the credentials file {CREDENTIALS_PATH}, line 3: no \
             `aws_secret_access_key` beside it"
        )
    );
}

#[test]
fn a_secret_key_without_an_access_key_id_is_named() {
    let config = "[default]\naws_secret_access_key = SECRETKEY-alone\n";
    let error = err(&provider(fake_env(&[], config, "")));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    let shown = error.to_string();
    assert!(shown.contains("`aws_secret_access_key` in profile `default` of the config file"));
    assert!(
        shown.contains("no `aws_access_key_id` beside it"),
        "{shown}"
    );
}

#[test]
fn garbage_lines_are_skipped_with_warnings_and_the_rest_still_applies() {
    let mut garbage = b"\t\x01continuation of nothing\n\x00\xff\xfe garbage [[[\n".to_vec();
    garbage.extend_from_slice(b"= no name\n[unclosed\nnot a property\n[[x]\nk = v\n");
    garbage.extend_from_slice(b"[default]\naws_access_key_id = AKIDAFTERGARBAGE\n= = =\n");
    garbage.extend_from_slice(b"aws_secret_access_key = SECRETKEY-garbage\n[\xc3\x28]\n");
    let env = Env::from_map([("HOME", HOME)]).with_file(CREDENTIALS_PATH, garbage);
    assert!(!ProfileSet::load(&env).warnings().is_empty());
    let found = ok(&provider(env));
    assert_eq!(found.access_key_id(), "AKIDAFTERGARBAGE");
    assert_eq!(found.secret_access_key(), "SECRETKEY-garbage");
}

#[test]
fn the_files_named_by_aws_config_file_and_aws_shared_credentials_file() {
    let env = Env::from_map([
        ("HOME", HOME),
        ("AWS_CONFIG_FILE", "/etc/aws/config"),
        ("AWS_SHARED_CREDENTIALS_FILE", "~/elsewhere/credentials"),
        ("AWS_PROFILE", "ci"),
    ])
    .with_file(
        CONFIG_PATH,
        "[profile ci]\naws_access_key_id = AKIDIGNORED\n",
    )
    .with_file(
        "/etc/aws/config",
        "[profile ci]\naws_access_key_id = AKIDNAMED\n",
    )
    .with_file(
        "/home/test/elsewhere/credentials",
        "[ci]\naws_secret_access_key = SECRETKEY-named\n",
    );
    let found = ok(&provider(env));
    assert_eq!(found.access_key_id(), "AKIDNAMED");
    assert_eq!(found.secret_access_key(), "SECRETKEY-named");
}

#[test]
fn sso_profiles_are_unsupported_with_the_line() {
    let config = "[default]\nsso_session = corp\nsso_account_id = 123456789012\n";
    let error = err(&provider(fake_env(&[], config, "")));
    assert_eq!(error.kind(), CredentialsErrorKind::Unsupported);
    let shown = error.to_string();
    assert!(
        shown.contains("`sso_session` in profile `default`"),
        "{shown}"
    );
    assert!(shown.contains("IAM Identity Center (SSO) profiles are not supported"));
}
