//! Template strings (`https://{Bucket}.s3.{PartitionResult#dnsSuffix}`) and `getAttr` paths
//! (`resourceId[1]`), split once when the rule set is parsed.

use super::ast::{PathPart, Template, TemplatePart};

/// A template's text and its holes' names and paths, before names become slots.
pub(super) struct RawTemplate {
    pub parts: Vec<RawPart>,
}

pub(super) enum RawPart {
    Literal(String),
    Hole { name: String, path: Vec<PathPart> },
}

/// Splits `text` at its `{name}` / `{name#path}` holes; `{{` and `}}` stand for braces.
pub(super) fn parse_template(text: &str) -> Result<RawTemplate, String> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        literal.push_str(&rest[..at]);
        let brace = rest.as_bytes()[at];
        let after = &rest[at + 1..];
        if after.as_bytes().first() == Some(&brace) {
            literal.push(char::from(brace));
            rest = &after[1..];
            continue;
        }
        if brace == b'}' {
            return Err(format!("unmatched `}}` in the template {text:?}"));
        }
        let Some(end) = after.find('}') else {
            return Err(format!("unclosed `{{` in the template {text:?}"));
        };
        let hole = &after[..end];
        let (name, path) = match hole.split_once('#') {
            Some((name, path)) => (name, parse_path(path)?),
            None => (hole, Vec::new()),
        };
        if name.is_empty() || name.contains(['{', ' ']) {
            return Err(format!(
                "`{{{hole}}}` is not a valid template hole in {text:?}"
            ));
        }
        if !literal.is_empty() {
            parts.push(RawPart::Literal(std::mem::take(&mut literal)));
        }
        parts.push(RawPart::Hole {
            name: name.to_owned(),
            path,
        });
        rest = &after[end + 1..];
    }
    literal.push_str(rest);
    if !literal.is_empty() || parts.is_empty() {
        parts.push(RawPart::Literal(literal));
    }
    Ok(RawTemplate { parts })
}

/// Splits a `getAttr` path: keys separated by `.`, an `[index]` only at the end.
pub(super) fn parse_path(path: &str) -> Result<Vec<PathPart>, String> {
    let mut parts = Vec::new();
    let pieces: Vec<&str> = path.split('.').collect();
    for (i, piece) in pieces.iter().enumerate() {
        let (key, index) = match piece.find('[') {
            Some(open) => {
                let Some(inner) = piece[open + 1..].strip_suffix(']') else {
                    return Err(format!("`{piece}` in the path {path:?} has no closing `]`"));
                };
                let index: usize = inner
                    .parse()
                    .map_err(|_| format!("`[{inner}]` in the path {path:?} is not an index"))?;
                (&piece[..open], Some(index))
            }
            None => (*piece, None),
        };
        if key.is_empty() && index.is_none() {
            return Err(format!("the path {path:?} has an empty part"));
        }
        if index.is_some() && i + 1 != pieces.len() {
            return Err(format!("an index may only end the path {path:?}"));
        }
        if !key.is_empty() {
            parts.push(PathPart::Key(key.to_owned()));
        }
        if let Some(index) = index {
            parts.push(PathPart::Index(index));
        }
    }
    Ok(parts)
}

impl Template {
    /// The template's text when it has no holes.
    pub fn as_literal(&self) -> Option<&str> {
        match self.parts.as_slice() {
            [TemplatePart::Literal(text)] => Some(text),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(text: &str) -> Vec<String> {
        parse_template(text)
            .unwrap()
            .parts
            .iter()
            .map(|p| match p {
                RawPart::Literal(l) => format!("L({l})"),
                RawPart::Hole { name, path } => format!("H({name},{path:?})"),
            })
            .collect()
    }

    #[test]
    fn templates_split_at_holes() {
        assert_eq!(shape("https://x.com"), ["L(https://x.com)"]);
        assert_eq!(
            shape("https://{Bucket}.s3.{P#dnsSuffix}"),
            [
                "L(https://)",
                "H(Bucket,[])",
                "L(.s3.)",
                "H(P,[Key(\"dnsSuffix\")])"
            ]
        );
        assert_eq!(shape("{{literal}}{a}"), ["L({literal})", "H(a,[])"]);
        assert_eq!(shape(""), ["L()"]);
        for bad in ["{open", "close}", "{}", "{a#}", "{a#b[x]}"] {
            assert!(parse_template(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn paths_split_keys_and_a_final_index() {
        assert_eq!(
            parse_path("resourceId[1]").unwrap(),
            [PathPart::Key("resourceId".into()), PathPart::Index(1)]
        );
        assert_eq!(parse_path("[0]").unwrap(), [PathPart::Index(0)]);
        assert_eq!(
            parse_path("a.b").unwrap(),
            [PathPart::Key("a".into()), PathPart::Key("b".into())]
        );
        for bad in ["a[0].b", "a..b", "a[", "a[-1]", ""] {
            assert!(parse_path(bad).is_err(), "{bad}");
        }
    }
}
