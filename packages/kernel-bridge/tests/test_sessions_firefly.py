"""Sessions across platforms, and the real firefly_client connected to a Firefly session through the bridge."""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import pytest
import requests

import vobridge
from conftest import Stack, broker_secret, login, start_broker, start_platform


def _launch_firefly(platform_url: str, http: requests.Session) -> str:
    base = f"{platform_url}/skaha/v1"
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
    session_id = _launch_firefly(stack.platform.url, http)
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


def test_firefly_client_over_https_sends_the_token_itself(stack: Stack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """firefly_client sends its token only over https: a TLS platform, its CA trusted by every party."""
    tls = start_platform(stack.logs, "tls", 3600, "--tls")
    ca = str(stack.logs / "tls-data" / "tls" / "ca.pem")
    broker = start_broker(tmp_path, stack.logs, env={**os.environ, "NODE_EXTRA_CA_CERTS": ca})
    try:
        assert tls.url.startswith("https://")
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca)
        monkeypatch.setenv("WEBSOCKET_CLIENT_CA_BUNDLE", ca)
        login(broker.url, broker_secret(tmp_path), tls.url)
        client = vobridge.BrokerClient(env={"JUPYTER_RUNTIME_DIR": str(tmp_path)})
        http = requests.Session()
        http.auth = vobridge.BrokerAuth(client=client)
        session_id = _launch_firefly(tls.url, http)
        fc = vobridge.sessions.firefly(session_id, client=client)
        assert fc.url.startswith(tls.url)
        assert fc.add_cell(0, 0, 1, 1, "tables", "main")["success"] is True
        http.delete(f"{tls.url}/skaha/v1/session/{session_id}", timeout=30)
    finally:
        broker.stop()
        tls.stop()


def test_a_platform_down_is_never_an_empty_list(stack: Stack, tmp_path: Path) -> None:
    """"No sessions" and "platform down" look different: a warning and ``.unavailable``, or an error when none answers."""
    up = start_platform(stack.logs, "sessions-up")
    down = start_platform(stack.logs, "sessions-down")
    broker = start_broker(tmp_path, stack.logs)
    try:
        login(broker.url, broker_secret(tmp_path), up.url)
        login(broker.url, broker_secret(tmp_path), down.url)
        client = vobridge.BrokerClient(env={"JUPYTER_RUNTIME_DIR": str(tmp_path)})
        assert vobridge.sessions.list(client) == [] and vobridge.sessions.list(client).unavailable == {}
        down.stop()
        with pytest.warns(UserWarning, match=rf"Sessions not listed from {down.url} \(platform_unreachable\)"):
            listed = vobridge.sessions.list(client)
        assert listed == [] and listed.unavailable == {down.url: "platform_unreachable"}
        up.stop()
        with pytest.raises(vobridge.PlatformsUnavailable, match="No platform could list its sessions") as raised:
            vobridge.sessions.list(client)
        assert set(raised.value.failures) == {up.url, down.url}
    finally:
        broker.stop()
        up.stop()
        down.stop()
