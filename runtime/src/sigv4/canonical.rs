//! The canonical request: the request reduced to the one text both sides compute.
//!
//! ```text
//! CanonicalRequest = Method \n CanonicalURI \n CanonicalQueryString \n
//!                    CanonicalHeaders \n SignedHeaders \n HashedPayload
//! ```

use std::borrow::Cow;

use http::header::HOST;
use http::uri::Scheme;
use http::{HeaderMap, Method, Request, Uri};

use super::error::{SigningError, SigningErrorKind};
use super::signature::sha256_hex;
use super::{PayloadHash, SigningSettings};

/// Headers never signed, whatever the request carries. Each can be added, removed or rewritten
/// between the signer and the service, and a signed header that changes in transit makes the
/// service reject the request; none of them carries anything a signature needs to protect.
/// (The same set botocore leaves out, plus `authorization`, which holds the signature itself.)
///
/// - `authorization`: the signature goes there; a stale one from a retried request is replaced.
/// - `connection`, `keep-alive`, `proxy-authenticate`, `proxy-authorization`, `te`, `trailer`,
///   `transfer-encoding`, `upgrade`: hop-by-hop headers (RFC 9110 §7.6.1), which proxies and the
///   HTTP client itself consume, add or rewrite per connection.
/// - `expect`: `100-continue` is added or dropped by HTTP clients depending on body size and
///   protocol version.
/// - `user-agent`: HTTP clients, proxies and SDK middleware append to it after signing.
/// - `x-amzn-trace-id`, `traceparent`, `tracestate`, `baggage`: tracing context that AWS X-Ray,
///   load balancers and OpenTelemetry middleware add or update in transit.
pub(crate) const UNSIGNED_HEADERS: &[&str] = &[
    "authorization",
    "baggage",
    "connection",
    "expect",
    "keep-alive",
    "proxy-authenticate",
    "proxy-authorization",
    "te",
    "traceparent",
    "tracestate",
    "trailer",
    "transfer-encoding",
    "upgrade",
    "user-agent",
    "x-amzn-trace-id",
];

/// The canonical request of `request` as it stands: its method, URI, query, the headers it has
/// now (minus the unsigned ones, plus `host` from the URI when it has no `Host` header) and the
/// payload hash `settings` ask for.
///
/// After [`sign_request`](super::sign_request), this is exactly the canonical request the
/// signature was computed over (the added `x-amz-date`, `x-amz-security-token` and
/// `x-amz-content-sha256` headers are in the request by then, and `authorization` is never
/// signed). Compare it with the one an AWS `SignatureDoesNotMatch` error reports to find what
/// differs.
pub fn canonical_request(
    request: &Request<Vec<u8>>,
    settings: &SigningSettings,
) -> Result<String, SigningError> {
    let headers = CanonicalHeaders::new(request.headers(), request.uri())?;
    let hash = payload_hash(&settings.payload, request.body())?;
    Ok(build(
        request.method(),
        request.uri(),
        &headers,
        &[],
        &hash,
        settings,
    ))
}

/// Joins the six parts of the canonical request. `extra_query` are parameters signed with the
/// URI's own query (a presigned URL's `X-Amz-*` parameters), unencoded.
pub(crate) fn build(
    method: &Method,
    uri: &Uri,
    headers: &CanonicalHeaders,
    extra_query: &[(&str, &str)],
    payload_hash: &str,
    settings: &SigningSettings,
) -> String {
    let mut out = String::with_capacity(256 + headers.lines.len());
    out.push_str(method.as_str());
    out.push('\n');
    canonical_uri(&mut out, uri.path(), settings);
    out.push('\n');
    canonical_query(&mut out, uri.query().unwrap_or(""), extra_query);
    out.push('\n');
    out.push_str(&headers.lines);
    out.push('\n');
    out.push_str(&headers.signed);
    out.push('\n');
    out.push_str(payload_hash);
    out
}

/// The payload hash line: the hex SHA-256 of the body, `UNSIGNED-PAYLOAD`, or a precomputed
/// value (checked to be printable ASCII, as it may become a header value).
pub(crate) fn payload_hash<'a>(
    payload: &'a PayloadHash,
    body: &[u8],
) -> Result<Cow<'a, str>, SigningError> {
    match payload {
        PayloadHash::Signed => Ok(Cow::Owned(sha256_hex(body))),
        PayloadHash::Unsigned => Ok(Cow::Borrowed("UNSIGNED-PAYLOAD")),
        PayloadHash::Precomputed(hash) => {
            if !hash.is_empty() && hash.bytes().all(|b| b.is_ascii_graphic()) {
                Ok(Cow::Borrowed(hash))
            } else {
                Err(SigningErrorKind::InvalidPayloadHash.into())
            }
        }
    }
}

/// The canonical URI: the path, normalized (`.`, `..` and empty segments removed) unless
/// `normalize_path` is off, then URI-encoded.
///
/// The path of an `http::Uri` is what goes on the wire, so it is already percent-encoded once.
/// With `double_uri_encode` (every service but S3) it is encoded again as a whole, `%` included:
/// `/a%20b` signs as `/a%2520b`. Without it (S3), it is taken as it is, except that characters
/// outside the unreserved set that are not already escapes are encoded and escapes are written
/// with upper-case hex, so `/a%20b` signs as `/a%20b` and `/$x` as `/%24x`.
pub(crate) fn canonical_uri(out: &mut String, path: &str, settings: &SigningSettings) {
    let normalized;
    let path = if settings.normalize_path {
        normalized = normalize_path(path);
        &normalized
    } else {
        path
    };
    if path.is_empty() {
        out.push('/');
    } else if settings.double_uri_encode {
        uri_encode(out, path.as_bytes(), true);
    } else {
        encode_once(out, path.as_bytes());
    }
}

/// Removes `.` and `..` segments (RFC 3986 §5.2.4) and empty ones (`//`), as AWS services do
/// when they compute the canonical URI. A trailing `/` stays when anything is left before it;
/// a path that ends in a dot segment ends without one (`/a/b/..` is `/a`), as botocore does.
fn normalize_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            _ => segments.push(segment),
        }
    }
    let mut out = String::with_capacity(path.len());
    if path.starts_with('/') {
        out.push('/');
    }
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        out.push_str(segment);
    }
    if path.ends_with('/') && !segments.is_empty() {
        out.push('/');
    }
    out
}

/// The canonical query string: each `key=value` pair of `query` percent-decoded and encoded
/// again with RFC 3986's unreserved set (so `%7E` and `~`, or `%e1` and `%E1`, sign alike), the
/// `extra` pairs encoded, all sorted by encoded key then encoded value and joined with `&`. A
/// key without `=` has an empty value (`key=`); empty pieces (`a=1&&b=2`) are dropped. `+` is a
/// literal plus (RFC 3986), not a space: it signs as `%2B`.
fn canonical_query(out: &mut String, query: &str, extra: &[(&str, &str)]) {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for piece in query.split('&').filter(|piece| !piece.is_empty()) {
        let (key, value) = piece.split_once('=').unwrap_or((piece, ""));
        pairs.push((reencode(key), reencode(value)));
    }
    for (key, value) in extra {
        pairs.push((encoded(key.as_bytes()), encoded(value.as_bytes())));
    }
    pairs.sort_unstable();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
}

fn reencode(text: &str) -> String {
    let bytes: Cow<'_, [u8]> = percent_encoding::percent_decode_str(text).into();
    encoded(&bytes)
}

fn encoded(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    uri_encode(&mut out, bytes, false);
    out
}

/// The canonical headers (`name:value\n` lines, sorted by name) and the signed headers list
/// (`host;x-amz-date`).
#[derive(Debug)]
pub(crate) struct CanonicalHeaders {
    pub(crate) lines: String,
    pub(crate) signed: String,
}

impl CanonicalHeaders {
    /// Every header but the [`UNSIGNED_HEADERS`], each value trimmed with inner runs of spaces
    /// and tabs collapsed to one space, the values of a repeated header joined with `,` in the
    /// order they were added; `host` from the URI's authority when there is no `Host` header.
    pub(crate) fn new(headers: &HeaderMap, uri: &Uri) -> Result<Self, SigningError> {
        let mut entries: Vec<(&str, String)> = Vec::with_capacity(headers.keys_len() + 1);
        for name in headers.keys() {
            let name = name.as_str();
            if UNSIGNED_HEADERS.contains(&name) {
                continue;
            }
            let mut value = String::new();
            for (i, raw) in headers.get_all(name).iter().enumerate() {
                let text = std::str::from_utf8(raw.as_bytes()).map_err(|_| {
                    SigningError::new(SigningErrorKind::InvalidHeaderValue {
                        name: name.to_owned(),
                    })
                })?;
                if i > 0 {
                    value.push(',');
                }
                push_trimmed(&mut value, text);
            }
            entries.push((name, value));
        }
        if !headers.contains_key(HOST) {
            let host = host_from_uri(uri).ok_or(SigningErrorKind::MissingHost)?;
            entries.push(("host", host));
        }
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut lines = String::new();
        let mut signed = String::new();
        for (name, value) in &entries {
            lines.push_str(name);
            lines.push(':');
            lines.push_str(value);
            lines.push('\n');
            if !signed.is_empty() {
                signed.push(';');
            }
            signed.push_str(name);
        }
        Ok(CanonicalHeaders { lines, signed })
    }
}

/// The `Host` header an HTTP client sends for `uri`: the host in lower case, with the port only
/// when it is not the scheme's default (80 for `http`, 443 for `https`); never the userinfo.
pub(crate) fn host_from_uri(uri: &Uri) -> Option<String> {
    let authority = uri.authority()?;
    let host = authority.host();
    if host.is_empty() {
        return None;
    }
    let mut out = host.to_ascii_lowercase();
    if let Some(port) = authority.port_u16() {
        let default = match uri.scheme() {
            Some(scheme) if *scheme == Scheme::HTTPS => Some(443),
            Some(scheme) if *scheme == Scheme::HTTP => Some(80),
            _ => None,
        };
        if default != Some(port) {
            out.push(':');
            out.push_str(&port.to_string());
        }
    }
    Some(out)
}

/// Appends `value` without leading and trailing spaces and tabs, each inner run of them
/// collapsed to one space (the spec's `Trimall`).
fn push_trimmed(out: &mut String, value: &str) {
    for (i, word) in value
        .split([' ', '\t'])
        .filter(|word| !word.is_empty())
        .enumerate()
    {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~')
}

/// URI-encodes `bytes` the SigV4 way: unreserved characters as they are (and `/` too when
/// `keep_slash`), every other byte as `%XX` with upper-case hex.
pub(crate) fn uri_encode(out: &mut String, bytes: &[u8], keep_slash: bool) {
    for &byte in bytes {
        if is_unreserved(byte) || (keep_slash && byte == b'/') {
            out.push(char::from(byte));
        } else {
            push_escape(out, byte);
        }
    }
}

/// Like [`uri_encode`] keeping `/`, but `%XX` escapes already there stay escapes (with their hex
/// digits in upper case) instead of having their `%` encoded again.
fn encode_once(out: &mut String, bytes: &[u8]) {
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        match (byte, bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(hi), Some(lo)) if hi.is_ascii_hexdigit() && lo.is_ascii_hexdigit() => {
                out.push('%');
                out.push(char::from(hi.to_ascii_uppercase()));
                out.push(char::from(lo.to_ascii_uppercase()));
                i += 3;
            }
            _ => {
                if is_unreserved(byte) || byte == b'/' {
                    out.push(char::from(byte));
                } else {
                    push_escape(out, byte);
                }
                i += 1;
            }
        }
    }
}

fn push_escape(out: &mut String, byte: u8) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.push('%');
    out.push(char::from(HEX[usize::from(byte >> 4)]));
    out.push(char::from(HEX[usize::from(byte & 0x0f)]));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uri(path: &str, settings: &SigningSettings) -> String {
        let mut out = String::new();
        canonical_uri(&mut out, path, settings);
        out
    }

    fn query(q: &str) -> String {
        let mut out = String::new();
        canonical_query(&mut out, q, &[]);
        out
    }

    #[test]
    fn path_normalization() {
        let on = SigningSettings::default();
        let off = SigningSettings::default().normalize_path(false);
        for (path, normalized) in [
            ("", "/"),
            ("/", "/"),
            ("//", "/"),
            ("/./", "/"),
            ("/./example", "/example"),
            ("//example//", "/example/"),
            ("/example/..", "/"),
            ("/example1/example2/../..", "/"),
            ("/a/b/../c", "/a/c"),
            ("/a/b/..", "/a"),
            ("/../../a", "/a"),
            ("/a/./b/", "/a/b/"),
            ("/a%2E%2E/b", "/a%252E%252E/b"),
        ] {
            assert_eq!(uri(path, &on), normalized, "{path:?}");
        }
        assert_eq!(uri("//a/./b/../c/", &off), "//a/./b/../c/");
        assert_eq!(uri("", &off), "/");
    }

    #[test]
    fn double_and_single_encoding() {
        let double = SigningSettings::default();
        let single = SigningSettings::default().double_uri_encode(false);
        let cases = [
            // (wire path, double-encoded, single-encoded)
            ("/a%20b", "/a%2520b", "/a%20b"),
            ("/%E1%88%B4", "/%25E1%2588%25B4", "/%E1%88%B4"),
            ("/%e1%88%b4", "/%25e1%2588%25b4", "/%E1%88%B4"),
            (
                "/example/$delete",
                "/example/%24delete",
                "/example/%24delete",
            ),
            ("/-._~AZaz09", "/-._~AZaz09", "/-._~AZaz09"),
            (
                "/a:b@c!*'()+,;=",
                "/a%3Ab%40c%21%2A%27%28%29%2B%2C%3B%3D",
                "/a%3Ab%40c%21%2A%27%28%29%2B%2C%3B%3D",
            ),
            ("/100%", "/100%25", "/100%25"),
            ("/%zz", "/%25zz", "/%25zz"),
        ];
        for (path, twice, once) in cases {
            assert_eq!(uri(path, &double), twice, "{path:?}");
            assert_eq!(uri(path, &single), once, "{path:?}");
        }
    }

    #[test]
    fn query_canonicalization() {
        assert_eq!(query(""), "");
        assert_eq!(query("b=2&a=1"), "a=1&b=2");
        assert_eq!(query("a=2&a=1&a=10"), "a=1&a=10&a=2");
        assert_eq!(
            query("Param1=value2&Param1=Value1"),
            "Param1=Value1&Param1=value2"
        );
        assert_eq!(query("key&other="), "key=&other=");
        assert_eq!(query("a=1&&b=2&"), "a=1&b=2");
        assert_eq!(query("sp=a%20b&plus=a+b"), "plus=a%2Bb&sp=a%20b");
        assert_eq!(query("%e1%88%b4=bar"), "%E1%88%B4=bar");
        assert_eq!(query("x=a=b"), "x=a%3Db");
        assert_eq!(query("p=%7E%2d"), "p=~-");
        assert_eq!(query("bad=%zz%"), "bad=%25zz%25");
        // Sorted by encoded key: `%` (0x25) sorts before letters, upper case before lower.
        assert_eq!(
            query("Param-3=Value3&Param=Value2&%E1%88%B4=Value1"),
            "%E1%88%B4=Value1&Param=Value2&Param-3=Value3"
        );
    }

    #[test]
    fn header_values_are_trimmed_and_joined() {
        let mut out = String::new();
        push_trimmed(&mut out, " \t a   b \t c  ");
        assert_eq!(out, "a b c");
        let mut headers = HeaderMap::new();
        headers.append("my-header", " v2 ".parse().unwrap());
        headers.append("my-header", "v1".parse().unwrap());
        headers.append("user-agent", "not signed".parse().unwrap());
        headers.append("empty", "".parse().unwrap());
        let canonical = CanonicalHeaders::new(&headers, &"https://h/".parse().unwrap()).unwrap();
        assert_eq!(canonical.lines, "empty:\nhost:h\nmy-header:v2,v1\n");
        assert_eq!(canonical.signed, "empty;host;my-header");
    }

    #[test]
    fn host_from_uri_drops_default_ports_and_userinfo() {
        for (uri, host) in [
            ("https://Example.COM/", Some("example.com")),
            ("https://example.com:443/", Some("example.com")),
            ("http://example.com:80/", Some("example.com")),
            ("http://example.com:443/", Some("example.com:443")),
            ("https://example.com:8443/x", Some("example.com:8443")),
            ("https://user:pw@example.com/", Some("example.com")),
            ("http://[::1]:8080/", Some("[::1]:8080")),
            ("http://127.0.0.1/", Some("127.0.0.1")),
            ("/relative", None),
        ] {
            let uri: Uri = uri.parse().unwrap();
            assert_eq!(host_from_uri(&uri).as_deref(), host, "{uri}");
        }
    }
}
