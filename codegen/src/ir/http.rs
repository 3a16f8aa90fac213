//! HTTP bindings (`@http`, `@httpLabel`, `@httpQuery`, `@httpQueryParams`, `@httpHeader`,
//! `@httpPrefixHeaders`, `@httpPayload`, `@httpResponseCode`) for the protocols that use them
//! (restJson1, restXml): reading them from the model and rejecting invalid ones with a message
//! naming the member and the problem.

use std::collections::BTreeMap;

use super::Field;
use crate::model::{traits, Member, Model, Shape, ShapeType};
use crate::{Error, Result};

const HTTP: &str = "smithy.api#http";
const LABEL: &str = "smithy.api#httpLabel";
const QUERY: &str = "smithy.api#httpQuery";
const QUERY_PARAMS: &str = "smithy.api#httpQueryParams";
const HEADER: &str = "smithy.api#httpHeader";
const PREFIX_HEADERS: &str = "smithy.api#httpPrefixHeaders";
const PAYLOAD: &str = "smithy.api#httpPayload";
const RESPONSE_CODE: &str = "smithy.api#httpResponseCode";

/// Where a member of an operation's input, output or error travels, when not in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HttpBinding {
    /// `@httpLabel`: the URI pattern's `{member}` (or greedy `{member+}`).
    Label,
    /// `@httpQuery("name")`: a query string parameter.
    Query(String),
    /// `@httpQueryParams`: a map of further query string parameters.
    QueryParams,
    /// `@httpHeader("Name")`: a header.
    Header(String),
    /// `@httpPrefixHeaders("prefix")`: a map of headers whose names start with the prefix.
    PrefixHeaders(String),
    /// `@httpPayload`: the whole body.
    Payload,
    /// `@httpResponseCode`: the response's status code.
    ResponseCode,
}

impl HttpBinding {
    /// Whether the binding takes the member out of a request's body. Response-only bindings
    /// are ignored in requests: the member is then in the body.
    pub fn in_request(&self) -> bool {
        !matches!(self, Self::ResponseCode)
    }

    /// Whether the binding takes the member out of a response's body. Request-only bindings
    /// (labels, query) are ignored in responses: the member is then in the body.
    pub fn in_response(&self) -> bool {
        matches!(
            self,
            Self::Header(_) | Self::PrefixHeaders(_) | Self::Payload | Self::ResponseCode
        )
    }
}

/// An operation's `@http` trait, resolved.
#[derive(Debug, Clone)]
pub struct HttpOperation {
    /// `GET`, `PUT`…
    pub method: String,
    pub uri: UriPattern,
    /// The status of a successful response (`code`, 200 by default).
    pub code: u16,
    /// Query keys that `@httpQueryParams` never overrides: those of `@httpQuery` members and
    /// of the pattern's own query.
    pub reserved_query: Vec<String>,
}

/// A URI pattern such as `/{Bucket}/{Key+}?x-id=GetObject`.
#[derive(Debug, Clone)]
pub struct UriPattern {
    /// The pattern as the model writes it.
    pub text: String,
    /// The path's segments.
    pub segments: Vec<UriSegment>,
    /// The pattern's own query parameters: `(key, value)`, the value absent for `?flag`.
    pub query: Vec<(String, Option<String>)>,
}

impl UriPattern {
    /// The names of the path's labels, in order.
    pub fn labels(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().filter_map(|s| match s {
            UriSegment::Label { name, .. } => Some(name.as_str()),
            UriSegment::Literal(_) => None,
        })
    }
}

/// One `/`-separated segment of a URI pattern's path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriSegment {
    Literal(String),
    /// `{name}`, or `{name+}` (greedy: may span segments).
    Label {
        name: String,
        greedy: bool,
    },
}

/// Parses a URI pattern: a path starting with `/` whose segments are literals or whole
/// labels, optionally followed by `?` and literal query parameters.
pub fn parse_uri(text: &str) -> std::result::Result<UriPattern, String> {
    let (path, query) = match text.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (text, None),
    };
    let Some(rest) = path.strip_prefix('/') else {
        return Err("it must start with `/`".to_owned());
    };
    let mut segments = Vec::new();
    let mut greedy_seen = false;
    for segment in rest.split('/') {
        if segment.is_empty() {
            // `/` alone, or a trailing `/`: allowed, nothing to bind.
            continue;
        }
        match segment.strip_prefix('{') {
            Some(label) => {
                let label = label.strip_suffix('}').ok_or_else(|| {
                    format!("segment `{segment}` opens a label it does not close")
                })?;
                let (name, greedy) = match label.strip_suffix('+') {
                    Some(name) => (name, true),
                    None => (label, false),
                };
                if !crate::model::is_identifier(name) {
                    return Err(format!("label `{{{label}}}` is not a member name"));
                }
                if greedy && std::mem::replace(&mut greedy_seen, true) {
                    return Err("it has more than one greedy label".to_owned());
                }
                let duplicate = segments
                    .iter()
                    .any(|s| matches!(s, UriSegment::Label { name: n, .. } if n == name));
                if duplicate {
                    return Err(format!("label `{name}` appears twice"));
                }
                segments.push(UriSegment::Label {
                    name: name.to_owned(),
                    greedy,
                });
            }
            None if segment.contains(['{', '}']) => {
                return Err(format!(
                    "segment `{segment}` mixes a label with text (a label must be a whole segment)"
                ));
            }
            None => segments.push(UriSegment::Literal(segment.to_owned())),
        }
    }
    let mut pairs = Vec::new();
    for pair in query.into_iter().flat_map(|q| q.split('&')) {
        if pair.is_empty() {
            continue;
        }
        if pair.contains(['{', '}']) {
            return Err(format!(
                "the query `{pair}` holds a label (labels are path segments)"
            ));
        }
        let (key, value) = match pair.split_once('=') {
            Some((key, value)) => (key, Some(value.to_owned())),
            None => (pair, None),
        };
        if key.is_empty() {
            return Err(format!("the query `{pair}` has no key"));
        }
        pairs.push((key.to_owned(), value));
    }
    Ok(UriPattern {
        text: text.to_owned(),
        segments,
        query: pairs,
    })
}

/// The binding a member's traits give it, with its target checked.
pub fn member_binding(model: &Model, member: &Member) -> Result<Option<HttpBinding>> {
    let traits = &member.traits;
    let string_value = |id: &str| -> Result<String> {
        traits::string(traits, id)?
            .map(str::to_owned)
            .ok_or_else(|| Error::new(format!("trait {id} needs a string")))
    };
    let binding = if traits::has(traits, LABEL) {
        HttpBinding::Label
    } else if traits::has(traits, QUERY) {
        HttpBinding::Query(string_value(QUERY)?)
    } else if traits::has(traits, QUERY_PARAMS) {
        HttpBinding::QueryParams
    } else if traits::has(traits, HEADER) {
        HttpBinding::Header(string_value(HEADER)?)
    } else if traits::has(traits, PREFIX_HEADERS) {
        HttpBinding::PrefixHeaders(string_value(PREFIX_HEADERS)?)
    } else if traits::has(traits, PAYLOAD) {
        HttpBinding::Payload
    } else if traits::has(traits, RESPONSE_CODE) {
        HttpBinding::ResponseCode
    } else {
        return Ok(None);
    };
    let target = model
        .shape(&member.target)
        .map(|t| t.shape_type)
        .ok_or_else(|| Error::new(format!("targets {}, which is not defined", member.target)))?;
    let list_member = || collection_target(model, member, "member");
    let map_value = || collection_target(model, member, "value");
    let valid = match &binding {
        HttpBinding::Label => is_simple(target),
        HttpBinding::Query(_) | HttpBinding::Header(_) => {
            is_simple(target) || (target == ShapeType::List && list_member().is_some_and(is_simple))
        }
        HttpBinding::QueryParams => {
            target == ShapeType::Map
                && match map_value() {
                    Some(ShapeType::List) => {
                        let list = model.shape(&member.target).and_then(|m| m.member("value"));
                        let inner = list
                            .and_then(|v| model.shape(&v.target))
                            .and_then(|l| l.member("member"))
                            .and_then(|m| model.shape(&m.target))
                            .map(|s| s.shape_type);
                        inner.is_some_and(is_text)
                    }
                    Some(value) => is_text(value),
                    None => false,
                }
        }
        HttpBinding::PrefixHeaders(_) => {
            target == ShapeType::Map && map_value().is_some_and(is_text)
        }
        HttpBinding::Payload => matches!(
            target,
            ShapeType::Structure
                | ShapeType::Union
                | ShapeType::Blob
                | ShapeType::String
                | ShapeType::Enum
                | ShapeType::Document
        ),
        HttpBinding::ResponseCode => target == ShapeType::Integer,
    };
    if !valid {
        return Err(Error::new(format!(
            "member `{}` is bound with {} but targets a {}, which that binding cannot carry",
            member.name,
            binding_trait(&binding),
            target.ast_name()
        )));
    }
    Ok(Some(binding))
}

fn collection_target(model: &Model, member: &Member, name: &str) -> Option<ShapeType> {
    let collection = model.shape(&member.target)?;
    let inner = collection.member(name)?;
    model.shape(&inner.target).map(|s| s.shape_type)
}

/// Booleans, numbers, strings, enums, timestamps and blobs: what fits in a label or header.
fn is_simple(t: ShapeType) -> bool {
    !matches!(
        t,
        ShapeType::List
            | ShapeType::Map
            | ShapeType::Structure
            | ShapeType::Union
            | ShapeType::Document
            | ShapeType::Service
            | ShapeType::Operation
            | ShapeType::Resource
    )
}

/// Strings: the values of query parameter and prefix-header maps (enum values are not
/// supported there; no AWS model uses them).
fn is_text(t: ShapeType) -> bool {
    t == ShapeType::String
}

fn binding_trait(binding: &HttpBinding) -> &'static str {
    match binding {
        HttpBinding::Label => "@httpLabel",
        HttpBinding::Query(_) => "@httpQuery",
        HttpBinding::QueryParams => "@httpQueryParams",
        HttpBinding::Header(_) => "@httpHeader",
        HttpBinding::PrefixHeaders(_) => "@httpPrefixHeaders",
        HttpBinding::Payload => "@httpPayload",
        HttpBinding::ResponseCode => "@httpResponseCode",
    }
}

/// Which side of the exchange a structure is checked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Request,
    Response,
}

/// Checks the bindings of a structure used in `direction`: no two members on one header or
/// query key, at most one payload and nothing else in the body beside it, at most one member
/// for the status code, query parameter map or prefix-header map.
pub fn check_structure(fields: &[Field], direction: Direction) -> Result<()> {
    let bound = |f: &&Field| match direction {
        Direction::Request => f.request_binding().is_some(),
        Direction::Response => f.response_binding().is_some(),
    };
    let mut headers: BTreeMap<String, &str> = BTreeMap::new();
    let mut queries: BTreeMap<&str, &str> = BTreeMap::new();
    let mut singles: BTreeMap<&'static str, &str> = BTreeMap::new();
    for field in fields.iter().filter(bound) {
        let name = field.member_name.as_str();
        let clash = match field.http.as_ref() {
            Some(HttpBinding::Header(header)) => headers
                .insert(header.to_ascii_lowercase(), name)
                .map(|other| format!("header `{header}`, like member `{other}`")),
            Some(HttpBinding::Query(key)) => queries
                .insert(key, name)
                .map(|other| format!("query parameter `{key}`, like member `{other}`")),
            Some(
                binding @ (HttpBinding::Payload
                | HttpBinding::ResponseCode
                | HttpBinding::QueryParams),
            ) => singles
                .insert(binding_trait(binding), name)
                .map(|other| format!("{}, like member `{other}`", binding_trait(binding))),
            _ => None,
        };
        if let Some(clash) = clash {
            return Err(Error::new(format!("member `{name}` is bound to {clash}")));
        }
    }
    if let Some(payload) = singles.get("@httpPayload") {
        if let Some(body) = fields.iter().find(|f| !bound(f)) {
            return Err(Error::new(format!(
                "member `{}` would be in the body beside the @httpPayload member `{payload}`",
                body.member_name
            )));
        }
    }
    Ok(())
}

/// Reads an operation's `@http` trait and checks it against the input's label members: every
/// label of the pattern is a `@required` `@httpLabel` member and every such member is in the
/// pattern.
pub fn operation_http(op: &Shape, input: Option<(&Shape, &[Field])>) -> Result<HttpOperation> {
    let http = op
        .traits
        .get(HTTP)
        .ok_or_else(|| Error::new("the operation has no @http trait, which its protocol needs"))?;
    let method = http
        .get("method")
        .and_then(|m| m.as_str())
        .filter(|m| !m.is_empty() && m.bytes().all(|b| b.is_ascii_alphabetic()))
        .ok_or_else(|| Error::new("@http needs a `method` made of letters, such as GET"))?;
    let text = http
        .get("uri")
        .and_then(|u| u.as_str())
        .ok_or_else(|| Error::new("@http needs a string `uri`"))?;
    let uri = parse_uri(text)
        .map_err(|reason| Error::new(format!("@http URI pattern `{text}` is invalid: {reason}")))?;
    let code = match http.get("code") {
        None => 200,
        Some(code) => code
            .as_u64()
            .and_then(|c| u16::try_from(c).ok())
            .filter(|c| (100..600).contains(c))
            .ok_or_else(|| Error::new("@http `code` must be an HTTP status"))?,
    };
    let fields = input.map_or(&[][..], |(_, fields)| fields);
    for label in uri.labels() {
        let field = fields
            .iter()
            .find(|f| f.member_name == label && f.http == Some(HttpBinding::Label))
            .ok_or_else(|| {
                Error::new(format!(
                    "URI pattern `{text}` has the label `{label}`, but the input has no @httpLabel member `{label}`"
                ))
            })?;
        if !field.required {
            return Err(Error::new(format!(
                "the @httpLabel member `{label}` must be @required"
            )));
        }
    }
    for field in fields.iter().filter(|f| f.http == Some(HttpBinding::Label)) {
        if !uri.labels().any(|l| l == field.member_name) {
            return Err(Error::new(format!(
                "the @httpLabel member `{}` is not in the URI pattern `{text}`",
                field.member_name
            )));
        }
    }
    let mut reserved_query: Vec<String> = uri.query.iter().map(|(k, _)| k.clone()).collect();
    reserved_query.extend(fields.iter().filter_map(|f| match &f.http {
        Some(HttpBinding::Query(key)) => Some(key.clone()),
        _ => None,
    }));
    reserved_query.sort();
    reserved_query.dedup();
    Ok(HttpOperation {
        method: method.to_ascii_uppercase(),
        uri,
        code,
        reserved_query,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uri_patterns() {
        let p = parse_uri("/things/{Id}/parts/{Key+}?x-id=Get&flag").unwrap();
        assert_eq!(
            p.segments,
            [
                UriSegment::Literal("things".into()),
                UriSegment::Label {
                    name: "Id".into(),
                    greedy: false
                },
                UriSegment::Literal("parts".into()),
                UriSegment::Label {
                    name: "Key".into(),
                    greedy: true
                },
            ]
        );
        assert_eq!(
            p.query,
            [
                ("x-id".to_owned(), Some("Get".to_owned())),
                ("flag".to_owned(), None)
            ]
        );
        assert_eq!(p.labels().collect::<Vec<_>>(), ["Id", "Key"]);
        assert!(parse_uri("/").unwrap().segments.is_empty());
        assert!(parse_uri("/ReDosLiteral/{str}/(a+)+").is_ok());
    }

    #[test]
    fn invalid_uri_patterns() {
        for (pattern, reason) in [
            ("things", "must start with `/`"),
            ("/{open", "does not close"),
            ("/a{b}", "a label must be a whole segment"),
            ("/{a+}/{b+}", "more than one greedy label"),
            ("/{a}/{a}", "appears twice"),
            ("/{1a}", "not a member name"),
            ("/x?{q}", "labels are path segments"),
            ("/x?=v", "has no key"),
        ] {
            let error = parse_uri(pattern).unwrap_err();
            assert!(error.contains(reason), "{pattern}: {error}");
        }
    }

    #[test]
    fn directions() {
        assert!(HttpBinding::Label.in_request() && !HttpBinding::Label.in_response());
        assert!(HttpBinding::Query("q".into()).in_request());
        assert!(!HttpBinding::Query("q".into()).in_response());
        assert!(HttpBinding::Header("h".into()).in_request());
        assert!(HttpBinding::Header("h".into()).in_response());
        assert!(!HttpBinding::ResponseCode.in_request());
        assert!(HttpBinding::ResponseCode.in_response());
        assert!(HttpBinding::Payload.in_request() && HttpBinding::Payload.in_response());
    }
}
