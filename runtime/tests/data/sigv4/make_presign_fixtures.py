#!/usr/bin/env python3
"""Writes presign_fixtures.json: presigned URLs and signed headers made by botocore.

The Rust test runtime/tests/sigv4_presign.rs reproduces every URL and header exactly with
smithy_runtime::sigv4, so the signer is checked against botocore's without Python in CI.

Fixed credentials (with and without a session token) and a fixed time: botocore's clock is
frozen by patching botocore.auth.get_current_datetime, the function its SigV4 signers call
(botocore's own tests patch botocore.auth.datetime to the same effect). Nothing here touches
the network: the signers run on in-memory AWSRequests, and the two client cases only build
URLs from the service models and endpoint rules botocore ships.

Regenerate (see README.md):

    python3 -m venv /tmp/sigv4-venv
    /tmp/sigv4-venv/bin/pip install botocore==1.44.8
    /tmp/sigv4-venv/bin/python runtime/tests/data/sigv4/make_presign_fixtures.py
"""

import datetime
import json
import os
import sys
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

# Keep any local AWS configuration out of the clients below.
for name in list(os.environ):
    if name.startswith("AWS_"):
        del os.environ[name]
os.environ["AWS_CONFIG_FILE"] = os.devnull
os.environ["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
os.environ["AWS_EC2_METADATA_DISABLED"] = "true"

import botocore  # noqa: E402
import botocore.auth  # noqa: E402
import botocore.session  # noqa: E402
from botocore.awsrequest import AWSRequest  # noqa: E402
from botocore.config import Config  # noqa: E402
from botocore.credentials import Credentials  # noqa: E402
from botocore.utils import percent_encode  # noqa: E402

BOTOCORE_VERSION = "1.44.8"
ACCESS_KEY = "AKIAIOSFODNN7EXAMPLE"
SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
# A made-up token with the characters real ones have that need encoding (+ / =).
SESSION_TOKEN = (
    "IQoJb3JpZ2luX2VjEXAMPLE//////////wEaCXVzLWVhc3QtMSJHMEUCIQDexample+token"
    "/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/EXAMPLE=="
)
TIME = datetime.datetime(2026, 1, 15, 8, 30, 45)  # naive UTC, as botocore uses
TIME_EPOCH = int(TIME.replace(tzinfo=datetime.timezone.utc).timestamp())

# An object key with spaces, non-ASCII text, slashes and characters S3 keys may hold.
KEY = "photos/2024/summer trip/ünïcödé ሴ/a+b=c&d ~!*'().jpg"
KEY_PATH = "/" + percent_encode(KEY, safe="/~")  # as botocore's REST serializer encodes it


def credentials(with_token):
    return Credentials(ACCESS_KEY, SECRET_KEY, SESSION_TOKEN if with_token else None)


def frozen():
    return mock.patch.object(botocore.auth, "get_current_datetime", return_value=TIME)


class Recorder:
    """Within `with`, records each canonical request botocore's SigV4 signers compute (all of
    them inherit SigV4Auth.canonical_request), for debugging a mismatch."""

    def __enter__(self):
        self.seen = []
        original = botocore.auth.SigV4Auth.canonical_request

        def recording(signer, request):
            result = original(signer, request)
            self.seen.append(result)
            return result

        self._patch = mock.patch.object(botocore.auth.SigV4Auth, "canonical_request", recording)
        self._patch.start()
        return self

    def __exit__(self, *exc):
        self._patch.stop()

    def only(self):
        assert len(self.seen) == 1, self.seen
        return self.seen[0]


def presign_direct(name, signer, service, region, with_token, expires, method, url, headers=()):
    """A presigned URL from SigV4QueryAuth or S3SigV4QueryAuth on an AWSRequest."""
    cls = {
        "SigV4QueryAuth": botocore.auth.SigV4QueryAuth,
        "S3SigV4QueryAuth": botocore.auth.S3SigV4QueryAuth,
    }[signer]
    request = AWSRequest(method=method, url=url, headers=dict(headers))
    with frozen(), Recorder() as recorder:
        cls(credentials(with_token), service, region, expires=expires).add_auth(request)
    return {
        "name": name,
        "made_by": f"botocore.auth.{signer}",
        "service": service,
        "region": region,
        "session_token": with_token,
        "settings": "s3" if signer.startswith("S3") else "default",
        "expires_in": expires,
        "request": {"method": method, "url": url, "headers": [list(h) for h in headers]},
        "canonical_request": recorder.only(),
        "presigned_url": request.url,
    }


def strip_auth_params(url):
    """The URL a presigned URL was made from: without its X-Amz-* query parameters."""
    parts = urlsplit(url)
    kept = [p for p in parts.query.split("&") if p and not p.startswith("X-Amz-")]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, "&".join(kept), parts.fragment))


def presign_client(name, service, region, with_token, expires, operation, params, method, config=None, settings="default"):
    """A presigned URL from a botocore client's generate_presigned_url (serializer, endpoint
    rules and signer together)."""
    session = botocore.session.get_session()
    client = session.create_client(
        service,
        region_name=region,
        aws_access_key_id=ACCESS_KEY,
        aws_secret_access_key=SECRET_KEY,
        aws_session_token=SESSION_TOKEN if with_token else None,
        config=config,
    )
    with frozen(), Recorder() as recorder:
        url = client.generate_presigned_url(operation, Params=params, ExpiresIn=expires)
    return {
        "name": name,
        "made_by": f"botocore client {service}.generate_presigned_url({operation!r})",
        "service": service,
        "region": region,
        "session_token": with_token,
        "settings": settings,
        "expires_in": expires,
        "request": {"method": method, "url": strip_auth_params(url), "headers": []},
        "canonical_request": recorder.only(),
        "presigned_url": url,
    }


def sign_direct(name, signer, service, region, with_token, method, url, headers=(), body=b"", unsigned_payload=False):
    """Headers SigV4Auth or S3SigV4Auth add to an AWSRequest."""
    cls = {"SigV4Auth": botocore.auth.SigV4Auth, "S3SigV4Auth": botocore.auth.S3SigV4Auth}[signer]
    request = AWSRequest(method=method, url=url, headers=dict(headers), data=body)
    if unsigned_payload:
        request.context["client_config"] = Config(s3={"payload_signing_enabled": False})
    before = set(request.headers.keys())
    auth = cls(credentials(with_token), service, region)
    with frozen(), Recorder() as recorder:
        auth.add_auth(request)
    canonical = recorder.only()
    added = {k: v for k, v in request.headers.items() if k not in before}
    return {
        "name": name,
        "made_by": f"botocore.auth.{signer}",
        "service": service,
        "region": region,
        "session_token": with_token,
        "settings": "s3" if signer.startswith("S3") else "default",
        "unsigned_payload": unsigned_payload,
        "request": {
            "method": method,
            "url": url,
            "headers": [list(h) for h in headers],
            "body": body.decode("utf-8"),
        },
        "canonical_request": canonical,
        "added_headers": [[k.lower(), v] for k, v in sorted(added.items(), key=lambda kv: kv[0].lower())],
    }


def main():
    if botocore.__version__ != BOTOCORE_VERSION:
        sys.exit(f"botocore {botocore.__version__} found, {BOTOCORE_VERSION} expected")
    vhost = "https://examplebucket.s3.us-east-1.amazonaws.com"
    path_style = "https://s3.us-east-1.amazonaws.com/examplebucket"
    presigned = [
        presign_direct("s3-get-virtual-hosted", "S3SigV4QueryAuth", "s3", "us-east-1", False, 3600,
                       "GET", vhost + KEY_PATH),
        presign_direct("s3-get-path-style-session-token", "S3SigV4QueryAuth", "s3", "us-east-1", True, 3600,
                       "GET", path_style + KEY_PATH),
        presign_direct("s3-put-content-type", "S3SigV4QueryAuth", "s3", "eu-west-1", True, 900,
                       "PUT", "https://examplebucket.s3.eu-west-1.amazonaws.com/uploads/report%202025.pdf",
                       [("Content-Type", "application/pdf")]),
        presign_direct("s3-get-version-seven-days", "S3SigV4QueryAuth", "s3", "us-west-2", False, 604800,
                       "GET", "https://examplebucket.s3.us-west-2.amazonaws.com/a/b.txt?versionId=3HL4kqtJlcpXroDTDmJ%2Brmsvz9S8tW3Kx"),
        presign_direct("s3-get-custom-port", "S3SigV4QueryAuth", "s3", "us-east-1", False, 120,
                       "GET", "http://localhost:9000/examplebucket/key.txt"),
        presign_direct("sts-get-caller-identity", "SigV4QueryAuth", "sts", "us-east-1", True, 60,
                       "GET", "https://sts.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"),
        presign_direct("sts-get-caller-identity-no-token", "SigV4QueryAuth", "sts", "eu-central-1", False, 900,
                       "GET", "https://sts.eu-central-1.amazonaws.com/?Action=GetCallerIdentity&Version=2011-06-15"),
        presign_client("client-s3-get-object-virtual", "s3", "us-west-2", True, 3600, "get_object",
                       {"Bucket": "examplebucket", "Key": KEY}, "GET",
                       config=Config(signature_version="s3v4", s3={"addressing_style": "virtual"}),
                       settings="s3"),
        presign_client("client-s3-get-object-path", "s3", "us-west-2", False, 300, "get_object",
                       {"Bucket": "examplebucket", "Key": KEY}, "GET",
                       config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
                       settings="s3"),
        presign_client("client-sts-get-caller-identity", "sts", "us-east-1", True, 900,
                       "get_caller_identity", {}, "POST"),
    ]
    signed = [
        sign_direct("gamelift-json", "SigV4Auth", "gamelift", "us-west-2", True, "POST",
                    "https://gamelift.us-west-2.amazonaws.com/",
                    [("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "GameLift.ListFleets")],
                    b'{"Limit":10}'),
        sign_direct("lambda-double-encoded-path", "SigV4Auth", "lambda", "us-east-1", False, "POST",
                    "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/my%20func%3Aprod/invocations?Qualifier=v%201",
                    [("Content-Type", "application/json"), ("X-Amz-Invocation-Type", "Event")],
                    b'{"hello": "world"}'),
        sign_direct("s3-put-object", "S3SigV4Auth", "s3", "us-east-1", False, "PUT",
                    vhost + KEY_PATH, [("Content-Type", "image/jpeg")], b"not really a jpeg"),
        sign_direct("s3-put-object-unsigned-payload-token", "S3SigV4Auth", "s3", "eu-west-1", True, "PUT",
                    "https://examplebucket.s3.eu-west-1.amazonaws.com/dir//double/./dots/../x",
                    [("Content-Type", "text/plain")], b"hello", unsigned_payload=True),
        sign_direct("s3-list-objects-query", "S3SigV4Auth", "s3", "us-east-1", False, "GET",
                    "https://examplebucket.s3.amazonaws.com/?list-type=2&prefix=photos%2F2024%2F&max-keys=10"),
    ]
    fixtures = {
        "about": "Made by make_presign_fixtures.py with botocore; do not edit by hand.",
        "botocore": botocore.__version__,
        "time": TIME.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "time_epoch_seconds": TIME_EPOCH,
        "credentials": {
            "access_key_id": ACCESS_KEY,
            "secret_access_key": SECRET_KEY,
            "session_token": SESSION_TOKEN,
        },
        "presigned_urls": presigned,
        "signed_requests": signed,
    }
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "presign_fixtures.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(fixtures, f, indent=2, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {len(presigned)} presigned URLs and {len(signed)} signed requests to {out}")


if __name__ == "__main__":
    main()
