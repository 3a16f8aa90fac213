//! How an operation's requests are authenticated, as the model says.

/// How an operation's requests are authenticated (from the model's auth traits). The resolved
/// endpoint's `authSchemes` may refine it (signing name and region, encoding options).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthScheme {
    /// Not signed: `@optionalAuth`, `@auth([])`, or a service without auth traits.
    None,
    /// AWS Signature Version 4 (`@aws.auth#sigv4`).
    SigV4 {
        /// The service's signing name (`gamelift`), unless the endpoint names another.
        signing_name: &'static str,
        /// `@unsignedPayload`: the body is not hashed into the signature.
        unsigned_payload: bool,
    },
    /// A scheme this runtime does not implement (its shape id, `smithy.api#httpBearerAuth`):
    /// calls fail with a clear error rather than go out unsigned.
    Unsupported(&'static str),
}
