//! Finding structure members by key, for the `read_members` loops of every body format (JSON,
//! CBOR, XML): a generated decoder lists its members as `(key, slot)` pairs in model order.

/// Where the next member is expected: members usually arrive in the order the model declares
/// them, and flattened XML members repeat, so the slot after the last match and the last match
/// itself are tried before a scan.
#[derive(Debug, Default)]
pub(crate) struct MemberCursor {
    next: usize,
}

impl MemberCursor {
    /// The index of the member named `key` in `members`, if there is one.
    pub(crate) fn find<S>(&mut self, members: &[(&str, S)], key: &str) -> Option<usize> {
        let is = |i: usize| members.get(i).is_some_and(|(name, _)| *name == key);
        let index = if is(self.next) {
            self.next
        } else if self.next > 0 && is(self.next - 1) {
            self.next - 1
        } else {
            members.iter().position(|(name, _)| *name == key)?
        };
        self.next = index + 1;
        Some(index)
    }
}

#[cfg(test)]
mod tests {
    use super::MemberCursor;

    #[test]
    fn finds_members_in_any_order_and_repeated() {
        let members = [("a", ()), ("b", ()), ("c", ())];
        let mut cursor = MemberCursor::default();
        let found: Vec<_> = ["a", "b", "b", "c", "a", "x", "c"]
            .iter()
            .map(|key| cursor.find(&members, key))
            .collect();
        assert_eq!(
            found,
            [Some(0), Some(1), Some(1), Some(2), Some(0), None, Some(2)]
        );
    }
}
