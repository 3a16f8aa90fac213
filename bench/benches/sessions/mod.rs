//! The large GameLift output both decode benchmarks read (`decode.rs` as JSON,
//! `decode_cbor.rs` as CBOR), and the serde structs decoding it.

use serde::Deserialize;

pub const ENTRIES: usize = 5_000;

/// The serde side: the same members, with the cheapest faithful types (enums as
/// strings, timestamps as numbers), so the comparison does not favour us.
#[allow(dead_code)]
pub mod serde_side {
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

/// A deterministic output with `ENTRIES` game sessions, as JSON data (timestamps as epoch
/// seconds, as awsJson sends them).
pub fn output() -> serde_json::Value {
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
    serde_json::json!({ "GameSessionDetails": details, "NextToken": "next" })
}
