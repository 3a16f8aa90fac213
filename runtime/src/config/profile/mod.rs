//! The shared `config` and `credentials` files, parsed as the AWS SDKs parse them.
//!
//! The format (AWS SDKs and Tools Reference Guide, "Using shared config and credentials
//! files"; the cross-SDK profile parser test cases settle the corner cases):
//!
//! - **Sections.** In the config file: `[default]`, `[profile NAME]`, `[sso-session NAME]`
//!   and `[services NAME]`; any other header (a bare `[NAME]`) is ignored. In the
//!   credentials file every section is a profile, `[NAME]`, so `[profile NAME]` there is a
//!   name with a space and is ignored. Names are letters, digits and `-/.%@_:+`, trimmed,
//!   case-sensitive; the prefix and the name are separated by spaces or tabs. A comment may
//!   follow the closing `]`.
//! - **`[default]` and `[profile default]`.** Both name the default profile in the config
//!   file; when the file has any `[profile default]`, its `[default]` sections are ignored.
//! - **Properties.** `name = value` lines; the name and value are trimmed, the value may
//!   contain `=` and may be empty, and names are case-insensitive (stored lowercased).
//!   Property names follow the rules of section names; a property with another name is
//!   ignored.
//! - **Comments.** A line whose first non-blank character is `#` or `;` is a comment. On a
//!   property line, `#` or `;` starts a comment only after a space or tab, so
//!   `value;x` keeps its `;`.
//! - **Continuations and sub-properties.** An indented line (space or tab) after a property
//!   with a value continues it: the value gains `\n` and the trimmed line, comment
//!   characters included. After a property with an empty value, indented `name = value`
//!   lines are its sub-properties (`s3 =` then `  endpoint_url = ...`).
//! - **Duplicates.** A section header that repeats in a file adds to the same section; a
//!   property defined twice keeps the last value. A profile in both files has the
//!   properties of both, the credentials file winning for a property both define.
//! - **Errors.** None: a line that breaks these rules is skipped and reported in
//!   [`ProfileSet::warnings`], and lines after it still apply. A missing file is empty.

mod load;
mod parser;
mod section;
mod set;
mod syntax;
mod warning;

pub use load::{CONFIG_FILE_VAR, CREDENTIALS_FILE_VAR, PROFILE_VAR};
pub use section::{Origin, Property, Section, SectionKind};
pub use set::{ProfileSet, DEFAULT_PROFILE};
pub use warning::{FileKind, ProfileWarning};
