//! The rule-set functions (`getAttr`, `substring`, `aws.partition`, `ite`…) as Rust
//! expressions. Optional arguments become guards (see `translate.rs`), except in `isSet`,
//! `ite` branches and `coalesce` arguments, which are evaluated only when needed.

use serde_json::Value;

use crate::translate::{Code, Guard, Result, Translator, Ty};

impl Translator {
    /// `getAttr` of `base` (set) along `path` (`dnsSuffix`, `resourceId[2]`).
    pub(crate) fn attribute(&mut self, base: Code, path: &str) -> Result<Code> {
        let (keys, index) = match path.split_once('[') {
            Some((keys, rest)) => {
                let index: usize = rest
                    .strip_suffix(']')
                    .and_then(|i| i.parse().ok())
                    .ok_or_else(|| format!("bad path `{path}`"))?;
                (keys, Some(index))
            }
            None => (path, None),
        };
        let base_text = if base.text.chars().all(|c| c.is_alphanumeric() || c == '_') {
            base.text.clone()
        } else {
            format!("({})", base.text)
        };
        let field = |name: &str| format!("{base_text}.{name}.as_str()");
        let code = match (base.ty, keys) {
            (Ty::Array, "") => Code::new(base_text, Ty::Array),
            (Ty::Partition, "name") => Code::new(field("name"), Ty::Str),
            (Ty::Partition, "dnsSuffix") => Code::new(field("dns_suffix"), Ty::Str),
            (Ty::Partition, "dualStackDnsSuffix") => {
                Code::new(field("dual_stack_dns_suffix"), Ty::Str)
            }
            (Ty::Partition, "implicitGlobalRegion") => {
                Code::new(field("implicit_global_region"), Ty::Str)
            }
            (Ty::Partition, "supportsFIPS") => {
                Code::new(format!("{base_text}.supports_fips"), Ty::Bool)
            }
            (Ty::Partition, "supportsDualStack") => {
                Code::new(format!("{base_text}.supports_dual_stack"), Ty::Bool)
            }
            (Ty::Url, "scheme" | "authority" | "path") => Code::new(field(keys), Ty::Str),
            (Ty::Url, "normalizedPath") => Code::new(field("normalized_path"), Ty::Str),
            (Ty::Url, "isIp") => Code::new(format!("{base_text}.is_ip"), Ty::Bool),
            (Ty::Arn, "partition" | "service" | "region") => Code::new(field(keys), Ty::Str),
            (Ty::Arn, "accountId") => Code::new(field("account_id"), Ty::Str),
            (Ty::Arn, "resourceId") => {
                // Indexed directly: no vector of borrowed strings to build.
                if let Some(i) = index {
                    let text = format!("{base_text}.resource_id.get({i}).map(String::as_str)");
                    return Ok(Code::new(text, Ty::Str).optional());
                }
                let text = format!(
                    "{base_text}.resource_id.iter().map(String::as_str).collect::<Vec<_>>()"
                );
                Code::new(text, Ty::Array)
            }
            (ty, key) => return Err(format!("no attribute `{key}` on a {ty:?}")),
        };
        match index {
            None => Ok(code),
            Some(i) => {
                expect(&code, Ty::Array)?;
                Ok(Code::new(format!("{}.get({i}).copied()", code.text), Ty::Str).optional())
            }
        }
    }

    pub(crate) fn call(
        &mut self,
        function: &str,
        args: &[Value],
        guards: &mut Vec<Guard>,
    ) -> Result<Code> {
        let arity = |n: usize| {
            if args.len() == n {
                Ok(())
            } else {
                Err(format!("`{function}` takes {n} arguments"))
            }
        };
        Ok(match function {
            "isSet" => {
                arity(1)?;
                let mut inner = Vec::new();
                let code = self.expr(&args[0], &mut inner)?;
                let test = if code.optional {
                    format!("{}.is_some()", code.text)
                } else {
                    "true".to_owned()
                };
                Code::new(wrap_bool(inner, test), Ty::Bool)
            }
            "not" => {
                arity(1)?;
                let code = self.required(&args[0], guards)?;
                expect(&code, Ty::Bool)?;
                Code::new(format!("!({})", code.text), Ty::Bool)
            }
            "booleanEquals" => {
                arity(2)?;
                let a = self.required(&args[0], guards)?;
                let b = self.required(&args[1], guards)?;
                expect(&a, Ty::Bool)?;
                expect(&b, Ty::Bool)?;
                // `x == true` is `x`, `x == false` is `!x`.
                let text = match (a.text.as_str(), b.text.as_str()) {
                    ("true", x) | (x, "true") => x.to_owned(),
                    ("false", x) | (x, "false") => format!("!({x})"),
                    (x, y) => format!("{x} == {y}"),
                };
                Code::new(text, Ty::Bool)
            }
            "stringEquals" => {
                arity(2)?;
                let a = self.required(&args[0], guards)?;
                let b = self.required(&args[1], guards)?;
                expect(&a, Ty::Str)?;
                expect(&b, Ty::Str)?;
                Code::new(format!("{} == {}", a.text, b.text), Ty::Bool)
            }
            "getAttr" => {
                arity(2)?;
                let base = self.required(&args[0], guards)?;
                let path = args[1]
                    .as_str()
                    .ok_or("getAttr: the path must be a string")?;
                self.attribute(base, path)?
            }
            "substring" => {
                arity(4)?;
                let input = self.str_arg(&args[0], guards)?;
                let rest: Vec<Code> = args[1..]
                    .iter()
                    .map(|a| self.required(a, guards))
                    .collect::<Result<_>>()?;
                let texts: Vec<&str> = rest.iter().map(|c| c.text.as_str()).collect();
                let text = format!("h::substring({input}, {})", texts.join(", "));
                Code::new(text, Ty::Str).optional()
            }
            "uriEncode" => {
                arity(1)?;
                let input = self.str_arg(&args[0], guards)?;
                Code::new(format!("h::uri_encode({input})"), Ty::Str).owned()
            }
            "parseURL" => {
                arity(1)?;
                let input = self.str_arg(&args[0], guards)?;
                Code::new(format!("h::parse_url({input})"), Ty::Url).optional()
            }
            "isValidHostLabel" | "aws.isVirtualHostableS3Bucket" => {
                arity(2)?;
                let input = self.str_arg(&args[0], guards)?;
                let subdomains = self.required(&args[1], guards)?;
                let name = match function {
                    "isValidHostLabel" => "is_valid_host_label",
                    _ => "is_virtual_hostable_s3_bucket",
                };
                let text = format!("h::{name}({input}, {})", subdomains.text);
                Code::new(text, Ty::Bool)
            }
            "aws.partition" => {
                arity(1)?;
                let region = self.str_arg(&args[0], guards)?;
                let text = format!("Partitions::bundled().lookup({region})");
                Code::new(text, Ty::Partition).optional()
            }
            "aws.parseArn" => {
                arity(1)?;
                let input = self.str_arg(&args[0], guards)?;
                Code::new(format!("h::parse_arn({input})"), Ty::Arn).optional()
            }
            "split" => {
                arity(3)?;
                let input = self.required(&args[0], guards)?;
                expect(&input, Ty::Str)?;
                // The pieces borrow the input: a built one needs a name to outlive them.
                let input = if input.owned {
                    let ident = self.temp();
                    guards.push(Guard::Let(ident.clone(), input.text));
                    format!("&{ident}")
                } else {
                    input.text
                };
                let delimiter = self.str_arg(&args[1], guards)?;
                let limit = self.required(&args[2], guards)?;
                let text = format!("h::split({input}, {delimiter}, {})", limit.text);
                Code::new(text, Ty::Array).optional()
            }
            "ite" => {
                arity(3)?;
                let condition = self.required(&args[0], guards)?;
                expect(&condition, Ty::Bool)?;
                let branches = self.alternatives(&args[1..])?;
                let optional = branches.iter().any(|b| b.optional);
                let mut branches = lift(branches, optional).into_iter();
                let (Some(a), Some(b)) = (branches.next(), branches.next()) else {
                    return Err("ite: two branches".to_owned());
                };
                Code {
                    text: format!(
                        "if {} {{ {} }} else {{ {} }}",
                        condition.text, a.text, b.text
                    ),
                    ..a
                }
            }
            "coalesce" => {
                if args.len() < 2 {
                    return Err("coalesce takes 2 or more arguments".to_owned());
                }
                // The first set value: `a.or(b)…`, ending at the first that is always set
                // (evaluated eagerly: the functions have no effects).
                let mut values = self.alternatives(args)?;
                if let Some(end) = values.iter().position(|v| !v.optional) {
                    values.truncate(end + 1);
                }
                let mut values = lift(values, false).into_iter();
                let first = values.next().ok_or("coalesce without arguments")?;
                let mut code = first.clone();
                for value in values {
                    code.text = if value.optional {
                        format!("{}.or({})", code.text, value.text)
                    } else {
                        format!("{}.unwrap_or({})", code.text, value.text)
                    };
                    code.optional = value.optional;
                }
                code
            }
            other => return Err(format!("unknown function `{other}`")),
        })
    }

    /// `ite` branches and `coalesce` arguments: each evaluated only when chosen, so their own
    /// unset arguments make them unset instead of failing the condition.
    pub(crate) fn alternatives(&mut self, args: &[Value]) -> Result<Vec<Code>> {
        let mut out = Vec::with_capacity(args.len());
        for arg in args {
            let mut inner = Vec::new();
            let code = self.expr(arg, &mut inner)?;
            if inner.is_empty() {
                out.push(code);
            } else if code.ty == Ty::Bool || code.ty == Ty::Str {
                // Built as an owned value: it must outlive the guards' temporaries.
                let some = match (code.ty, code.optional, code.owned) {
                    (Ty::Str, true, false) => format!("{}.map(str::to_owned)", code.text),
                    (_, true, _) => code.text.clone(),
                    (Ty::Str, false, _) => format!("Some({})", code.clone().into_string()),
                    (_, false, _) => format!("Some({})", code.text),
                };
                out.push(Code {
                    text: wrap(inner, &some, "None"),
                    ty: code.ty,
                    optional: true,
                    owned: code.ty == Ty::Str,
                });
            } else {
                return Err(format!(
                    "a {:?} computed in an `ite` or `coalesce`",
                    code.ty
                ));
            }
        }
        let ty = out[0].ty;
        if out.iter().any(|c| c.ty != ty) {
            return Err("`ite`/`coalesce` arguments of different types".to_owned());
        }
        Ok(out)
    }
}

pub(crate) fn expect(code: &Code, ty: Ty) -> Result<()> {
    if code.ty == ty {
        Ok(())
    } else {
        Err(format!(
            "expected a {ty:?}, found a {:?} (`{}`)",
            code.ty, code.text
        ))
    }
}

/// `ite`/`coalesce` alternatives brought to one Rust type: all `String` when any is built, all
/// `Option` when `optional`.
fn lift(values: Vec<Code>, optional: bool) -> Vec<Code> {
    let owned = values.iter().any(|v| v.owned);
    values
        .into_iter()
        .map(|mut v| {
            if owned && !v.owned {
                v.text = if v.optional {
                    format!("{}.map(str::to_owned)", v.text)
                } else {
                    format!("{}.to_owned()", v.text)
                };
                v.owned = true;
            }
            if optional && !v.optional {
                v.text = format!("Some({})", v.text);
                v.optional = true;
            }
            v
        })
        .collect()
}

/// `value` when every guard binds, else `otherwise`, as one expression.
fn wrap(guards: Vec<Guard>, value: &str, otherwise: &str) -> String {
    let mut text = value.to_owned();
    for guard in guards.into_iter().rev() {
        text = match guard {
            Guard::Some(ident, expr) => {
                format!("if let Some({ident}) = {expr} {{ {text} }} else {{ {otherwise} }}")
            }
            Guard::Let(ident, expr) => format!("{{ let {ident} = {expr}; {text} }}"),
        };
    }
    text
}

/// A boolean whose unset arguments make it `false` (`isSet` of a computed value).
fn wrap_bool(guards: Vec<Guard>, test: String) -> String {
    if guards.is_empty() {
        return test;
    }
    format!("({})", wrap(guards, &test, "false"))
}
