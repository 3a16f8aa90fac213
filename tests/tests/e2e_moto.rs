//! Real calls end to end: generated DynamoDB (awsJson1_0) and CloudWatch Logs (awsJson1_1)
//! clients built with `from_env_in` (region, credentials and endpoint from an environment, the
//! default HTTP transport, SigV4, retries) against moto on 127.0.0.1 with signature checking
//! on. Skipped, loudly, when moto is not installed (`scripts/moto install`);
//! `SMITHY_REQUIRE_MOTO=1` (CI) fails instead.

mod support;

use std::collections::BTreeMap;

use smithy_codegen_tests::cloudwatch_logs as logs;
use smithy_codegen_tests::dynamodb;
use smithy_runtime::config::Env;
use smithy_runtime::InvokeError;
use support::moto::Moto;

/// The environment a user on a laptop pointing at moto would have: keys, region, endpoint;
/// no home directory to read profiles from, and no EC2 metadata to fall back on.
fn env(moto: &Moto, secret: &str) -> Env {
    let credentials = moto.credentials();
    Env::from_map([
        ("AWS_ACCESS_KEY_ID", credentials.access_key_id().to_owned()),
        ("AWS_SECRET_ACCESS_KEY", secret.to_owned()),
        ("AWS_REGION", moto.region().to_owned()),
        ("AWS_ENDPOINT_URL", moto.endpoint()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
        ("AWS_MAX_ATTEMPTS", "2".to_owned()),
        ("HOME", "/nonexistent-home-for-e2e".to_owned()),
    ])
}

fn right_secret(moto: &Moto) -> String {
    moto.credentials().secret_access_key().to_owned()
}

fn s(value: &str) -> dynamodb::types::AttributeValue {
    dynamodb::types::AttributeValue::S(value.to_owned())
}

fn key(pk: &str, sk: &str) -> BTreeMap<String, dynamodb::types::AttributeValue> {
    BTreeMap::from([("pk".to_owned(), s(pk)), ("sk".to_owned(), s(sk))])
}

#[tokio::test]
async fn dynamodb_table_workflow() {
    use dynamodb::types::*;
    let Some(moto) = Moto::start_or_skip() else {
        return;
    };
    let client = dynamodb::client::Client::from_env_in(&env(&moto, &right_secret(&moto)))
        .expect("configuration from the environment");
    let table = "e2e-games".to_owned();
    let attribute = |name: &str| AttributeDefinition::new(name.to_owned(), ScalarAttributeType::S);
    let mut create = CreateTableInput::new(
        vec![attribute("pk"), attribute("sk")],
        table.clone(),
        vec![
            KeySchemaElement::new("pk".to_owned(), KeyType::Hash),
            KeySchemaElement::new("sk".to_owned(), KeyType::Range),
        ],
    );
    create.billing_mode = Some(BillingMode::PayPerRequest);
    let created = client.create_table(create).await.expect("CreateTable");
    let description = created.table_description.expect("a table description");
    assert_eq!(description.table_name.as_deref(), Some("e2e-games"));

    let listed = client
        .list_tables(ListTablesInput::default())
        .await
        .expect("ListTables");
    assert_eq!(listed.table_names, Some(vec![table.clone()]));

    for (sk, score) in [("a", "10"), ("b", "20"), ("c", "30")] {
        let mut item = key("player-1", sk);
        item.insert("score".to_owned(), AttributeValue::N(score.to_owned()));
        client
            .put_item(PutItemInput::new(table.clone(), item))
            .await
            .expect("PutItem");
    }

    let mut get = GetItemInput::new(table.clone(), key("player-1", "b"));
    get.consistent_read = Some(true);
    let got = client.get_item(get).await.expect("GetItem");
    let item = got.item.expect("the item");
    assert_eq!(item.get("score"), Some(&AttributeValue::N("20".to_owned())));

    let mut query = QueryInput::new(table.clone());
    query.key_condition_expression = Some("pk = :pk AND sk >= :from".to_owned());
    query.expression_attribute_values = Some(BTreeMap::from([
        (":pk".to_owned(), s("player-1")),
        (":from".to_owned(), s("b")),
    ]));
    let queried = client.query(query).await.expect("Query");
    assert_eq!(queried.count, 2);
    let sort_keys: Vec<_> = queried
        .items
        .unwrap_or_default()
        .iter()
        .map(|item| item.get("sk").cloned())
        .collect();
    assert_eq!(sort_keys, [Some(s("b")), Some(s("c"))]);

    client
        .delete_item(DeleteItemInput::new(table.clone(), key("player-1", "a")))
        .await
        .expect("DeleteItem");
    let gone = client
        .get_item(GetItemInput::new(table.clone(), key("player-1", "a")))
        .await
        .expect("GetItem of a deleted item");
    assert_eq!(gone.item, None);

    client
        .delete_table(DeleteTableInput::new(table.clone()))
        .await
        .expect("DeleteTable");

    // A modeled error comes back typed.
    let error = client
        .describe_table(DescribeTableInput::new(table.clone()))
        .await
        .expect_err("the table is gone");
    let InvokeError::Service(error) = error else {
        panic!("expected the service's error, got {error:?}")
    };
    assert!(error.is_resource_not_found_exception(), "{error:?}");
    assert_eq!(error.status(), 400);
    assert!(
        error.request_id().is_some_and(|id| !id.is_empty()),
        "{error:?}"
    );
}

#[tokio::test]
async fn logs_workflow() {
    use logs::types::*;
    let Some(moto) = Moto::start_or_skip() else {
        return;
    };
    let client = logs::client::Client::from_env_in(&env(&moto, &right_secret(&moto)))
        .expect("configuration from the environment");
    let group = "/e2e/game-servers".to_owned();
    let stream = "fleet-1".to_owned();
    client
        .create_log_group(CreateLogGroupRequest::new(group.clone()))
        .await
        .expect("CreateLogGroup");
    client
        .create_log_stream(CreateLogStreamRequest::new(group.clone(), stream.clone()))
        .await
        .expect("CreateLogStream");
    let mut describe_groups = DescribeLogGroupsRequest::new();
    describe_groups.log_group_name_prefix = Some("/e2e/".to_owned());
    let groups = client
        .describe_log_groups(describe_groups)
        .await
        .expect("DescribeLogGroups");
    let names: Vec<_> = groups
        .log_groups
        .unwrap_or_default()
        .into_iter()
        .filter_map(|g| g.log_group_name)
        .collect();
    assert_eq!(names, [group.as_str()]);

    let now_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64;
    let messages = ["server started", "player joined: ü", "match over"];
    client
        .put_log_events(PutLogEventsRequest::new(
            group.clone(),
            stream.clone(),
            messages
                .iter()
                .enumerate()
                .map(|(i, m)| InputLogEvent::new(now_ms + i as i64, (*m).to_owned()))
                .collect(),
        ))
        .await
        .expect("PutLogEvents");
    let mut get = GetLogEventsRequest::new(stream.clone());
    get.log_group_name = Some(group.clone());
    get.start_from_head = Some(true);
    let read = client.get_log_events(get).await.expect("GetLogEvents");
    let read: Vec<_> = read
        .events
        .unwrap_or_default()
        .into_iter()
        .filter_map(|e| e.message)
        .collect();
    assert_eq!(read, messages);

    client
        .delete_log_stream(DeleteLogStreamRequest::new(group.clone(), stream.clone()))
        .await
        .expect("DeleteLogStream");
    client
        .delete_log_group(DeleteLogGroupRequest::new(group.clone()))
        .await
        .expect("DeleteLogGroup");
    let error = client
        .delete_log_group(DeleteLogGroupRequest::new(group.clone()))
        .await
        .expect_err("the group is gone");
    let InvokeError::Service(error) = error else {
        panic!("expected the service's error, got {error:?}")
    };
    assert!(error.is_resource_not_found_exception(), "{error:?}");
}

#[tokio::test]
async fn a_wrong_secret_is_an_authentication_failure_with_the_servers_code() {
    let Some(moto) = Moto::start_or_skip() else {
        return;
    };
    let wrong = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYWRONGSECRET";
    let dynamo = dynamodb::client::Client::from_env_in(&env(&moto, wrong)).unwrap();
    let error = dynamo
        .list_tables(dynamodb::types::ListTablesInput::default())
        .await
        .expect_err("a wrong secret is refused");
    let InvokeError::Service(error) = error else {
        panic!("expected the service's error, got {error:?}")
    };
    assert_eq!(error.status(), 403);
    let dynamodb::errors::ListTablesError::Unhandled(error) = error.into_error() else {
        panic!("a signature failure is not one of ListTables' modeled errors")
    };
    assert_eq!(error.code(), "SignatureDoesNotMatch");
    assert_eq!(error.status(), Some(403));

    let logs = logs::client::Client::from_env_in(&env(&moto, wrong)).unwrap();
    let error = logs
        .describe_log_groups(logs::types::DescribeLogGroupsRequest::default())
        .await
        .expect_err("a wrong secret is refused");
    let InvokeError::Service(error) = error else {
        panic!("expected the service's error, got {error:?}")
    };
    assert_eq!(error.code(), "SignatureDoesNotMatch");
}

/// The credentials a client built by `from_env_in(env)` signs with.
async fn resolved_credentials(env: &Env) -> smithy_runtime::credentials::Credentials {
    use smithy_runtime::credentials::ProvideCredentials;
    let client = dynamodb::client::Client::from_env_in(env).unwrap();
    client
        .config()
        .credentials()
        .expect("the default chain")
        .provide_credentials()
        .await
        .expect("credentials from the chain")
}

#[tokio::test]
async fn a_profile_with_role_arn_assumes_the_role_through_sts() {
    let Some(moto) = Moto::start_or_skip() else {
        return;
    };
    let base = moto.credentials();
    let env = Env::from_map([
        ("HOME", "/home/e2e".to_owned()),
        ("AWS_PROFILE", "game-admin".to_owned()),
        ("AWS_ENDPOINT_URL", moto.endpoint()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
    ])
    .with_file(
        "/home/e2e/.aws/config",
        format!(
            "[profile game-admin]\nrole_arn = {}\nsource_profile = base\nregion = us-east-1\n\
             role_session_name = e2e-session\n",
            moto.role_arn()
        ),
    )
    .with_file(
        "/home/e2e/.aws/credentials",
        format!(
            "[base]\naws_access_key_id = {}\naws_secret_access_key = {}\n",
            base.access_key_id(),
            base.secret_access_key()
        ),
    );
    // The chain assumed the role with a signed STS AssumeRole call through the generated STS
    // client: temporary credentials, not the base profile's.
    let credentials = resolved_credentials(&env).await;
    assert!(
        credentials.access_key_id().starts_with("ASIA"),
        "{credentials:?}"
    );
    assert_ne!(credentials.access_key_id(), base.access_key_id());
    assert!(credentials.session_token().is_some() && credentials.expiry().is_some());
    // And they work: moto checks the signature and the role's policy.
    let client = dynamodb::client::Client::from_env_in(&env).unwrap();
    let tables = client
        .list_tables(dynamodb::types::ListTablesInput::default())
        .await
        .expect("ListTables with the role's credentials");
    assert_eq!(tables.table_names, Some(vec![]));
}

#[tokio::test]
async fn a_web_identity_token_is_exchanged_through_sts() {
    let Some(moto) = Moto::start_open_or_skip() else {
        return;
    };
    let env = Env::from_map([
        ("HOME", "/home/e2e".to_owned()),
        ("AWS_REGION", "us-east-1".to_owned()),
        ("AWS_ENDPOINT_URL", moto.endpoint()),
        ("AWS_EC2_METADATA_DISABLED", "true".to_owned()),
        (
            "AWS_ROLE_ARN",
            "arn:aws:iam::123456789012:role/eks-pod".to_owned(),
        ),
        ("AWS_ROLE_SESSION_NAME", "pod-session".to_owned()),
        (
            "AWS_WEB_IDENTITY_TOKEN_FILE",
            "/var/run/secrets/eks.amazonaws.com/serviceaccount/token".to_owned(),
        ),
    ])
    .with_file(
        "/var/run/secrets/eks.amazonaws.com/serviceaccount/token",
        "eyJhbGciOiJSUzI1NiJ9.e2e-token.signature\n",
    );
    let credentials = resolved_credentials(&env).await;
    assert!(
        credentials.access_key_id().starts_with("ASIA"),
        "{credentials:?}"
    );
    assert!(credentials.session_token().is_some() && credentials.expiry().is_some());
    assert_eq!(credentials.provider(), "WebIdentity");
}

/// The DynamoDB waiters on moto: `TableExists` after `CreateTable`, `TableNotExists` after
/// `DeleteTable`, and a `TableExists` that runs out of time on a table that never comes.
/// Delays of tens of milliseconds instead of the model's 20 s.
#[tokio::test]
async fn dynamodb_waiters() {
    use dynamodb::types::*;
    use smithy_runtime::waiter::{Waited, WaiterError};
    use std::time::Duration;
    let Some(moto) = Moto::start_or_skip() else {
        return;
    };
    let client = dynamodb::client::Client::from_env_in(&env(&moto, &right_secret(&moto)))
        .expect("configuration from the environment");
    let table = "e2e-waited".to_owned();
    let describe = |name: &str| DescribeTableInput::new(name.to_owned());
    let attribute = AttributeDefinition::new("pk".to_owned(), ScalarAttributeType::S);
    let key = KeySchemaElement::new("pk".to_owned(), KeyType::Hash);
    let mut create = CreateTableInput::new(vec![attribute], table.clone(), vec![key]);
    create.billing_mode = Some(BillingMode::PayPerRequest);
    client.create_table(create).await.expect("CreateTable");

    let waited = client
        .wait_until_table_exists(describe(&table), Duration::from_secs(30))
        .min_delay(Duration::from_millis(20))
        .max_delay(Duration::from_millis(100))
        .await
        .expect("TableExists");
    let output = waited.into_output().expect("the last DescribeTable output");
    let status = output.table.and_then(|t| t.table_status);
    assert_eq!(status, Some(TableStatus::Active));

    client
        .delete_table(DeleteTableInput::new(table.clone()))
        .await
        .expect("DeleteTable");
    let waited = client
        .wait_until_table_not_exists(describe(&table), Duration::from_secs(30))
        .min_delay(Duration::from_millis(20))
        .max_delay(Duration::from_millis(100))
        .await
        .expect("TableNotExists");
    match waited {
        Waited::Error(error) => assert!(error.is_resource_not_found_exception(), "{error:?}"),
        Waited::Output(output) => panic!("TableNotExists ended on an output: {output:?}"),
    }

    // `ResourceNotFoundException` is a retry state of `TableExists`: without the table the
    // waiter retries until the maximum wait, then says so.
    let error = client
        .wait_until_table_exists(describe("never-created"), Duration::from_millis(300))
        .min_delay(Duration::from_millis(20))
        .max_delay(Duration::from_millis(40))
        .await
        .expect_err("no such table");
    match &error {
        WaiterError::MaxWaitExceeded { attempts, .. } => {
            assert!(*attempts >= 2, "{error}");
            assert!(error.to_string().starts_with(
                "waiter TableExists: no terminal state within the maximum wait time of 300ms"
            ));
        }
        other => panic!("expected the maximum wait to run out, got {other}"),
    }
}
