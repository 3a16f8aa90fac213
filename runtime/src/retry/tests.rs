use std::time::Duration;

use super::*;
use crate::config::{Env, ProfileSet};

#[test]
fn backoff_doubles_with_full_jitter_and_is_capped() {
    let c = RetryConfig::standard();
    assert_eq!(c.backoff(1, 1.0), Duration::from_secs(1));
    assert_eq!(c.backoff(2, 1.0), Duration::from_secs(2));
    assert_eq!(c.backoff(3, 0.5), Duration::from_secs(2));
    assert_eq!(c.backoff(6, 1.0), Duration::from_secs(20));
    assert_eq!(c.backoff(400, 1.0), Duration::from_secs(20));
    assert_eq!(c.backoff(4, 0.0), Duration::ZERO);
    // Jitter outside [0, 1] cannot stretch the bound.
    assert_eq!(c.backoff(1, 7.0), Duration::from_secs(1));
    assert_eq!(c.backoff(1, f64::NAN), Duration::ZERO);
}

#[test]
fn classification_follows_codes_statuses_and_retryable_errors() {
    assert_eq!(
        classify(400, Some("ThrottlingException"), &[]),
        Some(RetryKind::Throttling)
    );
    assert_eq!(
        classify(400, Some("RequestLimitExceeded"), &[]),
        Some(RetryKind::Throttling)
    );
    assert_eq!(classify(429, None, &[]), Some(RetryKind::Throttling));
    assert_eq!(
        classify(400, Some("RequestTimeout"), &[]),
        Some(RetryKind::Transient)
    );
    for status in [500, 502, 503, 504] {
        assert_eq!(classify(status, None, &[]), Some(RetryKind::Transient));
    }
    assert_eq!(classify(501, None, &[]), None);
    assert_eq!(classify(400, Some("ValidationException"), &[]), None);
    assert_eq!(classify(404, Some("ResourceNotFoundException"), &[]), None);
    let retryable = [("FleetCapacityExceeded", false), ("Busy", true)];
    assert_eq!(
        classify(400, Some("FleetCapacityExceeded"), &retryable),
        Some(RetryKind::Transient)
    );
    assert_eq!(
        classify(400, Some("Busy"), &retryable),
        Some(RetryKind::Throttling)
    );
}

#[test]
fn quota_takes_per_retry_and_refunds_on_success() {
    let q = RetryQuota::new();
    assert_eq!(q.acquire(RetryKind::Transient), Some(5));
    assert_eq!(q.acquire(RetryKind::Timeout), Some(10));
    assert_eq!(q.available(), 485);
    q.refund(15);
    assert_eq!(q.available(), 500);
    q.refund(0); // a first-attempt success: capped at the initial 500
    assert_eq!(q.available(), 500);
    let shared = q.clone();
    let mut retries = 0;
    while shared.acquire(RetryKind::Throttling).is_some() {
        retries += 1;
    }
    assert_eq!(retries, 100, "500 tokens at 5 a retry");
    assert_eq!(q.available(), 0, "clones share one bucket");
    assert_eq!(q.acquire(RetryKind::Transient), None);
}

fn from_env(
    vars: &[(&str, &str)],
    config: &str,
) -> Result<RetryConfig, crate::config::ConfigError> {
    let env = Env::from_map(vars.iter().copied().chain([("HOME", "/h")]))
        .with_file("/h/.aws/config", config);
    RetryConfig::standard().from_env(&env, &ProfileSet::load(&env))
}

#[test]
fn settings_come_from_env_then_profile() {
    assert_eq!(from_env(&[], "").unwrap().max_attempts(), 3);
    assert_eq!(
        from_env(&[], "[default]\nmax_attempts = 7\n")
            .unwrap()
            .max_attempts(),
        7
    );
    let both = from_env(
        &[("AWS_MAX_ATTEMPTS", "2")],
        "[default]\nmax_attempts = 7\n",
    );
    assert_eq!(both.unwrap().max_attempts(), 2);
    assert!(from_env(&[("AWS_RETRY_MODE", "standard")], "").is_ok());
    assert!(from_env(&[("AWS_RETRY_MODE", "Legacy")], "").is_ok());
}

#[test]
fn bad_settings_name_their_source() {
    let e = from_env(&[("AWS_MAX_ATTEMPTS", "three")], "").unwrap_err();
    assert!(e.to_string().contains("AWS_MAX_ATTEMPTS"), "{e}");
    let e = from_env(&[("AWS_MAX_ATTEMPTS", "0")], "").unwrap_err();
    assert!(e.to_string().contains("1 or more"), "{e}");
    let e = from_env(&[], "[default]\nretry_mode = adaptive\n").unwrap_err();
    assert!(e.to_string().contains("not supported"), "{e}");
    assert!(e.to_string().contains("retry_mode"), "{e}");
}
