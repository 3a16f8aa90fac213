//! A `build.rs` consumer rebuilds when its model changes and not otherwise.
//!
//! A tiny crate (written under `target/tmp/rebuild-consumer/`, built with its own target dir
//! there, which later runs reuse) generates its client in `build.rs` with
//! `smithy_codegen::Builder` (`default-features = false`, as the README tells users) from
//! `model.json`. Its build script appends a line to `runs.log` each time it runs. Three builds:
//!
//! 1. with the first model (the script runs unless an earlier run left this model in place);
//! 2. unchanged: the script must not run, and the crate must not be recompiled;
//! 3. with a model that gains a member: the script must run once, the generated code must
//!    change (the new member is there) and the crate is recompiled.
//!
//! Everything runs offline, with the workspace's `Cargo.lock`, so the dependencies cargo already
//! fetched for the workspace are the ones used.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant, SystemTime};

use serde_json::{json, Value};

/// The model: one awsJson1_0 operation; `with_count` adds a member.
fn model(with_count: bool) -> String {
    let mut input = json!({
        "type": "structure",
        "members": { "message": { "target": "smithy.api#String" } }
    });
    if with_count {
        input["members"]["count"] = json!({
            "target": "smithy.api#Integer",
            "traits": { "smithy.api#documentation": "How many times." }
        });
    }
    let model = json!({
        "smithy": "2.0",
        "shapes": {
            "example.rebuild#Echo": {
                "type": "service",
                "version": "2024-01-01",
                "operations": [{ "target": "example.rebuild#Ping" }],
                "traits": { "aws.protocols#awsJson1_0": {} }
            },
            "example.rebuild#Ping": {
                "type": "operation",
                "input": { "target": "example.rebuild#PingInput" },
                "output": { "target": "smithy.api#Unit" }
            },
            "example.rebuild#PingInput": input
        }
    });
    serde_json::to_string_pretty(&model).unwrap()
}

const BUILD_RS: &str = r#"fn main() -> Result<(), smithy_codegen::Error> {
    use std::io::Write;
    let log = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("runs.log");
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(log).unwrap();
    writeln!(file, "run").unwrap();
    smithy_codegen::Builder::new()
        .model("model.json")
        .generate_to_out_dir("echo.rs")?;
    Ok(())
}
"#;

const LIB_RS: &str = r#"pub mod echo {
    include!(concat!(env!("OUT_DIR"), "/echo.rs"));
}
"#;

/// Writes `contents` unless the file holds it already (keeping its modification time).
fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
}

fn runs(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("runs.log"))
        .map(|log| log.lines().count())
        .unwrap_or(0)
}

/// What one `cargo build` did.
struct Build {
    /// The consumer's library was compiled (not fresh).
    compiled: bool,
    /// The generated file.
    generated: String,
    seconds: f64,
}

fn build(dir: &Path, target: &Path) -> Build {
    let started = Instant::now();
    let output = Command::new(env!("CARGO"))
        .args(["build", "--offline", "--message-format=json"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // The outer build's settings are not this crate's.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .unwrap();
    let seconds = started.elapsed().as_secs_f64();
    assert!(
        output.status.success(),
        "the consumer does not build:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut compiled = None;
    let mut out_dir = None;
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let ours = message["package_id"]
            .as_str()
            .is_some_and(|id| id.contains("rebuild-consumer"));
        if !ours {
            continue;
        }
        match message["reason"].as_str() {
            Some("compiler-artifact") if message["target"]["kind"][0] == "lib" => {
                compiled = message["fresh"].as_bool().map(|fresh| !fresh);
            }
            Some("build-script-executed") => {
                out_dir = message["out_dir"].as_str().map(PathBuf::from);
            }
            _ => {}
        }
    }
    let out_dir = out_dir.expect("no build-script-executed message for the consumer");
    Build {
        compiled: compiled.expect("no compiler-artifact message for the consumer's library"),
        generated: std::fs::read_to_string(out_dir.join("echo.rs")).unwrap(),
        seconds,
    }
}

#[test]
fn build_rs_consumer_rebuilds_when_the_model_changes_and_only_then() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let workspace = workspace.canonicalize().unwrap();
    let base = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rebuild-consumer");
    let dir = base.join("crate");
    let target = base.join("target");
    let manifest = format!(
        r#"[package]
name = "rebuild-consumer"
version = "0.0.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
smithy-runtime = {{ path = "{runtime}", default-features = false }}

[build-dependencies]
smithy-codegen = {{ path = "{codegen}", default-features = false }}
"#,
        runtime = workspace.join("runtime").display(),
        codegen = workspace.join("codegen").display(),
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    if !dir.join("Cargo.lock").exists() {
        std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    }
    write_if_changed(&dir.join("build.rs"), BUILD_RS);
    write_if_changed(&dir.join("src/lib.rs"), LIB_RS);
    write_if_changed(&dir.join("model.json"), &model(false));

    let first = build(&dir, &target);
    assert!(first.generated.contains("pub struct PingInput"));
    assert!(!first.generated.contains("pub count"));
    let runs_before = runs(&dir);
    assert!(runs_before > 0, "the build script never ran");

    let unchanged = build(&dir, &target);
    assert_eq!(
        runs(&dir),
        runs_before,
        "the build script ran again with nothing changed"
    );
    assert!(
        !unchanged.compiled,
        "the crate was recompiled with nothing changed"
    );
    assert_eq!(unchanged.generated, first.generated);

    write_if_changed(&dir.join("model.json"), &model(true));
    // Newer than anything cargo recorded even where file times are coarse (whole seconds).
    std::fs::File::options()
        .write(true)
        .open(dir.join("model.json"))
        .and_then(|f| f.set_modified(SystemTime::now() + Duration::from_secs(2)))
        .unwrap();
    let changed = build(&dir, &target);
    assert_eq!(
        runs(&dir),
        runs_before + 1,
        "the build script did not run once after the model changed"
    );
    assert!(changed.compiled, "the crate was not recompiled");
    assert_ne!(changed.generated, first.generated);
    assert!(changed.generated.contains("pub count"));

    // Leave the first model in place for the next run.
    write_if_changed(&dir.join("model.json"), &model(false));
    let line = format!(
        "build.rs consumer: first build {:.1} s, unchanged {:.1} s, model changed {:.1} s\n",
        first.seconds, unchanged.seconds, changed.seconds
    );
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
}
