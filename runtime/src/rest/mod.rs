//! HTTP bindings for the REST protocols (restJson1 now, restXml next): members bound to URI
//! labels, the query string, headers, prefix headers, the status code and the payload.
//!
//! Generated code is one call per bound member: a [`RestRequest`] receives each input member,
//! and a generated [`DecodeResponse`] reads each output member with the readers here. Encoding
//! (labels, query strings), header list syntax and text forms live here once, unit-tested.

mod encode;
mod header;
mod request;
mod response;

pub use crate::text::{Base64Text, FromText, ToText};
pub use encode::{encode_greedy_label, encode_label, encode_query_component};
pub use header::{quote_list_element, split_http_dates, split_list};
pub use request::RestRequest;
pub use response::{
    blob_payload, decode_response, header, header_base64_string, header_list, header_timestamp,
    header_timestamps, prefix_headers, string_payload, DecodeResponse,
};
