//! `serde` attributes of the generated types (the crate's off-by-default `serde` feature).
//!
//! Values are named as the model names them: a structure's fields by their member names, a
//! union's variants by theirs, enums by their wire values. To keep the attributes few, a type
//! says `rename_all` when serde's rule gives most of its names and renames only the rest:
//! GameLift's `FleetId` is the field `fleet_id` under `PascalCase`, with nothing on the field.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::{OptionalDerive, Service};

/// The `rename_all` rules of serde that model names follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
    /// `PascalCase`: AWS's awsJson and most restJson1 models.
    Pascal,
    /// `camelCase`: many restJson1 models.
    Camel,
}

impl Rule {
    fn name(self) -> &'static str {
        match self {
            Rule::Pascal => "PascalCase",
            Rule::Camel => "camelCase",
        }
    }

    /// What serde names the `snake_case` field `field` under this rule (serde's own algorithm:
    /// underscores dropped, the letter after each one upper-cased).
    fn field(self, field: &str) -> String {
        let mut pascal = String::with_capacity(field.len());
        let mut capitalize = true;
        for c in field.trim_start_matches("r#").chars() {
            if c == '_' {
                capitalize = true;
            } else if capitalize {
                pascal.push(c.to_ascii_uppercase());
                capitalize = false;
            } else {
                pascal.push(c);
            }
        }
        match self {
            Rule::Pascal => pascal,
            Rule::Camel => lower_first(&pascal),
        }
    }

    /// What serde names the `PascalCase` variant `variant` under this rule.
    fn variant(self, variant: &str) -> String {
        let variant = variant.trim_start_matches("r#");
        match self {
            Rule::Pascal => variant.to_owned(),
            Rule::Camel => lower_first(variant),
        }
    }
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// Whether names are a structure's fields or a union's variants.
#[derive(Debug, Clone, Copy)]
pub enum Names {
    Fields,
    Variants,
}

/// How a type's members get their model names: the type's `rename_all` rule (if any member
/// follows one) and the members that need their own `rename`.
pub struct Naming {
    rule: Option<Rule>,
    names: Names,
}

impl Naming {
    /// Chooses the rule most of `members` (Rust name, model name) follow.
    pub fn choose<'a>(names: Names, members: impl Iterator<Item = (&'a str, &'a str)>) -> Self {
        let (mut pascal, mut camel) = (0, 0);
        let apply = |rule: Rule, rust: &str| match names {
            Names::Fields => rule.field(rust),
            Names::Variants => rule.variant(rust),
        };
        for (rust, model) in members {
            pascal += usize::from(apply(Rule::Pascal, rust) == model);
            camel += usize::from(apply(Rule::Camel, rust) == model);
        }
        let rule = match (pascal, camel) {
            (0, 0) => None,
            (p, c) if c > p => Some(Rule::Camel),
            _ => Some(Rule::Pascal),
        };
        Naming { rule, names }
    }

    /// The name serde gives the member `rust` without an attribute.
    fn default_name(&self, rust: &str) -> String {
        match (self.rule, self.names) {
            (Some(rule), Names::Fields) => rule.field(rust),
            (Some(rule), Names::Variants) => rule.variant(rust),
            (None, _) => rust.trim_start_matches("r#").to_owned(),
        }
    }
}

/// `#[cfg_attr(feature = "serde", …)]` around `inner`, per how the service derives serde.
fn attr(service: &Service, inner: TokenStream) -> TokenStream {
    match service.serde {
        OptionalDerive::Off => TokenStream::new(),
        OptionalDerive::Feature => quote!(#[cfg_attr(feature = "serde", #inner)]),
        OptionalDerive::Always => quote!(#[#inner]),
    }
}

/// The derives and `rename_all` of a structure or union (two attributes, which fit a line
/// each).
pub fn container(service: &Service, naming: &Naming) -> TokenStream {
    let derive = attr(
        service,
        quote!(derive(::serde::Serialize, ::serde::Deserialize)),
    );
    let rename_all = naming.rule.map(|rule| {
        let rule = rule.name();
        attr(service, quote!(serde(rename_all = #rule)))
    });
    quote!(#derive #rename_all)
}

/// `rename` for a member whose model name the type's rule does not give.
pub fn member(service: &Service, naming: &Naming, rust: &str, model: &str) -> TokenStream {
    if naming.default_name(rust) == model {
        return TokenStream::new();
    }
    attr(service, quote!(serde(rename = #model)))
}

/// Leaves a union's unknown variant out: only the member's name was kept, so there is no
/// value to write, and nothing to read one into.
pub fn skip(service: &Service) -> TokenStream {
    attr(service, quote!(serde(skip)))
}

/// The impls of a string enum (`as_str`/`From<String>`) or an `intEnum` (`value`/`From<i32>`),
/// from the runtime's macros.
pub fn enum_impls(service: &Service, name: &proc_macro2::Ident, int: bool) -> TokenStream {
    let call = if int {
        quote!(::smithy_runtime::serde_int_enum!(#name);)
    } else {
        quote!(::smithy_runtime::serde_string_enum!(#name);)
    };
    match service.serde {
        OptionalDerive::Off => TokenStream::new(),
        OptionalDerive::Feature => quote!(#[cfg(feature = "serde")] #call),
        OptionalDerive::Always => call,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_serdes_rename_rules() {
        assert_eq!(Rule::Pascal.field("fleet_id"), "FleetId");
        assert_eq!(Rule::Camel.field("fleet_id"), "fleetId");
        assert_eq!(Rule::Pascal.field("r#type"), "Type");
        assert_eq!(Rule::Pascal.field("ipv6_address"), "Ipv6Address");
        assert_eq!(Rule::Camel.variant("Ebs"), "ebs");
        assert_eq!(Rule::Pascal.variant("Ebs"), "Ebs");
    }

    #[test]
    fn renames_only_what_the_rule_misses() {
        let members = [("fleet_id", "FleetId"), ("arn", "ARN"), ("r#type", "Type")];
        let naming = Naming::choose(Names::Fields, members.iter().copied());
        assert_eq!(naming.rule, Some(Rule::Pascal));
        assert_eq!(naming.default_name("arn"), "Arn");
        let camel = [("fleet_id", "fleetId"), ("name", "name"), ("ARN", "ARN")];
        let naming = Naming::choose(Names::Fields, camel.iter().copied());
        assert_eq!(naming.rule, Some(Rule::Camel));
        let none = Naming::choose(Names::Fields, [("a_b", "x")].into_iter());
        assert_eq!(
            (none.rule, none.default_name("a_b")),
            (None, "a_b".to_owned())
        );
    }
}
