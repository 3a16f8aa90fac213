//! The Smithy prelude and the built-in trait definitions (`codegen/data/traits/`, Smithy's own
//! IDL files): shapes every model can target without defining them, and the definitions that
//! tell the loader what each trait's value must be.
//!
//! They are embedded in the generator and read through the IDL front end once per process;
//! every loaded model gets a copy, attributed to the pseudo file [`PRELUDE_FILE`] (and left
//! out of `smithy-codegen ast`). A model that defines a shape of the same id keeps its own.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use super::front_end;
use super::load::{self, ParsedFile};
use super::{trait_values, Model, Shape, ShapeId, Source};
use crate::{Error, Result};

/// The pseudo file prelude shapes are attributed to.
pub const PRELUDE_FILE: &str = "<prelude>";

/// The embedded definition files, by name (for messages).
const FILES: &[(&str, &str)] = &[
    (
        "prelude.smithy",
        include_str!("../../data/traits/prelude.smithy"),
    ),
    (
        "aws.api.smithy",
        include_str!("../../data/traits/aws.api.smithy"),
    ),
    (
        "aws.apigateway.smithy",
        include_str!("../../data/traits/aws.apigateway.smithy"),
    ),
    (
        "aws.auth.smithy",
        include_str!("../../data/traits/aws.auth.smithy"),
    ),
    (
        "aws.cloudformation.smithy",
        include_str!("../../data/traits/aws.cloudformation.smithy"),
    ),
    (
        "aws.customizations.smithy",
        include_str!("../../data/traits/aws.customizations.smithy"),
    ),
    (
        "aws.endpoints.smithy",
        include_str!("../../data/traits/aws.endpoints.smithy"),
    ),
    (
        "aws.iam.smithy",
        include_str!("../../data/traits/aws.iam.smithy"),
    ),
    (
        "aws.protocols.smithy",
        include_str!("../../data/traits/aws.protocols.smithy"),
    ),
    (
        "smithy.framework.smithy",
        include_str!("../../data/traits/smithy.framework.smithy"),
    ),
    (
        "smithy.protocols.rpcv2.smithy",
        include_str!("../../data/traits/smithy.protocols.rpcv2.smithy"),
    ),
    (
        "smithy.rules.smithy",
        include_str!("../../data/traits/smithy.rules.smithy"),
    ),
    (
        "smithy.test.smithy",
        include_str!("../../data/traits/smithy.test.smithy"),
    ),
    (
        "waiters.smithy",
        include_str!("../../data/traits/waiters.smithy"),
    ),
];

/// The built-in shapes, read once.
struct Builtin {
    shapes: Vec<Shape>,
    ids: BTreeSet<ShapeId>,
}

fn builtin() -> Result<&'static Builtin> {
    static BUILTIN: OnceLock<Result<Builtin>> = OnceLock::new();
    BUILTIN
        .get_or_init(read_builtin)
        .as_ref()
        .map_err(Clone::clone)
}

fn read_builtin() -> Result<Builtin> {
    let sources: Vec<Source> = FILES
        .iter()
        .map(|(name, text)| Source {
            path: Path::new("<built-in>").join(name),
            text: (*text).to_owned(),
        })
        .collect();
    let documents = front_end::documents(&sources, &BTreeSet::new())?;
    let mut shapes = Vec::new();
    for document in &documents {
        let ParsedFile {
            shapes: parsed,
            applies,
            ..
        } = load::parse_document(&document.path, &document.json, 0)?;
        if !applies.is_empty() {
            return Err(
                Error::new("built-in definitions may not use `apply`").with_file(&document.path)
            );
        }
        shapes.extend(parsed);
    }
    // Check and coerce the definitions once (`@trait` annotations become `{}`), not per load.
    let mut model = Model {
        files: vec![PathBuf::from(PRELUDE_FILE)],
        shapes: shapes.into_iter().map(|s| (s.id.clone(), s)).collect(),
        ..Model::default()
    };
    trait_values::check_and_coerce_builtin(&mut model)?;
    let ids = model.shapes.keys().cloned().collect();
    let shapes = model.shapes.into_values().collect();
    Ok(Builtin { shapes, ids })
}

/// The ids of every built-in shape (relative IDL ids may resolve to them).
pub fn ids() -> Result<&'static BTreeSet<ShapeId>> {
    builtin().map(|b| &b.ids)
}

/// The built-in shapes, attributed to the pseudo file at index `file`.
pub fn shapes(file: usize) -> Result<impl Iterator<Item = Shape>> {
    Ok(builtin()?.shapes.iter().map(move |shape| Shape {
        file,
        ..shape.clone()
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_definitions_load_and_define_the_prelude_and_the_traits() {
        let ids = ids().expect("the embedded definitions load");
        for id in [
            "smithy.api#String",
            "smithy.api#PrimitiveInteger",
            "smithy.api#Unit",
            "smithy.api#required",
            "smithy.api#default",
            "aws.protocols#restJson1",
            "aws.api#service",
            "smithy.rules#endpointRuleSet",
            "smithy.waiters#waitable",
            "smithy.protocols#rpcv2Cbor",
            "smithy.test#httpRequestTests",
            "smithy.framework#ValidationException",
        ] {
            assert!(ids.contains(&ShapeId(id.to_owned())), "{id} is built in");
        }
        let primitive = shapes(7)
            .expect("loads")
            .find(|s| s.id.as_str() == "smithy.api#PrimitiveInteger")
            .expect("defined");
        assert_eq!(primitive.file, 7);
        assert_eq!(primitive.traits["smithy.api#default"], 0);
    }
}
