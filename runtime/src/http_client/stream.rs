//! The connection hyper reads and writes: plain TCP or TLS over TCP, with the read timeout.
//!
//! The read timeout lives here, at the byte level, because only here is "no byte for this long"
//! observable: it is armed when a request's first bytes are written, pushed back by every byte
//! read or written, and disarmed by the client once the response body has been read (through
//! [`InFlight`], which hyper-util copies into every response's extensions). An idle connection
//! in the pool is therefore never timed out by it, and a connection that hangs mid-response
//! fails with an [`io::ErrorKind::TimedOut`] error carrying [`ReadTimedOut`].

use std::future::Future as _;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::task::{ready, Context, Poll};
use std::time::Duration;

use hyper::rt::{Read, ReadBufCursor, Write};
use hyper_util::client::legacy::connect::{Connected, Connection};
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::TcpStream;
use tokio::time::{Instant, Sleep};
use tokio_rustls::client::TlsStream;

use super::error::ReadTimedOut;

/// Whether a request is in flight on a connection, shared by the connection and the responses
/// read over it. Cloned into every response's extensions by hyper-util.
#[derive(Clone, Debug, Default)]
pub(crate) struct InFlight(Arc<AtomicBool>);

impl InFlight {
    /// Arms the timeout; whether it was disarmed before.
    fn arm(&self) -> bool {
        !self.0.swap(true, Ordering::Relaxed)
    }

    fn is_armed(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// The response has been read: the connection may now sit idle without timing out.
    pub(crate) fn disarm(&self) {
        self.0.store(false, Ordering::Relaxed);
    }
}

/// TCP, or TLS over TCP.
pub(crate) enum Io {
    Plain(TcpStream),
    Tls(Box<TlsStream<TcpStream>>),
}

/// A connection with its read timeout, as a tokio stream.
struct TimedIo {
    io: Io,
    /// `None`: no read timeout.
    timeout: Option<Duration>,
    in_flight: InFlight,
    last_progress: Instant,
    /// Created on the first wait, then moved to each new deadline.
    sleep: Option<Pin<Box<Sleep>>>,
}

impl TimedIo {
    /// Pending until the read timeout runs out, then the timeout error; pending for ever when no
    /// request is in flight.
    fn poll_deadline(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let Some(timeout) = self.timeout else {
            return Poll::Pending;
        };
        if !self.in_flight.is_armed() {
            return Poll::Pending;
        }
        let deadline = self.last_progress + timeout;
        let sleep = self
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        if sleep.deadline() != deadline {
            sleep.as_mut().reset(deadline);
        }
        ready!(sleep.as_mut().poll(cx));
        Poll::Ready(Err(io::Error::new(
            io::ErrorKind::TimedOut,
            ReadTimedOut { after: timeout },
        )))
    }

    fn progress(&mut self) {
        if self.timeout.is_some() {
            self.last_progress = Instant::now();
        }
    }
}

impl AsyncRead for TimedIo {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let polled = match &mut this.io {
            Io::Plain(tcp) => Pin::new(tcp).poll_read(cx, buf),
            Io::Tls(tls) => Pin::new(tls.as_mut()).poll_read(cx, buf),
        };
        match polled {
            Poll::Ready(Ok(())) => {
                if buf.filled().len() > before {
                    this.progress();
                }
                Poll::Ready(Ok(()))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => this.poll_deadline(cx),
        }
    }
}

impl AsyncWrite for TimedIo {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let polled = match &mut this.io {
            Io::Plain(tcp) => Pin::new(tcp).poll_write(cx, buf),
            Io::Tls(tls) => Pin::new(tls.as_mut()).poll_write(cx, buf),
        };
        match polled {
            Poll::Ready(Ok(n)) => {
                if n > 0 {
                    // Hyper writes only requests: one is now in flight.
                    if this.in_flight.arm() {
                        // A read polled before this write found the timeout disarmed and set
                        // no timer; have the reader polled again so that it does.
                        cx.waker().wake_by_ref();
                    }
                    this.progress();
                }
                Poll::Ready(Ok(n))
            }
            Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
            Poll::Pending => match this.poll_deadline(cx) {
                Poll::Ready(Err(e)) => Poll::Ready(Err(e)),
                _ => Poll::Pending,
            },
        }
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().io {
            Io::Plain(tcp) => Pin::new(tcp).poll_flush(cx),
            Io::Tls(tls) => Pin::new(tls.as_mut()).poll_flush(cx),
        }
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        match &mut self.get_mut().io {
            Io::Plain(tcp) => Pin::new(tcp).poll_shutdown(cx),
            Io::Tls(tls) => Pin::new(tls.as_mut()).poll_shutdown(cx),
        }
    }
}

/// A connection as hyper-util's client takes it.
pub(crate) struct Stream {
    io: TokioIo<TimedIo>,
    /// Plain HTTP through a proxy: requests are sent in absolute form.
    proxied: bool,
    in_flight: InFlight,
}

impl Stream {
    pub(crate) fn new(io: Io, proxied: bool, read_timeout: Option<Duration>) -> Stream {
        let in_flight = InFlight::default();
        Stream {
            io: TokioIo::new(TimedIo {
                io,
                timeout: read_timeout,
                in_flight: in_flight.clone(),
                last_progress: Instant::now(),
                sleep: None,
            }),
            proxied,
            in_flight,
        }
    }
}

impl Connection for Stream {
    fn connected(&self) -> Connected {
        Connected::new()
            .proxy(self.proxied)
            .extra(self.in_flight.clone())
    }
}

impl Read for Stream {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: ReadBufCursor<'_>,
    ) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_read(cx, buf)
    }
}

impl Write for Stream {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write(cx, buf)
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}
