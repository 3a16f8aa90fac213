//! Endpoint resolution speed: one GameLift resolution (the committed crate's rules, region
//! `us-west-2`) and one S3 resolution (S3's real rule set from `models/s3-endpoint-rules.json`:
//! a virtual-hosted bucket, FIPS off, dual-stack on), each the median of 31 rounds of 20,000
//! resolutions, with the bundled partition data.
//!
//! Run: `cargo bench -p smithy-bench --bench endpoint`

use std::hint::black_box;
use std::time::{Duration, Instant};

use smithy_runtime::rules::{Params, Partitions, RuleSet};

const ROUNDS: usize = 31;
const PER_ROUND: u32 = 20_000;

/// Median time of one `resolve` call.
fn time(rules: &RuleSet, params: &Params) -> Duration {
    let partitions = Partitions::bundled();
    let mut samples: Vec<Duration> = (0..ROUNDS)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..PER_ROUND {
                black_box(rules.resolve(black_box(params), partitions).ok());
            }
            start.elapsed() / PER_ROUND
        })
        .collect();
    samples.sort();
    samples[ROUNDS / 2]
}

fn s3_rules() -> RuleSet {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../models/s3-endpoint-rules.json"
    );
    let text = std::fs::read_to_string(path).expect("models/s3-endpoint-rules.json is readable");
    let model: serde_json::Value = serde_json::from_str(&text).expect("the file is JSON");
    let rules =
        &model["shapes"]["com.amazonaws.s3#AmazonS3"]["traits"]["smithy.rules#endpointRuleSet"];
    RuleSet::from_json(&rules.to_string()).expect("S3's rule set parses")
}

fn main() {
    let gamelift = gamelift::endpoint::RULES
        .rule_set()
        .expect("GameLift's rule set parses");
    let mut params = Params::new();
    params
        .set("Region", "us-west-2")
        .set("UseFIPS", false)
        .set("UseDualStack", false);
    let endpoint = gamelift
        .resolve(&params, Partitions::bundled())
        .expect("resolves");
    assert_eq!(endpoint.url, "https://gamelift.us-west-2.amazonaws.com");
    let gamelift_time = time(gamelift, &params);

    let parse_started = Instant::now();
    let s3 = s3_rules();
    let s3_parse = parse_started.elapsed();
    let mut params = Params::new();
    params
        .set("Region", "us-west-2")
        .set("Bucket", "my-bucket")
        .set("UseFIPS", false)
        .set("UseDualStack", true)
        .set("Accelerate", false);
    let endpoint = s3
        .resolve(&params, Partitions::bundled())
        .expect("resolves");
    assert_eq!(
        endpoint.url,
        "https://my-bucket.s3.dualstack.us-west-2.amazonaws.com"
    );
    let s3_time = time(&s3, &params);

    println!("Endpoint resolution, median of {ROUNDS} rounds of {PER_ROUND}");
    println!(
        "  GameLift (us-west-2):                          {:>8.0} ns",
        gamelift_time.as_secs_f64() * 1e9
    );
    println!(
        "  S3 (virtual-hosted bucket, dual-stack):        {:>8.0} ns",
        s3_time.as_secs_f64() * 1e9
    );
    println!(
        "  S3 rule set parse and check (once per process): {:>7.2} ms",
        s3_parse.as_secs_f64() * 1e3
    );
}
