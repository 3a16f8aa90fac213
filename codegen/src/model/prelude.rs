//! The Smithy prelude: shapes every model can target without defining them.

use serde_json::json;

use super::{Bindings, Shape, ShapeId, ShapeType, Traits};

/// The pseudo file prelude shapes are attributed to.
pub const PRELUDE_FILE: &str = "<prelude>";

/// The prelude shapes, attributed to the pseudo file at index `file`.
pub fn shapes(file: usize) -> Vec<Shape> {
    let plain = [
        ("String", ShapeType::String),
        ("Blob", ShapeType::Blob),
        ("BigInteger", ShapeType::BigInteger),
        ("BigDecimal", ShapeType::BigDecimal),
        ("Timestamp", ShapeType::Timestamp),
        ("Document", ShapeType::Document),
        ("Boolean", ShapeType::Boolean),
        ("Byte", ShapeType::Byte),
        ("Short", ShapeType::Short),
        ("Integer", ShapeType::Integer),
        ("Long", ShapeType::Long),
        ("Float", ShapeType::Float),
        ("Double", ShapeType::Double),
    ];
    // The `Primitive*` shapes carry a zero default: that is what makes IDL 1.0
    // members targeting them non-optional.
    let primitive = [
        ("PrimitiveBoolean", ShapeType::Boolean, json!(false)),
        ("PrimitiveByte", ShapeType::Byte, json!(0)),
        ("PrimitiveShort", ShapeType::Short, json!(0)),
        ("PrimitiveInteger", ShapeType::Integer, json!(0)),
        ("PrimitiveLong", ShapeType::Long, json!(0)),
        ("PrimitiveFloat", ShapeType::Float, json!(0)),
        ("PrimitiveDouble", ShapeType::Double, json!(0)),
    ];
    let mut shapes: Vec<Shape> = plain
        .into_iter()
        .map(|(name, shape_type)| shape(name, shape_type, Traits::new(), file))
        .collect();
    shapes.extend(primitive.into_iter().map(|(name, shape_type, zero)| {
        let traits = Traits::from([("smithy.api#default".to_owned(), zero)]);
        shape(name, shape_type, traits, file)
    }));
    let unit_traits = Traits::from([("smithy.api#unitType".to_owned(), json!({}))]);
    shapes.push(shape("Unit", ShapeType::Structure, unit_traits, file));
    shapes
}

fn shape(name: &str, shape_type: ShapeType, traits: Traits, file: usize) -> Shape {
    Shape {
        id: ShapeId(format!("smithy.api#{name}")),
        shape_type,
        members: Vec::new(),
        traits,
        mixins: Vec::new(),
        bindings: Bindings::default(),
        file,
    }
}
