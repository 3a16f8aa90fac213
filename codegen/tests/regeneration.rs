//! Regenerating on a model update changes only what the update explains.
//!
//! GameLift's botocore description from two consecutive botocore releases
//! (`models/botocore/gamelift-1.43.127/` and `gamelift-1.44.0/`: five shapes added for game
//! session queue logging, six changed, one operation's documentation changed) is generated as a
//! crate twice. The model difference is computed per shape from the JSON AST the front end
//! gives (`smithy_codegen::model::to_json_ast`); the crate difference per item, by parsing every
//! generated file with `syn` (items of inline modules included). Every changed item must be
//! explained by a changed shape:
//!
//! - it is the Rust item of a changed shape: named after it (its type, its operation struct) or
//!   an impl for it (constructors, `Debug`, codecs, values, the `Operation` impl); the names come
//!   from the generator's IR of each model, so renamed shapes are followed; or
//! - it is one of the aggregates in [`AGGREGATES`], which list every operation (the client's
//!   methods, the error enums, the crate docs), and a shape of the kind it lists changed.
//!
//! An unexplained change fails the test; a second test removes one changed shape from the model
//! difference and checks that its items are then reported.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use quote::ToTokens;
use serde_json::Value;
use smithy_codegen::ir::{self, Selection};
use smithy_codegen::model::{load_files, to_json_ast, Model};
use smithy_codegen::Builder;

const OLD: &str = "gamelift-1.43.127";
const NEW: &str = "gamelift-1.44.0";

fn model_path(dir: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../models/botocore")
        .join(dir)
        .join("service-2.json")
}

/// What kind of shape changed, for the aggregates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Operation,
    Error,
    Service,
    Other,
}

/// Generated items that list every operation (or error): changed when a shape of one of the
/// kinds given changed. `(file, item subject or key, kinds, what it lists)`.
const AGGREGATES: &[(&str, &str, &[Kind], &str)] = &[
    (
        "src/client.rs",
        "Client",
        &[Kind::Operation],
        "one method per operation, documented with the operation's documentation",
    ),
    (
        "src/errors.rs",
        "Error",
        &[Kind::Operation, Kind::Error],
        "the service-wide error: a variant per error structure",
    ),
    (
        "src/lib.rs",
        "<inner attributes>",
        &[Kind::Operation, Kind::Service],
        "the crate documentation: the service's documentation and operations",
    ),
];

/// A model as the test sees it: every shape's JSON AST by id, its kind, and the Rust names the
/// generator gives shapes (type names; operation structs and error types).
struct ModelView {
    shapes: BTreeMap<String, Value>,
    kinds: BTreeMap<String, Kind>,
    rust_names: BTreeMap<String, BTreeSet<String>>,
}

fn model_view(dir: &str) -> ModelView {
    let model: Model = load_files(&[model_path(dir)]).unwrap();
    let ast = to_json_ast(&model);
    let shapes: BTreeMap<String, Value> = ast["shapes"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, shape)| (id.clone(), shape.clone()))
        .collect();
    let kinds = shapes
        .iter()
        .map(|(id, shape)| {
            let kind = match shape["type"].as_str() {
                Some("operation") => Kind::Operation,
                Some("service") => Kind::Service,
                Some("structure") if shape["traits"].get("smithy.api#error").is_some() => {
                    Kind::Error
                }
                _ => Kind::Other,
            };
            (id.clone(), kind)
        })
        .collect();
    let service = ir::resolve(&model, &Selection::default()).unwrap();
    let mut rust_names: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for def in service.types.values() {
        rust_names
            .entry(def.id.to_string())
            .or_default()
            .insert(def.name.clone());
    }
    for op in &service.operations {
        let names = rust_names.entry(op.id.to_string()).or_default();
        names.insert(op.type_name.clone());
        names.insert(op.error_type.clone());
    }
    ModelView {
        shapes,
        kinds,
        rust_names,
    }
}

/// `(file, item key)` → the item's tokens.
fn items(dir: &str) -> BTreeMap<(String, String), String> {
    let output = Builder::new()
        .model(model_path(dir))
        .crate_name("gamelift")
        .generate_crate()
        .unwrap();
    let mut items = BTreeMap::new();
    for file in &output.files {
        let path = file.path.to_string_lossy().into_owned();
        if !path.ends_with(".rs") {
            items.insert((path, "<file>".to_owned()), file.contents.clone());
            continue;
        }
        let parsed = syn::parse_file(&file.contents).unwrap();
        let attrs: String = parsed
            .attrs
            .iter()
            .map(|a| a.to_token_stream().to_string())
            .collect();
        items.insert((path.clone(), "<inner attributes>".to_owned()), attrs);
        collect(&path, "", &parsed.items, &mut items);
    }
    items
}

fn collect(
    file: &str,
    prefix: &str,
    list: &[syn::Item],
    out: &mut BTreeMap<(String, String), String>,
) {
    for item in list {
        if let syn::Item::Mod(m) = item {
            if let Some((_, inner)) = &m.content {
                collect(file, &format!("{prefix}{}::", m.ident), inner, out);
                continue;
            }
        }
        let base = format!("{prefix}{}", item_key(item));
        // Two items with one key (never expected) stay apart: `key #2`.
        let mut key = base.clone();
        let mut n = 1;
        while out.contains_key(&(file.to_owned(), key.clone())) {
            n += 1;
            key = format!("{base} #{n}");
        }
        out.insert((file.to_owned(), key), item.to_token_stream().to_string());
    }
}

/// `struct Name`, `impl Trait for Type`, `fn name`…: the Rust name an item is about is its last
/// word ([`subject`]).
fn item_key(item: &syn::Item) -> String {
    let last = |path: &syn::Path| {
        path.segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default()
    };
    match item {
        syn::Item::Struct(i) => format!("struct {}", i.ident),
        syn::Item::Enum(i) => format!("enum {}", i.ident),
        syn::Item::Type(i) => format!("type {}", i.ident),
        syn::Item::Fn(i) => format!("fn {}", i.sig.ident),
        syn::Item::Const(i) => format!("const {}", i.ident),
        syn::Item::Static(i) => format!("static {}", i.ident),
        syn::Item::Trait(i) => format!("trait {}", i.ident),
        syn::Item::Mod(i) => format!("mod {}", i.ident),
        syn::Item::Use(i) => format!("use {}", i.tree.to_token_stream()),
        // `serde_string_enum!(Name);`: about the type its first argument names.
        syn::Item::Macro(i) => {
            let subject = i.mac.tokens.clone().into_iter().next();
            match subject {
                Some(first) => format!("macro {} {first}", last(&i.mac.path)),
                None => format!("macro {}", last(&i.mac.path)),
            }
        }
        syn::Item::Impl(i) => {
            let self_ty = match &*i.self_ty {
                syn::Type::Path(p) => last(&p.path),
                other => other.to_token_stream().to_string(),
            };
            match &i.trait_ {
                Some((path, _)) => {
                    // `From<&str>` and `From<String>` are two impls.
                    let name = path
                        .segments
                        .last()
                        .map(|s| s.to_token_stream().to_string())
                        .unwrap_or_default();
                    format!("impl {name} for {self_ty}")
                }
                None => format!("impl {self_ty}"),
            }
        }
        other => format!("item {}", other.to_token_stream()),
    }
}

/// The Rust name an item key is about: the type of an impl, the name of anything else.
fn subject(key: &str) -> &str {
    let key = key.split(" #").next().unwrap_or(key);
    key.rsplit(' ').next().unwrap_or(key)
}

/// The shapes that differ between two models (added, removed or changed).
fn model_changes(old: &ModelView, new: &ModelView) -> BTreeSet<String> {
    old.shapes
        .keys()
        .chain(new.shapes.keys())
        .filter(|id| old.shapes.get(*id) != new.shapes.get(*id))
        .cloned()
        .collect()
}

/// What changed between two crates: `(file, item key)` → `changed`, `added` or `removed`.
fn crate_changes(
    old: &BTreeMap<(String, String), String>,
    new: &BTreeMap<(String, String), String>,
) -> BTreeMap<(String, String), &'static str> {
    old.keys()
        .chain(new.keys())
        .filter(|key| old.get(*key) != new.get(*key))
        .map(|key| {
            let how = match (old.contains_key(key), new.contains_key(key)) {
                (true, true) => "changed",
                (false, true) => "added",
                _ => "removed",
            };
            (key.clone(), how)
        })
        .collect()
}

/// Why each changed item changed (`Ok`: the explaining shapes or aggregate) or that nothing
/// explains it (`Err`).
fn explain(
    changes: &BTreeMap<(String, String), &'static str>,
    changed_shapes: &BTreeSet<String>,
    old: &ModelView,
    new: &ModelView,
) -> BTreeMap<(String, String), Result<String, String>> {
    // Rust name → the changed shapes with that name (in either model).
    let mut by_name: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut kinds: BTreeSet<Kind> = BTreeSet::new();
    for id in changed_shapes {
        for view in [old, new] {
            if let Some(names) = view.rust_names.get(id) {
                for name in names {
                    by_name.entry(name).or_default().insert(id);
                }
            }
            if let Some(kind) = view.kinds.get(id) {
                kinds.insert(*kind);
            }
        }
    }
    changes
        .iter()
        .map(|((file, key), how)| {
            let why = if let Some(ids) = by_name.get(subject(key)) {
                Ok(format!("shape {ids:?}"))
            } else if let Some((_, _, _, what)) = AGGREGATES.iter().find(|(f, name, listed, _)| {
                f == file
                    && (subject(key) == *name || key == name)
                    && listed.iter().any(|k| kinds.contains(k))
            }) {
                Ok(format!("aggregate: {what}"))
            } else {
                Err(format!("{file}: {key} {how}, explained by no model change"))
            };
            ((file.clone(), key.clone()), why)
        })
        .collect()
}

#[test]
fn regenerated_crate_differs_only_where_the_model_does() {
    let (old, new) = (model_view(OLD), model_view(NEW));
    let changed_shapes = model_changes(&old, &new);
    let changes = crate_changes(&items(OLD), &items(NEW));
    let explained = explain(&changes, &changed_shapes, &old, &new);
    let unexplained: Vec<&String> = explained
        .values()
        .filter_map(|r| r.as_ref().err())
        .collect();
    assert!(
        unexplained.is_empty(),
        "changes no model change explains:\n  {}",
        unexplained
            .iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n  ")
    );
    // The update is real: shapes were added and changed, and the crate changed with them.
    let added = changed_shapes
        .iter()
        .filter(|id| !old.shapes.contains_key(*id))
        .count();
    assert!(
        added > 0 && added < changed_shapes.len(),
        "{changed_shapes:?}"
    );
    assert!(changes.values().any(|how| *how == "added"));
    assert!(changes.values().any(|how| *how == "changed"));
    // Every added shape that is a generated type or an operation shows in the crate. (A changed
    // one need not: a documentation change in whitespace only renders the same, as
    // `DescribeInstances` between botocore 1.43.100 and 1.44.0 shows.)
    let explaining: BTreeSet<&str> = explained
        .values()
        .filter_map(|r| r.as_ref().ok())
        .map(String::as_str)
        .collect();
    for id in changed_shapes
        .iter()
        .filter(|id| !old.shapes.contains_key(*id))
    {
        if new.rust_names.contains_key(id) {
            assert!(
                explaining
                    .iter()
                    .any(|why| why.contains(&format!("\"{id}\""))),
                "{id} was added, but no item of it was"
            );
        }
    }
    let line = format!(
        "regeneration: {} items changed, all explained by {} model changes\n",
        changes.len(),
        changed_shapes.len()
    );
    // Past the test harness's capture, like the protocol summaries.
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
}

/// The check can fail: without one of the changed shapes in the model difference, the items of
/// that shape are reported.
#[test]
fn an_unexplained_change_is_reported() {
    let (old, new) = (model_view(OLD), model_view(NEW));
    let mut changed_shapes = model_changes(&old, &new);
    let changes = crate_changes(&items(OLD), &items(NEW));
    let dropped = "com.amazonaws.gamelift#GameSessionQueueLogConfiguration";
    assert!(changed_shapes.remove(dropped));
    let unexplained: Vec<String> = explain(&changes, &changed_shapes, &old, &new)
        .into_values()
        .filter_map(Result::err)
        .collect();
    assert!(
        unexplained
            .iter()
            .any(|e| e.contains("struct GameSessionQueueLogConfiguration added")),
        "{unexplained:?}"
    );
    assert!(unexplained
        .iter()
        .all(|e| e.contains("GameSessionQueueLogConfiguration")));
}
