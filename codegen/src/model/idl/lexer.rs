//! Splits IDL text into tokens, one at a time.
//!
//! Whitespace, commas and comments are tokens too: the IDL grammar cares where line
//! breaks and spaces are (`string Foo` needs a space, a shape statement ends at a line
//! break), so the parser decides what to skip. Lexing is lazy — the parser holds one
//! token — so memory stays flat however large the file is. Malformed tokens (an unclosed
//! string, `1.`, a stray `!`) are errors at the offending position; escape sequences are
//! checked later, when the parser asks for a string's value.

use crate::{Error, Result};

/// What a token is; the text is `source[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A run of spaces and tabs.
    Space,
    Newline,
    Comma,
    /// `// …` up to and including the line break.
    Comment,
    /// `/// …` up to and including the line break.
    DocComment,
    At,
    Dollar,
    Pound,
    Dot,
    Colon,
    /// `:=`, the inline input/output operator.
    Walrus,
    Equal,
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    LParen,
    RParen,
    Identifier,
    Number,
    /// A `"…"` string, quotes included, escapes not yet decoded.
    String,
    /// A `"""…"""` text block, delimiters included.
    TextBlock,
    Eof,
}

impl Kind {
    /// How error messages name the token kind when no text is worth showing.
    pub(super) fn describe(self) -> &'static str {
        match self {
            Kind::Space => "a space",
            Kind::Newline => "a line break",
            Kind::Comma => "`,`",
            Kind::Comment => "a comment",
            Kind::DocComment => "a documentation comment",
            Kind::At => "`@`",
            Kind::Dollar => "`$`",
            Kind::Pound => "`#`",
            Kind::Dot => "`.`",
            Kind::Colon => "`:`",
            Kind::Walrus => "`:=`",
            Kind::Equal => "`=`",
            Kind::LBrace => "`{`",
            Kind::RBrace => "`}`",
            Kind::LBracket => "`[`",
            Kind::RBracket => "`]`",
            Kind::LParen => "`(`",
            Kind::RParen => "`)`",
            Kind::Identifier => "an identifier",
            Kind::Number => "a number",
            Kind::String => "a string",
            Kind::TextBlock => "a text block",
            Kind::Eof => "end of file",
        }
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct Position {
    pub line: usize,
    pub column: usize,
}

/// One token: its kind, byte range and where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Token {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
    pub position: Position,
}

/// A cursor over the source that hands out tokens.
pub(super) struct Lexer<'a> {
    source: &'a str,
    bytes: &'a [u8],
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Lexer<'a> {
    pub(super) fn new(source: &'a str) -> Self {
        Self {
            source,
            bytes: source.as_bytes(),
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    pub(super) fn source(&self) -> &'a str {
        self.source
    }

    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    fn peek(&self, ahead: usize) -> Option<u8> {
        self.bytes.get(self.offset + ahead).copied()
    }

    /// Moves past one byte, keeping line and column; a `\r\n` pair is one line break and
    /// UTF-8 continuation bytes do not start a new column.
    fn bump(&mut self) {
        let Some(&byte) = self.bytes.get(self.offset) else {
            return;
        };
        self.offset += 1;
        match byte {
            b'\n' => {
                self.line += 1;
                self.column = 1;
            }
            b'\r' if self.peek(0) != Some(b'\n') => {
                self.line += 1;
                self.column = 1;
            }
            b'\r' => {}
            _ if byte & 0xC0 == 0x80 => {}
            _ => self.column += 1,
        }
    }

    fn bump_while(&mut self, keep: impl Fn(u8) -> bool) {
        while self.peek(0).is_some_and(&keep) {
            self.bump();
        }
    }

    fn error_here(&self, message: impl Into<String>) -> Error {
        Error::new(message).with_position(self.line, self.column)
    }

    /// The next token; after the end of the text, `Eof` forever.
    pub(super) fn next_token(&mut self) -> Result<Token> {
        let start = self.offset;
        let position = self.position();
        let kind = match self.peek(0) {
            None => Kind::Eof,
            Some(byte) => self.lex(byte, position)?,
        };
        Ok(Token {
            kind,
            start,
            end: self.offset,
            position,
        })
    }

    fn lex(&mut self, byte: u8, position: Position) -> Result<Kind> {
        let single = |lexer: &mut Self, kind| {
            lexer.bump();
            Ok(kind)
        };
        match byte {
            b' ' | b'\t' => {
                self.bump_while(|b| b == b' ' || b == b'\t');
                Ok(Kind::Space)
            }
            b'\n' => single(self, Kind::Newline),
            b'\r' => {
                self.bump();
                if self.peek(0) == Some(b'\n') {
                    self.bump();
                }
                Ok(Kind::Newline)
            }
            b',' => single(self, Kind::Comma),
            b'@' => single(self, Kind::At),
            b'$' => single(self, Kind::Dollar),
            b'#' => single(self, Kind::Pound),
            b'.' => single(self, Kind::Dot),
            b'=' => single(self, Kind::Equal),
            b'{' => single(self, Kind::LBrace),
            b'}' => single(self, Kind::RBrace),
            b'[' => single(self, Kind::LBracket),
            b']' => single(self, Kind::RBracket),
            b'(' => single(self, Kind::LParen),
            b')' => single(self, Kind::RParen),
            b':' if self.peek(1) == Some(b'=') => {
                self.bump();
                single(self, Kind::Walrus)
            }
            b':' => single(self, Kind::Colon),
            b'/' if self.peek(1) == Some(b'/') => Ok(self.comment()),
            b'"' => self.string(),
            b'-' | b'0'..=b'9' => self.number(position),
            b'_' | b'A'..=b'Z' | b'a'..=b'z' => self.identifier(),
            _ => {
                let shown = self
                    .source
                    .get(self.offset..)
                    .and_then(|rest| rest.chars().next())
                    .unwrap_or('?');
                Err(self.error_here(format!("Unexpected character `{}`", shown.escape_debug())))
            }
        }
    }

    /// `//` or `///` up to and including the line break.
    fn comment(&mut self) -> Kind {
        let doc = self.peek(2) == Some(b'/') && self.peek(3) != Some(b'/');
        self.bump_while(|b| b != b'\n' && b != b'\r');
        if self.peek(0) == Some(b'\r') {
            self.bump();
        }
        if self.peek(0) == Some(b'\n') {
            self.bump();
        }
        if doc {
            Kind::DocComment
        } else {
            Kind::Comment
        }
    }

    /// `"…"` or `"""…"""`: finds the closing delimiter, skipping escaped characters.
    fn string(&mut self) -> Result<Kind> {
        let text_block = self.peek(1) == Some(b'"') && self.peek(2) == Some(b'"');
        let opening = if text_block { 3 } else { 1 };
        for _ in 0..opening {
            self.bump();
        }
        loop {
            match self.peek(0) {
                None => {
                    let what = if text_block { "text block" } else { "string" };
                    return Err(self.error_here(format!(
                        "Expected `\"` to close the {what} but found end of file"
                    )));
                }
                Some(b'\\') => {
                    self.bump();
                    if self.peek(0).is_some() {
                        self.bump();
                    }
                }
                Some(b'"') if !text_block => {
                    self.bump();
                    return Ok(Kind::String);
                }
                Some(b'"') if self.peek(1) == Some(b'"') && self.peek(2) == Some(b'"') => {
                    for _ in 0..3 {
                        self.bump();
                    }
                    return Ok(Kind::TextBlock);
                }
                Some(_) => self.bump(),
            }
        }
    }

    /// `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`
    fn number(&mut self, position: Position) -> Result<Kind> {
        let start = self.offset;
        let invalid = |lexer: &Self, why: &str| {
            Error::new(format!(
                "Invalid number `{}`: {why}",
                lexer.source.get(start..lexer.offset).unwrap_or("")
            ))
            .with_position(position.line, position.column)
        };
        if self.peek(0) == Some(b'-') {
            self.bump();
            if !self.peek(0).is_some_and(|b| b.is_ascii_digit()) {
                return Err(invalid(self, "`-` must be followed by a digit"));
            }
        }
        if self.peek(0) == Some(b'0') {
            self.bump();
        } else {
            self.bump_while(|b| b.is_ascii_digit());
        }
        if self.peek(0) == Some(b'.') {
            self.bump();
            if !self.peek(0).is_some_and(|b| b.is_ascii_digit()) {
                return Err(invalid(self, "`.` must be followed by a digit"));
            }
            self.bump_while(|b| b.is_ascii_digit());
        }
        if matches!(self.peek(0), Some(b'e' | b'E')) {
            self.bump();
            if matches!(self.peek(0), Some(b'+' | b'-')) {
                self.bump();
            }
            if !self.peek(0).is_some_and(|b| b.is_ascii_digit()) {
                return Err(invalid(
                    self,
                    "an exponent (`e`, `+`, `-`) must be followed by a digit",
                ));
            }
            self.bump_while(|b| b.is_ascii_digit());
        }
        Ok(Kind::Number)
    }

    /// `_*[A-Za-z][A-Za-z0-9_]*` (leading underscores must lead to a letter).
    fn identifier(&mut self) -> Result<Kind> {
        self.bump_while(|b| b == b'_');
        match self.peek(0) {
            Some(b) if b.is_ascii_alphabetic() => {}
            // `__1` is not an identifier either, but a digit after underscores is
            // accepted by Smithy's lexer; the grammar calls for a letter.
            Some(b) if b.is_ascii_digit() => {}
            other => {
                let found = match other {
                    None => "end of file".to_owned(),
                    Some(_) => {
                        let c = self
                            .source
                            .get(self.offset..)
                            .and_then(|rest| rest.chars().next())
                            .unwrap_or('?');
                        format!("`{}`", c.escape_debug())
                    }
                };
                return Err(self.error_here(format!(
                    "Expected a letter or digit after `_` in an identifier, but found {found}"
                )));
            }
        }
        self.bump_while(|b| b.is_ascii_alphanumeric() || b == b'_');
        Ok(Kind::Identifier)
    }
}
