//! What particular AWS services need beyond their models, as data the emitters apply like any
//! other: constant headers, label defaults and checksums. Keyed by service shape id, or by
//! `sdkId` for a service shape named otherwise (the botocore front end cannot know the Smithy
//! shape names of services without an awsJson target prefix).
//!
//! - Amazon Glacier: every request carries `X-Amz-Glacier-Version: <API version>`; an unset
//!   `accountId` label is `-` (the caller's own account); uploads carry the SHA-256 of the body
//!   and its tree hash.
//! - Amazon API Gateway: every request carries `Accept: application/json`.
//! - Amazon S3: `CopyObject`, `CompleteMultipartUpload` and `UploadPartCopy` may answer a
//!   success status with an error body, which is an error. With endpoint rules, the bucket is
//!   in the endpoint they resolve (its host, or its path for path-style addressing), so the
//!   leading `/{Bucket}` of each URI is dropped, as the SDKs do ([`bucket_in_endpoint`]).
//! - AWS STS: `AssumeRoleWithWebIdentity` and `AssumeRoleWithSAML` are called without
//!   credentials (the token or assertion is the proof), so they are not signed, as every SDK
//!   does; the model no longer says so (older models had `@optionalAuth`).

use super::{Service, TypeKind, TypeRef, UriSegment};

const GLACIER: &str = "com.amazonaws.glacier#Glacier";
const API_GATEWAY: &str = "com.amazonaws.apigateway#BackplaneControlService";
const S3: &str = "com.amazonaws.s3#AmazonS3";
const STS: &str = "com.amazonaws.sts#AWSSecurityTokenServiceV20110615";

/// STS operations called without credentials.
const STS_UNSIGNED: &[&str] = &["AssumeRoleWithWebIdentity", "AssumeRoleWithSAML"];

/// S3 operations whose success status may carry an error body.
const S3_ERRORS_IN_SUCCESS: &[&str] = &["CopyObject", "CompleteMultipartUpload", "UploadPartCopy"];

/// Glacier operations whose body is an archive (or part of one) to checksum.
const GLACIER_UPLOADS: &[&str] = &["UploadArchive", "UploadMultipartPart"];

/// The customized services: shape id and `sdkId`.
const CUSTOMIZED: &[(&str, &str)] = &[
    (GLACIER, "Glacier"),
    (API_GATEWAY, "API Gateway"),
    (S3, "S3"),
    (STS, "STS"),
];

/// The shape id of the customized service `service` is, by its id or its `sdkId`; `""` if none.
fn customized(service: &Service) -> &'static str {
    CUSTOMIZED
        .iter()
        .find(|(id, sdk_id)| service.id.as_str() == *id || service.sdk_id == *sdk_id)
        .map_or("", |(id, _)| id)
}

/// Applies the customizations of `service`, if it has any.
pub fn apply(service: &mut Service) {
    match customized(service) {
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
        STS => {
            for op in &mut service.operations {
                if STS_UNSIGNED.contains(&op.wire_name.as_str()) {
                    op.auth = super::auth::Auth::None;
                }
            }
        }
        _ => {}
    }
}

/// S3 with endpoint rules: each URI's leading `{Bucket}` label is left to the endpoint.
pub fn bucket_in_endpoint(service: &mut Service) {
    if customized(service) != S3 || service.endpoint.is_none() {
        return;
    }
    for op in &mut service.operations {
        let Some(http) = op.http.as_mut() else {
            continue;
        };
        let leading_bucket = matches!(http.uri.segments.first(),
            Some(UriSegment::Label { name, .. }) if name == "Bucket");
        if !leading_bucket {
            continue;
        }
        http.uri.segments.remove(0);
        let text = &http.uri.text;
        let rest = text.strip_prefix("/{Bucket}").unwrap_or(text);
        http.uri.text = if rest.starts_with('/') {
            rest.to_owned()
        } else {
            format!("/{rest}")
        };
        op.path_in_endpoint = true;
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
