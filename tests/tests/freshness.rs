//! The committed `generated/gamelift` crate must be exactly what the generator
//! produces now. On failure, regenerate with the README's command.

use std::path::Path;

use smithy_codegen::Builder;

#[test]
fn committed_gamelift_crate_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    // Same settings as the README's generate command.
    let output = Builder::new()
        .model(root.join("models/gamelift.json"))
        .crate_name("gamelift")
        .runtime_path("../../runtime")
        .generate_crate()
        .expect("GameLift generates");
    let crate_dir = root.join("generated/gamelift");
    let mut stale = Vec::new();
    for file in &output.files {
        let committed = std::fs::read_to_string(crate_dir.join(&file.path)).unwrap_or_default();
        if committed != file.contents {
            stale.push(file.path.display().to_string());
        }
    }
    let committed_sources: Vec<String> = std::fs::read_dir(crate_dir.join("src"))
        .map(|entries| {
            entries
                .flatten()
                .map(|e| format!("src/{}", e.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default();
    for path in committed_sources {
        if !output.files.iter().any(|f| f.path == Path::new(&path)) {
            stale.push(format!("{path} (no longer generated)"));
        }
    }
    assert!(
        stale.is_empty(),
        "generated/gamelift is stale: {stale:?}; run the README's generate command and commit"
    );
}

/// The STS client compiled into the runtime for its credential providers
/// (`runtime/src/credentials/sts_client.rs`) must be what the generator produces now:
/// `smithy-codegen generate models/sts.json --operations AssumeRole,AssumeRoleWithWebIdentity
/// --single-file --out runtime/src/credentials/sts_client.rs`.
#[test]
fn runtime_sts_client_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let output = Builder::new()
        .model(root.join("models/sts.json"))
        .operations(["AssumeRole", "AssumeRoleWithWebIdentity"])
        .generate_single_file()
        .expect("STS generates");
    let committed = std::fs::read_to_string(root.join("runtime/src/credentials/sts_client.rs"))
        .unwrap_or_default();
    assert!(
        output.files.len() == 1 && committed == output.files[0].contents,
        "runtime/src/credentials/sts_client.rs is stale: regenerate it with the command above"
    );
}
