//! `@requestCompression`: gzip request bodies above the Smithy default minimum size.

use http::header::{HeaderValue, CONTENT_ENCODING, CONTENT_LENGTH};
use http::Request;

/// Bodies smaller than this are sent as they are (Smithy's default
/// `request_min_compression_size_bytes`).
pub const MIN_COMPRESSION_SIZE: usize = 10_240;

/// Gzips the body when it is at least [`MIN_COMPRESSION_SIZE`] bytes, appends
/// `gzip` to `Content-Encoding` and fixes `Content-Length`. If compression
/// fails (it cannot for in-memory data) the body is left unchanged.
pub fn gzip_request(request: &mut Request<Vec<u8>>) {
    use std::io::Write as _;
    if request.body().len() < MIN_COMPRESSION_SIZE {
        return;
    }
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let Ok(compressed) = encoder
        .write_all(request.body())
        .and_then(|()| encoder.finish())
    else {
        return;
    };
    let encoding = match request
        .headers()
        .get(CONTENT_ENCODING)
        .and_then(|v| v.to_str().ok())
    {
        Some(existing) if !existing.is_empty() => format!("{existing}, gzip"),
        _ => "gzip".to_owned(),
    };
    let headers = request.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&encoding) {
        headers.insert(CONTENT_ENCODING, value);
    }
    headers.insert(CONTENT_LENGTH, HeaderValue::from(compressed.len()));
    *request.body_mut() = compressed;
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn compresses_large_bodies_only() {
        let mut small = Request::new(b"{}".to_vec());
        gzip_request(&mut small);
        assert_eq!(small.body(), b"{}");
        assert!(small.headers().get(CONTENT_ENCODING).is_none());

        let original = vec![b'a'; 20_000];
        let mut large = Request::new(original.clone());
        large
            .headers_mut()
            .insert(CONTENT_ENCODING, HeaderValue::from_static("custom"));
        gzip_request(&mut large);
        assert_eq!(large.headers()[CONTENT_ENCODING], "custom, gzip");
        assert_eq!(
            large.headers()[CONTENT_LENGTH],
            large.body().len().to_string().as_str()
        );
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(large.body().as_slice())
            .read_to_end(&mut decoded)
            .unwrap();
        assert_eq!(decoded, original);
    }
}
