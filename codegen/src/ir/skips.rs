//! The one visible list of protocol compliance cases this generator skips, each
//! with its reason. A skipped case is still generated, as an `#[ignore]`d test
//! carrying the reason, and counted in the summary line.

use super::TestKind;

/// Why header-name case is not kept: shared by the cases that expect it.
const HEADER_CASE: &str = "expects prefix-header map keys in the case the server sent \
    (`X-Foo-Abc` gives `Abc`), but header names are case-insensitive and the `http` crate (like \
    HTTP/2) lower-cases them, so the key is `abc`. Smithy changed these cases to lower-case \
    header names (smithy-lang/smithy#2437); tests/tests/rest_json.rs checks the behaviour with \
    them.";

/// `(case id, whether it is the request or the response case, reason)`.
pub const SKIPPED: &[(&str, Side, &str)] = &[
    (
        "RestJsonHttpPrefixHeadersArePresent",
        Side::Response,
        HEADER_CASE,
    ),
    ("HttpPrefixHeadersResponse", Side::Response, HEADER_CASE),
];

/// The half of the exchange a case checks (one id may name a request case and a response
/// case).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Request,
    Response,
}

/// Why the case `id` of `kind` is skipped, if it is.
pub fn reason(id: &str, kind: TestKind) -> Option<&'static str> {
    let side = match kind {
        TestKind::Request => Side::Request,
        TestKind::Response | TestKind::ErrorResponse => Side::Response,
    };
    SKIPPED
        .iter()
        .find(|(skipped, s, _)| *skipped == id && *s == side)
        .map(|(_, _, why)| *why)
}
