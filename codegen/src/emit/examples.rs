//! The usage example in each client method's docs: build the client, build the input with
//! `new(required…)` from placeholder values of the right types, call, use the output.
//!
//! Written from the IR alone (never from model text), so it compiles whatever the model says:
//! `cargo test --doc` builds every one (`no_run`: they would call the service). Only a crate
//! gets them: a doctest names items by their path from the crate root, which an `include!`d
//! file does not know.

use proc_macro2::TokenStream;
use quote::quote;

use super::ident;
use crate::ir::{Operation, Service, Struct, TypeDef, TypeKind, TypeRef};
use crate::model::ShapeId;

/// The Markdown `# Example` section for `op`'s client method in the crate whose library is
/// `library`, or `None` when no input can be built (every way to fill a required member
/// recurses into itself).
pub fn operation_example(service: &Service, op: &Operation, library: &str) -> Option<String> {
    let krate = ident(library);
    let method = ident(&op.fn_name);
    // A unit input is passed as `()`, with nothing to import or build.
    let (import, input, argument) = match &op.input {
        Some(id) => {
            let value = named(service, id, &mut Vec::new())?;
            (
                Some(quote!(use #krate::types;)),
                Some(quote!(let input = #value;)),
                quote!(input),
            )
        }
        None => (None, None, quote!(())),
    };
    let call = match op.output {
        Some(_) => quote! {
            let output = client.#method(#argument).await?;
            println!("{output:?}");
        },
        None => quote!(client.#method(#argument).await?;),
    };
    let allow = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    // The futures need an async runtime (the default transport runs on tokio), which the
    // generated crate does not depend on: the example is the body of an async function.
    let function = quote! {
        #allow
        async fn example() -> Result<(), Box<dyn std::error::Error>> {
            #import
            let client = #krate::client::Client::from_env()?;
            #input
            #call
            Ok(())
        }
    };
    let file: syn::File = syn::parse2(function).ok()?;
    let code = doctest_lines(&prettyplease::unparse(&file));
    Some(format!("# Example\n\n```no_run\n{code}```"))
}

/// The formatted function as doctest lines: its body shown, the rest hidden (`# `).
fn doctest_lines(function: &str) -> String {
    let mut out = String::new();
    for line in function.lines() {
        match line.strip_prefix("    ") {
            Some(body) if body.trim() != "Ok(())" => {
                out.push_str(body);
                // prettyplease keeps no blank lines: one after the import reads better.
                if body.starts_with("use ") {
                    out.push('\n');
                }
            }
            _ if line.is_empty() => {}
            _ => {
                out.push_str("# ");
                out.push_str(line.trim_start());
            }
        }
        out.push('\n');
    }
    out
}

/// A placeholder of type `ty`, or `None` when it cannot be built without recursing into a
/// type on `path` (the types being built around it).
fn placeholder<'a>(
    service: &'a Service,
    ty: &'a TypeRef,
    path: &mut Vec<&'a ShapeId>,
) -> Option<TokenStream> {
    Some(match ty {
        TypeRef::Blob => quote!(smithy_runtime::Blob::new("example")),
        TypeRef::Boolean => quote!(false),
        TypeRef::String => quote!("example".to_owned()),
        TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long => quote!(1),
        TypeRef::Float | TypeRef::Double => quote!(1.0),
        TypeRef::BigInteger | TypeRef::BigDecimal => quote!("1".parse()?),
        TypeRef::Timestamp(_) => quote!(smithy_runtime::Timestamp::from_secs(0)),
        TypeRef::Document => quote!(smithy_runtime::Document::Null),
        TypeRef::List { .. } => quote!(vec![]),
        TypeRef::Map { .. } => quote!(std::collections::BTreeMap::new()),
        TypeRef::Named(id) => named(service, id, path)?,
    })
}

/// A value of the named type `id`: a structure from `new`, a union's first member that can
/// be built, an enum's first value.
fn named<'a>(
    service: &'a Service,
    id: &'a ShapeId,
    path: &mut Vec<&'a ShapeId>,
) -> Option<TokenStream> {
    let def = service.types.get(id)?;
    if path.contains(&id) {
        return None;
    }
    path.push(id);
    let value = value_of(service, def, path);
    path.pop();
    value
}

fn value_of<'a>(
    service: &'a Service,
    def: &'a TypeDef,
    path: &mut Vec<&'a ShapeId>,
) -> Option<TokenStream> {
    let name = ident(&def.name);
    Some(match &def.kind {
        TypeKind::Struct(s) => {
            let arguments = constructor_arguments(service, s, path)?;
            quote!(types::#name::new(#(#arguments),*))
        }
        TypeKind::Union(u) => u.variants.iter().find_map(|v| {
            let variant = ident(&v.rust_name);
            match &v.ty {
                Some(ty) => {
                    let value = placeholder(service, ty, path)?;
                    let value = if v.boxed {
                        quote!(Box::new(#value))
                    } else {
                        value
                    };
                    Some(quote!(types::#name::#variant(#value)))
                }
                None => Some(quote!(types::#name::#variant)),
            }
        })?,
        TypeKind::Enum(e) => match e.cases.first() {
            Some(case) => {
                let variant = ident(&case.rust_name);
                quote!(types::#name::#variant)
            }
            None => quote!(types::#name::from("example")),
        },
        TypeKind::IntEnum(e) => match e.cases.first() {
            Some(case) => {
                let variant = ident(&case.rust_name);
                quote!(types::#name::#variant)
            }
            None => quote!(types::#name::from(1)),
        },
    })
}

fn constructor_arguments<'a>(
    service: &'a Service,
    s: &'a Struct,
    path: &mut Vec<&'a ShapeId>,
) -> Option<Vec<TokenStream>> {
    s.fields
        .iter()
        .filter(|f| f.is_constructor_argument())
        .map(|f| placeholder(service, &f.ty, path))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::doctest_lines;

    #[test]
    fn the_function_body_is_shown_and_the_rest_hidden() {
        let function = "#[allow(deprecated)]\n\
                        async fn example() -> Result<(), Box<dyn std::error::Error>> {\n    \
                        use krate::types;\n    \
                        let input = types::Input::new(\n        \
                        \"example\".to_owned(),\n    \
                        );\n    \
                        Ok(())\n\
                        }\n";
        assert_eq!(
            doctest_lines(function),
            "# #[allow(deprecated)]\n\
             # async fn example() -> Result<(), Box<dyn std::error::Error>> {\n\
             use krate::types;\n\
             \n\
             let input = types::Input::new(\n    \
             \"example\".to_owned(),\n\
             );\n\
             # Ok(())\n\
             # }\n"
        );
    }
}
