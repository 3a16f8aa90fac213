//! Behaviour of generated code (from `tests/build.rs`): enums, unions, sparse
//! collections, defaults, recursion, redaction, decoding errors, `to_value`.

use smithy_codegen_tests::fixtures::{enums, recursion, scalars, sensitive, sparse, unions};
use smithy_codegen_tests::gamelift;
use smithy_runtime::{from_slice, json::to_vec, Operation, ToValue, Value};

#[test]
fn enum_values_round_trip_through_as_str() {
    use enums::types::InstanceType;
    for value in InstanceType::VALUES {
        let parsed = InstanceType::from(*value);
        assert!(
            !matches!(parsed, InstanceType::UnknownValue(_)),
            "{value} is known"
        );
        assert_eq!(parsed.as_str(), *value);
    }
    assert_eq!(InstanceType::from("c5.large"), InstanceType::C5Large);
    assert_eq!(InstanceType::from("0"), InstanceType::V0);
    assert_eq!(InstanceType::from("UNKNOWN"), InstanceType::Unknown);
    let new_value = InstanceType::from("z9.huge");
    assert!(matches!(&new_value, InstanceType::UnknownValue(v) if v.as_str() == "z9.huge"));
    assert_eq!(new_value.as_str(), "z9.huge");
    assert_eq!(InstanceType::T2Micro.to_string(), "t2.micro");
    // `Debug` prints what `#[derive(Debug)]` would: the variant, or the unknown one's value.
    assert_eq!(format!("{:?}", InstanceType::C5Large), "C5Large");
    assert_eq!(format!("{:?}", InstanceType::Unknown), "Unknown");
    assert_eq!(format!("{new_value:?}"), r#"UnknownValue("z9.huge")"#);
    assert_eq!(
        format!("{:#?}", Some(InstanceType::V0)),
        "Some(\n    V0,\n)"
    );
}

#[test]
fn unions_decode_known_unknown_and_typed_members() {
    use unions::types::Value as Choice;
    let decoded: Choice = from_slice(br#"{"__type": "x#Value", "count": 3}"#).unwrap();
    assert_eq!(decoded, Choice::Count(3));
    let unknown: Choice = from_slice(br#"{"brandNew": {"a": 1}}"#).unwrap();
    assert!(matches!(&unknown, Choice::Unknown(m) if m.as_str() == "brandNew"));
    assert!(
        from_slice::<Choice>(br#"{"count": 1, "text": "a"}"#).is_err(),
        "two members"
    );
    assert_eq!(
        String::from_utf8(to_vec(&Choice::Empty)).unwrap(),
        r#"{"empty":{}}"#
    );
    // An unknown member goes back by name (its value was not kept) and decodes the same.
    let encoded = to_vec(&unknown);
    assert_eq!(
        String::from_utf8(encoded.clone()).unwrap(),
        r#"{"brandNew":{}}"#
    );
    assert_eq!(from_slice::<Choice>(&encoded).unwrap(), unknown);
}

#[test]
fn sparse_collections_keep_nulls_and_dense_ones_drop_them() {
    let json = br#"{"sparseStrings": ["a", null], "denseStrings": ["a", null, "b"], "sparseInts": {"x": null, "y": 2}}"#;
    let input: sparse::types::PutCollectionsInput = from_slice(json).unwrap();
    assert_eq!(input.sparse_strings, Some(vec![Some("a".to_owned()), None]));
    assert_eq!(
        input.dense_strings,
        Some(vec!["a".to_owned(), "b".to_owned()])
    );
    let ints = input.sparse_ints.clone().unwrap();
    assert_eq!((ints["x"], ints["y"]), (None, Some(2)));
    let body = String::from_utf8(to_vec(&input)).unwrap();
    assert!(body.contains(r#""sparseStrings":["a",null]"#), "{body}");
}

#[test]
fn missing_output_members_get_defaults_and_error_correction() {
    let output: scalars::types::EchoScalarsOutput = from_slice(b"{}").unwrap();
    assert_eq!(output.default_integer, 42);
    assert_eq!(output.default_long, -1);
    assert!(output.default_boolean);
    assert_eq!(output.default_enum, scalars::types::Mode::B);
    // `@required` without a default: the zero value (Smithy error correction).
    assert_eq!(output.required_string, "");
    assert_eq!(output.required_integer, 0);
    assert_eq!(output.client_optional_required, None);
}

#[test]
fn timestamps_keep_their_format_in_members_and_collections() {
    use smithy_runtime::Timestamp;
    let json = br#"{
        "requiredBoolean": true,
        "dateTimeValue": "2014-04-29T18:30:38Z",
        "httpDateValue": "Tue, 29 Apr 2014 18:30:38 GMT",
        "dateTimeList": ["2014-04-29T18:30:38Z", null, 0],
        "httpDateMap": {"a": "Tue, 29 Apr 2014 18:30:38 GMT"}
    }"#;
    let at = Timestamp::new(1398796238, 0);
    let value: scalars::types::AllScalars = from_slice(json).unwrap();
    assert_eq!(
        (value.date_time_value, value.http_date_value),
        (Some(at), Some(at))
    );
    // A null element of a non-sparse list is dropped; a number is epoch seconds.
    assert_eq!(value.date_time_list, Some(vec![at, Timestamp::new(0, 0)]));
    assert_eq!(value.http_date_map.as_ref().unwrap()["a"], at);
    let body = String::from_utf8(to_vec(&value)).unwrap();
    assert!(
        body.contains(r#""dateTimeList":["2014-04-29T18:30:38Z","1970-01-01T00:00:00Z"]"#),
        "{body}"
    );
    assert!(
        body.contains(r#""httpDateMap":{"a":"Tue, 29 Apr 2014 18:30:38 GMT"}"#),
        "{body}"
    );
    let bad = br#"{"requiredBoolean": true, "httpDateMap": {"a": "2014-04-29T18:30:38Z"}}"#;
    let error = from_slice::<scalars::types::AllScalars>(bad)
        .unwrap_err()
        .to_string();
    assert!(error.starts_with(r#"at httpDateMap["a"]:"#), "{error}");
}

#[test]
fn recursive_shapes_are_boxed_and_round_trip() {
    use recursion::types::LinkedListNode;
    let mut list = LinkedListNode::new(1);
    list.next = Some(Box::new(LinkedListNode::new(2)));
    let bytes = to_vec(&list);
    assert_eq!(
        String::from_utf8(bytes.clone()).unwrap(),
        r#"{"value":1,"next":{"value":2}}"#
    );
    assert_eq!(from_slice::<LinkedListNode>(&bytes).unwrap(), list);
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let depth = 100_000;
    let json = format!(
        "{}{}",
        r#"{"value":1,"next":"#.repeat(depth),
        "}".repeat(depth)
    );
    assert!(from_slice::<recursion::types::LinkedListNode>(json.as_bytes()).is_err());
}

#[test]
fn debug_redacts_sensitive_members_and_shapes() {
    let mut input = sensitive::types::LoginInput::new("alice".to_owned(), "hunter2".to_owned());
    input.credentials = Some(sensitive::types::Credentials::new());
    let shown = format!("{input:?}");
    assert!(shown.contains("alice"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(shown.contains("*** Sensitive Data Redacted ***"), "{shown}");
}

#[test]
fn decode_errors_name_the_path() {
    let json = br#"{"MatchmakingTicket": {"Players": [{}, {}, {}, {"PlayerId": 5}]}}"#;
    let error = from_slice::<gamelift::types::StartMatchBackfillOutput>(json).unwrap_err();
    assert_eq!(error.path(), "MatchmakingTicket.Players[3].PlayerId");
}

#[test]
fn start_match_backfill_output_to_value() {
    let json = br#"{"MatchmakingTicket": {
        "TicketId": "t-1", "Status": "SEARCHING", "EstimatedWaitTime": 30,
        "StartTime": 1700000000, "EndTime": 1700000100.5,
        "Players": [{"PlayerId": "p-1", "PlayerAttributes": {"skill": {"N": 23.0}}}]
    }}"#;
    let output: gamelift::types::StartMatchBackfillOutput = from_slice(json).unwrap();
    let value = output.to_value();
    let ticket = value.get("MatchmakingTicket").expect("ticket");
    assert_eq!(
        ticket.get("TicketId"),
        Some(&Value::String("t-1".to_owned()))
    );
    assert_eq!(
        ticket.get("Status"),
        Some(&Value::Enum("SEARCHING".to_owned()))
    );
    assert_eq!(ticket.get("EstimatedWaitTime"), Some(&Value::Integer(30)));
    assert!(
        matches!(ticket.get("StartTime"), Some(Value::Timestamp(t)) if t.secs() == 1_700_000_000)
    );
    assert!(
        ticket.get("ConfigurationName").is_none(),
        "absent members are omitted"
    );
    let Some(Value::List(players)) = ticket.get("Players") else {
        panic!("players: {ticket:?}")
    };
    let Some(Value::Map(attributes)) = players[0].get("PlayerAttributes") else {
        panic!()
    };
    assert_eq!(attributes[0].0, "skill");
    assert_eq!(attributes[0].1.get("N"), Some(&Value::Double(23.0)));
}

#[test]
fn a_signed_operation_without_credentials_sends_nothing() {
    use smithy_runtime::{block_on, InMemoryTransport, InvokeError};
    let config = smithy_runtime::ClientConfig::new().with_region("us-west-2");
    let client = gamelift::client::Client::new(InMemoryTransport::new(), config);
    let input = gamelift::types::StartMatchBackfillInput::new("config".to_owned(), vec![]);
    let error = block_on(client.start_match_backfill(input)).unwrap_err();
    assert!(matches!(error, InvokeError::Credentials(_)), "{error:?}");
    assert!(client.transport().requests().is_empty());
}

#[test]
fn client_calls_go_through_the_transport() {
    use smithy_runtime::http::Response;
    use smithy_runtime::{block_on, InMemoryTransport, InvokeError};
    let transport = InMemoryTransport::new();
    transport.push_response(
        Response::builder()
            .status(200)
            .body(br#"{"MatchmakingTicket": {"TicketId": "t"}}"#.to_vec())
            .unwrap(),
    );
    transport.push_response(
        Response::builder()
            .status(400)
            .header("x-amzn-errortype", "NotFoundException")
            .body(br#"{"Message": "no such configuration"}"#.to_vec())
            .unwrap(),
    );
    let credentials = smithy_runtime::credentials::Credentials::new(
        "AKIDEXAMPLE",
        "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        None,
        None,
        "Test",
    );
    let config = smithy_runtime::ClientConfig::new()
        .with_region("us-west-2")
        .with_credentials(credentials);
    let client = gamelift::client::Client::new(transport, config);
    let input = gamelift::types::StartMatchBackfillInput::new("config".to_owned(), vec![]);
    let output = block_on(client.start_match_backfill(input.clone())).unwrap();
    assert_eq!(
        output.matchmaking_ticket.unwrap().ticket_id.as_deref(),
        Some("t")
    );
    let error = block_on(client.start_match_backfill(input)).unwrap_err();
    let InvokeError::Service(error) = error else {
        panic!("transport failed")
    };
    assert!(error.is_not_found_exception());
    assert_eq!(error.message(), Some("no such configuration"));
    let requests = client.transport().requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(
        requests[0].headers()["x-amz-target"],
        "GameLift.StartMatchBackfill"
    );
    // The client resolved the endpoint with GameLift's rules and signed; the transport only
    // sent.
    assert_eq!(
        requests[0].uri(),
        "https://gamelift.us-west-2.amazonaws.com/"
    );
    let authorization = requests[0].headers()["authorization"].to_str().unwrap();
    assert!(
        authorization.starts_with("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/")
            && authorization.contains("/us-west-2/gamelift/aws4_request"),
        "{authorization}"
    );
    let user_agent = requests[0].headers()["user-agent"].to_str().unwrap();
    assert!(user_agent.contains(" api/gamelift "), "{user_agent}");
    assert_eq!(requests[0].headers()["amz-sdk-request"], "attempt=1; max=3");
    assert_eq!(
        gamelift::operations::StartMatchBackfill::NAME,
        "StartMatchBackfill"
    );
}
