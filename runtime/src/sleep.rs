//! Waiting without an async runtime of our own: retries wait between attempts and timeouts
//! race a timer, through [`AsyncSleep`], so the runtime works on tokio, on another executor, or
//! on [`block_on`](crate::block_on).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread;
use std::time::Duration;

/// The future [`AsyncSleep::sleep`] returns.
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// A timer: a future that completes after a duration.
pub trait AsyncSleep: Send + Sync + fmt::Debug {
    /// A future that completes after `duration`.
    fn sleep(&self, duration: Duration) -> Sleep;
}

/// A shared [`AsyncSleep`].
#[derive(Clone, Debug)]
pub struct SharedAsyncSleep(Arc<dyn AsyncSleep>);

impl SharedAsyncSleep {
    /// Shares `sleep`.
    pub fn new(sleep: impl AsyncSleep + 'static) -> SharedAsyncSleep {
        SharedAsyncSleep(Arc::new(sleep))
    }

    /// A future that completes after `duration`.
    pub fn sleep(&self, duration: Duration) -> Sleep {
        self.0.sleep(duration)
    }
}

impl Default for SharedAsyncSleep {
    /// [`DefaultSleep`]: tokio's timer inside a tokio runtime, else [`ThreadSleep`].
    fn default() -> Self {
        SharedAsyncSleep::new(DefaultSleep)
    }
}

/// tokio's timer when called inside a tokio runtime (with the `http-client` feature, whose
/// transport runs on tokio), else [`ThreadSleep`]: a client driven by another executor or by
/// [`block_on`](crate::block_on) never meets tokio's "no reactor running" panic.
#[derive(Clone, Copy, Debug, Default)]
pub struct DefaultSleep;

impl AsyncSleep for DefaultSleep {
    fn sleep(&self, duration: Duration) -> Sleep {
        #[cfg(feature = "http-client")]
        if tokio::runtime::Handle::try_current().is_ok() {
            return Box::pin(tokio::time::sleep(duration));
        }
        ThreadSleep.sleep(duration)
    }
}

/// A timer for any executor: each sleep parks a short-lived thread that wakes the future.
/// Sleeps are rare (a retry's backoff, a timeout), so a thread each is affordable; a zero
/// duration completes at once without one.
#[derive(Clone, Copy, Debug, Default)]
pub struct ThreadSleep;

impl AsyncSleep for ThreadSleep {
    fn sleep(&self, duration: Duration) -> Sleep {
        if duration.is_zero() {
            return Box::pin(std::future::ready(()));
        }
        let state = Arc::new(Mutex::new(TimerState::default()));
        let timer = state.clone();
        let spawned = thread::Builder::new()
            .name("smithy-runtime-sleep".into())
            .spawn(move || {
                thread::sleep(duration);
                let mut state = timer.lock().unwrap_or_else(PoisonError::into_inner);
                state.done = true;
                if let Some(waker) = state.waker.take() {
                    waker.wake();
                }
            });
        if spawned.is_err() {
            // No thread to be had: block this one rather than not wait at all.
            thread::sleep(duration);
            return Box::pin(std::future::ready(()));
        }
        Box::pin(ThreadTimer(state))
    }
}

#[derive(Default)]
struct TimerState {
    done: bool,
    waker: Option<Waker>,
}

struct ThreadTimer(Arc<Mutex<TimerState>>);

impl Future for ThreadTimer {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut state = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        if state.done {
            return Poll::Ready(());
        }
        state.waker = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// Runs `future`, or gives up after `limit`: `Err(())` when the timer fired first.
pub(crate) async fn timeout<F: Future>(
    sleep: &SharedAsyncSleep,
    limit: Option<Duration>,
    future: F,
) -> Result<F::Output, ()> {
    let Some(limit) = limit else {
        return Ok(future.await);
    };
    let mut future = std::pin::pin!(future);
    let mut timer = sleep.sleep(limit);
    std::future::poll_fn(|cx| {
        if let Poll::Ready(output) = future.as_mut().poll(cx) {
            return Poll::Ready(Ok(output));
        }
        timer.as_mut().poll(cx).map(|()| Err(()))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block_on;
    use std::time::Instant;

    #[test]
    fn default_sleep_works_outside_tokio() {
        let started = Instant::now();
        block_on(DefaultSleep.sleep(Duration::from_millis(20)));
        assert!(started.elapsed() >= Duration::from_millis(20));
    }

    #[cfg(feature = "http-client")]
    #[test]
    fn default_sleep_uses_tokio_inside_tokio() {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap();
        let started = Instant::now();
        rt.block_on(DefaultSleep.sleep(Duration::from_millis(20)));
        assert!(started.elapsed() >= Duration::from_millis(20));
    }

    #[test]
    fn thread_sleep_waits_and_wakes() {
        let started = Instant::now();
        block_on(ThreadSleep.sleep(Duration::from_millis(30)));
        assert!(started.elapsed() >= Duration::from_millis(30));
        block_on(ThreadSleep.sleep(Duration::ZERO));
    }

    #[test]
    fn timeout_returns_the_output_or_gives_up() {
        let sleep = SharedAsyncSleep::new(ThreadSleep);
        let quick = block_on(timeout(&sleep, Some(Duration::from_secs(5)), async { 7 }));
        assert_eq!(quick, Ok(7));
        let never = std::future::pending::<u8>();
        let slow = block_on(timeout(&sleep, Some(Duration::from_millis(20)), never));
        assert_eq!(slow, Err(()));
        assert_eq!(block_on(timeout(&sleep, None, async { 1 })), Ok(1));
    }
}
