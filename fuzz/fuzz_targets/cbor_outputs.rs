#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smithy_fuzz::cbor_outputs(data));
