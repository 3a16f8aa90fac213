//! Every Rust name the generator writes is decided here, so the rules live in one
//! place and are table-tested: case conversion with `heck`, raw identifiers for
//! keywords, a suffix where a raw identifier is not allowed, and deterministic
//! collision resolution.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords (strict, reserved, and 2018+/2024 editions) that need `r#`.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let",
    "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return",
    "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use",
    "virtual", "where", "while", "yield",
];

/// Keywords that cannot be raw identifiers; they get a `_value` / `Value` suffix.
const NOT_RAW: &[&str] = &["crate", "self", "super", "Self", "_"];

/// A type name (struct, enum, union) from a shape name: `UpperCamelCase`.
pub fn type_name(shape_name: &str) -> String {
    camel(shape_name, "Shape")
}

/// An enum variant from a wire value or member name: `c5.large` becomes `C5Large`,
/// `"0"` becomes `V0`, an empty value becomes `Empty`.
pub fn variant_name(value: &str) -> String {
    camel(value, "Empty")
}

/// A field or function name: `snake_case`, keywords as raw identifiers.
pub fn field_name(member_name: &str) -> String {
    let snake = member_name.to_snake_case();
    let snake = if snake.is_empty() {
        "value".to_owned()
    } else {
        snake
    };
    let snake = if starts_with_digit(&snake) {
        format!("n{snake}")
    } else {
        snake
    };
    escape_keyword(snake)
}

/// The name Rust code gives the crate `crate_name` (its library: `-` becomes `_`), or `None`
/// when that is not a plain identifier code could write (a keyword, say).
pub fn library_name(crate_name: &str) -> Option<String> {
    let name = crate_name.replace('-', "_");
    let plain = !name.is_empty()
        && !starts_with_digit(&name)
        && name.chars().all(|c| c == '_' || c.is_ascii_alphanumeric())
        && !KEYWORDS.contains(&name.as_str())
        && !NOT_RAW.contains(&name.as_str());
    plain.then_some(name)
}

/// A crate name from a service or model file name: `kebab-case` would do for
/// Cargo, but the crate is referenced from Rust, so `snake_case` it is; names
/// Cargo or rustc refuse (`std`, `test`, keywords…) get a `_service` suffix.
pub fn crate_name(service_name: &str) -> String {
    /// Names Cargo or rustc refuse for a package or library.
    const RESERVED: &[&str] = &[
        "alloc",
        "core",
        "proc_macro",
        "std",
        "test",
        "build",
        "deps",
    ];
    let snake = service_name.to_snake_case();
    if snake.is_empty() || starts_with_digit(&snake) {
        format!("service_{snake}")
    } else if RESERVED.contains(&snake.as_str()) || field_name(&snake) != snake {
        format!("{snake}_service")
    } else {
        snake
    }
}

/// The client method of a waiter (`TableExists` → `wait_until_table_exists`).
pub fn waiter_fn_name(waiter_name: &str) -> String {
    format!("wait_until_{}", bare_snake(waiter_name))
}

/// A `static` or `const` name: `SCREAMING_SNAKE_CASE` (`TableExists` → `TABLE_EXISTS`).
pub fn const_name(name: &str) -> String {
    let shouty = bare_snake(name).to_uppercase();
    if shouty.is_empty() || starts_with_digit(&shouty) {
        format!("N{shouty}")
    } else if NOT_RAW.contains(&shouty.as_str()) || KEYWORDS.contains(&shouty.as_str()) {
        format!("{shouty}_VALUE")
    } else {
        shouty
    }
}

/// The error type of an operation (`StartMatchBackfill` → `StartMatchBackfillError`).
pub fn error_type_name(operation_type_name: &str) -> String {
    format!("{operation_type_name}Error")
}

/// The predicate error enums have for an error type (`NotFound` → `is_not_found`).
pub fn predicate_name(error_type_name: &str) -> String {
    format!("is_{}", bare_snake(error_type_name))
}

/// The function reading an error type from an XML body (`NotFound` → `not_found_from_xml`).
pub fn xml_decoder_name(error_type_name: &str) -> String {
    format!("{}_from_xml", bare_snake(error_type_name))
}

/// The error enum variant for errors an operation does not model: `Unhandled`,
/// or `UnhandledError` (then `UnhandledError2`…) when an error type took the name.
pub fn unhandled_variant<'a>(error_type_names: impl Iterator<Item = &'a str>) -> String {
    let mut names: Vec<String> = error_type_names.map(str::to_owned).collect();
    names.push("Unhandled".to_owned());
    dedupe(&mut names);
    names.pop().unwrap_or_default()
}

/// A snake_case name to build other names from: no raw-identifier prefix.
fn bare_snake(name: &str) -> String {
    field_name(name).trim_start_matches("r#").to_owned()
}

/// The generated client's own methods (`emit/client.rs`): an operation whose method name
/// would be one of these gets a suffix instead (`Config` → `config_2`).
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "from_env",
    "from_env_in",
    "from_env_with_transport",
    "transport",
    "config",
    "presign",
];

/// Operation method names, unique among themselves and with the client's own methods.
pub fn operation_fn_names(names: &mut Vec<String>) {
    let mut all: Vec<String> = CLIENT_METHODS.iter().map(|m| (*m).to_owned()).collect();
    all.append(names);
    dedupe(&mut all);
    *names = all.split_off(CLIENT_METHODS.len());
}

/// Makes `names` unique, keeping the first occurrence of each name and suffixing
/// later ones with `2`, `3`, … (`_2` for snake_case names). Order decides, so
/// callers pass names in model order.
pub fn dedupe(names: &mut [String]) {
    let mut taken = std::collections::BTreeSet::new();
    for name in names.iter_mut() {
        if taken.insert(name.clone()) {
            continue;
        }
        let base = name.trim_start_matches("r#").to_owned();
        let separator = if base.chars().any(|c| c.is_ascii_uppercase()) {
            ""
        } else {
            "_"
        };
        let unique = (2..)
            .map(|n| format!("{base}{separator}{n}"))
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_default();
        taken.insert(unique.clone());
        *name = unique;
    }
}

fn camel(text: &str, if_empty: &str) -> String {
    let camel = text.to_upper_camel_case();
    if camel.is_empty() {
        if_empty.to_owned()
    } else if starts_with_digit(&camel) {
        format!("V{camel}")
    } else if NOT_RAW.contains(&camel.as_str()) {
        format!("{camel}Value")
    } else {
        camel
    }
}

fn escape_keyword(name: String) -> String {
    if NOT_RAW.contains(&name.as_str()) {
        format!("{name}_value")
    } else if KEYWORDS.contains(&name.as_str()) {
        format!("r#{name}")
    } else {
        name
    }
}

fn starts_with_digit(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names() {
        let cases = [
            ("GameSession", "GameSession"),
            ("gameSession", "GameSession"),
            ("EC2InstanceType", "Ec2InstanceType"),
            ("String", "String"),
            ("Option", "Option"),
            ("Self", "SelfValue"),
            ("Result", "Result"),
            ("_Private", "Private"),
            ("__", "Shape"),
        ];
        for (input, expected) in cases {
            assert_eq!(type_name(input), expected, "type_name({input:?})");
        }
    }

    #[test]
    fn variant_names() {
        let cases = [
            ("c5.large", "C5Large"),
            ("t2.micro", "T2Micro"),
            ("m5.2xlarge", "M52xlarge"),
            ("0", "V0"),
            ("10", "V10"),
            ("ALL_CAPS_VALUE", "AllCapsValue"),
            ("with space", "WithSpace"),
            ("", "Empty"),
            ("-", "Empty"),
            ("Self", "SelfValue"),
            ("self", "SelfValue"),
            ("ACTIVE", "Active"),
        ];
        for (input, expected) in cases {
            assert_eq!(variant_name(input), expected, "variant_name({input:?})");
        }
    }

    #[test]
    fn field_names() {
        let cases = [
            ("GameSessionId", "game_session_id"),
            ("type", "r#type"),
            ("Type", "r#type"),
            ("match", "r#match"),
            ("async", "r#async"),
            ("self", "self_value"),
            ("Self", "self_value"),
            ("super", "super_value"),
            ("crate", "crate_value"),
            ("IPV4Address", "ipv4_address"),
            ("3d", "n3d"),
            ("_", "value"),
            ("union", "union"),
        ];
        for (input, expected) in cases {
            assert_eq!(field_name(input), expected, "field_name({input:?})");
        }
    }

    #[test]
    fn crate_names() {
        assert_eq!(crate_name("GameLift"), "game_lift");
        assert_eq!(crate_name("3d"), "service_3d");
        assert_eq!(crate_name("iot-data"), "iot_data");
        assert_eq!(crate_name("test"), "test_service");
        assert_eq!(crate_name("Match"), "match_service");
        assert_eq!(crate_name("self"), "self_service");
    }

    #[test]
    fn library_names() {
        assert_eq!(library_name("gamelift").as_deref(), Some("gamelift"));
        assert_eq!(
            library_name("my-game-lift").as_deref(),
            Some("my_game_lift")
        );
        for unusable in ["", "3d", "match", "gen", "self", "_", "a.b", "é"] {
            assert_eq!(library_name(unusable), None, "library_name({unusable:?})");
        }
    }

    #[test]
    fn error_helper_names() {
        assert_eq!(
            error_type_name("StartMatchBackfill"),
            "StartMatchBackfillError"
        );
        assert_eq!(
            predicate_name("NotFoundException"),
            "is_not_found_exception"
        );
        assert_eq!(predicate_name("Type"), "is_type");
        assert_eq!(xml_decoder_name("Type"), "type_from_xml");
        assert_eq!(unhandled_variant(["A", "B"].into_iter()), "Unhandled");
        assert_eq!(unhandled_variant(["Unhandled"].into_iter()), "Unhandled2");
    }

    /// Every kind of name, for inputs a model can hold (Smithy identifiers and, for enum
    /// values, any text), must be a Rust identifier.
    #[test]
    fn every_generated_name_is_an_identifier() {
        let mut inputs: Vec<String> = [
            "",
            "_",
            "__",
            "a",
            "A",
            "self",
            "Self",
            "super",
            "crate",
            "type",
            "Type",
            "match",
            "async",
            "r#type",
            "3d",
            "0",
            "-",
            "c5.large",
            "with space",
            "Ünïcödé",
            "日本",
            "😀",
            "a-b_c.d",
            "ALL_CAPS",
            "CamelCase",
            "camelCase",
            "snake_case",
            "x__y",
            "Unhandled",
            "Error",
            "Ok",
            "Option",
            "union",
            "dyn",
            "gen",
            "_Private",
            "1_2",
        ]
        .map(String::from)
        .to_vec();
        inputs.extend(KEYWORDS.iter().map(|k| k.to_string()));
        inputs.extend(NOT_RAW.iter().map(|k| k.to_string()));
        let mut seed = 7u64;
        for _ in 0..500 {
            let len = (seed % 12) as usize;
            let text: String = (0..len)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    let pool = "aZ_09-. é日😀";
                    pool.chars()
                        .nth((seed >> 33) as usize % pool.chars().count())
                        .unwrap_or('a')
                })
                .collect();
            inputs.push(text);
        }
        for input in &inputs {
            let ty = type_name(input);
            let names = [
                ty.clone(),
                variant_name(input),
                field_name(input),
                crate_name(input),
                error_type_name(&ty),
                predicate_name(&ty),
                xml_decoder_name(&ty),
                unhandled_variant([ty.as_str()].into_iter()),
            ];
            for name in names {
                assert!(
                    syn::parse_str::<syn::Ident>(&name).is_ok(),
                    "{name:?} (from {input:?}) is not an identifier"
                );
            }
        }
    }

    #[test]
    fn operation_methods_make_way_for_the_clients_own() {
        let mut names: Vec<String> = ["config", "list_fleets", "presign", "new"]
            .map(String::from)
            .to_vec();
        operation_fn_names(&mut names);
        assert_eq!(names, ["config_2", "list_fleets", "presign_2", "new_2"]);
    }

    #[test]
    fn dedupe_suffixes_later_names_deterministically() {
        let mut names: Vec<String> = ["FooBar", "FooBar", "FooBar2", "FooBar", "Baz"]
            .map(String::from)
            .to_vec();
        dedupe(&mut names);
        assert_eq!(names, ["FooBar", "FooBar2", "FooBar22", "FooBar3", "Baz"]);

        let mut fields: Vec<String> = ["foo_bar", "foo_bar", "r#type", "r#type"]
            .map(String::from)
            .to_vec();
        dedupe(&mut fields);
        assert_eq!(fields, ["foo_bar", "foo_bar_2", "r#type", "type_2"]);
    }
}
