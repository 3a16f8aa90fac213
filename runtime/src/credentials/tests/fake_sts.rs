//! An [`AssumeRole`] that records its calls and answers with credentials naming the role.

use std::sync::{Arc, Mutex};

use crate::credentials::{
    AssumeRole, AssumeRoleRequest, AssumeRoleWithWebIdentityRequest, Credentials, CredentialsError,
    CredentialsFuture,
};

/// One call, as the tests compare them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Call {
    AssumeRole(AssumeRoleRequest),
    WebIdentity(AssumeRoleWithWebIdentityRequest),
}

/// Answers `AssumeRole` for role `R` with access key id `role:R` and
/// `AssumeRoleWithWebIdentity` with `web:R`; or fails every call, when built failing.
#[derive(Debug, Default)]
pub(super) struct FakeSts {
    calls: Mutex<Vec<Call>>,
    fail: bool,
}

impl FakeSts {
    pub(super) fn new() -> Arc<FakeSts> {
        Arc::new(FakeSts::default())
    }

    pub(super) fn failing() -> Arc<FakeSts> {
        Arc::new(FakeSts {
            fail: true,
            ..FakeSts::default()
        })
    }

    pub(super) fn calls(&self) -> Vec<Call> {
        self.calls.lock().unwrap().clone()
    }

    /// The `AssumeRole` calls as `role ← source access key id`.
    pub(super) fn role_steps(&self) -> Vec<String> {
        self.calls()
            .into_iter()
            .map(|call| match call {
                Call::AssumeRole(request) => format!(
                    "{} <- {}",
                    request.role_arn,
                    request.source_credentials.access_key_id()
                ),
                Call::WebIdentity(request) => format!("{} <- web identity", request.role_arn),
            })
            .collect()
    }

    fn answer(&self, call: Call, key: String) -> CredentialsFuture<'_> {
        self.calls.lock().unwrap().push(call);
        let result = if self.fail {
            Err(CredentialsError::provider_error(
                "FakeSts",
                "AccessDenied: not allowed",
            ))
        } else {
            Ok(Credentials::new(
                key,
                "SECRETKEY-sts",
                Some("SESSIONTOKEN-sts".into()),
                Some(super::expiry_2030()),
                "FakeSts",
            ))
        };
        Box::pin(std::future::ready(result))
    }
}

impl AssumeRole for FakeSts {
    fn assume_role(&self, request: AssumeRoleRequest) -> CredentialsFuture<'_> {
        let key = format!("role:{}", request.role_arn);
        self.answer(Call::AssumeRole(request), key)
    }

    fn assume_role_with_web_identity(
        &self,
        request: AssumeRoleWithWebIdentityRequest,
    ) -> CredentialsFuture<'_> {
        let key = format!("web:{}", request.role_arn);
        self.answer(Call::WebIdentity(request), key)
    }
}
