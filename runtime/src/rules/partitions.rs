//! AWS partition data (`partitions.json`) and `aws.partition`'s lookup: a region listed by a
//! partition, else the first partition whose `regionRegex` matches, else the `aws` partition.
//!
//! The data is an input like the models: [`Partitions::bundled`] is the copy in
//! `runtime/data/partitions.json` (see `runtime/data/README.md`), and
//! [`Partitions::from_json`] reads another (an older one for old endpoint tests, a newer one for
//! a new region).

use std::sync::OnceLock;

use crate::Document;

/// What `aws.partition` returns for a region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartitionInfo {
    /// The partition's name (`aws`, `aws-cn`…).
    pub name: String,
    /// Its DNS suffix (`amazonaws.com`).
    pub dns_suffix: String,
    /// Its dual-stack DNS suffix (`api.aws`).
    pub dual_stack_dns_suffix: String,
    /// Whether it has FIPS endpoints.
    pub supports_fips: bool,
    /// Whether it has dual-stack endpoints.
    pub supports_dual_stack: bool,
    /// The region of its global endpoints (`us-east-1`).
    pub implicit_global_region: String,
}

struct Partition {
    id: String,
    region_regex: Option<regex_lite::Regex>,
    outputs: PartitionInfo,
    /// Listed regions with the outputs they override applied.
    regions: Vec<(String, PartitionInfo)>,
}

/// A set of AWS partitions.
pub struct Partitions {
    partitions: Vec<Partition>,
}

impl std::fmt::Debug for Partitions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let ids: Vec<&str> = self.partitions.iter().map(|p| p.id.as_str()).collect();
        f.debug_struct("Partitions").field("ids", &ids).finish()
    }
}

/// The partition data this runtime was built with.
const BUNDLED: &str = include_str!("../../data/partitions.json");

impl Partitions {
    /// The partition data bundled with the runtime (`runtime/data/partitions.json`).
    pub fn bundled() -> &'static Partitions {
        static BUNDLED_PARTITIONS: OnceLock<Partitions> = OnceLock::new();
        BUNDLED_PARTITIONS.get_or_init(|| {
            // Checked by the runtime's tests: the bundled file always parses.
            Partitions::from_json(BUNDLED).unwrap_or(Partitions {
                partitions: Vec::new(),
            })
        })
    }

    /// Reads partition data in the format of Smithy's `partitions.json`.
    pub fn from_json(json: &str) -> Result<Partitions, String> {
        let doc: Document =
            crate::from_slice(json.as_bytes()).map_err(|e| format!("partitions: {e}"))?;
        let list = doc
            .as_object()
            .and_then(|o| o.get("partitions"))
            .and_then(Document::as_array)
            .ok_or("partitions: no `partitions` array")?;
        let mut partitions = Vec::with_capacity(list.len());
        for entry in list {
            partitions.push(partition(entry)?);
        }
        Ok(Partitions { partitions })
    }

    /// The partition of `region`.
    pub fn lookup(&self, region: &str) -> Option<&PartitionInfo> {
        for partition in &self.partitions {
            if let Some((_, info)) = partition.regions.iter().find(|(r, _)| r == region) {
                return Some(info);
            }
        }
        let matched = self.partitions.iter().find(|p| {
            p.region_regex
                .as_ref()
                .is_some_and(|regex| regex.is_match(region))
        });
        matched
            .or_else(|| self.partitions.iter().find(|p| p.id == "aws"))
            .map(|p| &p.outputs)
    }
}

fn partition(entry: &Document) -> Result<Partition, String> {
    let object = entry
        .as_object()
        .ok_or("partitions: an entry is not an object")?;
    let id = object
        .get("id")
        .and_then(Document::as_str)
        .ok_or("partitions: an entry has no `id`")?
        .to_owned();
    let region_regex = match object.get("regionRegex").and_then(Document::as_str) {
        Some(pattern) => Some(
            regex_lite::Regex::new(pattern)
                .map_err(|e| format!("partitions: `{id}` has an invalid regionRegex: {e}"))?,
        ),
        None => None,
    };
    let empty = Document::Object(Default::default());
    let base = PartitionInfo {
        name: id.clone(),
        dns_suffix: String::new(),
        dual_stack_dns_suffix: String::new(),
        supports_fips: false,
        supports_dual_stack: false,
        implicit_global_region: String::new(),
    };
    let outputs = apply(base, object.get("outputs").unwrap_or(&empty));
    let regions = match object.get("regions").and_then(Document::as_object) {
        Some(regions) => regions
            .iter()
            .map(|(name, overrides)| (name.clone(), apply(outputs.clone(), overrides)))
            .collect(),
        None => Vec::new(),
    };
    Ok(Partition {
        id,
        region_regex,
        outputs,
        regions,
    })
}

/// `info` with the outputs `overrides` sets.
fn apply(mut info: PartitionInfo, overrides: &Document) -> PartitionInfo {
    let Some(object) = overrides.as_object() else {
        return info;
    };
    let text = |key: &str| {
        object
            .get(key)
            .and_then(Document::as_str)
            .map(str::to_owned)
    };
    let flag = |key: &str| object.get(key).and_then(Document::as_bool);
    if let Some(v) = text("name") {
        info.name = v;
    }
    if let Some(v) = text("dnsSuffix") {
        info.dns_suffix = v;
    }
    if let Some(v) = text("dualStackDnsSuffix") {
        info.dual_stack_dns_suffix = v;
    }
    if let Some(v) = flag("supportsFIPS") {
        info.supports_fips = v;
    }
    if let Some(v) = flag("supportsDualStack") {
        info.supports_dual_stack = v;
    }
    if let Some(v) = text("implicitGlobalRegion") {
        info.implicit_global_region = v;
    }
    info
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_data_finds_listed_matched_and_unknown_regions() {
        let p = Partitions::bundled();
        assert!(p.partitions.len() >= 7, "{p:?}");
        let listed = p.lookup("us-west-2").unwrap();
        assert_eq!(
            (listed.name.as_str(), listed.dns_suffix.as_str()),
            ("aws", "amazonaws.com")
        );
        assert_eq!(
            p.lookup("cn-north-1").unwrap().dns_suffix,
            "amazonaws.com.cn"
        );
        // Not listed, but matching a partition's pattern.
        assert_eq!(p.lookup("us-gov-future-9").unwrap().name, "aws-us-gov");
        // Unknown: the `aws` partition.
        assert_eq!(p.lookup("mars-east-1").unwrap().name, "aws");
        assert_eq!(p.lookup("").unwrap().name, "aws");
    }

    #[test]
    fn bad_data_is_an_error() {
        assert!(Partitions::from_json("{}").is_err());
        assert!(Partitions::from_json(r#"{"partitions":[{"id":"x","regionRegex":"("}]}"#).is_err());
        assert!(Partitions::from_json("not json").is_err());
    }
}
