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

/// Every crate has the types, `to_value`, the error decoders, operations and a client, and its
/// crate docs name the protocol and its codec modules.
#[test]
fn every_sample_crate_has_its_protocol_codecs_and_operations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/sweep-sample");
    for (model, protocol, codecs) in [
        (
            "route-53",
            "restXml",
            &["src/xml.rs", "src/http_bindings.rs"][..],
        ),
        ("sts", "awsQuery", &["src/xml.rs", "src/query.rs"]),
        ("inspector-scan", "restJson1", &["src/json.rs"]),
        (
            "appconfigdata",
            "restJson1",
            &["src/json.rs", "src/http_bindings.rs"],
        ),
        ("dynamodb-streams", "awsJson1_0", &["src/json.rs"]),
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
        let modules = ["types", "values", "errors", "operations", "client"];
        for module in modules.iter().map(|m| format!("src/{m}.rs")) {
            assert!(file(&module).is_some(), "{model} has {module}");
        }
        for module in codecs {
            assert!(file(module).is_some(), "{model} has {module}");
        }
        let lib = file("src/lib.rs").expect("a crate has src/lib.rs");
        assert!(
            lib.contains(&format!("Protocol: {protocol}.")),
            "{model}: {lib}"
        );
        assert!(!lib.contains("Not generated for"), "{model}: {lib}");
        let xml = protocol == "restXml" || protocol == "awsQuery";
        let errors = file("src/errors.rs").expect("checked above");
        assert!(errors.contains("pub fn from_xml("), "{model}");
        assert_eq!(errors.contains("pub fn from_json("), !xml, "{model}");
    }
}

/// A service without a protocol the generator knows gets its types, values, JSON codecs and
/// errors, and its crate docs say what is missing. (rpcv2Cbor, the last protocol in this state,
/// now has operations: `rpcv2_cbor_crate_has_operations`.)
#[test]
fn a_crate_says_what_its_protocol_lacks() {
    let model = r#"{
        "smithy": "2.0",
        "shapes": {
            "example#Bare": {
                "type": "service",
                "version": "1",
                "operations": [{"target": "example#Ping"}]
            },
            "example#Ping": {"type": "operation"}
        }
    }"#;
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-protocol-model.json");
    std::fs::write(&path, model).expect("the model is written");
    let output = smithy_codegen::Builder::new()
        .model(&path)
        .generate_crate()
        .expect("a model without a protocol generates");
    let paths: Vec<_> = output.files.iter().map(|f| f.path.clone()).collect();
    assert!(
        paths.contains(&Path::new("src/json.rs").to_path_buf()),
        "{paths:?}"
    );
    assert!(
        !paths.contains(&Path::new("src/operations.rs").to_path_buf()),
        "{paths:?}"
    );
    let lib = output
        .files
        .iter()
        .find(|f| f.path == Path::new("src/lib.rs"))
        .expect("a crate has src/lib.rs");
    assert!(
        lib.contents
            .contains("Not generated for none: request serialization"),
        "{}",
        lib.contents
    );
}

/// An rpcv2Cbor service gets CBOR codecs, operations and a client, and its `Cargo.toml` turns
/// on the runtime's `cbor` feature.
#[test]
fn rpcv2_cbor_crate_has_operations() {
    let model = r#"{
        "smithy": "2.0",
        "shapes": {
            "example#Cbor": {
                "type": "service",
                "version": "1",
                "operations": [{"target": "example#Ping"}],
                "traits": {"smithy.protocols#rpcv2Cbor": {}}
            },
            "example#Ping": {"type": "operation"}
        }
    }"#;
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join("rpcv2-cbor-model.json");
    std::fs::write(&path, model).expect("the model is written");
    let output = smithy_codegen::Builder::new()
        .model(&path)
        .generate_crate()
        .expect("an rpcv2Cbor model generates");
    let file = |name: &str| {
        output
            .files
            .iter()
            .find(|f| f.path == Path::new(name))
            .map(|f| f.contents.as_str())
    };
    for name in ["src/cbor.rs", "src/operations.rs", "src/client.rs"] {
        assert!(file(name).is_some(), "{name}");
    }
    assert!(file("src/json.rs").is_none());
    let cargo = file("Cargo.toml").expect("a crate has Cargo.toml");
    assert!(cargo.contains("\"cbor\""), "{cargo}");
    let lib = file("src/lib.rs").expect("a crate has src/lib.rs");
    assert!(lib.contains("Protocol: rpcv2Cbor."), "{lib}");
    let operations = file("src/operations.rs").expect("checked above");
    // No input: no body.
    let call: String = operations.split_whitespace().collect();
    assert!(
        call.contains("rpc_v2_cbor_request(\"Cbor\",\"Ping\",::std::option::Option::None,)"),
        "{operations}"
    );
}
