//! Endpoint and error rules: a `return` of the URL, headers and properties (as `Document`
//! values), or of the message. An unset value there is the runtime's error, in the runtime's
//! order: URL, headers, properties.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use crate::translate::{Guard, Result, Translator};

impl Translator {
    pub(crate) fn endpoint(&mut self, endpoint: &Value) -> Result<()> {
        let mut guards = Vec::new();
        let url = self.expr(&endpoint["url"], &mut guards)?;
        let url = self.bind(url, &mut guards);
        self.emit_guards_or_fail(guards, "invalid endpoint: the endpoint's URL is unset");
        let mut headers = Vec::new();
        let mut sorted = BTreeMap::new();
        if let Some(map) = endpoint.get("headers").and_then(Value::as_object) {
            sorted.extend(map);
        }
        for (name, values) in sorted {
            let mut texts = Vec::new();
            for value in values.as_array().ok_or("header values must be an array")? {
                let mut guards = Vec::new();
                let code = self.expr(value, &mut guards)?;
                let code = self.bind(code, &mut guards);
                self.emit_guards_or_fail(
                    guards,
                    "invalid endpoint: the endpoint's header is unset",
                );
                texts.push(code.into_string());
            }
            headers.push(format!("({name:?}.to_owned(), vec![{}])", texts.join(", ")));
        }
        let mut guards = Vec::new();
        let properties = match endpoint.get("properties") {
            Some(Value::Object(map)) if !map.is_empty() => {
                format!("BTreeMap::from([{}])", self.entries(map, &mut guards)?)
            }
            _ => "BTreeMap::new()".to_owned(),
        };
        self.emit_guards_or_fail(guards, "invalid endpoint: the endpoint's property is unset");
        self.line(&format!(
            "return Ok(Endpoint {{ url: {}, headers: vec![{}], properties: {properties} }});",
            url.into_string(),
            headers.join(", ")
        ));
        Ok(())
    }

    pub(crate) fn error(&mut self, message: &Value) -> Result<()> {
        let mut guards = Vec::new();
        let code = self.expr(message, &mut guards)?;
        let code = self.bind(code, &mut guards);
        self.emit_guards_or_fail(guards, "an endpoint rule failed with an unset message");
        self.line(&format!("return Err({});", code.into_string()));
        Ok(())
    }

    /// Guards for an endpoint or error rule: an unset value there is the runtime's error.
    pub(crate) fn emit_guards_or_fail(&mut self, guards: Vec<Guard>, message: &str) {
        for guard in guards {
            match guard {
                Guard::Some(ident, expr) => {
                    self.line(&format!(
                        "let Some({ident}) = {expr} else {{ return Err({message:?}.to_owned()); }};"
                    ));
                }
                Guard::Let(ident, expr) => self.line(&format!("let {ident} = {expr};")),
            }
        }
    }

    /// An object's entries as `("key".to_owned(), Document)` pairs.
    pub(crate) fn entries(
        &mut self,
        map: &Map<String, Value>,
        guards: &mut Vec<Guard>,
    ) -> Result<String> {
        let sorted: BTreeMap<&String, &Value> = map.iter().collect();
        let mut entries = Vec::with_capacity(sorted.len());
        for (key, value) in sorted {
            entries.push(format!(
                "({key:?}.to_owned(), {})",
                self.property(value, guards)?
            ));
        }
        Ok(entries.join(", "))
    }

    /// A property value as a `Document` expression.
    pub(crate) fn property(&mut self, value: &Value, guards: &mut Vec<Guard>) -> Result<String> {
        Ok(match value {
            Value::String(text) => {
                let code = self.template(text, guards)?;
                format!("Document::String({})", code.into_string())
            }
            Value::Bool(b) => format!("Document::Bool({b})"),
            Value::Number(n) => {
                let number = if let Some(n) = n.as_u64() {
                    format!("Number::PosInt({n})")
                } else if let Some(n) = n.as_i64() {
                    format!("Number::NegInt({n})")
                } else {
                    format!("Number::Float({:?}_f64)", n.as_f64().unwrap_or(f64::NAN))
                };
                format!("Document::Number({number})")
            }
            Value::Array(items) => {
                let items: Vec<String> = items
                    .iter()
                    .map(|item| self.property(item, guards))
                    .collect::<Result<_>>()?;
                format!("Document::Array(vec![{}])", items.join(", "))
            }
            Value::Object(map) if map.is_empty() => "Document::Object(BTreeMap::new())".to_owned(),
            Value::Object(map) => {
                format!(
                    "Document::Object(BTreeMap::from([{}]))",
                    self.entries(map, guards)?
                )
            }
            Value::Null => return Err("null is not a property value".to_owned()),
        })
    }
}
