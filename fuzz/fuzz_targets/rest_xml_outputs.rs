#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| smithy_fuzz::rest_xml_outputs(data));
