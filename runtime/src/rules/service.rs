//! A service's rule set as generated crates embed it: JSON text, parsed on first use.

use std::sync::OnceLock;

use super::{Endpoint, Params, Partitions, ResolveError, RuleSet, RuleSetError};

/// A service's endpoint rules as a generated crate holds them in a `static`: the rule set's
/// JSON (checked when the crate was generated) and, optionally, partition data to use instead
/// of [`Partitions::bundled`]; both are parsed on first use.
pub struct ServiceRules {
    rule_set_json: &'static str,
    partitions_json: Option<&'static str>,
    rule_set: OnceLock<Result<RuleSet, RuleSetError>>,
    partitions: OnceLock<Result<Partitions, String>>,
}

impl std::fmt::Debug for ServiceRules {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ServiceRules")
            .field("rule_set_bytes", &self.rule_set_json.len())
            .field("own_partitions", &self.partitions_json.is_some())
            .finish()
    }
}

impl ServiceRules {
    /// Rules from `rule_set_json`, with `partitions_json` or else the bundled partitions.
    pub const fn new(rule_set_json: &'static str, partitions_json: Option<&'static str>) -> Self {
        ServiceRules {
            rule_set_json,
            partitions_json,
            rule_set: OnceLock::new(),
            partitions: OnceLock::new(),
        }
    }

    /// The parsed rule set.
    pub fn rule_set(&self) -> Result<&RuleSet, &RuleSetError> {
        self.rule_set
            .get_or_init(|| RuleSet::from_json(self.rule_set_json))
            .as_ref()
    }

    /// The partition data `aws.partition` uses.
    pub fn partitions(&self) -> Result<&Partitions, &str> {
        match self.partitions_json {
            None => Ok(Partitions::bundled()),
            Some(json) => self
                .partitions
                .get_or_init(|| Partitions::from_json(json))
                .as_ref()
                .map_err(String::as_str),
        }
    }

    /// Resolves the endpoint for `params`.
    pub fn resolve(&self, params: &Params) -> Result<Endpoint, ResolveError> {
        let rule_set = self
            .rule_set()
            .map_err(|e| ResolveError::Invalid(format!("the service's rule set: {e}")))?;
        let partitions = self
            .partitions()
            .map_err(|e| ResolveError::Invalid(e.to_owned()))?;
        rule_set.resolve(params, partitions)
    }
}
