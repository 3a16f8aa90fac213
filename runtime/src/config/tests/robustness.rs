//! Large and hostile inputs: parsing and resolving never panic and stay linear.

use super::{fake_env, HOME};
use crate::config::{EndpointConfig, Env, ProfileSet};

const MEGABYTE: usize = 1024 * 1024;

/// Loads `config` as the config file and resolves an endpoint from it; either may report
/// problems, neither may panic.
fn load_and_resolve(config: Vec<u8>) -> ProfileSet {
    let env = Env::from_map([("HOME", HOME)]).with_file("/home/test/.aws/config", config);
    let set = ProfileSet::load(&env);
    let _ = EndpointConfig::default().resolve("GameLift", &env, &set);
    set
}

#[test]
fn a_one_megabyte_file_of_profiles_parses_whole() {
    let mut config = String::with_capacity(MEGABYTE + 200);
    let mut count = 0;
    while config.len() < MEGABYTE {
        config.push_str(&format!(
            "[profile p{count}]\nregion = us-east-{count}\nservices = s{count}\n\
             [services s{count}]\ngamelift =\n  endpoint_url = http://h{count}:80\n# note\n"
        ));
        count += 1;
    }
    let set = ProfileSet::parse(&config, "");
    assert!(set.warnings().is_empty());
    assert_eq!(set.profiles().count(), count);
    let last = format!("p{}", count - 1);
    let set = set.with_selected_profile(last);
    let url = EndpointConfig::default()
        .resolve("GameLift", &Env::from_map([("HOME", HOME)]), &set)
        .unwrap()
        .endpoint_url;
    assert_eq!(url, Some(format!("http://h{}:80", count - 1)));
}

#[test]
fn a_one_megabyte_value_and_a_one_megabyte_line_parse() {
    let continued = format!(
        "[default]\nendpoint_url = http://h\n{}",
        "  -x\n".repeat(MEGABYTE / 5)
    );
    let set = ProfileSet::parse(&continued, "");
    let value = set.profile("default").unwrap().get("endpoint_url").unwrap();
    assert_eq!(value.len(), "http://h".len() + 3 * (MEGABYTE / 5));
    let env = fake_env(&[], &continued, "");
    let err = EndpointConfig::default()
        .resolve_from_env("S3", &env)
        .unwrap_err();
    assert!(err.problem().contains("not a valid URL"), "{err}");

    let long_line = format!("[default]\nk = {}", "v".repeat(MEGABYTE));
    let set = ProfileSet::parse(&long_line, "");
    assert_eq!(
        set.profile("default").unwrap().get("k").unwrap().len(),
        MEGABYTE
    );
    let long_header = format!("[profile {}", "n".repeat(MEGABYTE));
    assert_eq!(ProfileSet::parse(&long_header, "").warnings().len(), 1);
}

#[test]
fn a_one_megabyte_file_of_random_bytes_does_not_panic() {
    let mut rng = fastrand::Rng::with_seed(0x5eed);
    let bytes: Vec<u8> = std::iter::repeat_with(|| rng.u8(..))
        .take(MEGABYTE)
        .collect();
    let set = load_and_resolve(bytes);
    assert!(set.warnings().len() <= 102, "warnings are capped");
}

#[test]
fn many_small_random_files_do_not_panic() {
    let mut rng = fastrand::Rng::with_seed(7);
    for _ in 0..2000 {
        let len = rng.usize(..64);
        let bytes: Vec<u8> = std::iter::repeat_with(|| rng.u8(..)).take(len).collect();
        load_and_resolve(bytes);
    }
}

#[test]
fn random_mixes_of_the_syntax_do_not_panic() {
    const PIECES: &[&str] = &[
        "[",
        "]",
        "profile ",
        "services ",
        "sso-session ",
        "default",
        "local",
        "=",
        " ",
        "\t",
        "#",
        ";",
        "\n",
        "\r\n",
        "\r",
        "gamelift",
        "endpoint_url",
        "services",
        "http://x",
        "ignore_configured_endpoint_urls",
        "true",
        "é",
        "\u{feff}",
        "\u{fffd}",
        "😂",
        ":",
        "[::1]",
        "?",
        "%",
        "~",
    ];
    let mut rng = fastrand::Rng::with_seed(42);
    for _ in 0..3000 {
        let config: String = (0..rng.usize(..40))
            .map(|_| PIECES[rng.usize(..PIECES.len())])
            .collect();
        let credentials: String = (0..rng.usize(..10))
            .map(|_| PIECES[rng.usize(..PIECES.len())])
            .collect();
        let set = ProfileSet::parse(&config, &credentials);
        for profile in set.profiles() {
            let set = set.clone().with_selected_profile(profile.name());
            let _ =
                EndpointConfig::default().resolve("GameLift", &Env::from_map([("A", "B")]), &set);
        }
        for warning in set.warnings() {
            let _ = warning.to_string();
        }
    }
}
