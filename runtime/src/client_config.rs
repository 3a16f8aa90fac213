//! What a generated client is configured with: the options requests are built with, and the
//! settings its endpoint is resolved from (region, FIPS, dual-stack, an endpoint override, other
//! built-ins and client context parameters).

use http::Request;

use crate::call::{user_agent, CallSettings, Clock, ClockSkew, SigningSettings, TimeoutConfig};
use crate::config::{resolve_region, ConfigError, EndpointConfig, Env, ProfileSet, Region};
use crate::credentials::{
    DefaultCredentialsChain, LazyCredentialsCache, ProvideCredentials, ProviderConfig,
    SharedCredentialsProvider, StsAssumeRole,
};
use crate::endpoint::{apply_endpoint, resolve_endpoint, EndpointError};
use crate::operation::RequestOptions;
use crate::retry::{RetryConfig, RetryQuota};
use crate::rules::{ParamValue, Params, ServiceRules};
use crate::sleep::SharedAsyncSleep;

/// A generated client's configuration. The client resolves each call's endpoint from it with the
/// service's rules (set by the generated client, [`with_rules`](Self::with_rules)), then the
/// transport only sends the request.
///
/// Values set here are explicit, in code; [`ClientConfig::load`] fills the ones left unset from
/// the environment and the shared config files, as the AWS SDKs do.
#[derive(Clone, Debug, Default)]
pub struct ClientConfig {
    options: RequestOptions,
    region: Option<String>,
    use_fips: Option<bool>,
    use_dual_stack: Option<bool>,
    endpoint_url: Option<String>,
    /// Other built-ins, by built-in name (`AWS::S3::ForcePathStyle`).
    built_ins: Params,
    /// `@clientContextParams` values, by parameter name.
    client_params: Params,
    rules: Option<&'static ServiceRules>,
    /// The service's `sdkId`, for the user agent; generated clients set it.
    sdk_id: Option<&'static str>,
    app_id: Option<String>,
    credentials: Option<SharedCredentialsProvider>,
    /// Set in code, or by `load`; the standard mode when unset.
    retry: Option<RetryConfig>,
    retry_quota: RetryQuota,
    timeouts: TimeoutConfig,
    sleep: SharedAsyncSleep,
    clock: Clock,
    skew: ClockSkew,
}

impl ClientConfig {
    /// Nothing set: no region, FIPS and dual-stack off, no endpoint override.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the region (`AWS::Region`).
    pub fn with_region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends to FIPS endpoints or not (`AWS::UseFIPS`).
    pub fn with_use_fips(mut self, enabled: bool) -> Self {
        self.use_fips = Some(enabled);
        self
    }

    /// Sends to dual-stack (IPv4 and IPv6) endpoints or not (`AWS::UseDualStack`).
    pub fn with_use_dual_stack(mut self, enabled: bool) -> Self {
        self.use_dual_stack = Some(enabled);
        self
    }

    /// Sends to `url` (`SDK::Endpoint`: a local emulator, a VPC endpoint…); the rules still
    /// decide what is allowed with it (most refuse FIPS and dual-stack).
    pub fn with_endpoint_url(mut self, url: impl Into<String>) -> Self {
        self.endpoint_url = Some(url.into());
        self
    }

    /// Sets a built-in by its name (`AWS::S3::ForcePathStyle`, `AWS::Auth::AccountId`…); the
    /// four common ones (`AWS::Region`, `AWS::UseFIPS`, `AWS::UseDualStack`, `SDK::Endpoint`)
    /// set the same values as their own methods.
    pub fn with_built_in(mut self, name: &str, value: impl Into<ParamValue>) -> Self {
        match (name, value.into()) {
            ("AWS::Region", ParamValue::String(v)) => self.region = Some(v),
            ("AWS::UseFIPS", ParamValue::Boolean(v)) => self.use_fips = Some(v),
            ("AWS::UseDualStack", ParamValue::Boolean(v)) => self.use_dual_stack = Some(v),
            ("SDK::Endpoint", ParamValue::String(v)) => self.endpoint_url = Some(v),
            (name, value) => {
                self.built_ins.set(name, value);
            }
        }
        self
    }

    /// Sets a client context parameter (`@clientContextParams`) by parameter name.
    pub fn with_client_param(mut self, name: &str, value: impl Into<ParamValue>) -> Self {
        self.client_params.set(name, value);
        self
    }

    /// The options requests are built with (idempotency tokens…).
    pub fn with_options(mut self, options: RequestOptions) -> Self {
        self.options = options;
        self
    }

    /// The service's endpoint rules; generated clients set them.
    pub fn with_rules(mut self, rules: &'static ServiceRules) -> Self {
        self.rules = Some(rules);
        self
    }

    /// The service's `sdkId` (`GameLift`), sent in the user agent; generated clients set it.
    pub fn with_sdk_id(mut self, sdk_id: &'static str) -> Self {
        self.sdk_id = Some(sdk_id);
        self
    }

    /// An application name for the user agent (`app/<name>`), as the SDKs' `sdk_ua_app_id`.
    pub fn with_app_id(mut self, app_id: impl Into<String>) -> Self {
        self.app_id = Some(app_id.into());
        self
    }

    /// Signs requests with these credentials: fixed ones ([`Credentials`](crate::credentials::Credentials)),
    /// or any provider (the default chain, a cache around one…).
    pub fn with_credentials(mut self, provider: impl ProvideCredentials + 'static) -> Self {
        self.credentials = Some(SharedCredentialsProvider::new(provider));
        self
    }

    /// Signs requests with credentials from a shared provider.
    pub fn with_credentials_provider(mut self, provider: SharedCredentialsProvider) -> Self {
        self.credentials = Some(provider);
        self
    }

    /// How many attempts a call makes and how long it waits between them (default: the
    /// standard mode's 3 attempts).
    pub fn with_retry_config(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Time limits for a call and for each attempt (default: none beyond the transport's).
    pub fn with_timeouts(mut self, timeouts: TimeoutConfig) -> Self {
        self.timeouts = timeouts;
        self
    }

    /// The timer retries and timeouts wait on (default: tokio's with the `http-client`
    /// feature, else a thread per wait).
    pub fn with_sleep(mut self, sleep: SharedAsyncSleep) -> Self {
        self.sleep = sleep;
        self
    }

    /// The timer retries and waiters sleep with.
    #[cfg_attr(not(feature = "jmespath"), allow(dead_code))]
    pub(crate) fn sleep(&self) -> &SharedAsyncSleep {
        &self.sleep
    }

    /// The clock requests are signed with (default: the system clock).
    pub fn with_clock(mut self, clock: Clock) -> Self {
        self.clock = clock;
        self
    }

    /// The credentials provider, if one is set.
    pub fn credentials(&self) -> Option<&SharedCredentialsProvider> {
        self.credentials.as_ref()
    }

    /// The retry settings.
    pub fn retry_config(&self) -> RetryConfig {
        self.retry.unwrap_or_default()
    }

    /// The timeouts.
    pub fn timeouts(&self) -> TimeoutConfig {
        self.timeouts
    }

    /// What a call takes from this configuration.
    pub(crate) fn call_settings(&self) -> CallSettings {
        CallSettings {
            retry: self.retry_config(),
            retry_quota: self.retry_quota.clone(),
            timeouts: self.timeouts,
            sleep: self.sleep.clone(),
            clock: self.clock.clone(),
            skew: self.skew.clone(),
            user_agent: user_agent(self.sdk_id, self.app_id.as_deref()),
            signing: SigningSettings {
                credentials: self.credentials.clone(),
                region: self.region.clone(),
            },
        }
    }

    /// Fills the settings not set in code from the environment and the shared config files, as
    /// the AWS SDKs do (see [`crate::config`]): the endpoint URL (`AWS_ENDPOINT_URL_<SERVICE>`,
    /// `AWS_ENDPOINT_URL`, the profile's `services` section and `endpoint_url`, all ignored
    /// under `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS`), FIPS and dual-stack
    /// (`AWS_USE_FIPS_ENDPOINT`, `AWS_USE_DUALSTACK_ENDPOINT`, the profile), and the region
    /// (`AWS_REGION`, then `AWS_DEFAULT_REGION`, then the profile's `region`:
    /// [`resolve_region`]); the retry settings (`AWS_MAX_ATTEMPTS`, `AWS_RETRY_MODE`, the
    /// profile: [`RetryConfig::from_env`]); and, unless credentials were set in code, the
    /// default credentials chain ([`DefaultCredentialsChain`]: the environment, the shared files,
    /// web identity, the container endpoint, EC2 instance metadata; roles assumed through STS,
    /// [`StsAssumeRole`]), cached until shortly before they expire. The chain reads nothing until the first signed call. `sdk_id` is the
    /// service's `sdkId` (`GameLift`); `env` is [`Env::real`] or a test double.
    pub fn load(mut self, sdk_id: &str, env: &Env) -> Result<Self, ConfigError> {
        let profiles = ProfileSet::load(env);
        let in_code = EndpointConfig {
            endpoint_url: self.endpoint_url.take(),
            use_fips: self.use_fips,
            use_dual_stack: self.use_dual_stack,
        };
        let endpoint = in_code.resolve(sdk_id, env, &profiles)?;
        self.endpoint_url = endpoint.endpoint_url;
        self.use_fips = endpoint.use_fips;
        self.use_dual_stack = endpoint.use_dual_stack;
        if self.region.is_none() {
            self.region = resolve_region(None, env, &profiles).map(Region::into_name);
        }
        if self.retry.is_none() {
            self.retry = Some(RetryConfig::standard().from_env(env, &profiles)?);
        }
        if self.credentials.is_none() {
            let mut providers = ProviderConfig::new(env.clone());
            if let Some(region) = &self.region {
                providers = providers.with_region(region.clone());
            }
            #[cfg(feature = "http-client")]
            {
                providers = providers.with_transport(std::sync::Arc::new(metadata_client()));
            }
            // Roles (`role_arn`, web identity) are assumed through STS over the default
            // transport, with the proxy and endpoint settings of `env`.
            let sts_transport = std::sync::Arc::new(crate::default_transport(env));
            providers = providers.with_sts(std::sync::Arc::new(StsAssumeRole::new(
                sts_transport,
                env.clone(),
            )));
            let chain = DefaultCredentialsChain::new(providers);
            self = self.with_credentials(LazyCredentialsCache::new(chain));
        }
        Ok(self)
    }

    /// The region, if set.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Whether FIPS endpoints are asked for, if set.
    pub fn use_fips(&self) -> Option<bool> {
        self.use_fips
    }

    /// Whether dual-stack endpoints are asked for, if set.
    pub fn use_dual_stack(&self) -> Option<bool> {
        self.use_dual_stack
    }

    /// The endpoint override, if set.
    pub fn endpoint_url(&self) -> Option<&str> {
        self.endpoint_url.as_deref()
    }

    /// The options requests are built with.
    pub fn options(&self) -> &RequestOptions {
        &self.options
    }

    /// The service's endpoint rules, if set.
    pub fn rules(&self) -> Option<&'static ServiceRules> {
        self.rules
    }

    /// The value of the built-in `name` (the four common ones come from their own settings).
    pub fn built_in(&self, name: &str) -> Option<ParamValue> {
        match name {
            "AWS::Region" => self.region.clone().map(ParamValue::String),
            "AWS::UseFIPS" => self.use_fips.map(ParamValue::Boolean),
            "AWS::UseDualStack" => self.use_dual_stack.map(ParamValue::Boolean),
            "SDK::Endpoint" => self.endpoint_url.clone().map(ParamValue::String),
            other => self.built_ins.get(other).cloned(),
        }
    }

    /// The endpoint parameters the configuration gives: each parameter of the rule set bound to
    /// a built-in takes its value, then client context parameters by name. Operations add
    /// their own ([`Operation::endpoint_params`](crate::Operation::endpoint_params)).
    pub fn endpoint_params(&self) -> Params {
        let mut params = Params::new();
        let Some(rule_set) = self.rules.and_then(|r| r.rule_set().ok()) else {
            return params;
        };
        for param in rule_set.parameters() {
            let value = param
                .built_in
                .as_deref()
                .and_then(|name| self.built_in(name))
                .or_else(|| self.client_params.get(&param.name).cloned());
            if let Some(value) = value {
                params.set(&param.name, value);
            }
        }
        params
    }

    /// Makes `request` absolute: the endpoint the rules resolve for `params` (its URL, headers,
    /// and the endpoint itself in the request's extensions, for the signer), or without rules
    /// the endpoint override; with neither, the request stays relative for the transport.
    pub fn apply_endpoint(
        &self,
        request: &mut Request<Vec<u8>>,
        params: &Params,
    ) -> Result<(), EndpointError> {
        match self.rules {
            Some(rules) => {
                let endpoint = rules.resolve(params).map_err(EndpointError::from)?;
                apply_endpoint(request, endpoint)
            }
            None => match &self.endpoint_url {
                Some(url) => resolve_endpoint(request, url),
                None => Ok(()),
            },
        }
    }
}

/// The HTTP client credential providers reach the container endpoint and EC2 instance metadata
/// with: link-local or loopback addresses that answer at once or not at all, so short timeouts
/// (as the SDKs use: 1 s), and never through a proxy.
#[cfg(feature = "http-client")]
fn metadata_client() -> crate::http_client::HttpClient {
    use std::time::Duration;
    crate::http_client::HttpClient::builder()
        .connect_timeout(Some(Duration::from_secs(1)))
        .read_timeout(Some(Duration::from_secs(1)))
        .no_proxy()
        .build()
        .unwrap_or_default()
}
