//! Reading a token from a file (a web identity token, a container authorization token):
//! read again on every use, since the platform rotates it.

use std::io;
use std::path::Path;

use super::CredentialsError;
use crate::config::{ConfigLocation, Env};

/// The token in the file at `path`, trimmed. `location` is where the path was set; errors
/// name it and the path, never the file's contents.
pub(crate) fn read_token_file(
    env: &Env,
    path: &Path,
    location: &ConfigLocation,
    provider: &'static str,
) -> Result<String, CredentialsError> {
    let invalid = |problem: String| {
        CredentialsError::invalid_configuration(provider, location.clone(), problem)
    };
    let bytes = match env.read_file(path) {
        Ok(bytes) => bytes,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(invalid(format!(
                "token file {} does not exist",
                path.display()
            )));
        }
        Err(error) => {
            let message = format!("could not read the token file {}", path.display());
            return Err(CredentialsError::provider_error(provider, message)
                .with_location(location.clone())
                .with_source(error));
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Err(invalid(format!(
            "token file {} is not UTF-8",
            path.display()
        )));
    };
    let token = text.trim();
    if token.is_empty() {
        return Err(invalid(format!("token file {} is empty", path.display())));
    }
    Ok(token.to_owned())
}
