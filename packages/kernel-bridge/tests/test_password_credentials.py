"""Kernel code using logins that hold no bearer token: a session cookie (cookie login) or HTTP Basic.

The cookie login is the reference platform's ``ivoa_cookie`` login. The Basic service is a
stand-in written here (DaCHS, which asks for Basic, cannot run on this machine). Each test
has its own broker, so the shared stack's logins are not disturbed.
"""

from __future__ import annotations

import base64
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

import vobridge
from conftest import ALICE, Process, Stack, broker_secret, start_broker


@pytest.fixture()
def own_broker(stack: Stack, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Process, str]]:
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    broker = start_broker(runtime, stack.logs)
    for name in ("VOBRIDGE_BROKER_URL", "VOBRIDGE_BROKER_SECRET", "VOBRIDGE_BROKER_RUNTIME_FILE", "BEARER_TOKEN", "BEARER_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(runtime))
    monkeypatch.setattr(vobridge.client, "_default", None)
    yield broker, broker_secret(runtime)
    broker.stop()


def _login(broker: Process, secret: str, body: dict[str, str]) -> requests.Response:
    return requests.post(f"{broker.url}/v1/logins", json=body, headers={"Authorization": f"Bearer {secret}"}, timeout=30)


def test_a_cookie_login_is_presented_as_its_cookie(stack: Stack, own_broker: tuple[Process, str]) -> None:
    broker, secret = own_broker
    created = _login(broker, secret, {"url": stack.platform.url, "method": "cookie", **ALICE})
    assert created.status_code == 201, created.text
    whoami = vobridge.session().get(f"{stack.platform.url}/ac/whoami", timeout=30)
    assert whoami.status_code == 200 and whoami.headers["X-VO-Authenticated"] == "alice"
    assert whoami.request.headers["Cookie"].startswith("CADC_SSO=")
    assert "Authorization" not in whoami.request.headers
    # The request's own cookies stay beside it.
    mixed = requests.get(f"{stack.platform.url}/ac/whoami", auth=vobridge.auth(), cookies={"theme": "dark"}, timeout=30)
    assert mixed.status_code == 200 and "theme=dark" in mixed.request.headers["Cookie"]
    header, value = vobridge.credential(stack.platform.url).header()
    assert header == "Cookie" and value.startswith("CADC_SSO=")
    with pytest.raises(vobridge.VobridgeError, match="Cookie credential, not a bearer token"):
        vobridge.token(stack.platform.url)
    # Another origin gets nothing.
    assert requests.get(f"{stack.other.url}/ac/whoami", auth=vobridge.auth(strict=False), timeout=30).status_code == 401


class _DachsLike(BaseHTTPRequestHandler):
    expected = "Basic " + base64.b64encode(f"{ALICE['username']}:{ALICE['password']}".encode()).decode()

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if self.headers.get("Authorization") != self.expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="dachs"')
            self.end_headers()
            return
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.end_headers()
        self.wfile.write(b"secret table")

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def dachs() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _DachsLike)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/tap"
    server.shutdown()


def test_a_basic_login_is_sent_as_basic_to_its_service_only(stack: Stack, own_broker: tuple[Process, str], dachs: str) -> None:
    broker, secret = own_broker
    created = _login(broker, secret, {"url": dachs, "method": "basic", **ALICE})
    assert created.status_code == 201, created.text
    table = requests.get(dachs, auth=vobridge.auth(), timeout=30)
    assert table.status_code == 200 and table.text == "secret table"
    assert table.request.headers["Authorization"].startswith("Basic ")
    elsewhere = requests.get(f"{stack.platform.url}/ac/whoami", auth=vobridge.auth(strict=False), timeout=30)
    assert elsewhere.status_code == 401 and "Authorization" not in elsewhere.request.headers
