//! Decoding a large GameLift output (`DescribeGameSessionDetails`, 5,000
//! entries) with the generated decoder versus `serde_json` + `#[derive(Deserialize)]`
//! on equivalent hand-written structs. Both sides run interleaved in one process
//! and the ratio of medians is printed: machines here are noisy, ratios are not.
//!
//! Run: `cargo bench -p smithy-bench --bench decode`

use std::hint::black_box;
use std::time::{Duration, Instant};

mod sessions;
use sessions::{serde_side, ENTRIES};

const ROUNDS: usize = 31;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let body = serde_json::to_vec(&sessions::output()).expect("serializable");
    // Both decoders must accept the body before timing means anything.
    let ours: gamelift::types::DescribeGameSessionDetailsOutput =
        smithy_runtime::from_slice(&body).expect("generated decoder accepts the body");
    assert_eq!(
        ours.game_session_details.as_ref().map(Vec::len),
        Some(ENTRIES)
    );
    let theirs: serde_side::DescribeGameSessionDetailsOutput =
        serde_json::from_slice(&body).expect("serde accepts the body");
    assert_eq!(
        theirs.game_session_details.as_ref().map(Vec::len),
        Some(ENTRIES)
    );

    let mut generated = Vec::with_capacity(ROUNDS);
    let mut serde = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let value: gamelift::types::DescribeGameSessionDetailsOutput =
            smithy_runtime::from_slice(black_box(&body)).expect("decodes");
        black_box(value);
        generated.push(start.elapsed());

        let start = Instant::now();
        let value: serde_side::DescribeGameSessionDetailsOutput =
            serde_json::from_slice(black_box(&body)).expect("decodes");
        black_box(value);
        serde.push(start.elapsed());
    }
    let (generated, serde) = (median(generated), median(serde));
    let megabytes = body.len() as f64 / 1e6;
    println!("DescribeGameSessionDetails, {ENTRIES} entries, {megabytes:.1} MB, median of {ROUNDS} interleaved rounds");
    println!(
        "  generated decoder:     {:>8.2} ms",
        generated.as_secs_f64() * 1e3
    );
    println!(
        "  serde_json + derive:   {:>8.2} ms",
        serde.as_secs_f64() * 1e3
    );
    println!(
        "  speed ratio (serde time / generated time): {:.2}x  (>= 1.00 means at least as fast as serde derive)",
        serde.as_secs_f64() / generated.as_secs_f64()
    );
}
