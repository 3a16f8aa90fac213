//! Table tests and invariant checks of the HTML to rustdoc converter.

use super::html_to_rustdoc;

/// (input, expected Markdown)
const CASES: &[(&str, &str)] = &[
    // Plain text, whitespace and trimming.
    ("", ""),
    ("  Just text.  ", "Just text."),
    ("a \n\t  b", "a b"),
    ("<p>One</p><p>Two</p>", "One\n\nTwo"),
    ("<p>a</p>\n\n\n<p></p><p> b </p>", "a\n\nb"),
    ("<p>a<p>b", "a\n\nb"),
    // Inline formatting.
    (
        "<code>x</code> and <code>a `b` c</code>",
        "`x` and ``a `b` c``",
    ),
    ("<code>`</code>", "`` ` ``"),
    (
        "<b>bold</b>, <strong>strong</strong>, <i>it</i>, <em>em</em>",
        "**bold**, **strong**, *it*, *em*",
    ),
    ("<b> spaced </b>x", "**spaced** x"),
    ("<b>Note:</b>text", "**Note:** text"),
    ("<b></b><i> </i>x", "x"),
    ("<b>bold <i>both</i></b>", "**bold *both***"),
    // Links.
    (
        "See <a href=\"https://a.com/x\">the [guide]</a>.",
        "See [the \\[guide\\]](https://a.com/x).",
    ),
    (
        "<a href=\"https://a.com/(x) y\"><code>Op</code></a>",
        "[`Op`](https://a.com/%28x%29%20y)",
    ),
    (
        "<a>CreateFleet</a> <a href=\"API_X.html\">X</a> <a href=\"\">Y</a>",
        "CreateFleet X Y",
    ),
    ("<a href=\"https://a.com\"></a>", ""),
    (
        "<a href=\"https://a.com?a=1&amp;b=2\">q</a>",
        "[q](https://a.com?a=1&b=2)",
    ),
    // Bare URLs.
    (
        "Go to https://a.com/x_y. Or (http://b.org).",
        "Go to <https://a.com/x_y>. Or (<http://b.org>).",
    ),
    ("prefix such as \"http://\"", "prefix such as \"http://\""),
    // Escaping of Markdown and HTML syntax in text.
    (
        "[x] *y* _z_ snake_case a`b ~c~ \\",
        "\\[x\\] \\*y\\* \\_z\\_ snake_case a\\`b \\~c\\~ \\\\",
    ),
    (
        "&lt;foo&gt; &amp; &quot;q&quot; &#39;s&#39; &#x41;&nbsp;&nbsp;b",
        "\\<foo\\> & \"q\" 's' A b",
    ),
    (
        "&amp;lt; &unknown; &#xD800; & x",
        "\\&lt; \\&unknown; \\&#xD800; & x",
    ),
    (
        "<p>- a</p><p>+ b</p><p>1. c</p><p># d</p><p>===</p>",
        "\\- a\n\n\\+ b\n\n1\\. c\n\n\\# d\n\n\\===",
    ),
    // Unknown tags: placeholders stay, closed ones are transparent.
    (
        "Format is <code>arn:aws:x:<region>::fleet/<fleet ID></code>",
        "Format is `arn:aws:x:<region>::fleet/<fleet ID>`",
    ),
    ("Use <region> here", "Use \\<region\\> here"),
    (
        "<fullname>Amazon X</fullname><p>Helps.</p>",
        "Amazon X\n\nHelps.",
    ),
    ("<code><row a=\"1\"></row></code>", "`<row a=\"1\"></row>`"),
    // Lists.
    ("<ul><li><p>A</p></li><li><p>B</p></li></ul>", "- A\n- B"),
    (
        "<p>Intro:</p><ol><li>one</li><li>two</li></ol><p>End</p>",
        "Intro:\n\n1. one\n2. two\n\nEnd",
    ),
    (
        "<ul><li>A<ul><li>B<ol><li>C</li></ol></li></ul></li><li>D</li></ul>",
        "- A\n  - B\n    1. C\n- D",
    ),
    ("<ul><li><p>A</p><p>more</p></li></ul>", "- A\n\n  more"),
    ("<ul><li></li><li>x</li></ul>", "- x"),
    ("<li>stray</li>", "- stray"),
    ("<ul><li>- dash</li></ul>", "- \\- dash"),
    (
        "<ol><li>a</li><li>b<ul><li>c</li></ul></li></ol>",
        "1. a\n2. b\n   - c",
    ),
    (
        "<dl><dt>200</dt><dd><p>OK.</p></dd><dt>404</dt><dd>Missing</dd></dl>",
        "- **200**\n  OK.\n- **404**\n  Missing",
    ),
    // Notes, headings, breaks.
    (
        "<note><p>Careful.</p></note><important>Do it.</important>",
        "**Note:** Careful.\n\n**Important:** Do it.",
    ),
    ("<h2>Title</h2><p>Body</p>", "**Title**\n\nBody"),
    ("a<br/>b<br>- c<br></br>", "a\nb\n\\- c"),
    // Code blocks never become doctests.
    (
        "<pre>\n    fn main() {\n        x();\n    }\n</pre>",
        "```text\nfn main() {\n    x();\n}\n```",
    ),
    (
        "<pre><code>a &lt; b\n```\n</code></pre>",
        "````text\na < b\n```\n````",
    ),
    (
        "<ul><li>Run:<pre>ls</pre></li></ul>",
        "- Run:\n\n  ```text\n  ls\n  ```",
    ),
    ("<note><pre>x</pre></note>", "**Note:**\n\n```text\nx\n```"),
    (
        "Example:\n\n    aws s3 ls\n\n    more\nDone.",
        "Example:\n\n```text\naws s3 ls\n\nmore\n```\n\nDone.",
    ),
    ("line one\n    still paragraph", "line one still paragraph"),
    // Malformed input.
    (
        "unclosed <b>bold <i>it <code>code",
        "unclosed **bold *it `code`***",
    ),
    (
        "1 < 2 and 3 > 2 <a x <b>y</b>",
        "1 \\< 2 and 3 \\> 2 \\<a x **y**",
    ),
    ("a <!-- hidden --> b <!-- open", "a b \\<!-- open"),
    ("<p>a<b><p>b</p></b>c", "a\n\n**b**\n\nc"),
    (
        "<b>x <a href=\"https://a.com\">y</b> z</a>",
        "**x [y](https://a.com)** [z](https://a.com)",
    ),
];

#[test]
fn conversion_table() {
    let mut failures = Vec::new();
    for (input, expected) in CASES {
        let actual = html_to_rustdoc(input);
        if actual != *expected {
            failures.push(format!(
                "input:    {input:?}\nexpected: {expected:?}\nactual:   {actual:?}"
            ));
        }
        if let Err(e) = check_markdown(&actual) {
            failures.push(format!("input {input:?} gave {actual:?}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Checks the properties rustdoc relies on: fenced code only, no
/// accidental indented code, no unescaped `[`/`]` outside links, no `<`
/// starting a tag outside code and autolinks, balanced code spans.
fn check_markdown(md: &str) -> Result<(), String> {
    if md != md.trim() {
        return Err("not trimmed".into());
    }
    let mut fence: Option<String> = None;
    let mut list_col = 0;
    let mut blank_run = 0;
    for line in md.lines() {
        blank_run = if line.is_empty() { blank_run + 1 } else { 0 };
        if blank_run > 1 || line.ends_with(char::is_whitespace) {
            return Err(format!("blank run or trailing space at {line:?}"));
        }
        let content = line.trim_start();
        let indent = line.len() - content.len();
        // Strip list markers, possibly several ("- 1. x").
        let mut rest = content;
        loop {
            let digits = rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
            if let Some(r) = rest.strip_prefix("- ") {
                rest = r;
            } else if digits > 0 && rest[digits..].starts_with(". ") {
                rest = &rest[digits + 2..];
            } else {
                break;
            }
        }
        if let Some(open) = &fence {
            if rest.trim_end() == open {
                fence = None;
            }
            continue;
        }
        if rest.starts_with("```") {
            let ticks = rest.trim_end_matches("text");
            if !ticks.chars().all(|c| c == '`') || !rest.ends_with("text") {
                return Err(format!("fence without `text`: {line:?}"));
            }
            fence = Some(ticks.to_owned());
            continue;
        }
        if rest.len() != content.len() {
            list_col = line.len() - rest.len();
        } else if indent == 0 && !line.is_empty() {
            list_col = 0;
        }
        if indent >= 4 && indent > list_col {
            return Err(format!("indented code block: {line:?}"));
        }
        check_inline(rest).map_err(|e| format!("{e} in {line:?}"))?;
    }
    match fence {
        Some(_) => Err("unclosed fence".into()),
        None => Ok(()),
    }
}

fn check_inline(line: &str) -> Result<(), String> {
    let chars: Vec<char> = line.chars().collect();
    let at = |i: usize, s: &str| {
        chars[i.min(chars.len())..]
            .iter()
            .collect::<String>()
            .starts_with(s)
    };
    let is_url = |i: usize| ["https://", "http://", "mailto:"].iter().any(|p| at(i, p));
    let mut in_link = false;
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '`' => {
                let n = chars[i..].iter().take_while(|&&c| c == '`').count();
                let mut j = i + n;
                loop {
                    if j >= chars.len() {
                        return Err("unbalanced backticks".into());
                    }
                    let m = chars[j..].iter().take_while(|&&c| c == '`').count();
                    if m == n {
                        break;
                    }
                    j += m.max(1);
                }
                i = j + n - 1;
            }
            '<' if is_url(i + 1) => match chars[i..].iter().position(|&c| c == '>') {
                Some(p) => i += p,
                None => return Err("unterminated autolink".into()),
            },
            '<' if chars
                .get(i + 1)
                .is_some_and(|c| c.is_alphabetic() || *c == '/' || *c == '!') =>
            {
                return Err("HTML tag".into());
            }
            '[' if !in_link => in_link = true,
            ']' if in_link && at(i + 1, "(") && is_url(i + 2) => {
                in_link = false;
                match chars[i..].iter().position(|&c| c == ')') {
                    Some(p) => i += p,
                    None => return Err("unterminated link".into()),
                }
            }
            '[' | ']' => return Err("unescaped bracket".into()),
            _ => {}
        }
        i += 1;
    }
    if in_link {
        return Err("unterminated link text".into());
    }
    Ok(())
}

/// Every `smithy.api#documentation` string in a JSON AST model, decoded
/// with just enough JSON string handling to avoid a dependency.
fn model_docs(json: &str) -> Vec<String> {
    const KEY: &str = "\"smithy.api#documentation\"";
    let mut docs = Vec::new();
    for (pos, _) in json.match_indices(KEY) {
        let rest = json[pos + KEY.len()..].trim_start();
        let Some(rest) = rest.strip_prefix(':').map(str::trim_start) else {
            continue;
        };
        let Some(rest) = rest.strip_prefix('"') else {
            continue;
        };
        let mut doc = String::new();
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            match c {
                '"' => break,
                '\\' => match chars.next() {
                    Some('n') => doc.push('\n'),
                    Some('t') => doc.push('\t'),
                    Some('r') => doc.push('\r'),
                    Some('b') => doc.push('\u{8}'),
                    Some('f') => doc.push('\u{c}'),
                    Some('u') => {
                        let hex: String = chars.by_ref().take(4).collect();
                        let mut code = u32::from_str_radix(&hex, 16).unwrap_or(0xFFFD);
                        if (0xD800..0xDC00).contains(&code) {
                            // Surrogate pair: the low half follows as `\uXXXX`.
                            let low: String = chars.by_ref().take(6).collect();
                            let low = u32::from_str_radix(&low[2..], 16).unwrap_or(0xDC00);
                            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
                        }
                        doc.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                    }
                    Some(other) => doc.push(other),
                    None => break,
                },
                _ => doc.push(c),
            }
        }
        docs.push(doc);
    }
    docs
}

fn check_model(path: &std::path::Path) -> usize {
    let json = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let docs = model_docs(&json);
    let failures: Vec<String> = docs
        .iter()
        .filter_map(|doc| {
            let md = html_to_rustdoc(doc);
            check_markdown(&md)
                .err()
                .map(|e| format!("{e}\n--- html:\n{doc}\n--- markdown:\n{md}"))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{}: {} failures\n{}",
        path.display(),
        failures.len(),
        failures[..failures.len().min(5)].join("\n\n")
    );
    docs.len()
}

#[test]
fn gamelift_model_docs() {
    let count = check_model(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/gamelift.json"),
    );
    assert!(count > 1000, "only {count} documentation strings found");
}

/// Random soup of tags, entities and Markdown-significant characters.
#[test]
fn random_input_never_breaks_invariants() {
    const PIECES: &[&str] = &[
        "<p>",
        "</p>",
        "<ul>",
        "</ul>",
        "<ol>",
        "</ol>",
        "<li>",
        "</li>",
        "<b>",
        "</b>",
        "<i>",
        "</i>",
        "<code>",
        "</code>",
        "<pre>",
        "</pre>",
        "<a href=\"https://a.com/x\">",
        "<a>",
        "</a>",
        "<note>",
        "</note>",
        "<dl>",
        "<dt>",
        "<dd>",
        "</dl>",
        "<h3>",
        "</h3>",
        "<br/>",
        "<region>",
        "</x>",
        "<",
        ">",
        "&",
        "&lt;",
        "&amp;",
        "&#",
        ";",
        "[",
        "]",
        "*",
        "_",
        "`",
        "```",
        "#",
        "- ",
        "1. ",
        "\n",
        "\n\n",
        "    ",
        " ",
        "word",
        "é",
        "https://b.org/p",
        "(",
        ")",
        "\\",
        "~",
        "<!--",
        "-->",
        "\"",
    ];
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..20_000 {
        let mut input = String::new();
        for _ in 0..(seed % 40) {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            input.push_str(PIECES[(seed % PIECES.len() as u64) as usize]);
        }
        let md = html_to_rustdoc(&input);
        if let Err(e) = check_markdown(&md) {
            panic!("{e}\ninput: {input:?}\noutput: {md:?}");
        }
    }
}

/// Pathological inputs must not blow the output up. Their time is not asserted (a busy
/// machine makes any time bound flaky: this test failed that way while other builds ran,
/// and the project asserts no time in `cargo test`).
#[test]
fn pathological_inputs_do_not_blow_up() {
    let patterns = [
        "<a \"",
        "&",
        "&#",
        "<ul><li>x",
        "<b><i>",
        "http://",
        "<!--",
        "<code>",
        "<",
        "<p>",
        "a_",
        "<li><ul>",
        "<dl><dt>",
        "https://x(",
        "<a href=\"https://a\">",
    ];
    for pattern in patterns {
        let input = pattern.repeat(80_000);
        let md = html_to_rustdoc(&input);
        assert!(
            md.len() <= 40 * input.len() + 16,
            "output blow-up for {pattern:?}"
        );
    }
}
