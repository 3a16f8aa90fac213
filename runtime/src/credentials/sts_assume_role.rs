//! [`AssumeRole`] on a generated STS client (`sts_client.rs`, regenerated from `models/sts.json`
//! by the freshness test): the role-based providers' calls go through the same client code as
//! any service's, signed by the runtime's SigV4 (`AssumeRole`) or unsigned
//! (`AssumeRoleWithWebIdentity`).

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use super::sts_client::{client::Client, types};
use super::{
    AssumeRole, AssumeRoleRequest, AssumeRoleWithWebIdentityRequest, Credentials, CredentialsError,
    CredentialsFuture,
};
use crate::config::Env;
use crate::transport::DynTransport;
use crate::{ClientConfig, InvokeError};

/// The region STS is called in when neither the request nor the environment names one: STS's
/// global endpoint lives there.
const DEFAULT_STS_REGION: &str = "us-east-1";

/// Assumes roles through AWS STS over `transport`, with the endpoint settings of `env`
/// (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, the profile's `services`…).
#[derive(Clone)]
pub struct StsAssumeRole {
    transport: Arc<dyn DynTransport>,
    env: Env,
}

impl std::fmt::Debug for StsAssumeRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("StsAssumeRole")
    }
}

impl StsAssumeRole {
    /// Calls STS over `transport`, configured from `env`.
    pub fn new(transport: Arc<dyn DynTransport>, env: Env) -> StsAssumeRole {
        StsAssumeRole { transport, env }
    }

    fn client(
        &self,
        region: Option<&str>,
        credentials: Option<Credentials>,
        call: &'static str,
    ) -> Result<Client<Arc<dyn DynTransport>>, CredentialsError> {
        let mut config = ClientConfig::new().with_region(region.unwrap_or(DEFAULT_STS_REGION));
        // Set before `load`, so that it does not build a credentials chain of its own: the
        // web identity call is unsigned, and the chain is what called us.
        config = match credentials {
            Some(credentials) => config.with_credentials(credentials),
            None => config.with_credentials(Credentials::new("", "", None, None, "None")),
        };
        let config = config
            .load("STS", &self.env)
            .map_err(|e| CredentialsError::provider_error(call, e.to_string()))?;
        Ok(Client::new(self.transport.clone(), config))
    }
}

impl AssumeRole for StsAssumeRole {
    fn assume_role(&self, request: AssumeRoleRequest) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let client = self.client(
                request.region.as_deref(),
                Some(request.source_credentials.clone()),
                "AssumeRole",
            )?;
            let mut input =
                types::AssumeRoleRequest::new(request.role_arn.clone(), request.session_name);
            input.external_id = request.external_id;
            input.duration_seconds = request.duration.map(seconds);
            let output = client
                .assume_role(input)
                .await
                .map_err(|e| failed("AssumeRole", &request.role_arn, &e))?;
            credentials(output.credentials, "AssumeRole", &request.role_arn)
        })
    }

    fn assume_role_with_web_identity(
        &self,
        request: AssumeRoleWithWebIdentityRequest,
    ) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let client = self.client(request.region.as_deref(), None, "WebIdentity")?;
            let mut input = types::AssumeRoleWithWebIdentityRequest::new(
                request.role_arn.clone(),
                request.session_name,
                request.web_identity_token,
            );
            input.duration_seconds = request.duration.map(seconds);
            let output = client
                .assume_role_with_web_identity(input)
                .await
                .map_err(|e| failed("WebIdentity", &request.role_arn, &e))?;
            credentials(output.credentials, "WebIdentity", &request.role_arn)
        })
    }
}

/// A duration as STS's `DurationSeconds`, saturating.
fn seconds(duration: Duration) -> i32 {
    i32::try_from(duration.as_secs()).unwrap_or(i32::MAX)
}

/// The provider error for a failed call: STS's code and message (never the request's token or
/// secrets, which STS does not echo).
fn failed<E: std::fmt::Display>(
    provider: &'static str,
    role: &str,
    error: &InvokeError<E>,
) -> CredentialsError {
    CredentialsError::provider_error(provider, format!("STS could not assume {role}: {error}"))
}

/// The credentials of an STS answer.
fn credentials(
    answer: Option<types::Credentials>,
    provider: &'static str,
    role: &str,
) -> Result<Credentials, CredentialsError> {
    let answer = answer.ok_or_else(|| {
        CredentialsError::provider_error(
            provider,
            format!("STS answered for {role} without credentials"),
        )
    })?;
    let expiry = u64::try_from(answer.expiration.secs())
        .ok()
        .and_then(|secs| SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(secs)));
    Ok(Credentials::new(
        answer.access_key_id,
        answer.secret_access_key,
        Some(answer.session_token),
        expiry,
        provider,
    ))
}
