//! The public entry point for `build.rs` scripts and the CLI.

use std::path::{Path, PathBuf};

use crate::ir::{self, Selection, TypeKind};
use crate::model::{self, Source};
use crate::render::{self, CrateSettings, HEADER};
use crate::{emit, naming, Error, Result};

/// Configures and runs a generation, like `prost_build::Config`.
///
/// ```no_run
/// let output = smithy_codegen::Builder::new()
///     .model("models/gamelift.json")
///     .operations(["StartMatchBackfill", "DescribeGameSessions"])
///     .generate_crate()?;
/// println!("{} files", output.files.len());
/// # Ok::<(), smithy_codegen::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Builder {
    models: Vec<PathBuf>,
    sources: Vec<Source>,
    service: Option<String>,
    operations: Option<Vec<String>>,
    protocol: Option<String>,
    crate_name: Option<String>,
    runtime_path: Option<String>,
    protocol_tests: bool,
    protocol_test_summary: Option<String>,
    server_codecs: bool,
    serde: bool,
    hash: bool,
    endpoint_tests: bool,
    partitions: Option<PathBuf>,
}

/// One file of a generated crate, relative to the crate root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: PathBuf,
    pub contents: String,
}

/// The result of a generation: files plus figures worth reporting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    pub files: Vec<GeneratedFile>,
    pub structures: usize,
    pub enums: usize,
    pub unions: usize,
    pub operations: usize,
    /// Operations with a paginator (`Client::<operation>_paginator`).
    pub paginators: usize,
    /// Waiters generated, across the operations.
    pub waiters: usize,
    /// What the generator left out of the model because it was invalid (a `@paginated` naming
    /// members that do not fit), one located problem each: the CLI prints them as warnings,
    /// [`Builder::generate_to_out_dir`] as `cargo:warning`s.
    pub warnings: Vec<Error>,
}

impl Output {
    /// Total lines of the generated files.
    pub fn lines(&self) -> usize {
        self.files.iter().map(|f| f.contents.lines().count()).sum()
    }
}

impl Builder {
    /// A builder with no model yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a model: a Smithy IDL (`.smithy`) or JSON AST (`.json`) file, a botocore
    /// `service-2.json`, or a directory of `.smithy`/`.json` files. Several are merged.
    pub fn model(mut self, path: impl Into<PathBuf>) -> Self {
        self.models.push(path.into());
        self
    }

    /// Adds a model held in memory; `name` is used in messages and docs, and its extension
    /// (`.smithy`) or content tells which front end reads it.
    pub fn model_source(mut self, name: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        self.sources.push(Source {
            path: name.into(),
            text: text.into(),
        });
        self
    }

    /// Chooses the service by shape id (`ns#Name`) or name; needed only when the
    /// model defines several services.
    pub fn service(mut self, id: impl Into<String>) -> Self {
        self.service = Some(id.into());
        self
    }

    /// Generates only these operations (by name) and the shapes they reach.
    pub fn operations<I, S>(mut self, names: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.operations = Some(names.into_iter().map(Into::into).collect());
        self
    }

    /// Generates the service for this protocol (`rpcv2Cbor`, `awsJson1_1`, … or the trait's
    /// shape id), which it must declare. By default a service declaring several protocols gets
    /// the first the generator supports, rpcv2Cbor first (`docs/protocols.md`).
    pub fn protocol(mut self, name: impl Into<String>) -> Self {
        self.protocol = Some(name.into());
        self
    }

    /// The package name of a generated crate (default: the service's name in snake_case).
    pub fn crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// Makes a generated crate depend on `smithy-runtime` by path.
    pub fn runtime_path(mut self, path: impl Into<String>) -> Self {
        self.runtime_path = Some(path.into());
        self
    }

    /// Also generates the model's client protocol compliance cases
    /// (`smithy.test#httpRequestTests` / `httpResponseTests`) as `#[test]`
    /// functions in a `#[cfg(test)]` module, plus a summary test that prints
    /// `<service>: N passed, M failed, K skipped`.
    pub fn protocol_tests(mut self, enabled: bool) -> Self {
        self.protocol_tests = enabled;
        self
    }

    /// What the protocol compliance summary line starts with instead of the service's name
    /// (`<summary>: N passed, M failed, K skipped`), for suites that share a service name.
    pub fn protocol_test_summary(mut self, summary: impl Into<String>) -> Self {
        self.protocol_test_summary = Some(summary.into());
        self
    }

    /// Also generates the JSON codecs a client does not need (decoders for
    /// operation inputs, encoders for outputs), for servers, test doubles and
    /// round trips. A crate always declares the `server-codecs` feature and has
    /// them in its `server_json` module behind it (when the service has types
    /// that travel one way only); this turns the feature on by default. A single
    /// file has them only when this is set.
    pub fn server_codecs(mut self, enabled: bool) -> Self {
        self.server_codecs = enabled;
        self
    }

    /// `serde::Serialize` and `serde::Deserialize` for every type, under the model's names
    /// (enums as their wire values). A crate always declares the off-by-default `serde`
    /// feature that derives them; this turns it on by default. A single file derives them
    /// only when this is set, and its including crate then depends on `serde` (with `derive`)
    /// and on `smithy-runtime` with its `serde` feature.
    pub fn serde(mut self, enabled: bool) -> Self {
        self.serde = enabled;
        self
    }

    /// `Hash` on every structure and union whose members allow it (enums always have it). A
    /// crate always declares the off-by-default `hash` feature for it; this turns the feature on
    /// by default. A single file derives `Hash` on them only when this is set.
    pub fn hash(mut self, enabled: bool) -> Self {
        self.hash = enabled;
        self
    }

    /// Also generates the service's `smithy.rules#endpointTests` cases as `#[test]` functions
    /// in a `#[cfg(test)]` module (each resolves the endpoint of its parameters or operation
    /// call and compares it with the case), plus a summary test that prints
    /// `<service> endpoints: N passed, M failed, K skipped`.
    pub fn endpoint_tests(mut self, enabled: bool) -> Self {
        self.endpoint_tests = enabled;
        self
    }

    /// AWS partition data for `aws.partition` (Smithy's `partitions.json` format) to embed
    /// instead of the runtime's bundled copy: an older file for old endpoint tests, a newer
    /// one for a region the runtime does not know yet.
    pub fn partitions(mut self, path: impl Into<PathBuf>) -> Self {
        self.partitions = Some(path.into());
        self
    }

    /// The model files this builder reads from disk.
    pub fn model_paths(&self) -> &[PathBuf] {
        &self.models
    }

    /// Generates a complete crate (`Cargo.toml`, `src/…`) in memory.
    pub fn generate_crate(&self) -> Result<Output> {
        let (mut service, model_name) = self.resolve()?;
        service.serde = ir::OptionalDerive::Feature;
        service.hash = ir::OptionalDerive::Feature;
        let crate_name = self
            .crate_name
            .clone()
            .unwrap_or_else(|| naming::crate_name(&service.sdk_id));
        let library = naming::library_name(&crate_name);
        let emitted = emit::emit(&service, &model_name, library.as_deref());
        let description = format!("Generated Rust client types for {}.", service.sdk_id);
        let files = render::crate_files(
            &emitted,
            &CrateSettings {
                crate_name: &crate_name,
                version: "0.1.0",
                runtime_path: self.runtime_path.as_deref(),
                description: &description,
                features: &[emit::SERVER_CODECS, emit::SERDE, emit::HASH],
                default_features: &self.enabled_features(),
                runtime_features: &service.runtime_features(),
            },
        )?;
        let files = files
            .into_iter()
            .map(|f| GeneratedFile {
                path: PathBuf::from(f.path),
                contents: f.contents,
            })
            .collect();
        Ok(output(&service, files))
    }

    /// Generates one `include!`-able Rust file in memory.
    pub fn generate_single_file(&self) -> Result<Output> {
        let (mut service, model_name) = self.resolve()?;
        if self.serde {
            service.serde = ir::OptionalDerive::Always;
        }
        if self.hash {
            service.hash = ir::OptionalDerive::Always;
        }
        let emitted = emit::emit(&service, &model_name, None);
        let contents = render::single_file(&emitted, &self.enabled_features())?;
        let file = GeneratedFile {
            path: PathBuf::from(format!("{}.rs", naming::crate_name(&service.sdk_id))),
            contents,
        };
        Ok(output(&service, vec![file]))
    }

    /// Generates the crate into `dir`, writing only files whose content changed
    /// and removing stale generated files under `dir/src`.
    pub fn write_crate(&self, dir: impl AsRef<Path>) -> Result<Output> {
        let dir = dir.as_ref();
        let output = self.generate_crate()?;
        for file in &output.files {
            write_if_changed(&dir.join(&file.path), &file.contents)?;
        }
        remove_stale(dir, &output)?;
        Ok(output)
    }

    /// Generates one file at `path` (written only if its content changed).
    pub fn write_single_file(&self, path: impl AsRef<Path>) -> Result<Output> {
        let output = self.generate_single_file()?;
        if let Some(file) = output.files.first() {
            write_if_changed(path.as_ref(), &file.contents)?;
        }
        Ok(output)
    }

    /// For `build.rs`: writes one file named `file_name` into `$OUT_DIR` and
    /// prints `cargo:rerun-if-changed` for every model file (and `cargo:warning` for each of
    /// [`Output::warnings`]). Include it with
    /// `include!(concat!(env!("OUT_DIR"), "/gamelift.rs"));`.
    pub fn generate_to_out_dir(&self, file_name: &str) -> Result<PathBuf> {
        for path in &self.models {
            println!("cargo:rerun-if-changed={}", path.display());
            // A botocore service is read with the paginators, waiters and rules beside it.
            for sibling in model::botocore::Siblings::paths_beside(path) {
                println!("cargo:rerun-if-changed={}", sibling.display());
            }
        }
        let out_dir = std::env::var_os("OUT_DIR").ok_or_else(|| {
            Error::new("OUT_DIR is not set: generate_to_out_dir is meant for build.rs")
        })?;
        let path = Path::new(&out_dir).join(file_name);
        let output = self.write_single_file(&path)?;
        // What the generator left out of the model (a waiter it cannot honour…), shown by cargo.
        for warning in &output.warnings {
            println!("cargo:warning={warning}");
        }
        Ok(path)
    }

    /// The optional modules' features this configuration turns on.
    fn enabled_features(&self) -> Vec<&'static str> {
        let mut features = Vec::new();
        if self.server_codecs {
            features.push(emit::SERVER_CODECS);
        }
        if self.serde {
            features.push(emit::SERDE);
        }
        if self.hash {
            features.push(emit::HASH);
        }
        features
    }

    /// Loads the models and resolves the selected service; also returns the
    /// first model file's name, which the crate docs mention.
    fn resolve(&self) -> Result<(ir::Service, String)> {
        let mut sources = self.sources.clone();
        sources.extend(model::read_sources(&self.models)?);
        let model = model::load_sources(&sources)?;
        let selection = Selection {
            service: self.service.clone(),
            operations: self.operations.clone(),
            protocol_tests: self.protocol_tests,
            endpoint_tests: self.endpoint_tests,
            protocol: self.protocol.clone(),
        };
        let mut service = ir::resolve(&model, &selection)?;
        if let Some(summary) = &self.protocol_test_summary {
            service.protocol_test_summary = summary.clone();
        }
        if let (Some(path), Some(rules)) = (&self.partitions, service.endpoint.as_mut()) {
            let json = std::fs::read_to_string(path).map_err(|e| {
                Error::new(format!("cannot read the partitions: {e}")).with_file(path)
            })?;
            smithy_runtime::rules::Partitions::from_json(&json)
                .map_err(|e| Error::new(e).with_file(path))?;
            rules.partitions = Some(json);
        }
        let model_name = sources
            .first()
            .and_then(|s| s.path.file_name())
            .map_or_else(|| "model".to_owned(), |n| n.to_string_lossy().into_owned());
        Ok((service, model_name))
    }
}

fn output(service: &ir::Service, files: Vec<GeneratedFile>) -> Output {
    let count =
        |pred: fn(&TypeKind) -> bool| service.types.values().filter(|t| pred(&t.kind)).count();
    Output {
        files,
        structures: count(|k| matches!(k, TypeKind::Struct(_))),
        enums: count(|k| matches!(k, TypeKind::Enum(_) | TypeKind::IntEnum(_))),
        unions: count(|k| matches!(k, TypeKind::Union(_))),
        operations: service.operations.len(),
        paginators: service.paginated().count(),
        waiters: service
            .operations
            .iter()
            .filter(|op| !op.event_stream)
            .map(|op| op.waiters.len())
            .sum(),
        warnings: service.warnings.clone(),
    }
}

/// Writes `contents` unless the file already holds exactly that, so cargo's
/// mtime-based rebuild checks are not triggered for nothing.
fn write_if_changed(path: &Path, contents: &str) -> Result<bool> {
    if std::fs::read(path).is_ok_and(|old| old == contents.as_bytes()) {
        return Ok(false);
    }
    let io_error = |e: std::io::Error| Error::new(format!("cannot write {}: {e}", path.display()));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(io_error)?;
    }
    std::fs::write(path, contents).map_err(io_error)?;
    Ok(true)
}

/// Deletes `.rs` files under `dir/src` that a previous run generated (they start
/// with the generated header) but this run did not produce.
fn remove_stale(dir: &Path, output: &Output) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir.join("src")) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let relative = Path::new("src").join(entry.file_name());
        let produced = output.files.iter().any(|f| f.path == relative);
        let generated = std::fs::read_to_string(&path).is_ok_and(|text| text.starts_with(HEADER));
        if !produced && generated && path.extension().is_some_and(|e| e == "rs") {
            std::fs::remove_file(&path)
                .map_err(|e| Error::new(format!("cannot remove stale {}: {e}", path.display())))?;
        }
    }
    Ok(())
}
