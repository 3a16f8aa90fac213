//! Parsing one shared file, line by line, into its sections.
//!
//! Every line is one of: blank; a comment; a section header `[...]`; an indented line
//! (continuing the previous property's value, or defining one of its sub-properties); or a
//! `key = value` property. A line that fits none of these, or does not fit where it stands,
//! is skipped with a warning; the parser never fails.

use std::collections::BTreeMap;
use std::path::Path;

use super::section::{Origin, Property, Section, SectionKind};
use super::syntax::{is_comment_line, is_indented, is_valid_name, strip_comment};
use super::warning::{excerpt, FileKind, ProfileWarning, WarningSink};

/// The sections of one file, with duplicate sections already merged.
#[derive(Default)]
pub(crate) struct ParsedFile {
    pub(crate) profiles: BTreeMap<String, Section>,
    pub(crate) sso_sessions: BTreeMap<String, Section>,
    pub(crate) services: BTreeMap<String, Section>,
    pub(crate) warnings: Vec<ProfileWarning>,
}

/// Parses the text of one shared file; `path` only labels the warnings.
pub(crate) fn parse_file(text: &str, file: FileKind, path: Option<&Path>) -> ParsedFile {
    let mut parser = Parser::new(file, path);
    // Editors on Windows may start a UTF-8 file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (index, line) in text.split('\n').enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        parser.line(index + 1, line);
    }
    parser.finish()
}

/// The section the following properties go to.
#[derive(Clone, PartialEq, Eq)]
enum Target {
    /// `[default]` in the config file: kept apart until the end of the file, because a
    /// `[profile default]` anywhere in the file makes the SDKs ignore it.
    BareDefault,
    Named(SectionKind, String),
}

/// What indented lines attach to.
#[derive(Clone)]
enum Attach {
    /// No property yet in this section: an indented line is misplaced.
    Nothing,
    /// The previous property line was skipped; its indented lines go with it, silently.
    Skipped,
    /// A property with a value: indented lines continue the value.
    Value(String),
    /// A property with an empty value: indented lines are its sub-properties.
    SubProperties(String),
}

enum Position {
    /// Before the first section header.
    Start,
    /// Inside a section that is ignored (its header was invalid and already reported).
    IgnoredSection,
    Section(Target, Attach),
}

struct Parser<'a> {
    file: FileKind,
    sink: WarningSink<'a>,
    sections: ParsedFile,
    bare_default: Option<(Section, usize)>,
    has_prefixed_default: bool,
    position: Position,
}

impl<'a> Parser<'a> {
    fn new(file: FileKind, path: Option<&'a Path>) -> Self {
        Parser {
            file,
            sink: WarningSink::new(file, path),
            sections: ParsedFile::default(),
            bare_default: None,
            has_prefixed_default: false,
            position: Position::Start,
        }
    }

    fn line(&mut self, number: usize, line: &str) {
        if line.trim().is_empty() || is_comment_line(line) {
            return;
        }
        if is_indented(line) {
            self.indented_line(number, line.trim());
        } else if let Some(header) = line.strip_prefix('[') {
            self.header_line(number, header);
        } else {
            self.property_line(number, line);
        }
    }

    /// `header` is the line after its `[`.
    fn header_line(&mut self, number: usize, header: &str) {
        self.position = Position::IgnoredSection;
        let Some((inside, after)) = header.split_once(']') else {
            self.warn(number, "section header has no closing `]`; section ignored");
            return;
        };
        let after = after.trim();
        if !after.is_empty() && !after.starts_with(['#', ';']) {
            self.warn(
                number,
                format!(
                    "unexpected `{}` after the section header; section ignored",
                    excerpt(after)
                ),
            );
            return;
        }
        match self.target(inside.trim()) {
            Ok(target) => {
                self.section(&target, number);
                self.position = Position::Section(target, Attach::Nothing);
            }
            Err(message) => self.warn(number, message),
        }
    }

    /// Which section a header names, by the file's rules.
    fn target(&mut self, header: &str) -> Result<Target, String> {
        let (kind, name) = match self.file {
            FileKind::Credentials => (SectionKind::Profile, header),
            FileKind::Config if header == "default" => return Ok(Target::BareDefault),
            FileKind::Config => {
                let (prefix, name) = header
                    .split_once([' ', '\t'])
                    .map_or((header, ""), |(prefix, name)| (prefix, name.trim()));
                let kind = match prefix {
                    "profile" => SectionKind::Profile,
                    "sso-session" => SectionKind::SsoSession,
                    "services" => SectionKind::Services,
                    _ => {
                        return Err(format!(
                            "`[{}]` is not a config-file section (`[default]`, \
                             `[profile NAME]`, `[sso-session NAME]` or `[services NAME]`); \
                             section ignored",
                            excerpt(header)
                        ))
                    }
                };
                (kind, name)
            }
        };
        if !is_valid_name(name) {
            return Err(format!(
                "{kind} name `{}` is not letters, digits and `-/.%@_:+`; section ignored",
                excerpt(name)
            ));
        }
        if kind == SectionKind::Profile && name == "default" && self.file == FileKind::Config {
            self.has_prefixed_default = true;
        }
        Ok(Target::Named(kind, name.to_owned()))
    }

    fn property_line(&mut self, number: usize, line: &str) {
        let target = match &self.position {
            Position::Start => {
                self.warn(number, "property before any section header; ignored");
                return;
            }
            Position::IgnoredSection => return,
            Position::Section(target, _) => target.clone(),
        };
        let attach = match strip_comment(line).split_once('=') {
            None => {
                // The line itself is not quoted: it may be a mistyped secret.
                self.warn(number, "expected `name = value`; line ignored");
                Attach::Skipped
            }
            Some((name, _)) if !is_valid_name(name.trim()) => {
                let name = name.trim();
                self.warn(
                    number,
                    format!(
                        "property name `{}` is not letters, digits and `-/.%@_:+`; ignored",
                        excerpt(name)
                    ),
                );
                Attach::Skipped
            }
            Some((name, value)) => {
                let name = name.trim().to_ascii_lowercase();
                let value = value.trim();
                let origin = self.origin(number);
                self.section(&target, number)
                    .set(name.clone(), Property::new(value.to_owned(), origin));
                if value.is_empty() {
                    Attach::SubProperties(name)
                } else {
                    Attach::Value(name)
                }
            }
        };
        self.position = Position::Section(target, attach);
    }

    /// `text` is the line, trimmed.
    fn indented_line(&mut self, number: usize, text: &str) {
        let (target, attach) = match &self.position {
            Position::Start => {
                self.warn(number, "indented line before any section header; ignored");
                return;
            }
            Position::IgnoredSection => return,
            Position::Section(target, attach) => (target.clone(), attach.clone()),
        };
        match attach {
            Attach::Skipped => {}
            Attach::Nothing => {
                self.warn(number, "indented line does not follow a property; ignored");
            }
            Attach::Value(name) => {
                if let Some(property) = self.section(&target, number).property_mut(&name) {
                    property.continue_value(text);
                }
            }
            Attach::SubProperties(name) => self.sub_property_line(number, text, &target, &name),
        }
    }

    fn sub_property_line(&mut self, number: usize, text: &str, target: &Target, parent: &str) {
        let Some((name, value)) = strip_comment(text).split_once('=') else {
            self.warn(
                number,
                "expected `name = value` for a sub-property; line ignored",
            );
            return;
        };
        let name = name.trim();
        if name.is_empty() {
            self.warn(number, "sub-property has no name; line ignored");
            return;
        }
        let sub_property = Property::new(value.trim().to_owned(), self.origin(number));
        if let Some(property) = self.section(target, number).property_mut(parent) {
            property.set_sub_property(name.to_ascii_lowercase(), sub_property);
        }
    }

    /// The section `target`, created if this is its first header; a repeated header adds
    /// to the same section, as the SDKs merge duplicate sections of a file.
    fn section(&mut self, target: &Target, line: usize) -> &mut Section {
        match target {
            Target::BareDefault => {
                &mut self
                    .bare_default
                    .get_or_insert_with(|| {
                        (Section::new(SectionKind::Profile, "default".into()), line)
                    })
                    .0
            }
            Target::Named(kind, name) => {
                let map = match kind {
                    SectionKind::Profile => &mut self.sections.profiles,
                    SectionKind::SsoSession => &mut self.sections.sso_sessions,
                    SectionKind::Services => &mut self.sections.services,
                };
                map.entry(name.clone())
                    .or_insert_with(|| Section::new(*kind, name.clone()))
            }
        }
    }

    fn origin(&self, line: usize) -> Origin {
        Origin {
            file: self.file,
            line,
        }
    }

    fn warn(&mut self, line: usize, message: impl Into<String>) {
        self.sink.warn(line, message);
    }

    fn finish(mut self) -> ParsedFile {
        if let Some((bare_default, line)) = self.bare_default.take() {
            if self.has_prefixed_default {
                self.warn(
                    line,
                    "`[default]` ignored: the file also has `[profile default]`, which wins",
                );
            } else {
                self.sections
                    .profiles
                    .insert("default".into(), bare_default);
            }
        }
        self.sections.warnings = self.sink.finish();
        self.sections
    }
}
