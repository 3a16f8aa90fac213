//! The client against servers these tests start on loopback addresses.

mod failures;
mod proxy;
mod requests;
mod support;

use http::{Request, Response};

use crate::transport::{Transport, TransportError};

use super::HttpClient;

/// Sends a request with `method`, `uri` and `body`.
async fn send(
    client: &HttpClient,
    method: &str,
    uri: &str,
    body: &[u8],
) -> Result<Response<Vec<u8>>, TransportError> {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(body.to_vec())
        .unwrap();
    client.send(request).await
}

fn header<'a>(response: &'a Response<Vec<u8>>, name: &str) -> &'a str {
    response.headers()[name].to_str().unwrap()
}
