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
    // Every fleet id of every page: the paginator sends each page's `NextToken` back until
    // the service has no more.
    let mut fleets = client.list_fleets_paginator(ListFleetsInput::new()).items();
    while let Some(fleet) = fleets.next().await {
        println!("{}", fleet?);
    }
    Ok(())
}
