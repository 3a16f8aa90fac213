//! Evaluation: rules in order, a rule's conditions in order (a condition holds when its value
//! is set and not `false`; `assign` keeps it), the first endpoint or error reached wins.
//!
//! Values borrow from the parameters, the rule set and the partition data where they can, so a
//! typical resolution allocates little more than the URL it returns.

use std::borrow::Cow;
use std::rc::Rc;

use super::ast::{
    Call, EndpointSpec, Expr, Function, ParamValue, PathPart, Property, Rule, RuleKind, Template,
    TemplatePart,
};
use super::partitions::{PartitionInfo, Partitions};
use super::strings::{self, Arn, ParsedUrl};
use super::{Endpoint, ResolveError, RuleSet};
use crate::{Document, Number};

/// A value during evaluation.
#[derive(Clone, Debug)]
enum Val<'a> {
    Str(Cow<'a, str>),
    Bool(bool),
    Int(i64),
    Array(Vec<Val<'a>>),
    Partition(&'a PartitionInfo),
    Url(Rc<ParsedUrl>),
    Arn(Rc<Arn>),
}

impl<'a> Val<'a> {
    fn as_str(&self) -> Option<&str> {
        match self {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    fn as_bool(&self) -> Option<bool> {
        match self {
            Val::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// `getAttr` of one path step.
    fn attribute(&self, part: &PathPart) -> Option<Val<'a>> {
        let text = |s: &str| Some(Val::Str(Cow::Owned(s.to_owned())));
        match (self, part) {
            (Val::Array(items), PathPart::Index(i)) => items.get(*i).cloned(),
            (Val::Partition(p), PathPart::Key(key)) => match key.as_str() {
                "name" => Some(Val::Str(Cow::Borrowed(&p.name))),
                "dnsSuffix" => Some(Val::Str(Cow::Borrowed(&p.dns_suffix))),
                "dualStackDnsSuffix" => Some(Val::Str(Cow::Borrowed(&p.dual_stack_dns_suffix))),
                "implicitGlobalRegion" => Some(Val::Str(Cow::Borrowed(&p.implicit_global_region))),
                "supportsFIPS" => Some(Val::Bool(p.supports_fips)),
                "supportsDualStack" => Some(Val::Bool(p.supports_dual_stack)),
                _ => None,
            },
            (Val::Url(u), PathPart::Key(key)) => match key.as_str() {
                "scheme" => text(&u.scheme),
                "authority" => text(&u.authority),
                "path" => text(&u.path),
                "normalizedPath" => text(&u.normalized_path),
                "isIp" => Some(Val::Bool(u.is_ip)),
                _ => None,
            },
            (Val::Arn(a), PathPart::Key(key)) => match key.as_str() {
                "partition" => text(&a.partition),
                "service" => text(&a.service),
                "region" => text(&a.region),
                "accountId" => text(&a.account_id),
                "resourceId" => Some(Val::Array(
                    a.resource_id
                        .iter()
                        .map(|s| Val::Str(Cow::Owned(s.clone())))
                        .collect(),
                )),
                _ => None,
            },
            _ => None,
        }
    }

    fn path(&self, path: &[PathPart]) -> Option<Val<'a>> {
        let mut value = self.clone();
        for part in path {
            value = value.attribute(part)?;
        }
        Some(value)
    }
}

/// Evaluation state: one slot per parameter and per assigned variable.
pub(super) struct Evaluator<'a> {
    slots: Vec<Option<Val<'a>>>,
    partitions: &'a Partitions,
}

impl<'a> Evaluator<'a> {
    pub fn new(
        rules: &'a RuleSet,
        params: &[Option<&'a ParamValue>],
        partitions: &'a Partitions,
    ) -> Self {
        let mut slots: Vec<Option<Val<'a>>> = Vec::with_capacity(rules.slots);
        for value in params {
            slots.push(value.map(|v| {
                match v {
                    ParamValue::String(s) => Val::Str(Cow::Borrowed(s)),
                    ParamValue::Boolean(b) => Val::Bool(*b),
                    ParamValue::StringArray(items) => Val::Array(
                        items
                            .iter()
                            .map(|s| Val::Str(Cow::Borrowed(s.as_str())))
                            .collect(),
                    ),
                }
            }));
        }
        slots.resize(rules.slots, None);
        Evaluator { slots, partitions }
    }

    /// The first endpoint or error the rules reach; `None` when none matches.
    pub fn rules(&mut self, rules: &'a [Rule]) -> Option<Result<Endpoint, ResolveError>> {
        for rule in rules {
            if !self.conditions(rule) {
                continue;
            }
            match &rule.kind {
                RuleKind::Endpoint(spec) => return Some(self.endpoint(spec)),
                RuleKind::Error(message) => {
                    let message = self.string(message).map(Cow::into_owned);
                    return Some(Err(ResolveError::Rule(message.unwrap_or_else(|| {
                        "an endpoint rule failed with an unset message".to_owned()
                    }))));
                }
                // A tree whose conditions hold is terminal: its exhaustion is an error.
                RuleKind::Tree(rules) => {
                    return Some(
                        self.rules(rules)
                            .unwrap_or(Err(ResolveError::NoRuleMatched)),
                    )
                }
            }
        }
        None
    }

    fn conditions(&mut self, rule: &'a Rule) -> bool {
        for condition in &rule.conditions {
            let value = self.call(&condition.call);
            let holds = match &value {
                None | Some(Val::Bool(false)) => false,
                Some(_) => true,
            };
            if !holds {
                return false;
            }
            if let Some(slot) = condition.assign {
                self.slots[slot] = value;
            }
        }
        true
    }

    fn eval(&mut self, expr: &'a Expr) -> Option<Val<'a>> {
        match expr {
            Expr::Str(template) => self.render(template).map(Val::Str),
            Expr::Bool(b) => Some(Val::Bool(*b)),
            Expr::Int(i) => Some(Val::Int(*i)),
            Expr::Array(items) => items
                .iter()
                .map(|item| self.eval(item))
                .collect::<Option<Vec<_>>>()
                .map(Val::Array),
            Expr::Ref(slot) => self.slots[*slot].clone(),
            Expr::Call(call) => self.call(call),
        }
    }

    fn string(&mut self, expr: &'a Expr) -> Option<Cow<'a, str>> {
        match self.eval(expr)? {
            Val::Str(s) => Some(s),
            _ => None,
        }
    }

    fn render(&self, template: &'a Template) -> Option<Cow<'a, str>> {
        if let [TemplatePart::Literal(text)] = template.parts.as_slice() {
            return Some(Cow::Borrowed(text));
        }
        let mut out = String::new();
        for part in &template.parts {
            match part {
                TemplatePart::Literal(text) => out.push_str(text),
                TemplatePart::Value { slot, path } => {
                    let value = self.slots[*slot].as_ref()?;
                    if path.is_empty() {
                        out.push_str(value.as_str()?);
                    } else {
                        out.push_str(value.path(path)?.as_str()?);
                    }
                }
            }
        }
        Some(Cow::Owned(out))
    }

    fn call(&mut self, call: &'a Call) -> Option<Val<'a>> {
        let args = &call.args;
        match &call.function {
            Function::IsSet => Some(Val::Bool(self.eval(&args[0]).is_some())),
            Function::Not => Some(Val::Bool(!self.eval(&args[0])?.as_bool()?)),
            Function::BooleanEquals => {
                let a = self.eval(&args[0])?.as_bool()?;
                let b = self.eval(&args[1])?.as_bool()?;
                Some(Val::Bool(a == b))
            }
            Function::StringEquals => {
                let a = self.string(&args[0])?;
                let b = self.string(&args[1])?;
                Some(Val::Bool(a == b))
            }
            Function::GetAttr(path) => self.eval(&args[0])?.path(path),
            Function::Substring => {
                let input = self.string(&args[0])?;
                let (Val::Int(start), Val::Int(stop)) =
                    (self.eval(&args[1])?, self.eval(&args[2])?)
                else {
                    return None;
                };
                let reverse = self.eval(&args[3])?.as_bool()?;
                let piece = strings::substring(&input, start, stop, reverse)?;
                Some(Val::Str(Cow::Owned(piece.to_owned())))
            }
            Function::UriEncode => Some(Val::Str(Cow::Owned(strings::uri_encode(
                &self.string(&args[0])?,
            )))),
            Function::ParseUrl => {
                let url = strings::parse_url(&self.string(&args[0])?)?;
                Some(Val::Url(Rc::new(url)))
            }
            Function::IsValidHostLabel => {
                let value = self.string(&args[0])?;
                let subdomains = self.eval(&args[1])?.as_bool()?;
                Some(Val::Bool(strings::is_valid_host_label(&value, subdomains)))
            }
            Function::Ite => {
                if self.eval(&args[0])?.as_bool()? {
                    self.eval(&args[1])
                } else {
                    self.eval(&args[2])
                }
            }
            Function::Coalesce => {
                let (last, first) = args.split_last()?;
                for arg in first {
                    if let Some(value) = self.eval(arg) {
                        return Some(value);
                    }
                }
                self.eval(last)
            }
            Function::Split => {
                let input = self.string(&args[0])?;
                let delimiter = self.string(&args[1])?;
                let Val::Int(limit) = self.eval(&args[2])? else {
                    return None;
                };
                if delimiter.is_empty() {
                    return None;
                }
                let owned = |s: &str| Val::Str(Cow::Owned(s.to_owned()));
                let parts = match usize::try_from(limit) {
                    Ok(0) => input.split(&*delimiter).map(owned).collect(),
                    Ok(n) => input.splitn(n, &*delimiter).map(owned).collect(),
                    Err(_) => return None,
                };
                Some(Val::Array(parts))
            }
            Function::Partition => {
                let region = self.string(&args[0])?;
                self.partitions.lookup(&region).map(Val::Partition)
            }
            Function::ParseArn => {
                let arn = strings::parse_arn(&self.string(&args[0])?)?;
                Some(Val::Arn(Rc::new(arn)))
            }
            Function::IsVirtualHostableS3Bucket => {
                let value = self.string(&args[0])?;
                let subdomains = self.eval(&args[1])?.as_bool()?;
                Some(Val::Bool(strings::is_virtual_hostable_s3_bucket(
                    &value, subdomains,
                )))
            }
        }
    }

    fn endpoint(&mut self, spec: &'a EndpointSpec) -> Result<Endpoint, ResolveError> {
        let unset = |what: &str| ResolveError::Invalid(format!("the endpoint's {what} is unset"));
        let url = self
            .string(&spec.url)
            .ok_or_else(|| unset("URL"))?
            .into_owned();
        let mut headers = Vec::with_capacity(spec.headers.len());
        for (name, values) in &spec.headers {
            let mut texts = Vec::with_capacity(values.len());
            for value in values {
                let text = self.string(value).ok_or_else(|| unset("header"))?;
                texts.push(text.into_owned());
            }
            headers.push((name.clone(), texts));
        }
        let mut properties = std::collections::BTreeMap::new();
        for (name, property) in &spec.properties {
            properties.insert(
                name.clone(),
                self.property(property).ok_or_else(|| unset("property"))?,
            );
        }
        Ok(Endpoint {
            url,
            headers,
            properties,
        })
    }

    fn property(&self, property: &'a Property) -> Option<Document> {
        Some(match property {
            Property::Str(template) => Document::String(self.render(template)?.into_owned()),
            Property::Bool(b) => Document::Bool(*b),
            Property::Number(n) => Document::Number(Number::clone(n)),
            Property::Array(items) => Document::Array(
                items
                    .iter()
                    .map(|item| self.property(item))
                    .collect::<Option<_>>()?,
            ),
            Property::Object(entries) => Document::Object(
                entries
                    .iter()
                    .map(|(k, v)| Some((k.clone(), self.property(v)?)))
                    .collect::<Option<_>>()?,
            ),
        })
    }
}
