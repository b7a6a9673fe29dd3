"""schemathesis (from PyPI) against the live platform, one run per spec.

Checks: no 5xx, responses (status, content type, headers, body) conform to
the spec, undeclared methods answer 405, schema-violating requests are
refused. Bounded: few examples per operation and a fixed seed.

``positive_data_acceptance`` is left out for the auth and sessions specs: a
schema-valid request can still be semantically wrong there (an unknown OAuth
client or code, an image that cannot run the session type), and the platform
answers those with the documented 400.

The VOSpace and UWS specs are run by their own tests (test_vos*, test_pyvo*).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
ST = Path(sys.executable).with_name("st")
COMMON = ["--max-examples", "10", "--seed", "20261123", "--no-color", "--warnings", "off", "--request-timeout", "30"]

RUNS = {
    # (spec, path under the platform, authenticated?, extra arguments)
    "auth-public": ("auth.yaml", "", False, ["--exclude-operation-id", "authCheck", "--exclude-operation-id", "whoAmI", "--exclude-checks", "positive_data_acceptance"]),
    "auth-protected": ("auth.yaml", "", True, ["--include-operation-id", "authCheck", "--include-operation-id", "whoAmI"]),
    "gms": ("gms.yaml", "/gms", True, []),
    "sessions": ("sessions.yaml", "/skaha/v1", True, ["--exclude-tag", "vosi", "--exclude-checks", "positive_data_acceptance"]),
    # The VOSI endpoints of skaha live one level up, unversioned.
    "sessions-vosi": ("sessions.yaml", "/skaha", False, ["--include-tag", "vosi"]),
}


@pytest.fixture(scope="module")
def fuzzed_platform(platform_factory):
    """A platform of its own: the fuzzer launches sessions and would otherwise use up other tests' quotas."""
    proc = platform_factory()
    token = requests.post(f"{proc.url}/ac/login", data={"username": "carol", "password": "carol-demo-password"}, timeout=30).text
    return {"url": proc.url, "token": token}


@pytest.mark.parametrize("run", sorted(RUNS))
def test_spec_conformance(run, fuzzed_platform, tmp_path):
    spec, prefix, authenticated, extra = RUNS[run]
    args = [str(ST), "run", str(ROOT / "openapi" / spec), "--url", f"{fuzzed_platform['url']}{prefix}", *COMMON, *extra]
    if authenticated:
        args += ["-H", f"Authorization: Bearer {fuzzed_platform['token']}"]
    env = {**os.environ, "HOME": str(tmp_path), "SCHEMATHESIS_HOOKS": ""}
    result = subprocess.run(args, capture_output=True, text=True, timeout=300, env=env, cwd=tmp_path)
    tail = "\n".join(result.stdout.splitlines()[-60:])
    assert result.returncode == 0, f"schemathesis found problems in {spec} ({run}):\n{tail}\n{result.stderr[-2000:]}"
