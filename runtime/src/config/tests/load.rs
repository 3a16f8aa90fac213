//! Finding the shared files through an [`Env`] and selecting the profile.

use std::path::Path;

use super::{fake_env, warning_messages, CONFIG_PATH, CREDENTIALS_PATH, HOME};
use crate::config::{Env, FileKind, ProfileSet};

#[test]
fn files_are_read_from_the_home_directory() {
    let env = fake_env(&[], "[profile a]\nk = config", "[a]\nc = credentials");
    let set = ProfileSet::load(&env);
    let a = set.profile("a").unwrap();
    assert_eq!(a.get("k"), Some("config"));
    assert_eq!(a.get("c"), Some("credentials"));
    assert_eq!(set.path(FileKind::Config), Some(Path::new(CONFIG_PATH)));
    assert_eq!(
        set.path(FileKind::Credentials),
        Some(Path::new(CREDENTIALS_PATH))
    );
    assert!(set.warnings().is_empty());
}

#[test]
fn userprofile_is_the_home_directory_when_home_is_unset_or_empty() {
    for home in [None, Some("")] {
        let mut variables = vec![("USERPROFILE", "C:\\Users\\test")];
        variables.extend(home.map(|home| ("HOME", home)));
        let config = Path::new("C:\\Users\\test").join(".aws/config");
        let env = Env::from_map(variables).with_file(&config, "[default]\nk = v");
        let set = ProfileSet::load(&env);
        assert_eq!(set.profile("default").unwrap().get("k"), Some("v"));
        assert_eq!(set.path(FileKind::Config), Some(config.as_path()));
    }
}

#[test]
fn missing_files_are_empty_without_warnings() {
    let set = ProfileSet::load(&fake_env(&[], "", ""));
    assert_eq!(set.profiles().count(), 0);
    assert!(set.warnings().is_empty());
    assert_eq!(set, ProfileSet::load(&fake_env(&[], "", "")));
}

#[test]
fn without_a_home_directory_the_default_files_are_not_read() {
    let env = Env::from_map([("AWS_PROFILE", "dev")]);
    let set = ProfileSet::load(&env);
    assert_eq!(set.profiles().count(), 0);
    assert_eq!(set.path(FileKind::Config), None);
    let messages = warning_messages(&set);
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].contains("`~/.aws/config` not read: no home directory"));
    assert!(messages[1].contains("`~/.aws/credentials` not read"));
    assert!(messages[2].contains("profile `dev` selected by AWS_PROFILE is not defined"));
}

#[test]
fn environment_variables_name_the_files() {
    let env = Env::from_map([
        ("HOME", HOME),
        ("AWS_CONFIG_FILE", "/etc/aws/config"),
        ("AWS_SHARED_CREDENTIALS_FILE", "~/secrets/creds"),
    ])
    .with_file("/etc/aws/config", "[default]\nfrom = etc")
    .with_file("/home/test/secrets/creds", "[default]\ncreds = home")
    .with_file(CONFIG_PATH, "[default]\nfrom = default path");
    let set = ProfileSet::load(&env);
    let default = set.profile("default").unwrap();
    assert_eq!(default.get("from"), Some("etc"));
    assert_eq!(default.get("creds"), Some("home"));
    assert_eq!(
        set.path(FileKind::Credentials),
        Some(Path::new("/home/test/secrets/creds"))
    );
}

#[test]
fn a_blank_file_variable_means_the_default_path() {
    let env = fake_env(&[("AWS_CONFIG_FILE", " ")], "[default]\nk = v", "");
    let set = ProfileSet::load(&env);
    assert_eq!(set.profile("default").unwrap().get("k"), Some("v"));
}

#[test]
fn tilde_user_paths_are_not_expanded() {
    let env = Env::from_map([("HOME", HOME), ("AWS_CONFIG_FILE", "~other/config")])
        .with_file("~other/config", "[default]\nk = literal");
    let set = ProfileSet::load(&env);
    assert_eq!(set.profile("default").unwrap().get("k"), Some("literal"));
}

#[test]
fn aws_profile_selects_the_profile() {
    let env = fake_env(
        &[("AWS_PROFILE", " dev ")],
        "[default]\nk = default\n[profile dev]\nk = dev",
        "",
    );
    let set = ProfileSet::load(&env);
    assert_eq!(set.selected_profile_name(), "dev");
    assert_eq!(set.selected_profile().unwrap().get("k"), Some("dev"));
    assert!(set.warnings().is_empty());
}

#[test]
fn a_blank_aws_profile_selects_default() {
    let env = fake_env(&[("AWS_PROFILE", "")], "[default]\nk = default", "");
    let set = ProfileSet::load(&env);
    assert_eq!(set.selected_profile_name(), "default");
    assert_eq!(set.selected_profile().unwrap().get("k"), Some("default"));
}

#[test]
fn an_unknown_selected_profile_is_a_warning_not_an_error() {
    let env = fake_env(&[("AWS_PROFILE", "nope")], "[default]\nk = v", "");
    let set = ProfileSet::load(&env);
    assert_eq!(set.selected_profile_name(), "nope");
    assert!(set.selected_profile().is_none());
    assert_eq!(
        set.warnings()[0].to_string(),
        "config file /home/test/.aws/config: profile `nope` selected by AWS_PROFILE is not defined"
    );
}

#[test]
fn warnings_of_loaded_files_carry_the_path() {
    let env = fake_env(&[], "[profile a]\nbroken", "");
    let set = ProfileSet::load(&env);
    assert_eq!(set.warnings()[0].path(), Some(Path::new(CONFIG_PATH)));
    assert_eq!(
        set.warnings()[0].to_string(),
        "config file /home/test/.aws/config, line 2: expected `name = value`; line ignored"
    );
}

#[test]
fn bytes_that_are_not_utf8_are_replaced_with_a_warning() {
    let env = Env::from_map([("HOME", HOME)]).with_file(
        CONFIG_PATH,
        b"[profile a]\nk = caf\xe9\nok = yes\n".to_vec(),
    );
    let set = ProfileSet::load(&env);
    let a = set.profile("a").unwrap();
    assert_eq!(a.get("k"), Some("caf\u{fffd}"));
    assert_eq!(a.get("ok"), Some("yes"));
    assert!(warning_messages(&set)[0].contains("not valid UTF-8"));
}
