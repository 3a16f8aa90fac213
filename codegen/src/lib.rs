//! `smithy-codegen` turns Smithy service models (JSON AST) into Rust clients.
//!
//! The pipeline flows one way: model JSON → [`model`] (AST) → [`ir`] (resolved
//! service) → `emit` (token streams) → `render` (formatted files). Use it from
//! `build.rs` through [`Builder`], or from the `smithy-codegen` command line.
//!
//! ```no_run
//! // build.rs
//! smithy_codegen::Builder::new()
//!     .model("models/gamelift.json")
//!     .operations(["StartMatchBackfill"])
//!     .generate_to_out_dir("gamelift.rs")?;
//! # Ok::<(), smithy_codegen::Error>(())
//! ```

mod builder;
mod emit;
mod error;
pub mod ir;
pub mod model;
pub mod naming;
mod render;
pub mod sweep;

pub use builder::{Builder, GeneratedFile, Output};
pub use error::{Error, Result};
