//! Generated code under test. Each module includes one file that `build.rs`
//! produced with `smithy_codegen::Builder::generate_to_out_dir`.

// Generated code documents every public item: a missing doc is a generator bug.
#![deny(missing_docs)]

/// GameLift, restricted to the operations listed in `build.rs`.
pub mod gamelift {
    include!(concat!(env!("OUT_DIR"), "/gamelift_subset.rs"));
}

/// Amazon DynamoDB (awsJson1_0), generated from `models/dynamodb.json` for the
/// end-to-end tests against moto: the operations listed in `build.rs`.
pub mod dynamodb {
    include!(concat!(env!("OUT_DIR"), "/e2e_dynamodb.rs"));
}

/// Amazon CloudWatch Logs (awsJson1_1), generated from `models/cloudwatch-logs.json` for
/// the end-to-end tests against moto: the operations listed in `build.rs`.
pub mod cloudwatch_logs {
    include!(concat!(env!("OUT_DIR"), "/e2e_cloudwatch_logs.rs"));
}

/// Amazon S3's `GetObject` and `PutObject` with S3's real endpoint rules
/// (`models/s3-presign.json`), for the presigned-URL tests.
pub mod s3_presign {
    include!(concat!(env!("OUT_DIR"), "/s3_presign.rs"));
}

/// One module per fixture model, each including `<prefix><name>.rs` from `OUT_DIR`.
macro_rules! fixture_modules {
    ($prefix:literal, $note:literal) => {
        fixture_modules!(
            $prefix, $note;
            collisions, docs, endpoint_bindings, enums, mixins, multi_a, query_compatible, recursion, renames,
            rest_bindings, scalars, sensitive, sparse, unions, v1, waitable,
        );
    };
    ($prefix:literal, $note:literal; $($name:ident),* $(,)?) => {
        $(
            #[doc = concat!("Generated from `models/fixtures/", stringify!($name), ".json`", $note, ".")]
            pub mod $name {
                include!(concat!(env!("OUT_DIR"), "/", $prefix, stringify!($name), ".rs"));
            }
        )*
    };
}

/// One module per fixture model in `models/fixtures/`, with the codecs of both directions.
pub mod fixtures {
    fixture_modules!("fixture_", "");
}

/// The same fixtures as users get them by default: without `server-codecs`
/// (only the client's direction of JSON codecs). Compiled, not exercised.
pub mod client_only_fixtures {
    fixture_modules!("fixture_client_", ", client codecs only");
}

/// Generated from `models/fixtures/paginators.json`: paginated operations (settings merged from
/// the service, nested paths, map results) and invalid `@paginated` settings left out.
pub mod paginated {
    include!(concat!(env!("OUT_DIR"), "/fixture_paginators.rs"));
}

/// The official protocol compliance services, generated with `protocol_tests(true)`:
/// their cases run as this crate's unit tests, and each prints a summary line
/// `<service>: N passed, M failed, K skipped`.
pub mod protocol_tests {
    /// `aws.protocoltests.json#JsonProtocol` (awsJson1_1).
    pub mod aws_json_1_1 {
        include!(concat!(env!("OUT_DIR"), "/protocol_tests_aws_json_1_1.rs"));
    }

    /// `aws.protocoltests.json10#JsonRpc10` (awsJson1_0).
    pub mod aws_json_1_0 {
        include!(concat!(env!("OUT_DIR"), "/protocol_tests_aws_json_1_0.rs"));
    }

    /// `aws.protocoltests.restjson#RestJson` (restJson1).
    pub mod rest_json {
        include!(concat!(env!("OUT_DIR"), "/protocol_tests_rest_json.rs"));
    }

    /// `com.amazonaws.glacier#Glacier` (restJson1 with Glacier's customizations).
    pub mod glacier {
        include!(concat!(env!("OUT_DIR"), "/protocol_tests_glacier.rs"));
    }

    /// `com.amazonaws.apigateway#BackplaneControlService` (restJson1 with API Gateway's
    /// customization).
    pub mod api_gateway {
        include!(concat!(env!("OUT_DIR"), "/protocol_tests_api_gateway.rs"));
    }

    /// `aws.protocoltests.restxml#RestXml` (restXml).
    pub mod rest_xml {
        include!(concat!(env!("OUT_DIR"), "/protocol_tests_rest_xml.rs"));
    }

    /// `aws.protocoltests.restxml.xmlns#RestXmlWithNamespace` (restXml with a service-wide
    /// `@xmlNamespace`).
    pub mod rest_xml_namespace {
        include!(concat!(
            env!("OUT_DIR"),
            "/protocol_tests_rest_xml_namespace.rs"
        ));
    }

    /// `com.amazonaws.s3#AmazonS3` (restXml with S3's customizations).
    pub mod s3 {
        include!(concat!(env!("OUT_DIR"), "/protocol_tests_s3.rs"));
    }

    /// `aws.protocoltests.query#AwsQuery` (awsQuery).
    pub mod aws_query {
        include!(concat!(env!("OUT_DIR"), "/protocol_tests_aws_query.rs"));
    }

    /// `aws.protocoltests.ec2#AwsEc2` (ec2Query).
    pub mod ec2_query {
        include!(concat!(env!("OUT_DIR"), "/protocol_tests_ec2_query.rs"));
    }

    /// `smithy.protocoltests.rpcv2Cbor#RpcV2Protocol` (rpcv2Cbor), from Smithy's IDL suite in
    /// `models/rpcv2-protocol-tests/`.
    pub mod rpcv2_cbor {
        include!(concat!(env!("OUT_DIR"), "/protocol_tests_rpcv2_cbor.rs"));
    }

    /// `smithy.protocoltests.rpcv2Json#RpcV2JsonProtocol` (rpcv2Json), from the same suite.
    pub mod rpcv2_json {
        include!(concat!(env!("OUT_DIR"), "/protocol_tests_rpcv2_json.rs"));
    }
}

/// botocore's own protocol tests (`models/botocore-protocol-tests/`), converted by
/// `build.rs` through the botocore front end into services with Smithy compliance cases: one
/// module per protocol (both its files), each printing `botocore <file> (input, output): N
/// passed, …`. Only the unit tests use them, so only the test build compiles them.
#[cfg(test)]
pub mod botocore_protocol_tests {
    macro_rules! botocore_protocols {
        ($($name:ident),* $(,)?) => {
            $(
                #[doc = concat!("The `", stringify!($name), "` files of `input/` and `output/`.")]
                pub mod $name {
                    include!(concat!(env!("OUT_DIR"), "/botocore_", stringify!($name), ".rs"));
                }
            )*
        };
    }
    botocore_protocols!(
        ec2_query,
        aws_json_1_1,
        aws_json_1_0,
        aws_json_1_0_query_compatible,
        aws_query,
        rest_json,
        rest_xml,
        rpcv2_cbor,
        rpcv2_cbor_non_query_compatible,
        rpcv2_cbor_query_compatible
    );

    /// Every skip entry of botocore's converted services names a case of its file (a renamed or
    /// removed case would leave a stale entry behind).
    #[test]
    fn botocore_skip_entries_name_cases() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../models/botocore-protocol-tests");
        let mut ids = std::collections::BTreeSet::new();
        for direction in ["input", "output"] {
            for entry in std::fs::read_dir(dir.join(direction)).unwrap() {
                let path = entry.unwrap().path();
                let file = path.file_stem().unwrap().to_string_lossy().into_owned();
                let namespace: String = format!("botocore {file}")
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
                let text = std::fs::read_to_string(&path).unwrap();
                let suites: serde_json::Value = serde_json::from_str(&text).unwrap();
                for suite in suites.as_array().unwrap() {
                    for case in suite["cases"].as_array().unwrap() {
                        let id = case["id"].as_str().unwrap().to_owned();
                        ids.insert((format!("com.amazonaws.{namespace}"), id, direction));
                    }
                }
            }
        }
        let mut checked = 0;
        for (namespace, id, side, _) in smithy_codegen::ir::SKIPPED_PROTOCOL_TESTS {
            if !namespace.starts_with("com.amazonaws.botocore") {
                continue;
            }
            let direction = match side {
                smithy_codegen::ir::Side::Request => "input",
                smithy_codegen::ir::Side::Response => "output",
            };
            let key = (namespace.to_string(), id.to_string(), direction);
            assert!(ids.contains(&key), "no botocore case {key:?}");
            checked += 1;
        }
        assert!(checked > 0, "no botocore entries in the skip list");
    }
}

#[cfg(test)]
pub mod gamelift_newest;

/// The real AWS models of `models/sweep-sample/` (one per protocol), compiled
/// here so the sweep's fast sample also proves that their code builds.
pub mod sweep_sample {
    macro_rules! sample {
        ($($name:ident),* $(,)?) => {
            $(
                #[doc = concat!("Generated from `models/sweep-sample/` (`", stringify!($name), "`).")]
                pub mod $name {
                    include!(concat!(env!("OUT_DIR"), "/sweep_", stringify!($name), ".rs"));
                }
            )*
        };
    }
    sample!(
        appconfigdata,
        dynamodb_streams,
        inspector_scan,
        route_53,
        sts
    );
}
