//! Reading a response body into memory, never past the size cap.

use http_body_util::BodyExt;
use hyper::body::{Body, Incoming};

use super::error::{classify_body_error, error, Target};
use crate::transport::{TransportError, TransportErrorKind};

/// At most this many bytes are reserved up front from a `Content-Length`; a larger body grows
/// the buffer as it arrives, so a length the server never sends costs no memory.
const MAX_PREALLOCATION: u64 = 1024 * 1024;

/// The whole body, or an error as soon as it is known to exceed `cap` bytes: before reading
/// anything when its announced length says so (hyper knows the length a response to `HEAD`, a
/// `204` or a `304` really has, zero, whatever its `Content-Length`), else at the first chunk
/// past the cap.
pub(crate) async fn read_capped(
    mut body: Incoming,
    cap: u64,
    target: &Target,
) -> Result<Vec<u8>, TransportError> {
    let expected = body.size_hint().exact();
    let announced = body.size_hint().lower();
    if announced > cap {
        return Err(too_large(
            target,
            cap,
            format!("its length is {announced} bytes"),
        ));
    }
    let mut bytes = Vec::with_capacity(announced.min(MAX_PREALLOCATION) as usize);
    while let Some(frame) = body.frame().await {
        let frame = frame.map_err(|e| classify_body_error(e, target, bytes.len(), expected))?;
        let Ok(data) = frame.into_data() else {
            continue; // Trailers.
        };
        if (bytes.len() + data.len()) as u64 > cap {
            let received = bytes.len() + data.len();
            return Err(too_large(
                target,
                cap,
                format!("{received} bytes received so far"),
            ));
        }
        bytes.extend_from_slice(&data);
    }
    Ok(bytes)
}

fn too_large(target: &Target, cap: u64, why: String) -> TransportError {
    error(
        TransportErrorKind::BodyTooLarge,
        format!(
            "the response body from {target} is larger than the client accepts ({cap} bytes; \
             see HttpClientBuilder::max_response_body_size): {why}"
        ),
        None,
    )
}
