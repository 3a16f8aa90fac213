//! Credentials from the selected profile of the shared files.

mod chain;

use chain::{resolve, Base, CredentialSource, ProfileChain, RoleStep};

use super::sts::{default_session_name, AssumeRoleRequest};
use super::{
    container, environment, imds, process, web_identity, Credentials, CredentialsError,
    CredentialsFuture, ProvideCredentials, ProviderConfig,
};
use crate::config::ProfileSet;

pub(crate) const PROVIDER: &str = "Profile";

/// Credentials from the selected profile (set in code, else `AWS_PROFILE`, else `default`)
/// of the shared `config` and `credentials` files (`AWS_CONFIG_FILE`,
/// `AWS_SHARED_CREDENTIALS_FILE`, else `~/.aws/config` and `~/.aws/credentials`).
///
/// A profile is `[profile NAME]` (or `[default]`) in the config file and `[NAME]` in the
/// credentials file; a profile in both has the properties of both, the credentials file
/// winning where both set one. Its credentials are, by the SDKs' precedence:
///
/// 1. with `role_arn`: the role, assumed through the STS implementation of the
///    [`ProviderConfig`] with
///    - `web_identity_token_file` (`AssumeRoleWithWebIdentity`), else
///    - the credentials of the profile `source_profile` names, resolved the same way —
///      except that a source profile's static keys win over its own `role_arn`, and a profile
///      that is its own source profile uses its static keys —, else
///    - those of `credential_source`: `Environment`, `Ec2InstanceMetadata` or
///      `EcsContainer`;
///
///    with `role_session_name`, `external_id` and `duration_seconds`;
/// 2. IAM Identity Center (`sso_session`, `sso_start_url`…): not supported;
/// 3. `credential_process`: the output of that command
///    ([`CredentialProcessProvider`](super::CredentialProcessProvider));
/// 4. `aws_access_key_id`, `aws_secret_access_key`, and `aws_session_token` if set.
///
/// The default profile missing or without credentials: [not
/// loaded](super::CredentialsErrorKind::NotLoaded). A profile chosen in code or by
/// `AWS_PROFILE` that does not exist, a key without its pair, a `source_profile` loop or a
/// missing source profile: an [invalid
/// configuration](super::CredentialsErrorKind::InvalidConfiguration) naming the file, line and
/// property. The files are read again at every call.
///
/// ```
/// use smithy_runtime::block_on;
/// use smithy_runtime::config::Env;
/// use smithy_runtime::credentials::{ProfileCredentialsProvider, ProvideCredentials, ProviderConfig};
///
/// let env = Env::from_map([("HOME", "/home/test"), ("AWS_PROFILE", "dev")])
///     .with_file("/home/test/.aws/credentials", "[dev]\naws_access_key_id = AKID\naws_secret_access_key = secret\n");
/// let provider = ProfileCredentialsProvider::new(ProviderConfig::new(env));
/// let credentials = block_on(provider.provide_credentials()).unwrap();
/// assert_eq!((credentials.access_key_id(), credentials.provider()), ("AKID", "Profile"));
/// ```
#[derive(Clone, Debug)]
pub struct ProfileCredentialsProvider {
    config: ProviderConfig,
}

impl ProfileCredentialsProvider {
    /// A provider reading `config`'s shared files.
    pub fn new(config: ProviderConfig) -> ProfileCredentialsProvider {
        ProfileCredentialsProvider { config }
    }
}

impl ProvideCredentials for ProfileCredentialsProvider {
    fn provide_credentials(&self) -> CredentialsFuture<'_> {
        Box::pin(async move {
            let profiles = self.config.load_profiles();
            load(&self.config, &profiles).await
        })
    }
}

/// The credentials of the selected profile of `profiles`.
pub(crate) async fn load(
    config: &ProviderConfig,
    profiles: &ProfileSet,
) -> Result<Credentials, CredentialsError> {
    let ProfileChain { base, roles } = resolve(config, profiles)?;
    // Checked before the base credentials are fetched: no process run, no request sent, for
    // nothing.
    let sts = match (&config.sts, roles.first()) {
        (None, Some(role)) => return Err(no_sts(role)),
        (sts, _) => sts.as_ref(),
    };
    let mut credentials = base_credentials(config, profiles, base).await?;
    let Some(sts) = sts else {
        return Ok(credentials);
    };
    for role in roles {
        let request = AssumeRoleRequest {
            role_arn: role.role_arn.value,
            session_name: role.session_name.unwrap_or_else(default_session_name),
            external_id: role.external_id,
            duration: role.duration,
            source_credentials: credentials,
            region: config.sts_region(profiles),
            profile: Some(role.profile),
        };
        credentials = sts.assume_role(request).await?;
    }
    Ok(credentials)
}

fn no_sts(role: &RoleStep) -> CredentialsError {
    let message = format!(
        "assuming role {} needs an STS implementation (ProviderConfig::with_sts), and none was \
         given",
        role.role_arn.value
    );
    CredentialsError::unsupported(PROVIDER, message).with_location(role.role_arn.location.clone())
}

async fn base_credentials(
    config: &ProviderConfig,
    profiles: &ProfileSet,
    base: Base,
) -> Result<Credentials, CredentialsError> {
    match base {
        Base::Static(credentials) => Ok(credentials),
        Base::Process(command) => process::run(command.value, config.process_timeout)
            .await
            .map_err(|error| error.or_location(|| command.location)),
        Base::WebIdentity(role) => web_identity::assume(config, profiles, role).await,
        Base::Source(source, setting) => {
            let result = match source {
                CredentialSource::Environment => environment::load(&config.env),
                CredentialSource::Ec2InstanceMetadata => imds::load(config, profiles).await,
                CredentialSource::EcsContainer => container::load(config).await,
            };
            result.map_err(|error| {
                let what = format!("`credential_source` is {}", setting.value);
                error.required(&what).or_location(|| setting.location)
            })
        }
    }
}
