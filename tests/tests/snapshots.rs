//! Snapshot tests of generated code: one small fixture model per feature, plus
//! the slice of GameLift that `StartMatchBackfill` reaches. Review changes with
//! `cargo insta review`.

use std::path::{Path, PathBuf};

use smithy_codegen::Builder;

fn models() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models")
}

/// The single-file output for a fixture (plus any extra files merged into it),
/// with the codecs of both directions.
fn generate_fixture(name: &str, extra: &[&str]) -> String {
    let mut builder = Builder::new().model(models().join(format!("fixtures/{name}.json")));
    for file in extra {
        builder = builder.model(models().join(format!("fixtures/{file}.json")));
    }
    let output = builder
        .server_codecs(true)
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
fixture_snapshot!(rest_json_http_bindings, "rest_bindings");
fixture_snapshot!(waiters_acceptors_and_methods, "waitable");

/// The `paginators` module of the paginators fixture: string and map tokens, nested paths,
/// list and map items, page sizes of each integer type (the rest of the fixture is like others).
#[test]
fn paginators_module() {
    let file = generate_fixture("paginators", &[]);
    let start = file
        .find("pub mod paginators {")
        .expect("a paginators module");
    let end = file[start..]
        .find("\n}\n")
        .map_or(file.len(), |end| start + end + 3);
    insta::assert_snapshot!("paginators_module", &file[start..end]);
}

#[test]
fn gamelift_start_match_backfill_slice() {
    let output = Builder::new()
        .model(models().join("gamelift.json"))
        .operations(["StartMatchBackfill"])
        .generate_single_file()
        .expect("GameLift generates");
    insta::assert_snapshot!("gamelift_start_match_backfill", output.files[0].contents);
}

/// A client crate has codecs for its own direction; the other direction sits in
/// `server_json` behind the `server-codecs` feature, off unless asked for.
#[test]
fn server_codecs_are_behind_a_feature() {
    let builder = Builder::new()
        .model(models().join("gamelift.json"))
        .operations(["StartMatchBackfill"]);
    let file = |output: &smithy_codegen::Output, path: &str| {
        output
            .files
            .iter()
            .find(|f| f.path == Path::new(path))
            .unwrap_or_else(|| panic!("{path} is generated"))
            .contents
            .clone()
    };
    let client = builder
        .clone()
        .generate_crate()
        .expect("GameLift generates");
    let manifest = file(&client, "Cargo.toml");
    assert!(
        manifest.contains("[features]\ndefault = []\nserver-codecs = []\n"),
        "{manifest}"
    );
    assert!(file(&client, "src/lib.rs")
        .contains("#[cfg(feature = \"server-codecs\")]\n#[rustfmt::skip]\npub mod server_json;"));
    let decode_input = "JsonDecode for super::types::StartMatchBackfillInput";
    let encode_output = "JsonEncode for super::types::StartMatchBackfillOutput";
    let json = file(&client, "src/json.rs");
    let server = file(&client, "src/server_json.rs");
    assert!(!json.contains(decode_input) && !json.contains(encode_output));
    assert!(server.contains(decode_input) && server.contains(encode_output));
    // Shared types (in both input and output) are in the client module, once.
    assert!(json.contains("JsonDecode for super::types::Player {"));
    assert!(json.contains("JsonEncode for super::types::Player {"));
    assert!(!server.contains("super::types::Player {"));

    let with = builder
        .clone()
        .server_codecs(true)
        .generate_crate()
        .expect("GameLift generates");
    assert!(file(&with, "Cargo.toml").contains("default = [\"server-codecs\"]\n"));
    let single = |b: Builder| {
        b.generate_single_file().expect("generates").files[0]
            .contents
            .clone()
    };
    assert!(!single(builder.clone()).contains("mod server_json"));
    assert!(single(builder.server_codecs(true)).contains("pub mod server_json {"));

    // Protocol tests build their inputs as values: they need no server codecs.
    let tests = Builder::new()
        .model(models().join("protocol-tests.json"))
        .service("aws.protocoltests.json10#JsonRpc10")
        .operations(["EndpointWithHostLabelOperation"])
        .protocol_tests(true)
        .generate_crate()
        .expect("protocol tests generate");
    assert!(file(&tests, "Cargo.toml").contains("default = []\n"));
    assert!(
        file(&tests, "src/lib.rs").contains("#[cfg(test)]\n#[rustfmt::skip]\nmod protocol_tests;")
    );
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

/// restXml: namespaces, attributes, flattened maps with `@xmlName` keys, and errors decoded
/// from `<ErrorResponse><Error>` with members bound to headers.
#[test]
fn rest_xml_codecs_and_errors() {
    let output = Builder::new()
        .model(models().join("protocol-tests.json"))
        .service("aws.protocoltests.restxml#RestXml")
        .operations([
            "XmlNamespaces",
            "XmlAttributesOnPayload",
            "FlattenedXmlMapWithXmlName",
            "GreetingWithErrors",
        ])
        .generate_single_file()
        .expect("RestXml generates");
    insta::assert_snapshot!("rest_xml_slice", output.files[0].contents);
}

/// awsQuery and ec2Query: form keys of nested lists and maps, wrapped results, and
/// `@awsQueryError` codes.
#[test]
fn query_forms_and_errors() {
    for (service, operation, snapshot) in [
        (
            "aws.protocoltests.query#AwsQuery",
            ["QueryMaps", "GreetingWithErrors"],
            "aws_query_slice",
        ),
        (
            "aws.protocoltests.ec2#AwsEc2",
            ["QueryLists", "GreetingWithErrors"],
            "ec2_query_slice",
        ),
    ] {
        let output = Builder::new()
            .model(models().join("protocol-tests.json"))
            .service(service)
            .operations(operation)
            .generate_single_file()
            .expect("query service generates");
        insta::assert_snapshot!(snapshot, output.files[0].contents);
    }
}

/// `Hash` on structures is the crate's off-by-default `hash` feature, and a single file's
/// option; enums have it either way.
#[test]
fn structure_hash_is_a_feature() {
    let builder = Builder::new()
        .model(models().join("gamelift.json"))
        .operations(["StartMatchBackfill"]);
    let crate_file = |b: Builder, path: &str| {
        b.generate_crate()
            .expect("GameLift generates")
            .files
            .into_iter()
            .find(|f| f.path == Path::new(path))
            .unwrap_or_else(|| panic!("{path} is generated"))
            .contents
    };
    let single = |b: Builder| {
        b.generate_single_file().expect("generates").files[0]
            .contents
            .clone()
    };
    let structure =
        "#[derive(Clone, PartialEq, Debug)]\n#[cfg_attr(feature = \"hash\", derive(Hash))]\n";
    let hashed_structure = "#[derive(Clone, PartialEq, Hash, Debug)]";
    let enum_derives = "#[derive(Clone, PartialEq, Eq, Hash)]";

    let manifest = crate_file(builder.clone(), "Cargo.toml");
    assert!(
        manifest.contains("default = []\n") && manifest.contains("\nhash = []\n"),
        "{manifest}"
    );
    let types = crate_file(builder.clone(), "src/types.rs");
    assert!(types.contains(structure) && !types.contains(hashed_structure));
    assert!(types.contains(enum_derives));
    let manifest = crate_file(builder.clone().hash(true), "Cargo.toml");
    assert!(manifest.contains("default = [\"hash\"]\n"), "{manifest}");

    let plain = single(builder.clone());
    assert!(!plain.contains("Hash, Debug)]") && !plain.contains("feature = \"hash\""));
    assert!(plain.contains(enum_derives));
    assert!(single(builder.hash(true)).contains(hashed_structure));
}
