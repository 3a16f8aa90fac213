//! Which members a body codec covers: for an operation's input, output or error under an
//! HTTP-binding protocol, those not bound to the URI, headers, status or payload in the message
//! the codec serves; for everything else, all of them. Shared by every body format.

use crate::ir::{Field, Struct, TypeDef, TypeKind};

/// Which HTTP message a structure codec serves: its body leaves out the members bound
/// elsewhere in that message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Message {
    Request,
    Response,
}

/// The members of `s` in the body of `message`: all of them, except for an operation's input,
/// output or error under an HTTP-binding protocol.
pub fn body_fields(s: &Struct, message: Message) -> Vec<&Field> {
    s.fields
        .iter()
        .filter(|f| match message {
            Message::Request => f.request_binding().is_none(),
            Message::Response => f.response_binding().is_none(),
        })
        .collect()
}

/// Whether a codec of `s` for `message` is ever called: not when every member is bound
/// outside the body (the body is then empty, or a payload member's own value).
pub fn has_body_codec(s: &Struct, message: Message) -> bool {
    let bound = match message {
        Message::Request => s.has_request_bindings(),
        Message::Response => s.has_response_bindings(),
    };
    !bound || !body_fields(s, message).is_empty()
}

/// Which codecs a module holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Encoders for what a client sends, decoders for what it receives.
    Client,
    /// The rest: decoders for what clients send, encoders for what they
    /// receive (for servers, test doubles and round-trip tests).
    Server,
}

impl Side {
    /// The messages this side's encoders and decoders serve: a client encodes requests and
    /// decodes responses, a server the reverse.
    pub fn messages(self) -> (Message, Message) {
        match self {
            Side::Client => (Message::Request, Message::Response),
            Side::Server => (Message::Response, Message::Request),
        }
    }

    /// Whether this side has an encoder and a decoder of `def`: by direction, and for a
    /// structure only if its body codec is ever called.
    pub fn codecs(self, def: &TypeDef) -> (bool, bool) {
        let (encode, decode) = match self {
            Side::Client => (def.sent, def.received),
            Side::Server => (!def.sent, !def.received),
        };
        let (encoded, decoded) = self.messages();
        match &def.kind {
            TypeKind::Struct(s) => (
                encode && has_body_codec(s, encoded),
                decode && has_body_codec(s, decoded),
            ),
            _ => (encode, decode),
        }
    }
}
