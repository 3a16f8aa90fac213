//! The shared-file format: sections, properties, comments, continuations, sub-properties,
//! duplicates and the merge of the two files.

use super::{parse_config, warning_messages};
use crate::config::profile::{FileKind, Origin, SectionKind};
use crate::config::ProfileSet;

/// A profile's properties as `(name, value)` pairs, in name order; `None` if it does not
/// exist.
fn profile(set: &ProfileSet, name: &str) -> Option<Vec<(String, String)>> {
    let section = set.profile(name)?;
    Some(
        section
            .properties()
            .map(|(key, property)| (key.to_owned(), property.value().to_owned()))
            .collect(),
    )
}

fn pairs(pairs: &[(&str, &str)]) -> Option<Vec<(String, String)>> {
    Some(
        pairs
            .iter()
            .map(|&(k, v)| (k.to_owned(), v.to_owned()))
            .collect(),
    )
}

fn profile_names(set: &ProfileSet) -> Vec<&str> {
    set.profiles().map(|p| p.name()).collect()
}

#[test]
fn an_empty_file_has_no_profiles_and_no_warnings() {
    let set = parse_config("");
    assert_eq!(profile_names(&set), Vec::<&str>::new());
    assert!(set.warnings().is_empty());
    assert_eq!(set.selected_profile_name(), "default");
    assert!(set.selected_profile().is_none());
}

#[test]
fn an_empty_profile_exists() {
    let set = parse_config("[profile foo]");
    assert_eq!(profile(&set, "foo"), pairs(&[]));
}

#[test]
fn profile_names_are_letters_digits_and_a_few_symbols() {
    let set = parse_config(
        "[profile some-thing:long/the_one%only.foo@bar+]\n[profile foo!bar]\nx = 1\n\
         [profile ABCxyz019-_]",
    );
    assert_eq!(
        profile_names(&set),
        ["ABCxyz019-_", "some-thing:long/the_one%only.foo@bar+"]
    );
    let messages = warning_messages(&set);
    assert_eq!(messages.len(), 1, "{messages:?}");
    assert!(messages[0].contains("`foo!bar`"), "{messages:?}");
    assert_eq!(set.warnings()[0].line(), Some(2));
}

#[test]
fn profile_names_are_case_sensitive() {
    let set = parse_config("[profile Dev]\na = 1\n[profile dev]\na = 2");
    assert_eq!(profile(&set, "Dev"), pairs(&[("a", "1")]));
    assert_eq!(profile(&set, "dev"), pairs(&[("a", "2")]));
    assert_eq!(profile(&set, "DEV"), None);
}

#[test]
fn a_header_without_closing_bracket_ignores_its_section_until_the_next_one() {
    let set = parse_config("[profile foo\nname = value\n  -continued\n[profile bar]\nx = 1");
    assert_eq!(profile_names(&set), ["bar"]);
    assert_eq!(profile(&set, "bar"), pairs(&[("x", "1")]));
    assert_eq!(set.warnings().len(), 1);
    assert!(set.warnings()[0].message().contains("no closing `]`"));
}

#[test]
fn section_names_are_trimmed_and_tabs_separate_the_prefix() {
    let set = parse_config("[profile \tfoo \t]\n[profile\tbar]\n[   profile baz    ]\nk = v");
    assert_eq!(profile_names(&set), ["bar", "baz", "foo"]);
    assert_eq!(profile(&set, "baz"), pairs(&[("k", "v")]));
}

#[test]
fn text_after_the_closing_bracket_ignores_the_section() {
    let set = parse_config("[profile foo] junk\nk = v\n[profile bar]");
    assert_eq!(profile_names(&set), ["bar"]);
    assert!(warning_messages(&set)[0].contains("`junk`"));
}

#[test]
fn config_sections_without_a_known_prefix_are_ignored() {
    let set = parse_config("[foo]\nname = value\n[profilefoo]\nx = 1\n[profile]\n[profile bar]");
    assert_eq!(profile_names(&set), ["bar"]);
    let messages = warning_messages(&set);
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].contains("`[foo]` is not a config-file section"));
}

#[test]
fn a_property_before_any_section_is_ignored() {
    let set = parse_config("name = value\n -continued\n[profile foo]");
    assert_eq!(profile(&set, "foo"), pairs(&[]));
    let lines: Vec<_> = set.warnings().iter().map(|w| w.line()).collect();
    assert_eq!(lines, [Some(1), Some(2)]);
}

#[test]
fn properties_are_trimmed_and_values_may_hold_equals_signs_or_be_empty() {
    let set =
        parse_config("[profile foo]\nname \t=  \tvalue \t\neq = val=ue\nempty =\nunicode = 😂 ü\n");
    assert_eq!(
        profile(&set, "foo"),
        pairs(&[
            ("empty", ""),
            ("eq", "val=ue"),
            ("name", "value"),
            ("unicode", "😂 ü")
        ])
    );
    assert!(set.warnings().is_empty());
}

#[test]
fn malformed_property_lines_are_ignored_with_a_warning() {
    let set = parse_config(
        "[profile foo]\n= value\n  skipped with its line\nkey : value\nin valid = value\nok = yes\n",
    );
    assert_eq!(profile(&set, "foo"), pairs(&[("ok", "yes")]));
    let messages = warning_messages(&set);
    assert_eq!(messages.len(), 3, "{messages:?}");
    assert!(messages[0].contains("property name ``"));
    assert!(messages[1].contains("expected `name = value`"));
    assert!(messages[2].contains("`in valid`"));
}

#[test]
fn property_names_are_case_insensitive_and_stored_lowercased() {
    let set = parse_config("[profile foo]\nRegion = us-west-2\nABCxyz-_ = 1");
    let foo = set.profile("foo").unwrap();
    assert_eq!(foo.get("region"), Some("us-west-2"));
    assert_eq!(foo.get("REGION"), Some("us-west-2"));
    assert_eq!(
        profile(&set, "foo"),
        pairs(&[("abcxyz-_", "1"), ("region", "us-west-2")])
    );
}

#[test]
fn windows_line_endings_are_supported() {
    let set = parse_config("[profile foo]\r\nname = value\r\ns3 =\r\n  a = b\r\n");
    let foo = set.profile("foo").unwrap();
    assert_eq!(foo.get("name"), Some("value"));
    assert_eq!(foo.sub_property("s3", "a"), Some("b"));
}

#[test]
fn blank_lines_are_ignored() {
    let set = parse_config("\t \n[profile foo]\n\t\n \nname = value\n\t \n[profile bar]\n \t");
    assert_eq!(profile(&set, "foo"), pairs(&[("name", "value")]));
    assert_eq!(profile(&set, "bar"), pairs(&[]));
    assert!(set.warnings().is_empty());
}

#[test]
fn comment_lines_start_with_pound_or_semicolon() {
    let set = parse_config(
        "# comment\n; comment\n[profile foo]\n  # indented comment\nname = value\n;\n#",
    );
    assert_eq!(profile(&set, "foo"), pairs(&[("name", "value")]));
    assert!(set.warnings().is_empty());
}

#[test]
fn a_comment_starts_after_whitespace_only() {
    let set = parse_config(
        "[profile foo] # comment\nname = value # comment with # sign\nsemi = value ; comment\n\
         adjacent = value; kept\npound = value# kept\ntab = value\t#comment\nall = # only comment\n",
    );
    assert_eq!(
        profile(&set, "foo"),
        pairs(&[
            ("adjacent", "value; kept"),
            ("all", ""),
            ("name", "value"),
            ("pound", "value# kept"),
            ("semi", "value"),
            ("tab", "value"),
        ])
    );
}

#[test]
fn comments_may_touch_section_headers() {
    let set = parse_config("[profile foo]; semicolon\n[profile bar]# pound\n[default];");
    assert_eq!(profile_names(&set), ["bar", "default", "foo"]);
    assert!(set.warnings().is_empty());
}

#[test]
fn indented_lines_continue_a_value() {
    let set = parse_config(
        "[profile foo]\nname = value\n -continued\n \t -and-continued \t \nother = x\n  # c\n  ; d\n",
    );
    let foo = set.profile("foo").unwrap();
    assert_eq!(foo.get("name"), Some("value\n-continued\n-and-continued"));
    assert_eq!(foo.get("other"), Some("x"));
}

#[test]
fn continuations_keep_comment_characters() {
    let set = parse_config("[profile foo]\nname = value\n -continued # not ; a comment");
    assert_eq!(
        set.profile("foo").unwrap().get("name"),
        Some("value\n-continued # not ; a comment")
    );
}

#[test]
fn a_continuation_needs_a_property_of_its_section() {
    let set = parse_config(
        "[profile foo]\n -continued\n[profile bar]\nname = value\n[profile bar]\n -orphan",
    );
    assert_eq!(profile(&set, "foo"), pairs(&[]));
    assert_eq!(profile(&set, "bar"), pairs(&[("name", "value")]));
    let lines: Vec<_> = set.warnings().iter().map(|w| w.line()).collect();
    assert_eq!(lines, [Some(2), Some(6)]);
    assert!(set.warnings()[0]
        .message()
        .contains("does not follow a property"));
}

#[test]
fn a_property_with_an_empty_value_has_sub_properties() {
    let set = parse_config(
        "[profile foo]\ns3 =\n  Name = value ; comment\n\n\t name2 = value2\n  empty =\n  in valid = ok\n\
         after = 1",
    );
    let foo = set.profile("foo").unwrap();
    let s3 = foo.property("s3").unwrap();
    assert_eq!(s3.value(), "");
    let subs: Vec<_> = s3.sub_properties().map(|(k, p)| (k, p.value())).collect();
    assert_eq!(
        subs,
        [
            ("empty", ""),
            ("in valid", "ok"),
            ("name", "value"),
            ("name2", "value2")
        ]
    );
    assert_eq!(foo.sub_property("S3", "NAME"), Some("value"));
    assert_eq!(foo.get("after"), Some("1"));
    assert!(set.warnings().is_empty());
}

#[test]
fn malformed_sub_properties_are_ignored_with_a_warning() {
    let set = parse_config("[profile foo]\ns3 =\n invalid\n = value\n good = yes");
    let foo = set.profile("foo").unwrap();
    let names: Vec<_> = foo
        .property("s3")
        .unwrap()
        .sub_properties()
        .map(|(k, _)| k)
        .collect();
    assert_eq!(names, ["good"]);
    let messages = warning_messages(&set);
    assert_eq!(messages.len(), 2);
    assert!(messages[0].contains("sub-property"));
    assert!(messages[1].contains("no name"));
}

#[test]
fn a_repeated_sub_property_keeps_its_last_value() {
    let set = parse_config("[profile foo]\ns3 =\n a = 1\n a = 2\n");
    assert_eq!(
        set.profile("foo").unwrap().sub_property("s3", "a"),
        Some("2")
    );
}

#[test]
fn duplicate_sections_merge_and_the_last_value_wins() {
    let set = parse_config(
        "[profile foo]\nname = value\nshared = 1\n[profile bar]\n[profile foo]\nname2 = value2\nSHARED = 2",
    );
    assert_eq!(
        profile(&set, "foo"),
        pairs(&[("name", "value"), ("name2", "value2"), ("shared", "2")])
    );
}

#[test]
fn a_property_defined_twice_keeps_its_last_value() {
    let set = parse_config("[profile foo]\nname = value\nName = value2");
    assert_eq!(profile(&set, "foo"), pairs(&[("name", "value2")]));
}

#[test]
fn profile_default_wins_over_bare_default_whatever_the_order() {
    for config in [
        "[profile default]\nname = value\n[default]\nname2 = value2",
        "[default]\nname2 = value2\n[profile default]\nname = value",
    ] {
        let set = parse_config(config);
        assert_eq!(
            profile(&set, "default"),
            pairs(&[("name", "value")]),
            "{config}"
        );
        let messages = warning_messages(&set);
        assert!(messages[0].contains("`[default]` ignored"), "{messages:?}");
    }
}

#[test]
fn several_profile_default_sections_merge_and_bare_default_is_ignored() {
    let set = parse_config(
        "[profile default]\nname = value\n[default]\nname2 = value2\n[profile default]\nname3 = value3",
    );
    assert_eq!(
        profile(&set, "default"),
        pairs(&[("name", "value"), ("name3", "value3")])
    );
}

#[test]
fn bare_default_alone_is_the_default_profile() {
    let set = parse_config("[default]\nregion = us-east-1\n[default]\noutput = json");
    assert_eq!(
        profile(&set, "default"),
        pairs(&[("output", "json"), ("region", "us-east-1")])
    );
    assert!(set.warnings().is_empty());
}

#[test]
fn credentials_profiles_are_bare_names_and_merge_with_config_profiles() {
    let set = ProfileSet::parse(
        "[profile foo]\nname = value\nshared = config\n[default]\nregion = eu-west-1",
        "[foo]\nname2 = value2\nshared = credentials\n[default]\nsecret = s\n[only]\nk = v",
    );
    assert_eq!(
        profile(&set, "foo"),
        pairs(&[
            ("name", "value"),
            ("name2", "value2"),
            ("shared", "credentials")
        ])
    );
    assert_eq!(
        profile(&set, "default"),
        pairs(&[("region", "eu-west-1"), ("secret", "s")])
    );
    assert_eq!(profile(&set, "only"), pairs(&[("k", "v")]));
    let foo = set.profile("foo").unwrap();
    assert_eq!(
        foo.property("shared").unwrap().origin().file,
        FileKind::Credentials
    );
    assert_eq!(
        foo.property("name").unwrap().origin().file,
        FileKind::Config
    );
}

#[test]
fn mixed_default_sections_merge_with_credentials() {
    let set = ProfileSet::parse(
        "[profile default]\nname = value\n[default]\nname2 = value2\n[profile default]\nname3 = value3",
        "[default]\nsecret=foo",
    );
    assert_eq!(
        profile(&set, "default"),
        pairs(&[("name", "value"), ("name3", "value3"), ("secret", "foo")])
    );
}

#[test]
fn prefixed_sections_in_the_credentials_file_are_ignored() {
    let set = ProfileSet::parse(
        "",
        "[profile foo]\nname = value\n[sso-session s]\n[services x]\n[   bar    ]\nk = v\n[sso-sessionfoo]\nn = 1",
    );
    assert_eq!(profile_names(&set), ["bar", "sso-sessionfoo"]);
    assert!(set.sso_session("s").is_none());
    assert!(set.services("x").is_none());
    assert_eq!(set.warnings().len(), 3);
    assert!(set
        .warnings()
        .iter()
        .all(|w| w.file() == FileKind::Credentials));
}

#[test]
fn invalid_profile_names_ignore_their_properties() {
    let set = ProfileSet::parse(
        "[profile foo]\nname = value\n[profile in valid]\nx = 1\n[profile bar]\nname = value2",
        "[in valid 2]\nname2 = value2",
    );
    assert_eq!(profile(&set, "foo"), pairs(&[("name", "value")]));
    assert_eq!(profile(&set, "bar"), pairs(&[("name", "value2")]));
    assert_eq!(profile_names(&set), ["bar", "foo"]);
}

#[test]
fn sso_session_and_services_sections_are_kept_apart_from_profiles() {
    let set = parse_config(
        "[sso-session foo]\nsso_region = us-east-1\n[services foo]\ns3 =\n  endpoint_url = http://s3\n\
         [profile foo]\nregion = eu-west-1",
    );
    let session = set.sso_session("foo").unwrap();
    assert_eq!(session.kind(), SectionKind::SsoSession);
    assert_eq!(session.get("sso_region"), Some("us-east-1"));
    let services = set.services("foo").unwrap();
    assert_eq!(services.kind(), SectionKind::Services);
    assert_eq!(services.name(), "foo");
    assert_eq!(
        services.sub_property("s3", "endpoint_url"),
        Some("http://s3")
    );
    let profile = set.profile("foo").unwrap();
    assert_eq!(profile.kind(), SectionKind::Profile);
    assert_eq!(profile.get("sso_region"), None);
}

#[test]
fn properties_remember_their_origin() {
    let set = ProfileSet::parse("[profile a]\n\nk = v\ns3 =\n  url = u", "[a]\n\n\nc = 1");
    let a = set.profile("a").unwrap();
    let origin = |key: &str| a.property(key).unwrap().origin();
    assert_eq!(
        origin("k"),
        Origin {
            file: FileKind::Config,
            line: 3
        }
    );
    assert_eq!(
        origin("c"),
        Origin {
            file: FileKind::Credentials,
            line: 4
        }
    );
    let url = a.property("s3").unwrap().sub_property("url").unwrap();
    assert_eq!(
        url.origin(),
        Origin {
            file: FileKind::Config,
            line: 5
        }
    );
}

#[test]
fn a_byte_order_mark_is_ignored() {
    let set = parse_config("\u{feff}[profile foo]\nk = v");
    assert_eq!(profile(&set, "foo"), pairs(&[("k", "v")]));
    assert!(set.warnings().is_empty());
}

#[test]
fn warnings_name_the_file_and_line() {
    let set = ProfileSet::parse("[profile ok]\nbroken", "x = 1");
    let shown: Vec<String> = set.warnings().iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        [
            "config file, line 2: expected `name = value`; line ignored",
            "credentials file, line 1: property before any section header; ignored",
        ]
    );
}

#[test]
fn warnings_are_capped_per_file() {
    let garbage = "junk\n".repeat(1000);
    let set = ProfileSet::parse(&garbage, &garbage);
    assert_eq!(set.warnings().len(), 2 * 101);
    let last = set.warnings().last().unwrap();
    assert_eq!(last.message(), "900 more problems not reported");
    assert_eq!(last.line(), None);
    assert_eq!(last.file(), FileKind::Credentials);
}

#[test]
fn with_selected_profile_changes_the_selection() {
    let set = parse_config("[profile a]\nk = 1\n[default]\nk = 0").with_selected_profile("a");
    assert_eq!(set.selected_profile_name(), "a");
    assert_eq!(set.selected_profile().unwrap().get("k"), Some("1"));
    let set = set.with_selected_profile("missing");
    assert!(set.selected_profile().is_none());
}

#[test]
fn warnings_quote_at_most_forty_characters() {
    let name = "x!".repeat(1000);
    let set = parse_config(&format!("[profile {name}]"));
    let message = set.warnings()[0].message();
    assert!(
        message.contains(&format!("`{}…`", &name[..40])),
        "{message}"
    );
    assert!(message.len() < 200);
}

#[test]
fn debug_output_leaves_out_values() {
    let set = ProfileSet::parse("", "[default]\naws_secret_access_key = s3cr3t\n");
    let shown = format!("{set:?}");
    assert!(shown.contains("aws_secret_access_key"), "{shown}");
    assert!(!shown.contains("s3cr3t"), "{shown}");
}
