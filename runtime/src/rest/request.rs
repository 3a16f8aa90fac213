//! Building the HTTP request of a REST operation from its bound members.

use std::collections::BTreeMap;

use http::header::{HeaderName, HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use http::{Method, Request, Uri};

use super::encode::{encode_greedy_label, encode_label, encode_query_component};
use super::header::quote_list_element;
use crate::text::ToText;
use crate::{BuildError, Timestamp, TimestampFormat};

/// The request of a REST operation (restJson1, restXml), built member by member.
///
/// Generated code creates it from the operation's `@http` method and URI pattern, then hands it
/// each input member bound to a label, a query parameter or a header, then the body. No method
/// fails on the spot: the first problem (an unset or empty label, a header value that is not
/// valid HTTP…) is kept and returned by [`finish`](Self::finish), which also expands the URI
/// pattern.
#[derive(Debug)]
pub struct RestRequest {
    method: &'static str,
    uri_pattern: &'static str,
    labels: Vec<(&'static str, String)>,
    query: String,
    headers: http::HeaderMap,
    body: Option<Vec<u8>>,
    error: Option<BuildError>,
}

impl RestRequest {
    /// A request for `method` (`GET`, `PUT`…) and `uri_pattern` (`/things/{Id}/parts/{Key+}?x=y`):
    /// `{Name}` is replaced by the label `Name`, `{Name+}` (a greedy label) may hold `/`, and
    /// the pattern's own query comes first in the query string.
    pub fn new(method: &'static str, uri_pattern: &'static str) -> Self {
        RestRequest {
            method,
            uri_pattern,
            labels: Vec::new(),
            query: String::new(),
            headers: http::HeaderMap::new(),
            body: None,
            error: None,
        }
    }

    fn fail(&mut self, message: String) {
        if self.error.is_none() {
            self.error = Some(BuildError::new(message));
        }
    }

    /// The value of the URI label `name`; unset (`None`) or empty is an error at
    /// [`finish`](Self::finish).
    pub fn label<T: ToText>(&mut self, name: &'static str, value: Option<T>) {
        if let Some(value) = value {
            self.labels.push((name, value.to_text().into_owned()));
        }
    }

    /// A timestamp label in `format` (date-time unless the member says otherwise).
    pub fn label_timestamp(
        &mut self,
        name: &'static str,
        value: Option<&Timestamp>,
        format: TimestampFormat,
    ) {
        self.label(name, value.map(|t| t.format(format)));
    }

    fn push_query(&mut self, name: &str, value: &str) {
        if !self.query.is_empty() {
            self.query.push('&');
        }
        self.query.push_str(&encode_query_component(name));
        self.query.push('=');
        self.query.push_str(&encode_query_component(value));
    }

    /// `name=value` in the query string, when the value is set.
    pub fn query<T: ToText>(&mut self, name: &str, value: Option<T>) {
        if let Some(value) = value {
            self.push_query(name, &value.to_text());
        }
    }

    /// A timestamp query parameter in `format`.
    pub fn query_timestamp(
        &mut self,
        name: &str,
        value: Option<&Timestamp>,
        format: TimestampFormat,
    ) {
        self.query(name, value.map(|t| t.format(format)));
    }

    /// A list query parameter: `name=a&name=b`, nothing for an unset or empty list.
    pub fn query_list<I>(&mut self, name: &str, values: Option<I>)
    where
        I: IntoIterator,
        I::Item: ToText,
    {
        for value in values.into_iter().flatten() {
            self.push_query(name, &value.to_text());
        }
    }

    /// A list of timestamps as a query parameter, each in `format`.
    pub fn query_timestamps(
        &mut self,
        name: &str,
        values: Option<&[Timestamp]>,
        format: TimestampFormat,
    ) {
        self.query_list(name, values.map(|v| v.iter().map(|t| t.format(format))));
    }

    /// `@httpQueryParams` with string values: one `key=value` per entry, except keys in
    /// `reserved` (those of `@httpQuery` members and of the URI pattern), which the map never
    /// overrides.
    pub fn query_params<V: ToText>(
        &mut self,
        params: Option<&BTreeMap<String, V>>,
        reserved: &[&str],
    ) {
        for (key, value) in params.into_iter().flatten() {
            if !reserved.contains(&key.as_str()) {
                self.push_query(key, &value.to_text());
            }
        }
    }

    /// `@httpQueryParams` with list values: `key=a&key=b` per entry, except keys in `reserved`.
    pub fn query_params_lists<V: ToText>(
        &mut self,
        params: Option<&BTreeMap<String, Vec<V>>>,
        reserved: &[&str],
    ) {
        for (key, values) in params.into_iter().flatten() {
            if !reserved.contains(&key.as_str()) {
                for value in values {
                    self.push_query(key, &value.to_text());
                }
            }
        }
    }

    fn insert_header(&mut self, name: &str, value: &str) {
        let Ok(header) = HeaderName::from_bytes(name.as_bytes()) else {
            return self.fail(format!("`{name}` is not a valid header name"));
        };
        match HeaderValue::from_str(value) {
            Ok(value) => {
                self.headers.insert(header, value);
            }
            Err(_) => self.fail(format!(
                "the value of header `{name}` is not valid in HTTP (control characters or non-ASCII text): {value:?}"
            )),
        }
    }

    /// A header, when the value is set and its text is not empty.
    pub fn header<T: ToText>(&mut self, name: &str, value: Option<T>) {
        if let Some(value) = value {
            let text = value.to_text();
            // An empty header is no header: services read both as unset.
            if !text.is_empty() {
                self.insert_header(name, &text);
            }
        }
    }

    /// A timestamp header in `format` (http-date unless the member says otherwise).
    pub fn header_timestamp(
        &mut self,
        name: &str,
        value: Option<&Timestamp>,
        format: TimestampFormat,
    ) {
        self.header(name, value.map(|t| t.format(format)));
    }

    /// A list header: elements joined with `, `, each quoted when it holds a comma or a quote
    /// (see [`quote_list_element`](super::quote_list_element)); nothing for an unset or empty
    /// list.
    pub fn header_list<I>(&mut self, name: &str, values: Option<I>)
    where
        I: IntoIterator,
        I::Item: ToText,
    {
        let mut joined = String::new();
        let mut any = false;
        for value in values.into_iter().flatten() {
            if any {
                joined.push_str(", ");
            }
            any = true;
            joined.push_str(&quote_list_element(&value.to_text()));
        }
        if any {
            self.insert_header(name, &joined);
        }
    }

    /// A list of timestamps as one header, joined with `, ` and not quoted: http-dates hold a
    /// comma of their own, and readers split them by position.
    pub fn header_timestamps(
        &mut self,
        name: &str,
        values: Option<&[Timestamp]>,
        format: TimestampFormat,
    ) {
        let Some(values) = values.filter(|v| !v.is_empty()) else {
            return;
        };
        let joined: Vec<String> = values.iter().map(|t| t.format(format)).collect();
        self.insert_header(name, &joined.join(", "));
    }

    /// `@httpPrefixHeaders`: a header `<prefix><key>` per map entry.
    pub fn prefix_headers(&mut self, prefix: &str, headers: Option<&BTreeMap<String, String>>) {
        for (key, value) in headers.into_iter().flatten() {
            self.insert_header(&format!("{prefix}{key}"), value);
        }
    }

    /// The body, with `content_type` unless a header member already set `Content-Type`.
    pub fn body(&mut self, body: Vec<u8>, content_type: &'static str) {
        if !self.headers.contains_key(CONTENT_TYPE) {
            self.headers
                .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
        }
        self.body = Some(body);
    }

    /// The request: the URI pattern with its labels filled in, the query, the headers and the
    /// body (with its `Content-Length`); or the first problem met while building it.
    pub fn finish(mut self) -> Result<Request<Vec<u8>>, BuildError> {
        if let Some(error) = self.error.take() {
            return Err(error);
        }
        let uri = self.uri()?;
        let method = Method::from_bytes(self.method.as_bytes())
            .map_err(|_| BuildError::new(format!("`{}` is not an HTTP method", self.method)))?;
        let mut request = Request::new(Vec::new());
        *request.method_mut() = method;
        *request.uri_mut() = uri;
        if let Some(body) = self.body {
            self.headers
                .insert(CONTENT_LENGTH, HeaderValue::from(body.len()));
            *request.body_mut() = body;
        }
        *request.headers_mut() = self.headers;
        Ok(request)
    }

    fn uri(&self) -> Result<Uri, BuildError> {
        let (path_pattern, pattern_query) = match self.uri_pattern.split_once('?') {
            Some((path, query)) => (path, query),
            None => (self.uri_pattern, ""),
        };
        let mut uri = String::with_capacity(path_pattern.len() + self.query.len() + 16);
        let mut rest = path_pattern;
        while let Some(open) = rest.find('{') {
            uri.push_str(&rest[..open]);
            let Some(close) = rest[open..].find('}').map(|c| open + c) else {
                return Err(BuildError::new(format!(
                    "unclosed label in URI pattern `{}`",
                    self.uri_pattern
                )));
            };
            let label = &rest[open + 1..close];
            let (name, greedy) = match label.strip_suffix('+') {
                Some(name) => (name, true),
                None => (label, false),
            };
            let value = self
                .labels
                .iter()
                .rev()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.as_str());
            match value {
                None => {
                    return Err(BuildError::new(format!("URI label `{name}` is not set")));
                }
                Some("") => {
                    return Err(BuildError::new(format!("URI label `{name}` is empty")));
                }
                Some(value) if greedy => uri.push_str(&encode_greedy_label(value)),
                Some(value) => uri.push_str(&encode_label(value)),
            }
            rest = &rest[close + 1..];
        }
        uri.push_str(rest);
        if !pattern_query.is_empty() || !self.query.is_empty() {
            uri.push('?');
            uri.push_str(pattern_query);
            if !pattern_query.is_empty() && !self.query.is_empty() {
                uri.push('&');
            }
            uri.push_str(&self.query);
        }
        Uri::try_from(uri.as_str())
            .map_err(|e| BuildError::new(format!("the request URI `{uri}` is not valid: {e}")))
    }
}

#[cfg(test)]
mod tests;
