//! The static types of rule-set expressions, checked when a rule set is parsed so that a wrong
//! argument is a load-time error naming the rule, not a silent non-match at run time.

use super::ast::PathPart;

/// What an expression evaluates to. `Any` is what the checker cannot know (it accepts anything).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Ty {
    Str,
    Bool,
    Int,
    StrArray,
    Partition,
    Url,
    Arn,
    Any,
}

impl Ty {
    pub fn name(self) -> &'static str {
        match self {
            Ty::Str => "string",
            Ty::Bool => "boolean",
            Ty::Int => "integer",
            Ty::StrArray => "array of strings",
            Ty::Partition => "partition",
            Ty::Url => "URL",
            Ty::Arn => "ARN",
            Ty::Any => "any value",
        }
    }

    /// Whether a value of `self` may be passed where `expected` is wanted.
    pub fn fits(self, expected: Ty) -> bool {
        self == expected || self == Ty::Any || expected == Ty::Any
    }
}

/// A type and whether the value may be absent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Typed {
    pub ty: Ty,
    pub optional: bool,
}

impl Typed {
    pub fn required(ty: Ty) -> Self {
        Typed {
            ty,
            optional: false,
        }
    }

    pub fn optional(ty: Ty) -> Self {
        Typed { ty, optional: true }
    }
}

/// The type of `getAttr(value, path)` for a value of type `base`.
pub(super) fn attribute_type(base: Ty, path: &[PathPart]) -> Result<Typed, String> {
    let (keys, index) = match path.split_last() {
        Some((PathPart::Index(_), keys)) => (keys, true),
        _ => (path, false),
    };
    let mut ty = base;
    for key in keys {
        let PathPart::Key(key) = key else {
            return Err("an index may only end a path".to_owned());
        };
        ty = match (ty, key.as_str()) {
            (Ty::Any, _) => Ty::Any,
            (
                Ty::Partition,
                "name" | "dnsSuffix" | "dualStackDnsSuffix" | "implicitGlobalRegion",
            ) => Ty::Str,
            (Ty::Partition, "supportsFIPS" | "supportsDualStack") => Ty::Bool,
            (Ty::Url, "scheme" | "authority" | "path" | "normalizedPath") => Ty::Str,
            (Ty::Url, "isIp") => Ty::Bool,
            (Ty::Arn, "partition" | "service" | "region" | "accountId") => Ty::Str,
            (Ty::Arn, "resourceId") => Ty::StrArray,
            (other, key) => {
                return Err(format!("a {} has no attribute `{key}`", other.name()));
            }
        };
    }
    if !index {
        return Ok(Typed::required(ty));
    }
    match ty {
        Ty::StrArray => Ok(Typed::optional(Ty::Str)),
        Ty::Any => Ok(Typed::optional(Ty::Any)),
        other => Err(format!("a {} cannot be indexed", other.name())),
    }
}
