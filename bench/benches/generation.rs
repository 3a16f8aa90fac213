//! Where generation time goes: parsing, IR, emission and formatting, measured
//! from outside the library through its public API (it has no timing hooks).
//!
//! - parse  = `model::load_sources` (JSON, merge, prelude, `apply`, mixins, checks)
//! - IR     = `ir::resolve` on the loaded model
//! - all    = `Builder::model_source(..).generate_single_file()`: parse + IR +
//!   emission + formatting, on one thread (`generate_crate`, the CLI's pipeline,
//!   emits and formats its modules on parallel threads, so its wall time cannot
//!   be split into stages; it is reported on its own line)
//! - format ≈ `syn::parse2` + `prettyplease::unparse` of the generated file,
//!   re-tokenized from its text (an approximation: the real pipeline formats
//!   the token streams `quote!` built, before they ever become text)
//! - emission = all − parse − IR − format
//!
//! GameLift is measured in `ROUNDS` interleaved rounds (medians reported); with
//! `../shared/aws-models.tar.gz` present (or a path in `SMITHY_MODELS`), every
//! model in it is measured once per stage and the stages are summed.
//!
//! Run: `cargo bench -p smithy-bench --bench generation`

use std::hint::black_box;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use smithy_codegen::model::{load_sources, Source};
use smithy_codegen::{ir, Builder};

const ROUNDS: usize = 15;

#[derive(Default, Clone, Copy)]
struct Stages {
    parse: Duration,
    ir: Duration,
    all: Duration,
    format: Duration,
    /// `generate_crate` (parallel modules): not a stage, not part of the shares.
    krate: Duration,
}

impl Stages {
    fn add(&mut self, other: &Stages) {
        self.parse += other.parse;
        self.ir += other.ir;
        self.all += other.all;
        self.format += other.format;
        self.krate += other.krate;
    }
}

/// One measurement of every stage of one model; `Err` names the failing stage.
fn measure(name: &str, text: &str) -> Result<(Stages, usize), String> {
    let source = Source {
        path: PathBuf::from(format!("{name}.json")),
        text: text.to_owned(),
    };
    let t = Instant::now();
    let model = load_sources(std::slice::from_ref(&source)).map_err(|e| format!("parse: {e}"))?;
    let parse = t.elapsed();

    let t = Instant::now();
    let service = ir::resolve(&model, &ir::Selection::default()).map_err(|e| format!("IR: {e}"))?;
    let ir = t.elapsed();
    black_box(&service);
    drop((service, model));

    let builder = Builder::new().model_source(source.path.clone(), text);
    let t = Instant::now();
    let output = builder
        .generate_single_file()
        .map_err(|e| format!("generate: {e}"))?;
    let all = t.elapsed();

    let t = Instant::now();
    black_box(
        builder
            .generate_crate()
            .map_err(|e| format!("generate crate: {e}"))?,
    );
    let krate = t.elapsed();

    // Formatting approximation: tokenizing the text is not timed.
    let mut format = Duration::ZERO;
    let mut lines = 0;
    for file in output
        .files
        .iter()
        .filter(|f| f.path.extension().is_some_and(|e| e == "rs"))
    {
        lines += file.contents.lines().count();
        let tokens: proc_macro2::TokenStream = file
            .contents
            .parse()
            .map_err(|e| format!("re-tokenize {}: {e:?}", file.path.display()))?;
        let t = Instant::now();
        let parsed: syn::File = syn::parse2(tokens).map_err(|e| format!("re-parse: {e}"))?;
        black_box(prettyplease::unparse(&parsed));
        format += t.elapsed();
    }
    Ok((
        Stages {
            parse,
            ir,
            all,
            format,
            krate,
        },
        lines,
    ))
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn report(title: &str, s: &Stages) {
    let all = ms(s.all);
    let emit = (all - ms(s.parse) - ms(s.ir) - ms(s.format)).max(0.0);
    println!("{title}");
    println!("  {:<26} {:>10} {:>7}", "stage", "ms", "share");
    for (stage, t) in [
        ("parse (load_sources)", ms(s.parse)),
        ("IR (ir::resolve)", ms(s.ir)),
        ("emission (rest)", emit),
        ("formatting (≈, syn+pp)", ms(s.format)),
    ] {
        println!("  {stage:<26} {t:>10.1} {:>6.1}%", 100.0 * t / all);
    }
    println!(
        "  {:<26} {all:>10.1} {:>6.1}%",
        "all (single file, serial)", 100.0
    );
    println!(
        "  {:<26} {:>10.1}   (the CLI's pipeline: modules on parallel threads, wall time)",
        "generate_crate",
        ms(s.krate)
    );
}

fn gamelift(root: &Path) {
    let path = root.join("models/gamelift.json");
    let text = std::fs::read_to_string(&path).expect("models/gamelift.json");
    let mut rounds = Vec::new();
    let mut lines = 0;
    for _ in 0..ROUNDS {
        let (s, l) = measure("gamelift", &text).unwrap_or_else(|e| panic!("gamelift: {e}"));
        lines = l;
        rounds.push(s);
    }
    let med = Stages {
        parse: median(rounds.iter().map(|s| s.parse).collect()),
        ir: median(rounds.iter().map(|s| s.ir).collect()),
        all: median(rounds.iter().map(|s| s.all).collect()),
        format: median(rounds.iter().map(|s| s.format).collect()),
        krate: median(rounds.iter().map(|s| s.krate).collect()),
    };
    let best = rounds.iter().map(|s| s.all).min().unwrap_or_default();
    let best_crate = rounds.iter().map(|s| s.krate).min().unwrap_or_default();
    report(
        &format!(
            "GameLift ({} KB of JSON → {lines} lines), median of {ROUNDS} rounds \
             (best: serial {:.1} ms, generate_crate {:.1} ms):",
            text.len() / 1024,
            ms(best),
            ms(best_crate)
        ),
        &med,
    );
}

fn read_tarball(path: &Path) -> std::io::Result<Vec<(String, String)>> {
    let file = std::fs::File::open(path)?;
    let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(file));
    let mut models = Vec::new();
    for entry in archive.entries()? {
        let mut entry = entry?;
        let name = entry.path()?.to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".json") else {
            continue;
        };
        let stem = stem.rsplit('/').next().unwrap_or(stem).to_owned();
        let mut text = String::new();
        entry.read_to_string(&mut text)?;
        models.push((stem, text));
    }
    models.sort();
    Ok(models)
}

fn all_models(path: &Path) {
    let models = match read_tarball(path) {
        Ok(m) => m,
        Err(e) => {
            println!("skipping all models: cannot read {}: {e}", path.display());
            return;
        }
    };
    let mut total = Stages::default();
    let mut failed = Vec::new();
    let mut lines = 0;
    let started = Instant::now();
    for (name, text) in &models {
        match std::panic::catch_unwind(|| measure(name, text)) {
            Ok(Ok((s, l))) => {
                total.add(&s);
                lines += l;
            }
            Ok(Err(e)) => failed.push(format!("{name}: {e}")),
            Err(_) => failed.push(format!("{name}: panicked")),
        }
    }
    report(
        &format!(
            "All models of {} ({} models, {} measured, {lines} lines; one model at a time, \
             one round, stages summed; bench wall {:.1} s):",
            path.display(),
            models.len(),
            models.len() - failed.len(),
            started.elapsed().as_secs_f64()
        ),
        &total,
    );
    for f in &failed {
        println!("  not measured: {}", f.lines().next().unwrap_or(f));
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let root = root.canonicalize().unwrap_or(root);
    let tarball = std::env::var_os("SMITHY_MODELS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/aws-models.tar.gz"));
    let tarball = tarball.canonicalize().unwrap_or(tarball);
    // Models nest deeply; give the work a generous stack like the sweep does.
    std::thread::Builder::new()
        .stack_size(256 << 20)
        .spawn(move || {
            gamelift(&root);
            println!();
            if tarball.is_file() {
                all_models(&tarball);
            } else {
                println!("all models: {} not found, skipped", tarball.display());
            }
        })
        .expect("spawn")
        .join()
        .expect("generation bench panicked");
}
