//! The fast sample of the coverage sweep: a handful of small, diverse, real AWS
//! models (`models/sweep-sample/`, see its README) run through
//! `smithy_codegen::sweep` exactly as `smithy-codegen sweep` runs the full set.
//! `build.rs` also generates them with `generate_to_out_dir` and `src/lib.rs`
//! includes them, so they compile (warning-free) with the rest of this package.
//!
//! The full sweep over all 402 models needs `../shared`: `scripts/full-sweep`.

use std::path::Path;

use smithy_codegen::ir::Protocol;
use smithy_codegen::sweep::{self, Config};

#[test]
fn every_sample_model_generates() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/sweep-sample");
    let models = sweep::read_models(&dir).expect("the sample models are readable");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("sweep-sample");
    let config = Config {
        jobs: 1,
        ..Config::new(&out)
    };
    let mut report = Vec::new();
    let summary = sweep::run(&models, &config, &mut report).expect("the sweep runs");
    let report = String::from_utf8(report).expect("the report is UTF-8");
    assert!(summary.success(), "{report}");
    assert_eq!(summary.ok, models.len(), "{report}");
    assert!(
        report.contains(&format!("sweep: {} ok, 0 failed in ", models.len())),
        "{report}"
    );

    // The sample covers every protocol that real AWS models use (awsJson1_1 is
    // covered by GameLift).
    for protocol in [
        Protocol::AwsJson1_0,
        Protocol::RestJson1,
        Protocol::RestXml,
        Protocol::AwsQuery,
    ] {
        let tag = format!(" {:<11} ", protocol.name());
        assert!(
            report.contains(&tag),
            "no {} model: {report}",
            protocol.name()
        );
    }
}

/// Every crate has the types, `to_value` and the error decoders; one whose
/// protocol the generator speaks (awsJson, restJson1) has operations and a
/// client, and the others' crate docs say what is not generated.
#[test]
fn crates_say_what_their_protocol_lacks() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/sweep-sample");
    for (model, protocol, operations) in [
        ("route-53", "restXml", false),
        ("sts", "awsQuery", false),
        ("inspector-scan", "restJson1", true),
        ("appconfigdata", "restJson1", true),
        ("dynamodb-streams", "awsJson1_0", true),
    ] {
        let output = smithy_codegen::Builder::new()
            .model(dir.join(format!("{model}.json")))
            .generate_crate()
            .unwrap_or_else(|e| panic!("{model} generates: {e}"));
        let file = |name: &str| {
            output
                .files
                .iter()
                .find(|f| f.path == Path::new(name))
                .map(|f| f.contents.as_str())
        };
        for module in ["src/types.rs", "src/values.rs", "src/errors.rs"] {
            assert!(file(module).is_some(), "{model} has {module}");
        }
        let lib = file("src/lib.rs").expect("a crate has src/lib.rs");
        assert!(
            lib.contains(&format!("Protocol: {protocol}.")),
            "{model}: {lib}"
        );
        assert_eq!(
            lib.contains(&format!("Not generated for {protocol}:")),
            !operations,
            "{model} says what is not generated: {lib}"
        );
        for module in ["src/operations.rs", "src/client.rs"] {
            assert_eq!(file(module).is_some(), operations, "{model}: {module}");
        }
    }
}
