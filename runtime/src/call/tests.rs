//! The call loop with scripted transports: retries, their headers and limits, signing, clock
//! skew, timeouts. No network: every exchange is in memory.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use http::{Request, Response};

use super::*;
use crate::credentials::Credentials;
use crate::retry::RetryConfig;
use crate::sleep::{AsyncSleep, SharedAsyncSleep, Sleep};
use crate::transport::{block_on, Transport, TransportError, TransportErrorKind};
use crate::ClientConfig;

/// A transport answering from a script (responses or transport errors) and recording requests.
#[derive(Default)]
struct Scripted {
    answers: Mutex<VecDeque<Result<Response<Vec<u8>>, TransportError>>>,
    requests: Mutex<Vec<Request<Vec<u8>>>>,
}

impl Scripted {
    fn new(answers: Vec<Result<Response<Vec<u8>>, TransportError>>) -> Scripted {
        Scripted {
            answers: Mutex::new(answers.into()),
            requests: Mutex::default(),
        }
    }

    fn requests(&self) -> Vec<Request<Vec<u8>>> {
        self.requests.lock().unwrap().clone()
    }
}

impl Transport for Scripted {
    fn send(
        &self,
        request: Request<Vec<u8>>,
    ) -> impl Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send {
        self.requests.lock().unwrap().push(request);
        let answer = self.answers.lock().unwrap().pop_front();
        std::future::ready(answer.unwrap_or_else(|| Err(TransportError::new("script ended"))))
    }
}

/// A transport that never answers.
struct Silent;

impl Transport for Silent {
    fn send(
        &self,
        _: Request<Vec<u8>>,
    ) -> impl Future<Output = Result<Response<Vec<u8>>, TransportError>> + Send {
        std::future::pending()
    }
}

/// A timer that records each wait and completes at once.
#[derive(Debug, Default, Clone)]
struct Recorded(Arc<Mutex<Vec<Duration>>>);

impl AsyncSleep for Recorded {
    fn sleep(&self, duration: Duration) -> Sleep {
        self.0.lock().unwrap().push(duration);
        Box::pin(std::future::ready(()))
    }
}

fn response(status: u16, body: &str) -> Result<Response<Vec<u8>>, TransportError> {
    Ok(Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .unwrap())
}

fn request() -> Request<Vec<u8>> {
    Request::builder()
        .method("POST")
        .uri("https://gamelift.us-west-2.amazonaws.com/")
        .header("content-type", "application/x-amz-json-1.1")
        .body(b"{}".to_vec())
        .unwrap()
}

const SIGNED: AuthScheme = AuthScheme::SigV4 {
    signing_name: "gamelift",
    unsigned_payload: false,
};

fn config(sleep: &Recorded) -> ClientConfig {
    ClientConfig::new()
        .with_region("us-west-2")
        .with_credentials(Credentials::new(
            "AKIDEXAMPLE",
            "secret",
            None,
            None,
            "Test",
        ))
        .with_sleep(SharedAsyncSleep::new(sleep.clone()))
        .with_clock(Clock::fixed(
            SystemTime::UNIX_EPOCH + Duration::from_secs(1_440_938_160),
        ))
}

fn run(
    transport: &dyn DynTransport,
    config: &ClientConfig,
    auth: AuthScheme,
) -> Result<Response<Vec<u8>>, Failure> {
    let call = Call {
        auth,
        retryable: &[("FleetBusy", false)],
    };
    block_on(dispatch(transport, request(), call, config.call_settings()))
}

#[test]
fn transient_errors_are_retried_with_the_attempt_headers() {
    let sleep = Recorded::default();
    let config = config(&sleep);
    let t = Scripted::new(vec![response(503, ""), response(200, "{}")]);
    let r = run(&t, &config, SIGNED).unwrap();
    assert_eq!(r.status(), 200);
    let requests = t.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].headers()["amz-sdk-request"], "attempt=1; max=3");
    assert_eq!(requests[1].headers()["amz-sdk-request"], "attempt=2; max=3");
    assert_eq!(
        requests[0].headers()["amz-sdk-invocation-id"],
        requests[1].headers()["amz-sdk-invocation-id"],
        "one invocation id for all attempts"
    );
    for r in &requests {
        let auth = r.headers()["authorization"].to_str().unwrap();
        assert!(
            auth.starts_with(
                "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-west-2/gamelift/aws4_request"
            ),
            "{auth}"
        );
        assert_eq!(r.headers()["x-amz-date"], "20150830T123600Z");
    }
    let waits = sleep.0.lock().unwrap().clone();
    assert_eq!(waits.len(), 1);
    assert!(waits[0] <= Duration::from_secs(1), "{waits:?}");
    assert_eq!(
        config.call_settings().retry_quota.available(),
        500,
        "refunded"
    );
}

#[test]
fn throttling_and_retryable_codes_are_retried_others_are_not() {
    let sleep = Recorded::default();
    let config = config(&sleep);
    let throttled = r#"{"__type":"com.amazonaws.gamelift#ThrottlingException","message":"slow"}"#;
    let busy = r#"{"__type":"FleetBusy"}"#;
    let t = Scripted::new(vec![
        response(400, throttled),
        response(400, busy),
        response(200, "{}"),
    ]);
    assert_eq!(run(&t, &config, SIGNED).unwrap().status(), 200);
    assert_eq!(t.requests().len(), 3);

    let invalid = r#"{"__type":"InvalidRequestException"}"#;
    let t = Scripted::new(vec![response(400, invalid), response(200, "{}")]);
    assert_eq!(run(&t, &config, SIGNED).unwrap().status(), 400);
    assert_eq!(t.requests().len(), 1, "not retryable: back at once");
}

#[test]
fn attempts_stop_at_the_maximum_and_the_last_response_is_returned() {
    let sleep = Recorded::default();
    let config = config(&sleep).with_retry_config(RetryConfig::standard().with_max_attempts(4));
    let t = Scripted::new(vec![
        response(500, "1"),
        response(502, "2"),
        response(504, "3"),
        response(503, "4"),
        response(200, "never"),
    ]);
    let r = run(&t, &config, SIGNED).unwrap();
    assert_eq!((r.status().as_u16(), r.body().as_slice()), (503, &b"4"[..]));
    assert_eq!(t.requests().len(), 4);
    let waits = sleep.0.lock().unwrap().clone();
    let bounds = [1, 2, 4].map(Duration::from_secs);
    assert_eq!(waits.len(), 3);
    for (wait, bound) in waits.iter().zip(bounds) {
        assert!(*wait <= bound, "{waits:?}");
    }
    // 3 retries taken, nothing refunded: the call failed.
    assert_eq!(config.call_settings().retry_quota.available(), 485);
}

#[test]
fn transport_failures_are_retried_by_kind() {
    let sleep = Recorded::default();
    let config = config(&sleep);
    let refused = TransportError::with_kind(TransportErrorKind::Connect, "refused");
    let timed_out = TransportError::with_kind(TransportErrorKind::Timeout, "read timeout");
    let t = Scripted::new(vec![Err(refused), Err(timed_out), response(200, "{}")]);
    assert_eq!(run(&t, &config, SIGNED).unwrap().status(), 200);
    assert_eq!(t.requests().len(), 3);

    let tls = TransportError::with_kind(TransportErrorKind::Tls, "unknown issuer");
    let t = Scripted::new(vec![Err(tls), response(200, "{}")]);
    match run(&t, &config, SIGNED) {
        Err(Failure::Transport(e)) => assert_eq!(e.kind(), TransportErrorKind::Tls),
        other => panic!("{other:?}"),
    }
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn an_empty_quota_stops_retries() {
    let sleep = Recorded::default();
    let config = config(&sleep);
    let quota = config.call_settings().retry_quota;
    while quota.acquire(crate::retry::RetryKind::Transient).is_some() {}
    let t = Scripted::new(vec![response(503, ""), response(200, "{}")]);
    assert_eq!(run(&t, &config, SIGNED).unwrap().status(), 503);
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn a_skewed_clock_is_corrected_from_the_server_date() {
    let sleep = Recorded::default();
    let config = config(&sleep);
    // The server is an hour ahead of the fixed clock (2015-08-30 12:36:00).
    let skewed = Response::builder()
        .status(400)
        .header("date", "Sun, 30 Aug 2015 13:36:00 GMT")
        .body(br#"{"__type":"InvalidSignatureException","message":"Signature expired"}"#.to_vec())
        .unwrap();
    let t = Scripted::new(vec![Ok(skewed), response(200, "{}")]);
    assert_eq!(run(&t, &config, SIGNED).unwrap().status(), 200);
    let requests = t.requests();
    assert_eq!(requests[0].headers()["x-amz-date"], "20150830T123600Z");
    assert_eq!(requests[1].headers()["x-amz-date"], "20150830T133600Z");

    // A signature error with the clocks in step is a wrong key: not retried.
    let config = self::config(&sleep);
    let wrong_key = Response::builder()
        .status(403)
        .header("date", "Sun, 30 Aug 2015 12:36:30 GMT")
        .body(
            br#"<ErrorResponse><Error><Code>SignatureDoesNotMatch</Code></Error></ErrorResponse>"#
                .to_vec(),
        )
        .unwrap();
    let t = Scripted::new(vec![Ok(wrong_key), response(200, "{}")]);
    assert_eq!(run(&t, &config, SIGNED).unwrap().status(), 403);
    assert_eq!(t.requests().len(), 1);
}

#[test]
fn timeouts_end_the_call() {
    let config = ClientConfig::new().with_timeouts(TimeoutConfig {
        operation: Some(Duration::from_millis(50)),
        attempt: None,
    });
    match run(&Silent, &config, AuthScheme::None) {
        Err(Failure::Timeout(e)) => {
            assert!(e.is_operation_timeout());
            assert_eq!(e.limit(), Duration::from_millis(50));
        }
        other => panic!("{other:?}"),
    }
    let sleep = Recorded::default();
    let attempts = ClientConfig::new()
        .with_sleep(SharedAsyncSleep::new(sleep.clone()))
        .with_timeouts(TimeoutConfig {
            operation: None,
            attempt: Some(Duration::from_millis(10)),
        });
    // The recorded timer fires at once: every attempt times out, then the call does.
    match run(&Silent, &attempts, AuthScheme::None) {
        Err(Failure::Timeout(e)) => assert!(!e.is_operation_timeout()),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unsigned_operations_go_out_without_credentials() {
    let t = Scripted::new(vec![response(200, "{}")]);
    let config = ClientConfig::new();
    assert_eq!(run(&t, &config, AuthScheme::None).unwrap().status(), 200);
    assert!(!t.requests()[0].headers().contains_key("authorization"));
}

#[test]
fn signing_failures_send_nothing() {
    let t = Scripted::new(vec![response(200, "{}")]);
    let no_credentials = ClientConfig::new().with_region("us-west-2");
    match run(&t, &no_credentials, SIGNED) {
        Err(Failure::Auth(AuthFailure::Credentials(e))) => {
            assert!(e.to_string().contains("no credentials provider"), "{e}")
        }
        other => panic!("{other:?}"),
    }
    let sleep = Recorded::default();
    let no_region = config(&sleep);
    let no_region = ClientConfig::new()
        .with_credentials(no_region.credentials().unwrap().clone())
        .with_sleep(SharedAsyncSleep::new(sleep));
    match run(&t, &no_region, SIGNED) {
        Err(Failure::Auth(AuthFailure::Signing(SigningFailure::NoRegion))) => {}
        other => panic!("{other:?}"),
    }
    let bearer = AuthScheme::Unsupported("smithy.api#httpBearerAuth");
    match run(&t, &no_credentials, bearer) {
        Err(Failure::Auth(AuthFailure::Signing(e))) => assert_eq!(
            e.to_string(),
            "cannot sign the request: the auth scheme `smithy.api#httpBearerAuth` is not supported yet"
        ),
        other => panic!("{other:?}"),
    }
    assert!(t.requests().is_empty());
}

/// `request()` carrying a resolved endpoint whose `authSchemes` are `schemes` (name, signing
/// name, signing region).
fn with_endpoint(schemes: &[(&str, &str, &str)]) -> Request<Vec<u8>> {
    use crate::document::Document;
    use std::collections::BTreeMap;
    let schemes = schemes
        .iter()
        .map(|(name, service, region)| {
            Document::from(BTreeMap::from([
                ("name".to_owned(), Document::from(*name)),
                ("signingName".to_owned(), Document::from(*service)),
                ("signingRegion".to_owned(), Document::from(*region)),
            ]))
        })
        .collect::<Vec<_>>();
    let mut request = request();
    request.extensions_mut().insert(crate::rules::Endpoint {
        url: "https://gamelift.us-west-2.amazonaws.com".to_owned(),
        headers: Vec::new(),
        properties: BTreeMap::from([("authSchemes".to_owned(), Document::from(schemes))]),
    });
    request
}

fn run_request(
    request: Request<Vec<u8>>,
    transport: &dyn DynTransport,
    config: &ClientConfig,
) -> Result<Response<Vec<u8>>, Failure> {
    let call = Call {
        auth: SIGNED,
        retryable: &[],
    };
    block_on(dispatch(transport, request, call, config.call_settings()))
}

#[test]
fn the_endpoints_auth_scheme_names_the_signing_service_and_region() {
    let sleep = Recorded::default();
    let config = config(&sleep);
    let t = Scripted::new(vec![response(200, "{}")]);
    let endpoint = with_endpoint(&[("sigv4a", "gl", "*"), ("sigv4", "gamelift-x", "eu-west-3")]);
    run_request(endpoint, &t, &config).unwrap();
    let auth = t.requests()[0].headers()["authorization"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(
        auth.contains("/20150830/eu-west-3/gamelift-x/aws4_request"),
        "the first scheme this runtime supports: {auth}"
    );

    let t = Scripted::new(vec![response(200, "{}")]);
    match run_request(with_endpoint(&[("sigv4a", "gl", "*")]), &t, &config) {
        Err(Failure::Auth(AuthFailure::Signing(e))) => assert_eq!(
            e.to_string(),
            "cannot sign the request: the auth scheme `sigv4a` is not supported yet"
        ),
        other => panic!("{other:?}"),
    }
    assert!(t.requests().is_empty(), "nothing is sent unsigned");
}
