"""Create credentials on a fresh moto whose signature checking turns on after the bootstrap.

Run with the moto venv's python (boto3 comes with moto):

    target/moto-venv/bin/python scripts/moto-bootstrap.py http://127.0.0.1:PORT

Makes exactly BOOTSTRAP_CALLS unauthenticated IAM calls, so moto must be started with
INITIAL_NO_AUTH_ACTION_COUNT=4 (tests/tests/support/moto.rs does): an IAM user, a policy
allowing everything, attached to the user, and an access key for it. Then, signed with that key
(so these do not count), a role anyone may assume, allowed everything, for the assume-role
tests. Prints one line of JSON:
{"access_key_id": "...", "secret_access_key": "...", "role_arn": "..."}.
"""

import json
import os
import sys

import boto3
from botocore.config import Config

# The number of requests below; tests/tests/support/moto.rs passes it to moto.
BOOTSTRAP_CALLS = 4

USER = "smithy-e2e"
ROLE = "smithy-e2e-role"
TRUST = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "sts:AssumeRole"}
        ],
    }
)
POLICY = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}],
    }
)


def main() -> None:
    if len(sys.argv) != 2 or not sys.argv[1].startswith("http://127.0.0.1:"):
        sys.exit("usage: moto-bootstrap.py http://127.0.0.1:PORT")
    os.environ["AWS_EC2_METADATA_DISABLED"] = "true"
    iam = boto3.client(
        "iam",
        endpoint_url=sys.argv[1],
        region_name="us-east-1",
        # Dummy credentials: moto does not check them while the initial actions last.
        aws_access_key_id="bootstrap",
        aws_secret_access_key="bootstrap",
        # One attempt per call: a retry would use up one of the unauthenticated actions.
        config=Config(retries={"total_max_attempts": 1}),
    )
    iam.create_user(UserName=USER)
    arn = iam.create_policy(PolicyName="allow-all", PolicyDocument=POLICY)["Policy"]["Arn"]
    iam.attach_user_policy(UserName=USER, PolicyArn=arn)
    key = iam.create_access_key(UserName=USER)["AccessKey"]
    signed = boto3.client(
        "iam",
        endpoint_url=sys.argv[1],
        region_name="us-east-1",
        aws_access_key_id=key["AccessKeyId"],
        aws_secret_access_key=key["SecretAccessKey"],
        config=Config(retries={"total_max_attempts": 1}),
    )
    role = signed.create_role(RoleName=ROLE, AssumeRolePolicyDocument=TRUST)["Role"]["Arn"]
    signed.put_role_policy(RoleName=ROLE, PolicyName="allow-all", PolicyDocument=POLICY)
    print(
        json.dumps(
            {
                "access_key_id": key["AccessKeyId"],
                "secret_access_key": key["SecretAccessKey"],
                "role_arn": role,
            }
        )
    )


if __name__ == "__main__":
    main()
