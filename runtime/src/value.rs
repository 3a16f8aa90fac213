//! A generic tree mirroring the Smithy data model, which every generated type converts into.
//!
//! Generated code implements [`ToValue`] with one line per member using [`StructureValue`];
//! everything else (scalars, collections, optional and boxed members) is implemented here once.

use std::collections::BTreeMap;

use crate::{BigDecimal, BigInteger, Blob, Document, Timestamp};

/// A value of any Smithy shape.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An absent entry; appears only inside `@sparse` lists and maps (and as the payload of an
    /// unknown union member).
    Null,
    /// `boolean`.
    Boolean(bool),
    /// `byte`.
    Byte(i8),
    /// `short`.
    Short(i16),
    /// `integer`.
    Integer(i32),
    /// `long`.
    Long(i64),
    /// `float`.
    Float(f32),
    /// `double`.
    Double(f64),
    /// `bigInteger`.
    BigInteger(BigInteger),
    /// `bigDecimal`.
    BigDecimal(BigDecimal),
    /// `string`.
    String(String),
    /// A string `enum`, as its wire value (known or not).
    Enum(String),
    /// An `intEnum`, as its wire value.
    IntEnum(i32),
    /// `timestamp`.
    Timestamp(Timestamp),
    /// `blob`.
    Blob(Blob),
    /// `document`.
    Document(Document),
    /// A `list` (or `set`), in order.
    List(Vec<Value>),
    /// A `map`, entries in the map's own order (key order for `BTreeMap`).
    Map(Vec<(String, Value)>),
    /// A `structure`: the members that are set, by Smithy member name, in model order.
    Structure(Vec<(&'static str, Value)>),
    /// A `union`: the member name and its value. An unknown member is
    /// `Union(name, Box::new(Value::Null))`.
    Union(String, Box<Value>),
}

impl Value {
    /// Starts building a structure value with room for `capacity` members.
    pub fn structure(capacity: usize) -> StructureValue {
        StructureValue {
            members: Vec::with_capacity(capacity),
        }
    }

    /// A union value for member `name`.
    pub fn union(name: impl Into<String>, value: Value) -> Value {
        Value::Union(name.into(), Box::new(value))
    }

    /// The member `name` of a structure value, if this is a structure and the member is set.
    pub fn get(&self, name: &str) -> Option<&Value> {
        match self {
            Value::Structure(members) => members.iter().find(|(n, _)| *n == name).map(|(_, v)| v),
            _ => None,
        }
    }
}

/// Builds a [`Value::Structure`] one member at a time.
#[derive(Clone, Debug)]
#[must_use = "call build() to get the Value"]
pub struct StructureValue {
    members: Vec<(&'static str, Value)>,
}

impl StructureValue {
    /// Adds member `name`.
    pub fn member(self, name: &'static str, value: &(impl ToValue + ?Sized)) -> Self {
        self.push(name, value.to_value())
    }

    /// Adds member `name` if it is set; `None` leaves it out (it is not `Value::Null`).
    pub fn optional<T: ToValue>(self, name: &'static str, value: &Option<T>) -> Self {
        // Instantiated once per member type: only the unsizing to `dyn ToValue` happens here.
        match value {
            Some(v) => self.push_dyn(name, v),
            None => self,
        }
    }

    /// The non-generic part of [`optional`](Self::optional).
    fn push_dyn(self, name: &'static str, value: &dyn ToValue) -> Self {
        let value = value.to_value();
        self.push(name, value)
    }

    /// The non-generic part of [`member`](Self::member) and [`optional`](Self::optional),
    /// which are instantiated once per member type.
    fn push(mut self, name: &'static str, value: Value) -> Self {
        self.members.push((name, value));
        self
    }

    /// The finished structure.
    pub fn build(self) -> Value {
        Value::Structure(self.members)
    }
}

/// Conversion into the generic [`Value`] tree.
pub trait ToValue {
    /// This value as a [`Value`].
    fn to_value(&self) -> Value;
}

macro_rules! to_value_copy {
    ($($ty:ty => $variant:ident),* $(,)?) => {$(
        impl ToValue for $ty {
            fn to_value(&self) -> Value {
                Value::$variant(*self)
            }
        }
    )*};
}

to_value_copy! {
    bool => Boolean,
    i8 => Byte,
    i16 => Short,
    i32 => Integer,
    i64 => Long,
    f32 => Float,
    f64 => Double,
    Timestamp => Timestamp,
}

macro_rules! to_value_clone {
    ($($ty:ty => $variant:ident),* $(,)?) => {$(
        impl ToValue for $ty {
            fn to_value(&self) -> Value {
                Value::$variant(self.clone())
            }
        }
    )*};
}

to_value_clone! {
    String => String,
    Blob => Blob,
    Document => Document,
    BigInteger => BigInteger,
    BigDecimal => BigDecimal,
}

impl ToValue for str {
    fn to_value(&self) -> Value {
        Value::String(self.to_owned())
    }
}

/// `smithy.api#Unit`: an operation without input or output.
impl ToValue for () {
    fn to_value(&self) -> Value {
        Value::Null
    }
}

impl ToValue for Value {
    fn to_value(&self) -> Value {
        self.clone()
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

impl<T: ToValue + ?Sized> ToValue for Box<T> {
    fn to_value(&self) -> Value {
        (**self).to_value()
    }
}

/// `None` is [`Value::Null`]: this impl is for sparse entries. Optional structure members use
/// [`StructureValue::optional`], which leaves them out instead.
impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value {
        match self {
            Some(v) => v.to_value(),
            None => Value::Null,
        }
    }
}

// Plain loops rather than `map().collect()`: these are instantiated once per
// element type of a generated crate, and iterator adapters cost several times
// more code per instantiation.
impl<T: ToValue> ToValue for Vec<T> {
    fn to_value(&self) -> Value {
        // Slice indexing is built into the language; a `for` loop would instantiate the
        // iterator's methods per element type.
        let slice: &[T] = self;
        let mut items = Vec::with_capacity(slice.len());
        let mut i = 0;
        while i < slice.len() {
            items.push(slice[i].to_value());
            i += 1;
        }
        Value::List(items)
    }
}

impl<T: ToValue> ToValue for BTreeMap<String, T> {
    fn to_value(&self) -> Value {
        let mut entries = Vec::with_capacity(self.len());
        for (key, value) in self {
            entries.push((key.clone(), value.to_value()));
        }
        Value::Map(entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars() {
        assert_eq!(true.to_value(), Value::Boolean(true));
        assert_eq!(1i8.to_value(), Value::Byte(1));
        assert_eq!(2i16.to_value(), Value::Short(2));
        assert_eq!(3i32.to_value(), Value::Integer(3));
        assert_eq!(4i64.to_value(), Value::Long(4));
        assert_eq!(1.5f32.to_value(), Value::Float(1.5));
        assert_eq!(2.5f64.to_value(), Value::Double(2.5));
        assert_eq!("s".to_value(), Value::String("s".into()));
        assert_eq!(String::from("t").to_value(), Value::String("t".into()));
        assert_eq!(
            Timestamp::from_secs(9).to_value(),
            Value::Timestamp(Timestamp::from_secs(9))
        );
        assert_eq!(Blob::from("b").to_value(), Value::Blob(Blob::from("b")));
        assert_eq!(Document::Null.to_value(), Value::Document(Document::Null));
        let big = BigInteger::new("1").unwrap();
        assert_eq!(big.to_value(), Value::BigInteger(big.clone()));
        let dec = BigDecimal::new("1.5").unwrap();
        assert_eq!(dec.to_value(), Value::BigDecimal(dec.clone()));
        assert_eq!(Box::new(7i32).to_value(), Value::Integer(7));
        assert_eq!(Value::Null.to_value(), Value::Null);
    }

    #[test]
    fn collections_and_sparse_entries() {
        let sparse = vec![Some(1i32), None];
        assert_eq!(
            sparse.to_value(),
            Value::List(vec![Value::Integer(1), Value::Null])
        );
        let map = BTreeMap::from([("b".to_owned(), 2i32), ("a".to_owned(), 1)]);
        assert_eq!(
            map.to_value(),
            Value::Map(vec![
                ("a".into(), Value::Integer(1)),
                ("b".into(), Value::Integer(2))
            ])
        );
    }

    #[test]
    fn structure_builder_skips_absent_members() {
        let name = String::from("n");
        let absent: Option<i32> = None;
        let value = Value::structure(3)
            .member("Name", &name)
            .optional("Count", &absent)
            .optional("Size", &Some(3i64))
            .build();
        assert_eq!(
            value,
            Value::Structure(vec![
                ("Name", Value::String("n".into())),
                ("Size", Value::Long(3))
            ])
        );
        assert_eq!(value.get("Size"), Some(&Value::Long(3)));
        assert_eq!(value.get("Count"), None);
        assert_eq!(Value::Null.get("x"), None);
        assert_eq!(
            Value::union("Unknown", Value::Null),
            Value::Union("Unknown".into(), Box::new(Value::Null))
        );
    }
}
