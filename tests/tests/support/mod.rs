//! What the end-to-end tests share. Each test file that needs it declares `mod support;`;
//! not every file uses every item, hence the `dead_code` allowance.
#![allow(dead_code)]

pub mod moto;
