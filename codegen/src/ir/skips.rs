//! The one visible list of protocol compliance cases this generator skips, each
//! with its reason. A skipped case is still generated, as an `#[ignore]`d test
//! carrying the reason, and counted in the summary line.

/// `(case id, reason)`.
pub const SKIPPED: &[(&str, &str)] = &[];

/// Why the case `id` is skipped, if it is.
pub fn reason(id: &str) -> Option<&'static str> {
    SKIPPED
        .iter()
        .find(|(skipped, _)| *skipped == id)
        .map(|(_, why)| *why)
}
