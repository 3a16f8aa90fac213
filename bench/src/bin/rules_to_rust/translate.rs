//! The rule set as straight Rust: each rule's conditions become nested `if`/`if let`s, assigned
//! variables locals, templates `format!`s, an endpoint rule a `return Ok(Endpoint { … })`.
//!
//! The rule set is first checked by the runtime's own parser (`RuleSet::from_json`), so this
//! translation trusts its shape and types. Semantics copied from `runtime/src/rules/eval.rs`:
//! a condition holds when its value is set and not `false`; a function with an unset argument is
//! unset (here: every optional argument becomes an `if let Some(_t…)` around what follows, the
//! "guards"); a tree whose conditions hold is terminal.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::functions::expect;
use crate::names::snake;
use crate::template::{parse_template, Part};

/// What an expression evaluates to, as the runtime's checker types it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ty {
    Str,
    Bool,
    Int,
    /// `Vec<&str>` or `&[&str]`.
    Array,
    /// `&'static PartitionInfo`.
    Partition,
    /// `h::ParsedUrl`.
    Url,
    /// `h::Arn`.
    Arn,
}

/// A translated expression.
#[derive(Clone, Debug)]
pub(crate) struct Code {
    pub text: String,
    pub ty: Ty,
    /// `text` is an `Option<…>`.
    pub optional: bool,
    /// A string held as `String` rather than `&str`.
    pub owned: bool,
}

impl Code {
    pub(crate) fn new(text: impl Into<String>, ty: Ty) -> Code {
        Code {
            text: text.into(),
            ty,
            optional: false,
            owned: false,
        }
    }

    pub(crate) fn optional(mut self) -> Code {
        self.optional = true;
        self
    }

    pub(crate) fn owned(mut self) -> Code {
        self.owned = true;
        self
    }

    /// The string as a `String` (for `Document::String`, the URL, headers, error messages).
    pub(crate) fn into_string(self) -> String {
        if self.owned {
            self.text
        } else {
            format!("{}.to_owned()", self.text)
        }
    }
}

/// A statement that binds a value for what follows: `if let Some(t) = e {` or `let t = e;`.
pub(crate) enum Guard {
    Some(String, String),
    Let(String, String),
}

/// A parameter or a variable in scope.
#[derive(Clone, Debug)]
struct Var {
    name: String,
    ident: String,
    ty: Ty,
    optional: bool,
    owned: bool,
}

/// A rule-set parameter.
pub struct Param {
    pub name: String,
    pub field: String,
    pub ty: &'static str,
    pub required: bool,
    pub default: Option<Value>,
}

pub(crate) type Result<T> = std::result::Result<T, String>;

/// The generated module's constant holding the runtime's "no rule matched" message.
const NO_RULE: &str = "NO_RULE_MATCHED";

/// The parameters of a rule set, sorted by name as the runtime reads them (which decides the
/// order of "missing parameter" checks).
pub fn params(rule_set: &Value) -> Result<Vec<Param>> {
    let mut sorted = BTreeMap::new();
    if let Some(params) = rule_set.get("parameters").and_then(Value::as_object) {
        sorted.extend(params);
    }
    let mut out: Vec<Param> = Vec::new();
    for (name, param) in sorted {
        let ty = match param["type"]
            .as_str()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("string") => "string",
            Some("boolean") => "boolean",
            Some("stringarray") => "stringArray",
            other => return Err(format!("parameter `{name}`: unknown type {other:?}")),
        };
        let field = snake(name);
        if out.iter().any(|p| p.field == field) {
            return Err(format!("parameter `{name}`: field `{field}` is taken"));
        }
        out.push(Param {
            name: name.clone(),
            field,
            ty,
            required: param["required"].as_bool() == Some(true),
            default: param.get("default").filter(|d| !d.is_null()).cloned(),
        });
    }
    Ok(out)
}

/// The resolver module for `rule_set`.
pub fn module(rule_set: &Value) -> Result<String> {
    let params = params(rule_set)?;
    let mut t = Translator::default();
    t.out.push_str(&header(&params));
    t.indent = 1;
    for p in &params {
        t.param_local(p)?;
    }
    let rules = rule_set["rules"]
        .as_array()
        .ok_or("`rules` is not an array")?;
    if !t.rules(rules)? {
        t.line(&format!("Err({NO_RULE}.to_owned())"));
    }
    t.out.push_str("}\n");
    Ok(t.out)
}

fn header(params: &[Param]) -> String {
    let mut out = String::from(
        "//! Endpoint resolution as straight Rust, written by `rules_to_rust` (smithy-bench) from\n\
         //! the rule set: a measurement of the design the project did not choose.\n\n\
         // Not every rule set uses every import; variables assigned in conditions may go unused.\n\
         #![allow(unused_imports, unused_variables, unused_parens)]\n\n\
         use std::collections::BTreeMap;\n\n\
         use smithy_runtime::rules::{Endpoint, Partitions};\n\
         use smithy_runtime::{Document, Number};\n\n\
         use super::rules_helpers as h;\n\n\
         const NO_RULE_MATCHED: &str = \"no endpoint rule matched the parameters\";\n\n\
         /// The rule set's parameters; `None` is unset (the rule set's default applies).\n\
         #[derive(Clone, Debug, Default)]\n\
         pub struct Params {\n",
    );
    for p in params {
        let ty = match p.ty {
            "string" => "Option<String>",
            "boolean" => "Option<bool>",
            _ => "Option<Vec<String>>",
        };
        out.push_str(&format!(
            "    /// `{}`.\n    pub {}: {ty},\n",
            p.name, p.field
        ));
    }
    out.push_str(
        "}\n\n\
         /// The endpoint for `params`, or the rule set's error message.\n\
         pub fn resolve(params: &Params) -> Result<Endpoint, String> {\n",
    );
    out
}

#[derive(Default)]
pub(crate) struct Translator {
    out: String,
    indent: usize,
    scope: Vec<Var>,
    temps: usize,
}

impl Translator {
    pub(crate) fn line(&mut self, text: &str) {
        for _ in 0..self.indent {
            self.out.push_str("    ");
        }
        self.out.push_str(text);
        self.out.push('\n');
    }

    pub(crate) fn open(&mut self, text: &str) {
        self.line(&format!("{text} {{"));
        self.indent += 1;
    }

    pub(crate) fn close(&mut self, blocks: usize) {
        for _ in 0..blocks {
            self.indent -= 1;
            self.line("}");
        }
    }

    pub(crate) fn temp(&mut self) -> String {
        self.temps += 1;
        format!("_t{}", self.temps)
    }

    /// An identifier for `name` that no other name in scope uses.
    pub(crate) fn ident_for(&self, name: &str) -> String {
        let base = snake(name);
        let taken = |ident: &str| {
            self.scope
                .iter()
                .any(|v| v.ident == ident && v.name != name)
        };
        let mut ident = base.clone();
        let mut n = 1;
        while taken(&ident) {
            n += 1;
            ident = format!("{base}_{n}");
        }
        ident
    }

    pub(crate) fn push_var(&mut self, name: &str, code: &Code) -> String {
        let ident = self.ident_for(name);
        self.scope.push(Var {
            name: name.to_owned(),
            ident: ident.clone(),
            ty: code.ty,
            optional: false,
            owned: code.owned,
        });
        ident
    }

    /// A local per parameter, defaults applied; a required one without a value is the
    /// runtime's "missing parameter" error.
    pub(crate) fn param_local(&mut self, p: &Param) -> Result<()> {
        let field = format!("params.{}", p.field);
        let (ty, value) = match p.ty {
            "string" => (Ty::Str, format!("{field}.as_deref()")),
            "boolean" => (Ty::Bool, field),
            _ => (
                Ty::Array,
                format!(
                    "{field}.as_ref().map(|v| v.iter().map(String::as_str).collect::<Vec<_>>())"
                ),
            ),
        };
        let default = match &p.default {
            None => None,
            Some(Value::String(s)) => Some(format!("{s:?}")),
            Some(Value::Bool(b)) => Some(b.to_string()),
            Some(Value::Array(items)) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|i| format!("{:?}", i.as_str().unwrap_or_default()))
                    .collect();
                Some(format!("vec![{}]", items.join(", ")))
            }
            Some(other) => return Err(format!("parameter `{}`: default {other}", p.name)),
        };
        let ident = snake(&p.name);
        let optional = match default {
            Some(default) if p.ty == "stringArray" => {
                self.line(&format!(
                    "let {ident} = {value}.unwrap_or_else(|| {default});"
                ));
                false
            }
            Some(default) => {
                self.line(&format!("let {ident} = {value}.unwrap_or({default});"));
                false
            }
            None if p.required => {
                let message = format!(
                    "the endpoint parameter `{}` is required and not set",
                    p.name
                );
                self.line(&format!("let Some({ident}) = {value} else {{"));
                self.line(&format!("    return Err({message:?}.to_owned());"));
                self.line("};");
                false
            }
            None => {
                self.line(&format!("let {ident} = {value};"));
                true
            }
        };
        self.scope.push(Var {
            name: p.name.clone(),
            ident,
            ty,
            optional,
            owned: false,
        });
        Ok(())
    }

    /// The rules in order; `true` when the last one emitted always returns (what follows it
    /// would be unreachable, so it is not emitted).
    pub(crate) fn rules(&mut self, rules: &[Value]) -> Result<bool> {
        for rule in rules {
            if self.rule(rule)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub(crate) fn rule(&mut self, rule: &Value) -> Result<bool> {
        let scope = self.scope.len();
        let indent = self.indent;
        // `ifs`: conditional blocks opened; `block`: a plain block keeping `let`s local.
        let (mut ifs, mut block) = (0, false);
        for condition in rule["conditions"].as_array().into_iter().flatten() {
            let opened = self.condition(condition, &mut block, ifs)?;
            ifs += opened;
        }
        match rule["type"].as_str() {
            Some("endpoint") => self.endpoint(&rule["endpoint"])?,
            Some("error") => self.error(&rule["error"])?,
            Some("tree") => {
                let rules = rule["rules"].as_array().ok_or("a tree without `rules`")?;
                if !self.rules(rules)? {
                    self.line(&format!("return Err({NO_RULE}.to_owned());"));
                }
            }
            other => return Err(format!("unknown rule type {other:?}")),
        }
        self.close(self.indent - indent);
        self.scope.truncate(scope);
        Ok(ifs == 0)
    }

    /// Emits a condition; returns how many conditional blocks it opened.
    pub(crate) fn condition(
        &mut self,
        condition: &Value,
        block: &mut bool,
        ifs: usize,
    ) -> Result<usize> {
        let function = condition["fn"].as_str().ok_or("a condition without `fn`")?;
        let args = condition["argv"]
            .as_array()
            .ok_or("a condition without `argv`")?;
        let assign = condition.get("assign").and_then(Value::as_str);
        // `isSet(ref)`: the reference is set from here on (`if let Some(x) = x`), as in
        // generated code written by hand; templates then need no guard.
        if let ("isSet", [Value::Object(arg)], None) = (function, args.as_slice(), assign) {
            if let Some(var) = self.reference(arg) {
                if !var.optional {
                    return Ok(0);
                }
                let code = self.var_code(&var);
                let ident = self.ident_for(&var.name);
                self.open(&format!("if let Some({ident}) = {}", code.text));
                // `as_deref()` or a copy: the bound value is borrowed.
                self.scope.push(Var {
                    ident,
                    optional: false,
                    owned: false,
                    ..var
                });
                return Ok(1);
            }
        }
        let mut guards = Vec::new();
        let code = self.call(function, args, &mut guards)?;
        let mut opened = self.emit_guards(guards);
        let binding = |t: &mut Self, code: &Code| match assign {
            Some(name) => t.push_var(name, code),
            None => "_".to_owned(),
        };
        match (code.ty, code.optional) {
            (Ty::Bool, optional) => {
                let test = if optional {
                    format!("let Some(true) = {}", code.text)
                } else {
                    code.text
                };
                self.open(&format!("if {test}"));
                opened += 1;
                // A boolean condition that holds is `true`.
                if let Some(name) = assign {
                    let ident = self.push_var(name, &Code::new("true", Ty::Bool));
                    self.line(&format!("let {ident} = true;"));
                }
            }
            (_, true) => {
                let value = Code {
                    optional: false,
                    ..code.clone()
                };
                let ident = binding(self, &value);
                self.open(&format!("if let Some({ident}) = {}", code.text));
                opened += 1;
            }
            // Set and not a boolean: always holds.
            (_, false) => {
                if assign.is_some() {
                    if ifs + opened == 0 && !*block {
                        self.line("{");
                        self.indent += 1;
                        *block = true;
                    }
                    let ident = binding(self, &code);
                    self.line(&format!("let {ident} = {};", code.text));
                }
            }
        }
        Ok(opened)
    }

    /// Emits guards as statements; returns the number of `if`s opened.
    pub(crate) fn emit_guards(&mut self, guards: Vec<Guard>) -> usize {
        let mut opened = 0;
        for guard in guards {
            match guard {
                Guard::Some(ident, expr) => {
                    self.open(&format!("if let Some({ident}) = {expr}"));
                    opened += 1;
                }
                Guard::Let(ident, expr) => self.line(&format!("let {ident} = {expr};")),
            }
        }
        opened
    }

    fn reference(&self, arg: &Map<String, Value>) -> Option<Var> {
        let name = arg.get("ref")?.as_str()?;
        self.scope.iter().rev().find(|v| v.name == name).cloned()
    }

    fn var_code(&self, var: &Var) -> Code {
        let text = match (var.ty, var.optional, var.owned) {
            (Ty::Str, false, true) => format!("{}.as_str()", var.ident),
            (Ty::Str | Ty::Array, true, true) | (Ty::Array, true, _) => {
                format!("{}.as_deref()", var.ident)
            }
            (Ty::Array, false, _) => format!("&{}[..]", var.ident),
            (Ty::Url | Ty::Arn, true, _) => format!("{}.as_ref()", var.ident),
            _ => var.ident.clone(),
        };
        Code {
            text,
            ty: var.ty,
            optional: var.optional,
            owned: false,
        }
    }

    /// An expression whose value must be set.
    pub(crate) fn required(&mut self, value: &Value, guards: &mut Vec<Guard>) -> Result<Code> {
        let code = self.expr(value, guards)?;
        Ok(self.bind(code, guards))
    }

    /// `code` when it is always set, else a temporary its guard binds.
    pub(crate) fn bind(&mut self, code: Code, guards: &mut Vec<Guard>) -> Code {
        if !code.optional {
            return code;
        }
        let ident = self.temp();
        guards.push(Guard::Some(ident.clone(), code.text));
        Code {
            text: ident,
            optional: false,
            ..code
        }
    }

    /// A required string as `&str`.
    pub(crate) fn str_arg(&mut self, value: &Value, guards: &mut Vec<Guard>) -> Result<String> {
        let code = self.required(value, guards)?;
        expect(&code, Ty::Str)?;
        Ok(if code.owned {
            format!("&{}", code.text)
        } else {
            code.text
        })
    }

    pub(crate) fn expr(&mut self, value: &Value, guards: &mut Vec<Guard>) -> Result<Code> {
        match value {
            Value::String(text) => self.template(text, guards),
            Value::Bool(b) => Ok(Code::new(b.to_string(), Ty::Bool)),
            Value::Number(n) => {
                let n = n.as_i64().ok_or("numbers in rules must be integers")?;
                Ok(Code::new(format!("{n}_i64"), Ty::Int))
            }
            Value::Array(items) => {
                let mut texts = Vec::with_capacity(items.len());
                for item in items {
                    let code = self.required(item, guards)?;
                    if code.owned {
                        return Err("an array of built strings is not supported".to_owned());
                    }
                    texts.push(code.text);
                }
                Ok(Code::new(format!("vec![{}]", texts.join(", ")), Ty::Array))
            }
            Value::Object(object) => {
                if let Some(var) = self.reference(object) {
                    return Ok(self.var_code(&var));
                }
                let function = object["fn"]
                    .as_str()
                    .ok_or("an object without `fn` or `ref`")?;
                let args = object["argv"].as_array().ok_or("a call without `argv`")?;
                self.call(function, args, guards)
            }
            Value::Null => Err("null in an expression".to_owned()),
        }
    }

    pub(crate) fn template(&mut self, text: &str, guards: &mut Vec<Guard>) -> Result<Code> {
        let parts = parse_template(text)?;
        let mut format = String::new();
        let mut values = Vec::new();
        for part in &parts {
            match part {
                Part::Literal(text) => format.push_str(&text.replace('{', "{{").replace('}', "}}")),
                Part::Hole(name, path) => {
                    let var = self
                        .scope
                        .iter()
                        .rev()
                        .find(|v| &v.name == name)
                        .cloned()
                        .ok_or_else(|| format!("`{name}` is not in scope"))?;
                    // An unset value leaves the template unset.
                    let mut code = self.var_code(&var);
                    code = self.bind(code, guards);
                    if !path.is_empty() {
                        code = self.attribute(code, path)?;
                        code = self.bind(code, guards);
                    }
                    expect(&code, Ty::Str)?;
                    format.push_str("{}");
                    values.push(code);
                }
            }
        }
        Ok(match (parts.as_slice(), values.len()) {
            ([Part::Literal(text)], _) => Code::new(format!("{text:?}"), Ty::Str),
            ([Part::Hole(..)], 1) => values.remove(0),
            _ => {
                let args: Vec<String> = values.into_iter().map(|v| v.text).collect();
                Code::new(format!("format!({format:?}, {})", args.join(", ")), Ty::Str).owned()
            }
        })
    }
}
