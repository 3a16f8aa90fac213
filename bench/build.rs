//! Generates into `OUT_DIR` the S3 slice the XML decoding benchmark reads (`ListObjectsV2` of
//! the S3 service in `models/protocol-tests.json`; `benches/decode_xml.rs` includes it) and the
//! rpcv2Cbor GameLift slice of the CBOR one (`benches/decode_cbor.rs`).

use std::path::Path;

fn main() -> Result<(), smithy_codegen::Error> {
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models");
    smithy_codegen::Builder::new()
        .model(models.join("protocol-tests.json"))
        .service("com.amazonaws.s3#AmazonS3")
        .operations(["ListObjectsV2"])
        .generate_to_out_dir("s3_list_objects.rs")?;
    // GameLift of botocore 1.44.8 as rpcv2Cbor (the protocol the generator picks for it), for
    // `benches/decode_cbor.rs`.
    smithy_codegen::Builder::new()
        .model(models.join("botocore/gamelift/service-2.json"))
        .operations(["DescribeGameSessionDetails"])
        .protocol("rpcv2Cbor")
        .generate_to_out_dir("gamelift_cbor.rs")?;
    Ok(())
}
