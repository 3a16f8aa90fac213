//! The `types` module: one Rust item per structure, union and enum.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::rust_type::{default_expr, field_type, rust_type, Scope};
use super::serde_attrs::{self, Names, Naming};
use super::summaries::{field_summary, member_summary, shape_summary, type_summary};
use super::{doc_attrs, docs_or_summary, ident, model_docs};
use crate::ir::{
    Enum, Field, IntEnum, OptionalDerive, Service, Struct, StructRole, TypeDef, TypeKind, Union,
};

/// What `Debug` prints instead of a sensitive value.
const REDACTED: &str = "*** Sensitive Data Redacted ***";

/// Clippy's default limit for function arguments.
const MAX_ARGUMENTS: usize = 7;

/// Clippy's default `disallowed-names`: placeholder names it warns about.
const CLIPPY_PLACEHOLDERS: &[&str] = &["foo", "baz", "quux"];

/// All type definitions, in shape-id order.
pub fn emit(service: &Service) -> TokenStream {
    let items = service.types.values().map(|def| match &def.kind {
        TypeKind::Struct(s) => structure(service, def, s),
        TypeKind::Union(u) => union(service, def, u),
        TypeKind::Enum(e) => string_enum(service, def, e),
        TypeKind::IntEnum(e) => int_enum(service, def, e),
    });
    quote!(#(#items)*)
}

/// `#[derive(...)]` of `traits`, plus `Debug` unless the type redacts itself.
///
/// Derives are named bare: derive macros live in the macro namespace, where no model type can
/// shadow them (and the short list stays on one line).
fn derive(traits: TokenStream, with_debug: bool) -> TokenStream {
    let debug = with_debug.then(|| quote!(, Debug));
    quote!(#[derive(#traits #debug)])
}

/// The derives of a structure or union. When every value it can hold has `Eq` and `Hash` (see
/// `ir::equality`), [`eq_impl`] goes beside it, and `Hash` as `service.hash` says: in a crate,
/// behind its `hash` feature, since the derive costs about 5% of the crate's debug build and few
/// users key maps by whole structures (the official AWS SDK derives it on none).
fn struct_derives(service: &Service, def: &TypeDef, with_debug: bool) -> TokenStream {
    let derives = |hash| derive(quote!(Clone, PartialEq #hash), with_debug);
    match (def.eq_hash, service.hash) {
        (true, OptionalDerive::Always) => derives(quote!(, Hash)),
        (true, OptionalDerive::Feature) => {
            let derives = derives(TokenStream::new());
            let feature = super::HASH;
            quote!(#derives #[cfg_attr(feature = #feature, derive(Hash))])
        }
        _ => derives(TokenStream::new()),
    }
}

/// `impl Eq` for a structure or union whose members all have `Eq` (`ir::equality` decides
/// that), written empty rather than derived: `#[derive(Eq)]` adds a hidden method asserting
/// each member's `Eq`, which `ir::equality` has already established, and type-checking those
/// assertions for some 300 GameLift types cost about 6% of the crate's debug build.
fn eq_impl(def: &TypeDef) -> TokenStream {
    if !def.eq_hash {
        return TokenStream::new();
    }
    let name = ident(&def.name);
    quote!(impl ::std::cmp::Eq for #name {})
}

fn structure(service: &Service, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let role_note: &[&str] = match s.role {
        StructRole::Input => &["An operation input: every member is optional on the wire; `new` takes the `@required` ones."],
        StructRole::Error { .. } => &["A modeled error of the service."],
        _ => &[],
    };
    let docs = docs_or_summary(
        def.docs.as_deref(),
        || type_summary(service, def),
        role_note,
    );
    let naming = Naming::choose(
        Names::Fields,
        s.fields
            .iter()
            .map(|f| (f.rust_name.as_str(), f.member_name.as_str())),
    );
    let fields = s.fields.iter().map(|f| {
        let field_name = ident(&f.rust_name);
        let serde = serde_attrs::member(service, &naming, &f.rust_name, &f.member_name);
        let ty = field_type(service, &f.ty, f.optional, f.boxed, Scope::Types);
        let note = format!("_Required_ (`{}`).", f.member_name);
        let notes: &[&str] = if f.required { &[&note] } else { &[] };
        let doc = docs_or_summary(f.docs.as_deref(), || field_summary(f), notes);
        quote! {
            #doc
            #serde
            pub #field_name: #ty,
        }
    });
    let needs_debug_impl = def.sensitive || s.fields.iter().any(|f| f.sensitive);
    let derives = struct_derives(service, def, !needs_debug_impl);
    let serde = serde_attrs::container(service, &naming);
    let debug = needs_debug_impl.then(|| struct_debug(def, s));
    let constructor = constructor(service, def, s);
    let eq = eq_impl(def);
    quote! {
        #docs
        #derives
        #serde
        #[non_exhaustive]
        pub struct #name {
            #(#fields)*
        }

        #eq
        #constructor
        #debug
    }
}

/// `new(required…)`: every `@required` (or otherwise non-optional) member is an
/// argument, so forgetting one is a compile error; the rest start unset or at
/// their `@default`.
fn constructor(service: &Service, def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let is_argument = Field::is_constructor_argument;
    let params = s.fields.iter().filter(|f| is_argument(f)).map(|f| {
        let field_name = ident(&f.rust_name);
        let ty = rust_type(service, &f.ty, Scope::Types);
        quote!(#field_name: #ty)
    });
    let inits = s.fields.iter().map(|f| {
        let field_name = ident(&f.rust_name);
        let value = if is_argument(f) {
            if !f.boxed && !f.optional {
                return quote!(#field_name,);
            }
            quote!(#field_name)
        } else if let Some(default) = &f.default {
            default_expr(service, &f.ty, default, Scope::Types)
        } else if f.optional {
            return quote!(#field_name: ::std::option::Option::None,);
        } else {
            quote!(::std::default::Default::default())
        };
        let value = if f.boxed && (is_argument(f) || f.default.is_some()) {
            quote!(::std::boxed::Box::new(#value))
        } else {
            value
        };
        let value = if f.optional && (is_argument(f) || f.default.is_some()) {
            quote!(::std::option::Option::Some(#value))
        } else {
            value
        };
        quote!(#field_name: #value,)
    });
    let argument_count = s.fields.iter().filter(|f| is_argument(f)).count();
    let allow =
        (argument_count > MAX_ARGUMENTS).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    // Members called `foo` or `baz` make parameters Clippy takes for placeholders.
    let placeholder = s
        .fields
        .iter()
        .any(|f| is_argument(f) && CLIPPY_PLACEHOLDERS.contains(&f.rust_name.as_str()));
    let allow_placeholder = placeholder.then(|| quote!(#[allow(clippy::disallowed_names)]));
    let doc = if argument_count == 0 {
        "Creates a value with every member unset or at its default."
    } else {
        "Creates a value from its required members; the others start unset or at their default."
    };
    let doc = doc_attrs(doc);
    // Clippy (rightly) expects `Default` wherever `new()` takes nothing.
    let default = (argument_count == 0).then(|| {
        quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    quote! {
        impl #name {
            #doc
            #allow
            #allow_placeholder
            pub fn new(#(#params),*) -> Self {
                Self { #(#inits)* }
            }
        }
        #default
    }
}

fn struct_debug(def: &TypeDef, s: &Struct) -> TokenStream {
    let name = ident(&def.name);
    let label = &def.name;
    let body = if def.sensitive {
        let text = format!("{label} {{ {REDACTED} }}");
        quote!(f.write_str(#text))
    } else {
        let fields = s.fields.iter().map(|f| {
            let field_name = ident(&f.rust_name);
            let shown = f.rust_name.trim_start_matches("r#");
            if f.sensitive {
                quote!(.field(#shown, &::std::format_args!(#REDACTED)))
            } else {
                quote!(.field(#shown, &self.#field_name))
            }
        });
        quote!(f.debug_struct(#label) #(#fields)* .finish())
    };
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                #body
            }
        }
    }
}

fn union(service: &Service, def: &TypeDef, u: &Union) -> TokenStream {
    let name = ident(&def.name);
    let docs = docs_or_summary(def.docs.as_deref(), || type_summary(service, def), &[]);
    let unknown = ident(&u.unknown_variant);
    let naming = Naming::choose(
        Names::Variants,
        u.variants
            .iter()
            .map(|v| (v.rust_name.as_str(), v.member_name.as_str())),
    );
    let variants = u.variants.iter().map(|v| {
        let variant = ident(&v.rust_name);
        let doc = docs_or_summary(v.docs.as_deref(), || member_summary(&v.member_name), &[]);
        let serde = serde_attrs::member(service, &naming, &v.rust_name, &v.member_name);
        match &v.ty {
            Some(ty) => {
                let ty = field_type(service, ty, false, v.boxed, Scope::Types);
                quote!(#doc #serde #variant(#ty),)
            }
            None => quote!(#doc #serde #variant,),
        }
    });
    let needs_debug_impl = def.sensitive || u.variants.iter().any(|v| v.sensitive);
    let derives = struct_derives(service, def, !needs_debug_impl);
    let serde = serde_attrs::container(service, &naming);
    let skip_unknown = serde_attrs::skip(service);
    let eq = eq_impl(def);
    let debug = needs_debug_impl.then(|| {
        let label = &def.name;
        let arms = u.variants.iter().map(|v| {
            let variant = ident(&v.rust_name);
            let shown = format!("{label}::{}", v.rust_name);
            match (&v.ty, v.sensitive || def.sensitive) {
                (None, _) => quote!(Self::#variant => f.write_str(#shown),),
                (Some(_), true) => quote!(Self::#variant(_) => f.debug_tuple(#shown).field(&::std::format_args!(#REDACTED)).finish(),),
                (Some(_), false) => quote!(Self::#variant(value) => f.debug_tuple(#shown).field(value).finish(),),
            }
        });
        let unknown_label = format!("{label}::{}", u.unknown_variant);
        quote! {
            impl ::std::fmt::Debug for #name {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match self {
                        #(#arms)*
                        Self::#unknown(member) => f.debug_tuple(#unknown_label).field(member).finish(),
                    }
                }
            }
        }
    });
    let unknown_doc =
        doc_attrs("A member this client does not know, by its name (a newer service may send it).");
    quote! {
        #docs
        // A union holds one member; boxing the large ones would cost every user an indirection.
        #[allow(clippy::large_enum_variant)]
        #derives
        #serde
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            #unknown_doc
            #skip_unknown
            #unknown(::smithy_runtime::UnknownVariant),
        }
        #eq
        #debug
    }
}

fn string_enum(service: &Service, def: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let docs = docs_or_summary(def.docs.as_deref(), || shape_summary(def), &[]);
    let unknown = ident(&e.unknown_variant);
    let variants = e.cases.iter().map(|c| {
        let variant = ident(&c.rust_name);
        let mut doc = model_docs(c.docs.as_deref());
        if doc.is_empty() {
            doc = doc_attrs(&format!("`{}`", c.wire_value.replace('`', "'")));
        }
        quote!(#doc #variant,)
    });
    let to_str = e.cases.iter().map(|c| {
        let variant = ident(&c.rust_name);
        let wire = &c.wire_value;
        quote!(Self::#variant => #wire,)
    });
    let known = e.cases.iter().enumerate().map(|(position, c)| {
        let variant = ident(&c.rust_name);
        let position = Literal::usize_unsuffixed(position);
        quote!(Some(#position) => Self::#variant,)
    });
    let values = e.cases.iter().map(|c| &c.wire_value);
    let debug = if def.sensitive {
        enum_debug(def)
    } else {
        string_enum_debug(def, e)
    };
    let derives = derive(quote!(Clone, PartialEq, Eq, Hash), false);
    let serde = serde_attrs::enum_impls(service, &name, false);
    quote! {
        #docs
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know, kept exactly as received: `From` gives the
            /// known variant for every known value, so this one never holds one.
            #unknown(::smithy_runtime::UnknownValue),
        }

        impl #name {
            /// The wire values of the known variants, in model order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The exact wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::#unknown(value) => value.as_str(),
                }
            }
        }

        impl ::std::convert::From<&str> for #name {
            /// The variant of `value`, found by its position in `VALUES` (which builds faster
            /// than a `match` over string literals).
            fn from(value: &str) -> Self {
                match ::smithy_runtime::known_value_position(Self::VALUES, value) {
                    #(#known)*
                    _ => Self::#unknown(::smithy_runtime::UnknownValue::from_unmatched(value)),
                }
            }
        }

        impl ::std::convert::From<::std::string::String> for #name {
            fn from(value: ::std::string::String) -> Self {
                Self::from(value.as_str())
            }
        }

        impl ::std::str::FromStr for #name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(Self::from(value))
            }
        }

        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        #debug
        #serde
    }
}

fn int_enum(service: &Service, def: &TypeDef, e: &IntEnum) -> TokenStream {
    let name = ident(&def.name);
    let docs = docs_or_summary(def.docs.as_deref(), || shape_summary(def), &[]);
    let unknown = ident(&e.unknown_variant);
    let variants = e.cases.iter().map(|c| {
        let variant = ident(&c.rust_name);
        let mut doc = model_docs(c.docs.as_deref());
        if doc.is_empty() {
            doc = doc_attrs(&format!("`{}`", c.value));
        }
        quote!(#doc #variant,)
    });
    let to_int = e.cases.iter().map(|c| {
        let variant = ident(&c.rust_name);
        let value = Literal::i32_unsuffixed(c.value);
        quote!(Self::#variant => #value,)
    });
    let from_int = e.cases.iter().map(|c| {
        let variant = ident(&c.rust_name);
        let value = Literal::i32_unsuffixed(c.value);
        quote!(#value => Self::#variant,)
    });
    let debug = enum_debug(def);
    let derives = derive(quote!(Clone, Copy, PartialEq, Eq, Hash), !def.sensitive);
    let serde = serde_attrs::enum_impls(service, &name, true);
    quote! {
        #docs
        #derives
        #[non_exhaustive]
        pub enum #name {
            #(#variants)*
            /// A value this client does not know, kept exactly as received: `From` gives the
            /// known variant for every known value, so this one never holds one.
            #unknown(::smithy_runtime::UnknownIntValue),
        }

        impl #name {
            /// The wire value.
            pub fn value(self) -> i32 {
                match self {
                    #(#to_int)*
                    Self::#unknown(value) => value.value(),
                }
            }
        }

        impl ::std::convert::From<i32> for #name {
            fn from(value: i32) -> Self {
                match value {
                    #(#from_int)*
                    other => Self::#unknown(::smithy_runtime::UnknownIntValue::from_unmatched(other)),
                }
            }
        }
        #debug
        #serde
    }
}

/// `Debug` for a `@sensitive` enum hides the value.
/// `Debug` of a string enum, printing what the derive would (`C5Large`, `Unknown("c9.huge")`)
/// from a `match` of constants: the derive's one `write_str` call per variant costs more to
/// build, which shows with hundreds of variants.
fn string_enum_debug(def: &TypeDef, e: &Enum) -> TokenStream {
    let name = ident(&def.name);
    let unknown = ident(&e.unknown_variant);
    let unknown_name = e.unknown_variant.trim_start_matches("r#");
    let arms = e.cases.iter().map(|c| {
        let variant = ident(&c.rust_name);
        let text = c.rust_name.trim_start_matches("r#");
        quote!(Self::#variant => #text,)
    });
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                let variant = match self {
                    #(#arms)*
                    Self::#unknown(value) => return f.debug_tuple(#unknown_name).field(value).finish(),
                };
                f.write_str(variant)
            }
        }
    }
}

fn enum_debug(def: &TypeDef) -> TokenStream {
    if !def.sensitive {
        return TokenStream::new();
    }
    let name = ident(&def.name);
    let text = format!("{}({REDACTED})", def.name);
    quote! {
        impl ::std::fmt::Debug for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(#text)
            }
        }
    }
}
