//! The rpcv2 protocols (`smithy.protocols#rpcv2Cbor`, `smithy.protocols#rpcv2Json`): `POST
//! /service/<Service>/operation/<Operation>` with a `smithy-protocol` header naming the body
//! format. They share everything but the format: this module builds the request, the formats
//! encode the body ([`rpc_v2_json_request`] here, `cbor::rpc_v2_cbor_request` behind the `cbor`
//! feature), and errors are read from the body's `__type` like awsJson's.

use http::header::{HeaderValue, ACCEPT, CONTENT_LENGTH, CONTENT_TYPE};
use http::{Method, Request, Uri};

use crate::json::{to_vec, JsonEncode};
use crate::BuildError;

/// One body format of the rpcv2 protocols.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RpcV2Format {
    /// `rpc-v2-cbor`, `application/cbor`.
    Cbor,
    /// `rpc-v2-json`, `application/json`.
    Json,
}

impl RpcV2Format {
    /// The value of the `smithy-protocol` header.
    pub fn protocol(self) -> &'static str {
        match self {
            RpcV2Format::Cbor => "rpc-v2-cbor",
            RpcV2Format::Json => "rpc-v2-json",
        }
    }

    /// The media type of bodies (`Content-Type` and `Accept`).
    pub fn media_type(self) -> &'static str {
        match self {
            RpcV2Format::Cbor => "application/cbor",
            RpcV2Format::Json => "application/json",
        }
    }
}

/// An rpcv2 request for `operation` of `service` (the shape names, e.g. `GameLift` and
/// `ListFleets`) in `format`: `POST /service/<service>/operation/<operation>`, the
/// `smithy-protocol` header, `Accept`, and for an input (`Some`, already encoded) the body with
/// its `Content-Type` and `Content-Length`. An operation without input sends no body and no
/// `Content-Type`.
///
/// Fails only if the names do not form a path (Smithy identifiers always do).
pub fn rpc_v2_request(
    format: RpcV2Format,
    service: &str,
    operation: &str,
    body: Option<Vec<u8>>,
) -> Result<Request<Vec<u8>>, BuildError> {
    let uri = format!("/service/{service}/operation/{operation}");
    let uri = Uri::try_from(uri)
        .map_err(|e| BuildError::new(format!("`{service}`/`{operation}` in a path: {e}")))?;
    let length = body.as_ref().map(Vec::len);
    let mut request = Request::new(body.unwrap_or_default());
    *request.method_mut() = Method::POST;
    *request.uri_mut() = uri;
    let headers = request.headers_mut();
    headers.insert(
        "smithy-protocol",
        HeaderValue::from_static(format.protocol()),
    );
    headers.insert(ACCEPT, HeaderValue::from_static(format.media_type()));
    if let Some(length) = length {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static(format.media_type()));
        headers.insert(CONTENT_LENGTH, HeaderValue::from(length));
    }
    Ok(request)
}

/// An rpcv2Json request: [`rpc_v2_request`] with `input` as a JSON object keyed by member names.
/// What generated `build_request` functions of rpcv2Json services return.
pub fn rpc_v2_json_request(
    service: &str,
    operation: &str,
    input: Option<&dyn JsonEncode>,
) -> Result<Request<Vec<u8>>, BuildError> {
    rpc_v2_request(RpcV2Format::Json, service, operation, input.map(to_vec))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_name_service_operation_and_format() {
        let request = rpc_v2_json_request("Svc", "Op", Some(&true)).unwrap();
        assert_eq!(request.method(), "POST");
        assert_eq!(request.uri(), "/service/Svc/operation/Op");
        assert_eq!(request.headers()["smithy-protocol"], "rpc-v2-json");
        assert_eq!(request.headers()["content-type"], "application/json");
        assert_eq!(request.headers()["accept"], "application/json");
        assert_eq!(request.headers()["content-length"], "4");
        assert_eq!(request.body(), b"true");

        let request = rpc_v2_request(RpcV2Format::Cbor, "Svc", "Op", None).unwrap();
        assert_eq!(request.headers()["smithy-protocol"], "rpc-v2-cbor");
        assert_eq!(request.headers()["accept"], "application/cbor");
        assert!(request.headers().get("content-type").is_none());
        assert!(request.body().is_empty());

        let error = rpc_v2_request(RpcV2Format::Json, "S vc", "Op", None).unwrap_err();
        assert!(
            error.to_string().contains("`S vc`/`Op` in a path"),
            "{error}"
        );
    }
}
