//! A section of a shared file and its properties, as the rest of the crate reads them.

use std::collections::BTreeMap;
use std::fmt;

use super::FileKind;

/// The three kinds of section the shared files hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// `[default]` or `[profile NAME]` in the config file, `[NAME]` in the credentials file.
    Profile,
    /// `[sso-session NAME]` in the config file: IAM Identity Center settings that profiles
    /// share through their `sso_session` property.
    SsoSession,
    /// `[services NAME]` in the config file: per-service settings that profiles share through
    /// their `services` property.
    Services,
}

impl fmt::Display for SectionKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SectionKind::Profile => "profile",
            SectionKind::SsoSession => "sso-session section",
            SectionKind::Services => "services section",
        })
    }
}

/// Where a property was defined: which file, which line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file the definition is in.
    pub file: FileKind,
    /// Its 1-based line number.
    pub line: usize,
}

/// One `key = value` property.
///
/// A property whose value is empty on its own line may be followed by indented `key = value`
/// lines: those are its sub-properties (the `s3 =` block of a `[services NAME]` section).
/// Other indented lines continue the value: `value` holds the lines joined with `\n`, each
/// trimmed.
///
/// Its `Debug` output leaves out the value: the credentials file holds secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct Property {
    value: String,
    sub_properties: BTreeMap<String, Property>,
    origin: Origin,
}

impl fmt::Debug for Property {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Property")
            .field("value", &format_args!("<{} bytes>", self.value.len()))
            .field("sub_properties", &self.sub_properties)
            .field("origin", &self.origin)
            .finish()
    }
}

impl Property {
    pub(crate) fn new(value: String, origin: Origin) -> Property {
        Property {
            value,
            sub_properties: BTreeMap::new(),
            origin,
        }
    }

    /// The value, trimmed; empty for a property that only has sub-properties.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Where the property was defined (for a value merged from both files, the credentials
    /// file's definition, which won).
    pub fn origin(&self) -> Origin {
        self.origin
    }

    /// The sub-property `name` (case-insensitive), e.g. `endpoint_url` under `s3 =`.
    pub fn sub_property(&self, name: &str) -> Option<&Property> {
        self.sub_properties.get(&name.to_ascii_lowercase())
    }

    /// All sub-properties by lowercased name, in name order.
    pub fn sub_properties(&self) -> impl Iterator<Item = (&str, &Property)> {
        self.sub_properties
            .iter()
            .map(|(name, property)| (name.as_str(), property))
    }

    pub(crate) fn continue_value(&mut self, line: &str) {
        self.value.push('\n');
        self.value.push_str(line);
    }

    /// A later definition of the same sub-property replaces the earlier one.
    pub(crate) fn set_sub_property(&mut self, name: String, property: Property) {
        self.sub_properties.insert(name, property);
    }
}

/// A profile, `sso-session` or `services` section: its name and its properties.
///
/// Property names are case-insensitive (stored lowercased); section names are
/// case-sensitive.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    kind: SectionKind,
    name: String,
    properties: BTreeMap<String, Property>,
}

impl Section {
    pub(crate) fn new(kind: SectionKind, name: String) -> Section {
        Section {
            kind,
            name,
            properties: BTreeMap::new(),
        }
    }

    /// Which kind of section this is.
    pub fn kind(&self) -> SectionKind {
        self.kind
    }

    /// The section's name, without its `profile `, `sso-session ` or `services ` prefix.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The value of property `key` (case-insensitive).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.property(key).map(Property::value)
    }

    /// The property `key` (case-insensitive), with its sub-properties and origin.
    pub fn property(&self, key: &str) -> Option<&Property> {
        self.properties.get(&key.to_ascii_lowercase())
    }

    /// The value of sub-property `sub_key` under property `key`, e.g.
    /// `sub_property("s3", "endpoint_url")`.
    pub fn sub_property(&self, key: &str, sub_key: &str) -> Option<&str> {
        self.property(key)?
            .sub_property(sub_key)
            .map(Property::value)
    }

    /// All properties by lowercased name, in name order.
    pub fn properties(&self) -> impl Iterator<Item = (&str, &Property)> {
        self.properties
            .iter()
            .map(|(name, property)| (name.as_str(), property))
    }

    /// Sets a property; a later definition of the same name replaces the earlier one, which
    /// is how the SDKs treat duplicates within a file and across files.
    pub(crate) fn set(&mut self, name: String, property: Property) {
        self.properties.insert(name, property);
    }

    pub(crate) fn property_mut(&mut self, name: &str) -> Option<&mut Property> {
        self.properties.get_mut(name)
    }

    /// Every property of `other` replaces this section's property of the same name.
    pub(crate) fn merge_from(&mut self, other: Section) {
        self.properties.extend(other.properties);
    }
}
