//! `sweep --endpoint-tests`: every `smithy.rules#endpointTests` case of a model evaluated by the
//! runtime's rules engine, the one generated clients use, without compiling anything: the
//! case's parameters, and each operation call's parameters bound as a generated client binds
//! them (built-ins, client parameters, static values, input members, JMESPath paths).

use serde_json::Value as Json;
use smithy_runtime::protocol_test::{endpoint_difference, ExpectedEndpoint};
use smithy_runtime::rules::{param_from_value, ParamType, ParamValue, Params, Partitions};
use smithy_runtime::Value;

use crate::ir::endpoints::{EndpointRules, EndpointTest, Expectation, OperationInput};
use crate::ir::Service;

/// How a model's cases went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    /// The first failures, as `case <i> (<documentation>): <difference>`.
    pub failures: Vec<String>,
}

/// Failures kept per model for the report.
const KEPT_FAILURES: usize = 3;

/// The one visible list of endpoint cases that need older partition data: models (by file name)
/// whose cases in the ISO partitions (`aws-iso`, `aws-iso-b`, `aws-iso-e`, `aws-iso-f`) were
/// written against partition data older than the 2025-09 file the shared models go with.
/// Their rules always build the host from `dualStackDnsSuffix`, which was then the plain
/// suffix (`c2s.ic.gov`, `sc2s.sgov.gov`, `cloud.adc-e.uk`, `csp.hci.ic.gov`) and is
/// `api.aws.ic.gov`, `api.aws.scloud`… in every file since. Those cases run against the
/// `--era-partitions` file (`models/partitions-iso-single-stack.json` has that data) and are
/// skipped, and counted as skipped, when none is given.
pub const ISO_DUAL_STACK_ERA: &[&str] = &[
    "application-signals",
    "backupsearch",
    "bcm-pricing-calculator",
    "billing",
    "dsql",
    "gameliftstreams",
    "invoicing",
    "iot-managed-integrations",
    "networkflowmonitor",
    "notifications",
    "notificationscontacts",
    "partnercentral-selling",
    "security-ir",
];

/// Whether the case of model `model` needs the older partition data: its region is in an ISO
/// partition.
fn needs_era_data(model: &str, case: &EndpointTest, partitions: &Partitions) -> bool {
    ISO_DUAL_STACK_ERA.contains(&model)
        && case.params.iter().any(|(name, value)| {
            name == "Region"
                && matches!(value, ParamValue::String(region)
                    if partitions.lookup(region).is_some_and(|p| p.name.starts_with("aws-iso")))
        })
}

/// Runs every case of `service`'s rules (from the model file `model`) against `partitions`, and
/// the cases listed in [`ISO_DUAL_STACK_ERA`] against `era_partitions` (skipped without it).
pub fn evaluate(
    model: &str,
    service: &Service,
    partitions: &Partitions,
    era_partitions: Option<&Partitions>,
) -> Tally {
    let mut tally = Tally::default();
    let Some(rules) = &service.endpoint else {
        return tally;
    };
    for (i, case) in rules.tests.iter().enumerate() {
        let partitions = match era_partitions {
            _ if !needs_era_data(model, case, partitions) => partitions,
            Some(era) => era,
            None => {
                tally.skipped += 1;
                continue;
            }
        };
        match run_case(service, rules, case, partitions) {
            Ok(()) => tally.passed += 1,
            Err(difference) => {
                tally.failed += 1;
                if tally.failures.len() < KEPT_FAILURES {
                    tally.failures.push(format!(
                        "case {i} ({}): {difference}",
                        case.documentation.as_deref().unwrap_or("undocumented")
                    ));
                }
            }
        }
    }
    tally
}

fn run_case(
    service: &Service,
    rules: &EndpointRules,
    case: &EndpointTest,
    partitions: &Partitions,
) -> Result<(), String> {
    if let Some(reason) = &case.unreadable {
        return Err(format!("the case cannot be read: {reason}"));
    }
    match &case.expect {
        Expectation::Error(message) => compare_all(
            service,
            rules,
            case,
            partitions,
            &ExpectedEndpoint::Error(message),
        ),
        Expectation::Endpoint {
            url,
            headers,
            properties,
        } => {
            let properties = properties.to_string();
            let values: Vec<Vec<&str>> = headers
                .iter()
                .map(|(_, vs)| vs.iter().map(String::as_str).collect())
                .collect();
            let headers: Vec<(&str, &[&str])> = headers
                .iter()
                .zip(&values)
                .map(|((name, _), vs)| (name.as_str(), vs.as_slice()))
                .collect();
            let expected = ExpectedEndpoint::Endpoint {
                url,
                headers: &headers,
                properties: &properties,
            };
            compare_all(service, rules, case, partitions, &expected)
        }
    }
}

fn compare_all(
    service: &Service,
    rules: &EndpointRules,
    case: &EndpointTest,
    partitions: &Partitions,
    expected: &ExpectedEndpoint<'_>,
) -> Result<(), String> {
    let mut params = Params::new();
    for (name, value) in &case.params {
        params.set(name, value.clone());
    }
    endpoint_difference(rules.rule_set.resolve(&params, partitions), expected)?;
    for call in &case.operation_inputs {
        let params = call_params(service, rules, call)?;
        endpoint_difference(rules.rule_set.resolve(&params, partitions), expected)
            .map_err(|e| format!("{}: {e}", call.operation))?;
    }
    Ok(())
}

/// The parameters a generated client binds for `call`: built-ins and client parameters from
/// its configuration, then the operation's static values, input members and paths.
fn call_params(
    service: &Service,
    rules: &EndpointRules,
    call: &OperationInput,
) -> Result<Params, String> {
    let mut params = Params::new();
    for param in rules.rule_set.parameters() {
        let from_built_in = param.built_in.as_deref().and_then(|b| {
            call.built_ins
                .iter()
                .find(|(name, _)| name == b)
                .map(|(_, v)| v)
        });
        let from_client = call
            .client_params
            .iter()
            .find(|(name, _)| *name == param.name)
            .map(|(_, v)| v);
        if let Some(value) = from_built_in.or(from_client) {
            params.set(&param.name, value.clone());
        }
    }
    let op = service
        .operations
        .iter()
        .find(|op| op.wire_name == call.operation)
        .ok_or_else(|| format!("operation {} is not in the service", call.operation))?;
    let bindings = &op.endpoint_params;
    for (name, value) in &bindings.statics {
        params.set(name, value.clone());
    }
    for member in &bindings.members {
        let Some(json) = call.input.get(&member.member) else {
            continue;
        };
        let value = match (member.param_type, json) {
            (ParamType::String, Json::String(s)) => ParamValue::String(s.clone()),
            (ParamType::Boolean, Json::Bool(b)) => ParamValue::Boolean(*b),
            (ParamType::StringArray, Json::Array(items)) => ParamValue::StringArray(
                items
                    .iter()
                    .filter_map(Json::as_str)
                    .map(str::to_owned)
                    .collect(),
            ),
            (_, other) => return Err(format!("input member `{}` is {other}", member.member)),
        };
        params.set(&member.param, value);
    }
    if !bindings.paths.is_empty() {
        let input = json_value(&call.input);
        for (name, path) in &bindings.paths {
            let expression = smithy_runtime::jmespath::Expression::parse(path)
                .map_err(|e| format!("the path `{path}` of `{name}`: {e}"))?;
            if let Ok(value) = expression.search(&input) {
                if let Some(value) = param_from_value(&value) {
                    params.set(name, value);
                }
            }
        }
    }
    Ok(params)
}

/// A case's JSON input as the generic value tree JMESPath reads.
fn json_value(json: &Json) -> Value {
    match json {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Boolean(*b),
        Json::Number(n) => match n.as_i64() {
            Some(i) => Value::Long(i),
            None => Value::Double(n.as_f64().unwrap_or_default()),
        },
        Json::String(s) => Value::String(s.clone()),
        Json::Array(items) => Value::List(items.iter().map(json_value).collect()),
        Json::Object(entries) => Value::Map(
            entries
                .iter()
                .map(|(k, v)| (k.clone(), json_value(v)))
                .collect(),
        ),
    }
}
