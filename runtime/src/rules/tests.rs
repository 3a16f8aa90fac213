use super::*;

/// A rule set shaped like AWS's: an endpoint override, FIPS and dual-stack, a partition.
const REGIONAL: &str = r#"{
  "version": "1.0",
  "parameters": {
    "Region": {"type": "String", "builtIn": "AWS::Region", "required": false},
    "UseFIPS": {"type": "Boolean", "builtIn": "AWS::UseFIPS", "required": true, "default": false},
    "Endpoint": {"type": "String", "builtIn": "SDK::Endpoint", "required": false}
  },
  "rules": [
    {"conditions": [{"fn": "isSet", "argv": [{"ref": "Endpoint"}]}], "type": "tree", "rules": [
      {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]}],
       "type": "error", "error": "Invalid Configuration: FIPS and custom endpoint are not supported"},
      {"conditions": [], "type": "endpoint", "endpoint": {"url": {"ref": "Endpoint"}}}
    ]},
    {"conditions": [
       {"fn": "isSet", "argv": [{"ref": "Region"}]},
       {"fn": "aws.partition", "argv": [{"ref": "Region"}], "assign": "P"}
     ], "type": "tree", "rules": [
      {"conditions": [{"fn": "booleanEquals", "argv": [{"ref": "UseFIPS"}, true]},
                      {"fn": "booleanEquals", "argv": [{"fn": "getAttr", "argv": [{"ref": "P"}, "supportsFIPS"]}, true]}],
       "type": "endpoint", "endpoint": {"url": "https://svc-fips.{Region}.{P#dnsSuffix}",
         "properties": {"authSchemes": [{"name": "sigv4", "signingName": "svc", "signingRegion": "{Region}"}]},
         "headers": {"x-partition": ["{P#name}"]}}},
      {"conditions": [], "type": "endpoint", "endpoint": {"url": "https://svc.{Region}.{P#dnsSuffix}"}}
    ]},
    {"conditions": [], "type": "error", "error": "Invalid Configuration: Missing Region"}
  ]
}"#;

fn resolve(rules: &RuleSet, params: &Params) -> Result<Endpoint, ResolveError> {
    rules.resolve(params, Partitions::bundled())
}

#[test]
fn regional_fips_override_and_missing_region() {
    let rules = RuleSet::from_json(REGIONAL).unwrap();
    assert_eq!(rules.version(), "1.0");
    assert_eq!(rules.parameters().len(), 3);
    let mut params = Params::new();
    params.set("Region", "us-west-2");
    let endpoint = resolve(&rules, &params).unwrap();
    assert_eq!(endpoint.url, "https://svc.us-west-2.amazonaws.com");
    assert!(endpoint.headers.is_empty() && endpoint.properties.is_empty());

    params.set("UseFIPS", true);
    let endpoint = resolve(&rules, &params).unwrap();
    assert_eq!(endpoint.url, "https://svc-fips.us-west-2.amazonaws.com");
    assert_eq!(
        endpoint.headers,
        [("x-partition".to_owned(), vec!["aws".to_owned()])]
    );
    let schemes = endpoint.auth_schemes();
    assert_eq!(schemes.len(), 1);
    assert_eq!(schemes[0].name, "sigv4");
    assert_eq!(schemes[0].signing_region.as_deref(), Some("us-west-2"));

    params.set("Region", "cn-north-1").set("UseFIPS", false);
    assert_eq!(
        resolve(&rules, &params).unwrap().url,
        "https://svc.cn-north-1.amazonaws.com.cn"
    );

    params
        .set("Endpoint", "https://localhost:8080")
        .set("UseFIPS", true);
    assert_eq!(
        resolve(&rules, &params),
        Err(ResolveError::Rule(
            "Invalid Configuration: FIPS and custom endpoint are not supported".to_owned()
        ))
    );
    params.set("UseFIPS", false);
    assert_eq!(
        resolve(&rules, &params).unwrap().url,
        "https://localhost:8080"
    );

    let error = resolve(&rules, &Params::new()).unwrap_err();
    assert_eq!(error.to_string(), "Invalid Configuration: Missing Region");
}

#[test]
fn parameter_types_are_checked_at_resolution() {
    let rules = RuleSet::from_json(REGIONAL).unwrap();
    let mut params = Params::new();
    params.set("Region", true);
    assert_eq!(
        resolve(&rules, &params),
        Err(ResolveError::WrongType {
            name: "Region".to_owned(),
            expected: ParamType::String
        })
    );
    let required = r#"{"version": "1.0", "parameters": {"Bucket": {"type": "string", "required": true}},
        "rules": [{"conditions": [], "type": "endpoint", "endpoint": {"url": "https://{Bucket}.x"}}]}"#;
    let rules = RuleSet::from_json(required).unwrap();
    assert_eq!(
        resolve(&rules, &Params::new()),
        Err(ResolveError::MissingParameter("Bucket".to_owned()))
    );
}

/// One endpoint rule whose URL shows the value of `expr` (a string expression).
fn show(expr: &str, params: &str) -> RuleSet {
    RuleSet::from_json(&format!(
        r#"{{"version": "1.3", "parameters": {{{params}}}, "rules": [
            {{"conditions": [{{"fn": "coalesce", "argv": [{expr}, "<none>"], "assign": "out"}}],
              "type": "endpoint", "endpoint": {{"url": "https://x/{{out}}"}}}}]}}"#
    ))
    .unwrap()
}

fn shown(rules: &RuleSet, params: &Params) -> String {
    resolve(rules, params)
        .unwrap()
        .url
        .trim_start_matches("https://x/")
        .to_owned()
}

#[test]
fn standard_functions() {
    let input = r#""In": {"type": "string", "required": true}"#;
    let cases = [
        (
            r#"{"fn": "substring", "argv": [{"ref": "In"}, 0, 4, false]}"#,
            "abcdefgh",
            "abcd",
        ),
        (
            r#"{"fn": "substring", "argv": [{"ref": "In"}, 0, 4, true]}"#,
            "abcdefgh",
            "efgh",
        ),
        (
            r#"{"fn": "substring", "argv": [{"ref": "In"}, 0, 9, false]}"#,
            "abcdefgh",
            "<none>",
        ),
        (
            r#"{"fn": "uriEncode", "argv": [{"ref": "In"}]}"#,
            "a b/c",
            "a%20b%2Fc",
        ),
        (
            r#"{"fn": "getAttr", "argv": [{"fn": "parseURL", "argv": [{"ref": "In"}]}, "authority"]}"#,
            "http://h:80/p",
            "h:80",
        ),
        (
            r#"{"fn": "getAttr", "argv": [{"fn": "parseURL", "argv": [{"ref": "In"}]}, "normalizedPath"]}"#,
            "http://h/p",
            "/p/",
        ),
        (
            r#"{"fn": "getAttr", "argv": [{"fn": "parseURL", "argv": [{"ref": "In"}]}, "scheme"]}"#,
            "h?q",
            "<none>",
        ),
        (
            r#"{"fn": "getAttr", "argv": [{"fn": "aws.parseArn", "argv": [{"ref": "In"}]}, "resourceId[1]"]}"#,
            "arn:aws:s3:us-east-1:1:ap/name",
            "name",
        ),
        (
            r#"{"fn": "getAttr", "argv": [{"fn": "aws.parseArn", "argv": [{"ref": "In"}]}, "resourceId[5]"]}"#,
            "arn:aws:s3:us-east-1:1:ap/name",
            "<none>",
        ),
        (
            r#"{"fn": "getAttr", "argv": [{"fn": "split", "argv": [{"ref": "In"}, "--", 2]}, "[1]"]}"#,
            "a--b--c",
            "b--c",
        ),
        (
            r#"{"fn": "getAttr", "argv": [{"fn": "split", "argv": [{"ref": "In"}, "--", 0]}, "[2]"]}"#,
            "a--b--c",
            "c",
        ),
        (
            r#"{"fn": "ite", "argv": [{"fn": "isValidHostLabel", "argv": [{"ref": "In"}, false]}, "label", "not"]}"#,
            "a-b",
            "label",
        ),
        (
            r#"{"fn": "ite", "argv": [{"fn": "aws.isVirtualHostableS3Bucket", "argv": [{"ref": "In"}, false]}, "yes", "no"]}"#,
            "My_Bucket",
            "no",
        ),
        (
            r#"{"fn": "ite", "argv": [{"fn": "not", "argv": [{"fn": "stringEquals", "argv": [{"ref": "In"}, "x"]}]}, "yes", "no"]}"#,
            "x",
            "no",
        ),
        (
            r#"{"fn": "getAttr", "argv": [{"fn": "aws.partition", "argv": [{"ref": "In"}]}, "dualStackDnsSuffix"]}"#,
            "us-gov-west-1",
            "api.aws",
        ),
        (r#""{{literal}}-{In}""#, "v", "{literal}-v"),
    ];
    for (expr, value, expected) in cases {
        let rules = show(expr, input);
        let mut params = Params::new();
        params.set("In", value);
        assert_eq!(shown(&rules, &params), expected, "{expr} on {value:?}");
    }
}

#[test]
fn string_arrays_and_coalesce_of_unset_values() {
    let rules = show(
        r#"{"fn": "getAttr", "argv": [{"ref": "Ids"}, "[1]"]}"#,
        r#""Ids": {"type": "stringArray", "required": true, "default": ["a", "b"]}"#,
    );
    assert_eq!(shown(&rules, &Params::new()), "b");
    let mut params = Params::new();
    params.set("Ids", vec!["only".to_owned()]);
    assert_eq!(shown(&rules, &params), "<none>");
    let rules = show(r#"{"ref": "Opt"}"#, r#""Opt": {"type": "string"}"#);
    assert_eq!(shown(&rules, &Params::new()), "<none>");
}

fn load_error(rules: &str) -> String {
    RuleSet::from_json(rules).unwrap_err().to_string()
}

#[test]
fn bad_rule_sets_name_the_position() {
    let wrap = |conditions: &str, url: &str| {
        format!(
            r#"{{"version": "1.0", "parameters": {{"Region": {{"type": "string"}}}},
               "rules": [{{"conditions": [], "type": "tree", "rules": [
                 {{"conditions": [{conditions}], "type": "endpoint", "endpoint": {{"url": "{url}"}}}}]}}]}}"#
        )
    };
    let cases = [
        (wrap(r#"{"fn": "isSet", "argv": [{"ref": "Nope"}]}"#, "https://x"),
         "at rules[0].rules[0].conditions[0].argv[0]: `Nope` is not a parameter or a variable in scope"),
        (wrap(r#"{"fn": "frobnicate", "argv": []}"#, "https://x"),
         "at rules[0].rules[0].conditions[0]: frobnicate: unknown function `frobnicate`"),
        (wrap(r#"{"fn": "booleanEquals", "argv": [{"ref": "Region"}, true]}"#, "https://x"),
         "argument 1 must be a boolean, found a string"),
        (wrap(r#"{"fn": "not", "argv": [true, false]}"#, "https://x"),
         "not: takes 1 arguments, given 2"),
        (wrap("", "https://{Region"), "at rules[0].rules[0].endpoint.url: unclosed `{`"),
        (wrap("", "https://{Zone}"), "names `Zone`, not a parameter or a variable in scope"),
        (wrap(r#"{"fn": "aws.partition", "argv": ["x"], "assign": "P"}"#, "https://{P#nope}"),
         "a partition has no attribute `nope`"),
        (wrap(r#"{"fn": "aws.partition", "argv": ["x"], "assign": "Region"}"#, "https://x"),
         "`assign` reuses the name `Region`"),
        (wrap(r#"{"fn": "getAttr", "argv": [{"ref": "Region"}, {"ref": "Region"}]}"#, "https://x"),
         "getAttr: the path must be a literal string"),
        (r#"{"version": "9.9", "parameters": {}, "rules": []}"#.to_owned(), "unsupported rule-set version `9.9`"),
        (r#"{"version": "1.0", "parameters": {"A": {"type": "number"}}, "rules": []}"#.to_owned(),
         "at parameters.A: unknown parameter type `number`"),
        ("[".to_owned(), "the rule set is not JSON"),
    ];
    for (rules, expected) in cases {
        let error = load_error(&rules);
        assert!(error.contains(expected), "{error}\n  expected: {expected}");
    }
    // A variable assigned in one rule is not visible in the next.
    let scoped = r#"{"version": "1.0", "parameters": {}, "rules": [
        {"conditions": [{"fn": "aws.partition", "argv": ["x"], "assign": "P"}], "type": "error", "error": "e"},
        {"conditions": [], "type": "endpoint", "endpoint": {"url": "https://{P#name}"}}]}"#;
    assert!(load_error(scoped).contains("at rules[1].endpoint.url"));
}

#[test]
fn hostile_parameter_values_never_panic() {
    let rules = RuleSet::from_json(REGIONAL).unwrap();
    let long = "a".repeat(10_000);
    for region in [
        "",
        "/",
        "us-west-2/../x",
        "\u{1F600}",
        "us-\u{e9}ast-1",
        long.as_str(),
        "{Region}",
    ] {
        let mut params = Params::new();
        params.set("Region", region);
        let endpoint = resolve(&rules, &params).unwrap();
        assert!(endpoint.url.contains(region), "{region}");
    }
}
