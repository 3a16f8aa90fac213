//! Coverage sweeps: generate a crate for every model in a directory or tarball,
//! report one line per model, and optionally `cargo check` a deterministic
//! sample (or all) of the generated crates.
//!
//! Real users point the generator at models nobody here wrote, so the sweep runs
//! the whole pipeline on each of them and keeps going whatever happens: an
//! [`Error`] or even a panic inside one model's generation becomes
//! that model's failure line. The `smithy-codegen sweep` command is a thin
//! wrapper over [`run`].
//!
//! ```no_run
//! use smithy_codegen::sweep::{self, CheckSelection, Config};
//!
//! let models = sweep::read_models("../shared/aws-models.tar.gz".as_ref())?;
//! let config = Config {
//!     check: Some(CheckSelection::Count(12)),
//!     ..Config::new(std::env::temp_dir().join("sweep"))
//! };
//! let summary = sweep::run(&models, &config, &mut std::io::stdout())?;
//! assert_eq!(summary.failed, 0);
//! # Ok::<(), smithy_codegen::Error>(())
//! ```

mod check;
pub mod endpoints;
mod input;

use std::any::Any;
use std::cell::RefCell;
use std::io::Write;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Once};
use std::time::Instant;

pub use check::{check, choose_sample, CheckReport, CheckSelection};
pub use endpoints::Tally as EndpointTally;
pub use input::{read_models, ModelSource};

use crate::ir::{self, Protocol};
use crate::{model, naming, Builder, Error, Result};

/// Stack size of a generation thread. Models nest deeply (documentation HTML,
/// long shape chains) and a stack overflow would abort the whole sweep, not
/// one model, so be generous: the memory is only reserved, not committed.
const STACK_SIZE: usize = 256 << 20;

/// Settings of a sweep.
#[derive(Debug, Clone)]
pub struct Config {
    /// Directory that receives one crate per model (`<out>/<crate>/`) and, with
    /// a check, the workspace `Cargo.toml` that holds the checked crates.
    pub out: PathBuf,
    /// `smithy-runtime` path written into every generated `Cargo.toml`. Use an
    /// absolute path (see [`default_runtime_path`]) so checks can build.
    pub runtime_path: Option<String>,
    /// Models generated at once (and `cargo check -j`).
    pub jobs: usize,
    /// Which generated crates to `cargo check`, if any.
    pub check: Option<CheckSelection>,
    /// `Cargo.lock` copied into the check workspace so dependency versions
    /// match the project's (no resolution, no surprises).
    pub lockfile: Option<PathBuf>,
    /// Target directory of the check (default `<out>/target`), shared by every
    /// checked crate so `smithy-runtime` and its dependencies build once.
    pub target_dir: Option<PathBuf>,
    /// Also evaluate every model's `smithy.rules#endpointTests` cases.
    pub endpoint_tests: bool,
    /// Partition data (JSON) for those cases instead of the runtime's bundled copy.
    pub partitions: Option<String>,
    /// Older partition data (JSON) for the cases written against it
    /// (`sweep::endpoints::ISO_DUAL_STACK_ERA`); without it they are skipped.
    pub era_partitions: Option<String>,
}

impl Config {
    /// Defaults: the runtime and lockfile of this source tree when they exist,
    /// one job per available core, no check.
    pub fn new(out: impl Into<PathBuf>) -> Self {
        Self {
            out: out.into(),
            runtime_path: default_runtime_path(),
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            check: None,
            lockfile: Some(source_root().join("Cargo.lock")).filter(|p| p.is_file()),
            target_dir: None,
            endpoint_tests: false,
            partitions: None,
            era_partitions: None,
        }
    }
}

/// The repository this generator was built from (`codegen/..`).
fn source_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The absolute path of `runtime/` beside this generator's sources, if it
/// still exists (it does when the generator runs from its own checkout).
pub fn default_runtime_path() -> Option<String> {
    let runtime = source_root().join("runtime");
    let runtime = runtime.canonicalize().unwrap_or(runtime);
    runtime
        .join("Cargo.toml")
        .is_file()
        .then(|| runtime.display().to_string())
}

/// What one model's generation gave.
#[derive(Debug, Clone)]
pub struct ModelReport {
    /// The model's file name without `.json` (`sts`).
    pub name: String,
    /// The generated crate's package name and directory under [`Config::out`].
    pub crate_name: String,
    pub outcome: std::result::Result<Generated, Failure>,
}

/// Figures of a successful generation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    pub protocol: Protocol,
    /// Shapes defined in the model file (the prelude not counted).
    pub shapes: usize,
    /// Named Rust types: structures, unions and enums the service reaches.
    pub types: usize,
    pub operations: usize,
    /// Operations with a paginator.
    pub paginators: usize,
    /// What the generator left out because the model has it wrong (an invalid `@paginated`, a
    /// waiter it cannot honour), one line each.
    pub warnings: Vec<String>,
    /// Lines of the generated crate.
    pub lines: usize,
    /// Wall time of the generation (load, resolve, emit, render, write).
    pub millis: u128,
    /// The endpoint test cases' results, when asked for, and the time they took (µs).
    pub endpoint_tests: Option<(EndpointTally, u128)>,
    /// Waiters generated (`@waitable`).
    pub waiters: usize,
}

/// Why a model did not generate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The generator returned an error (one line naming file and shape).
    Error(String),
    /// The generator panicked: a bug, with the panic's location and message.
    Panic(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Error(message) => write!(f, "error: {message}"),
            Self::Panic(message) => write!(f, "panic: {message}"),
        }
    }
}

impl ModelReport {
    /// The report line: `ok <name> <protocol> shapes … ms`, or the failure.
    pub fn line(&self) -> String {
        match &self.outcome {
            Ok(g) => {
                let mut line = format!(
                    "ok     {:<36} {:<11} shapes {:>5}  types {:>5}  operations {:>4}  paginators {:>3}  lines {:>7}  {:>6} ms",
                    self.name,
                    g.protocol.name(),
                    g.shapes,
                    g.types,
                    g.operations,
                    g.paginators,
                    g.lines,
                    g.millis
                );
                if g.waiters > 0 {
                    line.push_str(&format!("  waiters {}", g.waiters));
                }
                if let Some((tally, _)) = &g.endpoint_tests {
                    line.push_str(&format!(
                        "  endpoints {}/{}/{}",
                        tally.passed, tally.failed, tally.skipped
                    ));
                    for failure in &tally.failures {
                        line.push_str(&format!("\n         endpoint {failure}"));
                    }
                }
                for warning in &g.warnings {
                    line.push_str(&format!("\n         warning {warning}"));
                }
                line
            }
            Err(failure) => format!("FAILED {:<36} {failure}", self.name),
        }
    }
}

/// Totals of a sweep.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub ok: usize,
    pub failed: usize,
    /// Crates checked and how many of them failed to check cleanly (errors, or
    /// warnings: generated code must be warning-free).
    pub checked: usize,
    pub check_failed: usize,
    /// Paginators and waiters generated, and what was left out with a warning (an invalid
    /// `@paginated`, a waiter the generator cannot honour).
    pub paginators: usize,
    pub waiters: usize,
    pub warnings: usize,
    /// Endpoint test cases, when evaluated.
    pub endpoint_passed: usize,
    pub endpoint_failed: usize,
    pub endpoint_skipped: usize,
}

impl Summary {
    /// Whether every model generated, every checked crate compiled cleanly and every endpoint
    /// case evaluated passed.
    pub fn success(&self) -> bool {
        self.failed == 0 && self.check_failed == 0 && self.endpoint_failed == 0
    }
}

/// Generates every model into `config.out`, writes one line per model to `out`
/// (in model order, as soon as the models before it are done), a summary line
/// `sweep: N ok, M failed in T s`, then runs the configured check.
pub fn run(models: &[ModelSource], config: &Config, out: &mut dyn Write) -> Result<Summary> {
    let io = |e: std::io::Error| Error::new(format!("cannot write the sweep report: {e}"));
    let started = Instant::now();
    let crate_names = crate_names(models);
    let mut reports = Vec::with_capacity(models.len());
    generate_all(models, &crate_names, config, |report| {
        let _ = writeln!(out, "{}", report.line());
        let _ = out.flush();
        reports.push(report);
    });
    let mut summary = Summary {
        ok: reports.iter().filter(|r| r.outcome.is_ok()).count(),
        ..Summary::default()
    };
    summary.failed = reports.len() - summary.ok;
    for generated in reports.iter().filter_map(|r| r.outcome.as_ref().ok()) {
        summary.paginators += generated.paginators;
        summary.warnings += generated.warnings.len();
    }
    let generation_ms: u128 = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .map(|g| g.millis)
        .sum();
    writeln!(
        out,
        "sweep: {} ok, {} failed in {:.1} s (generation time summed over models: {:.1} s, {} jobs, crates in {})",
        summary.ok,
        summary.failed,
        started.elapsed().as_secs_f64(),
        generation_ms as f64 / 1000.0,
        config.jobs.max(1),
        config.out.display()
    )
    .map_err(io)?;
    summary.waiters = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .map(|g| g.waiters)
        .sum();
    let models_with_waiters = reports
        .iter()
        .filter_map(|r| r.outcome.as_ref().ok())
        .filter(|g| g.waiters > 0)
        .count();
    writeln!(out, "paginators: {} generated", summary.paginators).map_err(io)?;
    writeln!(
        out,
        "waiters: {} generated in {models_with_waiters} models",
        summary.waiters
    )
    .map_err(io)?;
    writeln!(
        out,
        "warnings: {} (paginators and waiters left out, each under its model's line)",
        summary.warnings
    )
    .map_err(io)?;
    if config.endpoint_tests {
        let mut micros = 0;
        for (tally, us) in reports
            .iter()
            .filter_map(|r| r.outcome.as_ref().ok()?.endpoint_tests.as_ref())
        {
            summary.endpoint_passed += tally.passed;
            summary.endpoint_failed += tally.failed;
            summary.endpoint_skipped += tally.skipped;
            micros += us;
        }
        writeln!(
            out,
            "endpoint tests: {} passed, {} failed, {} skipped in {:.1} s",
            summary.endpoint_passed,
            summary.endpoint_failed,
            summary.endpoint_skipped,
            micros as f64 / 1e6
        )
        .map_err(io)?;
    }
    if let Some(selection) = config.check {
        let chosen = choose_sample(&reports, selection);
        let crates: Vec<&str> = chosen
            .iter()
            .map(|&i| reports[i].crate_name.as_str())
            .collect();
        if selection == CheckSelection::All {
            writeln!(out, "check: cargo check of all {} crates", crates.len())
        } else {
            writeln!(
                out,
                "check: cargo check of {} crates: {}",
                crates.len(),
                crates.join(", ")
            )
        }
        .map_err(io)?;
        let check_started = Instant::now();
        let mut cargo_output = None;
        let results = check(
            &crates,
            config,
            &mut |report: &CheckReport| {
                let _ = writeln!(out, "{}", report.line());
                let _ = out.flush();
            },
            &mut |tail: &str| cargo_output = Some(tail.to_owned()),
        )?;
        if let Some(tail) = cargo_output {
            writeln!(out, "check: cargo said: {tail}").map_err(io)?;
        }
        summary.checked = results.len();
        summary.check_failed = results.iter().filter(|r| !r.clean()).count();
        let warnings: usize = results.iter().map(|r| r.warnings).sum();
        writeln!(
            out,
            "check: {} ok, {} failed ({} warnings) in {:.1} s",
            summary.checked - summary.check_failed,
            summary.check_failed,
            warnings,
            check_started.elapsed().as_secs_f64()
        )
        .map_err(io)?;
    }
    Ok(summary)
}

/// One unique package name per model, from its file name (`iot-data` → `iot_data`; the rules
/// are `naming::crate_name`'s).
pub fn crate_names(models: &[ModelSource]) -> Vec<String> {
    let mut names: Vec<String> = models.iter().map(|m| naming::crate_name(&m.name)).collect();
    naming::dedupe(&mut names);
    names
}

/// Generates every model with `config.jobs` threads pulling from one queue;
/// `on_report` sees the reports in model order.
pub fn generate_all(
    models: &[ModelSource],
    crate_names: &[String],
    config: &Config,
    mut on_report: impl FnMut(ModelReport),
) {
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::channel::<(usize, ModelReport)>();
    std::thread::scope(|scope| {
        for worker in 0..config.jobs.clamp(1, models.len().max(1)) {
            let sender = sender.clone();
            let next = &next;
            std::thread::Builder::new()
                .name(format!("sweep-{worker}"))
                .stack_size(STACK_SIZE)
                .spawn_scoped(scope, move || loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(model) = models.get(index) else {
                        break;
                    };
                    let report = generate_one(model, &crate_names[index], config);
                    if sender.send((index, report)).is_err() {
                        break;
                    }
                })
                .expect("the OS refused to start a sweep thread");
        }
        drop(sender);
        // Release reports in model order: deterministic output, still streaming.
        let mut pending: Vec<Option<ModelReport>> = vec![None; models.len()];
        let mut printed = 0;
        for (index, report) in receiver {
            pending[index] = Some(report);
            while let Some(report) = pending.get_mut(printed).and_then(Option::take) {
                on_report(report);
                printed += 1;
            }
        }
    });
}

/// Generates one model into `<out>/<crate_name>`, turning errors and panics
/// into a [`Failure`].
pub fn generate_one(model: &ModelSource, crate_name: &str, config: &Config) -> ModelReport {
    let outcome = catch_panic(|| -> Result<Generated> {
        let source = model::Source {
            path: model
                .origin
                .clone()
                .unwrap_or_else(|| PathBuf::from(format!("{}.json", model.name))),
            text: model.text.clone(),
        };
        let loaded = model::load_sources(std::slice::from_ref(&source))?;
        let prelude = loaded.files.len().saturating_sub(1);
        let shapes = loaded.shapes.values().filter(|s| s.file != prelude).count();
        let selection = ir::Selection {
            endpoint_tests: config.endpoint_tests,
            ..ir::Selection::default()
        };
        let service = ir::resolve(&loaded, &selection)?;
        let protocol = service.protocol;
        let endpoint_tests = if config.endpoint_tests {
            let started = Instant::now();
            let parse = |json: &String| {
                smithy_runtime::rules::Partitions::from_json(json).map_err(Error::new)
            };
            let partitions = config.partitions.as_ref().map(parse).transpose()?;
            let era = config.era_partitions.as_ref().map(parse).transpose()?;
            let tally = endpoints::evaluate(
                &model.name,
                &service,
                partitions
                    .as_ref()
                    .unwrap_or_else(|| smithy_runtime::rules::Partitions::bundled()),
                era.as_ref(),
            );
            Some((tally, started.elapsed().as_micros()))
        } else {
            None
        };
        drop(service);
        drop(loaded);
        let generation = Instant::now();
        let mut builder = Builder::new()
            .model_source(source.path, source.text)
            .crate_name(crate_name);
        if let Some(runtime) = &config.runtime_path {
            builder = builder.runtime_path(runtime.clone());
        }
        let output = builder.write_crate(config.out.join(crate_name))?;
        Ok(Generated {
            protocol,
            shapes,
            types: output.structures + output.enums + output.unions,
            operations: output.operations,
            paginators: output.paginators,
            warnings: output.warnings.iter().map(|w| w.to_string()).collect(),
            waiters: output.waiters,
            lines: output.lines(),
            millis: generation.elapsed().as_millis(),
            endpoint_tests,
        })
    });
    ModelReport {
        name: model.name.clone(),
        crate_name: crate_name.to_owned(),
        outcome: match outcome {
            Ok(Ok(generated)) => Ok(generated),
            Ok(Err(error)) => Err(Failure::Error(error.to_string())),
            Err(panic) => Err(Failure::Panic(panic)),
        },
    }
}

thread_local! {
    /// Set while this thread runs guarded generation: the panic hook then
    /// records the panic here instead of printing it.
    static GUARDED: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
}

/// Runs `f`, turning a panic into `Err("<location>: <message>")`. The panic is
/// not printed: it becomes the model's report line. Panics on other threads
/// (or outside this function) still reach the previous hook.
pub fn catch_panic<T>(f: impl FnOnce() -> T) -> std::result::Result<T, String> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            let recorded = GUARDED.with(|slot| {
                let mut slot = slot.borrow_mut();
                match slot.as_mut() {
                    Some(record) => {
                        let location = info
                            .location()
                            .map(|l| format!("{}:{}: ", l.file(), l.line()))
                            .unwrap_or_default();
                        *record = Some(format!("{location}{}", payload_text(info.payload())));
                        true
                    }
                    None => false,
                }
            });
            if !recorded {
                previous(info);
            }
        }));
    });
    let outer = GUARDED.with(|slot| slot.borrow_mut().replace(None));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    let recorded = GUARDED.with(|slot| std::mem::replace(&mut *slot.borrow_mut(), outer));
    result.map_err(|payload| {
        recorded
            .flatten()
            .unwrap_or_else(|| payload_text(payload.as_ref()))
    })
}

fn payload_text(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic with a non-text payload".to_owned())
        .replace('\n', " ")
}

/// `--check <N|all>`.
impl FromStr for CheckSelection {
    type Err = String;

    fn from_str(text: &str) -> std::result::Result<Self, String> {
        if text.eq_ignore_ascii_case("all") {
            return Ok(Self::All);
        }
        text.parse::<usize>()
            .map(Self::Count)
            .map_err(|_| format!("expected a number of crates or `all`, not `{text}`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> ModelSource {
        ModelSource {
            name: name.to_owned(),
            text: text.to_owned(),
            origin: None,
        }
    }

    const GOOD: &str = r#"{
      "smithy": "2.0",
      "shapes": {
        "ex#Svc": { "type": "service", "version": "1", "operations": [{ "target": "ex#Op" }],
                    "traits": { "aws.protocols#awsJson1_0": {} } },
        "ex#Op": { "type": "operation" }
      }
    }"#;

    #[test]
    fn a_failing_model_is_reported_and_the_sweep_goes_on() {
        let dir = std::env::temp_dir().join(format!("sweep-unit-{}", std::process::id()));
        let models = [
            source("bad", "{ not json"),
            source("good", GOOD),
            source("also-good", GOOD),
        ];
        let config = Config {
            jobs: 2,
            ..Config::new(&dir)
        };
        let mut report = Vec::new();
        let summary = run(&models, &config, &mut report).unwrap();
        let report = String::from_utf8(report).unwrap();
        assert_eq!((summary.ok, summary.failed), (2, 1), "{report}");
        let lines: Vec<&str> = report.lines().collect();
        assert!(lines[0].starts_with("FAILED bad"), "{report}");
        assert!(lines[0].contains("invalid JSON"), "{report}");
        assert!(lines[1].starts_with("ok     good "), "{report}");
        assert!(lines[1].contains("awsJson1_0"), "{report}");
        assert!(lines[2].starts_with("ok     also-good "), "{report}");
        assert!(
            lines[3].starts_with("sweep: 2 ok, 1 failed in "),
            "{report}"
        );
        assert!(dir.join("also_good/src/lib.rs").is_file());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn paginators_are_counted_and_invalid_ones_reported() {
        let dir = std::env::temp_dir().join(format!("sweep-pages-{}", std::process::id()));
        let text =
            std::fs::read_to_string(source_root().join("models/fixtures/paginators.json")).unwrap();
        let config = Config {
            jobs: 1,
            ..Config::new(&dir)
        };
        let mut report = Vec::new();
        let summary = run(&[source("pages", &text)], &config, &mut report).unwrap();
        let report = String::from_utf8(report).unwrap();
        assert_eq!((summary.paginators, summary.warnings), (4, 4), "{report}");
        let lines: Vec<&str> = report.lines().collect();
        assert!(lines[0].contains("  paginators   4  "), "{report}");
        assert!(
            lines[1].starts_with("         warning pages.json: shape smithy.fixtures.paginators#BadInputToken: @paginated is ignored: "),
            "{report}"
        );
        assert!(
            report.contains("\npaginators: 4 generated\n") && report.contains("\nwarnings: 4 ("),
            "{report}"
        );
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn catch_panic_reports_location_and_message() {
        let caught = catch_panic(|| -> u8 { panic!("boom {}", 42) }).unwrap_err();
        assert!(caught.contains("sweep.rs:"), "{caught}");
        assert!(caught.ends_with("boom 42"), "{caught}");
        assert_eq!(catch_panic(|| 7), Ok(7));
    }

    #[test]
    fn crate_names_are_valid_and_unique() {
        let models = [
            source("iot-data", ""),
            source("iot_data", ""),
            source("test", ""),
            source("match", ""),
            source("3d", ""),
        ];
        assert_eq!(
            crate_names(&models),
            [
                "iot_data",
                "iot_data_2",
                "test_service",
                "match_service",
                "service_3d"
            ]
        );
    }

    #[test]
    fn check_selection_parses() {
        assert_eq!("all".parse(), Ok(CheckSelection::All));
        assert_eq!("12".parse(), Ok(CheckSelection::Count(12)));
        assert!("x".parse::<CheckSelection>().is_err());
    }
}
