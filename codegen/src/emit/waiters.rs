//! The `waiters` module: each waiter's acceptors as a `static` `smithy_runtime::waiter::Waiter`
//! and one client method, `wait_until_<name>(input, max_wait)`, returning the runtime's `Wait`.
//! The polling, matching and backoff are the runtime's, compiled once.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::operations::named;
use super::{doc_attrs, docs_with_notes, ident};
use crate::ir::waiters::{Comparator, Matcher, PathMatcher, State, Waiter};
use crate::ir::{Operation, Service};

/// The statics and the `impl Client` block with the waiter methods.
pub fn emit(service: &Service) -> TokenStream {
    let waited = || {
        service
            .operations
            .iter()
            .filter(|op| !op.event_stream)
            .flat_map(|op| op.waiters.iter().map(move |w| (op, w)))
    };
    let statics = waited().map(|(op, waiter)| waiter_static(op, waiter));
    let methods = waited().map(|(op, waiter)| method(service, op, waiter));
    quote! {
        #(#statics)*

        impl<T: ::smithy_runtime::Transport> super::client::Client<T> {
            #(#methods)*
        }
    }
}

fn waiter_static(op: &Operation, waiter: &Waiter) -> TokenStream {
    let name = ident(&waiter.static_name);
    let doc = format!(
        "The acceptors of `{}` (operation `{}`).",
        waiter.name, op.wire_name
    );
    let doc = doc_attrs(&doc);
    let model_name = &waiter.name;
    let min = Literal::u64_unsuffixed(waiter.min_delay);
    let max = Literal::u64_unsuffixed(waiter.max_delay);
    let acceptors = waiter.acceptors.iter().map(|a| {
        let state = match a.state {
            State::Success => quote!(Success),
            State::Failure => quote!(Failure),
            State::Retry => quote!(Retry),
        };
        let matcher = matcher(&a.matcher);
        quote!(W::Acceptor { state: W::State::#state, matcher: #matcher },)
    });
    quote! {
        #doc
        pub static #name: ::smithy_runtime::waiter::Waiter = {
            use ::smithy_runtime::waiter as W;
            W::Waiter {
                name: #model_name,
                min_delay: ::std::time::Duration::from_secs(#min),
                max_delay: ::std::time::Duration::from_secs(#max),
                acceptors: &[#(#acceptors)*],
            }
        };
    }
}

fn matcher(matcher: &Matcher) -> TokenStream {
    match matcher {
        Matcher::Output(p) => {
            let p = path(p);
            quote!(W::Matcher::Output(#p))
        }
        Matcher::InputOutput(p) => {
            let p = path(p);
            quote!(W::Matcher::InputOutput(#p))
        }
        Matcher::Success(b) => quote!(W::Matcher::Success(#b)),
        Matcher::ErrorType(code) => quote!(W::Matcher::ErrorType(#code)),
    }
}

fn path(p: &PathMatcher) -> TokenStream {
    let (path, expected) = (&p.path, &p.expected);
    let comparator = match p.comparator {
        Comparator::StringEquals => quote!(StringEquals),
        Comparator::BooleanEquals => quote!(BooleanEquals),
        Comparator::AllStringEquals => quote!(AllStringEquals),
        Comparator::AnyStringEquals => quote!(AnyStringEquals),
    };
    quote!(W::PathMatcher { path: #path, expected: #expected, comparator: W::Comparator::#comparator })
}

fn method(service: &Service, op: &Operation, waiter: &Waiter) -> TokenStream {
    let fn_name = ident(&waiter.fn_name);
    let op_type = ident(&op.type_name);
    let input = named(service, op.input.as_ref());
    let error = ident(&op.error_type);
    let static_name = ident(&waiter.static_name);
    let note = format!(
        "Waiter `{}`: calls `{}` until the resource reaches the state, at most `max_wait`, with \
         delays from {} s to {} s between attempts (`min_delay`/`max_delay` on the returned \
         `Wait` change them). Awaiting the `Wait` gives the response that ended it, or a \
         `smithy_runtime::waiter::WaiterError`.",
        waiter.name, op.wire_name, waiter.min_delay, waiter.max_delay
    );
    let docs = docs_with_notes(waiter.docs.as_deref(), &[&note]);
    let deprecated = waiter.deprecated.then(|| quote!(#[deprecated]));
    let allow = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    quote! {
        #docs
        #deprecated
        #allow
        pub fn #fn_name(
            &self,
            input: #input,
            max_wait: ::std::time::Duration,
        ) -> ::smithy_runtime::waiter::Wait<'_, super::operations::#op_type, T> {
            ::smithy_runtime::waiter::Wait::new(
                self.transport(),
                self.config(),
                input,
                &#static_name,
                super::errors::#error::code,
                max_wait,
            )
        }
    }
}
