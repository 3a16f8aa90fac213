//! Reading model files from disk, plain or gzipped (the botocore wheel ships
//! `service-2.json.gz`), and a botocore service's sibling files.

use std::io::Read;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::{Error, Result};

pub(in crate::model::botocore) const PAGINATORS: &str = "paginators-1.json";
pub(in crate::model::botocore) const WAITERS: &str = "waiters-2.json";
pub(in crate::model::botocore) const ENDPOINT_RULES: &str = "endpoint-rule-set-1.json";

/// The files botocore keeps beside a `service-2.json`, parsed; each may be missing.
#[derive(Debug, Clone, Default)]
pub(crate) struct Siblings {
    pub paginators: Option<Value>,
    pub waiters: Option<Value>,
    pub endpoint_rules: Option<Value>,
}

impl Siblings {
    /// Reads `paginators-1.json`, `waiters-2.json` and `endpoint-rule-set-1.json` (or their
    /// `.gz`) from the directory of `service_file`. A missing file is `None`; an unreadable
    /// or invalid one is an error naming it.
    pub(crate) fn read_beside(service_file: &Path) -> Result<Siblings> {
        let read = |name: &str| -> Result<Option<Value>> {
            let Some(path) = Self::path_of(service_file, name) else {
                return Ok(None);
            };
            let text = read_model_file(&path)?;
            serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| Error::new(format!("invalid JSON: {e}")).with_file(&path))
        };
        Ok(Siblings {
            paginators: read(PAGINATORS)?,
            waiters: read(WAITERS)?,
            endpoint_rules: read(ENDPOINT_RULES)?,
        })
    }

    /// The sibling files that exist beside `service_file` (for `cargo:rerun-if-changed`).
    pub(crate) fn paths_beside(service_file: &Path) -> Vec<PathBuf> {
        [PAGINATORS, WAITERS, ENDPOINT_RULES]
            .iter()
            .filter_map(|name| Self::path_of(service_file, name))
            .collect()
    }

    /// `name` or `name.gz` beside `service_file`, whichever exists (plain first).
    fn path_of(service_file: &Path, name: &str) -> Option<PathBuf> {
        let plain = service_file.with_file_name(name);
        let gzipped = service_file.with_file_name(format!("{name}.gz"));
        [plain, gzipped].into_iter().find(|p| p.is_file())
    }
}

/// A model file's text; a name ending in `.gz` is gunzipped first.
pub(crate) fn read_model_file(path: &Path) -> Result<String> {
    let fail =
        |e: std::io::Error| Error::new(format!("cannot read the model: {e}")).with_file(path);
    let gzipped = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if !gzipped {
        return std::fs::read_to_string(path).map_err(fail);
    }
    let file = std::fs::File::open(path).map_err(fail)?;
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::io::BufReader::new(file))
        .read_to_string(&mut text)
        .map_err(fail)?;
    Ok(text)
}
