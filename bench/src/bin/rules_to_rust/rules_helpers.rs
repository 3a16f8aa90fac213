//! The rule functions generated resolvers call, written next to them by `rules_to_rust`
//! (smithy-bench): the runtime keeps its own private, so these copy the semantics of
//! `runtime/src/rules/strings.rs` and `eval.rs` (`split`). Were the project to generate its
//! resolvers, these would move into the runtime.

/// What `parseURL` returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedUrl {
    pub scheme: String,
    pub authority: String,
    pub path: String,
    pub normalized_path: String,
    pub is_ip: bool,
}

/// `parseURL`: `scheme://authority[/path]`; a query, a fragment, user info or an empty host
/// make it `None`.
pub fn parse_url(text: &str) -> Option<ParsedUrl> {
    let (scheme, rest) = text.split_once("://")?;
    let mut scheme_bytes = scheme.bytes();
    let scheme_ok = scheme_bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && scheme_bytes.all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.');
    if !scheme_ok || rest.contains(['?', '#']) {
        return None;
    }
    let split = rest.find('/').unwrap_or(rest.len());
    let (authority, path) = rest.split_at(split);
    if authority.is_empty() || authority.contains('@') || authority.contains(char::is_whitespace) {
        return None;
    }
    let host = host(authority)?;
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
        is_ip: host.starts_with('[') || is_ipv4(host),
    })
}

/// The host of an authority, without its port; `None` for a bad port or an unclosed `[`.
fn host(authority: &str) -> Option<&str> {
    let is_port = |p: &str| !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit());
    if authority.starts_with('[') {
        let end = authority.find(']')? + 1;
        let port = &authority[end..];
        return match port.strip_prefix(':') {
            None if port.is_empty() => Some(&authority[..end]),
            Some(p) if is_port(p) => Some(&authority[..end]),
            _ => None,
        };
    }
    match authority.rsplit_once(':') {
        None => Some(authority),
        Some((host, port)) if !host.is_empty() && is_port(port) => Some(host),
        Some(_) => None,
    }
}

/// A dotted-quad IPv4 address.
fn is_ipv4(host: &str) -> bool {
    let mut count = 0;
    let all_octets = host.split('.').all(|part| {
        count += 1;
        !part.is_empty()
            && part.len() <= 3
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u16>().is_ok_and(|n| n <= 255)
    });
    all_octets && count == 4
}

/// `substring`: `None` for non-ASCII input or indexes outside it.
pub fn substring(input: &str, start: i64, stop: i64, reverse: bool) -> Option<&str> {
    let len = i64::try_from(input.len()).ok()?;
    if !input.is_ascii() || start < 0 || stop > len || start >= stop {
        return None;
    }
    let (from, to) = if reverse {
        (len - stop, len - start)
    } else {
        (start, stop)
    };
    input.get(usize::try_from(from).ok()?..usize::try_from(to).ok()?)
}

/// `uriEncode`: percent-encoding of everything but RFC 3986's unreserved characters.
pub fn uri_encode(input: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(input.len());
    for b in input.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xf)]));
        }
    }
    out
}

/// `isValidHostLabel`: 1 to 63 letters, digits and hyphens, not starting with a hyphen; with
/// `allow_subdomains`, such labels joined by dots.
pub fn is_valid_host_label(value: &str, allow_subdomains: bool) -> bool {
    let label = |l: &str| {
        let b = l.as_bytes();
        !b.is_empty()
            && b.len() <= 63
            && b[0].is_ascii_alphanumeric()
            && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
    };
    if allow_subdomains {
        value.split('.').all(label)
    } else {
        label(value)
    }
}

/// `aws.isVirtualHostableS3Bucket`: 3 to 63 lower-case letters, digits, hyphens (and dots with
/// `allow_subdomains`), each label starting and ending with a letter or digit, not an IPv4
/// address.
pub fn is_virtual_hostable_s3_bucket(value: &str, allow_subdomains: bool) -> bool {
    let charset = value
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
    let ends_ok = |l: &str| {
        let b = l.as_bytes();
        b.first().is_some_and(u8::is_ascii_alphanumeric)
            && b.last().is_some_and(u8::is_ascii_alphanumeric)
    };
    is_valid_host_label(value, allow_subdomains)
        && !is_ipv4(value)
        && (3..=63).contains(&value.len())
        && charset
        && value.split('.').all(ends_ok)
        && (allow_subdomains || !value.contains('.'))
}

/// What `aws.parseArn` returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Arn {
    pub partition: String,
    pub service: String,
    pub region: String,
    pub account_id: String,
    pub resource_id: Vec<String>,
}

/// `aws.parseArn`: `arn:partition:service:region:account:resource`, the resource split at `:`
/// and `/`; partition, service and resource must not be empty.
pub fn parse_arn(text: &str) -> Option<Arn> {
    let mut parts = text.splitn(6, ':');
    let (arn, partition, service) = (parts.next()?, parts.next()?, parts.next()?);
    let (region, account_id, resource) = (parts.next()?, parts.next()?, parts.next()?);
    if arn != "arn" || partition.is_empty() || service.is_empty() || resource.is_empty() {
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

/// `split`: at most `limit` pieces (0: all); `None` for an empty delimiter or a negative limit.
pub fn split<'a>(input: &'a str, delimiter: &str, limit: i64) -> Option<Vec<&'a str>> {
    if delimiter.is_empty() {
        return None;
    }
    match usize::try_from(limit).ok()? {
        0 => Some(input.split(delimiter).collect()),
        n => Some(input.splitn(n, delimiter).collect()),
    }
}
