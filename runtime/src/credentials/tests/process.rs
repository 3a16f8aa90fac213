//! `credential_process`: real tiny commands run by `sh`.
#![cfg(unix)]

use std::time::{Duration, Instant};

use super::{err, expiry_2030, fake_env, ok};
use crate::credentials::{
    CredentialProcessProvider, CredentialsErrorKind, ProfileCredentialsProvider, ProviderConfig,
};

/// A command printing `json`.
fn printing(json: &str) -> CredentialProcessProvider {
    CredentialProcessProvider::new(format!("printf '%s' '{json}'"))
}

#[test]
fn version_1_output_with_every_member() {
    let found = ok(&printing(
        r#"{"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "PROCESSSECRET-1", "SessionToken": "SESSIONTOKEN-p", "Expiration": "2030-01-02T03:04:05Z"}"#,
    ));
    assert_eq!(found.access_key_id(), "AKIDPROC");
    assert_eq!(found.secret_access_key(), "PROCESSSECRET-1");
    assert_eq!(found.session_token(), Some("SESSIONTOKEN-p"));
    assert_eq!(found.expiry(), Some(expiry_2030()));
    assert_eq!(found.provider(), "CredentialProcess");
}

#[test]
fn long_term_keys_need_no_token_or_expiration() {
    let found = ok(&printing(
        r#"{"Version":1,"AccessKeyId":"AKIDPROC","SecretAccessKey":"PROCESSSECRET-2","Extra":[1,{"a":null}]}"#,
    ));
    assert_eq!((found.session_token(), found.expiry()), (None, None));
}

#[test]
fn output_that_is_not_json_is_a_clear_error() {
    let error = err(&CredentialProcessProvider::new(
        "echo PROCESSSECRET not json",
    ));
    assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
    let shown = error.to_string();
    assert!(
        shown.starts_with(
            "CredentialProcess credentials: the output of `echo …`: not a JSON credentials document: "
        ),
        "{shown}"
    );
}

#[test]
fn a_wrong_or_missing_version_and_missing_keys_are_named() {
    let cases = [
        (
            r#"{"Version":2,"AccessKeyId":"A","SecretAccessKey":"PROCESSSECRET"}"#,
            "`Version` 2; only 1 is supported",
        ),
        (
            r#"{"AccessKeyId":"A","SecretAccessKey":"PROCESSSECRET"}"#,
            "no `Version`",
        ),
        (
            r#"{"Version":1,"SecretAccessKey":"PROCESSSECRET"}"#,
            "no `AccessKeyId`",
        ),
        (r#"{"Version":1,"AccessKeyId":"A"}"#, "no `SecretAccessKey`"),
        (
            r#"{"Version":1,"AccessKeyId":"A","SecretAccessKey":"PROCESSSECRET","Expiration":"soon"}"#,
            "not a JSON credentials document: at Expiration:",
        ),
    ];
    for (json, problem) in cases {
        let error = err(&printing(json));
        assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
        assert!(error.to_string().contains(problem), "{json}: {error}");
    }
}

#[test]
fn a_failing_command_shows_its_status_and_standard_error_but_not_its_output() {
    let command = "printf '{\"SecretAccessKey\":\"PROCESSSECRET\"}'; echo 'token expired, run login' >&2; exit 3";
    let error = err(&CredentialProcessProvider::new(command));
    assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
    assert_eq!(
        error.to_string(),
        "CredentialProcess credentials: `printf …` exited with exit status: 3; standard error: \
         token expired, run login"
    );
}

#[test]
fn a_hanging_command_is_killed_at_the_timeout() {
    let started = Instant::now();
    let provider =
        CredentialProcessProvider::new("sleep 10").with_timeout(Duration::from_millis(300));
    let error = err(&provider);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(error.kind(), CredentialsErrorKind::Timeout);
    assert_eq!(
        error.to_string(),
        "CredentialProcess credentials: timed out: `sleep …` was killed: still running after 300ms"
    );
}

/// `pid` is gone, or a zombie waiting for its new parent to reap it.
#[cfg(target_os = "linux")]
fn dead(pid: &str) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Err(_) => true,
        Ok(stat) => stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .trim_start()
            .starts_with('Z'),
    }
}

#[test]
#[cfg(target_os = "linux")]
fn the_processes_a_hanging_command_started_are_killed_too() {
    let pid_file = std::env::temp_dir().join(format!(
        "smithy-credential-process-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    // The shell forks `sleep`: killing the shell alone would leave it running.
    let command = format!("sleep 10 & echo $! > '{}'; wait", pid_file.display());
    let provider = CredentialProcessProvider::new(command).with_timeout(Duration::from_millis(300));
    assert_eq!(err(&provider).kind(), CredentialsErrorKind::Timeout);
    let pid = std::fs::read_to_string(&pid_file).unwrap();
    let _ = std::fs::remove_file(&pid_file);
    let pid = pid.trim();
    let deadline = Instant::now() + Duration::from_secs(5);
    while !dead(pid) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(dead(pid), "`sleep` (pid {pid}) still runs");
}

#[test]
fn a_command_that_cannot_run_is_an_error() {
    let error = err(&CredentialProcessProvider::new(
        "/nonexistent/credential-helper --x",
    ));
    assert_eq!(error.kind(), CredentialsErrorKind::ProviderError);
    assert!(
        error
            .to_string()
            .contains("`/nonexistent/credential-helper …` exited with exit status: 127"),
        "{error}"
    );
}

#[test]
fn the_profiles_credential_process_runs_with_the_configured_timeout() {
    let config = "[default]\ncredential_process = printf '%s' '{\"Version\":1,\"AccessKeyId\":\"AKIDPROFILE\",\"SecretAccessKey\":\"PROCESSSECRET\"}'\n";
    let provider = ProfileCredentialsProvider::new(ProviderConfig::new(fake_env(&[], config, "")));
    assert_eq!(ok(&provider).access_key_id(), "AKIDPROFILE");

    let config = "[default]\n\ncredential_process = sleep 5\n";
    let provider_config = ProviderConfig::new(fake_env(&[], config, ""))
        .with_process_timeout(Duration::from_millis(200));
    let error = err(&ProfileCredentialsProvider::new(provider_config));
    assert_eq!(error.kind(), CredentialsErrorKind::Timeout);
    let shown = error.to_string();
    assert!(
        shown.contains("`credential_process` in profile `default` of the config file /home/test/.aws/config, line 3"),
        "{shown}"
    );
}

#[test]
fn debug_leaves_out_the_arguments() {
    let provider = CredentialProcessProvider::new("vault-creds --password hunter2");
    let shown = format!("{provider:?}");
    assert!(shown.contains("vault-creds …"), "{shown}");
    super::assert_no_secret(&shown);
}
