//! Reads a `smithy.rules#endpointRuleSet` document into the evaluator's form, checking it on
//! the way: known functions with the right number and types of arguments, references to
//! parameters or to variables assigned earlier in scope, templates and paths that parse. Every
//! error names the position (`rules[2].rules[0].conditions[1].argv[0]`).

use std::collections::BTreeMap;

use super::ast::{
    Call, Condition, EndpointSpec, Expr, Function, ParamType, ParamValue, Parameter, Property,
    Rule, RuleKind, Template, TemplatePart,
};
use super::template::{parse_path, parse_template, RawPart};
use super::types::{attribute_type, Ty, Typed};
use super::{RuleSet, RuleSetError};
use crate::Document;

/// Rule-set versions this engine implements (1.1 added `coalesce`; later ones `ite` and
/// `split`, all implemented).
const VERSIONS: &[&str] = &["1.0", "1.1", "1.2", "1.3"];

/// Nesting bound for tree rules and function calls: real rule sets nest a few dozen levels.
const MAX_DEPTH: usize = 256;

pub(super) fn parse_rule_set(doc: &Document) -> Result<RuleSet, RuleSetError> {
    let mut p = Parser::default();
    let object = p.object(doc, "the rule set")?;
    let version = match object.get("version").map(Document::as_str) {
        Some(Some(v)) if VERSIONS.contains(&v) => v.to_owned(),
        Some(Some(v)) => return Err(p.error(format!("unsupported rule-set version `{v}`"))),
        _ => return Err(p.error("`version` must be a string")),
    };
    let empty = BTreeMap::new();
    let parameters = match object.get("parameters") {
        Some(params) => p.at("parameters", |p| p.object(params, "`parameters`"))?,
        None => &empty,
    };
    for (name, param) in parameters {
        let param = p.at(&format!("parameters.{name}"), |p| p.parameter(name, param))?;
        p.params.push(param);
    }
    let rules = match object.get("rules").map(Document::as_array) {
        Some(Some(rules)) => p.at("rules", |p| p.rules(rules, 0))?,
        _ => return Err(p.error("`rules` must be an array")),
    };
    Ok(RuleSet {
        version,
        slots: p.next_slot.max(p.params.len()),
        params: p.params,
        rules,
    })
}

#[derive(Default)]
struct Parser {
    params: Vec<Parameter>,
    /// Variables in scope: name, slot, type.
    scope: Vec<(String, usize, Typed)>,
    /// The next free slot for a variable (slots below `params.len()` are the parameters).
    next_slot: usize,
    /// The position being read, innermost last.
    path: Vec<String>,
}

impl Parser {
    fn error(&self, message: impl Into<String>) -> RuleSetError {
        let mut path = String::new();
        for segment in &self.path {
            if !path.is_empty() && !segment.starts_with('[') {
                path.push('.');
            }
            path.push_str(segment);
        }
        RuleSetError {
            path,
            message: message.into(),
        }
    }

    /// Runs `f` with `segment` appended to the position.
    fn at<T>(
        &mut self,
        segment: &str,
        f: impl FnOnce(&mut Self) -> Result<T, RuleSetError>,
    ) -> Result<T, RuleSetError> {
        self.path.push(segment.to_owned());
        let result = f(self);
        self.path.pop();
        result
    }

    fn object<'d>(
        &self,
        doc: &'d Document,
        what: &str,
    ) -> Result<&'d BTreeMap<String, Document>, RuleSetError> {
        doc.as_object()
            .ok_or_else(|| self.error(format!("{what} must be an object")))
    }

    fn parameter(&self, name: &str, doc: &Document) -> Result<Parameter, RuleSetError> {
        let object = self.object(doc, "a parameter")?;
        let param_type = match object.get("type").and_then(Document::as_str) {
            Some(t) if t.eq_ignore_ascii_case("string") => ParamType::String,
            Some(t) if t.eq_ignore_ascii_case("boolean") => ParamType::Boolean,
            Some(t) if t.eq_ignore_ascii_case("stringArray") => ParamType::StringArray,
            Some(t) => return Err(self.error(format!("unknown parameter type `{t}`"))),
            None => return Err(self.error("`type` must be a string")),
        };
        let default = match object.get("default") {
            None | Some(Document::Null) => None,
            Some(value) => Some(param_value(value, param_type).ok_or_else(|| {
                self.error(format!("the default is not a {}", param_type.name()))
            })?),
        };
        let text = |key: &str| {
            object
                .get(key)
                .and_then(Document::as_str)
                .map(str::to_owned)
        };
        Ok(Parameter {
            name: name.to_owned(),
            param_type,
            required: object.get("required").and_then(Document::as_bool) == Some(true),
            default,
            built_in: text("builtIn"),
            documentation: text("documentation"),
            deprecated: object.contains_key("deprecated"),
        })
    }

    fn rules(
        &mut self,
        docs: &[Document],
        depth: usize,
    ) -> Result<Vec<super::ast::Rule>, RuleSetError> {
        if depth > MAX_DEPTH {
            return Err(self.error("rules nested too deep"));
        }
        let mut rules = Vec::with_capacity(docs.len());
        for (i, doc) in docs.iter().enumerate() {
            rules.push(self.at(&format!("[{i}]"), |p| p.rule(doc, depth))?);
        }
        Ok(rules)
    }

    fn rule(&mut self, doc: &Document, depth: usize) -> Result<Rule, RuleSetError> {
        let object = self.object(doc, "a rule")?;
        let scope = self.scope.len();
        let result = self.rule_in_scope(object, depth);
        // Variables a rule assigns are visible in it (and its sub-rules) only.
        self.scope.truncate(scope);
        result
    }

    fn rule_in_scope(
        &mut self,
        object: &BTreeMap<String, Document>,
        depth: usize,
    ) -> Result<Rule, RuleSetError> {
        let conditions = match object.get("conditions") {
            None => Vec::new(),
            Some(Document::Array(docs)) => {
                let mut conditions = Vec::with_capacity(docs.len());
                for (i, doc) in docs.iter().enumerate() {
                    let path = format!("conditions[{i}]");
                    conditions.push(self.at(&path, |p| p.condition(doc))?);
                }
                conditions
            }
            Some(_) => return Err(self.error("`conditions` must be an array")),
        };
        let kind = match object.get("type").and_then(Document::as_str) {
            Some("endpoint") => {
                let endpoint = object
                    .get("endpoint")
                    .ok_or_else(|| self.error("an endpoint rule needs `endpoint`"))?;
                RuleKind::Endpoint(self.at("endpoint", |p| p.endpoint(endpoint))?)
            }
            Some("error") => {
                let error = object
                    .get("error")
                    .ok_or_else(|| self.error("an error rule needs `error`"))?;
                let (expr, ty) = self.at("error", |p| p.expr(error, 0))?;
                self.at("error", |p| p.expect(ty, Ty::Str))?;
                RuleKind::Error(expr)
            }
            Some("tree") => match object.get("rules") {
                Some(Document::Array(docs)) => {
                    RuleKind::Tree(self.at("rules", |p| p.rules(docs, depth + 1))?)
                }
                _ => return Err(self.error("a tree rule needs a `rules` array")),
            },
            Some(other) => return Err(self.error(format!("unknown rule type `{other}`"))),
            None => return Err(self.error("a rule needs a `type`")),
        };
        Ok(Rule { conditions, kind })
    }

    fn condition(&mut self, doc: &Document) -> Result<Condition, RuleSetError> {
        let object = self.object(doc, "a condition")?;
        let (call, typed) = self.call(object, 0)?;
        let assign = match object.get("assign") {
            None => None,
            Some(Document::String(name)) => {
                if self.lookup(name).is_some() {
                    return Err(self.error(format!(
                        "`assign` reuses the name `{name}`, already a parameter or variable in scope"
                    )));
                }
                let slot = self.params.len().max(self.next_slot);
                self.next_slot = slot + 1;
                // After a condition holds, its value is set.
                self.scope
                    .push((name.clone(), slot, Typed::required(typed.ty)));
                Some(slot)
            }
            Some(_) => return Err(self.error("`assign` must be a string")),
        };
        Ok(Condition { call, assign })
    }

    /// The slot and type of a parameter or variable in scope.
    fn lookup(&self, name: &str) -> Option<(usize, Typed)> {
        if let Some((_, slot, typed)) = self.scope.iter().rev().find(|(n, _, _)| n == name) {
            return Some((*slot, *typed));
        }
        self.params.iter().position(|p| p.name == name).map(|slot| {
            let param = &self.params[slot];
            let ty = match param.param_type {
                ParamType::String => Ty::Str,
                ParamType::Boolean => Ty::Bool,
                ParamType::StringArray => Ty::StrArray,
            };
            let optional = !param.required && param.default.is_none();
            (slot, Typed { ty, optional })
        })
    }

    fn expect(&self, got: Typed, expected: Ty) -> Result<(), RuleSetError> {
        if got.ty.fits(expected) {
            Ok(())
        } else {
            Err(self.error(format!(
                "expected a {}, found a {}",
                expected.name(),
                got.ty.name()
            )))
        }
    }

    fn expr(&mut self, doc: &Document, depth: usize) -> Result<(Expr, Typed), RuleSetError> {
        if depth > MAX_DEPTH {
            return Err(self.error("expressions nested too deep"));
        }
        Ok(match doc {
            Document::String(text) => (Expr::Str(self.template(text)?), Typed::required(Ty::Str)),
            Document::Bool(b) => (Expr::Bool(*b), Typed::required(Ty::Bool)),
            Document::Number(n) => match n.as_i64() {
                Some(i) => (Expr::Int(i), Typed::required(Ty::Int)),
                None => return Err(self.error("numbers in rules must be integers")),
            },
            Document::Array(items) => {
                let mut exprs = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let (expr, ty) = self.at(&format!("[{i}]"), |p| p.expr(item, depth + 1))?;
                    self.at(&format!("[{i}]"), |p| p.expect(ty, Ty::Str))?;
                    exprs.push(expr);
                }
                (Expr::Array(exprs), Typed::required(Ty::StrArray))
            }
            Document::Object(object) => {
                if let Some(name) = object.get("ref") {
                    let Some(name) = name.as_str() else {
                        return Err(self.error("`ref` must be a string"));
                    };
                    let (slot, typed) = self.lookup(name).ok_or_else(|| {
                        self.error(format!(
                            "`{name}` is not a parameter or a variable in scope"
                        ))
                    })?;
                    (Expr::Ref(slot), typed)
                } else if object.contains_key("fn") {
                    let (call, typed) = self.call(object, depth + 1)?;
                    (Expr::Call(Box::new(call)), typed)
                } else {
                    return Err(self.error("an object here must be a `ref` or an `fn` call"));
                }
            }
            Document::Null => return Err(self.error("null is not a value in rules")),
        })
    }

    fn template(&self, text: &str) -> Result<Template, RuleSetError> {
        let raw = parse_template(text).map_err(|e| self.error(e))?;
        let mut parts = Vec::with_capacity(raw.parts.len());
        for part in raw.parts {
            parts.push(match part {
                RawPart::Literal(text) => TemplatePart::Literal(text),
                RawPart::Hole { name, path } => {
                    let (slot, typed) = self.lookup(&name).ok_or_else(|| {
                        self.error(format!(
                            "the template {text:?} names `{name}`, not a parameter or a variable in scope"
                        ))
                    })?;
                    let typed = if path.is_empty() {
                        typed
                    } else {
                        attribute_type(typed.ty, &path).map_err(|e| self.error(e))?
                    };
                    if !typed.ty.fits(Ty::Str) {
                        return Err(self.error(format!(
                            "the template {text:?} inserts a {}, not a string",
                            typed.ty.name()
                        )));
                    }
                    TemplatePart::Value { slot, path }
                }
            });
        }
        Ok(Template { parts })
    }

    fn call(
        &mut self,
        object: &BTreeMap<String, Document>,
        depth: usize,
    ) -> Result<(Call, Typed), RuleSetError> {
        let Some(name) = object.get("fn").and_then(Document::as_str) else {
            return Err(self.error("`fn` must be a string"));
        };
        let Some(Document::Array(argv)) = object.get("argv") else {
            return Err(self.error(format!("`{name}` needs an `argv` array")));
        };
        let mut args = Vec::with_capacity(argv.len());
        let mut types = Vec::with_capacity(argv.len());
        for (i, arg) in argv.iter().enumerate() {
            let (expr, ty) = self.at(&format!("argv[{i}]"), |p| p.expr(arg, depth))?;
            args.push(expr);
            types.push(ty);
        }
        let (function, result) = self
            .signature(name, &args, &types)
            .map_err(|e| self.error(format!("{name}: {e}")))?;
        Ok((Call { function, args }, result))
    }

    /// The function `name` and its result type, after checking its arguments.
    fn signature(
        &self,
        name: &str,
        args: &[Expr],
        types: &[Typed],
    ) -> Result<(Function, Typed), String> {
        let arity = |n: usize| {
            if types.len() == n {
                Ok(())
            } else {
                Err(format!("takes {n} arguments, given {}", types.len()))
            }
        };
        let check = |expected: &[Ty]| -> Result<(), String> {
            arity(expected.len())?;
            for (i, (got, want)) in types.iter().zip(expected).enumerate() {
                if !got.ty.fits(*want) {
                    return Err(format!(
                        "argument {} must be a {}, found a {}",
                        i + 1,
                        want.name(),
                        got.ty.name()
                    ));
                }
            }
            Ok(())
        };
        let bool_result = Typed::required(Ty::Bool);
        Ok(match name {
            "isSet" => {
                arity(1)?;
                (Function::IsSet, bool_result)
            }
            "not" => {
                check(&[Ty::Bool])?;
                (Function::Not, bool_result)
            }
            "booleanEquals" => {
                check(&[Ty::Bool, Ty::Bool])?;
                (Function::BooleanEquals, bool_result)
            }
            "stringEquals" => {
                check(&[Ty::Str, Ty::Str])?;
                (Function::StringEquals, bool_result)
            }
            "getAttr" => {
                arity(2)?;
                let path = match &args[1] {
                    Expr::Str(template) => template
                        .as_literal()
                        .ok_or("the path must be a literal string")?,
                    _ => return Err("the path must be a literal string".to_owned()),
                };
                let path = parse_path(path)?;
                let typed = attribute_type(types[0].ty, &path)?;
                let typed = Typed {
                    optional: typed.optional || types[0].optional,
                    ..typed
                };
                (Function::GetAttr(path), typed)
            }
            "substring" => {
                check(&[Ty::Str, Ty::Int, Ty::Int, Ty::Bool])?;
                (Function::Substring, Typed::optional(Ty::Str))
            }
            "uriEncode" => {
                check(&[Ty::Str])?;
                (Function::UriEncode, Typed::required(Ty::Str))
            }
            "parseURL" => {
                check(&[Ty::Str])?;
                (Function::ParseUrl, Typed::optional(Ty::Url))
            }
            "isValidHostLabel" => {
                check(&[Ty::Str, Ty::Bool])?;
                (Function::IsValidHostLabel, bool_result)
            }
            "ite" => {
                arity(3)?;
                check_same(&types[1..])?;
                if !types[0].ty.fits(Ty::Bool) {
                    return Err(format!("the condition is a {}", types[0].ty.name()));
                }
                let optional = types[1].optional || types[2].optional;
                (
                    Function::Ite,
                    Typed {
                        ty: types[1].ty,
                        optional,
                    },
                )
            }
            "coalesce" => {
                if types.len() < 2 {
                    return Err(format!("takes 2 or more arguments, given {}", types.len()));
                }
                check_same(types)?;
                let optional = types.iter().all(|t| t.optional);
                (
                    Function::Coalesce,
                    Typed {
                        ty: types[0].ty,
                        optional,
                    },
                )
            }
            "split" => {
                check(&[Ty::Str, Ty::Str, Ty::Int])?;
                (Function::Split, Typed::required(Ty::StrArray))
            }
            "aws.partition" => {
                check(&[Ty::Str])?;
                (Function::Partition, Typed::optional(Ty::Partition))
            }
            "aws.parseArn" => {
                check(&[Ty::Str])?;
                (Function::ParseArn, Typed::optional(Ty::Arn))
            }
            "aws.isVirtualHostableS3Bucket" => {
                check(&[Ty::Str, Ty::Bool])?;
                (Function::IsVirtualHostableS3Bucket, bool_result)
            }
            other => return Err(format!("unknown function `{other}`")),
        })
    }

    fn endpoint(&mut self, doc: &Document) -> Result<EndpointSpec, RuleSetError> {
        let object = self.object(doc, "an endpoint")?;
        let url = object
            .get("url")
            .ok_or_else(|| self.error("an endpoint needs a `url`"))?;
        let (url, ty) = self.at("url", |p| p.expr(url, 0))?;
        self.at("url", |p| p.expect(ty, Ty::Str))?;
        let mut headers = Vec::new();
        if let Some(doc) = object.get("headers") {
            for (name, values) in self.at("headers", |p| p.object(doc, "`headers`"))? {
                let Some(values) = values.as_array() else {
                    return Err(self.error(format!("header `{name}` must be an array")));
                };
                let mut exprs = Vec::with_capacity(values.len());
                for (i, value) in values.iter().enumerate() {
                    let path = format!("headers.{name}[{i}]");
                    let (expr, ty) = self.at(&path, |p| p.expr(value, 0))?;
                    self.at(&path, |p| p.expect(ty, Ty::Str))?;
                    exprs.push(expr);
                }
                headers.push((name.clone(), exprs));
            }
        }
        let properties = match object.get("properties") {
            None => Vec::new(),
            Some(doc) => match self.at("properties", |p| p.property(doc, 0))? {
                Property::Object(entries) => entries,
                _ => return Err(self.error("`properties` must be an object")),
            },
        };
        Ok(EndpointSpec {
            url,
            headers,
            properties,
        })
    }

    fn property(&self, doc: &Document, depth: usize) -> Result<Property, RuleSetError> {
        if depth > MAX_DEPTH {
            return Err(self.error("properties nested too deep"));
        }
        Ok(match doc {
            Document::String(text) => Property::Str(self.template(text)?),
            Document::Bool(b) => Property::Bool(*b),
            Document::Number(n) => Property::Number(*n),
            Document::Array(items) => Property::Array(
                items
                    .iter()
                    .map(|item| self.property(item, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            Document::Object(entries) => Property::Object(
                entries
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), self.property(v, depth + 1)?)))
                    .collect::<Result<_, RuleSetError>>()?,
            ),
            Document::Null => return Err(self.error("null is not a property value")),
        })
    }
}

/// `ite`'s branches and `coalesce`'s arguments have one type.
fn check_same(types: &[Typed]) -> Result<(), String> {
    let first = types[0].ty;
    match types.iter().find(|t| !t.ty.fits(first)) {
        Some(other) => Err(format!(
            "arguments mix a {} and a {}",
            first.name(),
            other.ty.name()
        )),
        None => Ok(()),
    }
}

/// A JSON value as a parameter value of `ty`, if it is one.
pub(super) fn param_value(doc: &Document, ty: ParamType) -> Option<ParamValue> {
    match (ty, doc) {
        (ParamType::String, Document::String(s)) => Some(ParamValue::String(s.clone())),
        (ParamType::Boolean, Document::Bool(b)) => Some(ParamValue::Boolean(*b)),
        (ParamType::StringArray, Document::Array(items)) => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .map(ParamValue::StringArray),
        _ => None,
    }
}
