//! The parser's view of the token stream: the current token, the grammar's whitespace
//! rules, and errors that say where and what.
//!
//! The IDL distinguishes three kinds of whitespace: `SP` (spaces and tabs only), `WS`
//! (also line breaks, commas and comments) and `BR` (a line break, then any `WS`). Each has
//! a skip and an expect helper here so the statement parsers read like the grammar.
//! Documentation comments skipped as whitespace are kept until the next real token, so the
//! shape or member that follows can claim them.

use super::lexer::{Kind, Lexer, Position, Token};
use super::syntax::IdRef;
use crate::{Error, Result};

pub(super) struct Cursor<'a> {
    lexer: Lexer<'a>,
    token: Token,
    /// Lines of the `///` comments since the last real token.
    docs: Vec<String>,
}

impl<'a> Cursor<'a> {
    pub(super) fn new(source: &'a str) -> Result<Self> {
        let mut lexer = Lexer::new(source);
        let token = lexer.next_token()?;
        Ok(Self {
            lexer,
            token,
            docs: Vec::new(),
        })
    }

    pub(super) fn kind(&self) -> Kind {
        self.token.kind
    }

    pub(super) fn position(&self) -> Position {
        self.token.position
    }

    /// The current token's text.
    pub(super) fn text(&self) -> &'a str {
        self.lexer
            .source()
            .get(self.token.start..self.token.end)
            .unwrap_or("")
    }

    pub(super) fn is_identifier(&self, word: &str) -> bool {
        self.kind() == Kind::Identifier && self.text() == word
    }

    /// Moves to the next token, collecting documentation comments on the way.
    pub(super) fn advance(&mut self) -> Result<()> {
        match self.token.kind {
            Kind::DocComment => {
                let line = self.text().trim_end_matches(['\n', '\r']);
                let line = line.strip_prefix("///").unwrap_or(line);
                self.docs
                    .push(line.strip_prefix(' ').unwrap_or(line).to_owned());
            }
            Kind::Space | Kind::Newline | Kind::Comma | Kind::Comment => {}
            _ => self.docs.clear(),
        }
        self.token = self.lexer.next_token()?;
        Ok(())
    }

    /// The documentation comment lines seen since the last real token, joined.
    pub(super) fn take_docs(&mut self) -> Option<String> {
        if self.docs.is_empty() {
            return None;
        }
        let docs = self.docs.join("\n");
        self.docs.clear();
        Some(docs)
    }

    pub(super) fn error_at(&self, position: Position, message: impl Into<String>) -> Error {
        Error::new(message).with_position(position.line, position.column)
    }

    /// An error at the current token.
    pub(super) fn error(&self, message: impl Into<String>) -> Error {
        self.error_at(self.position(), message)
    }

    /// How messages show the current token: its text when short and on one line.
    pub(super) fn found(&self) -> String {
        let text = self.text();
        match self.kind() {
            Kind::Identifier | Kind::Number | Kind::String if text.chars().count() <= 40 => {
                format!("{} `{}`", self.kind().describe(), text.escape_debug())
            }
            kind => kind.describe().to_owned(),
        }
    }

    /// `Expected {what} but found …` at the current token.
    pub(super) fn unexpected(&self, what: &str) -> Error {
        self.error(format!("Expected {what} but found {}", self.found()))
    }

    pub(super) fn expect(&self, kind: Kind) -> Result<()> {
        if self.kind() == kind {
            Ok(())
        } else {
            Err(self.unexpected(kind.describe()))
        }
    }

    /// Checks the current token is `kind` and moves past it.
    pub(super) fn eat(&mut self, kind: Kind) -> Result<()> {
        self.expect(kind)?;
        self.advance()
    }

    /// `[SP]`
    pub(super) fn skip_spaces(&mut self) -> Result<()> {
        while self.kind() == Kind::Space {
            self.advance()?;
        }
        Ok(())
    }

    fn is_ws(&self) -> bool {
        matches!(
            self.kind(),
            Kind::Space | Kind::Newline | Kind::Comma | Kind::Comment | Kind::DocComment
        )
    }

    /// `[WS]`
    pub(super) fn skip_ws(&mut self) -> Result<()> {
        while self.is_ws() {
            self.advance()?;
        }
        Ok(())
    }

    /// `SP`: at least one space.
    pub(super) fn expect_space(&mut self) -> Result<()> {
        self.expect(Kind::Space)?;
        self.skip_spaces()
    }

    /// `WS`: at least one whitespace token.
    pub(super) fn expect_ws(&mut self) -> Result<()> {
        if !self.is_ws() {
            return Err(self.unexpected("one or more whitespace characters"));
        }
        self.skip_ws()
    }

    /// `BR`: spaces, then a line break (or a comment, which ends with one, or the end of
    /// the file), then any whitespace.
    pub(super) fn expect_br(&mut self) -> Result<()> {
        self.skip_spaces()?;
        match self.kind() {
            Kind::Newline | Kind::Comment => self.skip_ws(),
            Kind::DocComment => {
                // `string Foo /// text`: a doc comment that ends a statement's line
                // documents nothing.
                self.advance()?;
                self.docs.clear();
                self.skip_ws()
            }
            Kind::Eof => Ok(()),
            _ => Err(self.unexpected("a line break")),
        }
    }

    /// An identifier's text, moving past it.
    pub(super) fn identifier(&mut self) -> Result<String> {
        self.expect(Kind::Identifier)?;
        let text = self.text().to_owned();
        self.advance()?;
        Ok(text)
    }

    /// `Identifier *("." Identifier)`
    pub(super) fn namespace(&mut self) -> Result<String> {
        let mut namespace = self.identifier()?;
        while self.kind() == Kind::Dot {
            self.advance()?;
            namespace.push('.');
            namespace.push_str(&self.identifier()?);
        }
        Ok(namespace)
    }

    /// A shape id as written: `[Namespace "#"] Identifier ["$" Identifier]`, no spaces.
    pub(super) fn shape_id(&mut self) -> Result<IdRef> {
        let position = self.position();
        let mut text = self.namespace()?;
        if self.kind() == Kind::Pound {
            self.advance()?;
            text.push('#');
            text.push_str(&self.identifier()?);
        } else if text.contains('.') {
            return Err(self.unexpected("`#` after the namespace of a shape id"));
        }
        if self.kind() == Kind::Dollar {
            self.advance()?;
            text.push('$');
            text.push_str(&self.identifier()?);
        }
        Ok(IdRef { text, position })
    }
}
