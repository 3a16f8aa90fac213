//! Percent-encoding of URI labels and query strings (RFC 3986): everything but the unreserved
//! characters `A-Z a-z 0-9 - . _ ~` is encoded, as UTF-8 bytes.

use std::borrow::Cow;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters encoded in a label or a query key or value: all but the unreserved ones.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// A greedy label (`{Key+}`) spans path segments, so it keeps its `/`.
const GREEDY: &AsciiSet = &COMPONENT.remove(b'/');

/// A URI label value: every reserved character encoded, `/` included (`a/b` → `a%2Fb`).
pub fn encode_label(value: &str) -> Cow<'_, str> {
    utf8_percent_encode(value, COMPONENT).into()
}

/// A greedy URI label value (`{Key+}`): like [`encode_label`], but `/` stays a separator.
pub fn encode_greedy_label(value: &str) -> Cow<'_, str> {
    utf8_percent_encode(value, GREEDY).into()
}

/// A query string key or value (space is `%20`, never `+`).
pub fn encode_query_component(value: &str) -> Cow<'_, str> {
    utf8_percent_encode(value, COMPONENT).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const RESERVED: &str = " %:/?#[]@!$&'()*+,;=😹";

    #[test]
    fn labels_encode_every_reserved_character() {
        assert_eq!(
            encode_label(RESERVED),
            "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        assert_eq!(encode_label("AZaz09-._~"), "AZaz09-._~");
        assert!(matches!(encode_label("plain"), Cow::Borrowed("plain")));
    }

    #[test]
    fn greedy_labels_keep_slashes() {
        assert_eq!(encode_greedy_label("there/guy"), "there/guy");
        assert_eq!(encode_greedy_label("a b/c?d"), "a%20b/c%3Fd");
        assert_eq!(encode_label("hello/escape"), "hello%2Fescape");
    }

    #[test]
    fn query_components() {
        assert_eq!(encode_query_component("Hello there"), "Hello%20there");
        assert_eq!(
            encode_query_component(RESERVED),
            "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%B9"
        );
        assert_eq!(
            encode_query_component("1970-01-01T00:00:01Z"),
            "1970-01-01T00%3A00%3A01Z"
        );
    }
}
