//! `@paginated`: the operation's settings merged over the service's, resolved to the Rust
//! fields a paginator reads and writes, and checked against the input and output.
//!
//! A setting that does not fit its operation (a member that does not exist, a token that is not
//! a string…) leaves that one operation without a paginator and becomes a warning of the
//! service: a real model with one bad paginator still generates, and says what it left out.

use std::collections::BTreeSet;

use super::{Operation, Service, TypeRef};
use crate::model::{Model, ShapeId};
use crate::{naming, Error};

const PAGINATED: &str = "smithy.api#paginated";

/// How to page through an operation (from `@paginated`).
#[derive(Debug, Clone)]
pub struct Paginator {
    /// The client method returning the paginator (`list_fleets_paginator`).
    pub method: String,
    /// The merged settings, as the model names them (for documentation).
    pub settings: Settings,
    /// The input member that takes the token.
    pub input_token: Step,
    /// The path through the output to the next token, of the input token's type.
    pub output_token: Vec<Step>,
    /// The token's type: a string, or a map (which Smithy allows, if discouraged: DynamoDB's
    /// `ExclusiveStartKey`).
    pub token: TypeRef,
    /// The path through the output to the page's results, if the model names them.
    pub items: Option<Items>,
    /// The input member that limits a page, if the model names one.
    pub page_size: Option<PageSize>,
}

/// The model's `@paginated` members after the merge (member names, dotted paths).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

/// One structure member on a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The Rust field name.
    pub field: String,
    /// The field is an `Option`.
    pub optional: bool,
    /// The field is boxed.
    pub boxed: bool,
}

/// The page's results: a list or a map.
#[derive(Debug, Clone)]
pub struct Items {
    pub path: Vec<Step>,
    /// The list or map.
    pub ty: TypeRef,
}

/// The page-size member: the paginator's `i32` goes into it as its own type.
#[derive(Debug, Clone)]
pub struct PageSize {
    pub step: Step,
    /// `Integer`, or the `Byte`, `Short` or `Long` that Smithy allows (and discourages).
    pub ty: TypeRef,
}

impl Service {
    /// The operations that get a paginator: those with a valid `@paginated` whose operation is
    /// generated (not an event stream), in operation order.
    pub fn paginated(&self) -> impl Iterator<Item = (&Operation, &Paginator)> {
        self.operations
            .iter()
            .filter(|op| !op.event_stream)
            .filter_map(|op| Some((op, op.paginator.as_ref()?)))
    }
}

/// Sets [`Operation::paginator`] of every operation with a valid `@paginated`, and adds a
/// warning to [`Service::warnings`] for every invalid one.
pub(super) fn resolve(model: &Model, service: &mut Service) {
    let defaults = model
        .shape(&service.id)
        .and_then(|s| s.traits.get(PAGINATED));
    // Method names: unique among the client's methods and the operations'.
    let mut taken: BTreeSet<String> = naming::CLIENT_METHODS
        .iter()
        .map(|m| (*m).to_owned())
        .chain(service.operations.iter().map(|op| op.fn_name.clone()))
        .collect();
    let mut found = Vec::new();
    for (index, op) in service.operations.iter().enumerate() {
        let Some(shape) = model.shape(&op.id) else {
            continue;
        };
        let Some(own) = shape.traits.get(PAGINATED) else {
            continue;
        };
        if op.event_stream {
            continue;
        }
        let located = |message: String| {
            Error::shape(&op.id, format!("@paginated is ignored: {message}"))
                .with_file(model.file_of(shape))
        };
        let resolved = merge(defaults, own).and_then(|settings| paginator(service, op, settings));
        match resolved {
            Ok(mut paginator) => {
                let base = format!("{}_paginator", op.fn_name.trim_start_matches("r#"));
                paginator.method = unique(&mut taken, base);
                found.push((index, paginator));
            }
            Err(message) => service.warnings.push(located(message)),
        }
    }
    for (index, paginator) in found {
        service.operations[index].paginator = Some(paginator);
    }
}

/// `base`, or `base_2`, `base_3`… if taken; marked taken.
fn unique(taken: &mut BTreeSet<String>, base: String) -> String {
    let name = (1..)
        .map(|n| match n {
            1 => base.clone(),
            n => format!("{base}_{n}"),
        })
        .find(|name| !taken.contains(name))
        .unwrap_or(base);
    taken.insert(name.clone());
    name
}

/// The operation's settings over the service's (each member the operation sets wins).
fn merge(
    service: Option<&serde_json::Value>,
    operation: &serde_json::Value,
) -> Result<Settings, String> {
    let mut settings = Settings::default();
    for (source, value) in [("the service's", service), ("its", Some(operation))] {
        let Some(value) = value else {
            continue;
        };
        let object = value
            .as_object()
            .ok_or_else(|| format!("{source} @paginated is not an object"))?;
        for (key, slot) in [
            ("inputToken", &mut settings.input_token),
            ("outputToken", &mut settings.output_token),
            ("items", &mut settings.items),
            ("pageSize", &mut settings.page_size),
        ] {
            if let Some(member) = object.get(key) {
                let text = member
                    .as_str()
                    .ok_or_else(|| format!("{source} `{key}` is not a string"))?;
                *slot = Some(text.to_owned());
            }
        }
    }
    Ok(settings)
}

/// The paginator `settings` describe for `op`, or why they do not fit it.
fn paginator(service: &Service, op: &Operation, settings: Settings) -> Result<Paginator, String> {
    let (Some(input_token), Some(output_token)) = (&settings.input_token, &settings.output_token)
    else {
        return Err("it needs both `inputToken` and `outputToken`".to_owned());
    };
    let input = op.input.as_ref().ok_or("the operation has no input")?;
    let output = op.output.as_ref().ok_or("the operation has no output")?;
    let (input_step, token) = member(service, input, input_token, "inputToken")?;
    if !matches!(token, TypeRef::String | TypeRef::Map { .. }) {
        return Err(format!(
            "inputToken `{input_token}` is not a string or a map"
        ));
    }
    let (output_steps, ty) = path(service, output, output_token, "outputToken")?;
    if ty != token {
        return Err(format!(
            "outputToken `{output_token}` is not of the type of inputToken `{input_token}`"
        ));
    }
    let items = match &settings.items {
        Some(items) => {
            let (path, ty) = path(service, output, items, "items")?;
            if !matches!(ty, TypeRef::List { .. } | TypeRef::Map { .. }) {
                return Err(format!("items `{items}` is not a list or a map"));
            }
            Some(Items { path, ty })
        }
        None => None,
    };
    let page_size = match &settings.page_size {
        Some(name) => {
            let (step, ty) = member(service, input, name, "pageSize")?;
            if !matches!(
                ty,
                TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long
            ) {
                return Err(format!("pageSize `{name}` is not an integer"));
            }
            Some(PageSize { step, ty })
        }
        None => None,
    };
    Ok(Paginator {
        method: String::new(),
        input_token: input_step,
        output_token: output_steps,
        token,
        items,
        page_size,
        settings,
    })
}

/// A dotted `path` of members from the structure `from`: each member but the last must be a
/// structure. Returns the steps and the last member's type.
fn path(
    service: &Service,
    from: &ShapeId,
    path: &str,
    setting: &str,
) -> Result<(Vec<Step>, TypeRef), String> {
    let mut steps = Vec::new();
    let mut at = from.clone();
    let mut names = path.split('.').peekable();
    while let Some(name) = names.next() {
        let (step, ty) = member(service, &at, name, setting)?;
        steps.push(step);
        if names.peek().is_none() {
            return Ok((steps, ty));
        }
        match ty {
            TypeRef::Named(id) if service.structure(&id).is_some() => at = id,
            _ => return Err(format!("{setting} `{path}`: `{name}` is not a structure")),
        }
    }
    Err(format!("{setting} is empty"))
}

/// The member `name` of the structure `of`.
fn member(
    service: &Service,
    of: &ShapeId,
    name: &str,
    setting: &str,
) -> Result<(Step, TypeRef), String> {
    let missing = || format!("{setting} `{name}` is not a member of {of}");
    let (_, structure) = service.structure(of).ok_or_else(missing)?;
    let field = structure
        .fields
        .iter()
        .find(|f| f.member_name == name)
        .ok_or_else(missing)?;
    let step = Step {
        field: field.rust_name.clone(),
        optional: field.optional,
        boxed: field.boxed,
    };
    Ok((step, field.ty.clone()))
}

#[cfg(test)]
mod tests;
