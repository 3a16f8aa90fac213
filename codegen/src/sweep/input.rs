//! Where a sweep's models come from: a directory of `.json` files, one `.json`
//! file, (with the `cli` feature) a `.tar`, `.tar.gz` or `.tgz` archive of them, or a botocore
//! `data/` directory (`<service>/<api-version>/service-2.json`, or `.json.gz` as the wheel
//! ships it; the newest api-version of each service).

use std::path::{Path, PathBuf};

use crate::{Error, Result};

/// One model of a sweep, held in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSource {
    /// The file name without `.json` (`sts`): the report's and the crate's name.
    pub name: String,
    /// The Smithy JSON AST text, or a botocore service description.
    pub text: String,
    /// The file the text was read from, when the loader needs it: a botocore service's
    /// paginators, waiters and endpoint rules are read beside it.
    pub origin: Option<PathBuf>,
}

/// Reads every `*.json` model under `path` (a directory, searched recursively,
/// a tarball, or a single file), sorted by name so sweeps are deterministic.
pub fn read_models(path: &Path) -> Result<Vec<ModelSource>> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let io = |e: std::io::Error| Error::new(format!("cannot read {}: {e}", path.display()));
    let mut models = if path.is_dir() {
        let mut models = read_botocore_data(path).map_err(io)?;
        if models.is_empty() {
            read_dir(path, &mut models).map_err(io)?;
        }
        models
    } else if file_name.ends_with(".json") {
        let text = std::fs::read_to_string(path).map_err(io)?;
        vec![source(&file_name, text)]
    } else if is_archive(&file_name) {
        read_archive(path, &file_name)?
    } else if !path.exists() {
        return Err(Error::new(format!("{} does not exist", path.display())));
    } else {
        return Err(Error::new(format!(
            "{} is neither a directory, a .json model nor a .tar/.tar.gz/.tgz archive",
            path.display()
        )));
    };
    models.sort_by(|a, b| a.name.cmp(&b.name));
    if models.is_empty() {
        return Err(Error::new(format!(
            "{} holds no .json models",
            path.display()
        )));
    }
    Ok(models)
}

fn is_archive(file_name: &str) -> bool {
    [".tar", ".tar.gz", ".tgz"]
        .iter()
        .any(|ext| file_name.ends_with(ext))
}

fn source(file_name: &str, text: String) -> ModelSource {
    let name = file_name.strip_suffix(".json").unwrap_or(file_name);
    ModelSource {
        name: name.to_owned(),
        text,
        origin: None,
    }
}

/// The services of a botocore `data/` directory, named after their directories (`ec2`), each
/// from its newest api-version directory that holds a `service-2.json` or `service-2.json.gz`
/// (api-versions are dates, so the greatest name is the newest). Empty when `dir` is not one.
fn read_botocore_data(dir: &Path) -> std::io::Result<Vec<ModelSource>> {
    let mut models = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let service_dir = entry?.path();
        if !service_dir.is_dir() {
            continue;
        }
        let mut versions: Vec<PathBuf> = std::fs::read_dir(&service_dir)?
            .filter_map(|e| Some(e.ok()?.path()))
            .filter(|p| p.is_dir())
            .collect();
        versions.sort();
        let newest = versions.iter().rev().find_map(|version| {
            ["service-2.json", "service-2.json.gz"]
                .iter()
                .map(|name| version.join(name))
                .find(|p| p.is_file())
        });
        let Some(service_file) = newest else {
            continue;
        };
        let text = crate::model::botocore::read_model_file(&service_file)
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        models.push(ModelSource {
            name: service_dir
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned(),
            text,
            origin: Some(service_file),
        });
    }
    Ok(models)
}

fn read_dir(dir: &Path, models: &mut Vec<ModelSource>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            read_dir(&path, models)?;
        } else if path.extension().is_some_and(|e| e == "json") {
            let name = path.file_name().unwrap_or_default().to_string_lossy();
            models.push(source(&name, std::fs::read_to_string(&path)?));
        }
    }
    Ok(())
}

#[cfg(feature = "cli")]
fn read_archive(path: &Path, file_name: &str) -> Result<Vec<ModelSource>> {
    use std::io::Read;

    let fail = |e: std::io::Error| Error::new(format!("cannot read {}: {e}", path.display()));
    let file = std::fs::File::open(path).map_err(fail)?;
    let reader: Box<dyn Read> = if file_name.ends_with(".tar") {
        Box::new(std::io::BufReader::new(file))
    } else {
        Box::new(flate2::read::GzDecoder::new(std::io::BufReader::new(file)))
    };
    let mut archive = tar::Archive::new(reader);
    let mut models = Vec::new();
    for entry in archive.entries().map_err(fail)? {
        let mut entry = entry.map_err(fail)?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let entry_path = entry.path().map_err(fail)?.into_owned();
        let Some(name) = entry_path.file_name().map(|n| n.to_string_lossy()) else {
            continue;
        };
        // Skip macOS resource forks (`._x.json`) and other non-models.
        if !name.ends_with(".json") || name.starts_with("._") {
            continue;
        }
        let name = name.into_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text).map_err(|e| {
            Error::new(format!(
                "cannot read {} in {}: {e}",
                entry_path.display(),
                path.display()
            ))
        })?;
        models.push(source(&name, text));
    }
    Ok(models)
}

#[cfg(not(feature = "cli"))]
fn read_archive(path: &Path, _file_name: &str) -> Result<Vec<ModelSource>> {
    Err(Error::new(format!(
        "cannot read {}: archives need smithy-codegen's `cli` feature; unpack it and pass the directory",
        path.display()
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_directory_recursively_in_name_order() {
        let dir = std::env::temp_dir().join(format!("sweep-input-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("nested")).unwrap();
        std::fs::write(dir.join("b.json"), "{}").unwrap();
        std::fs::write(dir.join("nested/a.json"), "[]").unwrap();
        std::fs::write(dir.join("notes.txt"), "not a model").unwrap();
        let models = read_models(&dir).unwrap();
        let names: Vec<&str> = models.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        assert_eq!(models[0].text, "[]");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn reads_a_botocore_data_directory_newest_version_first() {
        use std::io::Write;
        let dir = std::env::temp_dir().join(format!("sweep-botocore-{}", std::process::id()));
        for version in [
            "svc/2019-01-01",
            "svc/2021-06-30",
            "svc/2022-01-01",
            "other/2020-01-01",
        ] {
            std::fs::create_dir_all(dir.join(version)).unwrap();
        }
        std::fs::write(dir.join("svc/2019-01-01/service-2.json"), "old").unwrap();
        // The wheel's form: gzipped. The newest directory has paginators only.
        let file = std::fs::File::create(dir.join("svc/2021-06-30/service-2.json.gz")).unwrap();
        let mut gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
        gz.write_all(b"new").unwrap();
        gz.finish().unwrap();
        std::fs::write(dir.join("svc/2022-01-01/paginators-1.json"), "{}").unwrap();
        std::fs::write(dir.join("other/2020-01-01/service-2.json"), "other").unwrap();
        std::fs::write(dir.join("other/2020-01-01/paginators-1.json"), "{}").unwrap();
        let models = read_models(&dir).unwrap();
        let found: Vec<(&str, &str)> = models
            .iter()
            .map(|m| (m.name.as_str(), m.text.as_str()))
            .collect();
        assert_eq!(found, [("other", "other"), ("svc", "new")]);
        assert_eq!(
            models[1].origin.as_deref(),
            Some(dir.join("svc/2021-06-30/service-2.json.gz").as_path())
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn missing_input_is_a_one_line_error() {
        let error = read_models(Path::new("/no/such/models.tar.gz")).unwrap_err();
        assert!(
            error.to_string().contains("/no/such/models.tar.gz"),
            "{error}"
        );
    }

    #[cfg(feature = "cli")]
    #[test]
    fn reads_a_gzipped_tarball() {
        let dir = std::env::temp_dir().join(format!("sweep-tar-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("models.tar.gz");
        let file = std::fs::File::create(&path).unwrap();
        let gz = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
        let mut tar = tar::Builder::new(gz);
        for (name, text) in [
            ("m/z.json", "{\"z\":1}"),
            ("m/a.json", "{}"),
            ("m/README", "x"),
        ] {
            let mut header = tar::Header::new_gnu();
            header.set_size(text.len() as u64);
            header.set_mode(0o644);
            header.set_cksum();
            tar.append_data(&mut header, name, text.as_bytes()).unwrap();
        }
        tar.into_inner().unwrap().finish().unwrap();
        let models = read_models(&path).unwrap();
        let names: Vec<&str> = models.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["a", "z"]);
        assert_eq!(models[1].text, "{\"z\":1}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
