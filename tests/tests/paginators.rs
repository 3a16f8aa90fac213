//! Paginators of generated clients over `InMemoryTransport`: GameLift's `ListFleets`, and the
//! `paginators` fixture's nested token and results paths, map results and map tokens, `long`
//! and `short` page sizes, and settings merged from the service.

use futures_util::StreamExt;
use serde_json::{json, Value};
use smithy_codegen_tests::paginated::client::Client;
use smithy_codegen_tests::paginated::types::{
    ListNestedInput, ListThingsInput, NoItemsInput, ScanKeysInput,
};
use smithy_runtime::http::Response;
use smithy_runtime::{block_on, ClientConfig, InMemoryTransport};

/// A transport answering each call with the next of `bodies` (JSON, status 200).
fn transport(bodies: &[Value]) -> InMemoryTransport {
    let transport = InMemoryTransport::new();
    for body in bodies {
        let body = serde_json::to_vec(body).unwrap();
        transport.push_response(Response::builder().status(200).body(body).unwrap());
    }
    transport
}

/// The JSON bodies of the requests sent.
fn sent(transport: &InMemoryTransport) -> Vec<Value> {
    let requests = transport.requests();
    requests
        .iter()
        .map(|r| serde_json::from_slice(r.body()).unwrap())
        .collect()
}

fn fixture_client(bodies: &[Value]) -> Client<InMemoryTransport> {
    Client::new(transport(bodies), ClientConfig::new())
}

#[test]
fn gamelift_list_fleets_pages_come_in_order_with_the_token_fed_back() {
    let credentials = smithy_runtime::credentials::Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
        None,
        "Test",
    );
    let config = ClientConfig::new()
        .with_region("us-west-2")
        .with_credentials(credentials);
    let transport = transport(&[
        json!({"FleetIds": ["fleet-1", "fleet-2"], "NextToken": "t1"}),
        json!({"FleetIds": ["fleet-3"], "NextToken": "t2"}),
        json!({"FleetIds": []}),
    ]);
    let client = gamelift::client::Client::new(transport, config);
    let mut pages = client
        .list_fleets_paginator(gamelift::types::ListFleetsInput::new())
        .page_size(2);
    let fleets = block_on(async {
        let mut fleets = Vec::new();
        while let Some(page) = pages.next_page().await {
            fleets.push(page.unwrap().fleet_ids.unwrap_or_default());
        }
        fleets
    });
    assert_eq!(
        fleets,
        [vec!["fleet-1", "fleet-2"], vec!["fleet-3"], vec![]]
    );
    assert_eq!(
        sent(client.transport()),
        [
            json!({"Limit": 2}),
            json!({"Limit": 2, "NextToken": "t1"}),
            json!({"Limit": 2, "NextToken": "t2"}),
        ]
    );
    let targets: Vec<_> = client
        .transport()
        .requests()
        .iter()
        .map(|r| r.headers()["x-amz-target"].clone())
        .collect();
    assert!(
        targets.iter().all(|t| t == "GameLift.ListFleets"),
        "{targets:?}"
    );
}

#[test]
fn items_stream_one_by_one_with_stream_ext() {
    let client = fixture_client(&[
        json!({"things": [{"name": "a"}, {"name": "b"}], "nextToken": "t1"}),
        json!({"things": [], "nextToken": "t2"}),
        json!({"nextToken": "t3"}),
        json!({"things": [{"name": "c"}]}),
    ]);
    let names: Vec<String> = block_on(
        client
            .list_things_paginator(ListThingsInput::new())
            .items()
            .map(|thing| thing.unwrap().name.unwrap())
            .collect(),
    );
    assert_eq!(names, ["a", "b", "c"]);
    // The service's `pageSize` (`maxResults`) is unset unless asked for.
    assert_eq!(
        sent(client.transport()),
        [
            json!({}),
            json!({"nextToken": "t1"}),
            json!({"nextToken": "t2"}),
            json!({"nextToken": "t3"}),
        ]
    );
}

#[test]
fn nested_token_and_map_results_with_a_long_page_size() {
    let client = fixture_client(&[
        json!({"page": {"cursor": {"next": "c1"}, "entries": {"x": 1, "y": 2}}}),
        json!({"page": {"cursor": {}, "entries": {"z": 3}}}),
    ]);
    let mut items = client
        .list_nested_paginator(ListNestedInput::new())
        .page_size(50)
        .items();
    let entries = block_on(async {
        let mut entries = Vec::new();
        while let Some(entry) = items.next().await {
            entries.push(entry.unwrap());
        }
        entries
    });
    assert_eq!(
        entries,
        [
            ("x".to_owned(), 1),
            ("y".to_owned(), 2),
            ("z".to_owned(), 3)
        ]
    );
    assert_eq!(
        sent(client.transport()),
        [json!({"limit": 50}), json!({"limit": 50, "after": "c1"})]
    );
}

#[test]
fn a_missing_structure_on_the_token_path_ends_the_pages() {
    let client = fixture_client(&[json!({}), json!({})]);
    let mut pages = client.list_nested_paginator(ListNestedInput::new());
    block_on(async {
        assert!(pages.next_page().await.unwrap().unwrap().page.is_none());
        assert!(pages.next_page().await.is_none());
    });
    assert_eq!(client.transport().requests().len(), 1);
}

/// Pages of `ListNoItems` (settings all from the service) for `bodies`; how many were yielded.
fn count_pages(bodies: &[Value]) -> (usize, Client<InMemoryTransport>) {
    let client = fixture_client(bodies);
    let count = block_on(
        client
            .list_no_items_paginator(NoItemsInput::new())
            .map(|page| page.unwrap())
            .count(),
    );
    (count, client)
}

#[test]
fn missing_empty_and_repeated_tokens_end_the_pages() {
    let (count, client) = count_pages(&[json!({"nextToken": "a"}), json!({}), json!({})]);
    assert_eq!(count, 2, "a missing token");
    assert_eq!(client.transport().requests().len(), 2);

    let (count, client) = count_pages(&[
        json!({"nextToken": "a"}),
        json!({"nextToken": ""}),
        json!({}),
    ]);
    assert_eq!(count, 2, "an empty token");
    assert_eq!(client.transport().requests().len(), 2);

    let (count, client) = count_pages(&[
        json!({"nextToken": "a"}),
        json!({"nextToken": "b"}),
        json!({"nextToken": "b"}),
        json!({}),
    ]);
    assert_eq!(count, 3, "the token just sent, repeated");
    assert_eq!(
        sent(client.transport()),
        [
            json!({}),
            json!({"nextToken": "a"}),
            json!({"nextToken": "b"})
        ]
    );
}

#[test]
fn a_first_page_repeating_the_callers_token_ends_the_pages() {
    // The generated `Paginated::token` reads the input's own token, so a service handing it
    // straight back is a repeat too.
    let client = fixture_client(&[json!({"nextToken": "start"}), json!({})]);
    let mut input = NoItemsInput::new();
    input.next_token = Some("start".to_owned());
    let pages = client.list_no_items_paginator(input);
    assert_eq!(pages.next_token().map(String::as_str), Some("start"));
    let count = block_on(pages.map(|page| page.unwrap()).count());
    assert_eq!(count, 1);
    assert_eq!(sent(client.transport()), [json!({"nextToken": "start"})]);
}

#[test]
fn max_pages_bounds_the_calls() {
    let bodies: Vec<Value> = (0..10)
        .map(|n| json!({"nextToken": format!("t{n}")}))
        .collect();
    let client = fixture_client(&bodies);
    let mut pages = client
        .list_no_items_paginator(NoItemsInput::new())
        .max_pages(4);
    let count = block_on(async {
        let mut count = 0;
        while let Some(page) = pages.next_page().await {
            page.unwrap();
            count += 1;
        }
        count
    });
    assert_eq!(count, 4);
    assert_eq!(client.transport().requests().len(), 4);
    assert!(pages.is_truncated());
    assert_eq!(pages.next_token().map(String::as_str), Some("t3"));
}

#[test]
fn an_error_ends_the_pages_after_it_is_yielded() {
    let transport = transport(&[json!({"nextToken": "a"})]);
    transport.push_response(
        Response::builder()
            .status(400)
            .body(br#"{"__type": "AccessDenied", "message": "no"}"#.to_vec())
            .unwrap(),
    );
    let client = Client::new(transport, ClientConfig::new());
    let results: Vec<_> = block_on(
        client
            .list_things_paginator(ListThingsInput::new())
            .page_size(5)
            .collect(),
    );
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    let error = results[1].as_ref().unwrap_err();
    assert!(error.to_string().contains("AccessDenied"), "{error}");
    assert_eq!(client.transport().requests().len(), 2);
}

#[test]
fn a_map_token_goes_back_whole_and_a_short_page_size_saturates() {
    let client = fixture_client(&[
        json!({"keys": [{"id": "1"}], "lastKey": {"id": "1", "sort": "a"}}),
        json!({"keys": [{"id": "2"}], "lastKey": {}}),
    ]);
    let keys: Vec<_> = block_on(
        client
            .scan_keys_paginator(ScanKeysInput::new())
            .page_size(100_000)
            .items()
            .map(|key| key.unwrap()["id"].clone())
            .collect(),
    );
    assert_eq!(keys, ["1", "2"]);
    assert_eq!(
        sent(client.transport()),
        [
            json!({"maxResults": 32767}),
            json!({"maxResults": 32767, "startKey": {"id": "1", "sort": "a"}}),
        ]
    );
}
