//! Header values of list members: joining with `, ` (quoting elements that need it) and
//! splitting back, following the list syntax of RFC 9110 §5.6.1 and its quoted strings.

use std::borrow::Cow;

/// An element of a list header, quoted when it would not survive splitting otherwise: when it
/// holds a comma or a double quote, starts or ends with whitespace, or is empty. Inside the
/// quotes, `"` and `\` are escaped with a backslash.
pub fn quote_list_element(text: &str) -> Cow<'_, str> {
    let needs_quotes = text.is_empty()
        || text.contains([',', '"'])
        || text.starts_with([' ', '\t'])
        || text.ends_with([' ', '\t']);
    if !needs_quotes {
        return Cow::Borrowed(text);
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        if matches!(c, '"' | '\\') {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.push('"');
    Cow::Owned(quoted)
}

/// Splits a list header value into its elements: commas outside quoted strings separate them,
/// whitespace around each is dropped, and quoted strings lose their quotes and escapes. An empty
/// (or all-whitespace) value is an empty list.
pub fn split_list(value: &str) -> Result<Vec<String>, String> {
    let mut elements = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| matches!(c, ' ' | '\t')).is_some() {}
        if chars.peek().is_none() {
            if !elements.is_empty() && value.trim_end().ends_with(',') {
                elements.push(String::new());
            }
            return Ok(elements);
        }
        let mut element = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(escaped) => element.push(escaped),
                        None => return Err(format!("unterminated escape in `{value}`")),
                    },
                    Some(c) => element.push(c),
                    None => return Err(format!("unterminated quoted string in `{value}`")),
                }
            }
            while chars.next_if(|c| matches!(c, ' ' | '\t')).is_some() {}
            match chars.next() {
                None | Some(',') => {}
                Some(c) => {
                    return Err(format!(
                        "unexpected `{c}` after a quoted string in `{value}`"
                    ))
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| *c != ',') {
                element.push(c);
            }
            chars.next();
            element.truncate(element.trim_end_matches([' ', '\t']).len());
        }
        elements.push(element);
    }
}

/// Splits a list of http-dates (`Mon, 16 Dec 2019 23:48:18 GMT, Tue, …`), whose elements hold a
/// comma of their own and are not quoted: every other comma separates two dates.
pub fn split_http_dates(value: &str) -> Vec<&str> {
    let mut dates = Vec::new();
    let mut start = 0;
    let mut commas = 0;
    for (i, c) in value.char_indices() {
        if c == ',' {
            commas += 1;
            if commas % 2 == 0 {
                dates.push(value[start..i].trim());
                start = i + 1;
            }
        }
    }
    let last = value[start..].trim();
    if !last.is_empty() {
        dates.push(last);
    }
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_only_when_needed() {
        assert_eq!(quote_list_element("a"), "a");
        assert_eq!(quote_list_element("b,c"), "\"b,c\"");
        assert_eq!(quote_list_element("\"def\""), "\"\\\"def\\\"\"");
        assert_eq!(quote_list_element("back\\slash, x"), "\"back\\\\slash, x\"");
        assert_eq!(quote_list_element(" padded"), "\" padded\"");
        assert_eq!(quote_list_element(""), "\"\"");
    }

    #[test]
    fn splitting_undoes_quoting() {
        let elements = ["a", "b,c", "\"def\"", " padded ", "", "back\\slash"];
        let joined: Vec<String> = elements
            .iter()
            .map(|e| quote_list_element(e).into_owned())
            .collect();
        assert_eq!(split_list(&joined.join(", ")).unwrap(), elements);
        assert_eq!(
            split_list("a, \"b,c\", \"\\\"def\\\"\"").unwrap(),
            ["a", "b,c", "\"def\""]
        );
        assert_eq!(
            split_list("true, false,true").unwrap(),
            ["true", "false", "true"]
        );
        assert_eq!(split_list("  ").unwrap(), Vec::<String>::new());
        assert_eq!(split_list("a,,b").unwrap(), ["a", "", "b"]);
        assert_eq!(split_list("a, ").unwrap(), ["a", ""]);
    }

    #[test]
    fn malformed_quoted_strings_are_errors() {
        assert!(split_list("\"open").is_err());
        assert!(split_list("\"a\" b").is_err());
        assert!(split_list("\"a\\").is_err());
    }

    #[test]
    fn http_date_lists() {
        let value = "Mon, 16 Dec 2019 23:48:18 GMT, Mon, 16 Dec 2019 23:48:19 GMT";
        assert_eq!(
            split_http_dates(value),
            [
                "Mon, 16 Dec 2019 23:48:18 GMT",
                "Mon, 16 Dec 2019 23:48:19 GMT"
            ]
        );
        assert_eq!(
            split_http_dates("Mon, 16 Dec 2019 23:48:18 GMT"),
            ["Mon, 16 Dec 2019 23:48:18 GMT"]
        );
        assert!(split_http_dates(" ").is_empty());
    }
}
