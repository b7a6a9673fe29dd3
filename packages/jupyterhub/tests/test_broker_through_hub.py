"""The real broker (as a single-user server starts it) logging in through the real hub.

The broker gets what JupyterHub gives every server, ``JUPYTERHUB_API_URL`` and
an API token with the vobridge scope, and nothing else: no password, no
platform token. It must find the hub's login, keep tokens fresh across many
4-second lifetimes, ride out a hub restart, and say "log in again at
JupyterHub" when the platform ends the login, until the user does.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from conftest import TOKEN_TTL
from hub import ROOT, Hub

from vobridge_jupyterhub import TOKEN_SCOPE

BROKER_BIN = ROOT / "packages" / "broker" / "dist" / "bin" / "vobridge-broker.js"


class Broker:
    def __init__(self, base: Path, hub: Hub, user: str) -> None:
        self.runtime = base / f"broker-{user}.json"
        self.log_path = base / f"broker-{user}.log"
        env = {
            **{k: v for k, v in os.environ.items() if not k.startswith(("JUPYTERHUB_", "VOBRIDGE_"))},
            "JUPYTERHUB_API_URL": hub.api_url,
            "JUPYTERHUB_API_TOKEN": hub.api_token(user, [TOKEN_SCOPE]),
        }
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            ["node", str(BROKER_BIN), "--port", "0", "--runtime-file", str(self.runtime)],
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while not self.runtime.exists():
            assert self.proc.poll() is None and time.monotonic() < deadline, self.log_path.read_text()
            time.sleep(0.1)
        info = json.loads(self.runtime.read_text())
        self.url, self.secret = info["url"], info["secret"]

    def get(self, path: str, **params: str) -> requests.Response:
        return requests.get(
            f"{self.url}{path}", params=params, headers={"Authorization": f"Bearer {self.secret}"}, timeout=60
        )

    def login(self, timeout: float = 30, state: str = "active") -> dict:
        deadline = time.monotonic() + timeout
        while True:
            logins = self.get("/v1/logins").json()
            if logins and logins[0]["state"] == state:
                return dict(logins[0])
            assert time.monotonic() < deadline, (logins, self.log_path.read_text())
            time.sleep(0.25)

    def stop(self) -> None:
        self.proc.terminate()
        self.proc.wait(timeout=20)
        self._log.close()


@pytest.fixture()
def broker_of(hub: Hub, tmp_path: Path) -> Iterator:
    started: list[Broker] = []

    def start(user: str) -> Broker:
        started.append(Broker(tmp_path, hub, user))
        return started[-1]

    yield start
    for broker in started:
        broker.stop()


def whoami(hub: Hub, token: str) -> str:
    reply = requests.get(f"{hub.platform.url}/ac/whoami", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert reply.status_code == 200, reply.text
    return str(reply.json()["username"])


def test_the_broker_logs_in_through_the_hub_and_renews_through_it(hub: Hub, broker_of) -> None:  # noqa: ANN001
    hub.login("alice")
    broker = broker_of("alice")
    login = broker.login()
    assert login["method"] == "hub" and login["renews_with"] == "hub" and login["user"] == "alice"
    assert login["platform"] == hub.platform.url
    seen = set()
    deadline = time.time() + TOKEN_TTL * 4
    while time.time() < deadline:
        reply = broker.get("/v1/token", url=f"{hub.platform.url}/vospace/nodes", min_valid="1")
        assert reply.status_code == 200, reply.text
        assert whoami(hub, reply.json()["token"]) == "alice"
        seen.add(reply.json()["token"])
        time.sleep(0.4)
    assert len(seen) >= 4
    # The hub renewed about once per lifetime for this broker, not once per request.
    log = broker.log_path.read_text()
    assert hub.platform.client_secret not in log and not re.search(r"eyJ[\w-]+\.", log)


def test_two_users_brokers_each_hold_their_own_user(hub: Hub, broker_of) -> None:  # noqa: ANN001
    hub.login("alice")
    hub.login("bob")
    alice, bob = broker_of("alice"), broker_of("bob")
    assert alice.login()["user"] == "alice" and bob.login()["user"] == "bob"
    for broker, user in ((alice, "alice"), (bob, "bob")):
        token = broker.get("/v1/token", url=hub.platform.url).json()["token"]
        assert whoami(hub, token) == user


def test_the_broker_rides_out_a_hub_restart(hub: Hub, broker_of) -> None:  # noqa: ANN001
    hub.login("bob")
    broker = broker_of("bob")
    broker.login()
    hub.stop_hub()
    try:
        # While the hub is down the held token is served until it expires; then the broker says why.
        down = broker.get("/v1/token", url=hub.platform.url, min_valid="0")
        assert down.status_code in (200, 502), down.text
        time.sleep(TOKEN_TTL + 0.5)
        dead = broker.get("/v1/token", url=hub.platform.url, min_valid="0")
        assert dead.status_code == 502 and dead.json()["error"] == "platform_unreachable", dead.text
    finally:
        hub.start()
    deadline = time.monotonic() + 60
    while True:
        reply = broker.get("/v1/token", url=hub.platform.url, min_valid="1")
        if reply.status_code == 200:
            break
        assert time.monotonic() < deadline, reply.text
        time.sleep(0.5)
    assert whoami(hub, reply.json()["token"]) == "bob"


def test_a_refused_renewal_tells_the_user_to_log_in_again_at_the_hub(hub: Hub, broker_of) -> None:  # noqa: ANN001
    hub.login("carol")
    broker = broker_of("carol")
    broker.login()
    state = hub.admin("GET", "/users/carol").json()["auth_state"]
    requests.post(
        f"{hub.platform.url}/oidc/token/revocation",
        data={"token": state["refresh_token"], "client_id": "jupyterhub", "client_secret": hub.platform.client_secret},
        timeout=30,
    ).raise_for_status()
    expired = broker.login(timeout=TOKEN_TTL + 10, state="expired")
    assert "Log in again at JupyterHub" in expired["reason"]
    refused = broker.get("/v1/token", url=hub.platform.url)
    assert refused.status_code == 424 and refused.json()["error"] == "login_required", refused.text
    assert refused.json()["message"].endswith("Log in again at JupyterHub.")
    # The user logs in again at the hub; the broker picks the new login up by itself.
    hub.login("carol")
    healed = broker.login(timeout=40)
    assert healed["state"] == "active"
    assert whoami(hub, broker.get("/v1/token", url=hub.platform.url).json()["token"]) == "carol"
