//! The names a service's settings go by, derived from its `sdkId`.
//!
//! The `sdkId` of a service (its `aws.api#service` trait) is letters, digits and single
//! spaces: `GameLift`, `S3`, `Elastic Load Balancing v2`. The Reference Guide's table
//! "Identifiers for service-specific endpoints" derives both names from it by replacing each
//! space with `_`, then upper-casing (environment variable) or lower-casing (`services`
//! section key). Any other character that is not a letter or digit (a `-`, which some SDKs
//! use in place of spaces) is replaced by `_` too, so that no input gives a name no shell
//! can set.

/// The environment variable holding the endpoint URL of one service:
/// `AWS_ENDPOINT_URL_` and the upper-cased `sdkId`, e.g. `AWS_ENDPOINT_URL_GAMELIFT`,
/// `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2`.
pub fn endpoint_url_env_var(sdk_id: &str) -> String {
    format!(
        "AWS_ENDPOINT_URL_{}",
        underscored(sdk_id).to_ascii_uppercase()
    )
}

/// The key of a service's block in a `[services NAME]` section: the lower-cased `sdkId`,
/// e.g. `gamelift`, `s3`, `elastic_load_balancing_v2`.
pub fn services_key(sdk_id: &str) -> String {
    underscored(sdk_id).to_ascii_lowercase()
}

fn underscored(sdk_id: &str) -> String {
    sdk_id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect()
}
