//! `cargo check` of generated crates.
//!
//! The checked crates become members of one generated workspace
//! (`<out>/Cargo.toml`) and are checked by a single `cargo check --keep-going`
//! with one shared target directory. One invocation instead of one per crate:
//! `smithy-runtime` and its dependencies are checked once, cargo schedules the
//! crates over `--jobs` itself, and a failing crate does not stop the others.
//! Cargo's JSON messages are attributed to crates by target name, so every
//! crate still gets its own result line, printed as soon as it is done, and its
//! full diagnostics in `<out>/check-logs/<crate>.log`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

use serde_json::Value;

use super::{Config, ModelReport};
use crate::{Error, Result};

/// Which generated crates `--check` compiles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckSelection {
    /// This many: the largest model of each protocol first, then the largest
    /// remaining models (by generated lines); ties broken by name.
    Count(usize),
    /// Every crate that generated.
    All,
}

/// The indices (into `reports`, ascending) of the crates to check. Only
/// models that generated are candidates. Deterministic: it depends on the
/// reports' figures and names only.
pub fn choose_sample(reports: &[ModelReport], selection: CheckSelection) -> Vec<usize> {
    let mut candidates: Vec<(usize, &super::Generated)> = reports
        .iter()
        .enumerate()
        .filter_map(|(i, r)| r.outcome.as_ref().ok().map(|g| (i, g)))
        .collect();
    let CheckSelection::Count(count) = selection else {
        return candidates.into_iter().map(|(i, _)| i).collect();
    };
    candidates.sort_by(|(a, ga), (b, gb)| {
        gb.lines
            .cmp(&ga.lines)
            .then_with(|| reports[*a].name.cmp(&reports[*b].name))
    });
    let mut protocols = BTreeSet::new();
    let mut chosen: Vec<usize> = candidates
        .iter()
        .filter(|(_, g)| protocols.insert(g.protocol.name()))
        .map(|(i, _)| *i)
        .collect();
    chosen.truncate(count);
    for (i, _) in &candidates {
        if chosen.len() >= count {
            break;
        }
        if !chosen.contains(i) {
            chosen.push(*i);
        }
    }
    chosen.sort_unstable();
    chosen
}

/// The outcome of checking one crate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CheckReport {
    pub crate_name: String,
    pub errors: usize,
    pub warnings: usize,
    /// The first error (else warning) in one line: message and location.
    pub first_problem: Option<String>,
    /// Seconds since the check started when this crate was done.
    pub done_at: f64,
    /// Cargo reported the crate as checked.
    pub finished: bool,
}

impl CheckReport {
    /// Checked without errors or warnings.
    pub fn clean(&self) -> bool {
        self.finished && self.errors == 0 && self.warnings == 0
    }

    /// `check ok <crate>` or `check FAILED <crate> N errors, M warnings: first problem`.
    pub fn line(&self) -> String {
        let status = if self.clean() { "ok    " } else { "FAILED" };
        let mut line = format!(
            "check {status} {:<36} {} errors, {} warnings, done at {:.1} s",
            self.crate_name, self.errors, self.warnings, self.done_at
        );
        if !self.finished && self.errors == 0 {
            line.push_str(
                ": cargo gave no result for this crate (its output follows the check lines)",
            );
        }
        if let Some(problem) = &self.first_problem {
            line.push_str(": ");
            line.push_str(problem);
        }
        line
    }
}

/// The feature sets each crate is checked with: what users build (default
/// features), then every optional module too (`server_json`). A crate is
/// clean only when both passes are.
const PASSES: [&[&str]; 2] = [&[], &["--all-features"]];

/// One crate's state across the passes.
struct CrateState {
    report: CheckReport,
    log: String,
    /// Passes in which cargo reported the crate as checked.
    finished_passes: usize,
}

/// Writes the workspace `<out>/Cargo.toml` with `crates` as members, then
/// `cargo check`s them all at once, once with default features and once with `--all-features`;
/// `on_report` sees each crate as it is done in the last pass. When cargo gave
/// no result for some crate, `on_unfinished` gets the end of cargo's own
/// output, which says why.
pub fn check(
    crates: &[&str],
    config: &Config,
    on_report: &mut dyn FnMut(&CheckReport),
    on_unfinished: &mut dyn FnMut(&str),
) -> Result<Vec<CheckReport>> {
    if crates.is_empty() {
        return Ok(Vec::new());
    }
    let out = &config.out;
    write_workspace(out, crates, config.lockfile.as_deref())?;
    let logs = out.join("check-logs");
    std::fs::create_dir_all(&logs)
        .map_err(|e| Error::new(format!("cannot create {}: {e}", logs.display())))?;
    let started = Instant::now();
    let mut state: BTreeMap<&str, CrateState> = crates
        .iter()
        .map(|&name| {
            let report = CheckReport {
                crate_name: name.to_owned(),
                ..CheckReport::default()
            };
            let log = String::new();
            (
                name,
                CrateState {
                    report,
                    log,
                    finished_passes: 0,
                },
            )
        })
        .collect();
    let mut stderr = String::new();
    for (pass, features) in PASSES.iter().enumerate() {
        let last = pass + 1 == PASSES.len();
        let mut on_done = |crate_state: &mut CrateState| {
            crate_state.report.finished = crate_state.finished_passes == pass + 1;
            if last {
                crate_state.report.done_at = started.elapsed().as_secs_f64();
                write_log(&logs, &crate_state.report, &crate_state.log);
                on_report(&crate_state.report);
            }
        };
        let (success, pass_stderr) = run_pass(config, features, &mut state, &mut on_done)?;
        let silent = state
            .values()
            .all(|c| c.finished_passes <= pass && c.report.errors == 0);
        if !success && silent {
            return Err(Error::new(format!(
                "cargo check failed before checking any crate: {}",
                stderr_tail(&pass_stderr, 15)
            )));
        }
        if !success {
            stderr = pass_stderr;
        }
    }
    let reports: Vec<CheckReport> = state.into_values().map(|c| c.report).collect();
    if reports.iter().any(|r| !r.finished && r.errors == 0) {
        on_unfinished(&stderr_tail(&stderr, 15));
    }
    Ok(reports)
}

/// One `cargo check` of the whole workspace with `features`; `on_done` sees
/// each crate once, when cargo is done with it (or, for crates cargo never
/// finished, at the end). Returns whether cargo succeeded, and its stderr.
fn run_pass(
    config: &Config,
    features: &[&str],
    state: &mut BTreeMap<&str, CrateState>,
    on_done: &mut dyn FnMut(&mut CrateState),
) -> Result<(bool, String)> {
    let out = &config.out;
    let target_dir = config
        .target_dir
        .clone()
        .unwrap_or_else(|| out.join("target"));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut child = Command::new(cargo)
        .arg("check")
        .arg("--workspace")
        .arg("--keep-going")
        .args(features)
        .arg("--message-format=json")
        .arg(format!("--jobs={}", config.jobs.max(1)))
        .arg("--manifest-path")
        .arg(out.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", &target_dir)
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_TERM_COLOR", "never")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| Error::new(format!("cannot run cargo check: {e}")))?;
    // Drain stderr on its own thread so neither pipe can fill up and block.
    let stderr = child.stderr.take();
    let stderr_reader = std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut stderr) = stderr {
            let _ = stderr.read_to_string(&mut text);
        }
        text
    });
    let mut done = BTreeSet::new();
    let stdout = child.stdout.take().map(BufReader::new);
    for line in stdout.into_iter().flat_map(BufRead::lines) {
        let Ok(line) = line else { break };
        let Ok(message) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        let target = message
            .pointer("/target/name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        let Some(crate_state) = state.get_mut(target) else {
            continue;
        };
        let finished = match message.get("reason").and_then(Value::as_str) {
            Some("compiler-artifact") => {
                crate_state.finished_passes += 1;
                true
            }
            Some("compiler-message") => {
                record_diagnostic(&message, &mut crate_state.report, &mut crate_state.log)
            }
            _ => false,
        };
        if finished && done.insert(crate_state.report.crate_name.clone()) {
            on_done(crate_state);
        }
    }
    let status = child
        .wait()
        .map_err(|e| Error::new(format!("cargo check did not finish: {e}")))?;
    let stderr = stderr_reader.join().unwrap_or_default();
    for (name, crate_state) in state.iter_mut() {
        if !done.contains(*name) {
            on_done(crate_state);
        }
    }
    Ok((status.success(), stderr))
}

/// The last `lines` lines of cargo's stderr, joined with ` | `.
fn stderr_tail(stderr: &str, lines: usize) -> String {
    let tail: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .rev()
        .take(lines)
        .collect();
    tail.into_iter().rev().collect::<Vec<_>>().join(" | ")
}

/// Records one rustc diagnostic; returns true when it is rustc's closing
/// "aborting due to …" line, which means the crate is done (and failed).
fn record_diagnostic(message: &Value, report: &mut CheckReport, log: &mut String) -> bool {
    let Some(diagnostic) = message.get("message") else {
        return false;
    };
    let text = diagnostic
        .get("message")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let level = diagnostic
        .get("level")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let has_span = diagnostic
        .get("spans")
        .and_then(Value::as_array)
        .is_some_and(|s| !s.is_empty());
    if level == "error" && text.starts_with("aborting due to") {
        return true;
    }
    if let Some(rendered) = diagnostic.get("rendered").and_then(Value::as_str) {
        // The second pass repeats what the first one found in shared code.
        if log.contains(rendered) {
            return false;
        }
        log.push_str(rendered);
    }
    // Summaries ("3 warnings emitted") carry no span; they are not problems.
    if !has_span {
        return false;
    }
    match level {
        "error" => report.errors += 1,
        "warning" => report.warnings += 1,
        _ => return false,
    }
    let first_is_error = report.errors == 1 && level == "error";
    if report.first_problem.is_none() || first_is_error {
        let location = diagnostic
            .pointer("/spans/0")
            .map(|span| {
                format!(
                    " at {}:{}",
                    span.get("file_name")
                        .and_then(Value::as_str)
                        .unwrap_or_default(),
                    span.get("line_start")
                        .and_then(Value::as_u64)
                        .unwrap_or_default()
                )
            })
            .unwrap_or_default();
        let code = diagnostic
            .pointer("/code/code")
            .and_then(Value::as_str)
            .map(|c| format!("[{c}]"))
            .unwrap_or_default();
        report.first_problem = Some(format!("{level}{code}: {text}{location}"));
    }
    false
}

fn write_log(logs: &Path, report: &CheckReport, log: &str) {
    let _ = std::fs::write(logs.join(format!("{}.log", report.crate_name)), log);
}

fn write_workspace(out: &Path, members: &[&str], lockfile: Option<&Path>) -> Result<()> {
    let io = |e: std::io::Error| Error::new(format!("cannot write the check workspace: {e}"));
    let members: Vec<String> = members.iter().map(|m| format!("    \"{m}\",\n")).collect();
    let manifest = format!(
        "# Written by `smithy-codegen sweep --check`: the generated crates being checked.\n\
         [workspace]\nresolver = \"2\"\nmembers = [\n{}]\n",
        members.concat()
    );
    std::fs::create_dir_all(out).map_err(io)?;
    std::fs::write(out.join("Cargo.toml"), manifest).map_err(io)?;
    let lock = out.join("Cargo.lock");
    if let Some(source) = lockfile.filter(|_| !lock.exists()) {
        // The project's versions: nothing to resolve, and the same code as tested.
        std::fs::copy(source, &lock).map_err(io)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::{Failure, Generated};
    use super::*;
    use crate::ir::Protocol;

    fn report(name: &str, protocol: Protocol, lines: usize) -> ModelReport {
        ModelReport {
            name: name.to_owned(),
            crate_name: name.to_owned(),
            outcome: Ok(Generated {
                protocol,
                shapes: 1,
                types: 1,
                operations: 1,
                paginators: 0,
                warnings: Vec::new(),
                lines,
                millis: 1,
                endpoint_tests: None,
                waiters: 0,
            }),
        }
    }

    #[test]
    fn sample_covers_every_protocol_then_the_largest() {
        let reports = vec![
            report("a", Protocol::RestJson1, 900),
            report("b", Protocol::RestJson1, 800),
            report("c", Protocol::AwsQuery, 10),
            report("d", Protocol::AwsJson1_1, 700),
            ModelReport {
                outcome: Err(Failure::Error("x".into())),
                ..report("e", Protocol::RestXml, 0)
            },
            report("f", Protocol::RestJson1, 850),
            report("g", Protocol::AwsQuery, 10),
        ];
        let names = |selection| -> Vec<&str> {
            choose_sample(&reports, selection)
                .into_iter()
                .map(|i| reports[i].name.as_str())
                .collect()
        };
        // Largest of each protocol (restJson1 a, awsJson1_1 d, awsQuery c by
        // name), then the largest remaining (f, b); failed models never.
        assert_eq!(names(CheckSelection::Count(3)), ["a", "c", "d"]);
        assert_eq!(names(CheckSelection::Count(4)), ["a", "c", "d", "f"]);
        assert_eq!(names(CheckSelection::Count(2)), ["a", "d"]);
        assert_eq!(names(CheckSelection::Count(99)).len(), 6);
        assert_eq!(names(CheckSelection::All), ["a", "b", "c", "d", "f", "g"]);
    }

    #[test]
    fn diagnostics_are_counted_and_the_first_error_kept() {
        let mut report = CheckReport::default();
        let mut log = String::new();
        let warning = serde_json::json!({"message": {
            "level": "warning", "message": "unused import", "rendered": "warning: unused\n",
            "spans": [{"file_name": "src/a.rs", "line_start": 3}]}});
        let error = serde_json::json!({"message": {
            "level": "error", "message": "cannot find type `X`", "code": {"code": "E0412"},
            "rendered": "error[E0412]\n", "spans": [{"file_name": "src/types.rs", "line_start": 7}]}});
        let summary = serde_json::json!({"message": {
            "level": "warning", "message": "1 warning emitted", "spans": []}});
        let abort = serde_json::json!({"message": {
            "level": "error", "message": "aborting due to 1 previous error", "spans": []}});
        assert!(!record_diagnostic(&warning, &mut report, &mut log));
        assert!(!record_diagnostic(&error, &mut report, &mut log));
        assert!(!record_diagnostic(&summary, &mut report, &mut log));
        assert!(record_diagnostic(&abort, &mut report, &mut log));
        assert_eq!((report.errors, report.warnings), (1, 1));
        assert_eq!(
            report.first_problem.as_deref(),
            Some("error[E0412]: cannot find type `X` at src/types.rs:7")
        );
        assert!(log.contains("warning: unused") && log.contains("error[E0412]"));
    }
}
