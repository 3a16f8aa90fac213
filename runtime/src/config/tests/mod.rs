//! Tests of the `config` module. Every test uses an in-memory [`Env`]: none reads the real
//! environment or home directory.

mod endpoint;
mod endpoint_url;
mod env;
mod load;
mod parser;
mod region;
mod robustness;

use super::{Env, ProfileSet};

/// The home directory of the fake environments.
const HOME: &str = "/home/test";
const CONFIG_PATH: &str = "/home/test/.aws/config";
const CREDENTIALS_PATH: &str = "/home/test/.aws/credentials";

/// A fake environment with `HOME`, the given variables, and the given shared files at their
/// default paths (an empty text means no file).
fn fake_env(variables: &[(&str, &str)], config: &str, credentials: &str) -> Env {
    let mut env = Env::from_map(
        [("HOME", HOME)]
            .iter()
            .chain(variables)
            .map(|&(name, value)| (name, value)),
    );
    if !config.is_empty() {
        env = env.with_file(CONFIG_PATH, config);
    }
    if !credentials.is_empty() {
        env = env.with_file(CREDENTIALS_PATH, credentials);
    }
    env
}

/// The config file's profiles, with no credentials file.
fn parse_config(config: &str) -> ProfileSet {
    ProfileSet::parse(config, "")
}

/// The warnings' messages, for assertions that do not care about lines.
fn warning_messages(set: &ProfileSet) -> Vec<String> {
    set.warnings()
        .iter()
        .map(|w| w.message().to_owned())
        .collect()
}

#[test]
fn env_debug_shows_names_never_values() {
    let env = Env::from_map([("AWS_SECRET_ACCESS_KEY", "wJalrXUtnFEMI"), ("HOME", "/h")])
        .with_file(
            "/h/.aws/credentials",
            "aws_secret_access_key = s3cr3t-in-file\n",
        );
    let shown = format!("{env:?}");
    assert!(shown.contains("AWS_SECRET_ACCESS_KEY") && shown.contains("/h/.aws/credentials"));
    assert!(
        !shown.contains("wJalrXUtnFEMI") && !shown.contains("s3cr3t"),
        "{shown}"
    );
}
