//! The values of string tokens: escape sequences, and the incidental whitespace of text
//! blocks.
//!
//! A text block is indented with the code around it; the spec removes that indentation
//! (the smallest indentation of its non-blank lines and of the closing line) and every
//! line's trailing whitespace *before* escapes are read, so an escaped `\n` or `\t` is kept.

/// Why a string's text could not be decoded.
pub(super) type DecodeError = String;

/// The value of a `"…"` token (`raw` without the quotes).
pub(super) fn quoted_string(raw: &str) -> Result<String, DecodeError> {
    unescape(&normalize_newlines(raw))
        .map_err(|problem| format!("Error parsing quoted string: {problem}"))
}

/// The value of a `"""…"""` token (`raw` without the delimiters).
pub(super) fn text_block(raw: &str) -> Result<String, DecodeError> {
    let fail = |problem: &str| format!("Error parsing text block: {problem}");
    if raw.is_empty() {
        return Err(fail("Text block is empty"));
    }
    let raw = normalize_newlines(raw);
    let Some(body) = raw.strip_prefix('\n') else {
        return Err(fail("Text block must start with a new line"));
    };
    unescape(&strip_incidental_whitespace(body)).map_err(|problem| fail(&problem))
}

fn normalize_newlines(raw: &str) -> String {
    if raw.contains('\r') {
        raw.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        raw.to_owned()
    }
}

fn is_blank(line: &str) -> bool {
    line.chars().all(|c| c == ' ' || c == '\t')
}

/// Removes the common indentation and each line's trailing spaces.
fn strip_incidental_whitespace(body: &str) -> String {
    let lines: Vec<&str> = body.split('\n').collect();
    let last = lines.len() - 1;
    let indentation = lines
        .iter()
        .enumerate()
        .filter(|(index, line)| *index == last || !is_blank(line))
        .map(|(_, line)| line.len() - line.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let mut out = String::with_capacity(body.len());
    for (index, line) in lines.iter().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        // Indentation is spaces and tabs (one byte each), so the cut is on a char boundary.
        let rest = line.get(indentation..).unwrap_or("");
        out.push_str(rest.trim_end_matches([' ', '\t']));
    }
    out
}

/// Reads `\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`, `\t`, `\uXXXX` and an escaped line break
/// (which is removed).
fn unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('/') => out.push('/'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\n') => {}
            Some('u') => out.push(unicode_escape(&mut chars)?),
            Some(other) if other.is_control() => {
                return Err(format!(
                    "Invalid escape found in string: `\\{}`",
                    other.escape_debug()
                ))
            }
            Some(other) => return Err(format!("Invalid escape found in string: `\\{other}`")),
            None => return Err("Invalid escape at the end of the string".to_owned()),
        }
    }
    Ok(out)
}

/// The four hex digits after `\u`; a high surrogate must be followed by `\u` and a low one.
fn unicode_escape(chars: &mut std::str::Chars<'_>) -> Result<char, String> {
    let unit = hex4(chars)?;
    if !(0xD800..0xDC00).contains(&unit) {
        return char::from_u32(unit)
            .ok_or_else(|| format!("Invalid unicode escape: `\\u{unit:04X}` is a lone surrogate"));
    }
    let low = match (chars.next(), chars.next()) {
        (Some('\\'), Some('u')) => hex4(chars)?,
        _ => {
            return Err(
                "Invalid unicode escape: a high surrogate must be followed by a low one".to_owned(),
            )
        }
    };
    if !(0xDC00..0xE000).contains(&low) {
        return Err(
            "Invalid unicode escape: a high surrogate must be followed by a low one".to_owned(),
        );
    }
    let combined = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
    char::from_u32(combined).ok_or_else(|| "Invalid unicode escape".to_owned())
}

fn hex4(chars: &mut std::str::Chars<'_>) -> Result<u32, String> {
    let mut value = 0;
    for _ in 0..4 {
        let Some(c) = chars.next() else {
            return Err("Invalid unclosed unicode escape found in string".to_owned());
        };
        let digit = c
            .to_digit(16)
            .ok_or_else(|| format!("Invalid unicode escape character: `{}`", c.escape_debug()))?;
        value = value * 16 + digit;
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_blocks_lose_incidental_whitespace_before_escapes_are_read() {
        assert_eq!(
            text_block("\n    Hello\n    \\tx\n    ").unwrap(),
            "Hello\n\tx\n"
        );
        assert_eq!(text_block("\n    Hello").unwrap(), "Hello");
        assert_eq!(
            text_block("\n  a\n\n    b\n         ").unwrap(),
            "a\n\n  b\n"
        );
        assert!(text_block("").is_err());
        assert!(text_block("x\n").is_err());
    }

    #[test]
    fn escapes() {
        assert_eq!(
            quoted_string(r#"a\"\\\/\n\u00e9\uD83D\uDE00"#).unwrap(),
            "a\"\\/\né😀"
        );
        assert_eq!(quoted_string("a\\\nb").unwrap(), "ab");
        for bad in ["\\'", "\\ ", "\\u12", "\\u12x4", "\\uD800", "\\uDC00", "\\"] {
            assert!(quoted_string(bad).is_err(), "{bad:?}");
        }
    }
}
