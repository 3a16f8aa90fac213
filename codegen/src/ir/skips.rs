//! The one visible list of protocol compliance cases this generator does not run, each with
//! its reason: skipped (a case we disagree with) or deferred (work an open issue will do). Such
//! a case is still generated, as an `#[ignore]`d test carrying the reason, and counted in the
//! summary line.
//!
//! Entries name the namespace of the case's service as well as its id: botocore's protocol
//! tests (`models/botocore-protocol-tests/`, converted by `tests/build/botocore_protocol_tests.rs`
//! into one service per protocol, namespace `com.amazonaws.botocore<file>`)
//! reuse the ids of the Smithy suites (`models/protocol-tests.json`) for cases that sometimes
//! expect something else.

use super::TestKind;

/// Why header-name case is not kept: shared by the cases that expect it.
const HEADER_CASE: &str = "expects prefix-header map keys in the case the server sent \
    (`X-Foo-Abc` gives `Abc`), but header names are case-insensitive and the `http` crate (like \
    HTTP/2) lower-cases them, so the key is `abc`. Smithy changed these cases to lower-case \
    header names (smithy-lang/smithy#2437); tests/tests/rest_json.rs checks the behaviour with \
    them (and botocore's copies of these cases, which have them, pass).";

/// botocore's copies of the Smithy cases are newer than `models/protocol-tests.json` in places
/// where the two disagree; the generator follows `models/protocol-tests.json`, which the
/// Smithy suites check.
const EMPTY_HEADERS: &str = "botocore's copy (newer Smithy) expects an empty string and an \
    empty list sent as empty `X-B` and `X-C` headers; the Smithy suite this generator passes \
    (models/protocol-tests.json, same id) forbids them (`forbidHeaders`), and both cannot pass. \
    botocore skips this case too (its protocol-tests-ignore-list.json).";

const EC2_EMPTY_LIST: &str = "botocore's copy (newer Smithy) expects an empty ec2Query list \
    left out of the form; the Smithy suite this generator passes (models/protocol-tests.json, \
    same id) expects `ListArg=`, and both cannot pass.";

/// botocore's conversion of the Smithy payload cases gives the payload member a
/// `locationName` equal to its own name (`"nested": {"shape": "PayloadWithXmlName",
/// "locationName": "nested"}`), which names the payload's root element (botocore's serializer
/// and the front end's `@xmlName` agree: S3's `LifecycleConfiguration` member targeting
/// `BucketLifecycleConfiguration` is sent as `<LifecycleConfiguration>`), while the expected
/// body uses the target's name.
const PAYLOAD_LOCATION_NAME: &str = "the case's model names the payload member's element \
    (`locationName`, the member's own name) but its body uses the target shape's name \
    (`<Hello>` for `nested`): botocore's conversion of the Smithy case added the `locationName`. \
    The generator, like botocore's serializer, names the root after the member's `locationName` \
    (`@xmlName`), and its decoder checks the root's name. botocore skips the request case \
    (protocol-tests-ignore-list.json); its parser never looks at the root's name.";

const MAP_ORDER: &str = "the expected XML lists the map's entries in the order the case's \
    params wrote them (`foo` before `baz`); generated maps are `BTreeMap`s, whose entries are \
    sent sorted by key. Entry order means nothing to a service, but the XML comparison keeps the \
    order of repeated elements (list items).";

/// Cases whose params hold numbers beyond `f64` and `i64`: not a disagreement but a limit of the
/// generator's model loader, which keeps node values as `serde_json` numbers.
const NODE_NUMBER_PRECISION: &str = "the case's params hold a number that neither `f64` nor     `i64`/`u64` represents exactly (`0.100000000000000000000001`, `-9223372036854775809`); the     model loader keeps node values as `serde_json` numbers, so the param reaches the test     rounded, and the exact digits the case expects cannot be compared. The codecs keep big     numbers exact (their text, sent as a JSON string in rpcv2Json):     tests/tests/rpc_v2_json.rs checks these very values.";

/// The namespaces of botocore's converted files this list names.
const BOTOCORE_EC2: &str = "com.amazonaws.botocoreec2";
const BOTOCORE_REST_JSON: &str = "com.amazonaws.botocorerestjson";
const BOTOCORE_REST_XML: &str = "com.amazonaws.botocorerestxml";

/// `(namespace of the case's service, case id, request or response case, reason)`.
pub const SKIPPED: &[(&str, &str, Side, &str)] = &[
    (
        "aws.protocoltests.restjson",
        "RestJsonHttpPrefixHeadersArePresent",
        Side::Response,
        HEADER_CASE,
    ),
    (
        "aws.protocoltests.restjson",
        "HttpPrefixHeadersResponse",
        Side::Response,
        HEADER_CASE,
    ),
    // Smithy's rpcv2Json suite.
    (
        "smithy.protocoltests.rpcv2Json",
        "RpcV2JsonRequestBigDecimalHighPrecision",
        Side::Request,
        NODE_NUMBER_PRECISION,
    ),
    (
        "smithy.protocoltests.rpcv2Json",
        "RpcV2JsonResponseBigDecimalHighPrecision",
        Side::Response,
        NODE_NUMBER_PRECISION,
    ),
    (
        "smithy.protocoltests.rpcv2Json",
        "RpcV2JsonRequestBigDecimalLargeWithFraction",
        Side::Request,
        NODE_NUMBER_PRECISION,
    ),
    (
        "smithy.protocoltests.rpcv2Json",
        "RpcV2JsonResponseBigDecimalLargeWithFraction",
        Side::Response,
        NODE_NUMBER_PRECISION,
    ),
    (
        "smithy.protocoltests.rpcv2Json",
        "RpcV2JsonRequestBigDecimalNegativeHighPrecision",
        Side::Request,
        NODE_NUMBER_PRECISION,
    ),
    (
        "smithy.protocoltests.rpcv2Json",
        "RpcV2JsonResponseBigDecimalNegativeHighPrecision",
        Side::Response,
        NODE_NUMBER_PRECISION,
    ),
    (
        "smithy.protocoltests.rpcv2Json",
        "RpcV2JsonRequestBigIntegerNegativeLargeValue",
        Side::Request,
        NODE_NUMBER_PRECISION,
    ),
    (
        "smithy.protocoltests.rpcv2Json",
        "RpcV2JsonResponseBigIntegerNegativeLargeValue",
        Side::Response,
        NODE_NUMBER_PRECISION,
    ),
    // botocore's protocol tests.
    (
        BOTOCORE_EC2,
        "Ec2EmptyQueryLists",
        Side::Request,
        EC2_EMPTY_LIST,
    ),
    (
        BOTOCORE_REST_JSON,
        "RestJsonNullAndEmptyHeaders",
        Side::Request,
        EMPTY_HEADERS,
    ),
    (
        BOTOCORE_REST_XML,
        "NullAndEmptyHeaders",
        Side::Request,
        EMPTY_HEADERS,
    ),
    (
        BOTOCORE_REST_XML,
        "HttpPayloadWithXmlName",
        Side::Request,
        PAYLOAD_LOCATION_NAME,
    ),
    (
        BOTOCORE_REST_XML,
        "HttpPayloadWithXmlNamespace",
        Side::Request,
        PAYLOAD_LOCATION_NAME,
    ),
    (
        BOTOCORE_REST_XML,
        "HttpPayloadWithXmlNamespaceAndPrefix",
        Side::Request,
        PAYLOAD_LOCATION_NAME,
    ),
    (
        BOTOCORE_REST_XML,
        "RestXmlHttpPayloadWithUnion",
        Side::Request,
        PAYLOAD_LOCATION_NAME,
    ),
    (
        BOTOCORE_REST_XML,
        "XmlAttributesOnPayload",
        Side::Request,
        PAYLOAD_LOCATION_NAME,
    ),
    (
        BOTOCORE_REST_XML,
        "HttpPayloadWithXmlName",
        Side::Response,
        PAYLOAD_LOCATION_NAME,
    ),
    (
        BOTOCORE_REST_XML,
        "HttpPayloadWithXmlNamespace",
        Side::Response,
        PAYLOAD_LOCATION_NAME,
    ),
    (
        BOTOCORE_REST_XML,
        "HttpPayloadWithXmlNamespaceAndPrefix",
        Side::Response,
        PAYLOAD_LOCATION_NAME,
    ),
    (
        BOTOCORE_REST_XML,
        "RestXmlHttpPayloadWithUnion",
        Side::Response,
        PAYLOAD_LOCATION_NAME,
    ),
    (
        BOTOCORE_REST_XML,
        "FlattenedXmlMap",
        Side::Request,
        MAP_ORDER,
    ),
    (BOTOCORE_REST_XML, "XmlMaps", Side::Request, MAP_ORDER),
    (
        BOTOCORE_REST_XML,
        "XmlMapsXmlName",
        Side::Request,
        MAP_ORDER,
    ),
    (
        BOTOCORE_REST_XML,
        "NestedXmlMapWithXmlNameSerializes",
        Side::Request,
        MAP_ORDER,
    ),
];

/// `(namespace of the case's service, case id, request or response case, reason)`: cases that
/// need work an open issue will do. (S3's addressing cases, deferred to the endpoint rules, pass
/// since.)
pub const DEFERRED: &[(&str, &str, Side, &str)] = &[];

/// Why a case is not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRun {
    /// In [`SKIPPED`].
    Skipped(&'static str),
    /// In [`DEFERRED`].
    Deferred(&'static str),
}

/// The half of the exchange a case checks (one id may name a request case and a response
/// case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Request,
    Response,
}

/// Why the case `id` of `kind`, of a service in `namespace`, is not run, if it is not.
pub fn not_run(namespace: &str, id: &str, kind: TestKind) -> Option<NotRun> {
    let side = match kind {
        TestKind::Request => Side::Request,
        TestKind::Response | TestKind::ErrorResponse => Side::Response,
    };
    let find = |list: &[(&str, &str, Side, &'static str)]| {
        list.iter()
            .find(|(ns, listed, s, _)| *ns == namespace && *listed == id && *s == side)
            .map(|(_, _, _, why)| *why)
    };
    find(SKIPPED)
        .map(NotRun::Skipped)
        .or_else(|| find(DEFERRED).map(NotRun::Deferred))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_scoped_by_namespace() {
        let id = "HttpPrefixHeadersResponse";
        assert!(matches!(
            not_run("aws.protocoltests.restjson", id, TestKind::Response),
            Some(NotRun::Skipped(_))
        ));
        assert_eq!(
            not_run("com.amazonaws.botocorerestjson", id, TestKind::Response),
            None
        );
        assert_eq!(
            not_run("aws.protocoltests.restjson", id, TestKind::Request),
            None
        );
    }

    #[test]
    fn no_entry_is_listed_twice() {
        for list in [SKIPPED, DEFERRED] {
            for (i, (ns, id, side, _)) in list.iter().enumerate() {
                assert!(
                    !list[i + 1..]
                        .iter()
                        .any(|(n, d, s, _)| n == ns && d == id && s == side),
                    "{ns} {id} {side:?} is listed twice"
                );
            }
        }
    }
}
