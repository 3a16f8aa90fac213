//! Assertions of generated endpoint tests (`smithy-codegen generate --endpoint-tests`), one per
//! `smithy.rules#endpointTests` case.

use crate::document::Document;
use crate::rules::{Endpoint, Params, ResolveError, ServiceRules};

/// What an endpoint case expects.
#[derive(Debug)]
pub enum ExpectedEndpoint<'a> {
    /// An endpoint: URL, headers (each with its values) and properties (as JSON).
    Endpoint {
        /// The URL.
        url: &'a str,
        /// The headers, by name.
        headers: &'a [(&'a str, &'a [&'a str])],
        /// The properties, as a JSON object.
        properties: &'a str,
    },
    /// The rules' error message.
    Error(&'a str),
}

/// Resolves `params` with `rules` and panics, listing every difference, unless the outcome is
/// `expected`.
pub fn assert_endpoint(rules: &ServiceRules, params: &Params, expected: &ExpectedEndpoint<'_>) {
    if let Err(difference) = endpoint_difference(rules.resolve(params), expected) {
        panic!("{difference}\n  parameters: {params:?}");
    }
}

/// `Ok` when `outcome` is what `expected` says, else what differs. Used by the generated tests
/// and by the generator's sweep, which evaluates cases without compiling them.
pub fn endpoint_difference(
    outcome: Result<Endpoint, ResolveError>,
    expected: &ExpectedEndpoint<'_>,
) -> Result<(), String> {
    match (outcome, expected) {
        (
            Ok(endpoint),
            ExpectedEndpoint::Endpoint {
                url,
                headers,
                properties,
            },
        ) => {
            let mut differences = Vec::new();
            if endpoint.url != *url {
                differences.push(format!("url: {} != {url}", endpoint.url));
            }
            let mut actual: Vec<(&str, Vec<&str>)> = endpoint
                .headers
                .iter()
                .map(|(n, vs)| (n.as_str(), vs.iter().map(String::as_str).collect()))
                .collect();
            let mut wanted: Vec<(&str, Vec<&str>)> =
                headers.iter().map(|(n, vs)| (*n, vs.to_vec())).collect();
            actual.sort();
            wanted.sort();
            if actual != wanted {
                differences.push(format!("headers: {actual:?} != {wanted:?}"));
            }
            match crate::from_slice::<Document>(properties.as_bytes()) {
                Ok(Document::Object(wanted)) if wanted == endpoint.properties => {}
                Ok(wanted) => differences.push(format!(
                    "properties: {:?} != {wanted:?}",
                    endpoint.properties
                )),
                Err(e) => differences.push(format!("the expected properties are not JSON: {e}")),
            }
            if differences.is_empty() {
                Ok(())
            } else {
                Err(format!("endpoint differs: {}", differences.join("; ")))
            }
        }
        (Err(error), ExpectedEndpoint::Error(message)) => {
            if error.to_string() == *message {
                Ok(())
            } else {
                Err(format!("error {:?} != {message:?}", error.to_string()))
            }
        }
        (Ok(endpoint), ExpectedEndpoint::Error(message)) => Err(format!(
            "expected the error {message:?}, resolved {}",
            endpoint.url
        )),
        (Err(error), ExpectedEndpoint::Endpoint { url, .. }) => {
            Err(format!("expected {url}, failed: {error}"))
        }
    }
}
