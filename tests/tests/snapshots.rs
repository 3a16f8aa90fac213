//! Snapshot tests of generated code: one small fixture model per feature, plus
//! the slice of GameLift that `StartMatchBackfill` reaches. Review changes with
//! `cargo insta review`.

use std::path::{Path, PathBuf};

use smithy_codegen::Builder;

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models")
}

/// The single-file output for a fixture (plus any extra files merged into it).
fn generate_fixture(name: &str, extra: &[&str]) -> String {
    let mut builder = Builder::new().model(models().join(format!("fixtures/{name}.json")));
    for file in extra {
        builder = builder.model(models().join(format!("fixtures/{file}.json")));
    }
    let output = builder
        .generate_single_file()
        .unwrap_or_else(|e| panic!("fixture {name} failed: {e}"));
    output.files[0].contents.clone()
}

macro_rules! fixture_snapshot {
    ($test:ident, $name:literal $(, $extra:literal)*) => {
        #[test]
        fn $test() {
            insta::assert_snapshot!($name, generate_fixture($name, &[$($extra),*]));
        }
    };
}

fixture_snapshot!(odd_enum_values, "enums");
fixture_snapshot!(unions, "unions");
fixture_snapshot!(recursion_is_boxed, "recursion");
fixture_snapshot!(keyword_and_std_name_collisions, "collisions");
fixture_snapshot!(sparse_collections, "sparse");
fixture_snapshot!(mixins_are_flattened, "mixins");
fixture_snapshot!(documentation, "docs");
fixture_snapshot!(sensitive_members_are_redacted, "sensitive");
fixture_snapshot!(all_scalar_kinds_and_optionality, "scalars");
fixture_snapshot!(idl_v1_model, "v1");
fixture_snapshot!(renames_resources_and_service_errors, "renames");
fixture_snapshot!(several_model_files_merge, "multi_a", "multi_b");

#[test]
fn gamelift_start_match_backfill_slice() {
    let output = Builder::new()
        .model(models().join("gamelift.json"))
        .operations(["StartMatchBackfill"])
        .generate_single_file()
        .expect("GameLift generates");
    insta::assert_snapshot!("gamelift_start_match_backfill", output.files[0].contents);
}

#[test]
fn generation_is_deterministic() {
    let first = generate_fixture("recursion", &[]);
    for _ in 0..3 {
        assert_eq!(generate_fixture("recursion", &[]), first);
    }
}

#[test]
fn protocol_compliance_cases_of_one_operation() {
    let output = Builder::new()
        .model(models().join("protocol-tests.json"))
        .service("aws.protocoltests.json10#JsonRpc10")
        .operations(["EndpointWithHostLabelOperation"])
        .protocol_tests(true)
        .generate_single_file()
        .expect("JsonRpc10 generates");
    insta::assert_snapshot!("protocol_tests_json10_host_label", output.files[0].contents);
}
