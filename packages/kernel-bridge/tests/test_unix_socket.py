"""A broker on a unix socket (``--socket``), found through its runtime file."""

from __future__ import annotations

import json
import stat
import subprocess
from pathlib import Path

import requests

import vobridge
from conftest import ALICE, BROKER_BIN, ISSUED, Stack
from vobridge.unix import UNIX_BASE_URL, unix_session


def test_bridge_reaches_a_unix_socket_broker(stack: Stack, tmp_path: Path) -> None:
    sock = tmp_path / "broker.sock"
    runtime = tmp_path / "vobridge-broker.json"
    proc = subprocess.Popen(
        ["node", str(BROKER_BIN), "--socket", str(sock), "--runtime-file", str(runtime), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("vobridge-broker listening on http+unix://")
        assert stat.S_IMODE(sock.stat().st_mode) == 0o600
        secret = json.loads(runtime.read_text())["secret"]
        http = unix_session(str(sock))
        reply = http.post(
            f"{UNIX_BASE_URL}/v1/logins",
            json={"url": stack.platform.url, "method": "password", **ALICE},
            headers={"Authorization": f"Bearer {secret}"},
            timeout=30,
        )
        assert reply.status_code == 201, reply.text

        client = vobridge.BrokerClient(env={"JUPYTER_RUNTIME_DIR": str(tmp_path)})
        token = client.token(stack.platform.url).value
        ISSUED.add(token)
        whoami = requests.get(f"{stack.platform.url}/ac/whoami", headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert whoami.json()["username"] == "alice"
        # Browser-style requests are refused on the socket too.
        refused = http.get(f"{UNIX_BASE_URL}/healthz", headers={"Authorization": f"Bearer {secret}", "Origin": "http://evil.example"}, timeout=30)
        assert refused.status_code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    assert not sock.exists() and not runtime.exists()
