//! Lists the GameLift fleets of the account and region the environment names: the README's
//! real-call example, compiled by `cargo test`.
//!
//! ```sh
//! AWS_PROFILE=dev AWS_REGION=us-west-2 cargo run -p smithy-codegen-tests --example list_fleets
//! ```

use gamelift::client::Client;
use gamelift::types::ListFleetsInput;

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Region, credentials (environment, ~/.aws files, SSO-less profiles, web identity,
    // container, EC2 metadata), endpoint and retry settings as the AWS SDKs read them.
    let client = Client::from_env()?;
    let mut input = ListFleetsInput::new();
    loop {
        let page = client.list_fleets(input.clone()).await?;
        for fleet in page.fleet_ids.unwrap_or_default() {
            println!("{fleet}");
        }
        match page.next_token {
            Some(token) => input.next_token = Some(token),
            None => return Ok(()),
        }
    }
}
