//! Exercises the `build.rs` API for real: generates a GameLift operation subset
//! and every fixture model into `OUT_DIR`; `src/lib.rs` includes them, so the
//! generated code must compile (and stay warning-free under `-D warnings`).

use std::path::Path;

#[path = "build/botocore_protocol_tests.rs"]
mod botocore_protocol_tests;
#[path = "build/gamelift_newest.rs"]
mod gamelift_newest;

use botocore_protocol_tests::Direction;

/// Fixture models and the extra files merged into them.
const FIXTURES: &[(&str, &[&str])] = &[
    ("collisions", &[]),
    ("docs", &[]),
    ("endpoint_bindings", &[]),
    ("enums", &[]),
    ("mixins", &[]),
    ("multi_a", &["multi_b"]),
    ("query_compatible", &[]),
    ("recursion", &[]),
    ("renames", &[]),
    ("rest_bindings", &[]),
    ("scalars", &[]),
    ("sensitive", &[]),
    ("sparse", &[]),
    ("unions", &[]),
    ("v1", &[]),
    ("waitable", &[]),
];

/// Services of `models/protocol-tests.json` whose compliance cases run with
/// `cargo test` (see `src/lib.rs`).
const PROTOCOL_TEST_SERVICES: &[(&str, &str)] = &[
    (
        "aws.protocoltests.json#JsonProtocol",
        "protocol_tests_aws_json_1_1.rs",
    ),
    (
        "aws.protocoltests.json10#JsonRpc10",
        "protocol_tests_aws_json_1_0.rs",
    ),
    (
        "aws.protocoltests.restjson#RestJson",
        "protocol_tests_rest_json.rs",
    ),
    ("com.amazonaws.glacier#Glacier", "protocol_tests_glacier.rs"),
    (
        "com.amazonaws.apigateway#BackplaneControlService",
        "protocol_tests_api_gateway.rs",
    ),
    (
        "aws.protocoltests.restxml#RestXml",
        "protocol_tests_rest_xml.rs",
    ),
    (
        "aws.protocoltests.restxml.xmlns#RestXmlWithNamespace",
        "protocol_tests_rest_xml_namespace.rs",
    ),
    // With S3's endpoint rules from its real model (models/s3-endpoint-rules.json), as the
    // addressing cases need.
    ("com.amazonaws.s3#AmazonS3", "protocol_tests_s3.rs"),
    (
        "aws.protocoltests.query#AwsQuery",
        "protocol_tests_aws_query.rs",
    ),
    (
        "aws.protocoltests.ec2#AwsEc2",
        "protocol_tests_ec2_query.rs",
    ),
];

/// Smithy's rpcv2 compliance suites (`models/rpcv2-protocol-tests/<dir>/`, IDL): the
/// directory, the service whose cases run with `cargo test`, and the file in `OUT_DIR`.
const RPCV2_SUITES: &[(&str, &str, &str)] = &[
    (
        "rpcv2Cbor",
        "smithy.protocoltests.rpcv2Cbor#RpcV2Protocol",
        "protocol_tests_rpcv2_cbor.rs",
    ),
    (
        "rpcv2Json",
        "smithy.protocoltests.rpcv2Json#RpcV2JsonProtocol",
        "protocol_tests_rpcv2_json.rs",
    ),
];

/// botocore's protocol test files (`models/botocore-protocol-tests/{input,output}/<file>.json`)
/// run through the botocore front end: (file, module in `src/lib.rs`). Both files of a protocol
/// make one generated service (their types compiled once) whose cases print
/// `botocore <file> (input, output): N passed, …`.
const BOTOCORE_PROTOCOL_FILES: &[(&str, &str)] = &[
    ("ec2", "ec2_query"),
    ("json", "aws_json_1_1"),
    ("json_1_0", "aws_json_1_0"),
    ("json_1_0-query-compatible", "aws_json_1_0_query_compatible"),
    ("query", "aws_query"),
    ("rest-json", "rest_json"),
    ("rest-xml", "rest_xml"),
    ("smithy-rpc-v2-cbor", "rpcv2_cbor"),
    (
        "smithy-rpc-v2-cbor-non-query-compatible",
        "rpcv2_cbor_non_query_compatible",
    ),
    (
        "smithy-rpc-v2-cbor-query-compatible",
        "rpcv2_cbor_query_compatible",
    ),
];

/// Real AWS models of the sweep's fast sample (`models/sweep-sample/`), one per
/// protocol, with the operations to compile (empty: all); `src/lib.rs` includes
/// each as `sweep_sample::<name with _>`. Route 53 alone would double this
/// crate's size, so it is cut to the record-set and hosted-zone calls
/// (`tests/tests/sweep_sample.rs` generates it whole).
const SWEEP_SAMPLE: &[(&str, &[&str])] = &[
    ("appconfigdata", &[]),
    ("dynamodb-streams", &[]),
    ("inspector-scan", &[]),
    (
        "route-53",
        &[
            "ChangeResourceRecordSets",
            "ChangeTagsForResource",
            "CreateHostedZone",
            "GetHostedZone",
            "ListResourceRecordSets",
        ],
    ),
    ("sts", &[]),
];

/// Real AWS models the end-to-end tests call on moto: (model in `models/`, file in
/// `OUT_DIR`, operations to generate). Cut to the calls the tests make: the whole of both
/// (58k generated lines instead of 12k) adds ~20% to a clean build of this crate.
const E2E_SERVICES: &[(&str, &str, &[&str])] = &[
    (
        "dynamodb",
        "e2e_dynamodb.rs",
        &[
            "CreateTable",
            "DescribeTable",
            "PutItem",
            "GetItem",
            "Query",
            "DeleteItem",
            "DeleteTable",
            "ListTables",
        ],
    ),
    (
        "cloudwatch-logs",
        "e2e_cloudwatch_logs.rs",
        &[
            "CreateLogGroup",
            "CreateLogStream",
            "PutLogEvents",
            "GetLogEvents",
            "DescribeLogGroups",
            "DeleteLogStream",
            "DeleteLogGroup",
        ],
    ),
];

/// The GameLift operations the consumer uses.
const GAMELIFT_OPERATIONS: &[&str] = &[
    "StartMatchBackfill",
    "DescribeGameSessions",
    "CreateGameSession",
];

fn main() -> Result<(), smithy_codegen::Error> {
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models");
    // With GameLift's endpoint cases, which were written against the partition data of
    // 2025-09 (see models/README.md).
    smithy_codegen::Builder::new()
        .model(models.join("gamelift.json"))
        .operations(GAMELIFT_OPERATIONS.iter().copied())
        .endpoint_tests(true)
        .partitions(models.join("partitions-2025-09.json"))
        .serde(true)
        .generate_to_out_dir("gamelift_subset.rs")?;
    for (name, extra) in FIXTURES {
        let mut builder =
            smithy_codegen::Builder::new().model(models.join(format!("fixtures/{name}.json")));
        for file in *extra {
            builder = builder.model(models.join(format!("fixtures/{file}.json")));
        }
        // Fixtures are decoded and encoded both ways by the behaviour tests; the
        // client-only form (what a user gets by default) must compile too.
        builder
            .clone()
            .generate_to_out_dir(&format!("fixture_client_{name}.rs"))?;
        // Fixtures with endpoint rules run their endpoint test cases too; serde's traits are
        // derived for the round trips of `tests/tests/serde.rs`, `Hash` for its `HashSet`s.
        builder
            .server_codecs(true)
            .endpoint_tests(true)
            .serde(true)
            .hash(true)
            .generate_to_out_dir(&format!("fixture_{name}.rs"))?;
    }
    // Paginated operations (`tests/tests/paginators.rs`). The fixture's invalid `@paginated`
    // settings are deliberate (codegen's unit tests check their warnings): written directly,
    // so that they do not come back as `cargo:warning`s on every build.
    let paginators = models.join("fixtures/paginators.json");
    println!("cargo:rerun-if-changed={}", paginators.display());
    let out_dir = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    smithy_codegen::Builder::new()
        .model(paginators)
        .server_codecs(true)
        .write_single_file(out_dir.join("fixture_paginators.rs"))?;
    for (service, file) in PROTOCOL_TEST_SERVICES {
        let mut builder = smithy_codegen::Builder::new().model(models.join("protocol-tests.json"));
        if service.starts_with("com.amazonaws.s3#") {
            builder = builder.model(models.join("s3-endpoint-rules.json"));
        }
        builder
            .service(*service)
            .protocol_tests(true)
            .generate_to_out_dir(file)?;
    }
    let suites = models.join("rpcv2-protocol-tests");
    println!("cargo:rerun-if-changed={}", suites.display());
    for (dir, service, file) in RPCV2_SUITES {
        smithy_codegen::Builder::new()
            .model(suites.join(dir))
            .model(suites.join("shared-types.smithy"))
            .service(*service)
            .protocol_tests(true)
            .generate_to_out_dir(file)?;
    }
    for (name, operations) in SWEEP_SAMPLE {
        let mut builder =
            smithy_codegen::Builder::new().model(models.join(format!("sweep-sample/{name}.json")));
        if !operations.is_empty() {
            builder = builder.operations(operations.iter().copied());
        }
        builder.generate_to_out_dir(&format!("sweep_{}.rs", name.replace('-', "_")))?;
    }
    // The services the end-to-end tests call on moto (`tests/tests/support/moto.rs`).
    for (name, file, operations) in E2E_SERVICES {
        let mut builder = smithy_codegen::Builder::new().model(models.join(format!("{name}.json")));
        if !operations.is_empty() {
            builder = builder.operations(operations.iter().copied());
        }
        builder.generate_to_out_dir(file)?;
    }
    // S3's GetObject and PutObject with S3's real endpoint rules, for the presigned URLs
    // (`tests/tests/presign.rs`).
    smithy_codegen::Builder::new()
        .model(models.join("s3-presign.json"))
        .generate_to_out_dir("s3_presign.rs")?;
    // The hostile-input harness's restXml slice (`tests/hostile/xml.rs`), with the encoders of
    // outputs for its round trips; `fuzz/build.rs` generates the same.
    smithy_codegen::Builder::new()
        .model(models.join("protocol-tests.json"))
        .service("aws.protocoltests.restxml#RestXml")
        .operations(include_str!("tests/hostile/rest_xml_operations.txt").lines())
        .server_codecs(true)
        .generate_to_out_dir("hostile_rest_xml.rs")?;
    // The rpcv2Cbor slice of the same harness (`tests/hostile/cbor.rs`), with the encoders of
    // outputs; `fuzz/build.rs` generates the same.
    smithy_codegen::Builder::new()
        .model(models.join("rpcv2-protocol-tests/rpcv2Cbor"))
        .model(models.join("rpcv2-protocol-tests/shared-types.smithy"))
        .server_codecs(true)
        .generate_to_out_dir("hostile_rpcv2_cbor.rs")?;
    botocore_protocol_tests(&models)?;
    gamelift_newest(&models)?;
    write_gamelift_operation_list(
        &[models.join("gamelift.json")],
        "for_each_gamelift_operation",
        "gamelift_operations.rs",
    )?;
    write_gamelift_operation_list(
        &[models.join(gamelift_newest::SERVICE)],
        "for_each_newest_gamelift_operation",
        "gamelift_newest_operations.rs",
    )?;
    Ok(())
}

/// The newest GameLift (botocore 1.44.8) in each protocol it lists, with botocore's own
/// requests as compliance cases (`build/gamelift_newest.rs`) and the codecs of both
/// directions for the round trips (`src/gamelift_newest.rs`).
fn gamelift_newest(models: &Path) -> Result<(), smithy_codegen::Error> {
    for file in [gamelift_newest::FIXTURES, gamelift_newest::SERVICE] {
        println!("cargo:rerun-if-changed={}", models.join(file).display());
    }
    let (ast, _, _) =
        gamelift_newest::model_with_fixtures(models).map_err(smithy_codegen::Error::new)?;
    let builder = smithy_codegen::Builder::new()
        .model_source("gamelift-newest.json", ast)
        .server_codecs(true)
        .protocol_tests(true);
    // rpcv2Cbor: the protocol the generator picks for it (first in the priority).
    builder
        .clone()
        .protocol_test_summary("GameLift rpcv2Cbor requests vs botocore")
        .generate_to_out_dir("gamelift_newest_cbor.rs")?;
    builder
        .protocol("awsJson1_1")
        .protocol_test_summary("GameLift awsJson1_1 requests vs botocore")
        .generate_to_out_dir("gamelift_newest_json.rs")?;
    Ok(())
}

/// Converts botocore's protocol test files (see `build/botocore_protocol_tests.rs`) and
/// generates each with its compliance cases.
fn botocore_protocol_tests(models: &Path) -> Result<(), smithy_codegen::Error> {
    let dir = models.join("botocore-protocol-tests");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let io = |e: std::io::Error| smithy_codegen::Error::new(e.to_string());
    for (file, module) in BOTOCORE_PROTOCOL_FILES {
        let files: Vec<_> = [Direction::Input, Direction::Output]
            .into_iter()
            .map(|direction| {
                let path = dir.join(direction.dir()).join(format!("{file}.json"));
                println!("cargo:rerun-if-changed={}", path.display());
                (path, direction)
            })
            .collect();
        let summary = format!("botocore {file} (input, output)");
        let converted = botocore_protocol_tests::convert(&files, &format!("botocore {file}"))
            .map_err(smithy_codegen::Error::new)?;
        let name = format!("botocore_{module}");
        let ast_path = out.join(format!("{name}.json"));
        let text = serde_json::to_string_pretty(&converted.ast)
            .map_err(|e| smithy_codegen::Error::new(e.to_string()))?;
        if std::fs::read_to_string(&ast_path).ok().as_deref() != Some(text.as_str()) {
            std::fs::write(&ast_path, text).map_err(io)?;
        }
        smithy_codegen::Builder::new()
            .model(&ast_path)
            .service(converted.service)
            .protocol_tests(true)
            .protocol_test_summary(summary)
            .generate_to_out_dir(&format!("{name}.rs"))?;
    }
    Ok(())
}

/// `<name>!(m)` (`for_each_gamelift_operation!`) calls `m!(Operation, "Error1", "Error2", …)`
/// for every GameLift operation of `model`, so tests cover all of them without a hand-kept
/// list.
fn write_gamelift_operation_list(
    model: &[std::path::PathBuf],
    name: &str,
    file: &str,
) -> Result<(), smithy_codegen::Error> {
    let model = smithy_codegen::model::load_files(model)?;
    let service = smithy_codegen::ir::resolve(&model, &Default::default())?;
    let mut calls = String::new();
    for op in &service.operations {
        let errors: Vec<String> = op
            .errors
            .iter()
            .filter_map(|id| service.types.get(id))
            .map(|def| format!("{:?}", def.name))
            .collect();
        calls.push_str(&format!(
            "        $m!({}, [{}]);\n",
            op.type_name,
            errors.join(", ")
        ));
    }
    let text = format!("macro_rules! {name} {{\n    ($m:ident) => {{\n{calls}    }};\n}}\n");
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    std::fs::write(out.join(file), text)
        .map_err(|e| smithy_codegen::Error::new(format!("cannot write the operation list: {e}")))
}
