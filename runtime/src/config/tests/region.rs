//! The region and where it was set.

use super::{fake_env, CONFIG_PATH};
use crate::config::{region_from_env, resolve_region, ConfigLocation, FileKind, ProfileSet};

#[test]
fn code_then_aws_region_then_aws_default_region_then_the_profile() {
    let config = "[default]\nregion = from-profile\n";
    let all = [
        ("AWS_REGION", "from-region"),
        ("AWS_DEFAULT_REGION", "from-default"),
    ];
    let env = fake_env(&all, config, "");
    let profiles = ProfileSet::load(&env);
    let region = |code| resolve_region(code, &env, &profiles).map(|r| r.into_name());
    assert_eq!(region(Some("from-code")).as_deref(), Some("from-code"));
    assert_eq!(region(None).as_deref(), Some("from-region"));
    let env = fake_env(&all[1..], config, "");
    assert_eq!(region_from_env(&env).unwrap().name(), "from-default");
    let env = fake_env(&[], config, "");
    assert_eq!(region_from_env(&env).unwrap().name(), "from-profile");
    assert_eq!(region_from_env(&fake_env(&[], "", "")), None);
}

#[test]
fn blank_values_are_unset_and_values_are_trimmed() {
    let env = fake_env(
        &[("AWS_REGION", "  "), ("AWS_DEFAULT_REGION", " eu-west-3 ")],
        "[default]\nregion = us-east-1\n",
        "",
    );
    let profiles = ProfileSet::load(&env);
    let region = resolve_region(Some(" "), &env, &profiles).unwrap();
    assert_eq!(region.name(), "eu-west-3");
    assert_eq!(
        region.source(),
        &ConfigLocation::EnvVar {
            name: "AWS_DEFAULT_REGION".into()
        }
    );
}

#[test]
fn the_selected_profile_gives_the_region_and_its_line() {
    let env = fake_env(
        &[("AWS_PROFILE", "dev")],
        "[default]\nregion = us-east-1\n[profile dev]\n\nregion = ap-south-1\n",
        "",
    );
    let region = region_from_env(&env).unwrap();
    assert_eq!(region.name(), "ap-south-1");
    match region.source() {
        ConfigLocation::File {
            file,
            path,
            line,
            section,
            key,
            ..
        } => {
            assert_eq!(*file, FileKind::Config);
            assert_eq!(path.as_deref(), Some(std::path::Path::new(CONFIG_PATH)));
            assert_eq!(
                (*line, section.as_str(), key.as_str()),
                (5, "dev", "region")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn client_config_load_fills_the_region_by_the_same_precedence() {
    let env = fake_env(
        &[("AWS_DEFAULT_REGION", "eu-west-3")],
        "[default]\nregion = us-east-1\n",
        "",
    );
    let loaded = crate::ClientConfig::new().load("GameLift", &env).unwrap();
    assert_eq!(loaded.region(), Some("eu-west-3"));
    let in_code = crate::ClientConfig::new()
        .with_region("ap-south-1")
        .load("GameLift", &env)
        .unwrap();
    assert_eq!(in_code.region(), Some("ap-south-1"));
    let env = fake_env(&[], "[default]\nregion = us-east-1\n", "");
    let loaded = crate::ClientConfig::new().load("GameLift", &env).unwrap();
    assert_eq!(loaded.region(), Some("us-east-1"));
}
