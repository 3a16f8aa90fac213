//! Endpoint rules in the IR: the service's `smithy.rules#endpointRuleSet` (parsed and checked by
//! the runtime's engine, the one generated clients use), its `@clientContextParams`, each
//! operation's `@staticContextParams`, `@contextParam` members and `@operationContextParams`
//! paths, and, when requested, the `smithy.rules#endpointTests` cases.

use serde_json::Value as Json;
use smithy_runtime::rules::{ParamType, ParamValue, RuleSet};

use super::{Service, TypeKind, TypeRef};
use crate::model::{Model, Shape};
use crate::{Error, Result};

pub const ENDPOINT_RULE_SET: &str = "smithy.rules#endpointRuleSet";
pub const ENDPOINT_TESTS: &str = "smithy.rules#endpointTests";
pub const CLIENT_CONTEXT_PARAMS: &str = "smithy.rules#clientContextParams";
pub const STATIC_CONTEXT_PARAMS: &str = "smithy.rules#staticContextParams";
pub const CONTEXT_PARAM: &str = "smithy.rules#contextParam";
pub const OPERATION_CONTEXT_PARAMS: &str = "smithy.rules#operationContextParams";

/// A service's endpoint rules.
#[derive(Debug, Clone)]
pub struct EndpointRules {
    /// The rule set as compact JSON, embedded in generated crates.
    pub json: String,
    /// The rule set, parsed and checked.
    pub rule_set: RuleSet,
    /// `@clientContextParams`: parameters a client sets in its configuration.
    pub client_params: Vec<ClientParam>,
    /// The `endpointTests` cases, when requested.
    pub tests: Vec<EndpointTest>,
    /// Partition data to embed instead of the runtime's bundled copy (JSON), when given.
    pub partitions: Option<String>,
}

/// A parameter set from client configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientParam {
    pub name: String,
    pub param_type: ParamType,
    pub docs: Option<String>,
}

/// How an operation binds endpoint parameters.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OperationParams {
    /// `@staticContextParams`: fixed values.
    pub statics: Vec<(String, ParamValue)>,
    /// `@contextParam` input members.
    pub members: Vec<ContextMember>,
    /// `@operationContextParams`: JMESPath expressions over the input.
    pub paths: Vec<(String, String)>,
}

impl OperationParams {
    pub fn is_empty(&self) -> bool {
        self.statics.is_empty() && self.members.is_empty() && self.paths.is_empty()
    }
}

/// An input member bound to an endpoint parameter.
#[derive(Debug, Clone, PartialEq)]
pub struct ContextMember {
    pub param: String,
    /// The member's name in the model.
    pub member: String,
    /// Its Rust field.
    pub field: String,
    pub optional: bool,
    pub param_type: ParamType,
}

/// One `endpointTests` case.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointTest {
    pub documentation: Option<String>,
    /// The parameter values to resolve with.
    pub params: Vec<(String, ParamValue)>,
    /// Operation calls whose configuration and input bind the same parameters.
    pub operation_inputs: Vec<OperationInput>,
    pub expect: Expectation,
    /// Why the case cannot be run as written (a parameter the rule set does not declare…),
    /// if it cannot.
    pub unreadable: Option<String>,
}

/// An operation call of an endpoint test.
#[derive(Debug, Clone, PartialEq)]
pub struct OperationInput {
    /// The operation's name.
    pub operation: String,
    /// The input, as the case writes it (member names to values).
    pub input: Json,
    /// Built-in values by built-in name (`AWS::Region`).
    pub built_ins: Vec<(String, ParamValue)>,
    /// Client context parameters by name.
    pub client_params: Vec<(String, ParamValue)>,
}

/// What an endpoint test expects.
#[derive(Debug, Clone, PartialEq)]
pub enum Expectation {
    Endpoint {
        url: String,
        headers: Vec<(String, Vec<String>)>,
        properties: Json,
    },
    Error(String),
}

/// The service's endpoint rules, or `None` when it has none.
pub fn read(service: &Shape, with_tests: bool) -> Result<Option<EndpointRules>> {
    let Some(rules) = service.traits.get(ENDPOINT_RULE_SET) else {
        return Ok(None);
    };
    let rule_set = RuleSet::from_json(&rules.to_string())
        .map_err(|e| Error::new(format!("endpoint rule set: {e}")))?;
    // Generated crates embed what the engine reads: documentation stays in the model (and in
    // the `endpoint` module's docs).
    let mut embedded = rules.clone();
    strip_documentation(&mut embedded);
    let json = embedded.to_string();
    let client_params = client_params(service, &rule_set)?;
    let tests = if with_tests {
        tests(service, &rule_set, &client_params)?
    } else {
        Vec::new()
    };
    Ok(Some(EndpointRules {
        json,
        rule_set,
        client_params,
        tests,
        partitions: None,
    }))
}

/// Removes the `documentation` of the rule set's parameters, rules and conditions (not of
/// endpoint properties, whose keys are the service's own).
fn strip_documentation(rule_set: &mut Json) {
    if let Some(Json::Object(params)) = rule_set.get_mut("parameters") {
        for param in params.values_mut().filter_map(Json::as_object_mut) {
            param.remove("documentation");
        }
    }
    if let Some(Json::Array(rules)) = rule_set.get_mut("rules") {
        rules.iter_mut().for_each(strip_rule_documentation);
    }
}

fn strip_rule_documentation(rule: &mut Json) {
    let Some(rule) = rule.as_object_mut() else {
        return;
    };
    rule.remove("documentation");
    if let Some(Json::Array(conditions)) = rule.get_mut("conditions") {
        for condition in conditions.iter_mut().filter_map(Json::as_object_mut) {
            condition.remove("documentation");
        }
    }
    if let Some(Json::Array(rules)) = rule.get_mut("rules") {
        rules.iter_mut().for_each(strip_rule_documentation);
    }
}

fn param_type(rules: &RuleSet, name: &str) -> Option<ParamType> {
    rules
        .parameters()
        .iter()
        .find(|p| p.name == name)
        .map(|p| p.param_type)
}

fn client_params(service: &Shape, rules: &RuleSet) -> Result<Vec<ClientParam>> {
    let Some(Json::Object(params)) = service.traits.get(CLIENT_CONTEXT_PARAMS) else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (name, definition) in params {
        let declared = definition.get("type").and_then(Json::as_str).and_then(|t| {
            match t.to_ascii_lowercase().as_str() {
                "string" => Some(ParamType::String),
                "boolean" => Some(ParamType::Boolean),
                "stringarray" => Some(ParamType::StringArray),
                _ => None,
            }
        });
        let Some(declared) = declared else {
            return Err(Error::new(format!(
                "@clientContextParams `{name}` has no valid `type`"
            )));
        };
        // A client parameter the rules do not use is harmless: it is not generated.
        match param_type(rules, name) {
            Some(ty) if ty != declared => {
                return Err(Error::new(format!(
                    "@clientContextParams `{name}` is a {}, the rule set's parameter a {}",
                    declared.name(),
                    ty.name()
                )))
            }
            Some(_) => out.push(ClientParam {
                name: name.clone(),
                param_type: declared,
                docs: definition
                    .get("documentation")
                    .and_then(Json::as_str)
                    .map(str::to_owned),
            }),
            None => {}
        }
    }
    Ok(out)
}

/// A JSON value as a value of the rule-set parameter `name`.
fn param_value(rules: &RuleSet, name: &str, value: &Json) -> Result<ParamValue> {
    let ty = param_type(rules, name).ok_or_else(|| {
        Error::new(format!(
            "`{name}` is not a parameter of the endpoint rule set"
        ))
    })?;
    json_param(value, ty).ok_or_else(|| {
        Error::new(format!(
            "the value {value} of endpoint parameter `{name}` is not a {}",
            ty.name()
        ))
    })
}

fn json_param(value: &Json, ty: ParamType) -> Option<ParamValue> {
    match (ty, value) {
        (ParamType::String, Json::String(s)) => Some(ParamValue::String(s.clone())),
        (ParamType::Boolean, Json::Bool(b)) => Some(ParamValue::Boolean(*b)),
        (ParamType::StringArray, Json::Array(items)) => items
            .iter()
            .map(|i| i.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .map(ParamValue::StringArray),
        _ => None,
    }
}

/// The parameter bindings of `op` (whose input structure is `input`, if any).
pub fn operation_params(
    model: &Model,
    service: &Service,
    rules: &RuleSet,
    op: &Shape,
) -> Result<OperationParams> {
    let mut params = OperationParams::default();
    if let Some(Json::Object(statics)) = op.traits.get(STATIC_CONTEXT_PARAMS) {
        for (name, definition) in statics {
            let value = definition.get("value").unwrap_or(&Json::Null);
            params
                .statics
                .push((name.clone(), param_value(rules, name, value)?));
        }
    }
    if let Some(Json::Object(paths)) = op.traits.get(OPERATION_CONTEXT_PARAMS) {
        for (name, definition) in paths {
            let Some(path) = definition.get("path").and_then(Json::as_str) else {
                return Err(Error::new(format!(
                    "@operationContextParams `{name}` has no `path`"
                )));
            };
            if param_type(rules, name).is_none() {
                return Err(Error::new(format!(
                    "@operationContextParams `{name}` is not a parameter of the endpoint rule set"
                )));
            }
            params.paths.push((name.clone(), path.to_owned()));
        }
    }
    let input = op
        .bindings
        .input
        .as_ref()
        .and_then(|id| model.shape(id).map(|shape| (id, shape)));
    if let Some((id, shape)) = input {
        let fields = match service.types.get(id).map(|def| &def.kind) {
            Some(TypeKind::Struct(s)) => &s.fields[..],
            _ => &[],
        };
        for member in &shape.members {
            let Some(binding) = member.traits.get(CONTEXT_PARAM) else {
                continue;
            };
            let Some(name) = binding.get("name").and_then(Json::as_str) else {
                return Err(Error::new(format!(
                    "@contextParam on `{}` has no `name`",
                    member.name
                )));
            };
            let ty = param_type(rules, name).ok_or_else(|| {
                Error::new(format!(
                    "@contextParam on `{}` names `{name}`, not a parameter of the endpoint rule set",
                    member.name
                ))
            })?;
            let Some(field) = fields.iter().find(|f| f.member_name == member.name) else {
                continue;
            };
            let fits = matches!(
                (ty, &field.ty),
                (ParamType::String, TypeRef::String)
                    | (ParamType::Boolean, TypeRef::Boolean)
                    | (ParamType::StringArray, TypeRef::List { .. })
            ) || (ty == ParamType::String && is_string_enum(service, &field.ty));
            if !fits {
                return Err(Error::new(format!(
                    "@contextParam on `{}` binds it to `{name}`, a {} parameter",
                    member.name,
                    ty.name()
                )));
            }
            params.members.push(ContextMember {
                param: name.to_owned(),
                member: member.name.clone(),
                field: field.rust_name.clone(),
                optional: field.optional,
                param_type: ty,
            });
        }
    }
    Ok(params)
}

fn is_string_enum(service: &Service, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id)
        if matches!(service.types.get(id).map(|d| &d.kind), Some(TypeKind::Enum(_))))
}

fn tests(
    service: &Shape,
    rules: &RuleSet,
    client_params: &[ClientParam],
) -> Result<Vec<EndpointTest>> {
    let Some(cases) = service
        .traits
        .get(ENDPOINT_TESTS)
        .and_then(|t| t.get("testCases"))
        .and_then(Json::as_array)
    else {
        return Ok(Vec::new());
    };
    // A case that cannot be read is kept, with the reason, so that it counts as failed rather
    // than stopping the generation of a service whose rules are fine.
    Ok(cases
        .iter()
        .map(|case| {
            test(case, rules, client_params).unwrap_or_else(|e| EndpointTest {
                documentation: case
                    .get("documentation")
                    .and_then(Json::as_str)
                    .map(str::to_owned),
                params: Vec::new(),
                operation_inputs: Vec::new(),
                expect: Expectation::Error(String::new()),
                unreadable: Some(e.message().to_owned()),
            })
        })
        .collect())
}

fn test(case: &Json, rules: &RuleSet, client_context: &[ClientParam]) -> Result<EndpointTest> {
    let params = match case.get("params") {
        Some(Json::Object(values)) => values
            .iter()
            .map(|(name, value)| Ok((name.clone(), param_value(rules, name, value)?)))
            .collect::<Result<Vec<_>>>()?,
        _ => Vec::new(),
    };
    let mut operation_inputs = Vec::new();
    for input in case
        .get("operationInputs")
        .and_then(Json::as_array)
        .map_or(&[][..], Vec::as_slice)
    {
        let Some(operation) = input.get("operationName").and_then(Json::as_str) else {
            return Err(Error::new("an operation input has no `operationName`"));
        };
        let built_ins = match input.get("builtInParams") {
            Some(Json::Object(values)) => values
                .iter()
                .map(|(name, value)| {
                    let value = match value {
                        Json::String(s) => ParamValue::String(s.clone()),
                        Json::Bool(b) => ParamValue::Boolean(*b),
                        other => json_param(other, ParamType::StringArray).ok_or_else(|| {
                            Error::new(format!("built-in `{name}` has the value {other}"))
                        })?,
                    };
                    Ok((name.clone(), value))
                })
                .collect::<Result<Vec<_>>>()?,
            _ => Vec::new(),
        };
        let client_params = match input.get("clientParams") {
            Some(Json::Object(values)) => values
                .iter()
                .map(|(name, value)| Ok((name.clone(), param_value(rules, name, value)?)))
                .collect::<Result<Vec<_>>>()?,
            // A call without `clientParams` runs on a client configured with the case's
            // `params` for the client context parameters (as Smithy's own `ite` case expects:
            // `params: { useFips: true }` with a bare `operationInputs` entry). The params are
            // the values the resolution must see, so this cannot contradict the case.
            _ => params
                .iter()
                .filter(|(name, _)| client_context.iter().any(|p| p.name == *name))
                .cloned()
                .collect(),
        };
        operation_inputs.push(OperationInput {
            operation: operation.to_owned(),
            input: input.get("operationParams").cloned().unwrap_or(Json::Null),
            built_ins,
            client_params,
        });
    }
    let expect = case
        .get("expect")
        .ok_or_else(|| Error::new("a case has no `expect`"))?;
    let expect = if let Some(error) = expect.get("error") {
        Expectation::Error(error.as_str().unwrap_or_default().to_owned())
    } else if let Some(endpoint) = expect.get("endpoint") {
        let headers = match endpoint.get("headers") {
            Some(Json::Object(headers)) => headers
                .iter()
                .map(|(name, values)| {
                    let values = values
                        .as_array()
                        .map(|vs| {
                            vs.iter()
                                .filter_map(Json::as_str)
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default();
                    (name.clone(), values)
                })
                .collect(),
            _ => Vec::new(),
        };
        Expectation::Endpoint {
            url: endpoint
                .get("url")
                .and_then(Json::as_str)
                .unwrap_or_default()
                .to_owned(),
            headers,
            properties: endpoint
                .get("properties")
                .cloned()
                .unwrap_or(Json::Object(Default::default())),
        }
    } else {
        return Err(Error::new("`expect` has neither `endpoint` nor `error`"));
    };
    Ok(EndpointTest {
        unreadable: None,
        documentation: case
            .get("documentation")
            .and_then(Json::as_str)
            .map(str::to_owned),
        params,
        operation_inputs,
        expect,
    })
}
