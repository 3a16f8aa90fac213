//! A parsed rule set: names resolved to slots, functions to a closed set, templates and
//! `getAttr` paths split once, so evaluation does no string lookups.

/// The type of an endpoint parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParamType {
    /// `string`.
    String,
    /// `boolean`.
    Boolean,
    /// `stringArray`.
    StringArray,
}

impl ParamType {
    /// The name the rule set uses.
    pub fn name(self) -> &'static str {
        match self {
            ParamType::String => "string",
            ParamType::Boolean => "boolean",
            ParamType::StringArray => "stringArray",
        }
    }
}

/// A value of an endpoint parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamValue {
    /// A `string` parameter's value.
    String(String),
    /// A `boolean` parameter's value.
    Boolean(bool),
    /// A `stringArray` parameter's value.
    StringArray(Vec<String>),
}

impl ParamValue {
    /// The type of this value.
    pub fn param_type(&self) -> ParamType {
        match self {
            ParamValue::String(_) => ParamType::String,
            ParamValue::Boolean(_) => ParamType::Boolean,
            ParamValue::StringArray(_) => ParamType::StringArray,
        }
    }
}

impl From<&str> for ParamValue {
    fn from(value: &str) -> Self {
        ParamValue::String(value.to_owned())
    }
}

impl From<String> for ParamValue {
    fn from(value: String) -> Self {
        ParamValue::String(value)
    }
}

impl From<bool> for ParamValue {
    fn from(value: bool) -> Self {
        ParamValue::Boolean(value)
    }
}

impl From<Vec<String>> for ParamValue {
    fn from(value: Vec<String>) -> Self {
        ParamValue::StringArray(value)
    }
}

/// A parameter the rule set declares.
#[derive(Clone, Debug, PartialEq)]
pub struct Parameter {
    /// Its name (`Region`).
    pub name: String,
    /// Its type.
    pub param_type: ParamType,
    /// Whether resolution needs a value (from the caller or the default).
    pub required: bool,
    /// The value used when the caller gives none.
    pub default: Option<ParamValue>,
    /// The built-in it is bound to (`AWS::Region`, `SDK::Endpoint`…), if any.
    pub built_in: Option<String>,
    /// Its documentation.
    pub documentation: Option<String>,
    /// Whether it is deprecated.
    pub deprecated: bool,
}

/// A rule: conditions, then an endpoint, an error or more rules.
#[derive(Clone, Debug)]
pub(super) struct Rule {
    pub conditions: Vec<Condition>,
    pub kind: RuleKind,
}

#[derive(Clone, Debug)]
pub(super) enum RuleKind {
    Endpoint(EndpointSpec),
    Error(Expr),
    Tree(Vec<Rule>),
}

/// A function call whose result decides whether the rule goes on, stored in `assign`'s slot.
#[derive(Clone, Debug)]
pub(super) struct Condition {
    pub call: Call,
    pub assign: Option<usize>,
}

#[derive(Clone, Debug)]
pub(super) enum Expr {
    Str(Template),
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    Ref(usize),
    Call(Box<Call>),
}

#[derive(Clone, Debug)]
pub(super) struct Call {
    pub function: Function,
    pub args: Vec<Expr>,
}

/// Every function the engine knows. `getAttr`'s path is a literal, split at parse time.
#[derive(Clone, Debug)]
pub(super) enum Function {
    IsSet,
    Not,
    BooleanEquals,
    StringEquals,
    GetAttr(Vec<PathPart>),
    Substring,
    UriEncode,
    ParseUrl,
    IsValidHostLabel,
    Ite,
    Coalesce,
    Split,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

/// One step of a `getAttr` path (`a.b[2]`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum PathPart {
    Key(String),
    Index(usize),
}

/// A string with `{name}` and `{name#path}` holes.
#[derive(Clone, Debug)]
pub(super) struct Template {
    pub parts: Vec<TemplatePart>,
}

#[derive(Clone, Debug)]
pub(super) enum TemplatePart {
    Literal(String),
    Value { slot: usize, path: Vec<PathPart> },
}

/// An endpoint rule's result before evaluation.
#[derive(Clone, Debug)]
pub(super) struct EndpointSpec {
    pub url: Expr,
    pub headers: Vec<(String, Vec<Expr>)>,
    pub properties: Vec<(String, Property)>,
}

/// An endpoint property: nested objects and arrays of strings (templates), booleans and
/// numbers.
#[derive(Clone, Debug)]
pub(super) enum Property {
    Str(Template),
    Bool(bool),
    Number(crate::Number),
    Array(Vec<Property>),
    Object(Vec<(String, Property)>),
}
