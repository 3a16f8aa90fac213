//! What makes a configured endpoint URL usable.

use http::Uri;

/// Checks that `url` is what the Reference Guide allows for an endpoint URL: "a URL
/// including the scheme and host for the endpoint", optionally with a path. The scheme is
/// `http` or `https` (any case), the host is not empty, a port is a number up to 65535, and
/// there is no query or fragment (requests append their own path and query to the
/// endpoint). The error says what is wrong.
pub(crate) fn check_endpoint_url(url: &str) -> Result<(), String> {
    // `http::Uri` silently drops a fragment, so look for one before parsing.
    if url.contains(['?', '#']) {
        return Err("an endpoint URL cannot have a query (`?`) or a fragment (`#`)".into());
    }
    let uri: Uri = url
        .parse()
        .map_err(|error| format!("not a valid URL ({error})"))?;
    let absolute = "an endpoint URL must be absolute, starting with `http://` or `https://`";
    match uri.scheme_str() {
        None => return Err(absolute.into()),
        Some(scheme) if scheme.eq_ignore_ascii_case("http") => {}
        Some(scheme) if scheme.eq_ignore_ascii_case("https") => {}
        Some(scheme) => return Err(format!("the scheme `{scheme}` is not `http` or `https`")),
    }
    let Some(authority) = uri.authority() else {
        return Err(absolute.into());
    };
    if authority.host().is_empty() {
        return Err("the URL has no host".into());
    }
    // `http::Uri` accepts any text after the host's `:` and only fails to read it as a port.
    let host_and_port = authority.as_str().rsplit('@').next().unwrap_or_default();
    if let Some(port) = port_text(host_and_port) {
        if port.is_empty()
            || !port.bytes().all(|b| b.is_ascii_digit())
            || port.parse::<u16>().is_err()
        {
            return Err(format!("the port `{port}` is not a number from 0 to 65535"));
        }
    }
    Ok(())
}

/// The text after the `:` that ends the host, if any; an IPv6 host is bracketed and has
/// colons of its own.
fn port_text(host_and_port: &str) -> Option<&str> {
    let after_host = match host_and_port.strip_prefix('[') {
        Some(bracketed) => bracketed.split_once(']').map_or("", |(_, rest)| rest),
        None => host_and_port
            .find(':')
            .map_or("", |colon| &host_and_port[colon..]),
    };
    after_host.strip_prefix(':')
}
