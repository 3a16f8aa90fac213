//! The Smithy endpoint rules engine: a service's `smithy.rules#endpointRuleSet` evaluated for a
//! set of parameters (region, FIPS, dual-stack, an endpoint override, values from the operation
//! input…) into the endpoint to call, or the rule set's own error.
//!
//! A rule set is parsed and checked once ([`RuleSet::from_json`]: unknown functions or
//! references, wrong argument types and bad templates are errors naming the rule's position),
//! then resolved as often as needed ([`RuleSet::resolve`]). Generated clients embed their rule
//! set's JSON and parse it on first use; the generator uses the same engine to check rule sets
//! and run the models' endpoint test cases, so there is one implementation to trust.
//!
//! Supported: rule-set versions 1.0 to 1.3; every standard function (`isSet`, `not`,
//! `booleanEquals`, `stringEquals`, `getAttr`, `substring`, `uriEncode`, `parseURL`,
//! `isValidHostLabel`, `ite`, `coalesce`, `split`) and the AWS ones (`aws.partition` over
//! [`Partitions`], `aws.parseArn`, `aws.isVirtualHostableS3Bucket`); templates with `{name}` and
//! `{name#path}`; endpoint headers and properties (`authSchemes` read by
//! [`Endpoint::auth_schemes`]).

mod ast;
mod context;
mod eval;
mod parse;
mod partitions;
mod service;
mod strings;
mod template;
mod types;

use std::collections::BTreeMap;
use std::fmt;

pub use ast::{ParamType, ParamValue, Parameter};
pub use context::param_from_value;
#[cfg(feature = "jmespath")]
pub use context::set_from_input;
pub use partitions::{PartitionInfo, Partitions};
pub use service::ServiceRules;

use crate::Document;

/// A parsed, checked endpoint rule set.
#[derive(Clone, Debug)]
pub struct RuleSet {
    version: String,
    params: Vec<Parameter>,
    /// Parameters first, then one slot per assigned variable.
    slots: usize,
    rules: Vec<ast::Rule>,
}

/// A rule set that cannot be used: where (`rules[2].conditions[0].argv[1]`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSetError {
    path: String,
    message: String,
}

impl RuleSetError {
    /// The position in the rule set, empty for the whole document.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for RuleSetError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            f.write_str(&self.message)
        } else {
            write!(f, "at {}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for RuleSetError {}

/// Why no endpoint was resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    /// An error rule matched: its message (`Invalid Configuration: Missing Region`).
    Rule(String),
    /// A required parameter has no value and no default.
    MissingParameter(String),
    /// A parameter was given a value of the wrong type.
    WrongType {
        /// The parameter.
        name: String,
        /// The type the rule set declares.
        expected: ParamType,
    },
    /// No rule matched (a rule set should end with a rule without conditions).
    NoRuleMatched,
    /// The rule set produced something unusable (an endpoint whose URL is unset).
    Invalid(String),
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::Rule(message) => f.write_str(message),
            ResolveError::MissingParameter(name) => {
                write!(f, "the endpoint parameter `{name}` is required and not set")
            }
            ResolveError::WrongType { name, expected } => {
                write!(
                    f,
                    "the endpoint parameter `{name}` must be a {}",
                    expected.name()
                )
            }
            ResolveError::NoRuleMatched => f.write_str("no endpoint rule matched the parameters"),
            ResolveError::Invalid(message) => write!(f, "invalid endpoint: {message}"),
        }
    }
}

impl std::error::Error for ResolveError {}

/// Parameter values for a resolution, by name. Names the rule set does not declare are ignored.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params {
    values: Vec<(String, ParamValue)>,
}

impl Params {
    /// No values.
    pub fn new() -> Self {
        Params::default()
    }

    /// Sets `name` (replacing an earlier value).
    pub fn set(&mut self, name: &str, value: impl Into<ParamValue>) -> &mut Self {
        let value = value.into();
        match self.values.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value,
            None => self.values.push((name.to_owned(), value)),
        }
        self
    }

    /// Sets `name` when `value` is `Some`.
    pub fn set_opt<V: Into<ParamValue>>(&mut self, name: &str, value: Option<V>) -> &mut Self {
        if let Some(value) = value {
            self.set(name, value);
        }
        self
    }

    /// The value of `name`, if set.
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }
}

/// A resolved endpoint.
#[derive(Clone, Debug, PartialEq)]
pub struct Endpoint {
    /// The URL (`https://gamelift.us-west-2.amazonaws.com`), possibly with a base path.
    pub url: String,
    /// Headers to send, by name, each with its values.
    pub headers: Vec<(String, Vec<String>)>,
    /// The endpoint's properties (`authSchemes`…).
    pub properties: BTreeMap<String, Document>,
}

/// One entry of an endpoint's `authSchemes` property: how to sign for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthScheme {
    /// `sigv4`, `sigv4a`, `sigv4-s3express`…
    pub name: String,
    /// The service name to sign with, when it differs from the model's.
    pub signing_name: Option<String>,
    /// The region to sign with (SigV4).
    pub signing_region: Option<String>,
    /// The regions to sign for (SigV4a).
    pub signing_region_set: Vec<String>,
    /// Whether to skip double URI-encoding of the path when signing (S3).
    pub disable_double_encoding: bool,
    /// Whether to skip path normalization when signing (S3).
    pub disable_normalize_path: bool,
}

impl Endpoint {
    /// The endpoint's `authSchemes`, in the order given (the first supported one applies).
    pub fn auth_schemes(&self) -> Vec<AuthScheme> {
        let Some(Document::Array(schemes)) = self.properties.get("authSchemes") else {
            return Vec::new();
        };
        schemes
            .iter()
            .filter_map(Document::as_object)
            .map(|scheme| {
                let text = |key: &str| {
                    scheme
                        .get(key)
                        .and_then(Document::as_str)
                        .map(str::to_owned)
                };
                let flag = |key: &str| scheme.get(key).and_then(Document::as_bool) == Some(true);
                AuthScheme {
                    name: text("name").unwrap_or_default(),
                    signing_name: text("signingName"),
                    signing_region: text("signingRegion"),
                    signing_region_set: scheme
                        .get("signingRegionSet")
                        .and_then(Document::as_array)
                        .map(|set| {
                            set.iter()
                                .filter_map(Document::as_str)
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default(),
                    disable_double_encoding: flag("disableDoubleEncoding"),
                    disable_normalize_path: flag("disableNormalizePath"),
                }
            })
            .collect()
    }
}

impl RuleSet {
    /// Parses and checks a rule set (the JSON value of `smithy.rules#endpointRuleSet`).
    pub fn from_json(json: &str) -> Result<RuleSet, RuleSetError> {
        let doc: Document = crate::from_slice(json.as_bytes()).map_err(|e| RuleSetError {
            path: String::new(),
            message: format!("the rule set is not JSON: {e}"),
        })?;
        Self::from_document(&doc)
    }

    /// Parses and checks a rule set already read as a document.
    pub fn from_document(doc: &Document) -> Result<RuleSet, RuleSetError> {
        parse::parse_rule_set(doc)
    }

    /// The rule-set version (`1.0`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The parameters, in the rule set's order.
    pub fn parameters(&self) -> &[Parameter] {
        &self.params
    }

    /// Resolves the endpoint for `params`, with `partitions` for `aws.partition`.
    pub fn resolve(
        &self,
        params: &Params,
        partitions: &Partitions,
    ) -> Result<Endpoint, ResolveError> {
        // Borrowed: the evaluator's strings point into `params` and the defaults.
        let mut values: Vec<Option<&ParamValue>> = Vec::with_capacity(self.params.len());
        for param in &self.params {
            let value = match params.get(&param.name) {
                Some(value) if value.param_type() != param.param_type => {
                    return Err(ResolveError::WrongType {
                        name: param.name.clone(),
                        expected: param.param_type,
                    })
                }
                Some(value) => Some(value),
                None => param.default.as_ref(),
            };
            if value.is_none() && param.required {
                return Err(ResolveError::MissingParameter(param.name.clone()));
            }
            values.push(value);
        }
        let mut evaluator = eval::Evaluator::new(self, &values, partitions);
        evaluator
            .rules(&self.rules)
            .unwrap_or(Err(ResolveError::NoRuleMatched))
    }
}

#[cfg(test)]
mod tests;
