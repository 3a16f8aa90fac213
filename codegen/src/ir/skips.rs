//! The one visible list of protocol compliance cases this generator does not run, each with
//! its reason: skipped (a case we disagree with) or deferred (work an open issue will do). Such
//! a case is still generated, as an `#[ignore]`d test carrying the reason, and counted in the
//! summary line.

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

/// `(case id, whether it is the request or the response case, reason)`: cases that need work
/// an open issue will do. (S3's addressing cases, deferred to the endpoint rules, pass since.)
pub const DEFERRED: &[(&str, Side, &str)] = &[];

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

/// Why the case `id` of `kind` is not run, if it is not.
pub fn not_run(id: &str, kind: TestKind) -> Option<NotRun> {
    let side = match kind {
        TestKind::Request => Side::Request,
        TestKind::Response | TestKind::ErrorResponse => Side::Response,
    };
    let find = |list: &[(&str, Side, &'static str)]| {
        list.iter()
            .find(|(listed, s, _)| *listed == id && *s == side)
            .map(|(_, _, why)| *why)
    };
    find(SKIPPED)
        .map(NotRun::Skipped)
        .or_else(|| find(DEFERRED).map(NotRun::Deferred))
}
