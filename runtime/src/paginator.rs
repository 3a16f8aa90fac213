//! Paginators: every page of a `@paginated` operation, or every item of every page, as an async
//! stream.
//!
//! A generated operation describes its pagination with three small traits: [`Paginated`] (where
//! the input and output tokens are), [`PageSize`] (the input member that limits a page, when the
//! model names one) and [`PageItems`] (the output's list or map of results, when the model names
//! one). The loop is here, once: a generated client only adds one method per paginated
//! operation, `client.<operation>_paginator(input)`, returning a [`Paginator`].
//!
//! A paginator sends the input, yields the page, feeds the page's output token back as the next
//! input token, and ends when the service returns no token, an empty one, or the token it was
//! just sent (a service repeating itself would otherwise be asked forever). It also ends after
//! [`max_pages`](Paginator::max_pages) pages, [`DEFAULT_MAX_PAGES`] unless set, with
//! [`is_truncated`](Paginator::is_truncated) saying a token was left; and after an error, which
//! it yields first (the call itself already retried what can be retried).
//!
//! Both [`Paginator`] and [`Items`] are `futures_core::Stream`s (use `futures::StreamExt` for
//! combinators) and have a plain async `next_page()` / `next()` for code without them.

use std::collections::BTreeMap;
use std::fmt;
use std::future::{poll_fn, Future};
use std::pin::Pin;
use std::task::{Context, Poll};

use futures_core::Stream;

use crate::client_config::ClientConfig;
use crate::operation::{send_operation, InvokeError, Operation};
use crate::transport::Transport;

/// How many pages a [`Paginator`] fetches at most unless [`Paginator::max_pages`] says
/// otherwise: enough for any listing a service means to return page by page (ten thousand pages
/// of a hundred results are a million), and a bound on a service that hands out a new token
/// forever.
pub const DEFAULT_MAX_PAGES: usize = 10_000;

/// An operation whose output continues in another call: the input takes a token that the
/// previous output returned (`@paginated`'s `inputToken` and `outputToken`).
pub trait Paginated: Operation {
    /// The token: a string, or a map (DynamoDB's `ExclusiveStartKey`).
    type Token: PageToken;

    /// The input's token, if set: the page a caller asks for first.
    fn token(input: &Self::Input) -> Option<&Self::Token>;

    /// Sets the input's token to `token`, the previous page's output token.
    fn set_token(input: &mut Self::Input, token: Self::Token);

    /// The output's token for the next page, if any.
    fn next_token(output: &Self::Output) -> Option<&Self::Token>;
}

/// What a pagination token can be: a string or a map, as Smithy allows, compared with the token
/// just sent and tested for emptiness.
pub trait PageToken: Clone + PartialEq {
    /// Whether the token is empty, which ends the pages like no token.
    fn is_empty(&self) -> bool;
}

impl PageToken for String {
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
}

impl<V: Clone + PartialEq> PageToken for BTreeMap<String, V> {
    fn is_empty(&self) -> bool {
        BTreeMap::is_empty(self)
    }
}

/// A paginated operation whose input limits the size of a page (`@paginated`'s `pageSize`).
pub trait PageSize: Paginated {
    /// Sets the input's page size.
    fn set_page_size(input: &mut Self::Input, size: i32);
}

/// A paginated operation whose output holds the page's results in one list or map
/// (`@paginated`'s `items`).
pub trait PageItems: Paginated {
    /// The list or map type (`Vec<Fleet>`, `BTreeMap<String, Fleet>`).
    type Items: IntoIterator;

    /// Takes the results out of the output; `None` when the output has none.
    fn take_items(output: &mut Self::Output) -> Option<Self::Items>;
}

/// The result of one call of `O`.
type PageResult<O> = Result<<O as Operation>::Output, InvokeError<<O as Operation>::Error>>;

/// One call in flight. Boxed: the call's future has no name to store it under, and one
/// allocation per page is nothing beside the request.
type PageFuture<'c, O> = Pin<Box<dyn Future<Output = PageResult<O>> + Send + 'c>>;

/// Every page of a paginated operation `O`, sent over a `T`, one call at a time.
///
/// Made by a generated client's `<operation>_paginator(input)`; see the [module](self) for when
/// it ends. Each page is the operation's whole output; [`items`](Self::items) yields the
/// results of each page one by one instead.
pub struct Paginator<'c, O: Paginated, T> {
    transport: &'c T,
    config: &'c ClientConfig,
    /// The input of the next call, its token already set.
    input: O::Input,
    /// The token in the input: sent by the call in flight or the last call (or, truncated, the
    /// one the next call would have sent); before the first call, the caller's own, if any.
    sent_token: Option<O::Token>,
    in_flight: Option<PageFuture<'c, O>>,
    pages: usize,
    max_pages: usize,
    state: State,
}

/// Whether a paginator has pages left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// The next call is due (or in flight).
    Going,
    /// Ended: the last page had no new token, or a call failed.
    Done,
    /// Ended at `max_pages` with a token left.
    Truncated,
}

// The paginator never pins its fields (the call in flight is boxed), so it can move whatever
// the input type is.
impl<O: Paginated, T> Unpin for Paginator<'_, O, T> {}

impl<'c, O: Paginated, T> Paginator<'c, O, T> {
    /// A paginator starting with `input` (its own token, if set, asks for that page first),
    /// calling `O` with `config` over `transport`.
    pub fn new(transport: &'c T, config: &'c ClientConfig, input: O::Input) -> Self {
        // A first page that hands back the caller's own token is a repeat like any other.
        let sent_token = match O::token(&input) {
            Some(token) if !token.is_empty() => Some(token.clone()),
            _ => None,
        };
        Paginator {
            transport,
            config,
            input,
            sent_token,
            in_flight: None,
            pages: 0,
            max_pages: DEFAULT_MAX_PAGES,
            state: State::Going,
        }
    }

    /// Fetches at most `max_pages` pages in all ([`DEFAULT_MAX_PAGES`] by default). At the
    /// bound the paginator ends as if the last page had no token, and
    /// [`is_truncated`](Self::is_truncated) tells it apart; `usize::MAX` means no bound, `0`
    /// fetches nothing.
    pub fn max_pages(mut self, max_pages: usize) -> Self {
        self.max_pages = max_pages;
        self
    }

    /// Whether the paginator ended at [`max_pages`](Self::max_pages) while the service still
    /// had a next page; [`next_token`](Self::next_token) is where it would have gone on.
    pub fn is_truncated(&self) -> bool {
        self.state == State::Truncated
    }

    /// The token of the next page the paginator asks for (or would have asked for, when it
    /// ended truncated), for resuming later with a new input; before the first page, the
    /// input's own token (`None` without one); `None` after the last page.
    pub fn next_token(&self) -> Option<&O::Token> {
        match self.state {
            State::Done => None,
            _ => self.sent_token.as_ref(),
        }
    }

    /// How many calls the paginator has sent.
    pub fn pages_fetched(&self) -> usize {
        self.pages
    }

    /// The results of every page one by one, instead of the pages.
    pub fn items(self) -> Items<'c, O, T>
    where
        O: PageItems,
    {
        Items {
            pages: self,
            current: None,
        }
    }

    /// What the page that just arrived means for the next one: its token goes into the input,
    /// unless there is none, it is empty, or it is the one just sent.
    fn advance(&mut self, output: &O::Output) {
        let token = O::next_token(output).filter(|t| !t.is_empty());
        match token {
            Some(token) if self.sent_token.as_ref() != Some(token) => {
                O::set_token(&mut self.input, token.clone());
                self.sent_token = Some(token.clone());
                if self.pages >= self.max_pages {
                    self.state = State::Truncated;
                }
            }
            _ => self.state = State::Done,
        }
    }
}

impl<'c, O: PageSize, T> Paginator<'c, O, T> {
    /// Asks for pages of at most `size` results (the operation's page-size member; the
    /// service may return fewer, and has its own default and maximum).
    pub fn page_size(mut self, size: i32) -> Self {
        O::set_page_size(&mut self.input, size);
        self
    }
}

impl<'c, O, T> Paginator<'c, O, T>
where
    O: Paginated + 'c,
    O::Error: Send,
    O::Output: Send,
    T: Transport + 'c,
{
    /// The next page: `None` once the paginator has ended.
    pub async fn next_page(&mut self) -> Option<PageResult<O>> {
        poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<'c, O, T> Stream for Paginator<'c, O, T>
where
    O: Paginated + 'c,
    O::Error: Send,
    O::Output: Send,
    T: Transport + 'c,
{
    type Item = PageResult<O>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let call = match &mut this.in_flight {
            Some(call) => call,
            None if this.state != State::Going || this.pages >= this.max_pages => {
                return Poll::Ready(None)
            }
            None => {
                this.pages += 1;
                // The request is built here, from the input as it is now; the future only
                // borrows the transport.
                let call = send_operation::<O, T>(this.transport, this.config, &this.input);
                this.in_flight.insert(Box::pin(call))
            }
        };
        let result = match call.as_mut().poll(cx) {
            Poll::Ready(result) => result,
            Poll::Pending => return Poll::Pending,
        };
        this.in_flight = None;
        match &result {
            Ok(output) => this.advance(output),
            Err(_) => this.state = State::Done,
        }
        Poll::Ready(Some(result))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        match self.state {
            State::Going if self.in_flight.is_some() => (1, None),
            State::Going => (0, None),
            _ => (0, Some(0)),
        }
    }
}

impl<O: Paginated, T> fmt::Debug for Paginator<'_, O, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Not the input: it may hold sensitive values, and its type need not be `Debug`.
        f.debug_struct("Paginator")
            .field("operation", &O::NAME)
            .field("pages", &self.pages)
            .field("max_pages", &self.max_pages)
            .field("state", &self.state)
            .finish_non_exhaustive()
    }
}

/// One result of a page of `O`.
pub type Item<O> = <<O as PageItems>::Items as IntoIterator>::Item;

/// The results of every page of a paginated operation `O`, one by one: what
/// [`Paginator::items`] returns. It ends when the pages do; an error ends it after it is
/// yielded.
pub struct Items<'c, O: PageItems, T> {
    pages: Paginator<'c, O, T>,
    /// The rest of the current page's results.
    current: Option<<O::Items as IntoIterator>::IntoIter>,
}

// As for `Paginator`: nothing is pinned in place.
impl<O: PageItems, T> Unpin for Items<'_, O, T> {}

impl<'c, O: PageItems, T> Items<'c, O, T> {
    /// The paginator the results come from (its page count, whether it was truncated).
    pub fn pages(&self) -> &Paginator<'c, O, T> {
        &self.pages
    }
}

impl<'c, O, T> Items<'c, O, T>
where
    O: PageItems + 'c,
    O::Error: Send,
    O::Output: Send,
    T: Transport + 'c,
{
    /// The next result: `None` once the pages have ended.
    pub async fn next(&mut self) -> Option<Result<Item<O>, InvokeError<O::Error>>> {
        poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<'c, O, T> Stream for Items<'c, O, T>
where
    O: PageItems + 'c,
    O::Error: Send,
    O::Output: Send,
    T: Transport + 'c,
{
    type Item = Result<Item<O>, InvokeError<O::Error>>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.current.as_mut().and_then(Iterator::next) {
                return Poll::Ready(Some(Ok(item)));
            }
            this.current = None;
            // An empty page goes straight on to the next one: no result to yield, and the
            // paginator bounds how many pages that can be.
            match Pin::new(&mut this.pages).poll_next(cx) {
                Poll::Ready(Some(Ok(mut output))) => {
                    this.current = O::take_items(&mut output).map(IntoIterator::into_iter);
                }
                Poll::Ready(Some(Err(error))) => return Poll::Ready(Some(Err(error))),
                Poll::Ready(None) => return Poll::Ready(None),
                Poll::Pending => return Poll::Pending,
            }
        }
    }
}

impl<O: PageItems, T> fmt::Debug for Items<'_, O, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Items")
            .field("pages", &self.pages)
            .finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests;
