//! rpcv2Cbor requests: `POST /service/<Service>/operation/<Operation>` with the
//! `smithy-protocol: rpc-v2-cbor` header and the input as a CBOR map.

use http::header::{HeaderValue, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE};
use http::{Method, Request, Uri};

use super::{to_vec, CborEncode};
use crate::BuildError;

/// The media type of rpcv2Cbor bodies.
pub const CBOR_MEDIA_TYPE: &str = "application/cbor";

/// An rpcv2Cbor request for `operation` of `service` (the shape names, e.g. `GameLift` and
/// `ListFleets`): `POST /service/<service>/operation/<operation>`, `smithy-protocol:
/// rpc-v2-cbor`, `Accept: application/cbor`, and for an input the body with its
/// `Content-Type` and `Content-Length`. An operation without input (`None`) sends no body and
/// no `Content-Type`. What generated `build_request` functions return.
///
/// Fails only if the names do not form a path (Smithy identifiers always do).
pub fn rpc_v2_cbor_request(
    service: &str,
    operation: &str,
    input: Option<&dyn CborEncode>,
) -> Result<Request<Vec<u8>>, BuildError> {
    let uri = format!("/service/{service}/operation/{operation}");
    let uri = Uri::try_from(uri)
        .map_err(|e| BuildError::new(format!("`{service}`/`{operation}` in a path: {e}")))?;
    let body = input.map(to_vec);
    let length = body.as_ref().map(Vec::len);
    let mut request = Request::new(body.unwrap_or_default());
    *request.method_mut() = Method::POST;
    *request.uri_mut() = uri;
    let headers = request.headers_mut();
    headers.insert("smithy-protocol", HeaderValue::from_static("rpc-v2-cbor"));
    headers.insert(ACCEPT, HeaderValue::from_static(CBOR_MEDIA_TYPE));
    if let Some(length) = length {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(CBOR_MEDIA_TYPE));
        headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    }
    Ok(request)
}
