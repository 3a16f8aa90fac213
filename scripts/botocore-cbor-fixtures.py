#!/usr/bin/env python3
"""Make the GameLift request fixtures that botocore's own serializers produce.

Writes `models/botocore/gamelift-rpcv2cbor-fixtures.json`: a fixed sample of GameLift inputs,
each serialized by botocore 1.44.8 with `botocore.serialize.create_serializer(
'smithy-rpc-v2-cbor')` (the request the Rust tests compare with the generated rpcv2Cbor
client's, as decoded CBOR data items) and, for comparison, with `create_serializer('json')`
(awsJson1_1, GameLift's second protocol).

How to run it (from the repository root; CI never runs it: the fixtures are committed, so the
tests need no Python):

    python3 -m venv /tmp/pyenv
    /tmp/pyenv/bin/pip install botocore==1.44.8
    /tmp/pyenv/bin/python scripts/botocore-cbor-fixtures.py

It refuses any other botocore version, and checks that the installed botocore's GameLift
model is the one committed in `models/botocore/gamelift/service-2.json` (it loads the installed
one, so the serializers see exactly what botocore ships). The output is deterministic: fixed
values only (no randomness, no current time); JSON keys in a fixed order.

The fixture file's format (`models/botocore/README.md` has more):

- `params`: the input in Smithy member names (botocore uses the same names), as Smithy's
  protocol tests write params: timestamps as epoch seconds (numbers), blobs as text (the blob
  is its UTF-8 bytes; botocore encodes a `str` blob the same way), non-finite floats as the
  strings `"NaN"`, `"Infinity"`, `"-Infinity"`.
- `rpcv2Cbor` / `awsJson1_1`: what botocore's serializer returned: `method`, `path` (its
  `url_path`; the query string is empty for both protocols, which the script checks),
  `headers` (all it set), `body` (base64 for CBOR, text for JSON). `awsJson1_1` is `null` with a
  `jsonNote` when botocore's JSON serializer writes something that is not JSON (a non-finite
  float becomes a bare `Infinity`).
"""

import base64
import copy
import hashlib
import json
import math
import os
import sys

import botocore
import botocore.loaders
import botocore.model
import botocore.serialize

BOTOCORE_VERSION = "1.44.8"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMMITTED_MODEL = os.path.join(REPO, "models", "botocore", "gamelift", "service-2.json")
OUT = os.path.join(REPO, "models", "botocore", "gamelift-rpcv2cbor-fixtures.json")

INF = float("inf")
NAN = float("nan")

PLAYER_ATTRIBUTES = {
    "skill": {"N": 23.5},
    "mode": {"S": "ranked"},
    "roles": {"SL": ["tank", "healer"]},
    "affinity": {"SDM": {"forest": 0.25, "desert": 1.0, "snow": -3.75}},
}

# (id, operation, description, params). Every GameLift input shape kind appears: strings
# (ASCII, multi-byte UTF-8, empty, 24+ and 256+ bytes), enums, integers (each CBOR width,
# negative, zero), doubles (fractional, integral, negative, non-finite), the one float member,
# booleans, timestamps (whole and fractional seconds), the one blob (text, empty, non-ASCII),
# lists (of strings and of structures, empty), maps (of strings, integers, structures and
# doubles, empty), nested structures, and inputs with no members set. GameLift's inputs have
# no longs, unions, documents or big numbers (botocore 1.44.8's model).
FIXTURES = [
    ("ListFleetsEmpty", "ListFleets", "an input with no members set", {}),
    (
        "ListFleetsPaged",
        "ListFleets",
        "a string and a small integer",
        {"BuildId": "build-1111aaaa-22bb-33cc-44dd-5555eeee66ff", "Limit": 10,
         "NextToken": "eyJwYWdlIjoyfQ=="},
    ),
    (
        "DescribeFleetsAttributesEmpty",
        "DescribeFleetAttributes",
        "another input with no members set",
        {},
    ),
    (
        "DescribeFleetEventsTimes",
        "DescribeFleetEvents",
        "timestamps in whole and fractional seconds; an integer of one extra byte",
        {"FleetId": "fleet-2222bbbb-33cc-44dd-55ee-6666ffff7777", "StartTime": 1700000000,
         "EndTime": 1700003600.5, "Limit": 24},
    ),
    (
        "DescribeFleetEventsEpoch",
        "DescribeFleetEvents",
        "the epoch itself and a time before 2001 (a smaller integer)",
        {"FleetId": "fleet-1", "StartTime": 0, "EndTime": 946684800.25, "Limit": 255},
    ),
    (
        "CreateScriptText",
        "CreateScript",
        "a blob, nested structure, a tag with an empty value",
        {"Name": "matchmaker-script", "Version": "1.0.3",
         "ZipFile": "PK\u0003\u0004 not really a zip, but bytes all the same",
         "Tags": [{"Key": "team", "Value": ""}], "NodeJsVersion": "24.x"},
    ),
    (
        "CreateScriptStorage",
        "CreateScript",
        "a nested structure instead of the blob",
        {"Name": "s3-script",
         "StorageLocation": {"Bucket": "scripts-bucket", "Key": "realtime/script.zip",
                             "RoleArn": "arn:aws:iam::111122223333:role/gamelift-s3",
                             "ObjectVersion": "3HL4kqtJlcpXroDTDmJ"}},
    ),
    (
        "UpdateScriptEmptyBlob",
        "UpdateScript",
        "an empty blob",
        {"ScriptId": "script-3333cccc-44dd-55ee-66ff-7777aaaa8888", "ZipFile": ""},
    ),
    (
        "UpdateScriptUnicodeBlob",
        "UpdateScript",
        "a blob whose bytes are multi-byte UTF-8",
        {"ScriptId": "script-1", "Name": "Spiel\u2013Skript \u2603", "ZipFile": "\u00e9t\u00e9 \U0001f3ae"},
    ),
    (
        "StartMatchBackfillPlayers",
        "StartMatchBackfill",
        "maps of structures, of doubles and of integers; lists of strings and structures",
        {"TicketId": "ticket-0001", "ConfigurationName": "arena-5v5",
         "GameSessionArn": "arn:aws:gamelift:us-west-2::gamesession/fleet-1/gsess-1",
         "Players": [
             {"PlayerId": "player-1", "Team": "red", "PlayerAttributes": PLAYER_ATTRIBUTES,
              "LatencyInMs": {"us-west-2": 23, "us-east-1": 81, "eu-west-1": 140}},
             {"PlayerId": "player-2", "PlayerAttributes": {}, "LatencyInMs": {}},
         ]},
    ),
    (
        "StartMatchmakingSolo",
        "StartMatchmaking",
        "one player with an integral double and a long latency",
        {"TicketId": "ticket-0002", "ConfigurationName": "solo",
         "Players": [{"PlayerId": "p", "PlayerAttributes": {"level": {"N": 42.0}},
                      "LatencyInMs": {"ap-southeast-2": 65535}}]},
    ),
    (
        "CreatePlayerSessionsData",
        "CreatePlayerSessions",
        "a list of strings and a map of strings",
        {"GameSessionId": "arn:aws:gamelift:us-west-2::gamesession/fleet-1/gsess-2",
         "PlayerIds": ["alice", "bob", "carol"],
         "PlayerDataMap": {"alice": "{\"class\":\"mage\"}", "bob": "b\u00f6b"}},
    ),
    (
        "CreatePlayerSessionsEmptyMap",
        "CreatePlayerSessions",
        "an empty map",
        {"GameSessionId": "gsess-3", "PlayerIds": ["dave"], "PlayerDataMap": {}},
    ),
    (
        "StartGameSessionPlacementLatencies",
        "StartGameSessionPlacement",
        "the float member; a nested structure with a list of strings; a long string",
        {"PlacementId": "placement-0001", "GameSessionQueueName": "main-queue",
         "GameProperties": [{"Key": "map", "Value": "harbor"}, {"Key": "mode", "Value": "ctf"}],
         "MaximumPlayerSessionCount": 0,
         "GameSessionName": "Spiel\u2013Sitzung \u2603 \U0001f3ae",
         "PlayerLatencies": [
             {"PlayerId": "alice", "RegionIdentifier": "us-west-2", "LatencyInMilliseconds": 12.5},
             {"PlayerId": "bob", "RegionIdentifier": "eu-central-1", "LatencyInMilliseconds": 100.0},
         ],
         "DesiredPlayerSessions": [{"PlayerId": "alice", "PlayerData": "ready"}],
         "GameSessionData": "x" * 300,
         "PriorityConfigurationOverride": {"PlacementFallbackStrategy": "NONE",
                                           "LocationOrder": ["us-west-2", "us-east-1"]}},
    ),
    (
        "PutScalingPolicyRuleBased",
        "PutScalingPolicy",
        "a negative integer, a fractional double, enums",
        {"Name": "scale-down", "FleetId": "fleet-1", "ScalingAdjustment": -5,
         "ScalingAdjustmentType": "ChangeInCapacity", "Threshold": 0.75,
         "ComparisonOperator": "LessThanThreshold", "EvaluationPeriods": 3,
         "MetricName": "PercentAvailableGameSessions", "PolicyType": "RuleBased"},
    ),
    (
        "PutScalingPolicyLargeNumbers",
        "PutScalingPolicy",
        "a negative two-byte integer, a negative double, a 4-byte integer",
        {"Name": "scale-big", "FleetId": "fleet-1", "ScalingAdjustment": -1000,
         "ScalingAdjustmentType": "ExactCapacity", "Threshold": -12345.678,
         "ComparisonOperator": "GreaterThanOrEqualToThreshold", "EvaluationPeriods": 70000,
         "MetricName": "ActiveInstances", "PolicyType": "RuleBased"},
    ),
    (
        "PutScalingPolicyInfinity",
        "PutScalingPolicy",
        "a non-finite double (botocore writes float16)",
        {"Name": "never", "FleetId": "fleet-1", "Threshold": INF,
         "ComparisonOperator": "GreaterThanThreshold", "MetricName": "IdleInstances"},
    ),
    (
        "PutScalingPolicyNegativeInfinity",
        "PutScalingPolicy",
        "negative infinity",
        {"Name": "always", "FleetId": "fleet-1", "Threshold": -INF,
         "MetricName": "IdleInstances"},
    ),
    (
        "PutScalingPolicyNaN",
        "PutScalingPolicy",
        "NaN",
        {"Name": "nan", "FleetId": "fleet-1", "Threshold": NAN, "MetricName": "IdleInstances"},
    ),
    (
        "PutScalingPolicyTargetBased",
        "PutScalingPolicy",
        "a nested structure with a required double",
        {"Name": "target", "FleetId": "fleet-1", "MetricName": "PercentAvailableGameSessions",
         "PolicyType": "TargetBased", "TargetConfiguration": {"TargetValue": 30.0}},
    ),
    (
        "CreateFleetFull",
        "CreateFleet",
        "a large input: nested structures and lists of structures, the largest 32-bit integer",
        {"Name": "arena-fleet", "Description": "Arena servers", "BuildId": "build-1",
         "LogPaths": ["/local/game/logs", "/local/game/crash"],
         "EC2InstanceType": "c5.large",
         "EC2InboundPermissions": [
             {"FromPort": 7000, "ToPort": 8000, "IpRange": "10.24.34.0/23", "Protocol": "TCP"},
             {"FromPort": 1, "ToPort": 60000, "IpRange": "0.0.0.0/0", "Protocol": "UDP"},
         ],
         "NewGameSessionProtectionPolicy": "FullProtection",
         "RuntimeConfiguration": {
             "ServerProcesses": [
                 {"LaunchPath": "/local/game/server", "Parameters": "-port 7777",
                  "ConcurrentExecutions": 1},
                 {"LaunchPath": "/local/game/server", "ConcurrentExecutions": 50},
             ],
             "MaxConcurrentGameSessionActivations": 2147483647,
             "GameSessionActivationTimeoutSeconds": 600},
         "ResourceCreationLimitPolicy": {"NewGameSessionsPerCreator": 0,
                                         "PolicyPeriodInMinutes": 15},
         "MetricGroups": ["arena"], "FleetType": "SPOT",
         "CertificateConfiguration": {"CertificateType": "GENERATED"},
         "Locations": [{"Location": "us-west-2"}, {"Location": "sa-east-1"}],
         "Tags": [{"Key": "env", "Value": "prod"}, {"Key": "owner", "Value": "games"}],
         "ComputeType": "EC2", "InstanceRoleCredentialsProvider": "SHARED_CREDENTIAL_FILE",
         "PlayerGatewayMode": "ENABLED",
         "PlayerGatewayConfiguration": {"GameServerIpProtocolSupported": "DUAL_STACK"}},
    ),
    (
        "CreateFleetAnywhere",
        "CreateFleet",
        "an Anywhere fleet: a string that looks like a number",
        {"Name": "anywhere", "ComputeType": "ANYWHERE",
         "AnywhereConfiguration": {"Cost": "0.0000001"},
         "Locations": [{"Location": "custom-home-lab"}]},
    ),
    (
        "CreateMatchmakingConfigurationAccept",
        "CreateMatchmakingConfiguration",
        "a boolean true, an empty string, enums",
        {"Name": "arena-5v5", "RequestTimeoutSeconds": 43200, "AcceptanceTimeoutSeconds": 600,
         "AcceptanceRequired": True, "RuleSetName": "arena-rules", "AdditionalPlayerCount": 0,
         "CustomEventData": "", "BackfillMode": "MANUAL", "FlexMatchMode": "STANDALONE",
         "GameProperties": [], "Tags": []},
    ),
    (
        "UpdateMatchmakingConfigurationNoAccept",
        "UpdateMatchmakingConfiguration",
        "a boolean false",
        {"Name": "arena-5v5", "AcceptanceRequired": False, "BackfillMode": "AUTOMATIC"},
    ),
    (
        "CreateContainerGroupDefinitionFull",
        "CreateContainerGroupDefinition",
        "deep nesting, doubles at and between integers, booleans in a list of structures",
        {"Name": "game-containers", "ContainerGroupType": "GAME_SERVER",
         "TotalMemoryLimitMebibytes": 4096, "TotalVcpuLimit": 2.0,
         "GameServerContainerDefinition": {
             "ContainerName": "server",
             "DependsOn": [{"ContainerName": "sidecar", "Condition": "HEALTHY"}],
             "MountPoints": [{"InstancePath": "/data", "ContainerPath": "/mnt/data",
                              "AccessLevel": "READ_ONLY"}],
             "EnvironmentOverride": [{"Name": "MODE", "Value": "prod"}],
             "ImageUri": "111122223333.dkr.ecr.us-west-2.amazonaws.com/server:1",
             "PortConfiguration": {"ContainerPortRanges": [
                 {"FromPort": 7777, "ToPort": 7780, "Protocol": "UDP"}]},
             "ServerSdkVersion": "5.2.0",
             "LinuxCapabilities": {"Include": ["NET_ADMIN", "SYS_PTRACE"]},
             "Vcpu": 1.5},
         "SupportContainerDefinitions": [
             {"ContainerName": "sidecar", "Essential": True,
              "HealthCheck": {"Command": ["CMD-SHELL", "curl -f localhost"], "Interval": 60,
                              "Retries": 5, "StartPeriod": 0, "Timeout": 30},
              "ImageUri": "public.ecr.aws/sidecar:latest", "MemoryHardLimitMebibytes": 512,
              "Vcpu": 0.125},
             {"ContainerName": "logger", "Essential": False,
              "ImageUri": "public.ecr.aws/logger:2", "Vcpu": 0.25,
              "LinuxCapabilities": {"Include": []}},
         ],
         "OperatingSystem": "AMAZON_LINUX_2023", "VersionDescription": "first",
         "Tags": [{"Key": "k", "Value": "v"}]},
    ),
    (
        "CreateGameServerGroupScaling",
        "CreateGameServerGroup",
        "a required nested double, a list of enum-bearing structures, a list of strings",
        {"GameServerGroupName": "fleetiq-group",
         "RoleArn": "arn:aws:iam::111122223333:role/fleetiq", "MinSize": 0, "MaxSize": 100,
         "LaunchTemplate": {"LaunchTemplateName": "fleetiq-template", "Version": "$Latest"},
         "InstanceDefinitions": [{"InstanceType": "c5.large", "WeightedCapacity": "1"},
                                 {"InstanceType": "m5.xlarge", "WeightedCapacity": "2"}],
         "AutoScalingPolicy": {"EstimatedInstanceWarmup": 300,
                               "TargetTrackingConfiguration": {"TargetValue": 66.6}},
         "BalancingStrategy": "SPOT_PREFERRED", "GameServerProtectionPolicy": "FULL_PROTECTION",
         "VpcSubnets": ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]},
    ),
    (
        "TagResourceEmptyList",
        "TagResource",
        "an empty list",
        {"ResourceARN": "arn:aws:gamelift:us-west-2::fleet/fleet-1", "Tags": []},
    ),
    (
        "CreateGameSessionData",
        "CreateGameSession",
        "a string of exactly 24 bytes, multi-byte text in a list of structures",
        {"FleetId": "fleet-1", "MaximumPlayerSessionCount": 23, "Name": "abcdefghijklmnopqrstuvwx",
         "GameProperties": [{"Key": "\u00fcber", "Value": "\u65e5\u672c\u8a9e"}],
         "CreatorId": "creator", "IdempotencyToken": "token-0001",
         "GameSessionData": "{\"seed\":12345}", "Location": "us-west-2"},
    ),
    (
        "SearchGameSessionsFilter",
        "SearchGameSessions",
        "strings with quotes and operators",
        {"AliasId": "alias-1", "FilterExpression": "maximumSessions>=10 AND hasAvailablePlayerSessions=true",
         "SortExpression": "creationTimeMillis ASC", "Limit": 1},
    ),
    (
        "UpdateRuntimeConfigurationProcesses",
        "UpdateRuntimeConfiguration",
        "a required nested structure",
        {"FleetId": "fleet-1", "RuntimeConfiguration": {
            "ServerProcesses": [{"LaunchPath": "C:\\game\\server.exe", "Parameters": "+map dust",
                                 "ConcurrentExecutions": 24}],
            "MaxConcurrentGameSessionActivations": 65536,
            "GameSessionActivationTimeoutSeconds": 1}},
    ),
]


def smithy_params(value):
    """The params as Smithy's protocol tests write them: non-finite floats as strings."""
    if isinstance(value, dict):
        return {k: smithy_params(v) for k, v in value.items()}
    if isinstance(value, list):
        return [smithy_params(v) for v in value]
    if isinstance(value, float) and not math.isfinite(value):
        if math.isnan(value):
            return "NaN"
        return "Infinity" if value > 0 else "-Infinity"
    return value


def has_non_finite(value):
    if isinstance(value, dict):
        return any(has_non_finite(v) for v in value.values())
    if isinstance(value, list):
        return any(has_non_finite(v) for v in value)
    return isinstance(value, float) and not math.isfinite(value)


def input_kinds(service):
    """Every shape kind the operations' inputs reach (a string enum counts as `enum`)."""
    kinds = set()
    seen = set()

    def walk(shape):
        if shape.name in seen:
            return
        seen.add(shape.name)
        kinds.add(kind(shape))
        if shape.type_name == "structure":
            for member in shape.members.values():
                walk(member)
        elif shape.type_name == "list":
            walk(shape.member)
        elif shape.type_name == "map":
            walk(shape.key)
            walk(shape.value)

    for name in service.operation_names:
        operation = service.operation_model(name)
        if operation.input_shape is not None:
            walk(operation.input_shape)
    return kinds


def kind(shape):
    if getattr(shape, "enum", None):
        return "enum"
    if shape.type_name == "structure" and shape.is_document_type:
        return "document"
    if shape.type_name == "structure" and shape.is_tagged_union:
        return "union"
    return shape.type_name


def used_kinds(shape, value, kinds):
    """The shape kinds a fixture's params set, with empty lists, maps and strings noted."""
    kinds.add(kind(shape))
    if shape.type_name == "structure":
        for name, member_value in value.items():
            used_kinds(shape.members[name], member_value, kinds)
        if not value:
            kinds.add("empty structure")
    elif shape.type_name == "list":
        if not value:
            kinds.add("empty list")
        for item in value:
            used_kinds(shape.member, item, kinds)
    elif shape.type_name == "map":
        if not value:
            kinds.add("empty map")
        for item in value.values():
            used_kinds(shape.value, item, kinds)
    elif shape.type_name in ("string", "blob") and value == "":
        kinds.add(f"empty {shape.type_name}")


def request(serializer, params, operation):
    serialized = serializer.serialize_to_request(copy.deepcopy(params), operation)
    if serialized["query_string"] not in ("", {}):
        sys.exit(f"{operation.name}: unexpected query string {serialized['query_string']!r}")
    if "host_prefix" in serialized:
        sys.exit(f"{operation.name}: unexpected host prefix")
    return serialized


def main():
    if botocore.__version__ != BOTOCORE_VERSION:
        sys.exit(f"botocore {BOTOCORE_VERSION} is required, found {botocore.__version__}")
    loader = botocore.loaders.Loader()
    data = loader.load_service_model("gamelift", "service-2")
    with open(COMMITTED_MODEL, encoding="utf-8") as f:
        committed = json.load(f)
    if data != committed:
        sys.exit(f"botocore's GameLift model differs from {COMMITTED_MODEL}")
    service = botocore.model.ServiceModel(data, service_name="gamelift")
    cbor = botocore.serialize.create_serializer("smithy-rpc-v2-cbor")
    json_serializer = botocore.serialize.create_serializer("json")
    ids = set()
    out = []
    for fixture_id, operation_name, description, params in FIXTURES:
        if fixture_id in ids:
            sys.exit(f"duplicate id {fixture_id}")
        ids.add(fixture_id)
        operation = service.operation_model(operation_name)
        c = request(cbor, params, operation)
        entry = {
            "id": fixture_id,
            "operation": operation_name,
            "description": description,
            "params": smithy_params(params),
            "rpcv2Cbor": {
                "method": c["method"],
                "path": c["url_path"],
                "headers": dict(sorted(c["headers"].items())),
                "body": base64.b64encode(c["body"]).decode("ascii"),
            },
        }
        if has_non_finite(params):
            entry["awsJson1_1"] = None
            entry["jsonNote"] = (
                "botocore's JSON serializer writes a non-finite double as a bare "
                "Infinity/NaN token, which is not JSON"
            )
        else:
            j = request(json_serializer, params, operation)
            body = j["body"]
            entry["awsJson1_1"] = {
                "method": j["method"],
                "path": j["url_path"],
                "headers": dict(sorted(j["headers"].items())),
                "body": body.decode("utf-8") if isinstance(body, bytes) else body,
            }
        out.append(entry)
    operations = sorted({e["operation"] for e in out})
    used = set()
    for _, operation_name, _, params in FIXTURES:
        used_kinds(service.operation_model(operation_name).input_shape, params, used)
        if not params:
            used.add("empty input")
    missing = input_kinds(service) - used
    if missing:
        sys.exit(f"GameLift inputs have shape kinds no fixture sets: {sorted(missing)}")
    print(f"shape kinds set: {', '.join(sorted(used))}")
    document = {
        "description": (
            "GameLift requests serialized by botocore's own serializers; made by "
            "scripts/botocore-cbor-fixtures.py, see models/botocore/README.md"
        ),
        "botocore": botocore.__version__,
        "model": "models/botocore/gamelift/service-2.json",
        "modelSha256": hashlib.sha256(open(COMMITTED_MODEL, "rb").read()).hexdigest(),
        "operations": len(operations),
        "fixtures": out,
    }
    text = json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print(f"{OUT}: {len(out)} fixtures, {len(operations)} operations")


if __name__ == "__main__":
    main()
