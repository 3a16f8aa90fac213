//! Focused tests of the Smithy uses and of the limits; the compliance suite
//! (`tests/jmespath_compliance.rs`) covers the language.

use super::{ErrorKind, Expression};
use crate::{Blob, Document, Timestamp, Value};

fn search(expression: &str, data: &Value) -> Value {
    Expression::parse(expression)
        .and_then(|e| e.search(data))
        .unwrap_or_else(|e| panic!("{expression}: {e}"))
}

fn string(s: &str) -> Value {
    Value::String(s.to_owned())
}

fn list(items: &[&str]) -> Value {
    Value::List(items.iter().map(|s| string(s)).collect())
}

#[test]
fn operation_context_params_over_structures() {
    let object = |key: &str| Value::structure(2).member("Key", key).build();
    let delete = Value::structure(1)
        .member("Objects", &Value::List(vec![object("a"), object("b")]))
        .build();
    let input = Value::structure(2)
        .member("Bucket", "bucket")
        .member("Delete", &delete)
        .build();
    assert_eq!(search("Delete.Objects[*].Key", &input), list(&["a", "b"]));
    assert_eq!(search("Delete.Objects[].Key", &input), list(&["a", "b"]));
    assert_eq!(search("Delete.Objects[0].Key", &input), string("a"));
    // Unset members are absent from the structure, so they select as null.
    assert_eq!(search("Unset", &input), Value::Null);
    assert_eq!(search("Delete.Unset[*].Key", &input), Value::Null);
    assert_eq!(search("Unset || Bucket", &input), string("bucket"));
}

#[test]
fn keys_and_values_of_a_map_keep_its_order() {
    let tags = Value::Map(vec![("z".into(), string("1")), ("a".into(), string("2"))]);
    let input = Value::structure(1).member("Tags", &tags).build();
    assert_eq!(search("keys(Tags)", &input), list(&["z", "a"]));
    assert_eq!(search("values(Tags)", &input), list(&["1", "2"]));
    assert_eq!(search("keys(@)", &input), list(&["Tags"]));
}

#[test]
fn unions_are_objects_with_one_member() {
    let input = Value::union("Text", string("hi"));
    assert_eq!(search("Text", &input), string("hi"));
    assert_eq!(search("Other", &input), Value::Null);
    assert_eq!(search("keys(@)", &input), list(&["Text"]));
    assert_eq!(search("type(@)", &input), string("object"));
}

#[test]
fn timestamps_are_epoch_seconds_and_stay_timestamps() {
    let at = |secs| {
        Value::structure(1)
            .member("At", &Timestamp::from_secs(secs))
            .build()
    };
    let items = Value::List(vec![at(300), at(100), at(200)]);
    assert_eq!(
        search("[?At > `150`].At", &items),
        Value::List(vec![
            Value::Timestamp(Timestamp::from_secs(300)),
            Value::Timestamp(Timestamp::from_secs(200))
        ])
    );
    assert_eq!(
        search("max_by(@, &At).At", &items),
        Value::Timestamp(Timestamp::from_secs(300))
    );
    assert_eq!(search("[0].At == `300.0`", &items), Value::Boolean(true));
    let fraction = Value::Timestamp(Timestamp::new(1, 500_000_000));
    assert_eq!(search("to_string(@)", &fraction), string("1.5"));
    assert_eq!(search("@ < `1.6`", &fraction), Value::Boolean(true));
}

#[test]
fn other_variants_as_json_types() {
    let input = Value::structure(6)
        .member("Blob", &Blob::from("hi"))
        .member("Enum", &Value::Enum("ACTIVE".into()))
        .member("Int", &7i32)
        .member("Float", &1.5f32)
        .member(
            "Doc",
            &Document::Array(vec![Document::Bool(true), Document::Null]),
        )
        .build();
    assert_eq!(search("Blob", &input), Value::Blob(Blob::from("hi")));
    assert_eq!(search("Blob == 'aGk='", &input), Value::Boolean(true));
    assert_eq!(search("Enum == 'ACTIVE'", &input), Value::Boolean(true));
    assert_eq!(search("Int == `7.0`", &input), Value::Boolean(true));
    assert_eq!(search("sum([Int, Float])", &input), Value::Double(8.5));
    let float = Value::Float(1.1);
    assert_eq!(search("@ == `1.1`", &float), Value::Boolean(true));
    assert_eq!(search("sum([Int, Int])", &input), Value::Long(14));
    assert_eq!(
        search("Doc[0]", &input),
        Value::Document(Document::Bool(true))
    );
    assert_eq!(search("length(Doc[])", &input), Value::Long(1));
    assert_eq!(search("type(Doc)", &input), string("array"));
    assert_eq!(
        search("to_string(@)", &input),
        string(r#"{"Blob":"aGk=","Enum":"ACTIVE","Int":7,"Float":1.5,"Doc":[true,null]}"#)
    );
}

#[test]
fn errors_say_what_and_where() {
    let err = Expression::parse("foo[?a == ]").unwrap_err();
    assert_eq!((err.kind(), err.offset()), (ErrorKind::Syntax, Some(10)));
    let err = Expression::parse("a | nope(@)").unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownFunction);
    assert_eq!(
        err.to_string(),
        "unknown-function error at offset 4: unknown function nope()"
    );
    let err = Expression::parse("length(a, b)").unwrap_err();
    assert_eq!(
        err.to_string(),
        "invalid-arity error at offset 0: length() takes 1 argument, got 2"
    );
    let err = Expression::parse("x.abs(@)")
        .unwrap()
        .search(&string("s"))
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidType);
    assert_eq!(err.offset(), Some(2));
    assert_eq!(
        err.message(),
        "abs(): argument 1 must be a number, found null"
    );
    let err = Expression::parse("&a")
        .unwrap()
        .search(&Value::Null)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidType);
}

#[test]
fn deep_and_huge_expressions_are_errors_not_crashes() {
    for text in [
        "(".repeat(10_000),
        format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000)),
        "!".repeat(10_000),
        "[".repeat(10_000),
        "a".to_owned() + &".a".repeat(10_000),
        "a".to_owned() + &"[0]".repeat(10_000),
        "a".to_owned() + &" || a".repeat(10_000),
        "&".repeat(10_000) + "a",
        format!("`{}`", "[".repeat(10_000)),
    ] {
        let err = Expression::parse(&text).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Syntax, "{}", &text[..20]);
    }
    let wide = format!("[{}a]", "a, ".repeat(350_000));
    assert!(wide.len() > 1_000_000);
    let data = Value::Map(vec![("a".into(), Value::Long(1))]);
    let value = Expression::parse(&wide).unwrap().search(&data).unwrap();
    assert!(matches!(value, Value::List(items) if items.len() == 350_001));
    let megabyte = "a.".repeat(500_000) + "a";
    assert!(Expression::parse(&megabyte).is_err());
    let chain = "a".to_owned() + &".a".repeat(super::MAX_DEPTH / 2);
    let nested = (0..super::MAX_DEPTH / 2).fold(Value::Null, |inner, _| {
        Value::Map(vec![("a".into(), inner)])
    });
    assert_eq!(search(&chain, &nested), Value::Null);
}

#[test]
fn deep_data_is_an_error_where_walked_whole() {
    let deep =
        (0..super::MAX_DATA_DEPTH + 10).fold(Value::Null, |inner, _| Value::List(vec![inner]));
    let err = Expression::parse("to_string(@)")
        .unwrap()
        .search(&deep)
        .unwrap_err();
    assert_eq!(err.kind(), ErrorKind::InvalidValue);
    assert!(Expression::parse("@ == @").unwrap().search(&deep).is_err());
    assert_eq!(search("length(@)", &deep), Value::Long(1));
}
