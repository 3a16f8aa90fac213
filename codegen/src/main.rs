//! The `smithy-codegen` command line: a thin wrapper over [`smithy_codegen::Builder`].

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Parser, Subcommand};
use smithy_codegen::Builder;

// Generation is allocation-heavy (token streams, syntax trees): mimalloc makes
// the CLI noticeably faster than the system allocator. The library leaves the
// allocator to whoever links it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "smithy-codegen",
    version,
    about = "Generate Rust clients from Smithy models (IDL, JSON AST, botocore JSON)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Generate a Rust crate (or one `include!`-able file) from Smithy models.
    Generate(GenerateArgs),
    /// Generate every model of a directory or tarball (a coverage sweep); one
    /// line per model, then `sweep: N ok, M failed in T s`.
    Sweep(SweepArgs),
    /// Print the loaded, merged model as Smithy JSON AST 2.0 (like `smithy ast`): mixins
    /// flattened, `apply` applied, without the prelude's own shapes.
    Ast(AstArgs),
}

#[derive(clap::Args)]
struct AstArgs {
    /// Model files (`.smithy`, `.json`, botocore `service-2.json[.gz]`) or directories of them.
    #[arg(required = true, value_name = "MODEL")]
    models: Vec<PathBuf>,
    /// Write the JSON here instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

#[derive(clap::Args)]
struct SweepArgs {
    /// A directory of `.json` models (searched recursively), a `.tar.gz` of them, or a botocore
    /// `data/` directory (each service's newest api-version, `.json` or `.json.gz`).
    #[arg(value_name = "DIR_OR_TARBALL")]
    input: PathBuf,
    /// Directory for the generated crates (default: `smithy-codegen-sweep` in
    /// the system's temporary directory).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// `cargo check` this many generated crates (every protocol first, then the
    /// largest), or `all`, in one workspace with one shared target directory.
    #[arg(long, value_name = "N|all")]
    check: Option<smithy_codegen::sweep::CheckSelection>,
    /// Models generated at once, and `cargo check --jobs` (default: the number of cores).
    #[arg(long, value_name = "J")]
    jobs: Option<usize>,
    /// `smithy-runtime` path for the generated crates (default: this
    /// checkout's `runtime/`, as an absolute path).
    #[arg(long, value_name = "PATH")]
    runtime_path: Option<String>,
    /// Also evaluate every `smithy.rules#endpointTests` case of every model with the rules
    /// engine (no compilation), ending with `endpoint tests: N passed, M failed, K skipped in T s`.
    #[arg(long)]
    endpoint_tests: bool,
    /// AWS partition data for the endpoint rules (Smithy's `partitions.json` format) instead of
    /// the runtime's bundled copy.
    #[arg(long, value_name = "FILE")]
    partitions: Option<PathBuf>,
    /// Older partition data for the endpoint cases written against it (the ISO-partition cases
    /// of the models listed in `codegen/src/sweep/endpoints.rs`; `models/partitions-iso-single-stack.json`);
    /// without it those cases are skipped.
    #[arg(long, value_name = "FILE")]
    era_partitions: Option<PathBuf>,
}

#[derive(clap::Args)]
struct GenerateArgs {
    /// Model files (Smithy IDL `.smithy`, JSON AST `.json`, botocore `service-2.json[.gz]`) or
    /// directories of `.smithy`/`.json` files; all are merged into one model.
    #[arg(required = true, value_name = "MODEL")]
    models: Vec<PathBuf>,
    /// Output directory for the crate (`Cargo.toml` + `src/`), or the output
    /// file with --single-file.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The service shape id (e.g. `com.amazonaws.gamelift#GameLift`); needed
    /// when the model defines more than one service.
    #[arg(long, value_name = "SHAPE_ID")]
    service: Option<String>,
    /// Generate only these operations (comma-separated names) and the shapes they reach.
    #[arg(long, value_name = "Op1,Op2,...", value_delimiter = ',')]
    operations: Option<Vec<String>>,
    /// The protocol to generate for (`rpcv2Cbor`, `awsJson1_1`, …), among those the service
    /// declares; by default the first the generator supports, rpcv2Cbor first.
    #[arg(long, value_name = "NAME")]
    protocol: Option<String>,
    /// Package name of the generated crate (default: the service name in snake_case).
    #[arg(long, value_name = "NAME")]
    crate_name: Option<String>,
    /// Path of `smithy-runtime` for the generated Cargo.toml's path dependency
    /// (relative to the generated crate); without it the crates.io version is used.
    #[arg(long, value_name = "PATH")]
    runtime_path: Option<String>,
    /// Write one `include!`-able `.rs` file at --out instead of a crate.
    #[arg(long)]
    single_file: bool,
    /// Also generate the model's client protocol compliance cases as `#[test]`s.
    #[arg(long)]
    protocol_tests: bool,
    /// Also generate the JSON codecs a client does not need (decoders for
    /// inputs, encoders for outputs): on by default in a crate (its
    /// `server-codecs` feature), present at all in a single file.
    #[arg(long)]
    server_codecs: bool,
    /// Derive serde's `Serialize` and `Deserialize` for every type. A crate always declares its
    /// `serde` feature, off by default; this turns it on by default. A single file derives them
    /// only with this flag (its includer then depends on `serde` with `derive` and on
    /// `smithy-runtime` with `serde`).
    #[arg(long)]
    serde: bool,
    /// Derive `Hash` for every structure and union whose members allow it (enums always have
    /// it). A crate always declares its `hash` feature, off by default; this turns it on by
    /// default. A single file derives it only with this flag.
    #[arg(long)]
    hash: bool,
    /// Also generate the model's endpoint rule cases (`smithy.rules#endpointTests`) as `#[test]`s.
    #[arg(long)]
    endpoint_tests: bool,
    /// AWS partition data for the endpoint rules (Smithy's `partitions.json` format), embedded
    /// instead of the runtime's bundled copy.
    #[arg(long, value_name = "FILE")]
    partitions: Option<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Generate(args) => generate(args),
        Command::Sweep(args) => return sweep(args),
        Command::Ast(args) => ast(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

fn generate(args: GenerateArgs) -> Result<(), smithy_codegen::Error> {
    let started = Instant::now();
    let mut builder = Builder::new();
    for model in args.models {
        builder = builder.model(model);
    }
    if let Some(service) = args.service {
        builder = builder.service(service);
    }
    if let Some(operations) = args.operations {
        builder = builder.operations(operations);
    }
    if let Some(protocol) = args.protocol {
        builder = builder.protocol(protocol);
    }
    if let Some(name) = args.crate_name {
        builder = builder.crate_name(name);
    }
    if let Some(path) = args.runtime_path {
        builder = builder.runtime_path(path);
    }
    if let Some(path) = args.partitions {
        builder = builder.partitions(path);
    }
    builder = builder
        .protocol_tests(args.protocol_tests)
        .server_codecs(args.server_codecs)
        .serde(args.serde)
        .hash(args.hash)
        .endpoint_tests(args.endpoint_tests);
    let output = if args.single_file {
        builder.write_single_file(&args.out)?
    } else {
        builder.write_crate(&args.out)?
    };
    for warning in &output.warnings {
        eprintln!("warning: {warning}");
    }
    eprintln!(
        "generated {}: {} structures, {} enums, {} unions, {} operations ({} paginated), {} lines in {} ms",
        args.out.display(),
        output.structures,
        output.enums,
        output.unions,
        output.operations,
        output.paginators,
        output.lines(),
        started.elapsed().as_millis()
    );
    Ok(())
}

fn ast(args: AstArgs) -> Result<(), smithy_codegen::Error> {
    let model = smithy_codegen::model::load_files(&args.models)?;
    let mut json = serde_json::to_string_pretty(&smithy_codegen::model::to_json_ast(&model))
        .map_err(|e| smithy_codegen::Error::new(format!("cannot write the JSON AST: {e}")))?;
    json.push('\n');
    match args.out {
        Some(path) => std::fs::write(&path, json).map_err(|e| {
            smithy_codegen::Error::new(format!("cannot write the JSON AST: {e}")).with_file(&path)
        }),
        None => {
            use std::io::Write;
            match std::io::stdout().write_all(json.as_bytes()) {
                // `smithy-codegen ast m.smithy | head` is not a failure.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                result => result.map_err(|e| {
                    smithy_codegen::Error::new(format!("cannot write the JSON AST: {e}"))
                }),
            }
        }
    }
}

fn sweep(args: SweepArgs) -> ExitCode {
    use smithy_codegen::sweep;

    let out = args
        .out
        .unwrap_or_else(|| std::env::temp_dir().join("smithy-codegen-sweep"));
    let mut config = sweep::Config::new(out);
    config.check = args.check;
    if let Some(jobs) = args.jobs {
        config.jobs = jobs.max(1);
    }
    if args.runtime_path.is_some() {
        config.runtime_path = args.runtime_path;
    }
    config.endpoint_tests = args.endpoint_tests;
    for (path, slot) in [
        (args.partitions, &mut config.partitions),
        (args.era_partitions, &mut config.era_partitions),
    ] {
        let Some(path) = path else { continue };
        match std::fs::read_to_string(&path) {
            Ok(json) => *slot = Some(json),
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    }
    let result = sweep::read_models(&args.input)
        .and_then(|models| sweep::run(&models, &config, &mut std::io::stdout()));
    match result {
        Ok(summary) if summary.success() => ExitCode::SUCCESS,
        Ok(_) => ExitCode::FAILURE,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}
