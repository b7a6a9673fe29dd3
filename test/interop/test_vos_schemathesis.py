"""schemathesis (from PyPI) against the VOSpace and UWS specs on a live platform.

What must hold for every generated request, valid or not: no 5xx, and every documented
response matches its schema. The platform refuses some schema-valid requests on purpose
(a ``%2F`` inside the ``{path}`` parameter is a 400 ``InvalidURI``: encoded slashes are a
traversal vector), so "valid request rejected" and undocumented-status checks are not part
of this test. A platform of its own: fuzzing leaves jobs and nodes behind.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any, Callable

import pytest
import requests

from conftest import ROOT, USERS

SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
CHECKS = "not_a_server_error,response_schema_conformance"


@pytest.fixture(scope="module")
def fuzz_platform(platform_factory: Callable[..., Any]) -> tuple[str, str]:
    proc = platform_factory()
    res = requests.post(f"{proc.url}/ac/login", data={"username": "alice", "password": USERS["alice"]["password"]}, timeout=30)
    res.raise_for_status()
    return proc.url, res.text


@pytest.mark.parametrize("service", ["vospace", "uws"])
def test_no_server_errors_and_schema_conformant_responses(fuzz_platform: tuple[str, str], service: str, tmp_path: Path) -> None:
    url, token = fuzz_platform
    result = subprocess.run(
        [
            str(SCHEMATHESIS), "run", str(ROOT / "openapi" / f"{service}.yaml"),
            "--url", f"{url}/{service}",
            "--header", f"Authorization: Bearer {token}",
            "--checks", CHECKS,
            "--phases", "examples,coverage,fuzzing",
            "--max-examples", "10",
            "--workers", "1",
            "--seed", "20261123",
            "--no-color",
        ],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
