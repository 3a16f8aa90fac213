//! Converts the HTML of Smithy `smithy.api#documentation` traits (AWS style)
//! into Markdown for `#[doc = ...]` attributes.
//!
//! Model documentation is hand-written HTML: unclosed tags, placeholders such
//! as `<region>`, stray `<` and entities are common. The output must pass
//! `cargo doc` with warnings denied and must not create doctests, so every
//! character Markdown could interpret is escaped, code blocks are always
//! fenced as `text`, and indentation is only produced for list items.
//! Nothing here panics, and the work is linear in the input: no scan is
//! repeated, and nesting depths are capped.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::mem;

/// Deeper nesting is ignored: list indentation is repeated on every line and
/// open inline elements are revisited for every word, so unbounded depth
/// would make the conversion quadratic.
const MAX_DEPTH: usize = 16;

/// Converts a documentation HTML fragment (or plain text) to rustdoc Markdown.
pub fn html_to_rustdoc(html: &str) -> String {
    let tokens = tokenize(html);
    let is_markup = |t: &Token<'_>| match t {
        Token::Tag { name, end, .. } => *end || kind(name) != Kind::Unknown,
        Token::Text(_) => false,
    };
    if !tokens.iter().any(is_markup) {
        // Plain text: convert it to the HTML it stands for (which has tags
        // unless the text is blank, so this recurses at most once).
        let html = plain_to_html(html);
        return if html.is_empty() {
            html
        } else {
            html_to_rustdoc(&html)
        };
    }
    // An unknown tag that is closed somewhere is markup (`<fullname>`); one
    // never closed is almost always a placeholder such as `<region>` or
    // `<fleet ID>`, which is kept as text.
    let closed: HashSet<&str> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Tag {
                name, end: true, ..
            } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    let mut w = Writer::default();
    for token in &tokens {
        match token {
            Token::Text(text) => w.text(&decode_entities(text)),
            Token::Tag { raw, name, end } => w.tag(raw, name, *end, &closed),
        }
    }
    w.finish()
}

/// Comments and declarations are tags named "" (ignored).
enum Token<'a> {
    Text(&'a str),
    Tag {
        raw: &'a str,
        name: String,
        end: bool,
    },
}

/// Splits the input into text and tags. A `<` that does not start a
/// well-formed tag is text, so this never fails.
fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let (mut pos, mut text_start) = (0, 0);
    // After one unterminated comment all later ones are too; remembering that
    // avoids rescanning the rest of the input for each `<!--`.
    let mut comments_close = true;
    while let Some(offset) = s[pos..].find('<') {
        let lt = pos + offset;
        let rest = &s[lt + 1..];
        let name_at = rest.strip_prefix('/').unwrap_or(rest);
        let len = if rest.starts_with("!--") {
            let end = comments_close.then(|| rest.find("-->")).flatten();
            comments_close = end.is_some();
            end.map(|e| e + 3)
        } else if name_at.starts_with(|c: char| c.is_ascii_alphabetic())
            || rest.starts_with(['!', '?'])
        {
            // A `<` before the `>` means this one was text; stopping there
            // also keeps the scanning linear.
            let end = rest.find(['<', '>']);
            end.filter(|&e| rest.as_bytes()[e] == b'>').map(|e| e + 1)
        } else {
            None
        };
        let Some(len) = len else {
            pos = lt + 1;
            continue;
        };
        if text_start < lt {
            tokens.push(Token::Text(&s[text_start..lt]));
        }
        let name = name_at
            .chars()
            .take_while(|&c| c.is_ascii_alphanumeric() || "-_:.".contains(c));
        let name = name.collect::<String>().to_ascii_lowercase();
        let (raw, end) = (&s[lt..=lt + len], rest.starts_with('/'));
        tokens.push(Token::Tag { raw, name, end });
        (pos, text_start) = (lt + len + 1, lt + len + 1);
    }
    if text_start < s.len() {
        tokens.push(Token::Text(&s[text_start..]));
    }
    tokens
}

/// Turns plain text into the HTML a reader would see in it: blank lines
/// separate paragraphs and, as in Markdown, a block indented by four more
/// spaces is code (which then gets fenced instead of becoming a doctest).
/// Entities are left alone, so they are decoded as in HTML.
fn plain_to_html(text: &str) -> String {
    let text = text
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\t', "    ");
    let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
    let lines = || text.lines().filter(|l| !l.trim().is_empty());
    let base = lines().map(indent).min().unwrap_or(0);
    let mut html = String::new();
    let mut open: Option<bool> = None; // `Some(true)` inside code
    for line in text.lines() {
        let blank = line.trim().is_empty();
        let code = !blank && indent(line) >= base + 4;
        // Code continues across blank lines, a paragraph ends at one.
        if let Some(pre) = open.filter(|&pre| if pre { !blank && !code } else { blank }) {
            html.push_str(if pre { "</pre>" } else { "</p>" });
            open = None;
        }
        if open.is_none() && !blank {
            html.push_str(if code { "<pre>" } else { "<p>" });
            open = Some(code);
        }
        if open.is_some() {
            html.push_str(line);
            html.push('\n');
        }
    }
    html
}

/// What an element means for the Markdown output.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Block,
    Heading,
    List(bool),
    Item,
    Term,
    Desc,
    Note(&'static str),
    Pre,
    Code,
    Link,
    Strong,
    Emphasis,
    Break,
    Inline,
    Unknown,
}

fn kind(name: &str) -> Kind {
    match name {
        "p" | "div" | "para" | "fullname" | "section" | "blockquote" | "hr" | "table" | "tr"
        | "examples" | "example" => Kind::Block,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
        "ul" | "dl" => Kind::List(false),
        "ol" => Kind::List(true),
        "li" => Kind::Item,
        "dt" => Kind::Term,
        "dd" => Kind::Desc,
        "note" => Kind::Note("Note"),
        "important" => Kind::Note("Important"),
        "pre" => Kind::Pre,
        "code" | "tt" | "kbd" | "samp" => Kind::Code,
        "a" => Kind::Link,
        "b" | "strong" => Kind::Strong,
        "i" | "em" | "cite" => Kind::Emphasis,
        "br" => Kind::Break,
        // No Markdown equivalent: dropped, keeping the content.
        "" | "span" | "u" | "sup" | "sub" | "small" | "td" | "th" | "thead" | "tbody"
        | "replaceable" | "link" | "img" | "html" | "body" => Kind::Inline,
        _ => Kind::Unknown,
    }
}

/// Separator owed before the next content; the strongest request wins.
#[derive(Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Sep {
    #[default]
    None,
    Space,
    Line,
    Para,
}

/// An open list. `width` is that of the last marker written: continuation
/// lines are indented by it, so indentation never exceeds the content column
/// of a visible item and cannot turn into an indented code block.
struct List {
    ordered: bool,
    next: usize,
    width: usize,
}

/// An open inline element. Its delimiter (`**`, `*`, `[` for links, or ""
/// when only the text is kept) is written lazily before the first content,
/// so empty elements and edge whitespace never give `** **`.
struct Span {
    tag: Kind,
    delim: &'static str,
    url: Option<String>,
    opened: bool,
}

#[derive(Default)]
struct Writer {
    out: String,
    pending: Sep,
    /// The current line holds more than indentation and list markers.
    mid_line: bool,
    /// After `<dd>`: its `<p>` may not push the text off the term's item.
    hold: bool,
    lists: Vec<List>,
    /// Lists nested deeper than `MAX_DEPTH`, flattened into the last one.
    overflow: usize,
    /// List markers owed, with their depth: an item's marker is written with
    /// its first content, so empty items vanish.
    markers: Vec<(usize, String)>,
    label: Option<&'static str>,
    spans: Vec<Span>,
    /// Literal text of an open `<pre>` (`true`) or `<code>` (`false`).
    capture: Option<(bool, String)>,
    /// Emphasis closed after punctuation may not touch a following letter
    /// (CommonMark would not see the closing delimiter).
    space_before_word: bool,
}

impl Writer {
    fn tag(&mut self, raw: &str, name: &str, end: bool, closed: &HashSet<&str>) {
        let kind = kind(name);
        if let Some((pre, buf)) = &mut self.capture {
            let closes = end && kind == if *pre { Kind::Pre } else { Kind::Code };
            // Other markup inside code is dropped, placeholders such as
            // `<region>` are code, and block structure ends an unclosed `<code>`.
            let inline = matches!(
                kind,
                Kind::Code
                    | Kind::Link
                    | Kind::Strong
                    | Kind::Emphasis
                    | Kind::Inline
                    | Kind::Unknown
                    | Kind::Break
            );
            if !closes && (*pre || inline) {
                match kind {
                    Kind::Unknown => buf.push_str(&decode_entities(raw)),
                    Kind::Break => buf.push(if *pre { '\n' } else { ' ' }),
                    _ => {}
                }
                return;
            }
            self.end_capture();
            if closes {
                return;
            }
        }
        if kind == Kind::Unknown && !closed.contains(name) {
            self.text(&decode_entities(raw));
        } else if end {
            self.end(kind);
        } else {
            self.start(kind, raw);
            if raw.ends_with("/>") {
                self.end(kind);
            }
        }
    }

    fn start(&mut self, kind: Kind, raw: &str) {
        match kind {
            Kind::Block => self.block(Sep::Para),
            Kind::Heading => {
                self.block(Sep::Para);
                self.push_span(kind, "**", None);
            }
            Kind::List(ordered) => {
                // A nested list may interrupt its item's paragraph.
                if self.lists.is_empty() {
                    self.block(Sep::Para);
                } else {
                    self.pending = Sep::Line;
                }
                if self.lists.len() == MAX_DEPTH {
                    self.overflow += 1;
                } else {
                    let list = List {
                        ordered,
                        next: 1,
                        width: 0,
                    };
                    self.lists.push(list);
                }
            }
            Kind::Item | Kind::Term => self.item(kind),
            Kind::Desc => {
                self.end_span(Kind::Term);
                self.sep(Sep::Line);
                self.hold = true;
            }
            Kind::Note(label) => {
                self.block(Sep::Para);
                self.label = Some(label);
            }
            Kind::Pre | Kind::Code => {
                if kind == Kind::Pre {
                    self.block(Sep::Para);
                }
                self.capture = Some((kind == Kind::Pre, String::new()));
            }
            Kind::Link => {
                // Links cannot nest, and relative targets cannot be resolved.
                let in_link = self.spans.iter().any(|s| s.url.is_some());
                let url = link_target(raw).filter(|_| !in_link);
                self.push_span(kind, if url.is_some() { "[" } else { "" }, url);
            }
            Kind::Strong => self.push_span(kind, "**", None),
            Kind::Emphasis => self.push_span(kind, "*", None),
            Kind::Break => self.sep(Sep::Line),
            Kind::Inline | Kind::Unknown => {}
        }
    }

    fn end(&mut self, kind: Kind) {
        match kind {
            Kind::Block => self.block(Sep::Para),
            Kind::Note(_) => {
                // An empty note leaves no label behind.
                self.label = None;
                self.block(Sep::Para);
            }
            Kind::Heading => {
                self.end_span(kind);
                self.block(Sep::Para);
            }
            Kind::List(_) => {
                if self.overflow > 0 {
                    self.overflow -= 1;
                } else if self.lists.pop().is_some() {
                    let depth = self.lists.len();
                    self.markers.retain(|m| m.0 < depth);
                }
                self.block(Sep::Para);
            }
            Kind::Item | Kind::Desc => self.sep(Sep::Line),
            Kind::Term | Kind::Link | Kind::Strong | Kind::Emphasis => self.end_span(kind),
            _ => {}
        }
    }

    fn sep(&mut self, sep: Sep) {
        self.pending = self.pending.max(sep);
    }

    /// Requests a block boundary, unless a list marker or `<dd>` is waiting
    /// for the content that the boundary would separate from it.
    fn block(&mut self, sep: Sep) {
        if !self.hold && self.markers.is_empty() {
            self.sep(sep);
        }
    }

    fn item(&mut self, kind: Kind) {
        if self.lists.is_empty() {
            // A stray `<li>`: behave as if its list were there.
            self.start(Kind::List(false), "");
        }
        self.end_span(Kind::Term);
        let depth = self.lists.len() - 1;
        let list = &mut self.lists[depth];
        let marker = if list.ordered {
            format!("{}. ", list.next)
        } else {
            "- ".to_owned()
        };
        // Items of one list are separated by a single newline (a tight list).
        if list.next > 1 {
            self.pending = Sep::Line;
        }
        list.next += 1;
        self.sep(Sep::Line);
        self.hold = false;
        self.markers.retain(|m| m.0 < depth);
        self.markers.push((depth, marker));
        if kind == Kind::Term {
            self.push_span(kind, "**", None);
        }
    }

    fn push_span(&mut self, tag: Kind, delim: &'static str, url: Option<String>) {
        // `<b><strong>x</strong></b>` must not give `****x****`.
        let duplicate = self.spans.iter().any(|s| s.delim == delim);
        let delim = if duplicate { "" } else { delim };
        if self.spans.len() < MAX_DEPTH {
            let opened = false;
            self.spans.push(Span {
                tag,
                delim,
                url,
                opened,
            });
        }
    }

    fn end_span(&mut self, tag: Kind) {
        if let Some(i) = self.spans.iter().rposition(|s| s.tag == tag) {
            // Elements opened inside this one close with it; like the other
            // elements closed at line breaks, they reopen before new content.
            self.close_spans(i);
            self.spans.remove(i);
        }
    }

    fn close_spans(&mut self, from: usize) {
        for span in self.spans[from..].iter_mut().rev().filter(|s| s.opened) {
            span.opened = false;
            if let Some(url) = &span.url {
                let _ = write!(self.out, "]({url})");
            } else {
                self.space_before_word = !self.out.ends_with(char::is_alphanumeric);
                self.out.push_str(span.delim);
            }
        }
    }

    /// Writes what is owed before content starting with `first` (`None` for a
    /// fenced block): separator, indentation, list markers, the note label
    /// and the delimiters of open inline elements.
    fn flush(&mut self, first: Option<char>) {
        let sep = mem::take(&mut self.pending);
        self.hold = false;
        if sep >= Sep::Line && !self.out.is_empty() {
            // Inline elements cannot span blocks: they reopen after the break.
            self.close_spans(0);
            self.out
                .push_str(if sep == Sep::Para { "\n\n" } else { "\n" });
            let until = self.markers.first().map_or(self.lists.len(), |m| m.0);
            let indent = self.lists[..until].iter().map(|l| l.width).sum();
            self.out.extend(std::iter::repeat_n(' ', indent));
            self.mid_line = false;
        } else if sep == Sep::Space && self.mid_line {
            self.out.push(' ');
        }
        for (depth, marker) in mem::take(&mut self.markers) {
            self.out.push_str(&marker);
            if let Some(list) = self.lists.get_mut(depth) {
                list.width = marker.len();
            }
            self.mid_line = false;
        }
        let Some(first) = first else { return };
        if let Some(label) = self.label.take() {
            let _ = write!(self.out, "**{label}:** ");
            self.mid_line = true;
        }
        if mem::take(&mut self.space_before_word) && sep == Sep::None && first.is_alphanumeric() {
            self.out.push(' ');
        }
        for span in self.spans.iter_mut().filter(|s| !s.opened) {
            span.opened = true;
            self.out.push_str(span.delim);
            self.mid_line |= !span.delim.is_empty();
        }
    }

    fn text(&mut self, text: &str) {
        if let Some((_, buf)) = &mut self.capture {
            buf.push_str(text);
            return;
        }
        for (i, word) in text.split(char::is_whitespace).enumerate() {
            if i > 0 {
                self.sep(Sep::Space);
            }
            self.word(word);
        }
    }

    fn word(&mut self, mut word: &str) {
        // Link text cannot hold another link (nor does rustdoc lint it).
        let in_link = self.spans.iter().any(|s| s.url.is_some());
        while let Some(first) = word.chars().next() {
            let url = find_url(word).filter(|_| !in_link);
            let (start, end) = url.unwrap_or((word.len(), word.len()));
            self.flush(Some(if start == 0 { '<' } else { first }));
            escape_into(&mut self.out, &word[..start], !self.mid_line);
            if start < end {
                let _ = write!(self.out, "<{}>", &word[start..end]);
            }
            self.mid_line = true;
            word = &word[end..];
        }
    }

    fn code_span(&mut self, code: &str) {
        let body = code.split_whitespace().collect::<Vec<_>>().join(" ");
        if code.starts_with(char::is_whitespace) {
            self.sep(Sep::Space);
        }
        if !body.is_empty() {
            // Longer than any backtick run inside; padded if one is at an edge.
            let ticks = "`".repeat(longest_backtick_run(&body) + 1);
            let edge = body.starts_with('`') || body.ends_with('`');
            let pad = if edge { " " } else { "" };
            self.flush(Some('`'));
            let _ = write!(self.out, "{ticks}{pad}{body}{pad}{ticks}");
            self.mid_line = true;
        }
        if code.ends_with(char::is_whitespace) {
            self.sep(Sep::Space);
        }
    }

    /// Writes a fenced `text` block: never a doctest, whatever it contains.
    fn fence(&mut self, body: &str) {
        let body = body.replace('\t', "    ");
        let lines: Vec<&str> = body.lines().map(str::trim_end).collect();
        let Some(first) = lines.iter().position(|l| !l.is_empty()) else {
            return;
        };
        let last = lines.iter().rposition(|l| !l.is_empty()).unwrap_or(first);
        let lines = &lines[first..=last];
        let indent_of = |l: &&str| l.len() - l.trim_start_matches(' ').len();
        let dedent = lines.iter().filter(|l| !l.is_empty()).map(indent_of).min();
        let ticks = "`".repeat(longest_backtick_run(&body).max(2) + 1);
        self.sep(Sep::Para);
        if let Some(label) = self.label.take() {
            // A fence must start its own line.
            self.flush(None);
            let _ = write!(self.out, "**{label}:**");
            self.pending = Sep::Para;
        }
        self.flush(None);
        let indent = " ".repeat(self.lists.iter().map(|l| l.width).sum());
        let _ = write!(self.out, "{ticks}text");
        for line in lines {
            let line = line.get(dedent.unwrap_or(0)..).unwrap_or("");
            let _ = write!(self.out, "\n{indent}{line}");
        }
        let _ = write!(self.out, "\n{indent}{ticks}");
        self.mid_line = true;
        self.pending = Sep::Para;
    }

    fn end_capture(&mut self) {
        match self.capture.take() {
            Some((true, buf)) => self.fence(&buf),
            Some((false, buf)) => self.code_span(&buf),
            None => {}
        }
    }

    fn finish(mut self) -> String {
        self.end_capture();
        self.close_spans(0);
        // Normalize defensively: no trailing spaces, at most one blank line.
        let mut md = String::with_capacity(self.out.len());
        let mut blank = false;
        for line in self.out.lines().map(str::trim_end) {
            if line.is_empty() {
                blank = !md.is_empty();
                continue;
            }
            if !md.is_empty() {
                md.push_str(if blank { "\n\n" } else { "\n" });
            }
            md.push_str(line);
            blank = false;
        }
        md
    }
}

/// Decodes character references. Unknown ones stay as written (and are
/// escaped later, so they also show as written).
fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp + 1..];
        // Entity names are short; bounding the search keeps this linear.
        let semi = rest.bytes().take(10).position(|b| b == b';');
        let decoded = semi.and_then(|n| Some((entity(&rest[..n])?, n + 1)));
        let (c, len) = decoded.unwrap_or(('&', 0));
        out.push(c);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        // A plain space, so that runs of `&nbsp;` collapse like whitespace.
        "nbsp" => ' ',
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code).filter(|&c| c != '\0')?
        }
    })
}

/// The `href` of a link tag if it is absolute (relative targets cannot be
/// resolved from generated code), made safe as a Markdown link destination.
fn link_target(tag: &str) -> Option<String> {
    let at = tag.to_ascii_lowercase().find("href")? + 4;
    let value = tag[at..].trim_start().strip_prefix('=')?.trim_start();
    let value = match value.chars().next()? {
        quote @ ('"' | '\'') => value[1..].split(quote).next()?,
        _ => value
            .split(|c: char| c.is_whitespace() || c == '>')
            .next()?,
    };
    let href = decode_entities(value.trim());
    let lower = href.to_ascii_lowercase();
    let scheme = |s: &&str| lower.starts_with(s) && lower.len() > s.len();
    if !["http://", "https://", "mailto:"].iter().any(scheme) {
        return None;
    }
    let mut url = String::with_capacity(href.len());
    for c in href.chars() {
        // These would end the destination or break the link.
        if c.is_whitespace() || c.is_control() || "()<>\\".contains(c) {
            for byte in c.to_string().bytes() {
                let _ = write!(url, "%{byte:02X}");
            }
        } else {
            url.push(c);
        }
    }
    Some(url)
}

/// The first `http(s)://` URL in a word, as a byte range, leaving out
/// trailing punctuation that belongs to the sentence.
fn find_url(word: &str) -> Option<(usize, usize)> {
    let lower = word.to_ascii_lowercase();
    for (start, _) in lower.match_indices("http") {
        let mut schemes = ["https://", "http://"].into_iter();
        let Some(scheme) = schemes.find(|s| lower[start..].starts_with(s)) else {
            continue;
        };
        let tail = &word[start..];
        let url = &tail[..tail.find(['<', '>', '"', '`']).unwrap_or(tail.len())];
        let opening = url.matches('(').count();
        let mut unmatched = url.matches(')').count().saturating_sub(opening);
        let url = url.trim_end_matches(|c| match c {
            '.' | ',' | ';' | ':' | '!' | '?' | '\'' => true,
            ')' if unmatched > 0 => {
                unmatched -= 1;
                true
            }
            _ => false,
        });
        if url.len() > scheme.len() {
            return Some((start, start + url.len()));
        }
    }
    None
}

/// Escapes text so that neither Markdown nor rustdoc sees syntax in it. At
/// the start of a line, block syntax (`#`, `-`, `1.`, ...) is escaped too.
fn escape_into(out: &mut String, text: &str, line_start: bool) {
    let digits = text.len() - text.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let mut prev = ' ';
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map_or(' ', |&(_, n)| n);
        let escape = match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '~' => true,
            // Intraword underscores are never emphasis.
            '_' => !prev.is_alphanumeric() || !next.is_alphanumeric(),
            // Keeps `&lt;` from being decoded by Markdown.
            '&' => next.is_ascii_alphanumeric() || next == '#',
            '#' | '-' | '+' | '=' | ':' | '|' => line_start && i == 0,
            // An ordered list marker such as `1.`.
            '.' | ')' => line_start && i == digits && i > 0 && i + 1 == text.len(),
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
        prev = c;
    }
}

fn longest_backtick_run(s: &str) -> usize {
    s.split(|c| c != '`').map(str::len).max().unwrap_or(0)
}

#[cfg(test)]
mod tests;
