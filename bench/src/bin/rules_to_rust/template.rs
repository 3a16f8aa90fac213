//! Rule-set templates (`https://{Bucket}.s3.{PartitionResult#dnsSuffix}`) split into literal
//! text and holes, with the runtime's syntax: `{{` and `}}` are braces, a hole is `{name}` or
//! `{name#path}`.

#[derive(Debug, PartialEq, Eq)]
pub enum Part {
    Literal(String),
    /// A variable's name and a `getAttr` path (empty for the value itself).
    Hole(String, String),
}

pub fn parse_template(text: &str) -> Result<Vec<Part>, String> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' | '}' if chars.peek() == Some(&c) => {
                chars.next();
                literal.push(c);
            }
            '{' => {
                let hole: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let (name, path) = hole.split_once('#').unwrap_or((&hole, ""));
                if name.is_empty() {
                    return Err(format!("bad hole in the template {text:?}"));
                }
                if !literal.is_empty() {
                    parts.push(Part::Literal(std::mem::take(&mut literal)));
                }
                parts.push(Part::Hole(name.to_owned(), path.to_owned()));
            }
            '}' => return Err(format!("unmatched `}}` in the template {text:?}")),
            c => literal.push(c),
        }
    }
    if !literal.is_empty() || parts.is_empty() {
        parts.push(Part::Literal(literal));
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_split_at_holes() {
        let lit = |s: &str| Part::Literal(s.to_owned());
        let hole = |n: &str, p: &str| Part::Hole(n.to_owned(), p.to_owned());
        assert_eq!(
            parse_template("https://x.com"),
            Ok(vec![lit("https://x.com")])
        );
        assert_eq!(
            parse_template("https://{Bucket}.s3.{P#dnsSuffix}"),
            Ok(vec![
                lit("https://"),
                hole("Bucket", ""),
                lit(".s3."),
                hole("P", "dnsSuffix")
            ])
        );
        assert_eq!(
            parse_template("{{x}}{a}"),
            Ok(vec![lit("{x}"), hole("a", "")])
        );
        assert_eq!(parse_template(""), Ok(vec![lit("")]));
        assert!(parse_template("a}b").is_err());
    }
}
