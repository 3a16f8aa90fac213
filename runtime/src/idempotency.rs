//! Values for `@idempotencyToken` members the caller leaves unset.

use std::fmt;
use std::sync::Arc;

/// Where `@idempotencyToken` members get their value when the input leaves them unset.
///
/// The default, [`random`](Self::random), gives a fresh UUID version 4 per request, as the
/// Smithy specification asks. [`fixed`](Self::fixed) always gives the same token (the official
/// protocol compliance cases expect `00000000-0000-4000-8000-000000000000`), and
/// [`from_fn`](Self::from_fn) takes any generator, say a seeded one for reproducible tests.
///
/// Cloning is cheap: clones share the generator.
#[derive(Clone)]
pub struct IdempotencyTokenProvider {
    generate: Arc<dyn Fn() -> String + Send + Sync>,
}

impl IdempotencyTokenProvider {
    /// A fresh random UUID v4 per token.
    pub fn random() -> Self {
        Self::from_fn(random_uuid_v4)
    }

    /// The same `token` every time.
    pub fn fixed(token: impl Into<String>) -> Self {
        let token = token.into();
        Self::from_fn(move || token.clone())
    }

    /// Tokens from `generate`.
    pub fn from_fn(generate: impl Fn() -> String + Send + Sync + 'static) -> Self {
        IdempotencyTokenProvider {
            generate: Arc::new(generate),
        }
    }

    /// The next token.
    pub fn token(&self) -> String {
        (self.generate)()
    }
}

impl Default for IdempotencyTokenProvider {
    /// [`random`](Self::random).
    fn default() -> Self {
        Self::random()
    }
}

impl fmt::Debug for IdempotencyTokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("IdempotencyTokenProvider")
    }
}

/// A random UUID version 4 (RFC 9562), lower-case: `xxxxxxxx-xxxx-4xxx-Nxxx-xxxxxxxxxxxx` where
/// `N` is one of `8`, `9`, `a`, `b`.
///
/// The bytes come from `fastrand`, seeded per thread from the standard library's hash seeds:
/// unique enough for idempotency tokens, which deduplicate retries and are not secrets.
pub fn random_uuid_v4() -> String {
    let mut bytes = fastrand::u128(..).to_be_bytes();
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    format_uuid(&bytes)
}

/// `8-4-4-4-12` hex digits.
fn format_uuid(bytes: &[u8; 16]) -> String {
    let mut out = String::with_capacity(36);
    for (i, group) in [
        &bytes[..4],
        &bytes[4..6],
        &bytes[6..8],
        &bytes[8..10],
        &bytes[10..],
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            out.push('-');
        }
        crate::hex::push_hex(&mut out, group);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn random_tokens_are_version_4_uuids_and_differ() {
        let a = IdempotencyTokenProvider::random().token();
        let b = IdempotencyTokenProvider::default().token();
        assert_ne!(a, b);
        for token in [a, b] {
            let groups: Vec<&str> = token.split('-').collect();
            let lengths: Vec<usize> = groups.iter().map(|g| g.len()).collect();
            assert_eq!(lengths, [8, 4, 4, 4, 12], "{token}");
            assert!(token
                .chars()
                .all(|c| c == '-' || c.is_ascii_digit() || ('a'..='f').contains(&c)));
            assert!(groups[2].starts_with('4'), "version nibble: {token}");
            assert!(
                matches!(groups[3].as_bytes()[0], b'8' | b'9' | b'a' | b'b'),
                "variant bits: {token}"
            );
        }
    }

    #[test]
    fn fixed_and_custom_providers() {
        let fixed = IdempotencyTokenProvider::fixed("00000000-0000-4000-8000-000000000000");
        assert_eq!(fixed.token(), "00000000-0000-4000-8000-000000000000");
        assert_eq!(fixed.clone().token(), fixed.token());
        let counter = std::sync::atomic::AtomicU32::new(0);
        let counting = IdempotencyTokenProvider::from_fn(move || {
            counter
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                .to_string()
        });
        assert_eq!([counting.token(), counting.token()], ["0", "1"]);
        assert_eq!(format!("{fixed:?}"), "IdempotencyTokenProvider");
    }

    #[test]
    fn uuid_layout() {
        let bytes: [u8; 16] = core::array::from_fn(|i| i as u8 * 17);
        assert_eq!(format_uuid(&bytes), "00112233-4455-6677-8899-aabbccddeeff");
    }
}
