//! The transport abstraction clients are generic over, a test double, and a tiny executor.

use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::pin::{pin, Pin};
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};

use http::{Request, Response};

/// Sends an HTTP request and returns the response: implement it over reqwest, hyper, a test
/// double… The runtime's own, over hyper and tokio, is `http_client::HttpClient` (feature
/// `http-client`, on by default); without that feature the runtime depends on no HTTP client and
/// no async runtime.
pub trait Transport: Send + Sync {
    /// Sends `request`. Generated clients resolve the endpoint themselves, so its URI is
    /// absolute (`https://host/path?query`); a test double may accept any.
    fn send(
        &self,
        request: Request<Vec<u8>>,
    ) -> impl Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send;
}

/// The future [`DynTransport::send_boxed`] returns.
pub type BoxedSend<'a> =
    Pin<Box<dyn Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send + 'a>>;

/// A [`Transport`] behind a pointer: `Arc<dyn DynTransport>` lets a credentials provider or a
/// client hold any transport without a type parameter. Every `Transport + Sync` is one.
pub trait DynTransport: Send + Sync {
    /// [`Transport::send`], boxed.
    fn send_boxed(&self, request: Request<Vec<u8>>) -> BoxedSend<'_>;
}

impl<T: Transport> DynTransport for T {
    fn send_boxed(&self, request: Request<Vec<u8>>) -> BoxedSend<'_> {
        Box::pin(self.send(request))
    }
}

/// A shared [`DynTransport`] is a transport too: a client can send through the one a
/// credentials provider holds.
impl Transport for std::sync::Arc<dyn DynTransport> {
    fn send(
        &self,
        request: Request<Vec<u8>>,
    ) -> impl Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send {
        // The pointee's method: `self.send_boxed` would pick the blanket `DynTransport` impl of
        // the `Arc` itself, which calls back here.
        (**self).send_boxed(request)
    }
}

/// A transport failure: connection refused, timeout, TLS… anything before a complete response.
///
/// Transparent: `Display` and `source` are those of the wrapped error. [`kind`](Self::kind) says
/// what failed, for retry decisions; an error made with [`TransportError::new`] is of kind
/// [`TransportErrorKind::Other`].
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    inner: Box<dyn std::error::Error + Send + Sync>,
}

/// What kind of failure a [`TransportError`] is.
///
/// Whether the request may have reached the server follows from the kind: not for
/// [`Connect`](Self::Connect) and [`Tls`](Self::Tls), perhaps for the others.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made: refused, unreachable, a name that does not resolve, a proxy
    /// that refused the tunnel. The request was not sent.
    Connect,
    /// A time limit ran out: connecting, waiting for the response, or the whole request.
    Timeout,
    /// The TLS handshake failed: an untrusted or mismatched certificate, no common protocol
    /// version or cipher suite. The request was not sent; retrying rarely helps.
    Tls,
    /// The connection failed once made: reset, or closed before the response head arrived.
    Io,
    /// The response body ended before its announced length: the connection was closed or reset
    /// mid-body.
    IncompleteBody,
    /// The response body is larger than the transport accepts (its `Content-Length`, or the
    /// bytes received so far).
    BodyTooLarge,
    /// The response was not valid HTTP.
    InvalidResponse,
    /// Anything else: an invalid request, no async runtime, an error made with
    /// [`TransportError::new`].
    Other,
}

impl fmt::Display for TransportErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            TransportErrorKind::Connect => "connect",
            TransportErrorKind::Timeout => "timeout",
            TransportErrorKind::Tls => "TLS",
            TransportErrorKind::Io => "I/O",
            TransportErrorKind::IncompleteBody => "incomplete body",
            TransportErrorKind::BodyTooLarge => "body too large",
            TransportErrorKind::InvalidResponse => "invalid response",
            TransportErrorKind::Other => "other",
        })
    }
}

impl TransportError {
    /// Wraps an error, or a message (`TransportError::new("timed out")`), of kind
    /// [`TransportErrorKind::Other`].
    pub fn new(error: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Self {
        TransportError::with_kind(TransportErrorKind::Other, error)
    }

    /// Wraps an error, or a message, of the given kind.
    pub fn with_kind(
        kind: TransportErrorKind,
        error: impl Into<Box<dyn std::error::Error + Send + Sync>>,
    ) -> Self {
        TransportError {
            kind,
            inner: error.into(),
        }
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether a time limit ran out (kind [`TransportErrorKind::Timeout`]), connect timeouts
    /// included.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// Whether no connection could be made (kind [`TransportErrorKind::Connect`]). A connect
    /// *timeout* is of kind [`TransportErrorKind::Timeout`].
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }

    /// The wrapped error.
    pub fn get_ref(&self) -> &(dyn std::error::Error + Send + Sync + 'static) {
        &*self.inner
    }

    /// The wrapped error, by value.
    pub fn into_inner(self) -> Box<dyn std::error::Error + Send + Sync> {
        self.inner
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.inner, f)
    }
}

impl std::error::Error for TransportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.inner.source()
    }
}

/// A transport for tests: answers with canned responses in order and records every request.
/// When it runs out of responses, `send` fails.
#[derive(Debug, Default)]
pub struct InMemoryTransport {
    responses: Mutex<VecDeque<Response<Vec<u8>>>>,
    requests: Mutex<Vec<Request<Vec<u8>>>>,
}

impl InMemoryTransport {
    /// A transport with no responses queued.
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues `response` to answer a later request.
    pub fn push_response(&self, response: Response<Vec<u8>>) {
        // A panic elsewhere while the lock was held cannot leave a VecDeque half-updated, so a
        // poisoned lock is still safe to use.
        self.responses
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_back(response);
    }

    /// Copies of every request received so far, in order.
    pub fn requests(&self) -> Vec<Request<Vec<u8>>> {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Transport for InMemoryTransport {
    fn send(
        &self,
        request: Request<Vec<u8>>,
    ) -> impl Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send {
        self.requests
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(request);
        let next = self
            .responses
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .pop_front();
        std::future::ready(
            next.ok_or_else(|| TransportError::new("InMemoryTransport has no responses left")),
        )
    }
}

/// Wakes the thread that is blocked in [`block_on`].
struct ThreadWaker(Thread);

impl Wake for ThreadWaker {
    fn wake(self: Arc<Self>) {
        self.0.unpark();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.0.unpark();
    }
}

/// Runs a future to completion on the current thread.
///
/// A helper for tests, examples and simple programs that have no async runtime: it parks the
/// thread until the future's waker fires. Futures that need a specific runtime (tokio's I/O or
/// timers, say) must be run on that runtime instead.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let waker = Waker::from(Arc::new(ThreadWaker(thread::current())));
    let mut cx = Context::from_waker(&waker);
    loop {
        if let Poll::Ready(output) = future.as_mut().poll(&mut cx) {
            return output;
        }
        // A wake between poll and park leaves the token set, so park returns at once.
        thread::park();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_memory_transport_replays_and_records() {
        let t = InMemoryTransport::new();
        t.push_response(Response::builder().status(200).body(b"a".to_vec()).unwrap());
        t.push_response(Response::builder().status(500).body(b"b".to_vec()).unwrap());
        let send =
            |uri: &str| block_on(t.send(Request::builder().uri(uri).body(Vec::new()).unwrap()));
        assert_eq!(send("/1").unwrap().body(), b"a");
        assert_eq!(send("/2").unwrap().status(), 500);
        let err = send("/3").unwrap_err();
        assert_eq!(err.to_string(), "InMemoryTransport has no responses left");
        let uris: Vec<String> = t.requests().iter().map(|r| r.uri().to_string()).collect();
        assert_eq!(uris, ["/1", "/2", "/3"]);
    }

    #[test]
    fn block_on_waits_for_a_wake_from_another_thread() {
        struct Flag(Arc<Mutex<bool>>, bool);
        impl Future for Flag {
            type Output = u8;
            fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u8> {
                if *self.0.lock().unwrap() {
                    return Poll::Ready(7);
                }
                if !self.1 {
                    self.1 = true;
                    let (flag, waker) = (self.0.clone(), cx.waker().clone());
                    thread::spawn(move || {
                        *flag.lock().unwrap() = true;
                        waker.wake();
                    });
                }
                Poll::Pending
            }
        }
        assert_eq!(block_on(Flag(Arc::new(Mutex::new(false)), false)), 7);
    }

    #[test]
    fn a_shared_dyn_transport_sends_through_its_pointee() {
        let t: Arc<dyn DynTransport> = Arc::new(InMemoryTransport::new());
        let sent = block_on(Transport::send(&t, Request::new(Vec::new())));
        assert_eq!(
            sent.unwrap_err().to_string(),
            "InMemoryTransport has no responses left"
        );
    }

    #[test]
    fn transport_error_is_transparent() {
        let io = std::io::Error::other("refused");
        let e = TransportError::new(io);
        assert_eq!(e.to_string(), "refused");
        assert!(e.get_ref().is::<std::io::Error>());
        assert_eq!(e.kind(), TransportErrorKind::Other);
        assert!(!e.is_timeout() && !e.is_connect());
        assert!(e.into_inner().downcast::<std::io::Error>().is_ok());
    }

    #[test]
    fn transport_error_kind_is_kept() {
        let e = TransportError::with_kind(TransportErrorKind::Timeout, "read timed out");
        assert_eq!(e.kind(), TransportErrorKind::Timeout);
        assert!(e.is_timeout() && !e.is_connect());
        assert_eq!(e.to_string(), "read timed out");
        let e = TransportError::with_kind(TransportErrorKind::Connect, "refused");
        assert!(e.is_connect() && !e.is_timeout());
        assert_eq!(
            TransportErrorKind::BodyTooLarge.to_string(),
            "body too large"
        );
    }
}
