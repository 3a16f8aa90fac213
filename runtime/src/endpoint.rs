//! Endpoints: generated operations build requests with a relative URI (`/`) and, for
//! `@endpoint` operations, a [`HostPrefix`] extension; the client makes the URI absolute with
//! the endpoint its rules resolve ([`apply_endpoint`]) or an endpoint URL
//! ([`resolve_endpoint`]).

use http::header::{HeaderName, HeaderValue};
use http::Request;

use crate::rules::{Endpoint, ResolveError};
use crate::BuildError;

/// A host prefix from an operation's `@endpoint(hostPrefix: ...)` with its
/// labels filled in, e.g. `foo.bar.`; stored in the request's extensions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostPrefix(pub String);

/// Checks the value of a `@hostLabel` member before it goes into a host prefix: a DNS label of
/// 1 to 63 letters, digits and hyphens, not starting with a hyphen. `name` is the member, for
/// the error.
pub fn host_label<'a>(name: &str, value: &'a str) -> Result<&'a str, BuildError> {
    let valid = !value.is_empty()
        && value.len() <= 63
        && !value.starts_with('-')
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
    if valid {
        Ok(value)
    } else {
        Err(BuildError::new(format!(
            "host label `{name}` must be 1 to 63 letters, digits or hyphens (not first), found {value:?}"
        )))
    }
}

/// Marks a request whose URI's leading label went into the endpoint (S3's `{Bucket}`, which
/// S3's rules put in the host or, for path-style addressing, the endpoint's path): a request
/// path of `/` then adds nothing to the endpoint's own path (`https://s3…/bucket?list-type=2`,
/// not `…/bucket/?list-type=2`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PathInEndpoint;

/// Why no endpoint could be applied: the rules' own error (an unsupported combination of
/// region, FIPS and dual-stack, a bucket name that cannot be used…) or an endpoint that is not a
/// URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EndpointError(String);

impl EndpointError {
    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for EndpointError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "endpoint: {}", self.0)
    }
}

impl std::error::Error for EndpointError {}

impl From<ResolveError> for EndpointError {
    fn from(error: ResolveError) -> Self {
        EndpointError(error.to_string())
    }
}

/// Makes the request's URI absolute against a resolved endpoint (see [`resolve_endpoint`]),
/// adds the endpoint's headers, and stores the endpoint in the request's extensions, where a
/// signer finds its `authSchemes`.
pub fn apply_endpoint<B>(
    request: &mut Request<B>,
    endpoint: Endpoint,
) -> Result<(), EndpointError> {
    resolve_endpoint(request, &endpoint.url)?;
    for (name, values) in &endpoint.headers {
        let name = HeaderName::from_bytes(name.as_bytes())
            .map_err(|_| EndpointError(format!("`{name}` is not a header name")))?;
        for value in values {
            let value = HeaderValue::from_str(value)
                .map_err(|_| EndpointError(format!("header `{name}` has the value {value:?}")))?;
            request.headers_mut().append(name.clone(), value);
        }
    }
    request.extensions_mut().insert(endpoint);
    Ok(())
}

/// Makes the request's URI absolute against `endpoint` (`https://host[:port][/base]`;
/// a scheme-less endpoint means `https`): the host gets the request's
/// [`HostPrefix`], the path is the endpoint's base path joined with the
/// request's path, and the query is kept.
pub fn resolve_endpoint<B>(request: &mut Request<B>, endpoint: &str) -> Result<(), EndpointError> {
    let (scheme, rest) = match endpoint.split_once("://") {
        Some((scheme, rest)) => (scheme, rest),
        None => ("https", endpoint),
    };
    let (authority, base_path) = match rest.find('/') {
        Some(slash) => rest.split_at(slash),
        None => (rest, ""),
    };
    if authority.is_empty() {
        return Err(EndpointError(format!("`{endpoint}` has no host")));
    }
    let prefix = request
        .extensions()
        .get::<HostPrefix>()
        .map_or("", |p| p.0.as_str());
    let path_and_query = request.uri().path_and_query().map_or("/", |p| p.as_str());
    let base_path = base_path.trim_end_matches('/');
    // The root path of a request whose leading label the endpoint carries is the endpoint's.
    let path_and_query = match path_and_query.strip_prefix('/') {
        Some(rest)
            if !base_path.is_empty()
                && (rest.is_empty() || rest.starts_with('?'))
                && request.extensions().get::<PathInEndpoint>().is_some() =>
        {
            rest
        }
        _ => path_and_query,
    };
    let uri = format!("{scheme}://{prefix}{authority}{base_path}{path_and_query}");
    *request.uri_mut() = uri
        .parse()
        .map_err(|e| EndpointError(format!("`{uri}`: {e}")))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_labels() {
        assert_eq!(host_label("label", "bar-1"), Ok("bar-1"));
        for bad in ["", "-bar", "a.b", "a/b", "ünï", &"x".repeat(64)] {
            let error = host_label("label", bad).unwrap_err();
            assert!(
                error.message().contains("host label `label`"),
                "{bad}: {error}"
            );
        }
    }

    #[test]
    fn joins_prefix_host_base_path_and_path() {
        let mut request = Request::new(());
        *request.uri_mut() = "/op?x=1".parse().unwrap();
        request
            .extensions_mut()
            .insert(HostPrefix("foo.bar.".into()));
        resolve_endpoint(&mut request, "example.com/custom/").unwrap();
        assert_eq!(request.uri(), "https://foo.bar.example.com/custom/op?x=1");

        let mut plain = Request::new(());
        *plain.uri_mut() = "/".parse().unwrap();
        resolve_endpoint(&mut plain, "http://localhost:8080").unwrap();
        assert_eq!(plain.uri(), "http://localhost:8080/");

        // S3's path-style addressing: the endpoint's path is the bucket.
        let mut root = Request::new(());
        *root.uri_mut() = "/?list-type=2".parse().unwrap();
        root.extensions_mut().insert(PathInEndpoint);
        resolve_endpoint(&mut root, "https://s3.us-west-2.amazonaws.com/bucket").unwrap();
        assert_eq!(
            root.uri(),
            "https://s3.us-west-2.amazonaws.com/bucket?list-type=2"
        );
        let mut key = Request::new(());
        *key.uri_mut() = "/my%20key".parse().unwrap();
        key.extensions_mut().insert(PathInEndpoint);
        resolve_endpoint(&mut key, "https://s3.us-west-2.amazonaws.com/bucket").unwrap();
        assert_eq!(
            key.uri(),
            "https://s3.us-west-2.amazonaws.com/bucket/my%20key"
        );
        assert!(resolve_endpoint(&mut plain, "https:///path").is_err());
        assert!(resolve_endpoint(&mut plain, "exa mple.com").is_err());
    }
}
