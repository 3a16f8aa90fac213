//! Waiters: polling an operation until the resource it describes reaches a state, as Smithy's
//! [waiters specification](https://smithy.io/2.0/additional-specs/waiters.html) defines them
//! (`smithy.waiters#waitable`; botocore's `waiters-2.json` maps onto it).
//!
//! A generated client has one method per waiter, `wait_until_<name>(input, max_wait)`, which
//! returns a [`Wait`]: awaiting it calls the operation, matches each response against the
//! waiter's [`Acceptor`]s in order, and sleeps between attempts with the specification's
//! jittered exponential backoff until an acceptor reaches a terminal state or the maximum wait
//! time runs out. Everything but the static acceptor data is here, compiled once.
//!
//! ```rust,ignore
//! // A generated DynamoDB client (`docs/waiters.md`):
//! let input = dynamodb::types::DescribeTableInput::new("games");
//! client
//!     .wait_until_table_exists(input, Duration::from_secs(300))
//!     .min_delay(Duration::from_secs(1))
//!     .await?;
//! ```
//!
//! The delay before attempt `n + 1` is drawn uniformly between `min_delay` and
//! `min(max_delay, min_delay * 2^(n-1))`, and shortened so that `min_delay` is left before the
//! deadline for the last attempt; with `min_delay` or less left there is no further attempt
//! and the wait fails with [`WaiterError::MaxWaitExceeded`]. Sleeps go through the client
//! configuration's [`AsyncSleep`](crate::sleep::AsyncSleep).

mod backoff;
mod matching;
#[cfg(test)]
mod tests;

use std::fmt;
use std::future::{Future, IntoFuture};
use std::pin::Pin;
use std::time::{Duration, Instant};

use crate::jmespath::{Expression, JmespathError};
use crate::sleep::SharedAsyncSleep;
use crate::{
    send_operation, ClientConfig, InvokeError, Operation, ServiceError, ToValue, Transport,
};
use backoff::Backoff;

/// One waiter of an operation, as the model defines it (generated as a `static`).
#[derive(Debug)]
pub struct Waiter {
    /// The waiter's name in the model (`TableExists`).
    pub name: &'static str,
    /// The shortest delay between attempts (the model's `minDelay`, 2 s by default).
    pub min_delay: Duration,
    /// The longest delay between attempts (the model's `maxDelay`, 120 s by default).
    pub max_delay: Duration,
    /// The acceptors, tried in order on each response: the first that matches decides.
    pub acceptors: &'static [Acceptor],
}

/// A state a response may put the waiter in, and when.
#[derive(Debug, PartialEq)]
pub struct Acceptor {
    /// The state the waiter enters when the matcher matches.
    pub state: State,
    /// What the response must be.
    pub matcher: Matcher,
}

/// The state of a waiter after a response.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    /// The resource reached the awaited state: the wait ends successfully.
    Success,
    /// The resource will never reach it: the wait fails.
    Failure,
    /// Not yet: try again after a delay.
    Retry,
}

/// What an acceptor looks for in a response.
#[derive(Debug, PartialEq)]
pub enum Matcher {
    /// A JMESPath expression over the output (no match on an error).
    Output(PathMatcher),
    /// A JMESPath expression over `{"input": …, "output": …}` (no match on an error).
    InputOutput(PathMatcher),
    /// `true`: the call succeeded; `false`: the service answered with an error.
    Success(bool),
    /// The service answered with the error of this code (the error shape's name, or a code the
    /// model does not define).
    ErrorType(&'static str),
}

/// A JMESPath expression, the value it is compared with and how.
#[derive(Debug, PartialEq)]
pub struct PathMatcher {
    /// The expression (checked when the client was generated).
    pub path: &'static str,
    /// The expected value: a string, or `true`/`false` for [`Comparator::BooleanEquals`].
    pub expected: &'static str,
    /// How the expression's result is compared with `expected`.
    pub comparator: Comparator,
}

/// Smithy's comparators of an expression's result with the expected value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparator {
    /// The result is a string equal to the expected one.
    StringEquals,
    /// The result is a boolean equal to the expected one.
    BooleanEquals,
    /// The result is a non-empty list whose elements are all strings equal to the expected one.
    AllStringEquals,
    /// The result is a list with at least one string equal to the expected one.
    AnyStringEquals,
}

/// The response that ended a wait: an output, or the service error an acceptor expected (a
/// waiter that something no longer exists succeeds on its `NotFound` error).
#[derive(Debug)]
pub enum Waited<O, E> {
    /// The operation's output.
    Output(O),
    /// The service's error.
    Error(ServiceError<E>),
}

impl<O, E> Waited<O, E> {
    /// The output, if the last response was one.
    pub fn output(&self) -> Option<&O> {
        match self {
            Waited::Output(output) => Some(output),
            Waited::Error(_) => None,
        }
    }

    /// The output by value, if the last response was one.
    pub fn into_output(self) -> Option<O> {
        match self {
            Waited::Output(output) => Some(output),
            Waited::Error(_) => None,
        }
    }

    fn from_response(response: Result<O, ServiceError<E>>) -> Self {
        match response {
            Ok(output) => Waited::Output(output),
            Err(error) => Waited::Error(error),
        }
    }
}

/// Why a wait did not succeed.
#[derive(Debug)]
#[non_exhaustive]
pub enum WaiterError<O, E> {
    /// An acceptor with the `failure` state matched: the resource will not reach the state.
    Failure {
        /// The waiter's name.
        waiter: &'static str,
        /// The acceptor that matched (its position, from 0, and itself).
        index: usize,
        /// The acceptor itself.
        acceptor: &'static Acceptor,
        /// The response it matched.
        response: Waited<O, E>,
    },
    /// The service answered with an error that no acceptor expects.
    UnexpectedError {
        /// The waiter's name.
        waiter: &'static str,
        /// The error.
        error: ServiceError<E>,
    },
    /// The call failed without a response from the service (no credentials, the transport
    /// after its own retries, a timeout, an output that did not decode…).
    Operation {
        /// The waiter's name.
        waiter: &'static str,
        /// The call's error.
        error: InvokeError<E>,
    },
    /// No terminal state within the maximum wait time.
    MaxWaitExceeded {
        /// The waiter's name.
        waiter: &'static str,
        /// The maximum wait time the caller gave.
        max_wait: Duration,
        /// The attempts made.
        attempts: u32,
    },
    /// An acceptor's JMESPath expression did not compile or failed on the response.
    Expression {
        /// The waiter's name.
        waiter: &'static str,
        /// The expression.
        path: &'static str,
        /// Why.
        error: JmespathError,
    },
}

impl<O, E: fmt::Display> fmt::Display for WaiterError<O, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WaiterError::Failure {
                waiter,
                index,
                acceptor,
                ..
            } => write!(
                f,
                "waiter {waiter}: acceptor {index} ({}) reached the failure state",
                acceptor.matcher
            ),
            WaiterError::UnexpectedError { waiter, error } => {
                write!(f, "waiter {waiter}: unexpected error: {error}")
            }
            WaiterError::Operation { waiter, error } => {
                write!(f, "waiter {waiter}: the call failed: {error}")
            }
            WaiterError::MaxWaitExceeded {
                waiter,
                max_wait,
                attempts,
            } => write!(
                f,
                "waiter {waiter}: no terminal state within the maximum wait time of {max_wait:?} \
                 ({attempts} attempts)"
            ),
            WaiterError::Expression {
                waiter,
                path,
                error,
            } => write!(f, "waiter {waiter}: JMESPath expression `{path}`: {error}"),
        }
    }
}

impl<O: fmt::Debug, E: std::error::Error + 'static> std::error::Error for WaiterError<O, E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WaiterError::UnexpectedError { error, .. } => Some(error),
            WaiterError::Operation { error, .. } => Some(error),
            WaiterError::Expression { error, .. } => Some(error),
            WaiterError::Failure { .. } | WaiterError::MaxWaitExceeded { .. } => None,
        }
    }
}

/// A wait, ready to run: await it (it is [`IntoFuture`]). Built by a generated client's
/// `wait_until_…` method; the delays between attempts default to the waiter's.
#[must_use = "a wait does nothing until it is awaited"]
pub struct Wait<'a, O: Operation, T> {
    transport: &'a T,
    config: &'a ClientConfig,
    input: O::Input,
    waiter: &'static Waiter,
    code: fn(&O::Error) -> &str,
    max_wait: Duration,
    min_delay: Duration,
    max_delay: Duration,
}

impl<'a, O: Operation, T> Wait<'a, O, T> {
    /// A wait for `waiter` of operation `O` with `input`, for at most `max_wait`; `code` gives
    /// the code of an operation error (what [`Matcher::ErrorType`] compares).
    pub fn new(
        transport: &'a T,
        config: &'a ClientConfig,
        input: O::Input,
        waiter: &'static Waiter,
        code: fn(&O::Error) -> &str,
        max_wait: Duration,
    ) -> Self {
        Wait {
            transport,
            config,
            input,
            waiter,
            code,
            max_wait,
            min_delay: waiter.min_delay,
            max_delay: waiter.max_delay,
        }
    }

    /// The shortest delay between attempts instead of the waiter's (at least 1 ms).
    pub fn min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = delay;
        self
    }

    /// The longest delay between attempts instead of the waiter's (raised to the minimum
    /// delay if below it).
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }
}

impl<O: Operation, T> fmt::Debug for Wait<'_, O, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Wait")
            .field("operation", &O::NAME)
            .field("waiter", &self.waiter.name)
            .field("max_wait", &self.max_wait)
            .field("min_delay", &self.min_delay)
            .field("max_delay", &self.max_delay)
            .finish_non_exhaustive()
    }
}

/// What a wait gives: the response that ended it, or why it failed.
pub type WaitResult<O, E> = Result<Waited<O, E>, WaiterError<O, E>>;

impl<'a, O, T> IntoFuture for Wait<'a, O, T>
where
    O: Operation + 'a,
    O::Input: ToValue + Send + Sync + 'a,
    O::Output: ToValue + Send + 'a,
    O::Error: Send + 'a,
    T: Transport + 'a,
{
    type Output = WaitResult<O::Output, O::Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            let plan = Plan {
                waiter: self.waiter,
                backoff: Backoff::new(self.min_delay, self.max_delay),
                max_wait: self.max_wait,
            };
            let sleep = self.config.sleep().clone();
            let (transport, config, input) = (self.transport, self.config, &self.input);
            run(
                &plan,
                input,
                self.code,
                &sleep,
                Instant::now,
                &mut fastrand::Rng::new(),
                || send_operation::<O, T>(transport, config, input),
            )
            .await
        })
    }
}

/// The fixed parameters of one wait.
#[derive(Debug)]
pub(crate) struct Plan {
    pub(crate) waiter: &'static Waiter,
    pub(crate) backoff: Backoff,
    pub(crate) max_wait: Duration,
}

/// The waiting loop, over any call (tests pass a scripted one), clock and random source.
pub(crate) async fn run<I, Out, E, Call, Fut>(
    plan: &Plan,
    input: &I,
    code: fn(&E) -> &str,
    sleep: &SharedAsyncSleep,
    now: impl Fn() -> Instant,
    rng: &mut fastrand::Rng,
    mut call: Call,
) -> WaitResult<Out, E>
where
    I: ToValue,
    Out: ToValue,
    Call: FnMut() -> Fut,
    Fut: Future<Output = Result<Out, InvokeError<E>>>,
{
    let waiter = plan.waiter.name;
    let acceptors = plan.waiter.acceptors;
    let paths = compile(plan.waiter)?;
    let started = now();
    let mut attempts = 0u32;
    loop {
        attempts = attempts.saturating_add(1);
        let response = match call().await {
            Ok(output) => Ok(output),
            Err(InvokeError::Service(error)) => Err(error),
            Err(error) => return Err(WaiterError::Operation { waiter, error }),
        };
        let matched = matching::first_match(acceptors, &paths, input, &response, code).map_err(
            |(index, error)| WaiterError::Expression {
                waiter,
                path: path_of(&acceptors[index].matcher),
                error,
            },
        )?;
        match matched.map(|index| (index, &acceptors[index])) {
            Some((_, acceptor)) if acceptor.state == State::Success => {
                return Ok(Waited::from_response(response));
            }
            Some((index, acceptor)) if acceptor.state == State::Failure => {
                return Err(WaiterError::Failure {
                    waiter,
                    index,
                    acceptor,
                    response: Waited::from_response(response),
                });
            }
            Some(_) => {}
            // An error no acceptor expects ends the wait; an output none matches is retried.
            None => {
                if let Err(error) = response {
                    return Err(WaiterError::UnexpectedError { waiter, error });
                }
            }
        }
        let remaining = plan
            .max_wait
            .saturating_sub(now().saturating_duration_since(started));
        let Some(delay) = plan.backoff.delay(attempts, remaining, rng.f64()) else {
            return Err(WaiterError::MaxWaitExceeded {
                waiter,
                max_wait: plan.max_wait,
                attempts,
            });
        };
        sleep.sleep(delay).await;
    }
}

/// Every acceptor's expression compiled, before the first call.
fn compile<O, E>(waiter: &'static Waiter) -> Result<Vec<Option<Expression>>, WaiterError<O, E>> {
    waiter
        .acceptors
        .iter()
        .map(|acceptor| match &acceptor.matcher {
            Matcher::Output(p) | Matcher::InputOutput(p) => Expression::parse(p.path)
                .map(Some)
                .map_err(|error| WaiterError::Expression {
                    waiter: waiter.name,
                    path: p.path,
                    error,
                }),
            Matcher::Success(_) | Matcher::ErrorType(_) => Ok(None),
        })
        .collect()
}

fn path_of(matcher: &'static Matcher) -> &'static str {
    match matcher {
        Matcher::Output(p) | Matcher::InputOutput(p) => p.path,
        Matcher::Success(_) | Matcher::ErrorType(_) => "",
    }
}
