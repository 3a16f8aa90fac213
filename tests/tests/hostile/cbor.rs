//! Target 6: rpcv2Cbor output and error decoders. Random CBOR data items (every major type,
//! every head width, definite and indefinite lengths, float16/32/64, tags known and unknown),
//! keyed by the member names of Smithy's rpcv2Cbor compliance service and optionally mutated
//! as bytes, go through each operation's `parse_response` as a success and as an error:
//!
//! - nothing panics, and the runtime's `skip_value` agrees with the decoder on well-formedness
//!   where it must (a body that decodes as an output is one well-formed item);
//! - whatever decodes re-encodes (with the server-side encoders) to bytes that decode again to
//!   the same encoding;
//! - a decoded error's code is exactly the one `cbor_error_parts` found (or `Unknown`).

use smithy_runtime::cbor::{cbor_error_parts, CborReader, CborWriter};
use smithy_runtime::http::{Response, StatusCode};
use smithy_runtime::Operation;

use super::inputs::mutate_bytes;
use super::Entropy;

/// The rpcv2Cbor compliance service with its server codecs, as both build scripts generate it
/// (`hostile_rpcv2_cbor.rs`).
#[allow(dead_code)]
pub mod rpcv2 {
    include!(concat!(env!("OUT_DIR"), "/hostile_rpcv2_cbor.rs"));
}

/// Member names of the service's outputs and errors (and a few that are not), so that random
/// maps hit real members.
const KEYS: &[&str] = &[
    "__type",
    "message",
    "Message",
    "stringValue",
    "trueBooleanValue",
    "falseBooleanValue",
    "byteValue",
    "shortValue",
    "integerValue",
    "longValue",
    "floatValue",
    "doubleValue",
    "blobValue",
    "value",
    "datetime",
    "greeting",
    "stringList",
    "stringSet",
    "integerList",
    "booleanList",
    "timestampList",
    "enumList",
    "intEnumList",
    "nestedStringList",
    "structureList",
    "blobList",
    "sparseStringList",
    "sparseStringMap",
    "sparseStructMap",
    "sparseNumberMap",
    "denseStructMap",
    "denseNumberMap",
    "denseStringMap",
    "denseSetMap",
    "contents",
    "unionValue",
    "nested",
    "recursiveMember",
    "foo",
    "bar",
    "a",
    "b",
    "defaults",
    "defaultString",
    "defaultBlob",
    "defaultTimestamp",
    "defaultList",
    "defaultMap",
    "defaultEnum",
    "defaultIntEnum",
    "topLevelDefault",
    "otherTopLevelDefault",
    "unknown",
];

macro_rules! cbor_operations {
    ($m:ident) => {
        $m! {
            EmptyInputOutput,
            Float16,
            FractionalSeconds,
            GreetingWithErrors,
            NoInputOutput,
            OperationWithDefaults,
            OptionalInputOutput,
            RecursiveShapes,
            RpcV2CborDenseMaps,
            RpcV2CborLists,
            RpcV2CborSparseMaps,
            RpcV2CborUnions,
            SimpleScalarProperties,
            SparseNullsOperation,
        }
    };
}

macro_rules! cbor_dispatch {
    ($($op:ident),* $(,)?) => {
        /// The operations whose responses the target decodes.
        const OPERATIONS: usize = [$(stringify!($op)),*].len();

        /// Parses `body` as a 200 and as a 400 response of operation `which` and checks both;
        /// returns whether the 200 decoded.
        fn parse(which: usize, body: &[u8]) -> bool {
            let mut i = 0;
            $(
                if i == which {
                    check_error::<rpcv2::operations::$op>(body);
                    return round_trip::<rpcv2::operations::$op>(body);
                }
                i += 1;
            )*
            let _ = i;
            false
        }
    };
}
cbor_operations!(cbor_dispatch);

fn response(status: StatusCode, body: &[u8]) -> Response<Vec<u8>> {
    let mut response = Response::new(body.to_vec());
    *response.status_mut() = status;
    response
}

/// A 200 with `body`: whatever decodes is one well-formed item and re-encodes to a fixed point.
fn round_trip<O>(body: &[u8]) -> bool
where
    O: Operation,
    O::Output: smithy_runtime::cbor::CborEncode + std::fmt::Debug,
    O::Error: std::fmt::Debug,
{
    let Ok(output) = O::parse_response(response(StatusCode::OK, body)) else {
        return false;
    };
    if !body.is_empty() {
        let mut r = CborReader::new(body);
        assert!(
            r.skip_value().is_ok() && r.finish().is_ok(),
            "decoded a body skip_value rejects: {body:?}"
        );
    }
    let _ = format!("{output:?}");
    let encoded = smithy_runtime::cbor::to_vec(&output);
    let again = O::parse_response(response(StatusCode::OK, &encoded))
        .unwrap_or_else(|e| panic!("a re-encoded output does not decode: {e:?} {encoded:?}"));
    assert_eq!(
        smithy_runtime::cbor::to_vec(&again),
        encoded,
        "the encoding is not a fixed point"
    );
    true
}

/// A 400 with `body`: a modeled or unhandled error whose code is the one the runtime found.
fn check_error<O>(body: &[u8])
where
    O: Operation,
    O::Output: std::fmt::Debug,
    O::Error: std::fmt::Debug + std::fmt::Display,
{
    let parts = cbor_error_parts(&Default::default(), body);
    match O::parse_response(response(StatusCode::BAD_REQUEST, body)) {
        Err(smithy_runtime::ParseError::Service(error)) => {
            let code = error.error().to_string();
            let expected = parts.reported_code().unwrap_or("Unknown");
            assert!(
                code == expected || code.starts_with(&format!("{expected}: ")),
                "error {code:?}, code found {expected:?}"
            );
        }
        other => panic!("a 400 is a service error: {other:?}"),
    }
}

/// The fuzz entry point: the bytes choose the case.
pub fn cbor_outputs(data: &[u8]) {
    // The raw bytes, as they are, through the generic reader and every decoder.
    let mut r = CborReader::new(data);
    let _ = r.skip_value();
    for which in 0..OPERATIONS {
        parse(which, data);
    }
}

/// One decoding case as `e` chooses; returns whether the body decoded.
pub fn decode_cbor_outputs(e: &mut Entropy) -> bool {
    let which = e.below(OPERATIONS);
    let mut w = CborWriter::new();
    random_map(&mut w, e, 0);
    let mut body = w.finish();
    if e.below(3) == 0 {
        for _ in 0..=e.below(3) {
            mutate_bytes(&mut body, e);
        }
    }
    parse(which, &body)
}

/// A map of random members, definite or indefinite.
fn random_map(w: &mut CborWriter, e: &mut Entropy, depth: usize) {
    let len = e.below(5);
    let indefinite = e.below(2) == 0;
    if indefinite {
        w.begin_map();
    } else {
        w.map(len);
    }
    for _ in 0..len {
        w.text(KEYS[e.below(KEYS.len())]);
        random_item(w, e, depth + 1);
    }
    if indefinite {
        w.end_map();
    }
}

/// A random data item; deeper items are more often scalars.
fn random_item(w: &mut CborWriter, e: &mut Entropy, depth: usize) {
    let kinds = if depth > 6 { 12 } else { 16 };
    match e.below(kinds) {
        0 => w.int(i128::from(e.byte()) - 128),
        1 => w.int(i128::from(random_u64(e))),
        2 => w.int(-1 - i128::from(random_u64(e))),
        3 => w.f64(f64::from_bits(random_u64(e))),
        4 => w.f32(f32::from(e.byte()) / 4.0),
        5 => {
            // A raw float16, NaN and infinities included.
            let raw = [0xf9, e.byte(), e.byte()];
            w.raw(&raw);
        }
        6 => w.text(["", "FOO", "BAR", "hi", "é", "ns#Code:x"][e.below(6)]),
        7 => w.bytes(&[e.byte(); 3][..e.below(4)]),
        8 => w.bool(e.byte() % 2 == 0),
        9 => w.null(),
        10 => {
            w.tag([1, 1, 2, 3, 4, 42][e.below(6)]);
            random_item(w, e, depth + 1);
        }
        11 => {
            // Indefinite text in chunks.
            w.raw(&[0x7f, 0x61, b'a', 0x61, b'b', 0xff]);
        }
        12 | 13 => random_map(w, e, depth),
        _ => {
            let len = e.below(4);
            w.array(len);
            for _ in 0..len {
                random_item(w, e, depth + 1);
            }
        }
    }
}

fn random_u64(e: &mut Entropy) -> u64 {
    (0..8).fold(0, |n, _| (n << 8) | u64::from(e.byte()))
}
