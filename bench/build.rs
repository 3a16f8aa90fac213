//! Generates the S3 slice the XML decoding benchmark reads (`ListObjectsV2` of the S3 service in
//! `models/protocol-tests.json`) into `OUT_DIR`; `benches/decode_xml.rs` includes it.

use std::path::Path;

fn main() -> Result<(), smithy_codegen::Error> {
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../models");
    smithy_codegen::Builder::new()
        .model(models.join("protocol-tests.json"))
        .service("com.amazonaws.s3#AmazonS3")
        .operations(["ListObjectsV2"])
        .generate_to_out_dir("s3_list_objects.rs")?;
    Ok(())
}
