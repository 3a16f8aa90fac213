//! Request checksums some operations require: `Content-MD5` for `@httpChecksumRequired`, and
//! Amazon Glacier's SHA-256 and tree-hash headers. Behind the `checksums` feature, which
//! generated crates turn on only when one of their operations needs it.

use http::header::HeaderValue;
use http::Request;
use md5::Md5;
use sha2::{Digest as _, Sha256};

/// Sets `Content-MD5` to the base64 MD5 digest of the body, unless the request already has one.
pub fn content_md5(request: &mut Request<Vec<u8>>) {
    if request.headers().contains_key("content-md5") {
        return;
    }
    let digest = Md5::digest(request.body());
    let value = crate::Blob::new(digest.as_slice()).to_base64();
    if let Ok(value) = HeaderValue::from_str(&value) {
        request.headers_mut().insert("content-md5", value);
    }
}

/// Glacier's upload checksums: `X-Amz-Content-Sha256` (the hex SHA-256 of the body) and
/// `X-Amz-Sha256-Tree-Hash` (the hex [`tree_hash`] of the body), each unless already set.
pub fn glacier_checksums(request: &mut Request<Vec<u8>>) {
    let headers = [
        ("x-amz-content-sha256", hex(&Sha256::digest(request.body()))),
        ("x-amz-sha256-tree-hash", hex(&tree_hash(request.body()))),
    ];
    for (name, value) in headers {
        if !request.headers().contains_key(name) {
            if let Ok(value) = HeaderValue::from_str(&value) {
                request.headers_mut().insert(name, value);
            }
        }
    }
}

/// Glacier's SHA-256 tree hash: the SHA-256 of each 1 MiB chunk, then of each pair of hashes,
/// level by level, until one is left (an odd hash moves up unchanged).
pub fn tree_hash(body: &[u8]) -> [u8; 32] {
    const CHUNK: usize = 1024 * 1024;
    let mut level: Vec<[u8; 32]> = body
        .chunks(CHUNK)
        .map(|c| Sha256::digest(c).into())
        .collect();
    if level.is_empty() {
        level.push(Sha256::digest(b"").into());
    }
    while level.len() > 1 {
        level = level
            .chunks(2)
            .map(|pair| match pair {
                [a, b] => {
                    let mut hasher = Sha256::new();
                    hasher.update(a);
                    hasher.update(b);
                    hasher.finalize().into()
                }
                [single] => *single,
                _ => [0; 32],
            })
            .collect();
    }
    level[0]
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    crate::hex::push_hex(&mut out, bytes);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_md5_of_the_body() {
        // The value of the official restJson1 case `RestJsonHttpChecksumRequired`.
        let mut request = Request::new(b"{\"foo\":\"base64 encoded md5 checksum\"}".to_vec());
        content_md5(&mut request);
        assert_eq!(request.headers()["content-md5"], "iB0/3YSo7maijL0IGOgA9g==");
        request
            .headers_mut()
            .insert("content-md5", HeaderValue::from_static("kept"));
        content_md5(&mut request);
        assert_eq!(request.headers()["content-md5"], "kept");
    }

    #[test]
    fn glacier_headers_for_a_small_body() {
        let mut request = Request::new(b"hello world".to_vec());
        glacier_checksums(&mut request);
        let sha = "b94d27b9934d3e08a52e52d7da7dabfac484efe37a5380ee9088f7ace2efcde9";
        assert_eq!(request.headers()["x-amz-content-sha256"], sha);
        assert_eq!(request.headers()["x-amz-sha256-tree-hash"], sha);
    }

    #[test]
    fn tree_hash_combines_chunks_pairwise() {
        let mib = 1024 * 1024;
        let body: Vec<u8> = (0..3 * mib + 5).map(|i| (i % 251) as u8).collect();
        let chunk = |i: usize| -> [u8; 32] {
            Sha256::digest(&body[i * mib..((i + 1) * mib).min(body.len())]).into()
        };
        let pair =
            |a: [u8; 32], b: [u8; 32]| -> [u8; 32] { Sha256::digest([a, b].concat()).into() };
        let expected = pair(pair(chunk(0), chunk(1)), pair(chunk(2), chunk(3)));
        assert_eq!(tree_hash(&body), expected);
        let three = &body[..2 * mib + 1];
        let expected = pair(
            pair(chunk(0), chunk(1)),
            Sha256::digest(&three[2 * mib..]).into(),
        );
        assert_eq!(tree_hash(three), expected);
        assert_eq!(tree_hash(b""), <[u8; 32]>::from(Sha256::digest(b"")));
    }
}
