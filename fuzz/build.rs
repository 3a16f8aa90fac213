//! Generates the restXml slice the `rest_xml_outputs` target decodes (and the rpcv2Cbor service
//! `cbor_outputs` decodes), as `tests/build.rs` does
//! for the test suite (the harness in `tests/tests/hostile/xml.rs` includes it from `OUT_DIR`).

use std::path::Path;

fn main() -> Result<(), smithy_codegen::Error> {
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models");
    smithy_codegen::Builder::new()
        .model(models.join("protocol-tests.json"))
        .service("aws.protocoltests.restxml#RestXml")
        .operations(include_str!("../tests/tests/hostile/rest_xml_operations.txt").lines())
        .server_codecs(true)
        .generate_to_out_dir("hostile_rest_xml.rs")?;
    // And the rpcv2Cbor compliance service the `cbor_outputs` target decodes.
    smithy_codegen::Builder::new()
        .model(models.join("rpcv2-protocol-tests/rpcv2Cbor"))
        .model(models.join("rpcv2-protocol-tests/shared-types.smithy"))
        .server_codecs(true)
        .generate_to_out_dir("hostile_rpcv2_cbor.rs")?;
    Ok(())
}
