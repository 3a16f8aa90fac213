//! Cross-crate tests for smithy-codegen live in `tests/`.
