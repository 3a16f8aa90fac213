//! The newest GameLift (botocore 1.44.8's `models/botocore/gamelift/service-2.json`) with
//! botocore's own requests attached as compliance cases.
//!
//! `models/botocore/gamelift-rpcv2cbor-fixtures.json` holds fixed inputs and the requests
//! botocore's serializers made of them (`scripts/botocore-cbor-fixtures.py`). Each fixture
//! becomes a `smithy.test#httpRequestTests` case on its operation, once per protocol botocore
//! serialized it in: rpcv2Cbor (`<id>Cbor`, the body as base64 CBOR, compared as decoded data
//! items) and awsJson1_1 (`<id>Json`, the body as JSON text, compared as parsed JSON). A
//! generated crate runs the cases of the protocol it speaks (`ir/protocol_tests.rs`), so the
//! usual `--protocol-tests` path compares the generated request with botocore's: method, path,
//! every header botocore set, the body. The other protocol's header is forbidden
//! (`X-Amz-Target` in rpcv2Cbor, `smithy-protocol` in awsJson1_1): botocore did not send it.

use std::path::Path;

use serde_json::{json, Value};

/// The fixture file, relative to `models/`.
pub const FIXTURES: &str = "botocore/gamelift-rpcv2cbor-fixtures.json";
/// botocore's GameLift service description, relative to `models/`.
pub const SERVICE: &str = "botocore/gamelift/service-2.json";

/// The Smithy JSON AST of botocore's GameLift with the fixtures' cases attached, as text, and
/// the number of fixtures each protocol got.
pub fn model_with_fixtures(models: &Path) -> Result<(String, usize, usize), String> {
    let fixtures_path = models.join(FIXTURES);
    let text = std::fs::read_to_string(&fixtures_path)
        .map_err(|e| format!("{}: {e}", fixtures_path.display()))?;
    let fixtures: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", fixtures_path.display()))?;
    let model =
        smithy_codegen::model::load_files(&[models.join(SERVICE)]).map_err(|e| e.to_string())?;
    let service = model
        .services()
        .next()
        .ok_or("botocore's GameLift has no service")?
        .id
        .to_string();
    let namespace = service.split('#').next().unwrap_or_default().to_owned();
    let mut ast = smithy_codegen::model::to_json_ast(&model);
    let shapes = ast
        .get_mut("shapes")
        .and_then(Value::as_object_mut)
        .ok_or("the AST has no shapes")?;
    let (mut cbor, mut json_cases) = (0, 0);
    for fixture in fixtures["fixtures"]
        .as_array()
        .ok_or("the fixture file has no `fixtures` list")?
    {
        let field = |name: &str| {
            fixture[name]
                .as_str()
                .map(str::to_owned)
                .ok_or_else(|| format!("a fixture has no `{name}`: {fixture}"))
        };
        let (id, operation) = (field("id")?, field("operation")?);
        let mut cases = Vec::new();
        cases.push(case(
            &format!("{id}Cbor"),
            "smithy.protocols#rpcv2Cbor",
            &fixture["rpcv2Cbor"],
            "application/cbor",
            "X-Amz-Target",
            &fixture["params"],
        )?);
        cbor += 1;
        if !fixture["awsJson1_1"].is_null() {
            cases.push(case(
                &format!("{id}Json"),
                "aws.protocols#awsJson1_1",
                &fixture["awsJson1_1"],
                "application/json",
                "smithy-protocol",
                &fixture["params"],
            )?);
            json_cases += 1;
        }
        let shape_id = format!("{namespace}#{operation}");
        let traits = shapes
            .get_mut(&shape_id)
            .and_then(Value::as_object_mut)
            .ok_or_else(|| format!("fixture {id}: no operation {shape_id}"))?
            .entry("traits")
            .or_insert_with(|| json!({}))
            .as_object_mut()
            .ok_or("traits are not an object")?;
        traits
            .entry("smithy.test#httpRequestTests")
            .or_insert_with(|| json!([]))
            .as_array_mut()
            .ok_or("a test trait is not a list")?
            .extend(cases);
    }
    let text = serde_json::to_string_pretty(&ast).map_err(|e| e.to_string())?;
    Ok((text, cbor, json_cases))
}

/// One request case from botocore's serialized request.
fn case(
    id: &str,
    protocol: &str,
    request: &Value,
    media_type: &str,
    forbidden: &str,
    params: &Value,
) -> Result<Value, String> {
    let text = |name: &str| {
        request[name]
            .as_str()
            .ok_or_else(|| format!("{id}: the request has no `{name}`"))
    };
    Ok(json!({
        "id": id,
        "protocol": protocol,
        "documentation": "What botocore 1.44.8's serializer sent for these params.",
        "method": text("method")?,
        "uri": text("path")?,
        "headers": request["headers"],
        "forbidHeaders": [forbidden],
        "body": text("body")?,
        "bodyMediaType": media_type,
        "params": params,
    }))
}
