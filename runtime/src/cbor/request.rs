//! rpcv2Cbor requests: `POST /service/<Service>/operation/<Operation>` with the
//! `smithy-protocol: rpc-v2-cbor` header and the input as a CBOR map.

use http::Request;

use super::{to_vec, CborEncode};
use crate::rpc_v2::{rpc_v2_request, RpcV2Format};
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
    rpc_v2_request(RpcV2Format::Cbor, service, operation, input.map(to_vec))
}
