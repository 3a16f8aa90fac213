//! Which protocol a service declaring several gets: rpcv2Cbor first by default, or the one
//! `Builder::protocol` names, which the service must declare.

use smithy_codegen::Builder;

/// A service with one operation and the protocol traits `protocols` (shape ids).
fn model(protocols: &[&str]) -> String {
    let traits: Vec<String> = protocols.iter().map(|p| format!("\"{p}\": {{}}")).collect();
    format!(
        r#"{{ "smithy": "2.0", "shapes": {{
            "ex#Svc": {{ "type": "service", "version": "1", "operations": [{{ "target": "ex#Op" }}],
                "traits": {{ {} }} }},
            "ex#Op": {{ "type": "operation", "input": {{ "target": "ex#In" }} }},
            "ex#In": {{ "type": "structure", "members": {{ "a": {{ "target": "smithy.api#String" }} }} }}
        }} }}"#,
        traits.join(", ")
    )
}

/// The generated crate's `lib.rs`, or the generator's error.
fn lib_rs(protocols: &[&str], chosen: Option<&str>) -> Result<String, String> {
    let mut builder = Builder::new().model_source("svc.json", model(protocols));
    if let Some(name) = chosen {
        builder = builder.protocol(name);
    }
    let output = builder.generate_crate().map_err(|e| e.to_string())?;
    let lib = output
        .files
        .iter()
        .find(|f| f.path.ends_with("src/lib.rs"))
        .expect("a lib.rs");
    Ok(lib.contents.clone())
}

const BOTH: &[&str] = &["aws.protocols#awsJson1_1", "smithy.protocols#rpcv2Cbor"];

#[test]
fn rpcv2_cbor_comes_first_and_the_crate_says_so() {
    let lib = lib_rs(BOTH, None).unwrap();
    assert!(lib.contains("Protocol: rpcv2Cbor."), "{lib}");
    assert!(lib.contains("pub mod cbor"), "{lib}");
    let lib = lib_rs(&["aws.protocols#awsJson1_1"], None).unwrap();
    assert!(lib.contains("Protocol: awsJson1_1."), "{lib}");
}

#[test]
fn the_builder_overrides_the_choice() {
    let lib = lib_rs(BOTH, Some("awsJson1_1")).unwrap();
    assert!(lib.contains("Protocol: awsJson1_1."), "{lib}");
    assert!(!lib.contains("pub mod cbor"), "{lib}");
    let lib = lib_rs(BOTH, Some("smithy.protocols#rpcv2Cbor")).unwrap();
    assert!(lib.contains("Protocol: rpcv2Cbor."), "{lib}");
}

#[test]
fn a_protocol_the_service_does_not_declare_is_an_error_listing_its_protocols() {
    let error = lib_rs(BOTH, Some("restXml")).unwrap_err();
    assert!(
        error
            .contains("does not declare the protocol restXml (it declares: rpcv2Cbor, awsJson1_1)"),
        "{error}"
    );
    let error = lib_rs(BOTH, Some("soap")).unwrap_err();
    assert!(error.contains("unknown protocol `soap`"), "{error}");
}
