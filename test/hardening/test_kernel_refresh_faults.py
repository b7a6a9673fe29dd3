"""Refresh failures seen from a kernel: a pause or a dead login, told apart.

A real platform (its bin, short-lived tokens, restartable on its port with its
data) and a real broker (``support/broker-child.mjs``). When the broker cannot
renew a dead token because the platform is gone (SIGKILLed), the kernel bridge
raises ``BrokerError`` with code ``platform_unreachable`` -- not
``NotLoggedIn``, since nothing refused the login -- and once the platform is
back the same login serves tokens again. When the platform refuses the
refresh token (``invalid_grant``), the kernel gets ``NotLoggedIn``: log in
again. Nothing is mocked; the only waits are for tokens to expire.
"""
from __future__ import annotations

import os
import re
import secrets
import socket
import subprocess
import time
from pathlib import Path
from typing import Iterator

import pytest
import requests

from vobridge.client import BrokerClient
from vobridge.errors import BrokerError, NotLoggedIn

HERE = Path(__file__).parent
BROKER_CHILD = HERE / "support" / "broker-child.mjs"
PLATFORM_BIN = HERE.parent.parent / "packages" / "platform" / "dist" / "bin" / "vobridge-platform.js"
ALICE = {"username": "alice", "password": "alice-demo-password"}
TTL = 4


def _start(args: list[str], env: dict[str, str], ready: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(["node", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert process.stdout is not None
    for line in process.stdout:
        match = re.search(ready + r" (http://\S+)", line)
        if match:
            return process, match.group(1)
    raise AssertionError(f"{args[0]} exited before it was ready ({process.wait(timeout=30)})")


def _stop(process: subprocess.Popen[str], sig: str = "terminate") -> None:
    if process.poll() is None:
        getattr(process, sig)()
        process.wait(timeout=30)


class Platform:
    """The platform's bin on a fixed port, so a SIGKILLed one comes back where the broker looks."""

    def __init__(self, data: Path) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.data = data
        self.start()

    def start(self) -> None:
        args = [str(PLATFORM_BIN), "--port", str(self.port), "--data", str(self.data), "--token-ttl", str(TTL), "--log-level", "error"]
        self.process, self.url = _start(args, dict(os.environ), "vobridge-platform listening on")

    def kill(self) -> None:
        _stop(self.process, "kill")


@pytest.fixture()
def rig(tmp_path: Path) -> Iterator[tuple[Platform, str, str, dict[str, str]]]:
    platform = Platform(tmp_path / "platform")
    secret = secrets.token_urlsafe(32)
    broker, url = _start([str(BROKER_CHILD)], dict(os.environ, HARDENING_BROKER_SECRET=secret), "broker listening on")
    env = {
        "VOBRIDGE_BROKER_URL": url,
        "VOBRIDGE_BROKER_SECRET": secret,
        # Pin WLCG discovery to empty places, so no stray token file stands in for the broker's answer.
        "XDG_RUNTIME_DIR": str(tmp_path),
        "JUPYTER_RUNTIME_DIR": str(tmp_path),
        "HOME": str(tmp_path),
    }
    yield platform, url, secret, env
    _stop(broker)
    _stop(platform.process)


def _login(broker: str, secret: str, body: dict[str, str]) -> str:
    reply = requests.post(f"{broker}/v1/logins", json=body, headers={"Authorization": f"Bearer {secret}"}, timeout=30)
    assert reply.status_code == 201, reply.text
    return str(reply.json()["id"])


def _outlive(expires_at: float) -> None:
    time.sleep(max(0.0, expires_at - time.time() + 1.0))


def test_platform_gone_is_a_pause_not_a_lost_login(rig: tuple[Platform, str, str, dict[str, str]]) -> None:
    platform, broker, secret, env = rig
    login_id = _login(broker, secret, {"url": platform.url, "method": "password", **ALICE})
    service = f"{platform.url}/vospace/nodes/alice"
    first = BrokerClient(env=env).token(service)
    assert first.login_id == login_id

    platform.kill()
    _outlive(first.expires_at)
    with pytest.raises(BrokerError) as caught:
        BrokerClient(env=env).token(service)
    assert not isinstance(caught.value, NotLoggedIn)
    assert (caught.value.code, caught.value.status) == ("platform_unreachable", 502)
    assert first.value not in str(caught.value)
    logins = requests.get(f"{broker}/v1/logins", headers={"Authorization": f"Bearer {secret}"}, timeout=30).json()
    assert [(entry["id"], entry["refreshable"]) for entry in logins] == [(login_id, True)]

    platform.start()
    again = BrokerClient(env=env).token(service)
    assert again.login_id == login_id
    assert again.value != first.value
    whoami = requests.get(f"{platform.url}/ac/whoami", headers={"Authorization": f"Bearer {again.value}"}, timeout=30)
    assert whoami.status_code == 200


def test_refused_refresh_token_means_log_in_again(rig: tuple[Platform, str, str, dict[str, str]]) -> None:
    platform, broker, secret, env = rig
    issued = requests.post(f"{platform.url}/ac/login", data=ALICE, timeout=30)
    assert issued.status_code == 200
    # A refresh token the platform never issued (or revoked): its token endpoint answers invalid_grant.
    login_id = _login(broker, secret, {"url": platform.url, "method": "token", "token": issued.text.strip(), "refresh_token": secrets.token_urlsafe(32)})
    service = f"{platform.url}/vospace/nodes/alice"
    first = BrokerClient(env=env).token(service)
    assert first.login_id == login_id

    _outlive(first.expires_at)
    with pytest.raises(NotLoggedIn) as caught:
        BrokerClient(env=env).token(service)
    assert "log in again" in str(caught.value).lower()
