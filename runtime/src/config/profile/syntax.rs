//! The lexical rules of the shared files: what a name may contain, what counts as
//! indentation and where a comment starts.

/// Whether `name` may name a section or a property: one or more ASCII letters, digits and
/// `- / . % @ _ : +`. The SDKs ignore sections and properties with any other character (a
/// space, notably, which is how `[profile foo]` in the credentials file gets ignored).
pub(crate) fn is_valid_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-/.%@_:+".contains(&b))
}

/// Whether a line starts with a space or tab: it then continues the previous property (or
/// defines one of its sub-properties) instead of starting something new.
pub(crate) fn is_indented(line: &str) -> bool {
    line.starts_with([' ', '\t'])
}

/// Whether the whole line is a comment: its first non-blank character is `#` or `;`.
pub(crate) fn is_comment_line(line: &str) -> bool {
    line.trim_start().starts_with(['#', ';'])
}

/// `text` without its trailing comment: a `#` or `;` starts a comment only after a space or
/// tab, so `value;x` keeps its `;` while `value ;x` is `value `.
pub(crate) fn strip_comment(text: &str) -> &str {
    let start = text
        .as_bytes()
        .windows(2)
        .position(|pair| matches!(pair[0], b' ' | b'\t') && matches!(pair[1], b'#' | b';'));
    // `start` indexes an ASCII space or tab, hence a character boundary.
    start.map_or(text, |i| &text[..i])
}
