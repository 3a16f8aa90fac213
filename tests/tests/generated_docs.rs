//! The docs of generated code. That every public item has one is checked by the compiler:
//! this crate's `src/lib.rs` denies `missing_docs` over the files `build.rs` generates, and a
//! generated crate warns about them itself (CI's clippy denies warnings on
//! `generated/gamelift`). Here: the lint is there, and every client method of a crate shows
//! a usage example (`cargo test --doc -p gamelift` compiles them), which a single file, not
//! knowing its path in the crate that includes it, does not.

use std::path::{Path, PathBuf};

use smithy_codegen::{ir, Builder};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The doc comment and attributes right above `line` (an index into `lines`).
fn item_docs(lines: &[&str], line: usize) -> String {
    let mut docs: Vec<&str> = lines[..line]
        .iter()
        .rev()
        .take_while(|l| {
            let l = l.trim_start();
            l.starts_with("///") || l.starts_with("#[")
        })
        .copied()
        .collect();
    docs.reverse();
    docs.join("\n")
}

#[test]
fn every_gamelift_client_method_shows_an_example() {
    let model = smithy_codegen::model::load_files(&[root().join("models/gamelift.json")])
        .expect("GameLift loads");
    let service = ir::resolve(&model, &Default::default()).expect("GameLift resolves");
    let client = std::fs::read_to_string(root().join("generated/gamelift/src/client.rs"))
        .expect("the committed client");
    let lines: Vec<&str> = client.lines().collect();
    let mut methods = 0;
    for op in service.operations.iter().filter(|op| !op.event_stream) {
        let signature = format!("    pub fn {}(", op.fn_name);
        let line = lines
            .iter()
            .position(|l| *l == signature)
            .unwrap_or_else(|| panic!("no client method {}", op.fn_name));
        let docs = item_docs(&lines, line);
        let example = docs
            .split("/// ```no_run\n")
            .nth(1)
            .unwrap_or_else(|| panic!("{} has no example:\n{docs}", op.fn_name));
        let call = format!("client.{}(", op.fn_name);
        assert!(
            example.contains(&call) && example.contains("/// # async fn example()"),
            "the example of {} does not call it:\n{example}",
            op.fn_name
        );
        methods += 1;
    }
    assert_eq!(methods, 118, "GameLift's operations");
    assert_eq!(
        client.matches("/// ```no_run\n").count(),
        methods,
        "one example per operation"
    );
}

#[test]
fn crates_lint_missing_docs_and_show_examples_single_files_do_not() {
    let builder = Builder::new().model(root().join("models/fixtures/unions.json"));
    let krate = builder
        .clone()
        .crate_name("my-unions")
        .generate_crate()
        .expect("the unions fixture generates");
    let file = |path: &str| {
        krate
            .files
            .iter()
            .find(|f| f.path == Path::new(path))
            .map(|f| f.contents.as_str())
            .unwrap_or_else(|| panic!("no {path}"))
    };
    assert!(file("src/lib.rs").contains("\n#![warn(missing_docs)]\n"));
    assert!(file("Cargo.toml").contains("\nedition = \"2024\"\n"));
    let client = file("src/client.rs");
    for line in [
        "    /// ```no_run",
        "    /// use my_unions::types;",
        "    /// let client = my_unions::client::Client::from_env()?;",
        "    /// let input = types::PutValueInput::new(types::Value::Text(\"example\".to_owned()));",
        "    /// let output = client.put_value(input).await?;",
    ] {
        assert!(
            client.lines().any(|l| l == line),
            "missing {line:?} in\n{client}"
        );
    }

    let single = builder
        .generate_single_file()
        .expect("the unions fixture generates");
    let single = &single.files[0].contents;
    assert!(single.contains("pub fn put_value("));
    assert!(!single.contains("```no_run") && !single.contains("#!["));
}
