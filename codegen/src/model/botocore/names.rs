//! The Smithy names a botocore service gets: its namespace, its service shape's name, and new
//! names for the few shapes that share a name with an operation (botocore keeps operations and
//! shapes apart; Smithy puts both in one namespace).

use std::collections::BTreeMap;

use super::fields::{self, Object};
use super::shown;
use crate::model::is_identifier;
use crate::{Error, Result};

pub(in crate::model::botocore) struct Names {
    /// `com.amazonaws.gamelift`.
    pub namespace: String,
    /// `GameLift`: what awsJson sends in `X-Amz-Target` and rpcv2Cbor in its path.
    pub service: String,
    /// Botocore shape name → Smithy shape name, for the shapes that cannot keep theirs.
    renamed: BTreeMap<String, String>,
}

impl Names {
    pub fn choose(metadata: &Object, operations: &Object, shapes: &Object) -> Result<Self> {
        for name in operations.keys().chain(shapes.keys()) {
            if !is_identifier(name) {
                return Err(Error::shape(
                    shown(name),
                    "the name is not a Smithy identifier ([A-Za-z_][A-Za-z0-9_]*)",
                ));
            }
        }
        let service_id = fields::required_string(metadata, "serviceId")
            .map_err(|e| Error::new(format!("metadata: {}", e.message())))?;
        let target_prefix = fields::string(metadata, "targetPrefix")
            .map_err(|e| Error::new(format!("metadata: {}", e.message())))?;
        // The Smithy models name the service shape after the awsJson target prefix (the
        // protocol sends `<service name>.<operation>`); of a dotted prefix such as CloudTrail's
        // `com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101` they keep the last part
        // (`com.amazonaws.cloudtrail#CloudTrail_20131101`).
        let namespace = format!("com.amazonaws.{}", namespace_segment(service_id));
        let service = target_prefix
            .map(|p| p.rsplit('.').next().unwrap_or(p))
            .filter(|p| is_identifier(p))
            .map_or_else(|| identifier_from(service_id), str::to_owned);
        let taken = |name: &str| operations.contains_key(name) || shapes.contains_key(name);
        let mut renamed = BTreeMap::new();
        for name in shapes.keys().filter(|name| operations.contains_key(*name)) {
            // Smithy's own models use the `Shape` suffix for these (Pinpoint's
            // `CreateRecommenderConfigurationShape`).
            let mut new_name = format!("{name}Shape");
            while taken(&new_name) {
                new_name.push('_');
            }
            renamed.insert(name.clone(), new_name);
        }
        let mut service = service;
        while taken(&service) || renamed.values().any(|n| n == &service) {
            service.push_str("Service");
        }
        Ok(Self {
            namespace,
            service,
            renamed,
        })
    }

    /// The Smithy name of botocore shape `name`.
    pub fn shape<'a>(&'a self, name: &'a str) -> &'a str {
        self.renamed.get(name).map_or(name, String::as_str)
    }
}

/// `Cognito Identity` → `cognitoidentity`, as the Smithy models spell their namespaces.
fn namespace_segment(service_id: &str) -> String {
    let segment: String = service_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if is_identifier(&segment) {
        segment
    } else {
        format!("service{segment}")
    }
}

/// `API Gateway` → `APIGateway`: a service shape name when there is no target prefix.
fn identifier_from(service_id: &str) -> String {
    let name: String = service_id
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .collect();
    if is_identifier(&name) {
        name
    } else {
        format!("Service{name}")
    }
}
