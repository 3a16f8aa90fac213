//! The lazy cache: when it fetches, what it shares, with a fake clock.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Barrier, Mutex};
use std::task::{Context, Waker};
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::block_on;
use crate::credentials::{
    Credentials, CredentialsError, CredentialsErrorKind, CredentialsFuture, LazyCredentialsCache,
    ProvideCredentials, TimeSource,
};

/// A clock the test moves.
#[derive(Debug, Clone)]
struct FakeClock(Arc<Mutex<SystemTime>>);

impl FakeClock {
    fn at(secs: u64) -> FakeClock {
        FakeClock(Arc::new(Mutex::new(UNIX_EPOCH + Duration::from_secs(secs))))
    }

    fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl TimeSource for FakeClock {
    fn now(&self) -> SystemTime {
        *self.0.lock().unwrap()
    }
}

/// Answers with the queued results in order (the last one repeated), counting calls and
/// optionally sleeping first (blocking its caller's thread, as a slow fetch would).
#[derive(Debug)]
struct Scripted {
    results: Mutex<VecDeque<Result<Credentials, CredentialsError>>>,
    calls: Arc<AtomicUsize>,
    delay: Duration,
}

impl Scripted {
    fn new(results: Vec<Result<Credentials, CredentialsError>>) -> (Scripted, Arc<AtomicUsize>) {
        let calls = Arc::new(AtomicUsize::new(0));
        let scripted = Scripted {
            results: Mutex::new(results.into()),
            calls: calls.clone(),
            delay: Duration::ZERO,
        };
        (scripted, calls)
    }
}

impl ProvideCredentials for Scripted {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        self.calls.fetch_add(1, Ordering::SeqCst);
        thread::sleep(self.delay);
        let mut results = self.results.lock().unwrap();
        let result = if results.len() > 1 {
            results.pop_front().unwrap()
        } else {
            results[0].clone()
        };
        Box::pin(std::future::ready(result))
    }
}

/// Credentials named `id` expiring `expires_at` seconds after the epoch.
fn expiring(id: &str, expires_at: u64) -> Credentials {
    let expiry = UNIX_EPOCH + Duration::from_secs(expires_at);
    Credentials::new(
        id,
        "SECRETKEY",
        Some("SESSIONTOKEN".into()),
        Some(expiry),
        "Test",
    )
}

fn key(cache: &LazyCredentialsCache) -> Result<String, CredentialsError> {
    block_on(cache.provide_credentials()).map(|c| c.access_key_id().to_owned())
}

#[test]
fn fetched_on_first_use_then_reused() {
    let (provider, calls) = Scripted::new(vec![Ok(expiring("first", 10_000))]);
    let cache = LazyCredentialsCache::new(provider).with_time_source(FakeClock::at(1_000));
    assert_eq!(calls.load(Ordering::SeqCst), 0);
    assert_eq!(key(&cache).unwrap(), "first");
    assert_eq!(key(&cache).unwrap(), "first");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[test]
fn credentials_without_expiry_are_kept_forever() {
    let forever = Credentials::new("forever", "SECRETKEY", None, None, "Test");
    let (provider, calls) = Scripted::new(vec![Ok(forever), Ok(expiring("other", 1))]);
    let clock = FakeClock::at(0);
    let cache = LazyCredentialsCache::new(provider).with_time_source(clock.clone());
    key(&cache).unwrap();
    clock.advance(Duration::from_secs(100 * 365 * 24 * 3600));
    assert_eq!(key(&cache).unwrap(), "forever");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[test]
fn refreshed_five_minutes_before_expiry() {
    let (provider, calls) = Scripted::new(vec![
        Ok(expiring("first", 3_600)),
        Ok(expiring("second", 7_200)),
    ]);
    let clock = FakeClock::at(0);
    let cache = LazyCredentialsCache::new(provider).with_time_source(clock.clone());
    assert_eq!(key(&cache).unwrap(), "first");
    // 5 min 1 s before expiry: still fresh.
    clock.advance(Duration::from_secs(3_600 - 301));
    assert_eq!(key(&cache).unwrap(), "first");
    // Within the five minutes: refreshed.
    clock.advance(Duration::from_secs(2));
    assert_eq!(key(&cache).unwrap(), "second");
    assert_eq!(key(&cache).unwrap(), "second");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[test]
fn the_buffer_is_configurable_and_invalidate_forgets() {
    let (provider, calls) = Scripted::new(vec![
        Ok(expiring("first", 3_600)),
        Ok(expiring("second", 7_200)),
        Ok(expiring("third", 9_000)),
    ]);
    let clock = FakeClock::at(0);
    let cache = LazyCredentialsCache::new(provider)
        .with_time_source(clock.clone())
        .with_buffer_time(Duration::from_secs(60));
    key(&cache).unwrap();
    clock.advance(Duration::from_secs(3_600 - 120));
    assert_eq!(key(&cache).unwrap(), "first");
    clock.advance(Duration::from_secs(61));
    assert_eq!(key(&cache).unwrap(), "second");
    cache.invalidate();
    assert_eq!(key(&cache).unwrap(), "third");
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[test]
fn errors_are_not_cached() {
    let failure = CredentialsError::provider_error("Test", "down");
    let (provider, calls) = Scripted::new(vec![Err(failure), Ok(expiring("ok", 10_000))]);
    let cache = LazyCredentialsCache::new(provider).with_time_source(FakeClock::at(0));
    assert_eq!(
        key(&cache).unwrap_err().kind(),
        CredentialsErrorKind::ProviderError
    );
    assert_eq!(key(&cache).unwrap(), "ok");
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

#[test]
fn a_failed_refresh_falls_back_to_unexpired_credentials_only() {
    let failure = CredentialsError::provider_error("Test", "down");
    let (provider, calls) = Scripted::new(vec![Ok(expiring("first", 3_600)), Err(failure)]);
    let clock = FakeClock::at(0);
    let cache = LazyCredentialsCache::new(provider).with_time_source(clock.clone());
    key(&cache).unwrap();
    clock.advance(Duration::from_secs(3_500));
    assert_eq!(key(&cache).unwrap(), "first");
    clock.advance(Duration::from_secs(100));
    assert_eq!(key(&cache).unwrap_err().message(), "down");
    assert_eq!(calls.load(Ordering::SeqCst), 3);
}

#[test]
fn concurrent_callers_share_one_fetch() {
    let (mut provider, calls) = Scripted::new(vec![Ok(expiring("shared", 10_000))]);
    provider.delay = Duration::from_millis(200);
    let cache = Arc::new(LazyCredentialsCache::new(provider).with_time_source(FakeClock::at(0)));
    let barrier = Arc::new(Barrier::new(8));
    let threads: Vec<_> = (0..8)
        .map(|_| {
            let (cache, barrier) = (cache.clone(), barrier.clone());
            thread::spawn(move || {
                barrier.wait();
                key(&cache).unwrap()
            })
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap(), "shared");
    }
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[test]
fn waiting_callers_get_the_error_of_the_refresh_they_waited_for() {
    let failure = CredentialsError::provider_error("Test", "down");
    let (mut provider, calls) = Scripted::new(vec![Err(failure)]);
    provider.delay = Duration::from_millis(200);
    let cache = Arc::new(LazyCredentialsCache::new(provider).with_time_source(FakeClock::at(0)));
    let barrier = Arc::new(Barrier::new(4));
    let threads: Vec<_> = (0..4)
        .map(|_| {
            let (cache, barrier) = (cache.clone(), barrier.clone());
            thread::spawn(move || {
                barrier.wait();
                key(&cache).unwrap_err().message().to_owned()
            })
        })
        .collect();
    for thread in threads {
        assert_eq!(thread.join().unwrap(), "down");
    }
    // Usually one fetch; a caller arriving after the refresh finished starts another.
    assert!(calls.load(Ordering::SeqCst) < 4);
}

/// Never answers on its first call; answers on later ones.
#[derive(Debug, Default)]
struct StallsOnce(AtomicUsize);

impl ProvideCredentials for StallsOnce {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        if self.0.fetch_add(1, Ordering::SeqCst) == 0 {
            Box::pin(std::future::pending())
        } else {
            Box::pin(std::future::ready(Ok(expiring("second try", 10_000))))
        }
    }
}

#[test]
fn a_refresh_dropped_midway_lets_the_next_caller_refresh() {
    let cache = LazyCredentialsCache::new(StallsOnce::default()).with_time_source(FakeClock::at(0));
    let mut stalled = cache.provide_credentials();
    let mut cx = Context::from_waker(Waker::noop());
    assert!(stalled.as_mut().poll(&mut cx).is_pending());
    drop(stalled);
    assert_eq!(key(&cache).unwrap(), "second try");
}

#[test]
fn debug_shows_no_secret() {
    let cache = LazyCredentialsCache::new(expiring("AKID", 10));
    block_on(cache.provide_credentials()).unwrap();
    super::assert_no_secret(&format!("{cache:?}"));
}
