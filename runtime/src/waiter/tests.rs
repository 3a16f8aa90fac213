use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::backoff::{Backoff, FLOOR};
use super::matching::compare;
use super::*;
use crate::block_on;
use crate::error::UnhandledError;
use crate::sleep::{AsyncSleep, Sleep};
use crate::Value;

const SECOND: Duration = Duration::from_secs(1);

#[test]
fn backoff_doubles_from_min_and_stays_within_bounds() {
    let backoff = Backoff::new(2 * SECOND, 120 * SECOND);
    let far = Duration::from_secs(3600);
    // Without jitter the delay is the minimum; with full jitter the doubling bound.
    for attempt in 1..=40 {
        assert_eq!(backoff.delay(attempt, far, 0.0), Some(2 * SECOND));
        let bound = (2 * SECOND * 2u32.pow(attempt.min(7) - 1)).min(120 * SECOND);
        assert_eq!(
            backoff.delay(attempt, far, 1.0),
            Some(bound),
            "attempt {attempt}"
        );
    }
    // ceiling = log2(60) + 1 = 6: attempt 7 on is capped at max_delay.
    assert_eq!(backoff.delay(6, far, 1.0), Some(64 * SECOND));
    assert_eq!(backoff.delay(7, far, 1.0), Some(120 * SECOND));
    assert_eq!(backoff.delay(u32::MAX, far, 1.0), Some(120 * SECOND));
}

#[test]
fn jittered_delays_fall_between_min_and_the_bound() {
    let backoff = Backoff::new(2 * SECOND, 120 * SECOND);
    let mut rng = fastrand::Rng::with_seed(7);
    let (mut lowest, mut highest) = (Duration::MAX, Duration::ZERO);
    for _ in 0..1000 {
        let delay = backoff
            .delay(3, Duration::from_secs(3600), rng.f64())
            .unwrap();
        assert!((2 * SECOND..=8 * SECOND).contains(&delay), "{delay:?}");
        lowest = lowest.min(delay);
        highest = highest.max(delay);
    }
    // The jitter spreads over the whole range, not one point.
    assert!(
        lowest < 3 * SECOND && highest > 7 * SECOND,
        "{lowest:?}..{highest:?}"
    );
}

#[test]
fn the_last_attempt_keeps_min_delay_before_the_deadline() {
    let backoff = Backoff::new(2 * SECOND, 120 * SECOND);
    // 10 s left, a 64 s delay drawn: shortened to leave 2 s.
    assert_eq!(backoff.delay(7, 10 * SECOND, 0.5), Some(8 * SECOND));
    // Exactly min_delay past the delay is shortened too (`<=` in the specification).
    assert_eq!(backoff.delay(1, 4 * SECOND, 0.0), Some(2 * SECOND));
    // Only min_delay (or less) left: no more attempts.
    assert_eq!(backoff.delay(1, 2 * SECOND, 0.0), None);
    assert_eq!(backoff.delay(1, Duration::ZERO, 0.0), None);
    let just_over = 2 * SECOND + Duration::from_millis(1);
    assert_eq!(
        backoff.delay(1, just_over, 1.0),
        Some(Duration::from_millis(1))
    );
}

#[test]
fn odd_bounds_are_normalized() {
    // A zero minimum would spin; a maximum below the minimum is raised to it.
    let backoff = Backoff::new(Duration::ZERO, Duration::ZERO);
    assert_eq!(backoff.delay(1, SECOND, 1.0), Some(FLOOR));
    let backoff = Backoff::new(10 * SECOND, SECOND);
    assert_eq!(
        backoff.delay(5, Duration::from_secs(100), 1.0),
        Some(10 * SECOND)
    );
    // Out-of-range jitter is clamped.
    let backoff = Backoff::new(SECOND, 4 * SECOND);
    assert_eq!(
        backoff.delay(3, Duration::from_secs(100), 7.0),
        Some(4 * SECOND)
    );
    assert_eq!(
        backoff.delay(3, Duration::from_secs(100), f64::NAN),
        Some(SECOND)
    );
}

fn strings(items: &[&str]) -> Value {
    Value::List(items.iter().map(|s| Value::String((*s).into())).collect())
}

#[test]
fn comparators() {
    use Comparator::*;
    assert!(compare(
        StringEquals,
        &Value::String("ACTIVE".into()),
        "ACTIVE"
    ));
    assert!(compare(
        StringEquals,
        &Value::Enum("ACTIVE".into()),
        "ACTIVE"
    ));
    assert!(!compare(
        StringEquals,
        &Value::String("active".into()),
        "ACTIVE"
    ));
    assert!(!compare(StringEquals, &Value::Null, "ACTIVE"));
    assert!(!compare(StringEquals, &strings(&["ACTIVE"]), "ACTIVE"));

    assert!(compare(BooleanEquals, &Value::Boolean(true), "true"));
    assert!(compare(BooleanEquals, &Value::Boolean(false), "false"));
    assert!(!compare(BooleanEquals, &Value::Boolean(false), "true"));
    assert!(!compare(
        BooleanEquals,
        &Value::String("true".into()),
        "true"
    ));
    assert!(!compare(BooleanEquals, &Value::Boolean(true), "yes"));

    assert!(compare(AllStringEquals, &strings(&["a", "a"]), "a"));
    assert!(!compare(AllStringEquals, &strings(&["a", "b"]), "a"));
    // An empty list is not "all in the state": the specification says no match.
    assert!(!compare(AllStringEquals, &strings(&[]), "a"));
    assert!(!compare(AllStringEquals, &Value::String("a".into()), "a"));

    assert!(compare(AnyStringEquals, &strings(&["b", "a"]), "a"));
    assert!(!compare(AnyStringEquals, &strings(&["b"]), "a"));
    assert!(!compare(AnyStringEquals, &strings(&[]), "a"));
    assert!(!compare(AnyStringEquals, &Value::Null, "a"));
}

/// A test operation's output: `{"Status": …, "Items": [...]}`.
#[derive(Clone, Debug, PartialEq)]
struct Out {
    status: &'static str,
    items: Vec<&'static str>,
}

impl ToValue for Out {
    fn to_value(&self) -> Value {
        Value::structure(2)
            .member("Status", self.status)
            .member(
                "Items",
                &Value::List(
                    self.items
                        .iter()
                        .map(|s| Value::String((*s).into()))
                        .collect(),
                ),
            )
            .build()
    }
}

/// A test operation's input: `{"Name": …}`.
struct In(&'static str);

impl ToValue for In {
    fn to_value(&self) -> Value {
        Value::structure(1).member("Name", self.0).build()
    }
}

type Err = UnhandledError;

fn code(error: &Err) -> &str {
    error.code()
}

/// One scripted response (`InvokeError` is not `Clone`: each call makes its own).
#[derive(Clone)]
enum Scripted {
    Output(Out),
    ServiceError(&'static str),
    BuildError,
}

impl Scripted {
    // The size of `InvokeError` is what operations return; no need to shrink it here.
    #[allow(clippy::result_large_err)]
    fn make(&self) -> Result<Out, InvokeError<Err>> {
        match self {
            Scripted::Output(out) => Ok(out.clone()),
            Scripted::ServiceError(code) => {
                let response = http::Response::builder()
                    .status(400)
                    .body(Vec::new())
                    .unwrap();
                let response = crate::ErrorResponse::new(response, Default::default());
                let error = UnhandledError::new(*code, None, Vec::new());
                match crate::ParseError::service(error, &response) {
                    crate::ParseError::Service(error) => Err(InvokeError::Service(error)),
                    crate::ParseError::Decode(_) => unreachable!(),
                }
            }
            Scripted::BuildError => Err(InvokeError::Build(crate::BuildError::new("no label"))),
        }
    }
}

fn service_error(code: &'static str) -> Scripted {
    Scripted::ServiceError(code)
}

fn output(status: &'static str, items: &[&'static str]) -> Scripted {
    Scripted::Output(Out {
        status,
        items: items.to_vec(),
    })
}

/// A timer that does not wait: it records each delay and moves the fake clock on by it.
#[derive(Clone, Debug, Default)]
struct FakeTime(Arc<Mutex<(Duration, Vec<Duration>)>>);

impl AsyncSleep for FakeTime {
    fn sleep(&self, duration: Duration) -> Sleep {
        let mut state = self.0.lock().unwrap();
        state.0 += duration;
        state.1.push(duration);
        Box::pin(std::future::ready(()))
    }
}

impl FakeTime {
    fn sleeps(&self) -> Vec<Duration> {
        self.0.lock().unwrap().1.clone()
    }
}

/// Runs `waiter` over the scripted `responses` (the last one repeats), with fake time; returns
/// the result and how many calls were made.
fn wait_with(
    waiter: &'static Waiter,
    max_wait: Duration,
    responses: Vec<Scripted>,
) -> (WaitResult<Out, Err>, usize, FakeTime) {
    let time = FakeTime::default();
    let sleep = SharedAsyncSleep::new(time.clone());
    let base = Instant::now();
    let clock = time.clone();
    let now = move || base + clock.0.lock().unwrap().0;
    let plan = Plan {
        waiter,
        backoff: Backoff::new(waiter.min_delay, waiter.max_delay),
        max_wait,
    };
    let calls = Mutex::new(0usize);
    let call = || {
        let mut n = calls.lock().unwrap();
        let response = responses[(*n).min(responses.len() - 1)].make();
        *n += 1;
        std::future::ready(response)
    };
    let mut rng = fastrand::Rng::with_seed(42);
    let result = block_on(run(&plan, &In("t1"), code, &sleep, now, &mut rng, call));
    let n = *calls.lock().unwrap();
    (result, n, time)
}

const fn path(path: &'static str, expected: &'static str, comparator: Comparator) -> PathMatcher {
    PathMatcher {
        path,
        expected,
        comparator,
    }
}

static TABLE_EXISTS: Waiter = Waiter {
    name: "TableExists",
    min_delay: SECOND,
    max_delay: Duration::from_secs(8),
    acceptors: &[
        Acceptor {
            state: State::Success,
            matcher: Matcher::Output(path("Status", "ACTIVE", Comparator::StringEquals)),
        },
        Acceptor {
            state: State::Failure,
            matcher: Matcher::Output(path("Items", "FAILED", Comparator::AnyStringEquals)),
        },
        Acceptor {
            state: State::Retry,
            matcher: Matcher::ErrorType("ResourceNotFoundException"),
        },
    ],
};

#[test]
fn retries_until_success_and_returns_the_last_output() {
    let responses = vec![
        service_error("ResourceNotFoundException"),
        output("CREATING", &[]),
        output("CREATING", &["OK"]),
        output("ACTIVE", &["OK"]),
    ];
    let (result, calls, time) = wait_with(&TABLE_EXISTS, Duration::from_secs(300), responses);
    let waited = result.unwrap();
    assert_eq!(waited.output().map(|o| o.status), Some("ACTIVE"));
    assert_eq!(calls, 4);
    let sleeps = time.sleeps();
    assert_eq!(sleeps.len(), 3);
    assert!(sleeps
        .iter()
        .all(|d| (SECOND..=Duration::from_secs(8)).contains(d)));
}

#[test]
fn a_failure_acceptor_ends_the_wait_and_says_which() {
    let responses = vec![output("CREATING", &["OK", "FAILED"])];
    let (result, calls, _) = wait_with(&TABLE_EXISTS, Duration::from_secs(300), responses);
    let error = result.unwrap_err();
    assert_eq!(calls, 1);
    assert_eq!(
        error.to_string(),
        "waiter TableExists: acceptor 1 (output path `Items` anyStringEquals \"FAILED\") reached \
         the failure state"
    );
    match error {
        WaiterError::Failure {
            index, response, ..
        } => {
            assert_eq!(index, 1);
            assert_eq!(response.output().map(|o| o.status), Some("CREATING"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn an_error_no_acceptor_expects_ends_the_wait() {
    let responses = vec![service_error("AccessDeniedException")];
    let (result, calls, _) = wait_with(&TABLE_EXISTS, Duration::from_secs(300), responses);
    assert_eq!(calls, 1);
    assert!(matches!(
        result,
        Err(WaiterError::UnexpectedError { ref error, .. }) if error.code() == "AccessDeniedException"
    ));
}

#[test]
fn a_call_that_fails_without_a_response_ends_the_wait() {
    let responses = vec![Scripted::BuildError];
    let (result, calls, _) = wait_with(&TABLE_EXISTS, Duration::from_secs(300), responses);
    assert_eq!(calls, 1);
    assert!(matches!(result, Err(WaiterError::Operation { .. })));
}

#[test]
fn a_waiter_that_never_settles_stops_at_max_wait() {
    let responses = vec![output("CREATING", &[])];
    let max_wait = Duration::from_secs(60);
    let (result, calls, time) = wait_with(&TABLE_EXISTS, max_wait, responses);
    let sleeps = time.sleeps();
    match result {
        Err(WaiterError::MaxWaitExceeded { attempts, .. }) => {
            assert_eq!(attempts as usize, calls)
        }
        other => panic!("{other:?}"),
    }
    // One sleep between attempts, each at least min_delay but the last shortened one; the
    // time slept stays within max_wait and leaves min_delay for the last attempt.
    assert_eq!(sleeps.len(), calls - 1);
    let total: Duration = sleeps.iter().sum();
    assert!(total <= max_wait - SECOND, "{total:?}");
    assert!(
        total > max_wait - 2 * SECOND - Duration::from_secs(8),
        "{total:?}"
    );
    // Backing off to 8 s takes far fewer than 60 attempts; no busy loop.
    assert!((8..=30).contains(&calls), "{calls} calls");
    assert!(sleeps[..sleeps.len() - 1].iter().all(|d| *d >= SECOND));
}

#[test]
fn a_zero_max_wait_still_makes_one_attempt() {
    let (result, calls, time) =
        wait_with(&TABLE_EXISTS, Duration::ZERO, vec![output("CREATING", &[])]);
    assert_eq!(calls, 1);
    assert!(time.sleeps().is_empty());
    assert!(matches!(
        result,
        Err(WaiterError::MaxWaitExceeded { attempts: 1, .. })
    ));
}

static TABLE_NOT_EXISTS: Waiter = Waiter {
    name: "TableNotExists",
    min_delay: SECOND,
    max_delay: SECOND,
    acceptors: &[Acceptor {
        state: State::Success,
        matcher: Matcher::ErrorType("ResourceNotFoundException"),
    }],
};

#[test]
fn an_expected_error_can_be_success() {
    let responses = vec![
        output("DELETING", &[]),
        service_error("ResourceNotFoundException"),
    ];
    let (result, calls, time) = wait_with(&TABLE_NOT_EXISTS, Duration::from_secs(30), responses);
    assert_eq!(calls, 2);
    assert_eq!(time.sleeps(), vec![SECOND]);
    match result {
        Ok(Waited::Error(error)) => assert_eq!(error.code(), "ResourceNotFoundException"),
        other => panic!("{other:?}"),
    }
}

static SUCCESS_MATCHERS: Waiter = Waiter {
    name: "Anything",
    min_delay: SECOND,
    max_delay: SECOND,
    acceptors: &[
        Acceptor {
            state: State::Failure,
            matcher: Matcher::Success(false),
        },
        Acceptor {
            state: State::Success,
            matcher: Matcher::Success(true),
        },
    ],
};

#[test]
fn success_matchers_match_outputs_or_any_error() {
    let (result, _, _) = wait_with(&SUCCESS_MATCHERS, SECOND * 10, vec![output("X", &[])]);
    assert!(matches!(result, Ok(Waited::Output(_))));
    let (result, _, _) = wait_with(&SUCCESS_MATCHERS, SECOND * 10, vec![service_error("Any")]);
    assert!(matches!(result, Err(WaiterError::Failure { index: 0, .. })));
}

static INPUT_OUTPUT: Waiter = Waiter {
    name: "NameListed",
    min_delay: SECOND,
    max_delay: SECOND,
    acceptors: &[
        Acceptor {
            state: State::Success,
            matcher: Matcher::InputOutput(path(
                "contains(output.Items, input.Name)",
                "true",
                Comparator::BooleanEquals,
            )),
        },
        Acceptor {
            state: State::Failure,
            matcher: Matcher::InputOutput(path(
                "output.Items[?@ != 'pending'] | [0]",
                "gone",
                Comparator::StringEquals,
            )),
        },
    ],
};

#[test]
fn input_output_paths_see_both() {
    let responses = vec![output("", &["pending"]), output("", &["pending", "t1"])];
    let (result, calls, _) = wait_with(&INPUT_OUTPUT, SECOND * 10, responses);
    assert_eq!(calls, 2);
    assert!(result.is_ok());
    let (result, _, _) = wait_with(&INPUT_OUTPUT, SECOND * 10, vec![output("", &["gone"])]);
    assert!(matches!(result, Err(WaiterError::Failure { index: 1, .. })));
}

static BAD_PATH: Waiter = Waiter {
    name: "Broken",
    min_delay: SECOND,
    max_delay: SECOND,
    acceptors: &[Acceptor {
        state: State::Success,
        matcher: Matcher::Output(path("Status[", "x", Comparator::StringEquals)),
    }],
};

static FAILING_PATH: Waiter = Waiter {
    name: "Failing",
    min_delay: SECOND,
    max_delay: SECOND,
    acceptors: &[Acceptor {
        state: State::Success,
        // `length` of a missing member is a type error at evaluation.
        matcher: Matcher::Output(path("length(Missing)", "1", Comparator::StringEquals)),
    }],
};

#[test]
fn expression_errors_are_waiter_errors() {
    let (result, calls, _) = wait_with(&BAD_PATH, SECOND * 10, vec![output("", &[])]);
    assert_eq!(calls, 0, "a bad expression is found before any call");
    let error = result.unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("waiter Broken: JMESPath expression `Status[`: syntax error"),
        "{error}"
    );

    let (result, calls, _) = wait_with(&FAILING_PATH, SECOND * 10, vec![output("", &[])]);
    assert_eq!(calls, 1);
    assert!(matches!(
        result,
        Err(WaiterError::Expression {
            path: "length(Missing)",
            ..
        })
    ));
}

#[test]
fn output_paths_do_not_match_errors_nor_error_types_outputs() {
    static W: Waiter = Waiter {
        name: "W",
        min_delay: SECOND,
        max_delay: SECOND,
        acceptors: &[
            Acceptor {
                state: State::Failure,
                matcher: Matcher::ErrorType("Gone"),
            },
            Acceptor {
                state: State::Success,
                matcher: Matcher::Output(path("Status", "", Comparator::StringEquals)),
            },
        ],
    };
    let (result, _, _) = wait_with(&W, SECOND * 10, vec![output("", &[])]);
    assert!(matches!(result, Ok(Waited::Output(_))));
    let (result, _, _) = wait_with(&W, SECOND * 10, vec![service_error("Gone")]);
    assert!(matches!(result, Err(WaiterError::Failure { index: 0, .. })));
}
