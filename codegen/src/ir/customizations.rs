//! What particular AWS services need beyond their models, as data the emitters apply like any
//! other: constant headers, label defaults and checksums. Keyed by service shape id.
//!
//! - Amazon Glacier: every request carries `X-Amz-Glacier-Version: <API version>`; an unset
//!   `accountId` label is `-` (the caller's own account); uploads carry the SHA-256 of the body
//!   and its tree hash.
//! - Amazon API Gateway: every request carries `Accept: application/json`.
//! - Amazon S3: `CopyObject`, `CompleteMultipartUpload` and `UploadPartCopy` may answer a
//!   success status with an error body, which is an error.

use super::{Service, TypeKind, TypeRef};

const GLACIER: &str = "com.amazonaws.glacier#Glacier";
const API_GATEWAY: &str = "com.amazonaws.apigateway#BackplaneControlService";
const S3: &str = "com.amazonaws.s3#AmazonS3";

/// S3 operations whose success status may carry an error body.
const S3_ERRORS_IN_SUCCESS: &[&str] = &["CopyObject", "CompleteMultipartUpload", "UploadPartCopy"];

/// Glacier operations whose body is an archive (or part of one) to checksum.
const GLACIER_UPLOADS: &[&str] = &["UploadArchive", "UploadMultipartPart"];

/// Applies the customizations of `service`, if it has any.
pub fn apply(service: &mut Service) {
    match service.id.as_str() {
        GLACIER => glacier(service),
        API_GATEWAY => {
            for op in &mut service.operations {
                op.constant_headers
                    .push(("Accept".to_owned(), "application/json".to_owned()));
            }
        }
        S3 => {
            for op in &mut service.operations {
                op.errors_in_success = S3_ERRORS_IN_SUCCESS.contains(&op.wire_name.as_str());
            }
        }
        _ => {}
    }
}

fn glacier(service: &mut Service) {
    let version = service.version.clone().unwrap_or_default();
    for op in &mut service.operations {
        op.constant_headers
            .push(("X-Amz-Glacier-Version".to_owned(), version.clone()));
        op.checksums.glacier = GLACIER_UPLOADS.contains(&op.wire_name.as_str());
        let account = op
            .input
            .as_ref()
            .and_then(|id| service.types.get(id))
            .and_then(|def| match &def.kind {
                TypeKind::Struct(s) => s
                    .fields
                    .iter()
                    .find(|f| f.member_name == "accountId" && f.ty == TypeRef::String),
                _ => None,
            });
        if let Some(field) = account {
            op.label_defaults
                .push((field.rust_name.clone(), "-".to_owned()));
        }
    }
}
