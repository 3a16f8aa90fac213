//! `AWS_ACCESS_KEY_ID` and friends.

use super::{err, expiry_2030, fake_env, ok};
use crate::config::ConfigLocation;
use crate::credentials::{CredentialsErrorKind, EnvironmentCredentialsProvider};

fn provider(variables: &[(&str, &str)]) -> EnvironmentCredentialsProvider {
    EnvironmentCredentialsProvider::new(fake_env(variables, "", ""))
}

#[test]
fn all_four_variables() {
    let found = ok(&provider(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "SECRETKEY-env"),
        ("AWS_SESSION_TOKEN", "SESSIONTOKEN-env"),
        ("AWS_CREDENTIAL_EXPIRATION", "2030-01-02T04:04:05+01:00"),
    ]));
    assert_eq!(found.access_key_id(), "AKIDENV");
    assert_eq!(found.secret_access_key(), "SECRETKEY-env");
    assert_eq!(found.session_token(), Some("SESSIONTOKEN-env"));
    assert_eq!(found.expiry(), Some(expiry_2030()));
    assert_eq!(found.provider(), "Environment");
}

#[test]
fn long_term_keys_have_no_token_and_no_expiry() {
    let found = ok(&provider(&[
        ("AWS_ACCESS_KEY_ID", " AKIDENV "),
        ("AWS_SECRET_ACCESS_KEY", "SECRETKEY-env"),
        ("AWS_SESSION_TOKEN", ""),
    ]));
    assert_eq!(found.access_key_id(), "AKIDENV");
    assert_eq!((found.session_token(), found.expiry()), (None, None));
}

#[test]
fn nothing_set_is_not_loaded() {
    for variables in [
        &[][..],
        &[
            ("AWS_ACCESS_KEY_ID", "  "),
            ("AWS_SESSION_TOKEN", "SESSIONTOKEN"),
        ],
    ] {
        let error = err(&provider(variables));
        assert_eq!(error.kind(), CredentialsErrorKind::NotLoaded);
        assert_eq!(
            error.to_string(),
            "Environment credentials not loaded: AWS_ACCESS_KEY_ID is not set"
        );
    }
}

#[test]
fn a_missing_secret_key_is_an_invalid_configuration_naming_it() {
    let error = err(&provider(&[("AWS_ACCESS_KEY_ID", "AKIDENV")]));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert_eq!(
        error.location(),
        Some(&ConfigLocation::EnvVar {
            name: "AWS_SECRET_ACCESS_KEY".into()
        })
    );
    assert_eq!(
        error.to_string(),
        "Environment credentials: invalid configuration: environment variable \
         `AWS_SECRET_ACCESS_KEY`: not set, but AWS_ACCESS_KEY_ID is"
    );
}

#[test]
fn a_missing_access_key_id_is_an_invalid_configuration() {
    let error = err(&provider(&[("AWS_SECRET_ACCESS_KEY", "SECRETKEY-env")]));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    assert!(
        error.to_string().contains("`AWS_ACCESS_KEY_ID`: not set"),
        "{error}"
    );
}

#[test]
fn an_expiration_that_is_not_a_date_time_is_named() {
    let error = err(&provider(&[
        ("AWS_ACCESS_KEY_ID", "AKIDENV"),
        ("AWS_SECRET_ACCESS_KEY", "SECRETKEY-env"),
        ("AWS_CREDENTIAL_EXPIRATION", "tomorrow"),
    ]));
    assert_eq!(error.kind(), CredentialsErrorKind::InvalidConfiguration);
    let shown = error.to_string();
    assert!(
        shown.contains("`AWS_CREDENTIAL_EXPIRATION`: \"tomorrow\" is not an RFC 3339 date-time"),
        "{shown}"
    );
}
