//! An overall deadline for any provider, with no async runtime: a timer thread wakes the
//! waiting future.

use std::fmt;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::{Duration, Instant};

use super::{CredentialsError, CredentialsFuture, ProvideCredentials, SharedCredentialsProvider};

/// A provider in front of another that gives up after `timeout`: a
/// [`Timeout`](super::CredentialsErrorKind::Timeout) error when the inner provider has not
/// answered by then (its future is dropped).
///
/// The HTTP providers set no timeouts of their own (the transport's connect and read timeouts
/// bound each request): this bounds a whole chain or provider, a few requests included.
///
/// ```
/// use std::time::Duration;
/// use smithy_runtime::block_on;
/// use smithy_runtime::credentials::{Credentials, ProvideCredentials, TimeoutProvider};
///
/// let provider = TimeoutProvider::new(Credentials::new("AKID", "secret", None, None, "Code"), Duration::from_secs(5));
/// assert!(block_on(provider.provide_credentials()).is_ok());
/// ```
pub struct TimeoutProvider {
    provider: SharedCredentialsProvider,
    timeout: Duration,
}

impl TimeoutProvider {
    /// `provider`, given at most `timeout` to answer.
    pub fn new(provider: impl ProvideCredentials + 'static, timeout: Duration) -> Self {
        TimeoutProvider {
            provider: SharedCredentialsProvider::new(provider),
            timeout,
        }
    }
}

impl fmt::Debug for TimeoutProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimeoutProvider")
            .field("provider", &self.provider)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl ProvideCredentials for TimeoutProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let mut inner = pin!(self.provider.provide_credentials());
            let mut timer = Timer::new(self.timeout);
            poll_fn(|cx| {
                if let Poll::Ready(result) = inner.as_mut().poll(cx) {
                    return Poll::Ready(result);
                }
                match timer.poll(cx) {
                    Poll::Ready(()) => Poll::Ready(Err(CredentialsError::timeout(
                        "TimeoutProvider",
                        self.timeout,
                    ))),
                    Poll::Pending => Poll::Pending,
                }
            })
            .await
        })
    }
}

/// Fires once `duration` after its first poll. Its thread waits on a condition variable, so
/// dropping the timer ends the thread at once.
struct Timer {
    duration: Duration,
    shared: Option<Arc<Shared>>,
}

struct Shared {
    state: Mutex<TimerState>,
    changed: Condvar,
}

#[derive(Default)]
struct TimerState {
    fired: bool,
    dropped: bool,
    waker: Option<Waker>,
}

impl Timer {
    fn new(duration: Duration) -> Timer {
        Timer {
            duration,
            shared: None,
        }
    }

    fn poll(&mut self, cx: &mut Context<'_>) -> Poll<()> {
        let duration = self.duration;
        let shared = self.shared.get_or_insert_with(|| start(duration));
        let mut state = shared.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.fired {
            return Poll::Ready(());
        }
        state.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

impl Drop for Timer {
    fn drop(&mut self) {
        if let Some(shared) = &self.shared {
            shared
                .state
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .dropped = true;
            shared.changed.notify_all();
        }
    }
}

/// The timer's thread; without one, the timer fires at once rather than never.
fn start(duration: Duration) -> Arc<Shared> {
    let shared = Arc::new(Shared {
        state: Mutex::new(TimerState::default()),
        changed: Condvar::new(),
    });
    let deadline = Instant::now() + duration;
    let thread_shared = shared.clone();
    let spawned = thread::Builder::new()
        .name("credentials-timeout".into())
        .spawn(move || {
            let shared = thread_shared;
            let mut state = shared.state.lock().unwrap_or_else(PoisonError::into_inner);
            loop {
                if state.dropped {
                    return;
                }
                let now = Instant::now();
                if now >= deadline {
                    break;
                }
                state = shared
                    .changed
                    .wait_timeout(state, deadline - now)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
            state.fired = true;
            let waker = state.waker.take();
            drop(state);
            if let Some(waker) = waker {
                waker.wake();
            }
        });
    if spawned.is_err() {
        shared
            .state
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .fired = true;
    }
    shared
}
