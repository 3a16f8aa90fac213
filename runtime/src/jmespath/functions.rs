//! The specification's built-in functions: their names and arities, and one small function
//! each (small frames keep the evaluator's recursion cheap in unoptimized builds).

use std::borrow::Cow;
use std::cmp::Ordering;

use super::args::{Arg, Call};
use super::ast::Node;
use super::eval::eval;
use super::json::to_json;
use super::value::{equal, kind, len, number, parse_number, text, Kind, Number, Val, NULL};
use super::JmespathError;
use crate::Value;

/// A built-in function, resolved by name when the expression is parsed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Function {
    Abs,
    Avg,
    Ceil,
    Contains,
    EndsWith,
    Floor,
    Join,
    Keys,
    Length,
    Map,
    Max,
    MaxBy,
    Merge,
    Min,
    MinBy,
    NotNull,
    Reverse,
    Sort,
    SortBy,
    StartsWith,
    Sum,
    ToArray,
    ToNumber,
    ToString,
    Type,
    Values,
}

const VARIADIC: usize = usize::MAX;

/// Name, function, and the least and most arguments it takes.
const FUNCTIONS: [(&str, Function, usize, usize); 26] = [
    ("abs", Function::Abs, 1, 1),
    ("avg", Function::Avg, 1, 1),
    ("ceil", Function::Ceil, 1, 1),
    ("contains", Function::Contains, 2, 2),
    ("ends_with", Function::EndsWith, 2, 2),
    ("floor", Function::Floor, 1, 1),
    ("join", Function::Join, 2, 2),
    ("keys", Function::Keys, 1, 1),
    ("length", Function::Length, 1, 1),
    ("map", Function::Map, 2, 2),
    ("max", Function::Max, 1, 1),
    ("max_by", Function::MaxBy, 2, 2),
    ("merge", Function::Merge, 1, VARIADIC),
    ("min", Function::Min, 1, 1),
    ("min_by", Function::MinBy, 2, 2),
    ("not_null", Function::NotNull, 1, VARIADIC),
    ("reverse", Function::Reverse, 1, 1),
    ("sort", Function::Sort, 1, 1),
    ("sort_by", Function::SortBy, 2, 2),
    ("starts_with", Function::StartsWith, 2, 2),
    ("sum", Function::Sum, 1, 1),
    ("to_array", Function::ToArray, 1, 1),
    ("to_number", Function::ToNumber, 1, 1),
    ("to_string", Function::ToString, 1, 1),
    ("type", Function::Type, 1, 1),
    ("values", Function::Values, 1, 1),
];

impl Function {
    /// The function called `name`.
    pub(super) fn lookup(name: &str) -> Option<Function> {
        FUNCTIONS
            .iter()
            .find(|(n, ..)| *n == name)
            .map(|(_, f, ..)| *f)
    }

    fn entry(self) -> (&'static str, usize, usize) {
        let found = FUNCTIONS.iter().find(|(_, f, ..)| *f == self);
        found.map_or(("?", 0, VARIADIC), |(name, _, min, max)| {
            (*name, *min, *max)
        })
    }

    /// The least and most number of arguments (`usize::MAX`: any number).
    pub(super) fn arity(self) -> (usize, usize) {
        let (_, min, max) = self.entry();
        (min, max)
    }

    pub(super) fn name(self) -> &'static str {
        self.entry().0
    }
}

type Outcome<'a> = Result<Val<'a>, JmespathError>;

/// Calls `function` with `args` evaluated on `data`; the parser has checked the arity.
pub(super) fn call<'a>(
    function: Function,
    args: &'a [Node],
    data: &Val<'a>,
    offset: usize,
) -> Outcome<'a> {
    let mut values = Vec::with_capacity(args.len());
    for arg in args {
        values.push(match arg {
            Node::Expref(inner, _) => Arg::Expref(inner),
            other => Arg::Value(eval(other, data)?),
        });
    }
    run(&mut Call {
        function,
        offset,
        args: values,
    })
}

/// The function body for `call`: apart from `call`, whose frame stays on the stack while nested
/// arguments are evaluated, so that it holds none of these arms' temporaries.
fn run<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    match call.function {
        Function::Abs => abs(call),
        Function::Avg => avg(call),
        Function::Ceil => rounded(call, f64::ceil),
        Function::Floor => rounded(call, f64::floor),
        Function::Contains => contains(call),
        Function::EndsWith => affix(call, |s, a| s.ends_with(a)),
        Function::StartsWith => affix(call, |s, a| s.starts_with(a)),
        Function::Join => join(call),
        Function::Keys => members(call, |(key, _)| Value::String(key.into_owned())),
        Function::Values => members(call, |(_, value)| value.into_owned()),
        Function::Length => length(call),
        Function::Map => map(call),
        Function::Max => order(call, Some(Ordering::Greater)),
        Function::Min => order(call, Some(Ordering::Less)),
        Function::Sort => order(call, None),
        Function::MaxBy => order_by(call, Some(Ordering::Greater)),
        Function::MinBy => order_by(call, Some(Ordering::Less)),
        Function::SortBy => order_by(call, None),
        Function::Merge => merge(call),
        Function::NotNull => not_null(call),
        Function::Reverse => reverse(call),
        Function::Sum => sum(call),
        Function::ToArray => to_array(call),
        Function::ToNumber => to_number(call),
        Function::ToString => to_string(call),
        Function::Type => Ok(owned(Value::String(
            kind(&*call.value(0)?).name().to_owned(),
        ))),
    }
}

fn owned<'a>(value: Value) -> Val<'a> {
    Cow::Owned(value)
}

fn abs<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    let n = match call.number(0)? {
        Number::Int(n) => n
            .checked_abs()
            .map_or(Number::Float(-(n as f64)), Number::Int),
        Number::Float(f) => Number::Float(f.abs()),
    };
    Ok(owned(n.into_value()))
}

fn avg<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    let numbers = call.numbers(0)?;
    if numbers.is_empty() {
        return Ok(NULL);
    }
    let total: f64 = numbers.iter().map(|n| n.as_f64()).sum();
    Ok(owned(Value::Double(total / numbers.len() as f64)))
}

/// `ceil` and `floor`: integers are already whole.
fn rounded<'a>(call: &mut Call<'a>, round: fn(f64) -> f64) -> Outcome<'a> {
    Ok(owned(match call.number(0)? {
        Number::Int(n) => Value::Long(n),
        Number::Float(f) => Value::Double(round(f)),
    }))
}

fn contains<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    let search = call.value(1)?;
    if call.kind(0) == Some(Kind::String) {
        let subject = call.string(0)?;
        let found = text(&search).is_some_and(|s| subject.contains(&*s));
        return Ok(owned(Value::Boolean(found)));
    }
    for item in call.array(0, "an array or a string")? {
        if equal(&item, &search, 0)? {
            return Ok(owned(Value::Boolean(true)));
        }
    }
    Ok(owned(Value::Boolean(false)))
}

/// `starts_with` and `ends_with`.
fn affix<'a>(call: &mut Call<'a>, test: fn(&str, &str) -> bool) -> Outcome<'a> {
    let found = test(&call.string(0)?, &call.string(1)?);
    Ok(owned(Value::Boolean(found)))
}

fn join<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    let separator = call.string(0)?.into_owned();
    let items = call.array(1, "an array of strings")?;
    let mut parts = Vec::with_capacity(items.len());
    for item in &items {
        parts.push(text(item).ok_or_else(|| call.element_error(1, "strings", item))?);
    }
    Ok(owned(Value::String(parts.join(&separator))))
}

/// `keys` and `values`.
fn members<'a>(call: &mut Call<'a>, part: fn((Cow<'a, str>, Val<'a>)) -> Value) -> Outcome<'a> {
    Ok(owned(Value::List(
        call.object(0)?.into_iter().map(part).collect(),
    )))
}

fn length<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    let count = if call.kind(0) == Some(Kind::String) {
        call.string(0)?.chars().count()
    } else {
        let value = call.value(0)?;
        let count = len(&value);
        count.ok_or_else(|| call.type_error(0, "a string, array or object", &value))?
    };
    Ok(owned(Value::Long(i64::try_from(count).unwrap_or(i64::MAX))))
}

fn map<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    let expression = call.expref(0)?;
    let items = call.array(1, "an array")?;
    let mut results = Vec::with_capacity(items.len());
    for item in &items {
        results.push(eval(expression, item)?.into_owned());
    }
    Ok(owned(Value::List(results)))
}

fn merge<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    let mut merged: Vec<(String, Value)> = Vec::new();
    for position in 0..call.args.len() {
        for (key, value) in call.object(position)? {
            match merged.iter_mut().find(|(k, _)| *k == key) {
                Some(entry) => entry.1 = value.into_owned(),
                None => merged.push((key.into_owned(), value.into_owned())),
            }
        }
    }
    Ok(owned(Value::Map(merged)))
}

fn not_null<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    for position in 0..call.args.len() {
        let value = call.value(position)?;
        if kind(&value) != Kind::Null {
            return Ok(value);
        }
    }
    Ok(NULL)
}

fn reverse<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    if call.kind(0) == Some(Kind::String) {
        return Ok(owned(Value::String(
            call.string(0)?.chars().rev().collect(),
        )));
    }
    let items = call.array(0, "an array or a string")?;
    Ok(owned(Value::List(
        items.into_iter().rev().map(Cow::into_owned).collect(),
    )))
}

/// Exact while the numbers are integers and the total fits an `i64`.
fn sum<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    let numbers = call.numbers(0)?;
    let exact = numbers.iter().try_fold(0i64, |total, n| match n {
        Number::Int(n) => total.checked_add(*n),
        Number::Float(_) => None,
    });
    Ok(owned(match exact {
        Some(total) => Value::Long(total),
        None => Value::Double(numbers.iter().map(|n| n.as_f64()).sum()),
    }))
}

fn to_array<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    let value = call.value(0)?;
    match kind(&value) {
        Kind::Array => Ok(value),
        _ => Ok(owned(Value::List(vec![value.into_owned()]))),
    }
}

fn to_number<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    let value = call.value(0)?;
    if number(&value).is_some() {
        return Ok(value);
    }
    let parsed = text(&value).and_then(|t| parse_number(&t));
    Ok(owned(parsed.map_or(Value::Null, Number::into_value)))
}

fn to_string<'a>(call: &mut Call<'a>) -> Outcome<'a> {
    let value = call.value(0)?;
    Ok(owned(Value::String(match text(&value) {
        Some(s) => s.into_owned(),
        None => to_json(&value)?,
    })))
}

/// `max` (`Greater`), `min` (`Less`) and `sort` (`None`) of an array of numbers or strings.
fn order<'a>(call: &mut Call<'a>, extreme: Option<Ordering>) -> Outcome<'a> {
    let expected = "an array of only numbers or only strings";
    let items = call.array(0, expected)?;
    let keys = sort_keys(call, 0, &items, expected)?;
    Ok(ordered(items, keys, extreme))
}

/// `max_by`, `min_by` and `sort_by`: ordered by what the expression gives for each element.
fn order_by<'a>(call: &mut Call<'a>, extreme: Option<Ordering>) -> Outcome<'a> {
    let items = call.array(0, "an array")?;
    let expression = call.expref(1)?;
    let mut results = Vec::with_capacity(items.len());
    for item in &items {
        results.push(eval(expression, item)?);
    }
    let keys = sort_keys(
        call,
        1,
        &results,
        "an expression giving only numbers or only strings",
    )?;
    Ok(ordered(items, keys, extreme))
}

/// What `sort`, `max` and `min` (and their `_by` forms) order by.
enum SortKey {
    Number(Number),
    Text(String),
}

impl SortKey {
    fn cmp(&self, other: &SortKey) -> Ordering {
        match (self, other) {
            (SortKey::Number(a), SortKey::Number(b)) => a.total_cmp(*b),
            (SortKey::Text(a), SortKey::Text(b)) => a.cmp(b),
            // Never compared: `sort_keys` rejects mixed keys.
            (SortKey::Number(_), SortKey::Text(_)) => Ordering::Less,
            (SortKey::Text(_), SortKey::Number(_)) => Ordering::Greater,
        }
    }
}

/// The keys of `values` (the array itself, or what an expression gave for each element): all
/// numbers or all strings, else an error saying argument `position` must be `expected`.
fn sort_keys(
    call: &Call<'_>,
    position: usize,
    values: &[Val<'_>],
    expected: &str,
) -> Result<Vec<SortKey>, JmespathError> {
    let mut keys: Vec<SortKey> = Vec::with_capacity(values.len());
    for value in values {
        let key = match (number(value), text(value)) {
            (Some(n), _) => SortKey::Number(n),
            (None, Some(s)) => SortKey::Text(s.into_owned()),
            (None, None) => {
                let found = format!("a {} element", kind(value).name());
                return Err(call.mismatch(position, expected, &found));
            }
        };
        if let (Some(SortKey::Number(_)), SortKey::Text(_))
        | (Some(SortKey::Text(_)), SortKey::Number(_)) = (keys.first(), &key)
        {
            return Err(call.mismatch(position, expected, "both numbers and strings"));
        }
        keys.push(key);
    }
    Ok(keys)
}

/// `items` sorted by `keys` (stable), or with `Some(extreme)` the first item whose key is the
/// greatest (`Greater`) or least (`Less`), null if there are none.
fn ordered<'a>(items: Vec<Val<'a>>, keys: Vec<SortKey>, extreme: Option<Ordering>) -> Val<'a> {
    let mut pairs: Vec<(SortKey, Val<'a>)> = keys.into_iter().zip(items).collect();
    let Some(want) = extreme else {
        pairs.sort_by(|a, b| a.0.cmp(&b.0));
        return owned(Value::List(
            pairs.into_iter().map(|(_, v)| v.into_owned()).collect(),
        ));
    };
    let mut best: Option<(SortKey, Val<'a>)> = None;
    for (key, item) in pairs {
        if best.as_ref().is_none_or(|(b, _)| key.cmp(b) == want) {
            best = Some((key, item));
        }
    }
    best.map_or(NULL, |(_, item)| item)
}
