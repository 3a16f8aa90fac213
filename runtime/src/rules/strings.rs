//! The rules engine's string functions: `parseURL`, `substring`, `uriEncode`,
//! `isValidHostLabel`, `aws.parseArn`, `aws.isVirtualHostableS3Bucket`.

/// What `parseURL` returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct ParsedUrl {
    pub scheme: String,
    pub authority: String,
    pub path: String,
    pub normalized_path: String,
    pub is_ip: bool,
}

/// `parseURL`: `scheme://authority[/path]` with an `http` or `https` scheme (an endpoint is
/// nothing else; Smithy's `parse-url` suite rejects `acbd://example.com`); a query, a
/// fragment, user info or an empty host make it `None`.
pub(super) fn parse_url(text: &str) -> Option<ParsedUrl> {
    let (scheme, rest) = text.split_once("://")?;
    let scheme_ok = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    if !scheme_ok || rest.contains(['?', '#']) {
        return None;
    }
    let (authority, path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    if authority.is_empty() || authority.contains('@') || authority.contains(char::is_whitespace) {
        return None;
    }
    let host = host_of(authority)?;
    let is_ip = host.starts_with('[') || is_ipv4(host);
    let mut normalized_path = String::with_capacity(path.len() + 2);
    if !path.starts_with('/') {
        normalized_path.push('/');
    }
    normalized_path.push_str(path);
    if !normalized_path.ends_with('/') {
        normalized_path.push('/');
    }
    Some(ParsedUrl {
        scheme: scheme.to_owned(),
        authority: authority.to_owned(),
        path: path.to_owned(),
        normalized_path,
        is_ip,
    })
}

/// The host of an authority (`[::1]:80` → `[::1]`, `a.com:443` → `a.com`); `None` when the
/// port is not a number or an IPv6 literal is unclosed.
fn host_of(authority: &str) -> Option<&str> {
    if authority.starts_with('[') {
        let end = authority.find(']')?;
        let (host, port) = authority.split_at(end + 1);
        return match port.strip_prefix(':') {
            Some(port) if is_port(port) => Some(host),
            None if port.is_empty() => Some(host),
            _ => None,
        };
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if is_port(port) && !host.is_empty() => Some(host),
        Some(_) => None,
        None => Some(authority),
    }
}

fn is_port(port: &str) -> bool {
    !port.is_empty() && port.len() <= 5 && port.bytes().all(|b| b.is_ascii_digit())
}

/// A dotted-quad IPv4 address.
fn is_ipv4(host: &str) -> bool {
    let parts: Vec<&str> = host.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

/// `substring(input, start, stop, reverse)`: `None` for non-ASCII input or indexes outside it.
pub(super) fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<&str> {
    if !input.is_ascii() {
        return None;
    }
    let len = i64::try_from(input.len()).ok()?;
    if start < 0 || stop > len || start >= stop {
        return None;
    }
    let (from, to) = if reverse {
        (len - stop, len - start)
    } else {
        (start, stop)
    };
    input.get(usize::try_from(from).ok()?..usize::try_from(to).ok()?)
}

/// `uriEncode`: RFC 3986 percent-encoding of everything but the unreserved characters.
pub(super) fn uri_encode(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    for byte in input.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte >> 4)]));
            out.push(char::from(b"0123456789ABCDEF"[usize::from(byte & 15)]));
        }
    }
    out
}

/// `isValidHostLabel`: an RFC 1123 label (1 to 63 letters, digits and hyphens, not starting
/// with a hyphen), or with `allow_subdomains` such labels joined by dots.
pub(super) fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    if allow_subdomains {
        value.split('.').all(is_host_label)
    } else {
        is_host_label(value)
    }
}

fn is_host_label(label: &str) -> bool {
    let bytes = label.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes[0].is_ascii_alphanumeric()
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'-')
}

/// `aws.isVirtualHostableS3Bucket`: a bucket name that can be a host name: 3 to 63 lower-case
/// letters, digits and hyphens starting and ending with a letter or digit, not an IPv4
/// address; with `allow_subdomains`, such names joined by dots.
pub(super) fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    if !is_valid_host_label(value, allow_subdomains) || is_ipv4(value) {
        return false;
    }
    let bucket_name = value.len() >= 3
        && value.len() <= 63
        && value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    if !bucket_name {
        return false;
    }
    value.split('.').all(|label| {
        let bytes = label.as_bytes();
        bytes.first().is_some_and(u8::is_ascii_alphanumeric)
            && bytes.last().is_some_and(u8::is_ascii_alphanumeric)
    }) && (allow_subdomains || !value.contains('.'))
}

/// What `aws.parseArn` returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Arn {
    pub partition: String,
    pub service: String,
    pub region: String,
    pub account_id: String,
    pub resource_id: Vec<String>,
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, the resource split on `:`
/// and `/`; partition, service and resource must not be empty.
pub(super) fn parse_arn(text: &str) -> Option<Arn> {
    let mut parts = text.splitn(6, ':');
    if parts.next()? != "arn" {
        return None;
    }
    let partition = parts.next()?;
    let service = parts.next()?;
    let region = parts.next()?;
    let account_id = parts.next()?;
    let resource = parts.next()?;
    if partition.is_empty() || service.is_empty() || resource.is_empty() {
        return None;
    }
    Some(Arn {
        partition: partition.to_owned(),
        service: service.to_owned(),
        region: region.to_owned(),
        account_id: account_id.to_owned(),
        resource_id: resource.split([':', '/']).map(str::to_owned).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_as_the_standard_library_describes_them() {
        let url = parse_url("https://example.com").unwrap();
        assert_eq!(
            (
                url.scheme.as_str(),
                url.authority.as_str(),
                url.path.as_str()
            ),
            ("https", "example.com", "")
        );
        assert_eq!(url.normalized_path, "/");
        let url = parse_url("http://example.com:80/foo/bar").unwrap();
        assert_eq!(
            (
                url.authority.as_str(),
                url.path.as_str(),
                url.normalized_path.as_str()
            ),
            ("example.com:80", "/foo/bar", "/foo/bar/")
        );
        assert!(parse_url("https://127.0.0.1").unwrap().is_ip);
        assert!(parse_url("https://[fe80::1]:8443/x").unwrap().is_ip);
        assert!(!parse_url("https://127.0.0.1.nip.io").unwrap().is_ip);
        for bad in [
            "https://example.com:8443?foo=bar",
            "example.com",
            "https://",
            "https://a.com#frag",
            "https://user@a.com",
            "https://a.com:port",
            "://a.com",
            "https://[::1",
        ] {
            assert_eq!(parse_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn substrings_by_index_from_either_end() {
        assert_eq!(substring("abcdef", 0, 4, false), Some("abcd"));
        assert_eq!(substring("abcdef", 0, 4, true), Some("cdef"));
        assert_eq!(substring("abcdef", 2, 3, false), Some("c"));
        assert_eq!(substring("abc", 0, 4, false), None);
        assert_eq!(substring("abc", 2, 2, false), None);
        assert_eq!(substring("abc", -1, 2, false), None);
        assert_eq!(substring("ab\u{e9}d", 0, 2, false), None);
    }

    #[test]
    fn encoding_host_labels_and_buckets() {
        assert_eq!(uri_encode("a b/c~d%"), "a%20b%2Fc~d%25");
        assert_eq!(uri_encode("\u{e9}"), "%C3%A9");
        assert!(is_valid_host_label("us-west-2", false));
        assert!(!is_valid_host_label("a.b", false));
        assert!(is_valid_host_label("a.b", true));
        assert!(!is_valid_host_label("-a", false));
        assert!(!is_valid_host_label("", false));
        assert!(!is_valid_host_label(&"a".repeat(64), false));
        assert!(is_virtual_hostable_s3_bucket("my-bucket", false));
        assert!(!is_virtual_hostable_s3_bucket("my.bucket", false));
        assert!(is_virtual_hostable_s3_bucket("my.bucket", true));
        for bad in ["ab", "Bucket", "bucket-", "192.168.0.1", "a..b", "b_ucket"] {
            assert!(!is_virtual_hostable_s3_bucket(bad, true), "{bad}");
        }
    }

    #[test]
    fn arns_split_their_resource() {
        let arn = parse_arn("arn:aws:ec2:us-east-1:012345678910:vpc/vpc-0e98").unwrap();
        assert_eq!(arn.resource_id, ["vpc", "vpc-0e98"]);
        let arn = parse_arn("arn:aws:s3:::bucket_name").unwrap();
        assert_eq!((arn.region.as_str(), arn.account_id.as_str()), ("", ""));
        let arn =
            parse_arn("arn:aws:s3-outposts:us-west-2:1:outpost:op-01:accesspoint:ap").unwrap();
        assert_eq!(arn.resource_id, ["outpost", "op-01", "accesspoint", "ap"]);
        for bad in [
            "11111111-2222",
            "arn:aws:s3:::",
            "arn::s3:::b",
            "arn:aws::::b",
            "arn:aws:s3",
        ] {
            assert_eq!(parse_arn(bad), None, "{bad}");
        }
    }
}
