//! Splits an expression into tokens, each with the byte offset it starts at.

use super::ast::Comparator;
use super::json::parse_literal;
use super::JmespathError;
use crate::{JsonReader, Value};

/// A token of the expression language.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Token {
    /// `foo`.
    Identifier(String),
    /// `"foo"`, already unescaped.
    QuotedIdentifier(String),
    /// `-12`, as used in indexes and slices.
    Number(i64),
    /// `` `json` `` or `'raw string'`.
    Literal(Value),
    Dot,
    Star,
    Comma,
    Colon,
    At,
    /// `&`, an expression reference.
    Ampersand,
    Pipe,
    Or,
    And,
    Not,
    Compare(Comparator),
    LeftBracket,
    RightBracket,
    LeftBrace,
    RightBrace,
    LeftParen,
    RightParen,
    /// `[]`.
    Flatten,
    /// `[?`.
    Filter,
    /// After the last token.
    End,
}

impl Token {
    /// How error messages name the token.
    pub(super) fn describe(&self) -> &'static str {
        match self {
            Token::Identifier(_) => "identifier",
            Token::QuotedIdentifier(_) => "quoted identifier",
            Token::Number(_) => "number",
            Token::Literal(_) => "literal",
            Token::Dot => "'.'",
            Token::Star => "'*'",
            Token::Comma => "','",
            Token::Colon => "':'",
            Token::At => "'@'",
            Token::Ampersand => "'&'",
            Token::Pipe => "'|'",
            Token::Or => "'||'",
            Token::And => "'&&'",
            Token::Not => "'!'",
            Token::Compare(_) => "comparator",
            Token::LeftBracket => "'['",
            Token::RightBracket => "']'",
            Token::LeftBrace => "'{'",
            Token::RightBrace => "'}'",
            Token::LeftParen => "'('",
            Token::RightParen => "')'",
            Token::Flatten => "'[]'",
            Token::Filter => "'[?'",
            Token::End => "end of expression",
        }
    }
}

/// The tokens of `text`, ending with [`Token::End`].
pub(super) fn tokenize(text: &str) -> Result<Vec<(Token, usize)>, JmespathError> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut pos = 0;
    while let Some(&byte) = bytes.get(pos) {
        let next = bytes.get(pos + 1).copied();
        let pair = |second: u8, both: Token, single: Token| match next == Some(second) {
            true => (both, 2),
            false => (single, 1),
        };
        let (token, len) = match byte {
            b' ' | b'\t' | b'\n' | b'\r' => {
                pos += 1;
                continue;
            }
            b'.' => (Token::Dot, 1),
            b'*' => (Token::Star, 1),
            b',' => (Token::Comma, 1),
            b':' => (Token::Colon, 1),
            b'@' => (Token::At, 1),
            b']' => (Token::RightBracket, 1),
            b'{' => (Token::LeftBrace, 1),
            b'}' => (Token::RightBrace, 1),
            b'(' => (Token::LeftParen, 1),
            b')' => (Token::RightParen, 1),
            b'[' => match next {
                Some(b']') => (Token::Flatten, 2),
                Some(b'?') => (Token::Filter, 2),
                _ => (Token::LeftBracket, 1),
            },
            b'|' => pair(b'|', Token::Or, Token::Pipe),
            b'&' => pair(b'&', Token::And, Token::Ampersand),
            b'!' => pair(b'=', Token::Compare(Comparator::NotEqual), Token::Not),
            b'<' => pair(
                b'=',
                Token::Compare(Comparator::LessOrEqual),
                Token::Compare(Comparator::Less),
            ),
            b'>' => pair(
                b'=',
                Token::Compare(Comparator::GreaterOrEqual),
                Token::Compare(Comparator::Greater),
            ),
            b'=' if next == Some(b'=') => (Token::Compare(Comparator::Equal), 2),
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                let len = run_length(bytes, pos, |b| b.is_ascii_alphanumeric() || b == b'_');
                let name = text.get(pos..pos + len).unwrap_or_default();
                (Token::Identifier(name.to_owned()), len)
            }
            b'-' | b'0'..=b'9' => number(text, pos)?,
            b'"' => quoted_identifier(text, pos)?,
            b'\'' => {
                let (raw, len) = delimited(text, pos, '\'')?;
                (Token::Literal(Value::String(raw)), len)
            }
            b'`' => {
                let (json, len) = delimited(text, pos, '`')?;
                let value = parse_literal(&json).map_err(|e| {
                    JmespathError::syntax(pos, format!("invalid JSON literal: {e}"))
                })?;
                (Token::Literal(value), len)
            }
            _ => {
                let found = text.get(pos..).and_then(|s| s.chars().next());
                let found = found.unwrap_or(char::REPLACEMENT_CHARACTER);
                return Err(JmespathError::syntax(
                    pos,
                    format!("unexpected character {found:?}"),
                ));
            }
        };
        tokens.push((token, pos));
        pos += len;
    }
    tokens.push((Token::End, text.len()));
    Ok(tokens)
}

/// How many bytes from `start` on satisfy `accept`.
fn run_length(bytes: &[u8], start: usize, accept: impl Fn(u8) -> bool) -> usize {
    let rest = bytes.get(start..).unwrap_or_default();
    rest.iter().take_while(|&&b| accept(b)).count()
}

/// `-?[0-9]+` at `start`.
fn number(text: &str, start: usize) -> Result<(Token, usize), JmespathError> {
    let sign = usize::from(text.as_bytes().get(start) == Some(&b'-'));
    let digits = run_length(text.as_bytes(), start + sign, |b| b.is_ascii_digit());
    if digits == 0 {
        return Err(JmespathError::syntax(start, "expected a digit after '-'"));
    }
    let len = sign + digits;
    let parsed = text.get(start..start + len).and_then(|n| n.parse().ok());
    let n = parsed.ok_or_else(|| JmespathError::syntax(start, "number out of range"))?;
    Ok((Token::Number(n), len))
}

/// A `"..."` identifier at `start`: JSON string syntax, so it is unescaped as JSON.
fn quoted_identifier(text: &str, start: usize) -> Result<(Token, usize), JmespathError> {
    let (_, len) = delimited(text, start, '"')?;
    let quoted = text.get(start..start + len).unwrap_or_default();
    let mut reader = JsonReader::new(quoted.as_bytes());
    let name = reader
        .read_string()
        .map_err(|e| JmespathError::syntax(start, format!("invalid quoted identifier: {e}")))?;
    Ok((Token::QuotedIdentifier(name.into_owned()), len))
}

/// The text between the `delimiter` at `start` and the next unescaped one, and the length of
/// the whole token. A backslash before the delimiter stands for the delimiter; any other
/// backslash is kept with the character after it (so `\\` cannot escape the delimiter).
fn delimited(text: &str, start: usize, delimiter: char) -> Result<(String, usize), JmespathError> {
    let mut content = String::new();
    let mut chars = text.get(start + 1..).unwrap_or_default().char_indices();
    while let Some((i, c)) = chars.next() {
        if c == delimiter {
            return Ok((content, i + 2));
        }
        if c != '\\' {
            content.push(c);
            continue;
        }
        match chars.next() {
            Some((_, d)) if d == delimiter => content.push(d),
            Some((_, other)) => {
                content.push('\\');
                content.push(other);
            }
            None => break,
        }
    }
    Err(JmespathError::syntax(
        start,
        format!("missing the closing {delimiter}"),
    ))
}
