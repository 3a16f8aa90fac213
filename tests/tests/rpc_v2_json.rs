//! rpcv2Json beyond the compliance cases: the big numbers Smithy's suite writes with more
//! digits than the model loader keeps in a node value (its cases for them are in the skip list,
//! `codegen/src/ir/skips.rs`), sent and read with every digit, as JSON strings.

use smithy_codegen_tests::protocol_tests::rpcv2_json::{operations, types};
use smithy_runtime::http::Response;
use smithy_runtime::{BigDecimal, BigInteger, Operation, RequestOptions};

fn response(body: &str) -> Response<Vec<u8>> {
    Response::builder()
        .status(200)
        .header("smithy-protocol", "rpc-v2-json")
        .header("content-type", "application/json")
        .body(body.as_bytes().to_vec())
        .unwrap()
}

#[test]
fn big_decimals_keep_every_digit() {
    for digits in [
        "0.100000000000000000000001",
        "-0.100000000000000000000001",
        "100000000000000000000001.0",
    ] {
        let mut input = types::BigDecimalStructure::new();
        input.value = Some(BigDecimal::new(digits).unwrap());
        let request =
            operations::BigDecimalOperation::build_request(&input, &RequestOptions::new()).unwrap();
        assert_eq!(
            std::str::from_utf8(request.body()).unwrap(),
            format!(r#"{{"value":"{digits}"}}"#)
        );
        let output = operations::BigDecimalOperation::parse_response(response(&format!(
            r#"{{"value": "{digits}"}}"#
        )))
        .unwrap();
        assert_eq!(output.value.unwrap().as_str(), digits);
    }
}

#[test]
fn big_integers_keep_every_digit_and_numbers_are_read_too() {
    let digits = "-9223372036854775809";
    let mut input = types::BigIntegerStructure::new();
    input.value = Some(BigInteger::new(digits).unwrap());
    let request =
        operations::BigIntegerOperation::build_request(&input, &RequestOptions::new()).unwrap();
    assert_eq!(
        request.body(),
        format!(r#"{{"value":"{digits}"}}"#).as_bytes()
    );
    for body in [
        format!(r#"{{"value": "{digits}"}}"#),
        format!(r#"{{"value": {digits}}}"#),
    ] {
        let output = operations::BigIntegerOperation::parse_response(response(&body)).unwrap();
        assert_eq!(output.value.unwrap().as_str(), digits, "{body}");
    }
    // A string that is not an integer is an error naming the member, not a panic.
    let error = operations::BigIntegerOperation::parse_response(response(r#"{"value": "1.5"}"#))
        .unwrap_err();
    assert!(error.to_string().contains("value"), "{error}");
}
