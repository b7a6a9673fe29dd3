"""Sessions across platforms, and the real firefly_client connected to a Firefly session through the bridge."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests

import vobridge
from conftest import Stack


def _launch_firefly(stack: Stack, http: requests.Session) -> str:
    base = f"{stack.platform.url}/skaha/v1"
    images = http.get(f"{base}/image", params={"type": "firefly"}, timeout=30)
    images.raise_for_status()
    image = next(i["id"] for i in images.json() if "firefly" in i.get("types", []))
    reply = http.post(f"{base}/session", params={"name": "bridge", "image": image, "type": "firefly", "cores": "1", "ram": "1"}, timeout=60)
    assert reply.status_code == 200, reply.text
    session_id = reply.text.strip()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        state: dict[str, Any] = http.get(f"{base}/session/{session_id}", timeout=30).json()
        if state.get("status") == "Running":
            return session_id
        time.sleep(0.2)
    raise AssertionError(f"session {session_id} did not start: {state}")


@pytest.fixture(scope="module")
def firefly_session(stack: Stack) -> Any:
    http = requests.Session()
    http.auth = vobridge.BrokerAuth(client=vobridge.BrokerClient(env={"JUPYTER_RUNTIME_DIR": str(stack.runtime_dir)}))
    session_id = _launch_firefly(stack, http)
    yield session_id
    http.delete(f"{stack.platform.url}/skaha/v1/session/{session_id}", timeout=30)


def test_sessions_list_and_open(kernel_env: Stack, firefly_session: str) -> None:
    listed = vobridge.sessions.list()
    mine = [s for s in listed if s.id == firefly_session]
    assert len(mine) == 1 and mine[0].type == "firefly" and mine[0].platform == kernel_env.platform.url
    opened = vobridge.sessions.open(firefly_session)
    assert opened.get("healthz", timeout=30).status_code == 200
    with pytest.raises(vobridge.VobridgeError, match="No session"):
        vobridge.sessions.open("no-such-session")


def test_firefly_client_connects_through_the_bridge(kernel_env: Stack, firefly_session: str) -> None:
    fc = vobridge.sessions.firefly(firefly_session)
    assert fc.url.startswith(kernel_env.platform.url)
    # A command goes through the platform's proxy, which only lets the session owner's token through.
    result = fc.add_cell(0, 0, 1, 1, "tables", "main")
    assert result["success"] is True
