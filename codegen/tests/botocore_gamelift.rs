//! Oracle for the botocore front end: GameLift read from botocore 1.44.8's `service-2.json`
//! (`models/botocore/gamelift/`) against GameLift's Smithy model (`models/gamelift.json`), as
//! the generator's IR sees them: for every operation both have, its names, HTTP binding,
//! auth, errors, and every type it reaches (fields, Rust types, optionality, enum values…).
//!
//! Every difference is listed in `EXPECTED` with its reason; a new difference, or a listed one
//! that no longer occurs, fails the test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use smithy_codegen::ir::{self, Selection, Service, TypeKind};
use smithy_codegen::model::{load_files, ShapeId};

/// `models/gamelift.json` is an older GameLift release than botocore 1.44.8: operations, members,
/// enum values and errors added since.
const NEW_IN_BOTOCORE: &str = "added to GameLift after the release models/gamelift.json holds";
/// Documentation content is not compared for the same reason (the newer text says "Amazon
/// GameLift Servers"); its presence is.
const SENSITIVE_IN_BOTOCORE: &str =
    "the target shape is `sensitive` in botocore 1.44.8, not in the older Smithy release";
const NO_LONGER_REQUIRED: &str = "`required` in the older Smithy release, no longer in botocore";
/// GameLift's Smithy model puts `@clientOptional` on every `@required` member, so they are
/// `Option`s; botocore has no such flag. 336 of the 382 AWS Smithy models with required members
/// outside inputs use none (42, GameLift among them, mark all), so the front end keeps Smithy's
/// plain rule: `@required` outside an input is `T` (docs/botocore.md, "Optionality").
const CLIENT_OPTIONAL: &str = "@clientOptional in GameLift's Smithy model, unknown to botocore";

/// Every difference the comparison finds, with its reason. A difference is
/// `<operation or type[.member]>: <field>` or `…: <item> <name> only in <side>`.
const EXPECTED: &[(&str, &str)] = &[
    (
        "operation CreateLocation: error UnsupportedRegionException only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "operation DeleteLocation: error UnsupportedRegionException only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "operation DeregisterCompute: error UnsupportedRegionException only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "operation DescribeContainerGroupPortMappings: only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "operation GetPlayerConnectionDetails: only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "operation RegisterCompute: error UnsupportedRegionException only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "operation UpdateGameSession: error NotReadyException only in botocore",
        NEW_IN_BOTOCORE,
    ),
    ("type AnywhereConfiguration.Cost: optional", CLIENT_OPTIONAL),
    (
        "type CertificateConfiguration.CertificateType: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type ClaimGameServerInput.GameServerData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type ConnectionPortRange.FromPort: optional",
        CLIENT_OPTIONAL,
    ),
    ("type ConnectionPortRange.ToPort: optional", CLIENT_OPTIONAL),
    (
        "type ContainerDependency.Condition: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type ContainerDependency.ContainerName: optional",
        CLIENT_OPTIONAL,
    ),
    ("type ContainerEnvironment.Name: optional", CLIENT_OPTIONAL),
    ("type ContainerEnvironment.Value: optional", CLIENT_OPTIONAL),
    (
        "type ContainerFleet: member PlayerGatewayMode only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type ContainerFleetLocationAttributes: member PlayerGatewayStatus only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type ContainerFleetLocationStatus: value EXPIRED (Expired) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type ContainerFleetStatus: value EXPIRED (Expired) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type ContainerGroupDefinition.Name: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type ContainerHealthCheck.Command: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type ContainerMountPoint.InstancePath: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type ContainerPortConfiguration.ContainerPortRanges: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type ContainerPortRange.FromPort: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type ContainerPortRange.Protocol: optional",
        CLIENT_OPTIONAL,
    ),
    ("type ContainerPortRange.ToPort: optional", CLIENT_OPTIONAL),
    (
        "type CreateContainerFleetInput: member PlayerGatewayMode only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type CreateContainerGroupDefinitionInput.TotalVcpuLimit: required",
        NO_LONGER_REQUIRED,
    ),
    (
        "type CreateFleetInput: member PlayerGatewayConfiguration only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type CreateFleetInput: member PlayerGatewayMode only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type CreateGameSessionInput.GameSessionData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type CreateGameSessionQueueInput.CustomEventData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type CreateGameSessionQueueInput: member LogConfiguration only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type CreateMatchmakingConfigurationInput.CustomEventData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type CreateMatchmakingConfigurationInput.GameSessionData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type CreateMatchmakingRuleSetOutput.RuleSet: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type CreatePlayerSessionInput.PlayerData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type CreatePlayerSessionsInput.PlayerDataMap: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type CreateScriptInput: member NodeJsVersion only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type DescribeFleetEventsOutput.Events: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type DescribeMatchmakingRuleSetsOutput.RuleSets: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type DesiredPlayerSession.PlayerData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c8a.2xlarge (C8a2xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c8a.4xlarge (C8a4xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c8a.8xlarge (C8a8xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c8a.large (C8aLarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c8a.medium (C8aMedium) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c8a.xlarge (C8aXlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c8i.2xlarge (C8i2xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c8i.4xlarge (C8i4xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c8i.8xlarge (C8i8xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c8i.large (C8iLarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c8i.xlarge (C8iXlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c9g.2xlarge (C9g2xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c9g.4xlarge (C9g4xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c9g.8xlarge (C9g8xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c9g.large (C9gLarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c9g.medium (C9gMedium) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value c9g.xlarge (C9gXlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m8a.2xlarge (M8a2xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m8a.4xlarge (M8a4xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m8a.8xlarge (M8a8xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m8a.large (M8aLarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m8a.medium (M8aMedium) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m8a.xlarge (M8aXlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m8i.2xlarge (M8i2xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m8i.4xlarge (M8i4xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m8i.8xlarge (M8i8xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m8i.large (M8iLarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m8i.xlarge (M8iXlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m9g.2xlarge (M9g2xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m9g.4xlarge (M9g4xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m9g.8xlarge (M9g8xlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m9g.large (M9gLarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m9g.medium (M9gMedium) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type EC2InstanceType: value m9g.xlarge (M9gXlarge) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    ("type Event: sensitive", SENSITIVE_IN_BOTOCORE),
    (
        "type EventCode: value FLEET_EXPIRED (FleetExpired) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type FleetAttributes: member PlayerGatewayConfiguration only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type FleetAttributes: member PlayerGatewayMode only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type FleetCapacity: member ManagedCapacityConfiguration only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type FleetStatus: value EXPIRED (Expired) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    ("type GameProperty.Key: optional", CLIENT_OPTIONAL),
    ("type GameProperty.Value: optional", CLIENT_OPTIONAL),
    ("type GameProperty.Value: sensitive", SENSITIVE_IN_BOTOCORE),
    (
        "type GameServer.GameServerData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type GameServerContainerDefinition: member LinuxCapabilities only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type GameServerContainerDefinition: member Vcpu only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type GameServerContainerDefinitionInput.ContainerName: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type GameServerContainerDefinitionInput.ImageUri: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type GameServerContainerDefinitionInput.PortConfiguration: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type GameServerContainerDefinitionInput.ServerSdkVersion: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type GameServerContainerDefinitionInput: member LinuxCapabilities only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type GameServerContainerDefinitionInput: member Vcpu only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type GameServerGroupAutoScalingPolicy.TargetTrackingConfiguration: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type GameSession.GameSessionData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type GameSession.MatchmakerData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type GameSession: member ComputeName only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type GameSession: member PlayerGatewayStatus only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type GameSessionConnectionInfo: member PlayerGatewayStatus only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type GameSessionPlacement.GameSessionData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type GameSessionPlacement.MatchmakerData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type GameSessionPlacement: member PlayerGatewayStatus only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type GameSessionQueue.CustomEventData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type GameSessionQueue: member LogConfiguration only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type GetGameSessionLogUrlOutput: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type InstanceDefinition.InstanceType: optional",
        CLIENT_OPTIONAL,
    ),
    ("type IpPermission.FromPort: optional", CLIENT_OPTIONAL),
    ("type IpPermission.IpRange: optional", CLIENT_OPTIONAL),
    ("type IpPermission.Protocol: optional", CLIENT_OPTIONAL),
    ("type IpPermission.ToPort: optional", CLIENT_OPTIONAL),
    (
        "type LocationConfiguration.Location: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type LocationModel: member PingBeacon only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type LocationState: member PlayerGatewayStatus only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type MatchmakingConfiguration.CustomEventData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type MatchmakingConfiguration.GameSessionData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type MatchmakingRuleSet.RuleSetBody: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type OperatingSystem: value WINDOWS_2022 (Windows2022) only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type PlayerSession.PlayerData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type PriorityConfigurationOverride.LocationOrder: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type RegisterGameServerInput.GameServerData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type Script: member NodeJsVersion only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type ServerProcess.ConcurrentExecutions: optional",
        CLIENT_OPTIONAL,
    ),
    ("type ServerProcess.LaunchPath: optional", CLIENT_OPTIONAL),
    (
        "type StartGameSessionPlacementInput.GameSessionData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type SupportContainerDefinition: member LinuxCapabilities only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type SupportContainerDefinitionInput.ContainerName: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type SupportContainerDefinitionInput.ImageUri: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type SupportContainerDefinitionInput: member LinuxCapabilities only in botocore",
        NEW_IN_BOTOCORE,
    ),
    ("type Tag.Key: optional", CLIENT_OPTIONAL),
    ("type Tag.Value: optional", CLIENT_OPTIONAL),
    (
        "type TargetConfiguration.TargetValue: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type TargetTrackingConfiguration.TargetValue: optional",
        CLIENT_OPTIONAL,
    ),
    (
        "type UpdateContainerGroupDefinitionInput: member RemoveAttributes only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type UpdateFleetCapacityInput: member ManagedCapacityConfiguration only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type UpdateFleetCapacityOutput: member ManagedCapacityConfiguration only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type UpdateGameServerInput.GameServerData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type UpdateGameSessionQueueInput.CustomEventData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type UpdateGameSessionQueueInput: member AddLogDeliveryDestinations only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type UpdateGameSessionQueueInput: member RemoveLogDeliveryDestinations only in botocore",
        NEW_IN_BOTOCORE,
    ),
    (
        "type UpdateMatchmakingConfigurationInput.CustomEventData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
    (
        "type UpdateMatchmakingConfigurationInput.GameSessionData: sensitive",
        SENSITIVE_IN_BOTOCORE,
    ),
];

fn models() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../models")
}

fn resolve(path: PathBuf) -> Service {
    resolve_for(path, None)
}

/// The service of `path` generated for `protocol` (by default, the generator's choice).
fn resolve_for(path: PathBuf, protocol: Option<&str>) -> Service {
    let model = load_files(&[path]).unwrap_or_else(|e| panic!("{e}"));
    let selection = Selection {
        protocol: protocol.map(str::to_owned),
        ..Selection::default()
    };
    ir::resolve(&model, &selection).unwrap_or_else(|e| panic!("{e}"))
}

/// Differences found, by key (`<what>: <field>`), with the two values for the report.
#[derive(Default)]
struct Differences(BTreeMap<String, String>);

impl Differences {
    fn compare(
        &mut self,
        what: &str,
        field: &str,
        smithy: impl std::fmt::Debug,
        botocore: impl std::fmt::Debug,
    ) {
        let (smithy, botocore) = (format!("{smithy:?}"), format!("{botocore:?}"));
        if smithy != botocore {
            self.0.insert(
                format!("{what}: {field}"),
                format!("smithy={smithy} botocore={botocore}"),
            );
        }
    }

    /// Items of two lists (members, enum values, errors) present on one side only.
    fn compare_sets(&mut self, what: &str, item: &str, smithy: &[String], botocore: &[String]) {
        for (side, these, others) in [("smithy", smithy, botocore), ("botocore", botocore, smithy)]
        {
            for x in these.iter().filter(|x| !others.contains(x)) {
                self.0
                    .insert(format!("{what}: {item} {x} only in {side}"), String::new());
            }
        }
    }
}

#[test]
fn gamelift_from_botocore_matches_the_smithy_model() {
    let smithy = resolve(models().join("gamelift.json"));
    // botocore's GameLift lists rpcv2Cbor first, which the generator prefers; the Smithy model
    // has awsJson1_1 only. Compare the same protocol.
    let botocore = resolve_for(
        models().join("botocore/gamelift/service-2.json"),
        Some(smithy.protocol.name()),
    );
    let (compared, types, diffs) = compare_services(&smithy, &botocore);
    let expected: BTreeMap<&str, &str> = EXPECTED.iter().copied().collect();
    let unexpected: Vec<(&String, &String)> = diffs
        .0
        .iter()
        .filter(|(d, _)| !expected.contains_key(d.as_str()))
        .collect();
    let found: BTreeSet<&str> = diffs.0.keys().map(String::as_str).collect();
    let stale: Vec<&&str> = expected.keys().filter(|e| !found.contains(**e)).collect();
    let line = format!(
        "GameLift botocore vs Smithy: {compared} operations compared, {types} types, {} differences ({})\n",
        diffs.0.len(),
        if unexpected.is_empty() {
            "all expected"
        } else {
            "some unexpected"
        }
    );
    // Straight to stderr: the line shows even though the harness captures test output.
    let _ = std::io::Write::write_all(&mut std::io::stderr(), line.as_bytes());
    for (d, detail) in &unexpected {
        println!("unexpected: {d} {detail}");
    }
    assert!(
        unexpected.is_empty(),
        "{} unexpected differences (listed above)",
        unexpected.len()
    );
    assert!(
        stale.is_empty(),
        "expected differences that no longer occur: {stale:#?}"
    );
}

/// A diagnostic, not a test of this repository (the models are outside it): compares other
/// services the same way and prints every difference but those botocore cannot express
/// (documentation, `@clientOptional`) or that come from differing releases (items on one side).
/// `BOTOCORE_COMPARE="a.json=.../service-2.json;b.json=..." cargo test -p smithy-codegen
/// --test botocore_gamelift -- --ignored --nocapture`
#[test]
#[ignore]
fn compare_other_services() {
    let pairs = std::env::var("BOTOCORE_COMPARE").unwrap_or_default();
    for pair in pairs.split(';').filter(|p| !p.is_empty()) {
        let Some((smithy_path, botocore_path)) = pair.split_once('=') else {
            continue;
        };
        let smithy = resolve(PathBuf::from(smithy_path));
        let botocore = resolve_for(PathBuf::from(botocore_path), Some(smithy.protocol.name()));
        let (compared, types, diffs) = compare_services(&smithy, &botocore);
        let shown: Vec<_> = diffs
            .0
            .iter()
            .filter(|(k, _)| !k.ends_with(": optional") && !k.contains(" only in "))
            .collect();
        println!(
            "{smithy_path}: {compared} operations, {types} types, {} differences, {} shown",
            diffs.0.len(),
            shown.len()
        );
        for (key, detail) in shown {
            println!("  {key} {detail}");
        }
    }
}

/// Operations compared, types compared, and the differences of two IRs of one service.
fn compare_services(smithy: &Service, botocore: &Service) -> (usize, usize, Differences) {
    let mut diffs = Differences::default();
    diffs.compare("service", "name", &smithy.name, &botocore.name);
    diffs.compare("service", "id", &smithy.id, &botocore.id);
    diffs.compare("service", "sdk_id", &smithy.sdk_id, &botocore.sdk_id);
    diffs.compare("service", "version", &smithy.version, &botocore.version);
    diffs.compare("service", "protocol", smithy.protocol, botocore.protocol);
    diffs.compare(
        "service",
        "endpoint rules",
        smithy.endpoint.is_some(),
        botocore.endpoint.is_some(),
    );

    let botocore_ops: BTreeMap<&str, &ir::Operation> = botocore
        .operations
        .iter()
        .map(|op| (op.id.name(), op))
        .collect();
    let smithy_names: BTreeSet<&str> = smithy.operations.iter().map(|op| op.id.name()).collect();
    for name in botocore_ops.keys().filter(|n| !smithy_names.contains(*n)) {
        diffs
            .0
            .insert(format!("operation {name}: only in botocore"), String::new());
    }
    let mut compared = 0;
    let mut reached = BTreeSet::new();
    for op in &smithy.operations {
        let what = format!("operation {}", op.id.name());
        let Some(other) = botocore_ops.get(op.id.name()) else {
            diffs
                .0
                .insert(format!("{what}: only in smithy"), String::new());
            continue;
        };
        compared += 1;
        diffs.compare(&what, "wire_name", &op.wire_name, &other.wire_name);
        diffs.compare(&what, "type_name", &op.type_name, &other.type_name);
        diffs.compare(&what, "fn_name", &op.fn_name, &other.fn_name);
        diffs.compare(&what, "input", &op.input, &other.input);
        diffs.compare(&what, "output", &op.output, &other.output);
        let errors = |op: &ir::Operation| {
            op.errors
                .iter()
                .map(|e| e.name().to_owned())
                .collect::<Vec<_>>()
        };
        diffs.compare_sets(&what, "error", &errors(op), &errors(other));
        diffs.compare(&what, "error_type", &op.error_type, &other.error_type);
        diffs.compare(&what, "deprecated", op.deprecated, other.deprecated);
        diffs.compare(&what, "has docs", op.docs.is_some(), other.docs.is_some());
        diffs.compare(
            &what,
            "http",
            format!("{:?}", op.http),
            format!("{:?}", other.http),
        );
        diffs.compare(
            &what,
            "host_prefix",
            format!("{:?}", op.host_prefix),
            format!("{:?}", other.host_prefix),
        );
        diffs.compare(
            &what,
            "idempotency_tokens",
            &op.idempotency_tokens,
            &other.idempotency_tokens,
        );
        diffs.compare(
            &what,
            "auth",
            format!("{:?}", op.auth),
            format!("{:?}", other.auth),
        );
        diffs.compare(&what, "event_stream", op.event_stream, other.event_stream);
        diffs.compare(
            &what,
            "endpoint_params",
            format!("{:?}", op.endpoint_params),
            format!("{:?}", other.endpoint_params),
        );
        let roots = op
            .input
            .iter()
            .chain(&op.output)
            .chain(&op.errors)
            .chain(other.input.iter().chain(&other.output).chain(&other.errors));
        for root in roots {
            reach(smithy, root, &mut reached);
            reach(botocore, root, &mut reached);
        }
    }
    for id in &reached {
        compare_type(&mut diffs, id, smithy.types.get(id), botocore.types.get(id));
    }

    (compared, reached.len(), diffs)
}

/// Every named type `id` reaches in `service`.
fn reach(service: &Service, id: &ShapeId, reached: &mut BTreeSet<ShapeId>) {
    if !reached.insert(id.clone()) {
        return;
    }
    let Some(def) = service.types.get(id) else {
        return;
    };
    let mut refs = Vec::new();
    match &def.kind {
        TypeKind::Struct(s) => refs.extend(s.fields.iter().map(|f| &f.ty)),
        TypeKind::Union(u) => refs.extend(u.variants.iter().filter_map(|v| v.ty.as_ref())),
        TypeKind::Enum(_) | TypeKind::IntEnum(_) => {}
    }
    while let Some(ty) = refs.pop() {
        match ty {
            ir::TypeRef::Named(id) => reach(service, id, reached),
            ir::TypeRef::List { member, .. } => refs.push(member),
            ir::TypeRef::Map { value, .. } => refs.push(value),
            _ => {}
        }
    }
}

fn compare_type(
    diffs: &mut Differences,
    id: &ShapeId,
    smithy: Option<&ir::TypeDef>,
    botocore: Option<&ir::TypeDef>,
) {
    let what = format!("type {}", id.name());
    let (smithy, botocore) = match (smithy, botocore) {
        (Some(s), Some(b)) => (s, b),
        (s, _) => {
            let side = if s.is_some() { "smithy" } else { "botocore" };
            diffs
                .0
                .insert(format!("{what}: only in {side}"), String::new());
            return;
        }
    };
    diffs.compare(&what, "name", &smithy.name, &botocore.name);
    diffs.compare(&what, "wire_name", &smithy.wire_name, &botocore.wire_name);
    diffs.compare(
        &what,
        "query_code",
        &smithy.query_code,
        &botocore.query_code,
    );
    diffs.compare(&what, "sensitive", smithy.sensitive, botocore.sensitive);
    diffs.compare(&what, "xml", &smithy.xml, &botocore.xml);
    diffs.compare(
        &what,
        "has docs",
        smithy.docs.is_some(),
        botocore.docs.is_some(),
    );
    match (&smithy.kind, &botocore.kind) {
        (TypeKind::Struct(s), TypeKind::Struct(b)) => {
            diffs.compare(&what, "role", s.role, b.role);
            let names = |s: &ir::Struct| {
                s.fields
                    .iter()
                    .map(|f| f.member_name.clone())
                    .collect::<Vec<_>>()
            };
            diffs.compare_sets(&what, "member", &names(s), &names(b));
            for f in &s.fields {
                let Some(g) = b.fields.iter().find(|g| g.member_name == f.member_name) else {
                    continue;
                };
                let what = format!("{what}.{}", f.member_name);
                diffs.compare(&what, "rust_name", &f.rust_name, &g.rust_name);
                diffs.compare(&what, "type", &f.ty, &g.ty);
                diffs.compare(&what, "optional", f.optional, g.optional);
                diffs.compare(&what, "boxed", f.boxed, g.boxed);
                diffs.compare(&what, "required", f.required, g.required);
                diffs.compare(&what, "default", &f.default, &g.default);
                diffs.compare(&what, "sensitive", f.sensitive, g.sensitive);
                diffs.compare(&what, "json_name", &f.json_name, &g.json_name);
                diffs.compare(&what, "http", &f.http, &g.http);
                diffs.compare(&what, "media_type", &f.media_type, &g.media_type);
                diffs.compare(&what, "streaming", f.streaming, g.streaming);
                diffs.compare(&what, "xml", &f.xml, &g.xml);
                diffs.compare(&what, "has docs", f.docs.is_some(), g.docs.is_some());
            }
        }
        (TypeKind::Enum(s), TypeKind::Enum(b)) => {
            let cases = |e: &ir::Enum| {
                e.cases
                    .iter()
                    .map(|c| format!("{} ({})", c.wire_value, c.rust_name))
                    .collect::<Vec<_>>()
            };
            diffs.compare_sets(&what, "value", &cases(s), &cases(b));
            diffs.compare(
                &what,
                "unknown_variant",
                &s.unknown_variant,
                &b.unknown_variant,
            );
        }
        (TypeKind::Union(s), TypeKind::Union(b)) => {
            let variants = |u: &ir::Union| {
                u.variants
                    .iter()
                    .map(|v| format!("{} {} {:?}", v.member_name, v.rust_name, v.ty))
                    .collect::<Vec<_>>()
            };
            diffs.compare(&what, "variants", variants(s), variants(b));
        }
        (s, b) => diffs.compare(&what, "kind", kind_name(s), kind_name(b)),
    }
}

fn kind_name(kind: &TypeKind) -> &'static str {
    match kind {
        TypeKind::Struct(_) => "structure",
        TypeKind::Union(_) => "union",
        TypeKind::Enum(_) => "enum",
        TypeKind::IntEnum(_) => "intEnum",
    }
}
