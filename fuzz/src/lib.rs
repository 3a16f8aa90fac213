//! The fuzz targets' bodies. The harness lives with the normal test suite
//! (`tests/tests/hostile/mod.rs`), whose `hostile_input` test runs the same checks for a few
//! seconds in every `cargo test`; here libFuzzer drives them for as long as you like.

#[path = "../../tests/tests/hostile/mod.rs"]
pub mod hostile;

pub use hostile::{
    cbor_outputs, error_decoders, gamelift_outputs, idl_parser, model_loader, model_mutation,
    rest_xml_outputs,
};
