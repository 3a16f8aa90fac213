//! Credentials fetched once and reused until they are about to expire.

use std::fmt;
use std::future::poll_fn;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, SystemTime};

use super::time::{SystemTimeSource, TimeSource};
use super::{
    Credentials, CredentialsError, CredentialsFuture, ProvideCredentials, SharedCredentialsProvider,
};

/// A provider in front of another that fetches credentials on first use and reuses them
/// until `buffer` (five minutes unless set) before they expire; credentials without an
/// expiry are reused forever.
///
/// One refresh at a time: callers that arrive while one is running wait for its result
/// (success or error) instead of fetching again. The lock is a std [`Mutex`] held only to
/// look at the cached value, never across an `await`. If the caller running a refresh drops
/// its future, a waiting caller takes the refresh over.
///
/// When a refresh fails while the cached credentials have not actually expired yet (they are
/// only within the buffer), those are returned, and the next call tries again.
///
/// ```
/// use smithy_runtime::block_on;
/// use smithy_runtime::credentials::{Credentials, LazyCredentialsCache, ProvideCredentials};
///
/// let cache = LazyCredentialsCache::new(Credentials::new("AKID", "secret", None, None, "Code"));
/// let first = block_on(cache.provide_credentials()).unwrap();
/// assert_eq!(first, block_on(cache.provide_credentials()).unwrap());
/// ```
pub struct LazyCredentialsCache {
    provider: SharedCredentialsProvider,
    time: Arc<dyn TimeSource>,
    buffer: Duration,
    state: Mutex<State>,
}

#[derive(Default)]
struct State {
    cached: Option<Credentials>,
    /// A caller is fetching.
    refreshing: bool,
    /// How many refreshes have finished.
    generation: u64,
    /// The result of the last refresh, for the callers that waited for it.
    last: Option<Result<Credentials, CredentialsError>>,
    waiters: Vec<Waker>,
}

/// What a caller does after looking at the state.
enum Next {
    Done(Result<Credentials, CredentialsError>),
    Refresh,
}

impl LazyCredentialsCache {
    /// How long before their expiry credentials are refreshed, unless set with
    /// [`with_buffer_time`](Self::with_buffer_time): five minutes, as in the SDKs.
    pub const DEFAULT_BUFFER_TIME: Duration = Duration::from_secs(5 * 60);

    /// A cache in front of `provider`, using the system clock.
    pub fn new(provider: impl ProvideCredentials + 'static) -> LazyCredentialsCache {
        LazyCredentialsCache {
            provider: SharedCredentialsProvider::new(provider),
            time: Arc::new(SystemTimeSource),
            buffer: LazyCredentialsCache::DEFAULT_BUFFER_TIME,
            state: Mutex::new(State::default()),
        }
    }

    /// Refreshes credentials `buffer` before they expire.
    pub fn with_buffer_time(mut self, buffer: Duration) -> LazyCredentialsCache {
        self.buffer = buffer;
        self
    }

    /// Reads the time from `time` (a fake clock in tests).
    pub fn with_time_source(mut self, time: impl TimeSource + 'static) -> LazyCredentialsCache {
        self.time = Arc::new(time);
        self
    }

    /// Forgets the cached credentials: the next call fetches (after a request failed with an
    /// expired-token error, say).
    pub fn invalidate(&self) {
        self.lock().cached = None;
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // Every update leaves the state consistent, so a poisoned lock is still usable.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// `credentials` are usable without a refresh at `now`.
    fn fresh(&self, credentials: &Credentials, now: SystemTime) -> bool {
        match credentials.expiry() {
            None => true,
            Some(expiry) => now
                .checked_add(self.buffer)
                .is_some_and(|refresh_at| refresh_at < expiry),
        }
    }

    /// One look at the state: cached credentials, the result of the refresh this caller
    /// waited for, this caller's turn to refresh, or a wait.
    fn next(&self, cx: &mut Context<'_>, waited_for: &mut Option<u64>) -> Poll<Next> {
        let mut state = self.lock();
        if let Some(credentials) = &state.cached {
            if self.fresh(credentials, self.time.now()) {
                return Poll::Ready(Next::Done(Ok(credentials.clone())));
            }
        }
        if let (Some(generation), Some(last)) = (*waited_for, &state.last) {
            if state.generation != generation {
                return Poll::Ready(Next::Done(last.clone()));
            }
        }
        if !state.refreshing {
            state.refreshing = true;
            return Poll::Ready(Next::Refresh);
        }
        waited_for.get_or_insert(state.generation);
        if !state.waiters.iter().any(|w| w.will_wake(cx.waker())) {
            state.waiters.push(cx.waker().clone());
        }
        Poll::Pending
    }

    async fn get(&self) -> Result<Credentials, CredentialsError> {
        let mut waited_for = None;
        match poll_fn(|cx| self.next(cx, &mut waited_for)).await {
            Next::Done(result) => result,
            Next::Refresh => {
                let refresh = Refresh { cache: self };
                let result = self.provider.provide_credentials().await;
                refresh.finish(result)
            }
        }
    }
}

/// The running refresh: stores its result, or (dropped unfinished) lets another caller
/// refresh.
struct Refresh<'a> {
    cache: &'a LazyCredentialsCache,
}

impl Refresh<'_> {
    fn finish(
        self,
        result: Result<Credentials, CredentialsError>,
    ) -> Result<Credentials, CredentialsError> {
        let cache = self.cache;
        std::mem::forget(self);
        let mut state = cache.lock();
        let result = match result {
            Ok(credentials) => {
                state.cached = Some(credentials.clone());
                Ok(credentials)
            }
            Err(error) => {
                let now = cache.time.now();
                let unexpired = state
                    .cached
                    .clone()
                    .filter(|c| c.expiry().is_some_and(|expiry| now < expiry));
                unexpired.ok_or(error)
            }
        };
        state.last = Some(result.clone());
        state.generation += 1;
        state.refreshing = false;
        let waiters = std::mem::take(&mut state.waiters);
        drop(state);
        waiters.into_iter().for_each(Waker::wake);
        result
    }
}

impl Drop for Refresh<'_> {
    fn drop(&mut self) {
        let mut state = self.cache.lock();
        state.refreshing = false;
        let waiters = std::mem::take(&mut state.waiters);
        drop(state);
        waiters.into_iter().for_each(Waker::wake);
    }
}

impl ProvideCredentials for LazyCredentialsCache {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(self.get())
    }
}

impl fmt::Debug for LazyCredentialsCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LazyCredentialsCache")
            .field("provider", &self.provider)
            .field("buffer", &self.buffer)
            .field("time", &self.time)
            .finish_non_exhaustive()
    }
}
