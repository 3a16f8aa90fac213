//! What the client needs of the async runtime, tokio, and the one thing it offers other layers.

use std::time::Duration;

use super::error::error;
use crate::transport::{TransportError, TransportErrorKind};

/// Waits for `duration` on tokio's timer: the retry layer's back-off. Like
/// [`HttpClient`](super::HttpClient), it must run within a tokio runtime with time enabled
/// (it panics elsewhere, as `tokio::time::sleep` does).
pub async fn sleep(duration: Duration) {
    tokio::time::sleep(duration).await;
}

/// An error, rather than tokio's panic, when the client is used outside a tokio runtime.
pub(crate) fn require_runtime() -> Result<(), TransportError> {
    match tokio::runtime::Handle::try_current() {
        Ok(_) => Ok(()),
        Err(e) => Err(error(
            TransportErrorKind::Other,
            "HttpClient must be used within a tokio runtime (with I/O and time enabled)",
            Some(Box::new(e)),
        )),
    }
}
