//! Blocking work (running a process) as a future, on a thread of its own, so that the
//! caller's executor is never blocked and no async runtime is needed.

use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Waker};
use std::thread;

/// The slot the thread fills and the future reads.
struct Slot<T> {
    /// `Some(Some(value))` when done, `Some(None)` when the work panicked.
    result: Option<Option<T>>,
    waker: Option<Waker>,
}

/// Fills the slot with `None` if the thread unwinds before it could fill it.
struct PanicGuard<T>(Arc<Mutex<Slot<T>>>);

impl<T> PanicGuard<T> {
    fn complete(&self, result: Option<T>) {
        let waker = {
            let mut slot = self.0.lock().unwrap_or_else(PoisonError::into_inner);
            if slot.result.is_none() {
                slot.result = Some(result);
            }
            slot.waker.take()
        };
        if let Some(waker) = waker {
            waker.wake();
        }
    }
}

impl<T> Drop for PanicGuard<T> {
    fn drop(&mut self) {
        self.complete(None);
    }
}

/// A future of the result of `work`, run on a new thread named `name`: `None` when `work`
/// panicked. When no thread can be spawned, `work` runs on the caller's thread.
pub(crate) fn run_blocking<T, F>(name: &str, work: F) -> impl Future<Output = Option<T>> + Send
where
    T: Send + 'static,
    F: FnOnce() -> T + Send + 'static,
{
    let slot = Arc::new(Mutex::new(Slot {
        result: None,
        waker: None,
    }));
    // Shared so that the work can be taken back if the thread cannot be spawned.
    let work = Arc::new(Mutex::new(Some(work)));
    let guard = PanicGuard(slot.clone());
    let thread_work = work.clone();
    let spawned = thread::Builder::new().name(name.to_owned()).spawn(move || {
        let work = thread_work
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(work) = work {
            guard.complete(Some(work()));
        }
    });
    if spawned.is_err() {
        let work = work.lock().unwrap_or_else(PoisonError::into_inner).take();
        let result = work.map(|work| work());
        slot.lock().unwrap_or_else(PoisonError::into_inner).result = Some(result);
    }
    Blocking { slot }
}

struct Blocking<T> {
    slot: Arc<Mutex<Slot<T>>>,
}

impl<T> Future for Blocking<T> {
    type Output = Option<T>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<T>> {
        let mut slot = self.slot.lock().unwrap_or_else(PoisonError::into_inner);
        match slot.result.take() {
            Some(result) => Poll::Ready(result),
            None => {
                slot.waker = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::block_on;

    #[test]
    fn the_result_comes_back_and_a_panic_is_none() {
        assert_eq!(block_on(run_blocking("test-ok", || 7)), Some(7));
        let panicked: Option<u8> = block_on(run_blocking("test-panic", || panic!("on purpose")));
        assert_eq!(panicked, None);
    }
}
