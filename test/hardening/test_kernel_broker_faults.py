"""The broker SIGKILLed while a kernel uses it, seen from the kernel bridge.

A real broker (``support/broker-child.mjs``, persisting its logins) and the
shared reference platform (``platform`` fixture). The kernel's ``BrokerClient``
keeps serving the token it cached; asked for one it does not have, it raises
the typed ``BrokerUnavailable`` promptly instead of hanging; once the broker is
back on the same address it gets tokens again without a new login.
"""
from __future__ import annotations

import os
import re
import secrets
import subprocess
from pathlib import Path
from typing import Any, Iterator

import pytest
import requests

from vobridge.client import BrokerClient
from vobridge.errors import BrokerUnavailable

BROKER_CHILD = Path(__file__).parent / "support" / "broker-child.mjs"


class Broker:
    def __init__(self, secret: str, persist: Path, port: int = 0) -> None:
        env = dict(os.environ, HARDENING_BROKER_SECRET=secret, HARDENING_BROKER_PERSIST=str(persist), HARDENING_BROKER_PORT=str(port))
        self.process = subprocess.Popen(["node", str(BROKER_CHILD)], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        match = re.search(r"listening on (http://\S+)", line)
        assert match, f"broker did not start: {line!r}"
        self.url = match.group(1)
        self.port = int(self.url.rsplit(":", 1)[1])

    def kill(self) -> None:
        self.process.kill()
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=30)


@pytest.fixture()
def broker_env(tmp_path: Path) -> Iterator[tuple[Broker, dict[str, str], str]]:
    secret = secrets.token_urlsafe(32)
    broker = Broker(secret, tmp_path / "state")
    env = {
        "VOBRIDGE_BROKER_URL": broker.url,
        "VOBRIDGE_BROKER_SECRET": secret,
        # Pin WLCG discovery to empty places, so a dead broker is not papered over by a stray token file.
        "XDG_RUNTIME_DIR": str(tmp_path),
        "JUPYTER_RUNTIME_DIR": str(tmp_path),
        "HOME": str(tmp_path),
    }
    yield broker, env, secret
    broker.stop()


def test_kernel_survives_a_broker_killed_and_restarted(broker_env: tuple[Broker, dict[str, str], str], platform: dict[str, Any], tmp_path: Path) -> None:
    broker, env, secret = broker_env
    user = platform["users"]["alice"]
    reply = requests.post(
        f"{broker.url}/v1/logins",
        json={"url": platform["url"], "method": "password", "username": "alice", "password": user["password"]},
        headers={"Authorization": f"Bearer {secret}"},
        timeout=30,
    )
    assert reply.status_code == 201, reply.text
    service = f"{platform['url']}/vospace/nodes/alice"
    client = BrokerClient(env=env)
    first = client.token(service)
    assert first.login_id is not None

    # The login is on disk once acknowledged (its 201): kill at once.
    assert (tmp_path / "state" / "broker-logins.enc").exists()
    broker.kill()
    # Cached and still valid: the kernel does not even notice.
    assert client.token(service).value == first.value
    # Not cached (more life than the token has, from a fresh client): a typed error, not a hang.
    stray = Path("/tmp") / f"bt_u{os.getuid()}"
    if stray.exists():
        # WLCG discovery's last resort is machine-wide; whatever it found is not a broker token.
        assert BrokerClient(env=env).token(service).login_id is None
    else:
        with pytest.raises(BrokerUnavailable):
            BrokerClient(env=env).token(service)

    restarted = Broker(secret, tmp_path / "state", port=broker.port)
    try:
        again = BrokerClient(env=env).token(service)
        assert again.login_id == first.login_id
        whoami = requests.get(f"{platform['url']}/ac/whoami", headers={"Authorization": f"Bearer {again.value}"}, timeout=30)
        assert whoami.status_code == 200
    finally:
        restarted.stop()
