//! Unit tests of the botocore front end: the mapping of small services, and bad input (one-line
//! errors naming the file and the shape, never a panic).

use std::path::{Path, PathBuf};

use serde_json::{json, Value};

use super::{is_botocore, to_ast, Siblings};
use crate::model::{load_sources, Source};

const FILE: &str = "data/svc/2020-01-01/service-2.json";

/// A small restJson1 service with one operation.
fn service() -> Value {
    json!({
        "version": "2.0",
        "metadata": {
            "apiVersion": "2020-01-01", "endpointPrefix": "svc", "protocol": "rest-json",
            "protocols": ["rest-json"], "serviceFullName": "Example Service", "serviceId": "Example Svc",
            "signatureVersion": "v4", "signingName": "example", "uid": "svc-2020-01-01"
        },
        "operations": {
            "GetThing": {
                "name": "GetThing",
                "http": { "method": "GET", "requestUri": "/things/{thingId}/{Path+}?detail&x=1", "responseCode": 200 },
                "input": { "shape": "GetThingRequest" },
                "output": { "shape": "GetThingResponse" },
                "errors": [{ "shape": "NotFound" }],
                "endpoint": { "hostPrefix": "api." },
                "authtype": "none"
            }
        },
        "shapes": {
            "GetThingRequest": {
                "type": "structure", "required": ["ThingId"],
                "members": {
                    "ThingId": { "shape": "Id", "location": "uri", "locationName": "thingId" },
                    "Path": { "shape": "Id", "location": "uri", "locationName": "Path" },
                    "Filter": { "shape": "Id", "location": "querystring", "locationName": "filter" },
                    "Token": { "shape": "Id", "location": "header", "locationName": "x-token", "idempotencyToken": true },
                    "Meta": { "shape": "Tags", "location": "headers", "locationName": "x-meta-" }
                }
            },
            "GetThingResponse": {
                "type": "structure", "required": ["Kind"], "payload": "Body",
                "members": {
                    "Kind": { "shape": "Kind", "location": "header", "locationName": "x-kind" },
                    "Body": { "shape": "Id", "jsonvalue": true },
                    "Other": { "shape": "Id", "location": "header", "locationName": "x-other" },
                    "At": { "shape": "When", "location": "header", "locationName": "x-at" }
                }
            },
            "NotFound": {
                "type": "structure", "members": { "message": { "shape": "Id", "locationName": "Message" } },
                "error": { "httpStatusCode": 404, "senderFault": true }, "exception": true
            },
            "Id": { "type": "string", "min": 1, "max": 64, "pattern": "^[a-z]+$" },
            "Kind": { "type": "string", "enum": ["a.b", "C"] },
            "Tags": { "type": "map", "key": { "shape": "Id" }, "value": { "shape": "Id" } },
            "When": { "type": "timestamp", "timestampFormat": "iso8601" }
        },
        "documentation": "<p>An example.</p>"
    })
}

fn convert(document: &Value) -> crate::Result<Value> {
    to_ast(Path::new(FILE), document, &Siblings::default())
}

fn shape<'a>(ast: &'a Value, name: &str) -> &'a Value {
    &ast["shapes"][format!("com.amazonaws.examplesvc#{name}")]
}

#[test]
fn detects_botocore_by_content() {
    assert!(is_botocore(&service()));
    assert!(!is_botocore(&json!({ "smithy": "2.0", "shapes": {} })));
    assert!(!is_botocore(
        &json!({ "smithy": "2.0", "metadata": {}, "operations": {}, "shapes": {} })
    ));
    assert!(!is_botocore(&json!([1, 2])));
}

#[test]
fn maps_service_operation_members_and_shapes() {
    let ast = convert(&service()).unwrap();
    assert_eq!(ast["smithy"], "2.0");
    let svc = shape(&ast, "ExampleSvc");
    assert_eq!(svc["version"], "2020-01-01");
    assert_eq!(svc["traits"]["aws.protocols#restJson1"], json!({}));
    assert_eq!(
        svc["traits"]["aws.auth#sigv4"],
        json!({ "name": "example" })
    );
    assert_eq!(svc["traits"]["aws.api#service"]["sdkId"], "Example Svc");
    let op = shape(&ast, "GetThing");
    // Labels renamed to member names; the query literal kept.
    assert_eq!(
        op["traits"]["smithy.api#http"],
        json!({ "method": "GET", "uri": "/things/{ThingId}/{Path+}?detail&x=1", "code": 200 })
    );
    assert_eq!(
        op["traits"]["smithy.api#endpoint"],
        json!({ "hostPrefix": "api." })
    );
    assert_eq!(op["traits"]["smithy.api#optionalAuth"], json!({}));
    let input = shape(&ast, "GetThingRequest");
    assert_eq!(input["traits"]["smithy.api#input"], json!({}));
    let members = &input["members"];
    assert_eq!(
        members["ThingId"]["traits"]["smithy.api#required"],
        json!({})
    );
    assert_eq!(
        members["ThingId"]["traits"]["smithy.api#httpLabel"],
        json!({})
    );
    assert_eq!(
        members["Filter"]["traits"]["smithy.api#httpQuery"],
        "filter"
    );
    assert_eq!(
        members["Token"]["traits"]["smithy.api#httpHeader"],
        "x-token"
    );
    assert_eq!(
        members["Token"]["traits"]["smithy.api#idempotencyToken"],
        json!({})
    );
    assert_eq!(
        members["Meta"]["traits"]["smithy.api#httpPrefixHeaders"],
        "x-meta-"
    );
    let output = shape(&ast, "GetThingResponse");
    assert_eq!(output["traits"]["smithy.api#output"], json!({}));
    assert_eq!(
        output["members"]["Kind"]["traits"]["smithy.api#httpHeader"],
        "x-kind"
    );
    assert_eq!(
        output["members"]["Body"]["traits"]["smithy.api#httpPayload"],
        json!({})
    );
    // `Id` is also used without `jsonvalue`: the JSON-valued member targets a copy.
    assert_eq!(
        output["members"]["Body"]["target"],
        "com.amazonaws.examplesvc#IdJsonValue"
    );
    assert_eq!(
        shape(&ast, "IdJsonValue")["traits"]["smithy.api#mediaType"],
        "application/json"
    );
    assert!(shape(&ast, "Id")["traits"]
        .get("smithy.api#mediaType")
        .is_none());
    assert_eq!(
        shape(&ast, "Id")["traits"]["smithy.api#length"],
        json!({ "min": 1, "max": 64 })
    );
    assert_eq!(
        shape(&ast, "Kind")["traits"]["smithy.api#enum"],
        json!([{ "value": "a.b" }, { "value": "C" }])
    );
    assert_eq!(
        shape(&ast, "When")["traits"]["smithy.api#timestampFormat"],
        "date-time"
    );
    let error = shape(&ast, "NotFound");
    assert_eq!(error["traits"]["smithy.api#error"], "client");
    assert_eq!(error["traits"]["smithy.api#httpError"], 404);
    assert_eq!(
        error["members"]["message"]["traits"]["smithy.api#jsonName"],
        "Message"
    );
}

#[test]
fn the_converted_service_loads_and_resolves() {
    let source = Source {
        path: PathBuf::from(FILE),
        text: service().to_string(),
    };
    let model = load_sources(&[source]).unwrap();
    let service = crate::ir::resolve(&model, &crate::ir::Selection::default()).unwrap();
    assert_eq!(service.name, "ExampleSvc");
    assert_eq!(service.operations.len(), 1);
}

#[test]
fn maps_paginators_and_waiters() {
    let siblings = Siblings {
        paginators: Some(json!({ "pagination": {
            "GetThing": { "input_token": "Filter", "output_token": "Other", "limit_key": "Token", "result_key": "Kind" },
            "Missing": { "input_token": "A", "output_token": "B" }
        }})),
        waiters: Some(json!({ "version": 2, "waiters": { "ThingReady": {
            "operation": "GetThing", "delay": 5, "maxAttempts": 10,
            "acceptors": [
                { "matcher": "path", "argument": "Kind", "expected": "C", "state": "success" },
                { "matcher": "pathAny", "argument": "Kind", "expected": "a.b", "state": "failure" },
                { "matcher": "error", "expected": "NotFound", "state": "retry" },
                { "matcher": "status", "expected": 500, "state": "failure" },
                { "matcher": "status", "expected": 200, "state": "retry" }
            ]
        }, "ThingGone": {
            "operation": "GetThing",
            "acceptors": [
                { "matcher": "status", "expected": 404, "state": "success" },
                { "matcher": "status", "expected": 200, "state": "retry" }
            ]
        }}})),
        endpoint_rules: Some(json!({ "version": "1.0", "parameters": {}, "rules": [] })),
    };
    let ast = to_ast(Path::new(FILE), &service(), &siblings).unwrap();
    let traits = &shape(&ast, "GetThing")["traits"];
    assert_eq!(
        traits["smithy.api#paginated"],
        json!({ "inputToken": "Filter", "outputToken": "Other", "pageSize": "Token", "items": "Kind" })
    );
    let waiter = &traits["smithy.waiters#waitable"]["ThingReady"];
    assert_eq!(waiter["minDelay"], 5);
    assert_eq!(waiter["maxDelay"], 5);
    assert_eq!(
        waiter["acceptors"],
        json!([
            { "state": "success", "matcher": { "output": { "path": "Kind", "expected": "C", "comparator": "stringEquals" } } },
            { "state": "failure", "matcher": { "output": { "path": "Kind", "expected": "a.b", "comparator": "anyStringEquals" } } },
            { "state": "retry", "matcher": { "errorType": "NotFound" } },
            { "state": "retry", "matcher": { "success": true } }
        ])
    );
    // A 404 has no Smithy form, and the waiter would not mean the same without it.
    assert!(traits["smithy.waiters#waitable"].get("ThingGone").is_none());
    let rules = &shape(&ast, "ExampleSvc")["traits"]["smithy.rules#endpointRuleSet"];
    assert_eq!(rules["version"], "1.0");
}

/// A change to the example service.
type Edit = fn(&mut Value);

/// The error `service()` with `edit` applied gives, as `Display` shows it.
fn error_after(edit: impl FnOnce(&mut Value)) -> String {
    let mut document = service();
    edit(&mut document);
    let source = Source {
        path: PathBuf::from(FILE),
        text: document.to_string(),
    };
    let error = load_sources(&[source]).expect_err("the service is invalid");
    let line = error.to_string();
    assert!(!line.contains('\n'), "{line}");
    line
}

#[test]
fn a_member_targeting_a_missing_shape_names_file_and_shape() {
    let line = error_after(|d| {
        d["shapes"]["GetThingResponse"]["members"]["Other"]["shape"] = json!("Nope")
    });
    assert_eq!(
        line,
        format!(
            "{FILE}: shape GetThingResponse: member `Other`: targets `Nope`, which is not defined"
        )
    );
    let line =
        error_after(|d| d["operations"]["GetThing"]["errors"] = json!([{ "shape": "Gone" }]));
    assert_eq!(
        line,
        format!("{FILE}: shape GetThing: refers to shape `Gone`, which is not defined")
    );
}

#[test]
fn a_non_object_is_an_error_naming_file_and_shape() {
    let line = error_after(|d| d["shapes"]["Id"] = json!("string"));
    assert_eq!(
        line,
        format!("{FILE}: shape Id: a shape must be a JSON object")
    );
    let line = error_after(|d| d["operations"]["GetThing"] = json!(7));
    assert_eq!(
        line,
        format!("{FILE}: shape GetThing: an operation must be a JSON object")
    );
    let line = error_after(|d| d["metadata"] = json!([]));
    assert_eq!(line, format!("{FILE}: `metadata` must be a JSON object"));
}

#[test]
fn wrong_field_types_are_errors_naming_file_and_shape() {
    let cases: [(Edit, &str); 6] = [
        (|d| d["shapes"]["GetThingRequest"]["required"] = json!("ThingId"), "shape GetThingRequest: `required` must be a JSON array"),
        (|d| d["shapes"]["Id"]["min"] = json!("1"), "shape Id: `min` must be a number"),
        (|d| d["shapes"]["Id"]["type"] = json!(3), "shape Id: `type` must be a string"),
        (|d| d["shapes"]["When"]["timestampFormat"] = json!("someday"), "shape When: unknown `timestampFormat` `someday` (expected iso8601, unixTimestamp or rfc822)"),
        (|d| d["operations"]["GetThing"]["http"]["requestUri"] = json!(false), "shape GetThing: http: `requestUri` must be a string"),
        (|d| d["shapes"]["GetThingRequest"]["members"]["Filter"]["location"] = json!("body"), "shape GetThingRequest: member `Filter`: unknown `location` `body` (expected uri, querystring, header, headers or statusCode)"),
    ];
    for (edit, expected) in cases {
        assert_eq!(error_after(edit), format!("{FILE}: {expected}"));
    }
    let line = error_after(|d| d["metadata"]["protocols"] = json!(["carrier-pigeon"]));
    assert_eq!(
        line,
        format!("{FILE}: metadata: unknown protocol `carrier-pigeon`")
    );
}

/// Every value of the document replaced, one at a time, by values of every JSON type: the
/// conversion returns a result (an error or a model), never panics.
#[test]
fn no_panic_on_any_field_of_the_wrong_type() {
    let replacements = [
        json!(null),
        json!(true),
        json!(-1),
        json!(1.5),
        json!("x"),
        json!([]),
        json!({}),
        json!([{}]),
    ];
    let original = service();
    let mut paths = Vec::new();
    collect_paths(&original, &mut Vec::new(), &mut paths);
    for path in &paths {
        for replacement in &replacements {
            let mut document = original.clone();
            *pointer(&mut document, path) = replacement.clone();
            let _ = convert(&document);
        }
    }
    assert!(paths.len() > 50, "{}", paths.len());
}

fn collect_paths(value: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    let children: Vec<(String, &Value)> = match value {
        Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (i.to_string(), v))
            .collect(),
        _ => Vec::new(),
    };
    for (key, child) in children {
        at.push(key);
        collect_paths(child, at, out);
        at.pop();
    }
}

fn pointer<'a>(value: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(value, |v, key| match v {
        Value::Array(items) => &mut items[key.parse::<usize>().unwrap_or(0)],
        other => &mut other[key.as_str()],
    })
}

#[test]
fn reads_gzipped_services_and_their_siblings() {
    use std::io::Write;
    let dir = std::env::temp_dir().join(format!("botocore-read-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let gzip = |path: &Path, text: &str| {
        let file = std::fs::File::create(path).unwrap();
        let mut encoder = flate2::write::GzEncoder::new(file, flate2::Compression::fast());
        encoder.write_all(text.as_bytes()).unwrap();
        encoder.finish().unwrap();
    };
    let service_file = dir.join("service-2.json.gz");
    gzip(&service_file, &service().to_string());
    gzip(
        &dir.join("endpoint-rule-set-1.json.gz"),
        r#"{"version":"1.0","parameters":{},"rules":[]}"#,
    );
    std::fs::write(dir.join("paginators-1.json"), r#"{"pagination":{}}"#).unwrap();
    std::fs::write(dir.join("waiters-2.json"), "{ not json").unwrap();
    let text = super::read_model_file(&service_file).unwrap();
    assert!(is_botocore(&serde_json::from_str(&text).unwrap()));
    let error = Siblings::read_beside(&service_file).unwrap_err();
    assert_eq!(error.file(), Some(dir.join("waiters-2.json").as_path()));
    std::fs::remove_file(dir.join("waiters-2.json")).unwrap();
    let siblings = Siblings::read_beside(&service_file).unwrap();
    assert!(siblings.paginators.is_some() && siblings.endpoint_rules.is_some());
    assert!(siblings.waiters.is_none());
    let model = crate::model::load_files(&[service_file]).unwrap();
    let id = crate::model::ShapeId::parse("com.amazonaws.examplesvc#ExampleSvc").unwrap();
    assert!(model.shapes[&id].has_trait("smithy.rules#endpointRuleSet"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn an_error_listed_twice_is_listed_once() {
    let mut document = service();
    document["operations"]["GetThing"]["errors"] =
        json!([{ "shape": "NotFound" }, { "shape": "NotFound" }]);
    let ast = convert(&document).unwrap();
    assert_eq!(
        shape(&ast, "GetThing")["errors"],
        json!([{ "target": "com.amazonaws.examplesvc#NotFound" }])
    );
}

#[test]
fn map_keys_values_and_list_members_keep_their_xml_namespace() {
    let mut document = service();
    document["metadata"]["protocol"] = json!("rest-xml");
    document["metadata"]["protocols"] = json!(["rest-xml"]);
    document["shapes"]["Tags"] = json!({
        "type": "map",
        "key": { "shape": "Id", "locationName": "K", "xmlNamespace": "https://k.example.com" },
        "value": { "shape": "Id", "xmlNamespace": { "uri": "https://v.example.com", "prefix": "v" } }
    });
    document["shapes"]["Ids"] = json!({
        "type": "list",
        "member": { "shape": "Id", "xmlNamespace": "https://m.example.com" }
    });
    document["shapes"]["GetThingRequest"]["members"]["All"] = json!({ "shape": "Ids" });
    let ast = convert(&document).unwrap();
    let tags = shape(&ast, "Tags");
    assert_eq!(tags["key"]["traits"]["smithy.api#xmlName"], json!("K"));
    assert_eq!(
        tags["key"]["traits"]["smithy.api#xmlNamespace"],
        json!({ "uri": "https://k.example.com" })
    );
    assert_eq!(
        tags["value"]["traits"]["smithy.api#xmlNamespace"],
        json!({ "uri": "https://v.example.com", "prefix": "v" })
    );
    assert_eq!(
        shape(&ast, "Ids")["member"]["traits"]["smithy.api#xmlNamespace"],
        json!({ "uri": "https://m.example.com" })
    );
}
