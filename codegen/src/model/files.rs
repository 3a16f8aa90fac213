//! Finding and reading model files: a path may be a file or a directory of model files.

use std::path::{Path, PathBuf};

use super::Source;
use crate::{Error, Result};

/// Reads every model file named by `paths`; a directory stands for the `.smithy` and `.json`
/// files under it (recursively, sorted by path, so the merge order is the same on every
/// machine).
pub fn read_sources(paths: &[PathBuf]) -> Result<Vec<Source>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect_model_files(path, &mut files)?;
        } else {
            files.push(path.clone());
        }
    }
    files
        .into_iter()
        .map(|path| {
            let text = read_text(&path)?;
            Ok(Source { path, text })
        })
        .collect()
}

/// A model file's text; invalid UTF-8 is an error naming the file. A `.gz` file (the botocore
/// wheel's `service-2.json.gz`) is gunzipped.
fn read_text(path: &Path) -> Result<String> {
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
    {
        return super::botocore::read_model_file(path);
    }
    let bytes = std::fs::read(path)
        .map_err(|e| Error::new(format!("cannot read the model: {e}")).with_file(path))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Error::new(format!("the model is not valid UTF-8 (byte offset {at})")).with_file(path)
    })
}

fn collect_model_files(dir: &Path, files: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Error::new(format!("cannot list the directory: {e}")).with_file(dir))?;
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry
            .map_err(|e| Error::new(format!("cannot list the directory: {e}")).with_file(dir))?;
        found.push(entry.path());
    }
    found.sort();
    for path in found {
        if path.is_dir() {
            collect_model_files(&path, files)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("smithy" | "json")
        ) {
            files.push(path);
        }
    }
    Ok(())
}
