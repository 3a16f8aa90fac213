//! Smithy's endpoint rules engine test models (`models/rules-engine-tests/`, IDL) loaded through
//! the IDL front end, each model's `@endpointTests` cases evaluated by the runtime's rules
//! engine exactly as `sweep --endpoint-tests` does (parameters, client context parameters and
//! operation inputs bound as a generated client binds them).

use std::path::{Path, PathBuf};

use smithy_codegen::{ir, model, sweep};
use smithy_runtime::rules::Partitions;

fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../models/rules-engine-tests")
}

#[test]
fn every_rules_engine_test_model_loads_and_its_cases_pass() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(suite_dir())
        .expect("the suite is in the repository")
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|e| e == "smithy"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 12, "the suite's 12 models: {files:?}");

    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut failures = Vec::new();
    for file in &files {
        let name = file
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let loaded = match model::load_files(std::slice::from_ref(file)) {
            Ok(loaded) => loaded,
            Err(e) => {
                failures.push(format!("{name}: does not load: {e}"));
                failed += 1;
                continue;
            }
        };
        let selection = ir::Selection {
            endpoint_tests: true,
            ..ir::Selection::default()
        };
        let service = match ir::resolve(&loaded, &selection) {
            Ok(service) => service,
            Err(e) => {
                failures.push(format!("{name}: does not resolve: {e}"));
                failed += 1;
                continue;
            }
        };
        let cases = service
            .endpoint
            .as_ref()
            .map_or(0, |rules| rules.tests.len());
        assert!(cases > 0, "{name}: the model has endpoint test cases");
        let tally = sweep::endpoints::evaluate(&name, &service, Partitions::bundled(), None);
        passed += tally.passed;
        failed += tally.failed;
        skipped += tally.skipped;
        failures.extend(tally.failures.iter().map(|f| format!("{name}: {f}")));
    }
    let line = format!(
        "Smithy rules engine tests: {passed} passed, {failed} failed, {skipped} skipped ({} models)\n",
        files.len()
    );
    // Straight to stderr: the line shows even though the harness captures test output.
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    assert!(failures.is_empty(), "failures:\n{}", failures.join("\n"));
    assert_eq!(skipped, 0, "no case of this suite is skipped");
}
