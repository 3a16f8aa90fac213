//! serde's traits on generated types (`Builder::serde`; a crate's `serde` feature): values
//! round-trip through serde_json under the model's member names, enums as their wire values,
//! and the stability guarantees hold (unknown values stay unknown, known ones are their
//! variant).

use std::collections::{BTreeMap, HashSet};

use serde_json::json;
use smithy_codegen_tests::fixtures::{enums, recursion, scalars, sensitive, unions};
use smithy_codegen_tests::gamelift;
use smithy_runtime::{BigDecimal, BigInteger, Blob, Document, Number, Timestamp};

/// Serializes `value`, checks the JSON, and reads it back to the same value.
fn round_trip<T>(value: &T, expected: serde_json::Value)
where
    T: serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let written = serde_json::to_value(value).expect("serializes");
    assert_eq!(written, expected);
    let text = serde_json::to_string(value).unwrap();
    let read: T = serde_json::from_str(&text).expect("deserializes");
    assert_eq!(&read, value);
}

#[test]
fn structures_use_the_model_member_names() {
    let mut input = enums::types::EchoEnumsInput::new();
    input.instance_type = Some(enums::types::InstanceType::T2Micro);
    input.priority = Some(enums::types::Priority::High);
    input.priority_by_type = Some(BTreeMap::from([(
        "t2.micro".to_owned(),
        enums::types::Priority::Negative,
    )]));
    round_trip(
        &input,
        json!({
            "instanceType": "t2.micro",
            "unknownCollision": null,
            "priority": 10,
            "color": null,
            "instanceTypes": null,
            "priorityByType": {"t2.micro": -1},
        }),
    );
    // Missing optional members are unset.
    let read: enums::types::EchoEnumsInput = serde_json::from_str("{}").unwrap();
    assert_eq!(read, enums::types::EchoEnumsInput::new());
}

#[test]
fn pascal_case_members_need_no_attribute_of_their_own() {
    use gamelift::types::{Player, StartMatchBackfillInput};
    let mut player = Player::new();
    player.player_id = Some("p1".to_owned());
    player.latency_in_ms = Some(BTreeMap::from([("us-east-1".to_owned(), 20)]));
    let input = StartMatchBackfillInput::new("config".to_owned(), vec![player]);
    round_trip(
        &input,
        json!({
            "TicketId": null,
            "ConfigurationName": "config",
            "GameSessionArn": null,
            "Players": [{
                "PlayerId": "p1",
                "PlayerAttributes": null,
                "Team": null,
                "LatencyInMs": {"us-east-1": 20},
            }],
        }),
    );
}

#[test]
fn enums_are_their_wire_values_and_unknown_ones_stay_unknown() {
    use enums::types::{InstanceType, Priority};
    round_trip(&InstanceType::M52xlarge, json!("m5.2xlarge"));
    // The known value `UNKNOWN` is a variant like any other.
    round_trip(&InstanceType::Unknown, json!("UNKNOWN"));
    let new: InstanceType = serde_json::from_str(r#""z9.huge""#).unwrap();
    assert!(matches!(&new, InstanceType::UnknownValue(v) if v.as_str() == "z9.huge"));
    round_trip(&new, json!("z9.huge"));
    // Whatever path a value takes, a known wire value is its known variant.
    let parsed: InstanceType = "t2.micro".parse().unwrap();
    assert_eq!(parsed, InstanceType::T2Micro);
    assert_eq!(InstanceType::from("t2.micro".to_owned()), parsed);
    let read: InstanceType = serde_json::from_str(r#""t2.micro""#).unwrap();
    assert_eq!(read, parsed);

    round_trip(&Priority::Negative, json!(-1));
    let new: Priority = serde_json::from_str("7").unwrap();
    assert_eq!(new.value(), 7);
    assert!(matches!(new, Priority::Unknown(_)));
    assert_eq!(
        serde_json::from_str::<Priority>("5").unwrap(),
        Priority::Medium
    );
}

#[test]
fn unions_are_externally_tagged_by_member_name() {
    use unions::types::{Point, Value};
    round_trip(&Value::Count(3), json!({"count": 3}));
    round_trip(
        &Value::Point(Point::new(1, 2)),
        json!({"point": {"x": 1, "y": 2}}),
    );
    round_trip(&Value::Empty, json!("empty"));
    round_trip(
        &Value::Timestamp(Timestamp::new(1_515_531_081, 500_000_000)),
        json!({"timestamp": "2018-01-09T20:51:21.5Z"}),
    );
    // A member this client does not know has no value to write or read.
    let unknown: Value = smithy_runtime::from_slice(br#"{"brandNew": {"a": 1}}"#).unwrap();
    assert!(serde_json::to_string(&unknown).is_err());
    assert!(serde_json::from_str::<Value>(r#"{"brandNew": 1}"#).is_err());
}

#[test]
fn scalars_blobs_big_numbers_and_documents() {
    let mut all = scalars::types::AllScalars::new(true);
    all.blob_value = Some(Blob::new(b"hi".to_vec()));
    all.double_value = Some(2.5);
    all.big_integer_value = Some(BigInteger::new("123456789012345678901234567890").unwrap());
    all.big_decimal_value = Some(BigDecimal::new("1.5e-300").unwrap());
    all.epoch_seconds_value = Some(Timestamp::from_secs(-86_400));
    all.document_value = Some(Document::Object(BTreeMap::from([(
        "n".to_owned(),
        Document::Number(Number::NegInt(-3)),
    )])));
    let written = serde_json::to_value(&all).unwrap();
    assert_eq!(written["blobValue"], json!("aGk="));
    assert_eq!(
        written["bigIntegerValue"],
        json!("123456789012345678901234567890")
    );
    assert_eq!(written["epochSecondsValue"], json!("1969-12-31T00:00:00Z"));
    assert_eq!(written["documentValue"], json!({"n": -3}));
    assert_eq!(written["requiredBoolean"], json!(true));
    let read: scalars::types::AllScalars = serde_json::from_value(written).unwrap();
    assert_eq!(read, all);
}

#[test]
fn recursive_types_round_trip() {
    use recursion::types::{BinaryOp, Expr, LinkedListNode};
    let expr = Expr::Add(Box::new(BinaryOp::new(
        Expr::Literal(1),
        Expr::Negate(Box::new(Expr::Variable("x".to_owned()))),
    )));
    round_trip(
        &expr,
        json!({"add": {"left": {"literal": 1}, "right": {"negate": {"variable": "x"}}}}),
    );
    let mut list = LinkedListNode::new(1);
    list.next = Some(Box::new(LinkedListNode::new(2)));
    round_trip(
        &list,
        json!({"value": 1, "next": {"value": 2, "next": null}}),
    );
}

#[test]
fn sensitive_members_are_serialized() {
    // `Debug` redacts them; serde is for storing values, which needs them whole.
    let input = sensitive::types::LoginInput::new("ana".to_owned(), "hunter2".to_owned());
    assert!(!format!("{input:?}").contains("hunter2"));
    let written = serde_json::to_value(&input).unwrap();
    assert_eq!(written["password"], json!("hunter2"));
}

#[test]
fn eq_and_hash_where_every_member_has_them() {
    use recursion::types::Tree;
    // A recursive type of strings hashes; `AllScalars` (floats, documents) does not, which
    // the compile tests of the fixtures check by its derives.
    let mut tree = Tree::new();
    tree.value = Some("root".to_owned());
    tree.children = Some(vec![Tree::new()]);
    let set: HashSet<Tree> = [tree.clone(), tree.clone()].into_iter().collect();
    assert_eq!(set.len(), 1);
}

#[test]
fn a_crate_hashes_its_structures_with_the_hash_feature() {
    // `generated/gamelift` derives `Hash` on structures behind its `hash` feature, which this
    // package turns on; equal values hash alike, and unequal ones stay apart in a set.
    use ::gamelift::types::{Alias, RoutingStrategy, RoutingStrategyType};
    let mut alias = Alias::default();
    alias.alias_id = Some("alias-1".to_owned());
    let mut strategy = RoutingStrategy::default();
    strategy.r#type = Some(RoutingStrategyType::Simple);
    alias.routing_strategy = Some(strategy);
    let mut other = alias.clone();
    other.alias_id = Some("alias-2".to_owned());
    let set: HashSet<Alias> = [alias.clone(), alias.clone(), other].into_iter().collect();
    assert_eq!(set.len(), 2);
    assert!(set.contains(&alias));
}
