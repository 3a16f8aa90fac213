//! The overall deadline.

use std::time::{Duration, Instant};

use super::{err, ok};
use crate::credentials::{
    Credentials, CredentialsErrorKind, CredentialsFuture, ProvideCredentials, TimeoutProvider,
};

#[derive(Debug)]
struct NeverAnswers;

impl ProvideCredentials for NeverAnswers {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(std::future::pending())
    }
}

#[test]
fn a_provider_that_never_answers_times_out() {
    let started = Instant::now();
    let error = err(&TimeoutProvider::new(
        NeverAnswers,
        Duration::from_millis(50),
    ));
    assert!(started.elapsed() >= Duration::from_millis(50));
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(error.kind(), CredentialsErrorKind::Timeout);
    assert_eq!(
        error.to_string(),
        "TimeoutProvider credentials: timed out: no credentials after 50ms"
    );
}

#[test]
fn a_provider_that_answers_in_time_is_passed_through() {
    let inner = Credentials::new("AKID", "SECRETKEY", None, None, "Code");
    let provider = TimeoutProvider::new(inner, Duration::from_secs(30));
    let started = Instant::now();
    assert_eq!(ok(&provider).access_key_id(), "AKID");
    // The timer's thread does not hold anything up.
    assert!(started.elapsed() < Duration::from_secs(5));
}
