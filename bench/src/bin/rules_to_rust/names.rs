//! Rust identifiers for rule-set names.

/// `UseFIPS` → `use_fips`, `DisableS3ExpressSessionAuth` → `disable_s3_express_session_auth`.
pub fn snake(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_uppercase() {
            let prev = if i > 0 { Some(chars[i - 1]) } else { None };
            let next_lower = chars.get(i + 1).is_some_and(char::is_ascii_lowercase);
            let boundary = prev.is_some_and(|p| {
                p.is_ascii_lowercase()
                    || p.is_ascii_digit()
                    || (p.is_ascii_uppercase() && next_lower)
            });
            if boundary && !out.ends_with('_') {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "v_");
    }
    const KEYWORDS: &[&str] = &[
        "as", "async", "await", "box", "break", "const", "continue", "crate", "dyn", "else",
        "enum", "extern", "false", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "match",
        "mod", "move", "mut", "params", "pub", "ref", "return", "self", "static", "struct",
        "super", "trait", "true", "try", "type", "unsafe", "use", "where", "while", "yield", "h",
    ];
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::snake;

    #[test]
    fn names_become_snake_case_identifiers() {
        assert_eq!(snake("UseFIPS"), "use_fips");
        assert_eq!(
            snake("DisableS3ExpressSessionAuth"),
            "disable_s3_express_session_auth"
        );
        assert_eq!(snake("bucketArn"), "bucket_arn");
        assert_eq!(snake("outpostId_ssa_1"), "outpost_id_ssa_1");
        assert_eq!(snake("type"), "type_");
        assert_eq!(snake("params"), "params_");
        assert_eq!(snake("3x"), "v_3x");
    }
}
