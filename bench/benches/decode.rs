//! Decoding a large GameLift output (`DescribeGameSessionDetails`, 5,000
//! entries) with the generated decoder versus `serde_json` + `#[derive(Deserialize)]`
//! on equivalent hand-written structs. Both sides run interleaved in one process
//! and the ratio of medians is printed: machines here are noisy, ratios are not.
//!
//! Run: `cargo bench -p smithy-bench --bench decode`

use std::hint::black_box;
use std::time::{Duration, Instant};

use serde::Deserialize;

const ENTRIES: usize = 5_000;
const ROUNDS: usize = 31;

/// The serde side: the same members, with the cheapest faithful types (enums as
/// strings, timestamps as numbers), so the comparison does not favour us.
#[allow(dead_code)]
mod serde_side {
    use super::Deserialize;

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct DescribeGameSessionDetailsOutput {
        pub game_session_details: Option<Vec<GameSessionDetail>>,
        pub next_token: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct GameSessionDetail {
        pub game_session: Option<GameSession>,
        pub protection_policy: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct GameSession {
        pub game_session_id: Option<String>,
        pub name: Option<String>,
        pub fleet_id: Option<String>,
        pub fleet_arn: Option<String>,
        pub creation_time: Option<f64>,
        pub termination_time: Option<f64>,
        pub current_player_session_count: Option<i32>,
        pub maximum_player_session_count: Option<i32>,
        pub status: Option<String>,
        pub status_reason: Option<String>,
        pub game_properties: Option<Vec<GameProperty>>,
        pub ip_address: Option<String>,
        pub dns_name: Option<String>,
        pub port: Option<i32>,
        pub player_session_creation_policy: Option<String>,
        pub creator_id: Option<String>,
        pub game_session_data: Option<String>,
        pub matchmaker_data: Option<String>,
        pub location: Option<String>,
    }

    #[derive(Deserialize)]
    #[serde(rename_all = "PascalCase")]
    pub struct GameProperty {
        pub key: Option<String>,
        pub value: Option<String>,
    }
}

/// A deterministic response body with `ENTRIES` game sessions.
fn body() -> Vec<u8> {
    let details: Vec<serde_json::Value> = (0..ENTRIES)
        .map(|i| {
            let status = ["ACTIVE", "ACTIVATING", "TERMINATED"][i % 3];
            serde_json::json!({
                "GameSession": {
                    "GameSessionId": format!("arn:aws:gamelift:us-west-2::gamesession/fleet-{i:08}/gsess-{i}"),
                    "Name": format!("Session \"{i}\" \u{00e9}"),
                    "FleetId": format!("fleet-{i:08}"),
                    "FleetArn": format!("arn:aws:gamelift:us-west-2:123456789012:fleet/fleet-{i:08}"),
                    "CreationTime": 1_700_000_000.0 + i as f64 * 0.25,
                    "TerminationTime": 1_700_100_000 + i,
                    "CurrentPlayerSessionCount": i % 17,
                    "MaximumPlayerSessionCount": 32,
                    "Status": status,
                    "StatusReason": "INTERRUPTED",
                    "GameProperties": [
                        {"Key": "mode", "Value": "deathmatch"},
                        {"Key": "map", "Value": format!("map-{}", i % 9)},
                    ],
                    "IpAddress": format!("10.0.{}.{}", i / 256 % 256, i % 256),
                    "DnsName": format!("ec2-10-0-0-{}.compute.amazonaws.com", i % 256),
                    "Port": 7000 + (i % 1000) as i32,
                    "PlayerSessionCreationPolicy": "ACCEPT_ALL",
                    "CreatorId": format!("player-{i}"),
                    "GameSessionData": "{\"level\": 3}",
                    "MatchmakerData": "{\"matchId\":\"m\"}",
                    "Location": "us-west-2",
                    "UnknownFutureMember": {"nested": [1, 2, 3]},
                },
                "ProtectionPolicy": "FullProtection",
            })
        })
        .collect();
    serde_json::to_vec(&serde_json::json!({ "GameSessionDetails": details, "NextToken": "next" }))
        .expect("serializable")
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn main() {
    let body = body();
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
