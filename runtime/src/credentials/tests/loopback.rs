//! A real HTTP/1.1 exchange on 127.0.0.1: a server thread answering canned responses, and a
//! minimal blocking transport over a `TcpStream` that refuses any address but a loopback
//! one, so that no test can reach a real metadata endpoint.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use http::{Request, Response};

use crate::transport::{Transport, TransportError};

/// A request as the server received it: the request line, then `name: value` headers
/// (names lowercased, in order).
pub(super) type Received = Vec<String>;

/// A server on 127.0.0.1 answering its connections, one request each, with `responses` in
/// order, then stopping.
pub(super) struct Server {
    pub(super) addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl Server {
    pub(super) fn start(responses: Vec<(u16, String)>) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        let thread = thread::spawn(move || {
            for (status, body) in responses {
                let Ok((stream, _)) = listener.accept() else {
                    return;
                };
                if let Some(request) = answer(stream, status, &body) {
                    log.lock().unwrap().push(request);
                }
            }
        });
        Server {
            addr,
            received,
            thread: Some(thread),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub(super) fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The requests received, once the server has answered all its responses.
    pub(super) fn finish(mut self) -> Vec<Received> {
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
        self.received.lock().unwrap().clone()
    }
}

/// Reads one request from `stream` and writes the response.
fn answer(stream: TcpStream, status: u16, body: &str) -> Option<Received> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream);
    let mut received = Vec::new();
    let mut content_length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end().to_owned();
        if line.is_empty() {
            break;
        }
        if received.is_empty() {
            received.push(line);
            continue;
        }
        let (name, value) = line.split_once(':')?;
        let (name, value) = (name.to_ascii_lowercase(), value.trim());
        if name == "content-length" {
            content_length = value.parse().ok()?;
        }
        received.push(format!("{name}: {value}"));
    }
    let mut request_body = vec![0; content_length];
    reader.read_exact(&mut request_body).ok()?;
    let mut stream = reader.into_inner();
    let response = format!(
        "HTTP/1.1 {status} Canned\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(response.as_bytes()).ok()?;
    Some(received)
}

/// Sends each request on a new connection to its URI's loopback address; anything else is
/// refused before a connection is attempted.
#[derive(Debug, Default)]
pub(super) struct LoopbackTransport;

impl Transport for LoopbackTransport {
    fn send(
        &self,
        request: Request<Vec<u8>>,
    ) -> impl std::future::Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send {
        std::future::ready(send(request))
    }
}

fn send(request: Request<Vec<u8>>) -> Result<Response<Vec<u8>>, TransportError> {
    let uri = request.uri();
    let host = uri.host().unwrap_or("");
    let address: IpAddr = host
        .trim_start_matches('[')
        .trim_end_matches(']')
        .parse()
        .map_err(|_| TransportError::new(format!("test transport: {host} is not an address")))?;
    if !address.is_loopback() {
        return Err(TransportError::new(format!(
            "test transport: refusing to send to {address}, which is not loopback"
        )));
    }
    let addr = SocketAddr::new(address, uri.port_u16().unwrap_or(80));
    let mut stream =
        TcpStream::connect_timeout(&addr, Duration::from_secs(5)).map_err(TransportError::new)?;
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .map_err(TransportError::new)?;
    let path = uri.path_and_query().map_or("/", |p| p.as_str());
    let mut head = format!(
        "{} {path} HTTP/1.1\r\nhost: {}\r\nconnection: close\r\ncontent-length: {}\r\n",
        request.method(),
        uri.authority().map_or("", |a| a.as_str()),
        request.body().len()
    );
    for (name, value) in request.headers() {
        let value = value.to_str().map_err(TransportError::new)?;
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(request.body()))
        .map_err(TransportError::new)?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).map_err(TransportError::new)?;
    parse_response(&raw).ok_or_else(|| TransportError::new("test transport: bad response"))
}

fn parse_response(raw: &[u8]) -> Option<Response<Vec<u8>>> {
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..split]).ok()?;
    let mut lines = head.split("\r\n");
    let status: u16 = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let mut response = Response::builder().status(status);
    for line in lines {
        let (name, value) = line.split_once(':')?;
        response = response.header(name.trim(), value.trim());
    }
    response.body(raw[split + 4..].to_vec()).ok()
}

#[test]
fn the_test_transport_refuses_non_loopback_addresses() {
    for uri in [
        "http://169.254.169.254/latest/api/token",
        "http://169.254.170.2/v2/credentials",
        "http://[fd00:ec2::254]/latest",
        "http://example.com/",
    ] {
        let request = Request::builder().uri(uri).body(Vec::new()).unwrap();
        let error = crate::block_on(LoopbackTransport.send(request)).unwrap_err();
        assert!(error.to_string().starts_with("test transport: "), "{error}");
    }
}
