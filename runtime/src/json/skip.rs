//! Skipping a value of unknown shape without recursion.

use super::JsonReader;
use crate::DecodeError;

/// One bit per open container (1 = object), so skipping needs no call stack. The first 64
/// levels live inline; deeper ones (only with a raised depth limit) spill to the heap.
#[derive(Default)]
struct BitStack {
    inline: u64,
    spill: Vec<u64>,
    len: usize,
}

impl BitStack {
    fn push(&mut self, bit: bool) {
        let (word, mask) = (self.len / 64, 1u64 << (self.len % 64));
        let slot = match word.checked_sub(1) {
            None => Some(&mut self.inline),
            Some(w) => {
                if self.spill.len() <= w {
                    self.spill.push(0);
                }
                self.spill.get_mut(w)
            }
        };
        if let Some(slot) = slot {
            if bit {
                *slot |= mask;
            } else {
                *slot &= !mask;
            }
        }
        self.len += 1;
    }

    fn pop(&mut self) {
        self.len = self.len.saturating_sub(1);
    }

    /// Whether the innermost open container is an object; `None` when none is open.
    fn top(&self) -> Option<bool> {
        let i = self.len.checked_sub(1)?;
        let (word, mask) = (i / 64, 1u64 << (i % 64));
        let bits = match word.checked_sub(1) {
            None => self.inline,
            Some(w) => self.spill.get(w).copied().unwrap_or(0),
        };
        Some(bits & mask != 0)
    }
}

impl JsonReader<'_> {
    /// Skips the next value, whatever it is, checking its syntax and the depth limit.
    pub fn skip_value(&mut self) -> Result<(), DecodeError> {
        let mut open = BitStack::default();
        loop {
            // At a value.
            match self.peek() {
                Some(b'{') => {
                    self.enter_here()?;
                    self.pos += 1;
                    if self.eat(b'}') {
                        self.leave();
                    } else {
                        open.push(true);
                        self.skip_key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.enter_here()?;
                    self.pos += 1;
                    if self.eat(b']') {
                        self.leave();
                    } else {
                        open.push(false);
                        continue;
                    }
                }
                Some(b'"') => self.skip_string()?,
                Some(b't' | b'f') => {
                    self.read_bool()?;
                }
                Some(b'n') if self.take_null() => {}
                Some(b'-' | b'0'..=b'9') => {
                    self.read_number()?;
                }
                _ => return Err(self.unexpected("a value")),
            }
            // After a value: close finished containers until one has a next item.
            loop {
                let Some(is_object) = open.top() else {
                    return Ok(());
                };
                let close = if is_object { b'}' } else { b']' };
                match self.peek() {
                    Some(b',') => {
                        self.pos += 1;
                        if is_object {
                            self.skip_key()?;
                        }
                        break;
                    }
                    Some(b) if b == close => {
                        self.pos += 1;
                        self.leave();
                        open.pop();
                    }
                    _ => {
                        return Err(self.unexpected(if is_object {
                            "',' or '}'"
                        } else {
                            "',' or ']'"
                        }))
                    }
                }
            }
        }
    }

    /// Skips `"key":`.
    fn skip_key(&mut self) -> Result<(), DecodeError> {
        if self.peek() != Some(b'"') {
            return Err(self.unexpected("a string key"));
        }
        self.skip_string()?;
        if !self.eat(b':') {
            return Err(self.unexpected("':'"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::BitStack;

    #[test]
    fn bit_stack_spills_past_64_levels() {
        let mut s = BitStack::default();
        let pattern = |i: usize| i % 3 == 0;
        for i in 0..300 {
            s.push(pattern(i));
            assert_eq!(s.top(), Some(pattern(i)));
        }
        for i in (0..300).rev() {
            assert_eq!(s.top(), Some(pattern(i)));
            s.pop();
        }
        assert_eq!(s.top(), None);
    }
}
