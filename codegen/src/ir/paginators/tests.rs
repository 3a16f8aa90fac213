use super::*;
use crate::ir::{resolve, Selection};
use crate::model::{load_sources, Source};

const FIXTURE: &str = include_str!("../../../../models/fixtures/paginators.json");

fn service(text: &str) -> Service {
    let source = Source {
        path: "paginators.json".into(),
        text: text.to_owned(),
    };
    let model = load_sources(&[source]).unwrap();
    resolve(&model, &Selection::default()).unwrap()
}

fn paginator<'s>(service: &'s Service, name: &str) -> Option<&'s Paginator> {
    let op = service.operations.iter().find(|op| op.wire_name == name);
    op.unwrap().paginator.as_ref()
}

fn step(field: &str, optional: bool) -> Step {
    Step {
        field: field.to_owned(),
        optional,
        boxed: false,
    }
}

#[test]
fn the_operation_settings_are_merged_over_the_service_ones() {
    let service = service(FIXTURE);
    let things = paginator(&service, "ListThings").unwrap();
    assert_eq!(things.method, "list_things_paginator");
    assert_eq!(
        things.settings,
        Settings {
            input_token: Some("nextToken".into()),
            output_token: Some("nextToken".into()),
            items: Some("things".into()),
            page_size: Some("maxResults".into()),
        }
    );
    assert_eq!(things.input_token, step("next_token", true));
    assert_eq!(things.output_token, [step("next_token", true)]);
    let items = things.items.as_ref().unwrap();
    assert_eq!(items.path, [step("things", true)]);
    assert!(matches!(items.ty, TypeRef::List { .. }));
    let page_size = things.page_size.as_ref().unwrap();
    assert_eq!(page_size.step, step("max_results", true));
    assert_eq!(page_size.ty, TypeRef::Integer);
    assert_eq!(things.token, TypeRef::String);

    let bare = paginator(&service, "ListNoItems").unwrap();
    assert!(bare.items.is_none());
    assert!(bare.page_size.is_some(), "the service's pageSize applies");
}

#[test]
fn nested_paths_reach_into_the_output() {
    let service = service(FIXTURE);
    let nested = paginator(&service, "ListNested").unwrap();
    assert_eq!(nested.input_token, step("after", true));
    assert_eq!(
        nested.output_token,
        [
            step("page", true),
            step("cursor", false),
            step("next", true)
        ]
    );
    let items = nested.items.as_ref().unwrap();
    assert_eq!(items.path, [step("page", true), step("entries", true)]);
    assert!(matches!(items.ty, TypeRef::Map { .. }));
    assert_eq!(nested.page_size.as_ref().unwrap().ty, TypeRef::Long);
}

#[test]
fn map_tokens_and_short_page_sizes_are_allowed() {
    let service = service(FIXTURE);
    let scan = paginator(&service, "ScanKeys").unwrap();
    assert!(
        matches!(scan.token, TypeRef::Map { .. }),
        "{:?}",
        scan.token
    );
    assert_eq!(scan.page_size.as_ref().unwrap().ty, TypeRef::Short);
}

#[test]
fn invalid_settings_skip_the_paginator_with_a_warning() {
    let service = service(FIXTURE);
    for name in ["BadInputToken", "BadItems", "BadPath", "MissingPageSize"] {
        assert!(paginator(&service, name).is_none(), "{name}");
    }
    let warnings: Vec<String> = service.warnings.iter().map(|w| w.to_string()).collect();
    let expected = [
        "shape smithy.fixtures.paginators#BadInputToken: @paginated is ignored: inputToken `count` is not a string or a map",
        "shape smithy.fixtures.paginators#BadItems: @paginated is ignored: items `nextToken` is not a list or a map",
        "shape smithy.fixtures.paginators#BadPath: @paginated is ignored: outputToken `nextToken.more`: `nextToken` is not a structure",
        "shape smithy.fixtures.paginators#MissingPageSize: @paginated is ignored: pageSize `size` is not a member of smithy.fixtures.paginators#NoItemsInput",
    ];
    assert_eq!(warnings.len(), expected.len(), "{warnings:#?}");
    for (warning, expected) in warnings.iter().zip(expected) {
        assert!(warning.starts_with("paginators.json: "), "{warning}");
        assert!(warning.ends_with(expected), "{warning}");
    }
    assert_eq!(service.paginated().count(), 4);
}

#[test]
fn missing_tokens_and_outputs_are_warnings_too() {
    let model = |service_trait: &str, op_trait: &str| {
        format!(
            r#"{{"smithy": "2.0", "shapes": {{
              "ex#Svc": {{ "type": "service", "version": "1", "operations": [{{ "target": "ex#Op" }}],
                          "traits": {{ "aws.protocols#awsJson1_0": {{}} {service_trait} }} }},
              "ex#Op": {{ "type": "operation", "input": {{ "target": "ex#In" }},
                         "traits": {{ "smithy.api#paginated": {op_trait} }} }},
              "ex#In": {{ "type": "structure", "members": {{ "t": {{ "target": "smithy.api#String" }} }} }}
            }}}}"#
        )
    };
    let cases = [
        (
            "",
            r#"{"inputToken": "t"}"#,
            "it needs both `inputToken` and `outputToken`",
        ),
        (
            "",
            r#"{"inputToken": "t", "outputToken": "t"}"#,
            "the operation has no output",
        ),
        (
            r#", "smithy.api#paginated": {"inputToken": "t", "outputToken": "u"}"#,
            "{}",
            "the operation has no output",
        ),
    ];
    for (service_trait, op_trait, message) in cases {
        let service = service(&model(service_trait, op_trait));
        assert!(service.operations[0].paginator.is_none());
        let warnings: Vec<String> = service.warnings.iter().map(|w| w.to_string()).collect();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(warnings[0].ends_with(message), "{warnings:?}");
    }
}

#[test]
fn method_names_do_not_clash_with_operations() {
    let mut taken: BTreeSet<String> = ["list_paginator".to_owned()].into();
    assert_eq!(
        unique(&mut taken, "list_paginator".into()),
        "list_paginator_2"
    );
    assert_eq!(
        unique(&mut taken, "list_paginator".into()),
        "list_paginator_3"
    );
    assert_eq!(
        unique(&mut taken, "other_paginator".into()),
        "other_paginator"
    );
}
