//! The `paginators` module: for each operation with a valid `@paginated`, the small impls of
//! `smithy_runtime::paginator`'s traits (where the tokens, the page size and the results are)
//! and a client method returning a `smithy_runtime::Paginator`. The loop itself is the
//! runtime's, compiled once; the client method is generic over the transport, so nothing here
//! is instantiated until a user pages through an operation.

use proc_macro2::TokenStream;
use quote::quote;

use super::operations::named;
use super::rust_type::{rust_type, Scope};
use super::{docs_with_notes, ident, Module};
use crate::ir::paginators::{Paginator, Step};
use crate::ir::{Operation, Service, TypeRef};

/// The module, when an operation of the service is paginated.
pub fn module(service: &Service) -> Option<Module<'_>> {
    service.paginated().next()?;
    Some(Module {
        name: "paginators",
        doc: "Paginators: `Client::<operation>_paginator` for every paginated operation, over \
              the runtime's `Paginator` (see `smithy_runtime::paginator`)."
            .to_owned(),
        items: Box::new(move || emit(service)),
        test_only: false,
        feature: None,
    })
}

fn emit(service: &Service) -> TokenStream {
    let impls = service
        .paginated()
        .map(|(op, p)| trait_impls(service, op, p));
    let methods = service
        .paginated()
        .map(|(op, p)| client_method(service, op, p));
    quote! {
        #(#impls)*

        impl<T: ::smithy_runtime::Transport> super::client::Client<T> {
            #(#methods)*
        }
    }
}

/// `Paginated`, and `PageSize` and `PageItems` where the model names them, for the operation.
fn trait_impls(service: &Service, op: &Operation, p: &Paginator) -> TokenStream {
    let name = ident(&op.type_name);
    let allow_deprecated = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    let set_token = assign(&p.input_token, quote!(token));
    let token = read_token(quote!(input), std::slice::from_ref(&p.input_token));
    let next_token = read_token(quote!(output), &p.output_token);
    let token_type = rust_type(service, &p.token, Scope::Sibling);
    let page_size = p.page_size.as_ref().map(|size| {
        // Saturated into a narrower type: a page size beyond its range means "as many as
        // possible" (or is invalid either way, when negative).
        let value = match size.ty {
            TypeRef::Long => quote!(i64::from(size)),
            TypeRef::Short => quote!(i16::try_from(size).unwrap_or(i16::MAX)),
            TypeRef::Byte => quote!(i8::try_from(size).unwrap_or(i8::MAX)),
            _ => quote!(size),
        };
        let set = assign(&size.step, value);
        quote! {
            #allow_deprecated
            impl ::smithy_runtime::PageSize for super::operations::#name {
                fn set_page_size(input: &mut Self::Input, size: i32) {
                    #set
                }
            }
        }
    });
    let items = p.items.as_ref().map(|items| {
        let ty = rust_type(service, &items.ty, Scope::Sibling);
        let take = take_items(&items.path);
        quote! {
            #allow_deprecated
            impl ::smithy_runtime::PageItems for super::operations::#name {
                type Items = #ty;

                fn take_items(output: &mut Self::Output) -> Option<Self::Items> {
                    #take
                }
            }
        }
    });
    quote! {
        #allow_deprecated
        impl ::smithy_runtime::Paginated for super::operations::#name {
            type Token = #token_type;

            fn token(input: &Self::Input) -> Option<&Self::Token> {
                #token
            }

            fn set_token(input: &mut Self::Input, token: Self::Token) {
                #set_token
            }

            fn next_token(output: &Self::Output) -> Option<&Self::Token> {
                #next_token
            }
        }

        #page_size
        #items
    }
}

/// `input.field = value` (in `Some` for an optional field).
fn assign(step: &Step, value: TokenStream) -> TokenStream {
    let field = ident(&step.field);
    match (step.optional, step.boxed) {
        (true, false) => quote!(input.#field = Some(#value);),
        (true, true) => quote!(input.#field = Some(Box::new(#value));),
        (false, false) => quote!(input.#field = #value;),
        (false, true) => quote!(input.#field = Box::new(#value);),
    }
}

/// The structures on the way to the last step, from `root`: `?` out of a missing one.
fn walk(root: TokenStream, path: &[Step], mutable: bool) -> TokenStream {
    path.iter().fold(root, |at, step| {
        let field = ident(&step.field);
        match (step.optional, mutable) {
            (true, false) => quote!(#at.#field.as_ref()?),
            (true, true) => quote!(#at.#field.as_mut()?),
            (false, _) => quote!(#at.#field),
        }
    })
}

/// The token at `path` from `root` (`input` or `output`) as an `Option<&Token>`.
fn read_token(root: TokenStream, path: &[Step]) -> TokenStream {
    let Some((last, parents)) = path.split_last() else {
        return quote!(None);
    };
    let at = walk(root, parents, false);
    let field = ident(&last.field);
    match (last.optional, last.boxed) {
        (true, false) => quote!(#at.#field.as_ref()),
        (true, true) => quote!(#at.#field.as_deref()),
        (false, false) => quote!(Some(&#at.#field)),
        (false, true) => quote!(Some(&*#at.#field)),
    }
}

/// The results at `path`, taken out of the output.
fn take_items(path: &[Step]) -> TokenStream {
    let Some((last, parents)) = path.split_last() else {
        return quote!(None);
    };
    let at = walk(quote!(output), parents, true);
    let field = ident(&last.field);
    match (last.optional, last.boxed) {
        (true, false) => quote!(#at.#field.take()),
        (true, true) => quote!(#at.#field.take().map(|items| *items)),
        (false, false) => quote!(Some(::std::mem::take(&mut #at.#field))),
        (false, true) => quote!(Some(::std::mem::take(&mut *#at.#field))),
    }
}

/// `Client::<operation>_paginator(input)`.
fn client_method(service: &Service, op: &Operation, p: &Paginator) -> TokenStream {
    let method = ident(&p.method);
    let name = ident(&op.type_name);
    let input = named(service, op.input.as_ref());
    let doc = docs(op, p);
    let deprecated = op
        .deprecated
        .then(|| quote!(#[deprecated] #[allow(deprecated)]));
    quote! {
        #doc
        #deprecated
        pub fn #method(
            &self,
            input: #input,
        ) -> ::smithy_runtime::Paginator<'_, super::operations::#name, T> {
            ::smithy_runtime::Paginator::new(self.transport(), self.config(), input)
        }
    }
}

/// What the method pages through, in the model's names.
fn docs(op: &Operation, p: &Paginator) -> TokenStream {
    let s = &p.settings;
    let or_none = |name: &Option<String>| name.as_deref().unwrap_or_default().to_owned();
    let mut text = format!(
        "The pages of [`{shown}`](Self::{fn_name}) from `input` on: each output's `{output}` \
         goes back in as `{input}` until the service returns none (see \
         `smithy_runtime::Paginator`).",
        shown = op.fn_name.trim_start_matches("r#"),
        fn_name = op.fn_name,
        output = or_none(&s.output_token),
        input = or_none(&s.input_token),
    );
    if let Some(size) = &s.page_size {
        text.push_str(&format!(" `.page_size(n)` sets `{size}`."));
    }
    if let Some(items) = &s.items {
        text.push_str(&format!(
            " `.items()` yields the `{items}` of every page one by one."
        ));
    }
    docs_with_notes(None, &[&text])
}
