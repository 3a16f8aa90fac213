//! A Pratt parser from tokens to the syntax tree, following the specification's grammar and
//! binding powers.

use super::ast::{Node, Slice};
use super::functions::Function;
use super::lexer::{tokenize, Token};
use super::{ErrorKind, JmespathError, MAX_DEPTH};

/// Below this binding power a token ends a projection's right-hand side (`|`, `||`, `&&`,
/// comparators, `[]`), so they apply to the projection's result instead of each element.
const PROJECTION_STOP: u8 = 10;

/// The compiled tree of `text`.
pub(super) fn parse(text: &str) -> Result<Node, JmespathError> {
    let mut parser = Parser {
        tokens: tokenize(text)?,
        pos: 0,
        depth: 0,
    };
    let node = parser.expression(0)?;
    match parser.peek() {
        Token::End => Ok(node),
        other => Err(unexpected(other, parser.offset())),
    }
}

fn binding_power(token: &Token) -> u8 {
    match token {
        Token::Pipe => 1,
        Token::Or => 2,
        Token::And => 3,
        Token::Compare(_) => 5,
        Token::Flatten => 9,
        Token::Star => 20,
        Token::Filter => 21,
        Token::Dot => 40,
        Token::Not => 45,
        Token::LeftBrace => 50,
        Token::LeftBracket => 55,
        Token::LeftParen => 60,
        _ => 0,
    }
}

fn unexpected(token: &Token, offset: usize) -> JmespathError {
    JmespathError::syntax(offset, format!("unexpected {}", token.describe()))
}

struct Parser {
    tokens: Vec<(Token, usize)>,
    pos: usize,
    /// Nesting of `expression` calls plus operators chained in them: each adds a level to the
    /// tree, whose evaluation (and drop) recurses, so it is bounded by [`MAX_DEPTH`].
    depth: usize,
}

impl Parser {
    fn peek(&self) -> &Token {
        self.peek_at(0)
    }

    fn peek_at(&self, ahead: usize) -> &Token {
        self.tokens
            .get(self.pos + ahead)
            .map_or(&Token::End, |(t, _)| t)
    }

    fn offset(&self) -> usize {
        self.tokens.get(self.pos).map_or(0, |(_, offset)| *offset)
    }

    /// Takes the current token; the final `End` stays in place.
    fn advance(&mut self) -> Token {
        match self.tokens.get_mut(self.pos) {
            Some((token, _)) if *token != Token::End => {
                self.pos += 1;
                std::mem::replace(token, Token::End)
            }
            _ => Token::End,
        }
    }

    fn error(&self, message: impl Into<String>) -> JmespathError {
        JmespathError::syntax(self.offset(), message)
    }

    fn expect(&mut self, expected: &Token) -> Result<(), JmespathError> {
        if self.peek() == expected {
            self.advance();
            Ok(())
        } else {
            let message = format!(
                "expected {}, found {}",
                expected.describe(),
                self.peek().describe()
            );
            Err(self.error(message))
        }
    }

    fn deeper(&mut self) -> Result<(), JmespathError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(self.error(format!(
                "expression nested more than {MAX_DEPTH} levels deep"
            )));
        }
        Ok(())
    }

    fn expression(&mut self, min_power: u8) -> Result<Node, JmespathError> {
        let outer = self.depth;
        self.deeper()?;
        let mut left = self.nud()?;
        while min_power < binding_power(self.peek()) {
            self.deeper()?;
            left = self.led(left)?;
        }
        self.depth = outer;
        Ok(left)
    }

    /// A token that starts an expression. Every arm delegates, keeping this frame (on the
    /// recursion path) small in unoptimized builds.
    fn nud(&mut self) -> Result<Node, JmespathError> {
        let offset = self.offset();
        match self.advance() {
            Token::Literal(value) => Ok(Node::Literal(value)),
            Token::Identifier(name) => self.identifier(name, offset),
            Token::QuotedIdentifier(_) if *self.peek() == Token::LeftParen => {
                Err(self.error("a function name cannot be quoted"))
            }
            Token::QuotedIdentifier(name) => Ok(Node::Field(name)),
            Token::At => Ok(Node::Current),
            Token::Star => self.value_projection(Node::Current, binding_power(&Token::Star)),
            Token::Filter => self.filter(Node::Current),
            Token::Flatten => self.flatten(Node::Current),
            Token::LeftBrace => self.multi_select_hash(),
            Token::LeftParen => self.parenthesized(),
            Token::Not => self.not(),
            Token::Ampersand => self.expref(offset),
            Token::LeftBracket => self.bracket_start(),
            other => Err(unexpected(&other, offset)),
        }
    }

    /// A token that continues the expression `left`.
    fn led(&mut self, left: Node) -> Result<Node, JmespathError> {
        let offset = self.offset();
        let token = self.advance();
        let power = binding_power(&token);
        match token {
            Token::Dot if *self.peek() == Token::Star => {
                self.advance();
                self.value_projection(left, power)
            }
            Token::Dot => self.dot(left, power),
            Token::Pipe => self.binary(left, power, Node::Subexpression),
            Token::Or => self.binary(left, power, Node::Or),
            Token::And => self.binary(left, power, Node::And),
            Token::Compare(op) => self.binary(left, power, |a, b| Node::Compare(op, a, b)),
            Token::Filter => self.filter(left),
            Token::Flatten => self.flatten(left),
            Token::LeftBracket => self.bracket_after(left),
            Token::LeftParen => Err(JmespathError::syntax(
                offset,
                "only a function name can be called",
            )),
            other => Err(unexpected(&other, offset)),
        }
    }

    /// A field, or a function call when `(` follows.
    fn identifier(&mut self, name: String, offset: usize) -> Result<Node, JmespathError> {
        if *self.peek() != Token::LeftParen {
            return Ok(Node::Field(name));
        }
        self.advance();
        self.function_call(&name, offset)
    }

    /// `(expression)` (after the `(`).
    fn parenthesized(&mut self) -> Result<Node, JmespathError> {
        let inner = self.expression(0)?;
        self.expect(&Token::RightParen)?;
        Ok(inner)
    }

    fn not(&mut self) -> Result<Node, JmespathError> {
        let operand = self.expression(binding_power(&Token::Not))?;
        Ok(Node::Not(Box::new(operand)))
    }

    /// `&expression` (after the `&` at `offset`).
    fn expref(&mut self, offset: usize) -> Result<Node, JmespathError> {
        let inner = self.expression(0)?;
        Ok(Node::Expref(Box::new(inner), offset))
    }

    fn binary(
        &mut self,
        left: Node,
        power: u8,
        build: impl FnOnce(Box<Node>, Box<Node>) -> Node,
    ) -> Result<Node, JmespathError> {
        let right = self.expression(power)?;
        Ok(build(Box::new(left), Box::new(right)))
    }

    /// `left.right` (after the `.`).
    fn dot(&mut self, left: Node, power: u8) -> Result<Node, JmespathError> {
        let right = self.dot_rhs(power)?;
        Ok(Node::Subexpression(Box::new(left), Box::new(right)))
    }

    /// `[` starting an expression: an index or slice of the current node, `[*]`, or a
    /// multi-select list.
    fn bracket_start(&mut self) -> Result<Node, JmespathError> {
        match (self.peek(), self.peek_at(1)) {
            (Token::Number(_) | Token::Colon, _) => self.index_or_slice(Node::Current),
            (Token::Star, Token::RightBracket) => {
                self.advance();
                self.advance();
                self.projection(Node::Current)
            }
            _ => self.multi_select_list(),
        }
    }

    /// `[` after `left`: an index, a slice or `[*]`.
    fn bracket_after(&mut self, left: Node) -> Result<Node, JmespathError> {
        match self.peek() {
            Token::Number(_) | Token::Colon => self.index_or_slice(left),
            Token::Star => {
                self.advance();
                self.expect(&Token::RightBracket)?;
                self.projection(left)
            }
            other => {
                let message = format!("expected a number, ':' or '*', found {}", other.describe());
                Err(self.error(message))
            }
        }
    }

    /// What follows a projection (`[*]`, `*`, `[]`, `[?...]`, a slice): the expression applied to
    /// each element, up to the first token that ends the projection.
    fn projection_rhs(&mut self, power: u8) -> Result<Node, JmespathError> {
        match self.peek() {
            token if binding_power(token) < PROJECTION_STOP => Ok(Node::Current),
            Token::LeftBracket | Token::Filter => self.expression(power),
            Token::Dot => {
                self.advance();
                self.dot_rhs(power)
            }
            other => Err(self.error(format!(
                "unexpected {} after a projection",
                other.describe()
            ))),
        }
    }

    /// What may follow a `.`: an identifier, `*`, or a multi-select.
    fn dot_rhs(&mut self, power: u8) -> Result<Node, JmespathError> {
        match self.peek() {
            Token::Identifier(_) | Token::QuotedIdentifier(_) | Token::Star => {
                self.expression(power)
            }
            Token::LeftBracket => {
                self.advance();
                self.multi_select_list()
            }
            Token::LeftBrace => {
                self.advance();
                self.multi_select_hash()
            }
            other => {
                let message = format!(
                    "expected an identifier, '*', '[' or '{{' after '.', found {}",
                    other.describe()
                );
                Err(self.error(message))
            }
        }
    }

    /// `left.*` or `*` and the rest of the projection, which binds with `power`.
    fn value_projection(&mut self, left: Node, power: u8) -> Result<Node, JmespathError> {
        let right = self.projection_rhs(power)?;
        Ok(Node::ValueProjection {
            left: Box::new(left),
            right: Box::new(right),
        })
    }

    /// `left[*]` and the rest of the projection.
    fn projection(&mut self, left: Node) -> Result<Node, JmespathError> {
        let right = self.projection_rhs(binding_power(&Token::Star))?;
        Ok(Node::Projection {
            left: Box::new(left),
            right: Box::new(right),
        })
    }

    /// `left[]` and the rest of the projection.
    fn flatten(&mut self, left: Node) -> Result<Node, JmespathError> {
        let right = self.projection_rhs(binding_power(&Token::Flatten))?;
        Ok(Node::Projection {
            left: Box::new(Node::Flatten(Box::new(left))),
            right: Box::new(right),
        })
    }

    /// `left[?condition]` (after `[?`) and the rest of the projection.
    fn filter(&mut self, left: Node) -> Result<Node, JmespathError> {
        let condition = self.expression(0)?;
        self.expect(&Token::RightBracket)?;
        let right = self.projection_rhs(binding_power(&Token::Filter))?;
        Ok(Node::FilterProjection {
            left: Box::new(left),
            condition: Box::new(condition),
            right: Box::new(right),
        })
    }

    /// `left[n]`, or the projection `left[start:stop:step]...` (after the `[`).
    fn index_or_slice(&mut self, left: Node) -> Result<Node, JmespathError> {
        let apply = |right: Node| match left {
            Node::Current => right,
            left => Node::Subexpression(Box::new(left), Box::new(right)),
        };
        if let (Token::Number(n), Token::RightBracket) = (self.peek(), self.peek_at(1)) {
            let index = Node::Index(*n);
            self.advance();
            self.advance();
            return Ok(apply(index));
        }
        let start_offset = self.offset();
        let mut parts = [None; 3];
        let mut part = 0;
        loop {
            let offset = self.offset();
            match self.advance() {
                Token::RightBracket => break,
                Token::Colon if part < 2 => part += 1,
                Token::Number(n) if parts.get(part) == Some(&None) => {
                    if let Some(slot) = parts.get_mut(part) {
                        *slot = Some(n);
                    }
                }
                other => {
                    let message = format!("unexpected {} in a slice", other.describe());
                    return Err(JmespathError::syntax(offset, message));
                }
            }
        }
        let [start, stop, step] = parts;
        if step == Some(0) {
            return Err(JmespathError::new(
                ErrorKind::InvalidValue,
                Some(start_offset),
                "a slice step cannot be 0",
            ));
        }
        let slice = Node::Slice(Slice {
            start,
            stop,
            step: step.unwrap_or(1),
        });
        self.projection(apply(slice))
    }

    /// `[a, b, ...]` (after the `[`).
    fn multi_select_list(&mut self) -> Result<Node, JmespathError> {
        let mut items = Vec::new();
        loop {
            items.push(self.expression(0)?);
            if *self.peek() == Token::RightBracket {
                self.advance();
                return Ok(Node::MultiSelectList(items));
            }
            self.expect(&Token::Comma)?;
        }
    }

    /// `{key: a, ...}` (after the `{`).
    fn multi_select_hash(&mut self) -> Result<Node, JmespathError> {
        let mut pairs = Vec::new();
        loop {
            let offset = self.offset();
            let key = match self.advance() {
                Token::Identifier(key) | Token::QuotedIdentifier(key) => key,
                other => {
                    let message = format!("expected a key, found {}", other.describe());
                    return Err(JmespathError::syntax(offset, message));
                }
            };
            self.expect(&Token::Colon)?;
            pairs.push((key, self.expression(0)?));
            if *self.peek() == Token::RightBrace {
                self.advance();
                return Ok(Node::MultiSelectHash(pairs));
            }
            self.expect(&Token::Comma)?;
        }
    }

    /// `name(args)` (after the `(`), `name` being at `offset`.
    fn function_call(&mut self, name: &str, offset: usize) -> Result<Node, JmespathError> {
        let mut args = Vec::new();
        if *self.peek() == Token::RightParen {
            self.advance();
        } else {
            loop {
                args.push(self.expression(0)?);
                if *self.peek() == Token::RightParen {
                    self.advance();
                    break;
                }
                self.expect(&Token::Comma)?;
            }
        }
        let function = resolve_function(name, args.len(), offset)?;
        Ok(Node::Function {
            function,
            args,
            offset,
        })
    }
}

/// The function `name` called with `count` arguments at `offset`: it must exist and accept
/// that many. Out of `function_call`, whose frame is on the parser's recursion path.
fn resolve_function(name: &str, count: usize, offset: usize) -> Result<Function, JmespathError> {
    let Some(function) = Function::lookup(name) else {
        let message = format!("unknown function {name}()");
        return Err(JmespathError::new(
            ErrorKind::UnknownFunction,
            Some(offset),
            message,
        ));
    };
    let (min, max) = function.arity();
    if (min..=max).contains(&count) {
        return Ok(function);
    }
    let expected = match max {
        usize::MAX => format!("at least {min}"),
        _ => format!("{min}"),
    };
    let plural = if min == 1 { "" } else { "s" };
    let message = format!("{name}() takes {expected} argument{plural}, got {count}");
    Err(JmespathError::new(
        ErrorKind::InvalidArity,
        Some(offset),
        message,
    ))
}
