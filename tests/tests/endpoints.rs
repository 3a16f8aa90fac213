//! Endpoint resolution through the generated GameLift client: the client, not the transport,
//! resolves each call's endpoint from its configuration (code, environment, shared config
//! files) with the service's rules, and the rules' own errors come back before anything is
//! sent. The 46 official cases run in the `gamelift` module's `endpoint_tests`.

use gamelift::client::Client;
use gamelift::types::StartMatchBackfillInput;
use smithy_runtime::config::Env;
use smithy_runtime::http::Response;
use smithy_runtime::{block_on, ClientConfig, InMemoryTransport, InvokeError};

fn input() -> StartMatchBackfillInput {
    StartMatchBackfillInput::new("config".to_owned(), vec![])
}

fn credentials() -> smithy_runtime::credentials::Credentials {
    smithy_runtime::credentials::Credentials::new("AKID", "secret", None, None, "Test")
}

/// The URI the client sends one call to with `config`, or the endpoint error.
fn sent_to(config: ClientConfig) -> Result<String, String> {
    let transport = InMemoryTransport::new();
    transport.push_response(Response::new(b"{}".to_vec()));
    let client = Client::new(transport, config.with_credentials(credentials()));
    match block_on(client.start_match_backfill(input())) {
        Ok(_) => Ok(client.transport().requests()[0].uri().to_string()),
        Err(InvokeError::Endpoint(e)) => {
            assert!(client.transport().requests().is_empty(), "nothing is sent");
            Err(e.message().to_owned())
        }
        // A region the rules accept but a signature's scope cannot hold (`""`).
        Err(InvokeError::Signing(e)) => {
            assert!(client.transport().requests().is_empty(), "nothing is sent");
            Err(e.to_string())
        }
        Err(other) => panic!("{other}"),
    }
}

#[test]
fn region_fips_dual_stack_and_override() {
    let region = || ClientConfig::new().with_region("eu-central-1");
    assert_eq!(
        sent_to(region()),
        Ok("https://gamelift.eu-central-1.amazonaws.com/".to_owned())
    );
    assert_eq!(
        sent_to(region().with_use_fips(true)),
        Ok("https://gamelift-fips.eu-central-1.amazonaws.com/".to_owned())
    );
    assert_eq!(
        sent_to(region().with_use_dual_stack(true)),
        Ok("https://gamelift.eu-central-1.api.aws/".to_owned())
    );
    assert_eq!(
        sent_to(ClientConfig::new().with_region("cn-north-1")),
        Ok("https://gamelift.cn-north-1.amazonaws.com.cn/".to_owned())
    );
    assert_eq!(
        sent_to(region().with_endpoint_url("http://127.0.0.1:4566")),
        Ok("http://127.0.0.1:4566/".to_owned())
    );
    assert_eq!(
        sent_to(ClientConfig::new()),
        Err("Invalid Configuration: Missing Region".to_owned())
    );
    assert_eq!(
        sent_to(
            region()
                .with_endpoint_url("http://127.0.0.1:4566")
                .with_use_fips(true)
        ),
        Err("Invalid Configuration: FIPS and custom endpoint are not supported".to_owned())
    );
}

#[test]
fn configuration_from_the_environment_and_files() {
    let load = |env: &Env| ClientConfig::new().load("GameLift", env).unwrap();
    // The service's own variable wins over the general one, which wins over the profile.
    let env = Env::from_map([
        ("HOME", "/home/dev"),
        ("AWS_REGION", "us-west-2"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"),
        ("AWS_ENDPOINT_URL_GAMELIFT", "http://127.0.0.1:2222"),
    ])
    .with_file(
        "/home/dev/.aws/config",
        "[default]\nendpoint_url = http://127.0.0.1:3333\n",
    );
    assert_eq!(sent_to(load(&env)), Ok("http://127.0.0.1:2222/".to_owned()));

    // A value set in code wins; the profile gives the region and FIPS.
    let env = Env::from_map([("HOME", "/home/dev")]).with_file(
        "/home/dev/.aws/config",
        "[default]\nregion = ap-south-1\nuse_fips_endpoint = true\n",
    );
    assert_eq!(
        sent_to(load(&env)),
        Ok("https://gamelift-fips.ap-south-1.amazonaws.com/".to_owned())
    );
    let in_code = ClientConfig::new()
        .with_use_fips(false)
        .load("GameLift", &env)
        .unwrap();
    assert_eq!(
        sent_to(in_code),
        Ok("https://gamelift.ap-south-1.amazonaws.com/".to_owned())
    );

    // Configured URLs can be ignored; a bad flag is an error naming where it came from.
    let env = Env::from_map([
        ("AWS_REGION", "us-east-2"),
        ("AWS_ENDPOINT_URL", "http://127.0.0.1:1111"),
        ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
    ]);
    assert_eq!(
        sent_to(load(&env)),
        Ok("https://gamelift.us-east-2.amazonaws.com/".to_owned())
    );
    let env = Env::from_map([("AWS_USE_FIPS_ENDPOINT", "yes")]);
    let error = ClientConfig::new().load("GameLift", &env).unwrap_err();
    assert!(
        error.to_string().contains("AWS_USE_FIPS_ENDPOINT"),
        "{error}"
    );
}

#[test]
fn the_resolved_endpoint_is_on_the_request_for_the_signer() {
    let transport = InMemoryTransport::new();
    transport.push_response(Response::new(b"{}".to_vec()));
    let config = ClientConfig::new()
        .with_region("us-east-1")
        .with_credentials(credentials());
    let client = Client::new(transport, config);
    block_on(client.start_match_backfill(input())).unwrap();
    let request = &client.transport().requests()[0];
    let endpoint = request
        .extensions()
        .get::<smithy_runtime::rules::Endpoint>()
        .expect("the endpoint travels with the request");
    assert_eq!(endpoint.url, "https://gamelift.us-east-1.amazonaws.com");
}

#[test]
fn hostile_regions_are_rule_errors_or_urls_never_panics() {
    let long = "a".repeat(10_000);
    for region in [
        "",
        "/",
        "us-west-2/../x",
        "\u{1F600}",
        long.as_str(),
        "us west 2",
    ] {
        let outcome = sent_to(ClientConfig::new().with_region(region));
        // Either the rules refuse it, or the URL it gives is refused as a URI, or the signer
        // refuses it; never a panic.
        match outcome {
            Ok(uri) => assert!(uri.starts_with("https://gamelift."), "{uri}"),
            Err(message) => assert!(!message.is_empty()),
        }
    }
}

#[test]
fn endpoint_overrides_that_are_not_urls_are_errors() {
    for url in [
        "not a url",
        "",
        "http://",
        "https:///path",
        "http://exa mple.com",
    ] {
        let outcome = sent_to(
            ClientConfig::new()
                .with_region("us-east-1")
                .with_endpoint_url(url),
        );
        assert!(outcome.is_err(), "{url:?} gave {outcome:?}");
    }
}
