"""TOPCAT's authentication library against the platform, as TOPCAT runs it.

STIL 4.3.5 (Maven Central ``uk.ac.starlink:stil``; ``uk.ac.starlink.auth``) is the reference
client of the IVOA SSO/AuthVO drafts. With its default scheme list (``ivoa_x509``,
``ivoa_cookie``, ``Basic``; ``ivoa_bearer`` is off) it reads the platform's challenges, logs in
through the ``ivoa_cookie`` challenge's login protocol (``tls-with-password``: POST the user name
and password to ``access_url``), keeps the cookie and presents it. ``AuthManager.authcheck`` must
report the user, from ``X-VO-Authenticated``, and a VOSpace node must read with the cookie.

Needs Java 17+ and Maven (both on this project's CI machines); the jar comes from Maven Central
into ``~/.m2`` once. Without a JDK the test is skipped and says so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any, Callable

import pytest
import requests

HERE = Path(__file__).resolve().parent
STIL = "uk.ac.starlink:stil:4.3.5"


@pytest.fixture(scope="module")
def stil_classpath(tmp_path_factory: pytest.TempPathFactory) -> str:
    if shutil.which("javac") is None or shutil.which("mvn") is None:
        pytest.skip("STIL needs a JDK (javac) and Maven on PATH; this machine has neither")
    work = tmp_path_factory.mktemp("stil")
    subprocess.run(
        ["mvn", "-q", "-B", "dependency:copy", f"-Dartifact={STIL}", f"-DoutputDirectory={work}"],
        check=True,
        capture_output=True,
        timeout=600,
    )
    jar = work / "stil-4.3.5.jar"
    assert jar.is_file(), f"Maven did not fetch {STIL}"
    subprocess.run(["javac", "-cp", str(jar), "-d", str(work), str(HERE / "stil" / "StilAuthCheck.java")], check=True, timeout=300)
    return f"{jar}{os.pathsep}{work}"


def stil(classpath: str, password: str, *args: str) -> dict[str, list[str]]:
    # The password goes by environment, never on a command line.
    env = {**os.environ, "STIL_PASSWORD": password}
    done = subprocess.run(
        ["java", "-cp", classpath, "StilAuthCheck", *args], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines: dict[str, list[str]] = {}
    for line in done.stdout.splitlines():
        key, _, value = line.partition(" ")
        lines.setdefault(key, []).append(value)
    return lines


def test_stil_with_its_default_schemes_logs_in_and_reads_a_node(
    stil_classpath: str, platform: dict[str, Any], login: Callable[[str], str]
) -> None:
    url = platform["url"]
    vospace = platform["services"]["vospace"]
    # A node to read, made with a token (any client would do).
    headers = {"Authorization": f"Bearer {login('alice')}"}
    requests.put(f"{vospace}/vospace/data/alice/stil-check.txt", data=b"read by STIL\n", headers=headers, timeout=30).raise_for_status()

    out = stil(
        stil_classpath,
        platform["users"]["alice"]["password"],
        f"{url}/authcheck",
        "alice",
        f"{vospace}/vospace/nodes/alice/stil-check.txt",
        f"{vospace}/vospace/data/alice/stil-check.txt",
    )
    assert out["schemes"] == ["ivoa_x509,ivoa_cookie,Basic,"], "STIL's default scheme list changed"
    assert out["authenticated"] == ["true"]
    assert out["identity"] == ["alice"]
    node, data = out["read"]
    assert node.startswith("200 alice ") and 'uri="vos://' in node and "stil-check.txt" in node
    assert data == "200 alice read by STIL "
