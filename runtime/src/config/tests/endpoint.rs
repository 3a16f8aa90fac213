//! The precedence of endpoint settings, step by step.

use std::path::PathBuf;

use super::{fake_env, CONFIG_PATH};
use crate::config::profile::SectionKind;
use crate::config::{ConfigError, ConfigLocation, EndpointConfig, Env, FileKind};

/// A config file setting every file-based endpoint source of the `default` profile:
/// GameLift's block in the `local` services section, and the profile's own URL.
const CONFIG: &str = "[default]\n\
                      services = local\n\
                      endpoint_url = http://profile\n\
                      [services local]\n\
                      gamelift =\n  endpoint_url = http://services-gamelift\n\
                      elastic_load_balancing_v2 =\n  endpoint_url = http://services-elb\n";

/// Every environment source of GameLift's endpoint URL.
const ENV_URLS: [(&str, &str); 2] = [
    ("AWS_ENDPOINT_URL_GAMELIFT", "http://env-gamelift"),
    ("AWS_ENDPOINT_URL", "http://env-global"),
];

fn resolve(code: EndpointConfig, sdk_id: &str, env: &Env) -> Result<EndpointConfig, ConfigError> {
    code.resolve_from_env(sdk_id, env)
}

fn endpoint_url(sdk_id: &str, env: &Env) -> Option<String> {
    resolve(EndpointConfig::default(), sdk_id, env)
        .unwrap()
        .endpoint_url
}

fn error(code: EndpointConfig, env: &Env) -> String {
    resolve(code, "GameLift", env).unwrap_err().to_string()
}

#[test]
fn nothing_configured_resolves_to_nothing() {
    let config = resolve(
        EndpointConfig::default(),
        "GameLift",
        &fake_env(&[], "", ""),
    );
    assert_eq!(config, Ok(EndpointConfig::default()));
}

#[test]
fn step_1_the_url_set_in_code_wins() {
    let env = fake_env(&ENV_URLS, CONFIG, "");
    let code = EndpointConfig::default().with_endpoint_url("https://code.example");
    let config = resolve(code, "GameLift", &env).unwrap();
    assert_eq!(config.endpoint_url.as_deref(), Some("https://code.example"));
}

#[test]
fn step_1_the_url_set_in_code_hides_invalid_configured_urls() {
    let env = fake_env(
        &[
            ("AWS_ENDPOINT_URL_GAMELIFT", "not a url"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "maybe"),
        ],
        "",
        "",
    );
    let code = EndpointConfig::default().with_endpoint_url("http://code");
    assert_eq!(
        resolve(code, "GameLift", &env)
            .unwrap()
            .endpoint_url
            .as_deref(),
        Some("http://code")
    );
}

#[test]
fn step_1_the_url_set_in_code_survives_ignore_configured_endpoint_urls() {
    let env = fake_env(
        &[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")],
        CONFIG,
        "",
    );
    let code = EndpointConfig::default().with_endpoint_url("http://code");
    assert_eq!(
        resolve(code, "GameLift", &env)
            .unwrap()
            .endpoint_url
            .as_deref(),
        Some("http://code")
    );
}

#[test]
fn step_1_an_invalid_url_set_in_code_is_an_error() {
    let code = EndpointConfig::default().with_endpoint_url("localhost:8080");
    let err = resolve(code, "GameLift", &fake_env(&[], "", "")).unwrap_err();
    assert_eq!(
        err.location(),
        &ConfigLocation::Code {
            setting: "endpoint_url".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "invalid configuration: `endpoint_url` set in code is \"localhost:8080\": \
         an endpoint URL must be absolute, starting with `http://` or `https://`"
    );
}

#[test]
fn step_2_the_ignore_variable_turns_off_every_configured_url() {
    for value in ["true", "TRUE", "True", " true "] {
        let mut variables = ENV_URLS.to_vec();
        variables.push(("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", value));
        let env = fake_env(&variables, CONFIG, "");
        assert_eq!(endpoint_url("GameLift", &env), None, "{value:?}");
    }
}

#[test]
fn step_2_the_ignore_variable_set_to_false_changes_nothing() {
    let env = fake_env(
        &[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "False")],
        CONFIG,
        "",
    );
    assert_eq!(
        endpoint_url("GameLift", &env).as_deref(),
        Some("http://services-gamelift")
    );
}

#[test]
fn step_2_the_ignore_property_of_the_profile_turns_off_every_configured_url() {
    let config = format!("{CONFIG}[default]\nignore_configured_endpoint_urls = true\n");
    let env = fake_env(&ENV_URLS, &config, "");
    assert_eq!(endpoint_url("GameLift", &env), None);
}

#[test]
fn step_2_the_ignore_variable_wins_over_the_ignore_property() {
    let config = format!("{CONFIG}[default]\nignore_configured_endpoint_urls = true\n");
    let env = fake_env(
        &[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")],
        &config,
        "",
    );
    assert_eq!(
        endpoint_url("GameLift", &env).as_deref(),
        Some("http://services-gamelift")
    );
}

#[test]
fn step_2_an_invalid_ignore_value_is_an_error() {
    let env = fake_env(&[("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "yes")], "", "");
    assert_eq!(
        error(EndpointConfig::default(), &env),
        "invalid configuration: environment variable `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` \
         is \"yes\": expected `true` or `false`"
    );
}

#[test]
fn step_3_the_service_variable_wins_over_the_global_one_and_the_files() {
    let env = fake_env(&ENV_URLS, CONFIG, "");
    assert_eq!(
        endpoint_url("GameLift", &env).as_deref(),
        Some("http://env-gamelift")
    );
}

#[test]
fn step_3_the_service_variable_is_the_upper_cased_sdk_id_with_underscores() {
    let env = fake_env(
        &[(
            "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2",
            "http://env-elb",
        )],
        CONFIG,
        "",
    );
    assert_eq!(
        endpoint_url("Elastic Load Balancing v2", &env).as_deref(),
        Some("http://env-elb")
    );
    // Another service's variable does not apply.
    assert_eq!(
        endpoint_url("GameLift", &env).as_deref(),
        Some("http://services-gamelift")
    );
}

#[test]
fn step_3_a_blank_service_variable_counts_as_unset() {
    let env = fake_env(
        &[
            ("AWS_ENDPOINT_URL_GAMELIFT", "  "),
            ("AWS_ENDPOINT_URL", "http://env-global"),
        ],
        "",
        "",
    );
    assert_eq!(
        endpoint_url("GameLift", &env).as_deref(),
        Some("http://env-global")
    );
}

#[test]
fn step_3_the_service_variable_is_trimmed() {
    let env = fake_env(&[("AWS_ENDPOINT_URL_S3", " http://env-s3 \n")], "", "");
    assert_eq!(endpoint_url("S3", &env).as_deref(), Some("http://env-s3"));
}

#[test]
fn step_4_the_global_variable_wins_over_the_files() {
    let env = fake_env(&ENV_URLS[1..], CONFIG, "");
    assert_eq!(
        endpoint_url("GameLift", &env).as_deref(),
        Some("http://env-global")
    );
}

#[test]
fn step_5_the_services_section_wins_over_the_profile_url() {
    let env = fake_env(&[], CONFIG, "");
    assert_eq!(
        endpoint_url("GameLift", &env).as_deref(),
        Some("http://services-gamelift")
    );
    assert_eq!(
        endpoint_url("Elastic Load Balancing v2", &env).as_deref(),
        Some("http://services-elb")
    );
}

#[test]
fn step_5_the_services_block_key_is_case_insensitive() {
    let config = "[default]\nservices = local\n[services local]\nGameLift =\n  Endpoint_URL = http://mixed\n";
    let env = fake_env(&[], config, "");
    assert_eq!(
        endpoint_url("GameLift", &env).as_deref(),
        Some("http://mixed")
    );
}

#[test]
fn step_5_only_the_services_section_of_the_selected_profile_applies() {
    let config = "[default]\n[profile dev]\nservices = dev\n[services dev]\ns3 =\n  endpoint_url = http://dev-s3\n";
    assert_eq!(endpoint_url("S3", &fake_env(&[], config, "")), None);
    let env = fake_env(&[("AWS_PROFILE", "dev")], config, "");
    assert_eq!(endpoint_url("S3", &env).as_deref(), Some("http://dev-s3"));
}

#[test]
fn step_5_a_missing_services_section_is_an_error() {
    let env = fake_env(
        &[],
        "[default]\nservices = nowhere\nendpoint_url = http://profile\n",
        "",
    );
    let err = resolve(EndpointConfig::default(), "GameLift", &env).unwrap_err();
    assert_eq!(err.value(), "nowhere");
    assert_eq!(
        err.to_string(),
        "invalid configuration: `services` in profile `default` of the config file \
         /home/test/.aws/config, line 2 is \"nowhere\": \
         the config file has no `[services nowhere]` section"
    );
}

#[test]
fn step_5_a_services_section_is_not_needed_when_an_environment_url_is_set() {
    let env = fake_env(&ENV_URLS[1..], "[default]\nservices = nowhere\n", "");
    assert_eq!(
        endpoint_url("GameLift", &env).as_deref(),
        Some("http://env-global")
    );
}

#[test]
fn step_6_the_profile_url_applies_when_the_services_section_lacks_the_service() {
    let env = fake_env(&[], CONFIG, "");
    assert_eq!(endpoint_url("S3", &env).as_deref(), Some("http://profile"));
}

#[test]
fn step_6_a_services_block_without_endpoint_url_falls_back_to_the_profile_url() {
    let config =
        "[default]\nservices = s\nendpoint_url = http://profile\n[services s]\ns3 =\n  other = x\n\
                  gamelift = http://not-a-block\n";
    let env = fake_env(&[], config, "");
    assert_eq!(endpoint_url("S3", &env).as_deref(), Some("http://profile"));
    assert_eq!(
        endpoint_url("GameLift", &env).as_deref(),
        Some("http://profile")
    );
}

#[test]
fn step_6_a_blank_profile_url_counts_as_unset() {
    let env = fake_env(&[], "[default]\nendpoint_url =\n", "");
    assert_eq!(endpoint_url("S3", &env), None);
}

#[test]
fn step_6_the_credentials_file_url_wins_over_the_config_file_url() {
    let env = fake_env(
        &[],
        "[default]\nendpoint_url = http://config\n",
        "[default]\nendpoint_url = http://credentials\n",
    );
    assert_eq!(
        endpoint_url("S3", &env).as_deref(),
        Some("http://credentials")
    );
}

#[test]
fn an_unknown_selected_profile_configures_nothing() {
    let env = fake_env(&[("AWS_PROFILE", "nope")], CONFIG, "");
    assert_eq!(
        resolve(EndpointConfig::default(), "GameLift", &env),
        Ok(EndpointConfig::default())
    );
}

#[test]
fn only_the_url_used_is_checked() {
    let env = fake_env(
        &[
            ("AWS_ENDPOINT_URL_GAMELIFT", "http://ok"),
            ("AWS_ENDPOINT_URL", "::bad::"),
        ],
        "[default]\nendpoint_url = also bad\n",
        "",
    );
    assert_eq!(endpoint_url("GameLift", &env).as_deref(), Some("http://ok"));
}

#[test]
fn an_invalid_environment_url_names_the_variable() {
    let env = fake_env(&[("AWS_ENDPOINT_URL_GAMELIFT", "ftp://files")], "", "");
    let err = resolve(EndpointConfig::default(), "GameLift", &env).unwrap_err();
    assert_eq!(
        err.location(),
        &ConfigLocation::EnvVar {
            name: "AWS_ENDPOINT_URL_GAMELIFT".into()
        }
    );
    assert_eq!(
        err.to_string(),
        "invalid configuration: environment variable `AWS_ENDPOINT_URL_GAMELIFT` is \
         \"ftp://files\": the scheme `ftp` is not `http` or `https`"
    );
}

#[test]
fn an_invalid_services_url_names_the_file_line_section_and_key() {
    let config =
        "[default]\nservices = local\n[services local]\ngamelift =\n  endpoint_url = localhost:1\n";
    let err = resolve(
        EndpointConfig::default(),
        "GameLift",
        &fake_env(&[], config, ""),
    )
    .unwrap_err();
    assert_eq!(
        err.location(),
        &ConfigLocation::File {
            file: FileKind::Config,
            path: Some(PathBuf::from(CONFIG_PATH)),
            line: 5,
            section_kind: SectionKind::Services,
            section: "local".into(),
            key: "gamelift.endpoint_url".into(),
        }
    );
    assert_eq!(
        err.to_string(),
        "invalid configuration: `gamelift.endpoint_url` in services section `local` of the \
         config file /home/test/.aws/config, line 5 is \"localhost:1\": \
         an endpoint URL must be absolute, starting with `http://` or `https://`"
    );
}

#[test]
fn an_invalid_profile_url_names_the_profile() {
    let env = fake_env(
        &[("AWS_PROFILE", "dev")],
        "",
        "[dev]\nendpoint_url = http://h:70000\n",
    );
    assert_eq!(
        error(EndpointConfig::default(), &env),
        "invalid configuration: `endpoint_url` in profile `dev` of the credentials file \
         /home/test/.aws/credentials, line 2 is \"http://h:70000\": \
         the port `70000` is not a number from 0 to 65535"
    );
}

#[test]
fn fips_and_dual_stack_come_from_the_environment_first() {
    let config = "[default]\nuse_fips_endpoint = false\nuse_dualstack_endpoint = false\n";
    let env = fake_env(
        &[
            ("AWS_USE_FIPS_ENDPOINT", "TRUE"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "true"),
        ],
        config,
        "",
    );
    let config = resolve(EndpointConfig::default(), "S3", &env).unwrap();
    assert_eq!(
        (config.use_fips, config.use_dual_stack),
        (Some(true), Some(true))
    );
}

#[test]
fn fips_and_dual_stack_come_from_the_profile_next() {
    let config = "[default]\nuse_fips_endpoint = True\nuse_dualstack_endpoint = FALSE\n";
    let config = resolve(EndpointConfig::default(), "S3", &fake_env(&[], config, "")).unwrap();
    assert_eq!(
        (config.use_fips, config.use_dual_stack),
        (Some(true), Some(false))
    );
}

#[test]
fn fips_and_dual_stack_set_in_code_win() {
    let env = fake_env(
        &[
            ("AWS_USE_FIPS_ENDPOINT", "true"),
            ("AWS_USE_DUALSTACK_ENDPOINT", "invalid"),
        ],
        "",
        "",
    );
    let code = EndpointConfig::default()
        .with_use_fips(false)
        .with_use_dual_stack(false);
    let config = resolve(code, "S3", &env).unwrap();
    assert_eq!(
        (config.use_fips, config.use_dual_stack),
        (Some(false), Some(false))
    );
}

#[test]
fn fips_and_dual_stack_ignore_the_ignore_setting() {
    let env = fake_env(
        &[
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
            ("AWS_USE_FIPS_ENDPOINT", "true"),
        ],
        "",
        "",
    );
    assert_eq!(
        resolve(EndpointConfig::default(), "S3", &env)
            .unwrap()
            .use_fips,
        Some(true)
    );
}

#[test]
fn an_invalid_flag_is_an_error_naming_its_source() {
    let env = fake_env(&[("AWS_USE_FIPS_ENDPOINT", "1")], "", "");
    assert_eq!(
        error(EndpointConfig::default(), &env),
        "invalid configuration: environment variable `AWS_USE_FIPS_ENDPOINT` is \"1\": \
         expected `true` or `false`"
    );
    let env = fake_env(&[], "[default]\n\nuse_dualstack_endpoint = on\n", "");
    assert_eq!(
        error(EndpointConfig::default(), &env),
        "invalid configuration: `use_dualstack_endpoint` in profile `default` of the config \
         file /home/test/.aws/config, line 3 is \"on\": expected `true` or `false`"
    );
}

#[test]
fn resolve_takes_an_already_loaded_profile_set() {
    let profiles = crate::config::ProfileSet::parse(
        "[profile p]\nendpoint_url = http://p\nuse_fips_endpoint = true\n",
        "",
    )
    .with_selected_profile("p");
    let env = Env::from_map([("AWS_USE_DUALSTACK_ENDPOINT", "false")]);
    let config = EndpointConfig::default()
        .resolve("S3", &env, &profiles)
        .unwrap();
    assert_eq!(
        config,
        EndpointConfig {
            endpoint_url: Some("http://p".into()),
            use_fips: Some(true),
            use_dual_stack: Some(false),
        }
    );
    // Parsed from text, the file has no path to name.
    let bad = crate::config::ProfileSet::parse("[default]\nendpoint_url = bad\n", "");
    let err = EndpointConfig::default()
        .resolve("S3", &env, &bad)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("of the config file, line 2 is \"bad\""),
        "{err}"
    );
}

#[test]
fn or_layers_set_fields_over_a_fallback() {
    let code = EndpointConfig::default().with_use_fips(false);
    let loaded = EndpointConfig {
        endpoint_url: Some("http://loaded".into()),
        use_fips: Some(true),
        use_dual_stack: None,
    };
    assert_eq!(
        code.or(loaded),
        EndpointConfig {
            endpoint_url: Some("http://loaded".into()),
            use_fips: Some(false),
            use_dual_stack: None,
        }
    );
}

#[test]
fn config_errors_expose_their_parts() {
    let env = fake_env(&[("AWS_USE_DUALSTACK_ENDPOINT", "nope")], "", "");
    let err = resolve(EndpointConfig::default(), "S3", &env).unwrap_err();
    assert_eq!(err.value(), "nope");
    assert_eq!(err.problem(), "expected `true` or `false`");
    let as_error: &dyn std::error::Error = &err;
    assert!(as_error.source().is_none());
}
