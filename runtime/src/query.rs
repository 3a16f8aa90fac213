//! The awsQuery and ec2Query protocols: requests are form-encoded
//! (`Action=<Operation>&Version=<API version>&Name=value&List.member.1=…`), responses and errors
//! are XML (read with [`xml`](crate::xml)).

use std::collections::BTreeMap;

use http::header::{HeaderValue, CONTENT_LENGTH, CONTENT_TYPE};
use http::{Method, Request, Uri};

use crate::error::xml_error_summary;
use crate::response::{split_response, ErrorResponse};
use crate::rest::encode_query_component;
use crate::text::ToText;
use crate::xml::{from_body, from_wrapped_body, XmlDecode};
use crate::ParseError;
use crate::{BigDecimal, BigInteger, Blob, BuildError, Timestamp, TimestampFormat};

/// The parameters of a query request, form-encoded as they are added.
#[derive(Clone, Debug)]
pub struct QueryWriter {
    out: String,
}

impl QueryWriter {
    /// A request for `action` (the operation's name) at API `version`.
    pub fn new(action: &str, version: &str) -> Self {
        let mut w = QueryWriter { out: String::new() };
        w.param("Action", action);
        w.param("Version", version);
        w
    }

    /// `&key=value`, both percent-encoded.
    pub fn param(&mut self, key: &str, value: &str) {
        if !self.out.is_empty() {
            self.out.push('&');
        }
        self.out.push_str(&encode_query_component(key));
        self.out.push('=');
        self.out.push_str(&encode_query_component(value));
    }

    /// The form body written so far.
    pub fn as_str(&self) -> &str {
        &self.out
    }

    /// The request: `POST /` with the form body and its content type and length.
    pub fn finish(self) -> Result<Request<Vec<u8>>, BuildError> {
        let body = self.out.into_bytes();
        let length = body.len();
        let mut request = Request::new(body);
        *request.method_mut() = Method::POST;
        *request.uri_mut() = Uri::from_static("/");
        let headers = request.headers_mut();
        headers.insert(
            CONTENT_TYPE,
            HeaderValue::from_static("application/x-www-form-urlencoded"),
        );
        headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
        Ok(request)
    }
}

/// `prefix.name`, or `name` at the top level (empty `prefix`).
pub fn key(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}.{name}")
    }
}

/// A value written as query parameters under `key` (several for structures and collections).
pub trait QueryEncode {
    /// Writes the value's parameters.
    fn encode_query(&self, w: &mut QueryWriter, key: &str);
}

macro_rules! encode_as_text {
    ($($ty:ty),*) => {$(
        impl QueryEncode for $ty {
            fn encode_query(&self, w: &mut QueryWriter, key: &str) {
                w.param(key, &self.to_text());
            }
        }
    )*};
}

encode_as_text!(str, String, bool, i8, i16, i32, i64, f32, f64, Blob, BigInteger, BigDecimal);

/// A date-time, the query protocols' default; members with `@timestampFormat` are written by
/// the generated code in their format.
impl QueryEncode for Timestamp {
    fn encode_query(&self, w: &mut QueryWriter, key: &str) {
        w.param(key, &self.format(TimestampFormat::DateTime));
    }
}

impl<T: QueryEncode + ?Sized> QueryEncode for &T {
    fn encode_query(&self, w: &mut QueryWriter, key: &str) {
        (**self).encode_query(w, key);
    }
}

impl<T: QueryEncode + ?Sized> QueryEncode for Box<T> {
    fn encode_query(&self, w: &mut QueryWriter, key: &str) {
        (**self).encode_query(w, key);
    }
}

/// An element of a `@sparse` collection: `None` is left out.
impl<T: QueryEncode> QueryEncode for Option<T> {
    fn encode_query(&self, w: &mut QueryWriter, key: &str) {
        if let Some(value) = self {
            value.encode_query(w, key);
        }
    }
}

/// A list under `key`: `key.member.1`, `key.member.2`… (`member` being the list member's name),
/// or `key.1`, `key.2`… with `member` `None` (flattened lists, and every list in ec2Query). An
/// empty list is `key=` so that the service sees it set.
pub fn write_list<T: QueryEncode>(
    w: &mut QueryWriter,
    key: &str,
    member: Option<&str>,
    items: &[T],
) {
    if items.is_empty() {
        w.param(key, "");
        return;
    }
    let mut i = 0;
    while i < items.len() {
        let item_key = match member {
            Some(member) => format!("{key}.{member}.{}", i + 1),
            None => format!("{key}.{}", i + 1),
        };
        items[i].encode_query(w, &item_key);
        i += 1;
    }
}

/// A map under `key`: `key.entry.N.<key name>` and `key.entry.N.<value name>` for each entry
/// (N from 1, in key order), or `key.N.…` with `entry` `None` (flattened maps).
pub fn write_map<T: QueryEncode>(
    w: &mut QueryWriter,
    key: &str,
    entry: Option<&str>,
    key_name: &str,
    value_name: &str,
    entries: &BTreeMap<String, T>,
) {
    for (n, (k, v)) in entries.iter().enumerate() {
        let prefix = match entry {
            Some(entry) => format!("{key}.{entry}.{}", n + 1),
            None => format!("{key}.{}", n + 1),
        };
        w.param(&format!("{prefix}.{key_name}"), k);
        v.encode_query(w, &format!("{prefix}.{value_name}"));
    }
}

/// Parses a query protocol's response, whose root element is `root`
/// (`<OperationResponse>`): a success decodes `T` from the root's child `result` (awsQuery's
/// `<OperationResult>`), or from the root itself when `result` is empty (ec2Query); a decoding
/// failure is a [`ParseError::Decode`]; an error response, with its code and
/// message found by [`xml_error_summary`], goes to `error`.
pub fn decode_response<T, E>(
    response: http::Response<Vec<u8>>,
    root: &str,
    result: &str,
    error: fn(&ErrorResponse) -> E,
) -> Result<T, ParseError<E>>
where
    T: XmlDecode,
{
    let response = match split_response(response, xml_error_summary) {
        Ok(response) => response,
        Err(response) => return Err(ParseError::service(error(&response), &response)),
    };
    let decoded = if result.is_empty() {
        from_body(response.body(), root)
    } else {
        from_wrapped_body(response.body(), root, result)
    };
    // A plain match: this is instantiated once per operation.
    match decoded {
        Ok(value) => Ok(value),
        Err(e) => Err(ParseError::decode(e, response)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_body_of_every_kind_of_parameter() {
        let mut w = QueryWriter::new("Op", "2020-01-08");
        "a b&c".encode_query(&mut w, "Str");
        true.encode_query(&mut w, &key("Nested", "Flag"));
        f64::NAN.encode_query(&mut w, "F");
        Blob::new(*b"hi").encode_query(&mut w, "B");
        Timestamp::from_secs(1).encode_query(&mut w, "T");
        write_list(&mut w, "L", Some("member"), &["x", "y"]);
        write_list::<i32>(&mut w, "Empty", Some("member"), &[]);
        write_list(&mut w, "Flat", None, &[Some(1), None, Some(3)]);
        let map = BTreeMap::from([
            ("k1".to_owned(), "v1".to_owned()),
            ("k2".to_owned(), "v2".to_owned()),
        ]);
        write_map(&mut w, "M", Some("entry"), "key", "value", &map);
        write_map(&mut w, "FM", None, "K", "V", &map);
        assert_eq!(
            w.as_str(),
            "Action=Op&Version=2020-01-08&Str=a%20b%26c&Nested.Flag=true&F=NaN&B=aGk%3D\
             &T=1970-01-01T00%3A00%3A01Z&L.member.1=x&L.member.2=y&Empty=&Flat.1=1&Flat.3=3\
             &M.entry.1.key=k1&M.entry.1.value=v1&M.entry.2.key=k2&M.entry.2.value=v2\
             &FM.1.K=k1&FM.1.V=v1&FM.2.K=k2&FM.2.V=v2"
        );
        assert_eq!(key("", "Top"), "Top");
        let request = w.finish().unwrap();
        assert_eq!(request.method(), Method::POST);
        assert_eq!(request.uri(), "/");
        assert_eq!(
            request.headers()[CONTENT_TYPE],
            "application/x-www-form-urlencoded"
        );
        assert_eq!(
            request.headers()[CONTENT_LENGTH],
            request.body().len().to_string().as_str()
        );
    }

    #[derive(Debug, PartialEq)]
    struct Output {
        name: Option<String>,
    }

    impl XmlDecode for Output {
        fn decode_xml(r: &mut crate::xml::XmlReader<'_>) -> Result<Self, crate::DecodeError> {
            let mut name = None;
            r.read_members(&mut [("Name", &mut name)])?;
            Ok(Output { name })
        }
    }

    /// What the error callback sees: status, code, message, request id.
    fn summary(e: &ErrorResponse) -> String {
        format!(
            "{} {:?} {:?} {:?}",
            e.status().as_u16(),
            e.code(),
            e.message(),
            e.request_id()
        )
    }

    fn parse(status: u16, body: &str, result: &str) -> Result<Output, String> {
        let mut response = http::Response::new(body.as_bytes().to_vec());
        *response.status_mut() = http::StatusCode::from_u16(status).unwrap();
        decode_response(response, "OpResponse", result, summary).map_err(|e| match e {
            ParseError::Service(e) => e.into_error(),
            ParseError::Decode(e) => format!("decode: {}", e.decode_error()),
        })
    }

    #[test]
    fn responses_wrapped_bare_empty_and_errors() {
        let wrapped = "<OpResponse xmlns=\"urn:x\"><OpResult><Name>n</Name></OpResult>\
                       <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></OpResponse>";
        let named = |name: &str| {
            Ok(Output {
                name: Some(name.to_owned()),
            })
        };
        assert_eq!(parse(200, wrapped, "OpResult"), named("n"));
        // ec2Query: the output is the root element.
        let bare = "<OpResponse><requestId>r</requestId><Name>e</Name></OpResponse>";
        assert_eq!(parse(200, bare, ""), named("e"));
        // No result element, or no body: nothing set.
        assert_eq!(
            parse(200, "<OpResponse/>", "OpResult"),
            Ok(Output { name: None })
        );
        assert_eq!(parse(200, "", "OpResult"), Ok(Output { name: None }));
        let broken = parse(200, "<OpResponse><OpResult><Name>x</OpResult>", "OpResult");
        assert!(broken.unwrap_err().starts_with("decode: at OpResult"));
        // Another document (a proxy's page, another operation's response) is an error.
        for other in ["<html><body>OK</body></html>", "<OtherResponse/>"] {
            let error = parse(200, other, "OpResult").unwrap_err();
            assert!(
                error.contains("expected the root element <OpResponse>"),
                "{error}"
            );
            assert!(parse(200, other, "").is_err());
        }
        let error = "<ErrorResponse><Error><Type>Sender</Type><Code>Custom</Code>\
                     <Message>m</Message></Error><RequestId>r-1</RequestId></ErrorResponse>";
        assert_eq!(
            parse(400, error, "OpResult"),
            Err("400 Some(\"Custom\") Some(\"m\") Some(\"r-1\")".to_owned())
        );
        let ec2 = "<Response><Errors><Error><Code>InvalidThing</Code><Message>m</Message>\
                   </Error></Errors><RequestID>r-2</RequestID></Response>";
        assert_eq!(
            parse(400, ec2, ""),
            Err("400 Some(\"InvalidThing\") Some(\"m\") Some(\"r-2\")".to_owned())
        );
    }
}
