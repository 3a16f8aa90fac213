//! JMESPath speed on the official suite's `benchmarks.json` (16 cases, copied in
//! `runtime/tests/data/jmespath/`): each case is timed the way the suite marks it: `parse`
//! (compile the expression), `interpret` (evaluate an already compiled expression) or `full`
//! (both), as the median of 31 rounds, with `smithy_runtime::jmespath`. Only our side is timed:
//! no claim is made against another implementation.
//!
//! Run: `cargo bench -p smithy-bench --bench jmespath`

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde_json::Value as Json;
use smithy_runtime::jmespath::Expression;

#[path = "../../runtime/tests/support/json_value.rs"]
mod json_value;
use json_value::to_value;

const ROUNDS: usize = 31;

/// The median time of one call of `f`, in rounds long enough to measure.
fn median(mut f: impl FnMut()) -> Duration {
    let mut per_round = 1u32;
    loop {
        let start = Instant::now();
        for _ in 0..per_round {
            f();
        }
        if start.elapsed() >= Duration::from_millis(2) || per_round >= 1 << 20 {
            break;
        }
        per_round *= 2;
    }
    let mut samples: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..per_round {
                f();
            }
            start.elapsed() / per_round
        })
        .collect();
    samples.sort();
    samples[ROUNDS / 2]
}

fn main() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../runtime/tests/data/jmespath/benchmarks.json"
    );
    let text = std::fs::read_to_string(path).expect("benchmarks.json is readable");
    let groups: Vec<Json> = serde_json::from_str(&text).expect("benchmarks.json is JSON");
    println!("== JMESPath: the suite's benchmarks.json, median of {ROUNDS} rounds ==");
    println!("{:>9}  {:>12}  expression", "kind", "time");
    for group in &groups {
        let given = to_value(&group["given"]);
        for case in group["cases"].as_array().expect("cases") {
            let expression = case["expression"].as_str().expect("expression");
            let kind = case["bench"].as_str().unwrap_or("full");
            let time = match kind {
                "parse" => median(|| {
                    black_box(Expression::parse(black_box(expression)).ok());
                }),
                "interpret" => {
                    let compiled = Expression::parse(expression).expect("the case compiles");
                    median(|| {
                        black_box(compiled.search(black_box(&given)).ok());
                    })
                }
                _ => median(|| {
                    let compiled = Expression::parse(black_box(expression));
                    black_box(compiled.and_then(|e| e.search(black_box(&given))).ok());
                }),
            };
            let shown: String = expression.chars().take(60).collect();
            println!("{kind:>9}  {:>9.2} µs  {shown}", time.as_secs_f64() * 1e6);
        }
    }
}
