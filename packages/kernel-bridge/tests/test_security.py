"""The broker's defences as a kernel-side client sees them, and the files it writes."""

from __future__ import annotations

import stat
import time
from pathlib import Path

import requests

from conftest import ISSUED, Stack, broker_secret, login, start_broker


def _get(stack: Stack, path: str, **headers: str) -> requests.Response:
    return requests.get(stack.broker.url + path, headers=headers, timeout=30)


def test_no_secret_is_401(stack: Stack) -> None:
    reply = _get(stack, "/v1/logins")
    assert reply.status_code == 401
    assert reply.json()["error"] == "unauthorized"


def test_wrong_secret_is_401(stack: Stack) -> None:
    assert _get(stack, "/v1/logins", Authorization="Bearer wrong").status_code == 401
    assert _get(stack, "/v1/logins", Authorization=f"Bearer {stack.secret}x").status_code == 401


def test_origin_header_is_403(stack: Stack) -> None:
    reply = _get(stack, "/v1/logins", Authorization=f"Bearer {stack.secret}", Origin="http://evil.example")
    assert reply.status_code == 403
    assert reply.json()["error"] == "origin_refused"
    assert not [h for h in reply.headers if h.lower().startswith("access-control-")]


def test_foreign_host_is_403(stack: Stack) -> None:
    reply = _get(stack, "/v1/logins", Authorization=f"Bearer {stack.secret}", Host="evil.example")
    assert reply.status_code == 403
    assert reply.json()["error"] == "origin_refused"


def test_token_for_another_origin_is_403(stack: Stack) -> None:
    reply = requests.get(
        stack.broker.url + "/v1/token",
        params={"url": f"{stack.other.url}/ac/whoami"},
        headers={"Authorization": f"Bearer {stack.secret}"},
        timeout=30,
    )
    assert reply.status_code == 403
    body = reply.json()
    assert body["error"] == "out_of_scope"
    assert stack.platform.url in body["message"]


def test_runtime_file_is_private(stack: Stack) -> None:
    path = Path(stack.runtime_dir) / "vobridge-broker.json"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_token_file_sink_is_private(stack: Stack, tmp_path: Path) -> None:
    sink = tmp_path / "bt_u1000"
    broker = start_broker(tmp_path, stack.logs, "--token-file", str(sink))
    try:
        login(broker.url, broker_secret(tmp_path), stack.platform.url)
        deadline = time.monotonic() + 10
        while not sink.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert stat.S_IMODE(sink.stat().st_mode) == 0o600
        token = sink.read_text().strip()
        ISSUED.add(token)
        reply = requests.get(f"{stack.platform.url}/ac/whoami", headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert reply.status_code == 200
    finally:
        broker.stop()
    # Removed when the broker stops: no token outlives it on disk.
    assert not sink.exists()
