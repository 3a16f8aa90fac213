//! The resolved service: everything the emitters need, with every Rust name,
//! optionality and boxing decision already made. Built from a [`Model`] by
//! [`resolve`]; it never depends on `quote`.
//!
//! [`Model`]: crate::model::Model

pub mod auth;
mod customizations;
mod defaults;
mod direction;
pub mod endpoints;
mod equality;
mod error_sets;
mod http;
mod optional;
pub mod paginators;
mod protocol_tests;
mod recursion;
mod resolve;
mod skips;
pub mod waiters;

use std::collections::BTreeMap;

pub use endpoints::{EndpointRules, OperationParams};
pub use http::{HttpBinding, HttpOperation, UriPattern, UriSegment};
pub use optional::is_optional;
pub use paginators::Paginator;
pub use protocol_tests::{ProtocolTest, TestKind};
pub use resolve::{resolve, Selection};
pub use skips::{
    NotRun, Side, DEFERRED as DEFERRED_PROTOCOL_TESTS, SKIPPED as SKIPPED_PROTOCOL_TESTS,
};

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
    RpcV2Json,
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
            Self::RpcV2Json => "rpcv2Json",
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
            Self::RpcV2Json => "smithy.protocols#rpcv2Json",
            Self::Unknown => "",
        }
    }

    /// Whether members are sent under their `@jsonName` (restJson1 only; the awsJson protocols
    /// ignore it).
    pub fn honors_json_name(self) -> bool {
        self == Self::RestJson1
    }

    /// Whether `@timestampFormat` applies: the rpcv2 protocols ignore it (every timestamp is
    /// epoch seconds: a number in rpcv2Json, tag 1 in rpcv2Cbor).
    pub fn honors_timestamp_format(self) -> bool {
        !matches!(self, Self::RpcV2Cbor | Self::RpcV2Json)
    }

    /// Whether big integers and big decimals travel as JSON strings (rpcv2Json, to keep their
    /// precision through JSON parsers) rather than as JSON numbers.
    pub fn json_big_numbers_as_strings(self) -> bool {
        self == Self::RpcV2Json
    }

    /// Whether operations carry `@http` bindings: members in the URI, query, headers or body.
    pub fn uses_http_bindings(self) -> bool {
        matches!(self, Self::RestJson1 | Self::RestXml)
    }

    /// The format of response bodies, which errors are decoded from.
    pub fn body_format(self) -> BodyFormat {
        match self {
            Self::RestXml | Self::AwsQuery | Self::Ec2Query => BodyFormat::Xml,
            Self::RpcV2Cbor => BodyFormat::Cbor,
            _ => BodyFormat::Json,
        }
    }

    /// The timestamp format of the body when a member has no `@timestampFormat`.
    pub fn body_timestamp_format(self) -> TimestampFormat {
        match self {
            Self::RestXml | Self::AwsQuery | Self::Ec2Query => TimestampFormat::DateTime,
            _ => TimestampFormat::EpochSeconds,
        }
    }

    /// Every protocol the generator recognizes, in the order of preference when a service
    /// declares several: rpcv2Cbor first, as smithy-rs, the Kotlin and Swift SDKs and the
    /// rpcv2 proposal choose (botocore prefers JSON), then its JSON sibling rpcv2Json (no AWS
    /// model lists it yet), then the rest in their historical order.
    pub const KNOWN: [Protocol; 8] = [
        Self::RpcV2Cbor,
        Self::RpcV2Json,
        Self::AwsJson1_0,
        Self::AwsJson1_1,
        Self::RestJson1,
        Self::RestXml,
        Self::AwsQuery,
        Self::Ec2Query,
    ];
}

/// The format of a protocol's response bodies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyFormat {
    Json,
    Xml,
    Cbor,
}

/// A resolved service and the closure of shapes it reaches.
#[derive(Debug, Clone)]
pub struct Service {
    pub id: ShapeId,
    /// The service shape's name (`GameLift`), used on the wire (`X-Amz-Target`).
    pub name: String,
    /// `sdkId` from `@aws.api#service`, or the shape name.
    pub sdk_id: String,
    /// What the protocol compliance summary line starts with: the service's name unless the
    /// builder names it (`Builder::protocol_test_summary`).
    pub protocol_test_summary: String,
    /// Whether and how types implement `serde`'s traits.
    pub serde: OptionalDerive,
    /// Whether and how structures and unions whose members allow it implement `Hash` (enums
    /// always do): it costs about 5% of a crate's build, so crates put it behind a feature.
    pub hash: OptionalDerive,
    pub version: Option<String>,
    pub protocol: Protocol,
    /// `@awsQueryCompatible`: a JSON service that was an awsQuery service; its requests say
    /// so with `x-amzn-query-mode: true`.
    pub query_compatible: bool,
    pub docs: Option<String>,
    /// `@xmlNamespace` of the service: XML request bodies declare it on their root.
    pub xml_namespace: Option<XmlNamespace>,
    /// Operations sorted by name.
    pub operations: Vec<Operation>,
    /// Named types (structures, unions, enums) by shape id.
    pub types: BTreeMap<ShapeId, TypeDef>,
    /// Errors every operation can return (the service's `errors`).
    pub errors: Vec<ShapeId>,
    /// Names in the `errors` module that are not model types.
    pub error_names: ErrorNames,
    /// One error enum per distinct set of operation errors, in operation order.
    pub error_sets: Vec<ErrorSet>,
    /// Client protocol compliance cases, when requested (see [`Selection`]).
    pub protocol_tests: Vec<ProtocolTest>,
    /// The endpoint rules (`smithy.rules#endpointRuleSet`), if the service has them.
    pub endpoint: Option<EndpointRules>,
    /// Model problems the generator worked around by leaving something out (an invalid
    /// `@paginated`, a waiter it cannot honour), located like errors; the CLI and the sweep print them as warnings.
    pub warnings: Vec<crate::Error>,
}

impl Service {
    /// The input structure of `op`, if it has one.
    pub fn input_of(&self, op: &Operation) -> Option<(&TypeDef, &Struct)> {
        self.structure(op.input.as_ref()?)
    }

    /// The output structure of `op`, if it has one.
    pub fn output_of(&self, op: &Operation) -> Option<(&TypeDef, &Struct)> {
        self.structure(op.output.as_ref()?)
    }

    /// The structure `id`, if it is one of the service's types.
    pub fn structure(&self, id: &ShapeId) -> Option<(&TypeDef, &Struct)> {
        let def = self.types.get(id)?;
        match &def.kind {
            TypeKind::Struct(s) => Some((def, s)),
            _ => None,
        }
    }

    /// Every error structure of the service, in shape-id order.
    pub fn error_types(&self) -> impl Iterator<Item = (&TypeDef, &Struct)> {
        self.types.values().filter_map(|def| match &def.kind {
            TypeKind::Struct(s) if matches!(s.role, StructRole::Error { .. }) => Some((def, s)),
            _ => None,
        })
    }

    /// Whether an operation binds an endpoint parameter with a JMESPath expression
    /// (`@operationContextParams`): the runtime's `jmespath` feature.
    pub fn needs_jmespath(&self) -> bool {
        self.operations
            .iter()
            .any(|op| !op.event_stream && !op.endpoint_params.paths.is_empty())
    }

    /// The features of `smithy-runtime` the generated code needs.
    pub fn runtime_features(&self) -> Vec<&'static str> {
        let mut features = Vec::new();
        if self.protocol == Protocol::RpcV2Cbor {
            features.push("cbor");
        }
        if self.needs_checksums() {
            features.push("checksums");
        }
        if self.needs_jmespath() || self.has_waiters() {
            features.push("jmespath");
        }
        features
    }

    /// Whether a generated operation has waiters (the runtime's `waiter` module, behind its
    /// `jmespath` feature).
    pub fn has_waiters(&self) -> bool {
        self.operations
            .iter()
            .any(|op| !op.event_stream && !op.waiters.is_empty())
    }

    /// Whether the generated code needs the runtime's `checksums` feature.
    pub fn needs_checksums(&self) -> bool {
        self.operations
            .iter()
            .any(|op| !op.event_stream && (op.checksums.content_md5 || op.checksums.glacier))
    }
}

/// Whether generated types implement an optional set of traits: `serde::Serialize` and
/// `serde::Deserialize` (`Service::serde`), or `Hash` on structures and unions
/// (`Service::hash`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionalDerive {
    /// Not at all.
    Off,
    /// Behind a feature of the generated crate (`cfg_attr(feature = "…", …)`).
    Feature,
    /// Unconditionally: a single file built with the option on (for serde, its including
    /// crate then depends on `serde` with `derive`, and on `smithy-runtime` with `serde`).
    Always,
}

/// Names of the `errors` module that no shape gives: the service-wide error enum and the
/// variant every error enum keeps for errors it does not model.
#[derive(Debug, Clone)]
pub struct ErrorNames {
    /// The service-wide error enum (`Error`).
    pub service_error: String,
    /// The fallback variant (`Unhandled`, unless an error shape took that name).
    pub unhandled: String,
}

/// Operations with the same modeled errors share one error enum; the others get an alias.
#[derive(Debug, Clone)]
pub struct ErrorSet {
    /// The enum's name: the error type name of its first operation (`AcceptMatchError`).
    pub name: String,
    /// The modeled errors, in the first operation's order.
    pub errors: Vec<ShapeId>,
    /// Indexes into [`Service::operations`] of the operations whose error type this is; the
    /// first one names the enum.
    pub operations: Vec<usize>,
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
    /// The name of the operation's error type (`StartMatchBackfillError`): its error set's enum,
    /// or an alias of it.
    pub error_type: String,
    /// Index of the operation's [`ErrorSet`] in [`Service::error_sets`].
    pub error_set: usize,
    pub docs: Option<String>,
    pub deprecated: bool,
    /// `@endpoint(hostPrefix: ...)`: prepended to the endpoint's host.
    pub host_prefix: Option<HostPrefix>,
    /// `@requestCompression` lists `gzip`: large bodies are gzip-compressed.
    pub gzip_request: bool,
    /// The input or output streams events (a `@streaming` union), which the generated codecs
    /// do not handle: no operation is generated. (Streaming blobs are whole bodies.)
    pub event_stream: bool,
    /// The `@http` trait, for protocols with HTTP bindings.
    pub http: Option<HttpOperation>,
    /// Rust field names of the input's `@idempotencyToken` members, filled in when unset.
    pub idempotency_tokens: Vec<String>,
    /// Checksums the request carries.
    pub checksums: Checksums,
    /// Headers every request of the operation carries (service customizations such as
    /// Glacier's `X-Amz-Glacier-Version`), as `(name, value)`.
    pub constant_headers: Vec<(String, String)>,
    /// Values for input members the caller leaves unset, as `(Rust field name, value)`
    /// (Glacier's `accountId` is `-`, the caller's own account).
    pub label_defaults: Vec<(String, String)>,
    /// `@aws.customizations#s3UnwrappedXmlOutput`: the output's one member is the XML body's
    /// root element itself (S3's `GetBucketLocation`).
    pub unwrapped_xml_output: bool,
    /// A success status may carry an XML error body, which is an error (S3's `CopyObject`,
    /// `CompleteMultipartUpload`, `UploadPartCopy`).
    pub errors_in_success: bool,
    /// How the operation binds endpoint parameters (static values, input members, paths).
    pub endpoint_params: OperationParams,
    /// The URI's leading label went into the endpoint (S3's `{Bucket}`): a request path of `/`
    /// adds nothing to the endpoint's own path.
    pub path_in_endpoint: bool,
    /// How requests are authenticated (signed or not).
    pub auth: auth::Auth,
    /// The operation's errors with `@retryable`, with their `throttling` flag.
    pub retryable_errors: Vec<(ShapeId, bool)>,
    /// `@paginated`, when valid (set by `paginators::resolve`).
    pub paginator: Option<Paginator>,
    /// `@waitable`: the operation's waiters, in model order (`waiters::resolve`).
    pub waiters: Vec<waiters::Waiter>,
}

/// Checksums computed over a request's body.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Checksums {
    /// `Content-MD5` (`@httpChecksumRequired`).
    pub content_md5: bool,
    /// Glacier's `X-Amz-Content-Sha256` and `X-Amz-Sha256-Tree-Hash`.
    pub glacier: bool,
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
    /// The code an error of an `@awsQueryCompatible` service reports (its `@awsQueryError`
    /// code, as the `x-amzn-query-error` header sends it) instead of `wire_name`, which
    /// still matches it.
    pub query_code: Option<String>,
    pub docs: Option<String>,
    /// `@sensitive` on the shape itself: `Debug` shows nothing of it.
    pub sensitive: bool,
    pub kind: TypeKind,
    /// Reachable from an operation input: a client encodes it.
    pub sent: bool,
    /// Reachable from an operation output or error: a client decodes it.
    pub received: bool,
    /// Every value it can hold has a total equality and a hash (no floats or documents, even
    /// nested): the type derives `Eq` and `Hash`.
    pub eq_hash: bool,
    /// Names for an error structure's helpers (`None` for other types).
    pub error: Option<ErrorTypeNames>,
    /// The element of the type when it is an XML document's root (an input, output or payload):
    /// `@xmlName` of the shape or its name, and its `@xmlNamespace`.
    pub xml: XmlName,
}

/// Names generated for one error structure.
#[derive(Debug, Clone)]
pub struct ErrorTypeNames {
    /// The predicate on error enums (`is_not_found_exception`).
    pub predicate: String,
    /// The function reading it from an XML error body (`not_found_exception_from_xml`).
    pub xml_decoder: String,
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

impl Struct {
    /// Whether a member is bound outside the body in requests (label, query, header, payload).
    pub fn has_request_bindings(&self) -> bool {
        self.fields.iter().any(|f| f.request_binding().is_some())
    }

    /// Whether a member is bound outside the body in responses (header, status, payload).
    pub fn has_response_bindings(&self) -> bool {
        self.fields.iter().any(|f| f.response_binding().is_some())
    }
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
    /// The member's key in a JSON body: its `@jsonName` where the protocol honors it, else the
    /// member name.
    pub json_name: String,
    /// Where an HTTP-binding protocol puts the member when its structure is an operation's
    /// input, output or error (`None`: the body; also for every other structure, where binding
    /// traits mean nothing).
    pub http: Option<HttpBinding>,
    /// `@mediaType` of the member's target: a string header sent base64-encoded, the content
    /// type of a payload.
    pub media_type: Option<String>,
    /// The target is a `@streaming` blob (a payload the generated code reads whole).
    pub streaming: bool,
    /// The member in XML and query bodies.
    pub xml: XmlMember,
}

impl Field {
    /// Whether the structure's `new` takes the member as an argument: `@required` members,
    /// and those that cannot start unset (neither optional nor with a `@default`).
    pub fn is_constructor_argument(&self) -> bool {
        self.required || (!self.optional && self.default.is_none())
    }

    /// The member's binding when it is not in the body of a request.
    pub fn request_binding(&self) -> Option<&HttpBinding> {
        self.http.as_ref().filter(|b| b.in_request())
    }

    /// The member's binding when it is not in the body of a response.
    pub fn response_binding(&self) -> Option<&HttpBinding> {
        self.http.as_ref().filter(|b| b.in_response())
    }

    /// The timestamp format of the member (or of its list elements) at `location`:
    /// `@timestampFormat` wins, else headers use http-date, labels and query strings
    /// date-time, and bodies the protocol's default.
    pub fn timestamp_format(&self, location: Location, protocol: Protocol) -> TimestampFormat {
        let explicit = match &self.ty {
            TypeRef::Timestamp(format) => *format,
            TypeRef::List { member, .. } => match member.as_ref() {
                TypeRef::Timestamp(format) => *format,
                _ => None,
            },
            _ => None,
        };
        explicit.unwrap_or(match location {
            Location::Header => TimestampFormat::HttpDate,
            Location::Label | Location::Query => TimestampFormat::DateTime,
            Location::Body => protocol.body_timestamp_format(),
        })
    }
}

/// Where a value travels in an HTTP message, for its default timestamp format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Header,
    Label,
    Query,
    Body,
}

pub use defaults::DefaultValue;

/// An `@xmlNamespace`: a default namespace (`xmlns="uri"`) or a prefixed one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlNamespace {
    pub prefix: Option<String>,
    pub uri: String,
}

/// The XML element of a value: its name and the namespace it declares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlName {
    pub name: String,
    pub namespace: Option<XmlNamespace>,
}

impl XmlName {
    /// An element without a namespace.
    pub fn plain(name: &str) -> Self {
        XmlName {
            name: name.to_owned(),
            namespace: None,
        }
    }
}

/// The element names inside a collection (from `@xmlName` and `@xmlNamespace` on the list's
/// member or the map's key and value): `member`, `key` and `value` by default. In awsQuery
/// requests they name the query keys (`List.member.1`, `Map.entry.1.key`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CollectionNames {
    /// A list's items.
    pub member: XmlName,
    /// A map entry's key.
    pub key: XmlName,
    /// A map entry's value.
    pub value: XmlName,
}

impl Default for CollectionNames {
    fn default() -> Self {
        CollectionNames {
            member: XmlName::plain("member"),
            key: XmlName::plain("key"),
            value: XmlName::plain("value"),
        }
    }
}

/// How a structure member appears in XML and in query requests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlMember {
    /// The element (or attribute) name: `@xmlName`, else the member name.
    pub name: String,
    /// The name comes from `@xmlName` (a payload's root element is named by the member only
    /// then, by its target otherwise).
    pub renamed: bool,
    /// `@xmlNamespace` of the member.
    pub namespace: Option<XmlNamespace>,
    /// `@xmlAttribute`: an attribute of the structure's element.
    pub attribute: bool,
    /// `@xmlFlattened`: a list's items (a map's entries) repeat the member's element directly.
    pub flattened: bool,
    /// The member's key in a query request: the XML name under awsQuery; under ec2Query
    /// `@ec2QueryName`, else the XML name capitalized.
    pub query_name: String,
}

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
    /// The member's key in a JSON body (see [`Field::json_name`]).
    pub json_name: String,
    /// The member's element in XML (see [`Field::xml`]).
    pub xml: XmlMember,
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
        /// XML names of the items (`names.member`).
        names: Box<CollectionNames>,
    },
    /// A map with string keys (enum keys are kept as their wire strings).
    Map {
        value: Box<TypeRef>,
        sparse: bool,
        /// XML names of the entries' key and value (`names.key`, `names.value`).
        names: Box<CollectionNames>,
    },
    /// A structure, union or enum emitted as its own type.
    Named(ShapeId),
}
