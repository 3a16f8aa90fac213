//! Client configuration read the way the AWS SDKs read it: from environment variables and
//! the shared `config` and `credentials` files.
//!
//! - [`Env`] is where values come from: the real process environment and file system, or an
//!   in-memory one for tests.
//! - [`ProfileSet`] is the shared files parsed and merged, with the selected profile
//!   (see [`profile`] for the file format).
//! - [`EndpointConfig`] is the endpoint settings of one service, resolved by the precedence
//!   below.
//! - [`resolve_region`] is the region (set in code, `AWS_REGION`, `AWS_DEFAULT_REGION`, the
//!   selected profile's `region`) and where it was set.
//!
//! # Endpoint settings
//!
//! From the AWS SDKs and Tools Reference Guide, "Service-specific endpoints" and its table
//! "Identifiers for service-specific endpoints". The endpoint URL of the service with
//! `sdkId` `ID` is the first of these that is set (a blank value counts as unset):
//!
//! 1. the URL set in code ([`EndpointConfig::endpoint_url`] of the configuration being
//!    resolved), whatever the settings below say;
//! 2. nothing, when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` is `true` or, that variable being
//!    unset, the selected profile's `ignore_configured_endpoint_urls` is `true`: steps 3 to 6
//!    are skipped and the client's default endpoint applies;
//! 3. the environment variable `AWS_ENDPOINT_URL_<ID>`, `ID` upper-cased with spaces
//!    replaced by `_` ([`endpoint_url_env_var`]: `AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2`);
//! 4. the environment variable `AWS_ENDPOINT_URL`;
//! 5. when the selected profile has a `services = NAME` property, the `endpoint_url`
//!    sub-property of the service's block in `[services NAME]`, the block's key being `ID`
//!    lower-cased with spaces replaced by `_` ([`services_key`]: `elastic_load_balancing_v2 =`);
//!    a `services` property naming a section that does not exist is an error;
//! 6. the selected profile's `endpoint_url`.
//!
//! FIPS and dual-stack are, in order: the value set in code; `AWS_USE_FIPS_ENDPOINT` /
//! `AWS_USE_DUALSTACK_ENDPOINT`; the profile's `use_fips_endpoint` /
//! `use_dualstack_endpoint`. Flags are `true` or `false` in any case.
//!
//! An endpoint URL must be an absolute `http` or `https` URL with a host and optionally a
//! path; a flag that is neither `true` nor `false` and a URL that is not such a URL are a
//! [`ConfigError`] naming the variable, or the file, line, section and property, where the
//! value was set. Only values that are used are checked.
//!
//! ```
//! use smithy_runtime::config::{EndpointConfig, Env};
//!
//! let env = Env::from_map([("HOME", "/home/dev"), ("AWS_PROFILE", "local")]).with_file(
//!     "/home/dev/.aws/config",
//!     "[profile local]\n\
//!      services = localstack\n\
//!      endpoint_url = http://localhost:4566\n\
//!      \n\
//!      [services localstack]\n\
//!      elastic_load_balancing_v2 =\n\
//!      \x20 endpoint_url = http://localhost:4567\n",
//! );
//! let elb = EndpointConfig::default().resolve_from_env("Elastic Load Balancing v2", &env);
//! assert_eq!(elb.unwrap().endpoint_url.as_deref(), Some("http://localhost:4567"));
//! let gamelift = EndpointConfig::default().resolve_from_env("GameLift", &env);
//! assert_eq!(gamelift.unwrap().endpoint_url.as_deref(), Some("http://localhost:4566"));
//! ```

mod endpoint;
mod endpoint_url;
mod env;
mod error;
pub mod profile;
mod region;
mod service_id;
pub(crate) mod setting;

pub use endpoint::{
    EndpointConfig, ENDPOINT_URL_VAR, IGNORE_CONFIGURED_ENDPOINT_URLS_VAR,
    USE_DUALSTACK_ENDPOINT_VAR, USE_FIPS_ENDPOINT_VAR,
};
pub use env::Env;
pub use error::{ConfigError, ConfigLocation};
pub use profile::{FileKind, ProfileSet, ProfileWarning, Section, PROFILE_VAR};
pub use region::{region_from_env, resolve_region, Region, DEFAULT_REGION_VAR, REGION_VAR};
pub use service_id::{endpoint_url_env_var, services_key};
pub(crate) use setting::Setting;

#[cfg(test)]
mod tests;
