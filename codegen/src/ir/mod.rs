//! The resolved service: everything the emitters need, with every Rust name,
//! optionality and boxing decision already made. Built from a [`Model`] by
//! [`resolve`]; it never depends on `quote`.
//!
//! [`Model`]: crate::model::Model

mod defaults;
mod direction;
mod optional;
mod protocol_tests;
mod recursion;
mod resolve;
mod skips;

use std::collections::BTreeMap;

pub use optional::is_optional;
pub use protocol_tests::{ProtocolTest, TestKind};
pub use resolve::{resolve, Selection};
pub use skips::SKIPPED as SKIPPED_PROTOCOL_TESTS;

use crate::model::ShapeId;

/// The wire protocol of a service, from its protocol trait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Protocol {
    AwsJson1_0,
    AwsJson1_1,
    RestJson1,
    RestXml,
    AwsQuery,
    Ec2Query,
    RpcV2Cbor,
    /// No protocol trait the generator knows.
    Unknown,
}

impl Protocol {
    /// The protocol's name as Smithy spells it.
    pub fn name(self) -> &'static str {
        match self {
            Self::AwsJson1_0 => "awsJson1_0",
            Self::AwsJson1_1 => "awsJson1_1",
            Self::RestJson1 => "restJson1",
            Self::RestXml => "restXml",
            Self::AwsQuery => "awsQuery",
            Self::Ec2Query => "ec2Query",
            Self::RpcV2Cbor => "rpcv2Cbor",
            Self::Unknown => "none",
        }
    }

    /// The protocol trait's shape id (`aws.protocols#awsJson1_1`).
    pub fn trait_id(self) -> &'static str {
        match self {
            Self::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Self::AwsJson1_1 => "aws.protocols#awsJson1_1",
            Self::RestJson1 => "aws.protocols#restJson1",
            Self::RestXml => "aws.protocols#restXml",
            Self::AwsQuery => "aws.protocols#awsQuery",
            Self::Ec2Query => "aws.protocols#ec2Query",
            Self::RpcV2Cbor => "smithy.protocols#rpcv2Cbor",
            Self::Unknown => "",
        }
    }

    /// Every protocol the generator recognizes, in detection order.
    pub const KNOWN: [Protocol; 7] = [
        Self::AwsJson1_0,
        Self::AwsJson1_1,
        Self::RestJson1,
        Self::RestXml,
        Self::AwsQuery,
        Self::Ec2Query,
        Self::RpcV2Cbor,
    ];
}

/// A resolved service and the closure of shapes it reaches.
#[derive(Debug, Clone)]
pub struct Service {
    pub id: ShapeId,
    /// The service shape's name (`GameLift`), used on the wire (`X-Amz-Target`).
    pub name: String,
    /// `sdkId` from `@aws.api#service`, or the shape name.
    pub sdk_id: String,
    pub version: Option<String>,
    pub protocol: Protocol,
    pub docs: Option<String>,
    /// Operations sorted by name.
    pub operations: Vec<Operation>,
    /// Named types (structures, unions, enums) by shape id.
    pub types: BTreeMap<ShapeId, TypeDef>,
    /// Errors every operation can return (the service's `errors`).
    pub errors: Vec<ShapeId>,
    /// Client protocol compliance cases, when requested (see [`Selection`]).
    pub protocol_tests: Vec<ProtocolTest>,
}

/// One operation of the service.
#[derive(Debug, Clone)]
pub struct Operation {
    pub id: ShapeId,
    /// The operation shape's name, as sent on the wire.
    pub wire_name: String,
    /// `UpperCamelCase` name for the operation's types (`StartMatchBackfill`).
    pub type_name: String,
    /// `snake_case` name for the client method (`start_match_backfill`).
    pub fn_name: String,
    /// The input structure; `None` for `smithy.api#Unit`.
    pub input: Option<ShapeId>,
    /// The output structure; `None` for `smithy.api#Unit`.
    pub output: Option<ShapeId>,
    /// Modeled errors of this operation followed by the service's errors, deduplicated.
    pub errors: Vec<ShapeId>,
    pub docs: Option<String>,
    pub deprecated: bool,
    /// `@endpoint(hostPrefix: ...)`: prepended to the endpoint's host.
    pub host_prefix: Option<HostPrefix>,
    /// `@requestCompression` lists `gzip`: large bodies are gzip-compressed.
    pub gzip_request: bool,
    /// The input or output has a `@streaming` member (an event stream or a
    /// streaming blob), which the generated codecs do not handle.
    pub streaming: bool,
}

/// An `@endpoint` host prefix such as `foo.{label}.`.
#[derive(Debug, Clone)]
pub struct HostPrefix {
    /// Literal text and labels, in order.
    pub parts: Vec<HostPrefixPart>,
}

/// A piece of a host prefix.
#[derive(Debug, Clone)]
pub enum HostPrefixPart {
    Literal(String),
    /// An input member marked `@hostLabel`, by its Rust field name.
    Label {
        field: String,
        optional: bool,
    },
}

/// A type the generator emits for one shape.
#[derive(Debug, Clone)]
pub struct TypeDef {
    pub id: ShapeId,
    /// The Rust type name.
    pub name: String,
    /// The shape's name within the service (after `rename`): error codes and
    /// structure names on the wire. An awsQuery error with `@awsQueryError`
    /// has that trait's `code` here instead.
    pub wire_name: String,
    pub docs: Option<String>,
    /// `@sensitive` on the shape itself: `Debug` shows nothing of it.
    pub sensitive: bool,
    pub kind: TypeKind,
    /// Reachable from an operation input: a client encodes it.
    pub sent: bool,
    /// Reachable from an operation output or error: a client decodes it.
    pub received: bool,
}

/// What kind of Rust item a [`TypeDef`] becomes.
#[derive(Debug, Clone)]
pub enum TypeKind {
    Struct(Struct),
    Union(Union),
    Enum(Enum),
    IntEnum(IntEnum),
}

/// Whether a structure is an operation input, an output, an error, or plain.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructRole {
    Input,
    Output,
    Error { client: bool },
    Plain,
}

/// A structure.
#[derive(Debug, Clone)]
pub struct Struct {
    pub fields: Vec<Field>,
    pub role: StructRole,
}

/// A structure member.
#[derive(Debug, Clone)]
pub struct Field {
    /// The Smithy member name (the wire name for awsJson).
    pub member_name: String,
    pub rust_name: String,
    pub ty: TypeRef,
    /// Wrapped in `Option` (see [`is_optional`]).
    pub optional: bool,
    /// Wrapped in `Box` to break a recursive cycle.
    pub boxed: bool,
    /// `@required` (whatever the optionality): constructors take it.
    pub required: bool,
    /// `@default` value, when the member has one the generator can express.
    pub default: Option<defaults::DefaultValue>,
    pub docs: Option<String>,
    /// The value is sensitive (its target, or what a collection holds, is `@sensitive`).
    pub sensitive: bool,
}

pub use defaults::DefaultValue;

/// A union: exactly one member is set.
#[derive(Debug, Clone)]
pub struct Union {
    pub variants: Vec<Variant>,
    /// The variant that keeps the name of a member this client does not know.
    pub unknown_variant: String,
}

/// A union member.
#[derive(Debug, Clone)]
pub struct Variant {
    pub member_name: String,
    pub rust_name: String,
    /// `None` when the member targets `smithy.api#Unit`.
    pub ty: Option<TypeRef>,
    pub boxed: bool,
    pub docs: Option<String>,
    pub sensitive: bool,
}

/// A string enum.
#[derive(Debug, Clone)]
pub struct Enum {
    pub cases: Vec<EnumCase>,
    /// The variant that keeps a value this client does not know.
    pub unknown_variant: String,
}

/// One string enum value.
#[derive(Debug, Clone)]
pub struct EnumCase {
    pub wire_value: String,
    pub rust_name: String,
    pub docs: Option<String>,
}

/// An integer enum.
#[derive(Debug, Clone)]
pub struct IntEnum {
    pub cases: Vec<IntEnumCase>,
    pub unknown_variant: String,
}

/// One intEnum value.
#[derive(Debug, Clone)]
pub struct IntEnumCase {
    pub value: i32,
    pub rust_name: String,
    pub docs: Option<String>,
}

/// The timestamp formats of Smithy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimestampFormat {
    EpochSeconds,
    DateTime,
    HttpDate,
}

/// The type of a member, with lists, maps and simple shapes inlined.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    /// A timestamp, with the `@timestampFormat` that applies, if any.
    Timestamp(Option<TimestampFormat>),
    Document,
    /// A list; `sparse` lists hold `Option`s.
    List {
        member: Box<TypeRef>,
        sparse: bool,
    },
    /// A map with string keys (enum keys are kept as their wire strings).
    Map {
        value: Box<TypeRef>,
        sparse: bool,
    },
    /// A structure, union or enum emitted as its own type.
    Named(ShapeId),
}
