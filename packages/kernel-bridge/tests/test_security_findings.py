"""Regression tests for the outside review's findings on the kernel side.

- URL parsers disagree (urlsplit, urllib3, WHATWG): a token goes out only when
  the broker's reading of the URL and the HTTP library's destination agree.
- The WLCG fallback token goes only to the origins it is meant for.
- Whatever listens on a dead broker's port learns no secret and plants no token.
- A token of unknown lifetime is never cached.
"""

from __future__ import annotations

import base64
import json
import threading
import warnings
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
import requests

import vobridge
from conftest import Stack, broker_secret
from vobridge.client import BrokerClient
from vobridge.origins import origin_of


class Recorder(BaseHTTPRequestHandler):
    """A server that records every request (headers included) and answers 200 with a fixed JSON body."""

    seen: list[dict[str, str]]
    answer: dict[str, Any]

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.seen.append({"path": self.path, **{k.lower(): v for k, v in self.headers.items()}})
        body = json.dumps(self.answer).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture()
def recorder() -> Iterator[tuple[str, list[dict[str, str]], dict[str, Any]]]:
    seen: list[dict[str, str]] = []
    answer: dict[str, Any] = {}
    handler = type("Handler", (Recorder,), {"seen": seen, "answer": answer})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen, answer
    server.shutdown()
    server.server_close()


def _authorizations(seen: list[dict[str, str]]) -> list[str]:
    return [entry["authorization"] for entry in seen if "authorization" in entry]


# -- 1. parsers -------------------------------------------------------------------------------


def test_origin_of_table() -> None:
    """What the bridge reads as the origin, and what it refuses as ambiguous."""
    ok = {
        "https://Example.ORG/x": "https://example.org",
        "https://example.org:443/x": "https://example.org",
        "http://example.org:80/%2e%2e/x": "http://example.org",
        "http://example.org:8080/a/%2e/b": "http://example.org:8080",
        "https://example.org./x": "https://example.org.",
        "http://[::1]:8765/x": "http://[::1]:8765",
        "https://xn--bcher-kva.example/x": "https://xn--bcher-kva.example",
        # Tabs and newlines are dropped by WHATWG and urlsplit alike.
        "http://a.example\t/x": "http://a.example",
    }
    for url, origin in ok.items():
        assert origin_of(url) == origin, url
    for url in [
        "http://a.example\\@b.example/x",
        "http://a.example\\b.example/x",
        "http://user@b.example/x",
        "http://user:pw@b.example/x",
        "http://b%2eexample/x",
        "https://bücher.example/x",
        "ftp://example.org/x",
        "javascript:alert(1)",
        "http://example.org:99999/x",
    ]:
        with pytest.raises(ValueError):
            origin_of(url)


def test_a_backslash_url_gets_no_token_and_the_other_origin_never_sees_it(
    kernel_env: Stack, recorder: tuple[str, list[dict[str, str]], dict[str, Any]]
) -> None:
    """``http://A\\@B/x``: the broker (WHATWG) reads A, urlsplit and urllib3 read B."""
    b_url, seen, _ = recorder
    a = kernel_env.platform.url.removeprefix("http://")
    b = b_url.removeprefix("http://")
    tricky = f"http://{a}\\@{b}/x"
    with pytest.raises(vobridge.OutOfScope):
        vobridge.token(tricky)
    # Nothing was cached for B: B is still out of scope, as it always was.
    with pytest.raises(vobridge.OutOfScope):
        vobridge.token(f"{b_url}/x")
    # requests itself rewrites the backslash as WHATWG does (to A, path /%5C@B/x): A's token goes to A only.
    assert requests.get(tricky, auth=vobridge.auth(), timeout=30).request.url.startswith(kernel_env.platform.url + "/")
    with httpx.Client(auth=vobridge.auth(strict=False)) as client:
        client.get(f"{b_url}/y")
    assert _authorizations(seen) == []


def test_urls_every_parser_reads_alike_get_the_token_of_their_origin(kernel_env: Stack) -> None:
    a = kernel_env.platform.url
    host, port = a.removeprefix("http://").split(":")
    for url in [
        f"{a}/x",
        f"HTTP://{host}:{port}/x",
        f"{a}/%2e%2e/vospace/nodes/alice",
        f"{a}/ac/whoami?u={kernel_env.other.url}",
        f"{a}/x#{kernel_env.other.url}",
    ]:
        assert BrokerClient().token(url).platform == a, url


# -- 2. WLCG fallback -------------------------------------------------------------------------


def _jwt(claims: dict[str, Any]) -> str:
    part = lambda value: base64.urlsafe_b64encode(json.dumps(value).encode()).rstrip(b"=").decode()  # noqa: E731
    return f"{part({'alg': 'none'})}.{part(claims)}.sig"


@pytest.fixture()
def no_broker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("VOBRIDGE_BROKER_URL", "VOBRIDGE_BROKER_SECRET", "BEARER_TOKEN_FILE", "VOBRIDGE_BEARER_TOKEN_ORIGINS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))


def test_the_wlcg_token_goes_only_where_its_audience_says(
    no_broker: None, monkeypatch: pytest.MonkeyPatch, recorder: tuple[str, list[dict[str, str]], dict[str, Any]]
) -> None:
    elsewhere, seen, _ = recorder
    token = _jwt({"sub": "alice", "aud": ["https://tap.example.org/tap", "https://wlcg.cern.ch/jwt/v1/any"]})
    monkeypatch.setenv("BEARER_TOKEN", token)
    assert BrokerClient().token("https://tap.example.org/tap/sync").value == token
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        with pytest.raises(vobridge.OutOfScope):
            BrokerClient().token(f"{elsewhere}/x")
        # vobridge.session() sends no token to an origin the token is not meant for, and says why once.
        http = vobridge.session()
        http.auth._client = BrokerClient()  # type: ignore[union-attr]
        http.get(f"{elsewhere}/x", timeout=30)
        http.get(f"{elsewhere}/y", timeout=30)
    assert _authorizations(seen) == []
    assert sum("VOBRIDGE_BEARER_TOKEN_ORIGINS" in str(w.message) for w in caught) == 1


def test_an_opaque_wlcg_token_goes_only_to_the_origins_the_user_lists(
    no_broker: None, monkeypatch: pytest.MonkeyPatch, recorder: tuple[str, list[dict[str, str]], dict[str, Any]]
) -> None:
    listed, seen, _ = recorder
    monkeypatch.setenv("BEARER_TOKEN", "opaque-token")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(vobridge.OutOfScope):
            BrokerClient().token(f"{listed}/x")
    monkeypatch.setenv("VOBRIDGE_BEARER_TOKEN_ORIGINS", f"https://other.example.org {listed}")
    requests.get(f"{listed}/x", auth=vobridge.BrokerAuth(client=BrokerClient()), timeout=30)
    assert _authorizations(seen) == ["Bearer opaque-token"]


# -- 3. an impostor on the broker's old address -----------------------------------------------


def test_an_impostor_on_the_brokers_port_learns_no_secret_and_plants_no_token(
    kernel_env: Stack, monkeypatch: pytest.MonkeyPatch, recorder: tuple[str, list[dict[str, str]], dict[str, Any]]
) -> None:
    impostor, seen, answer = recorder
    secret = broker_secret(kernel_env.runtime_dir)
    answer.update(token="planted", token_type="Bearer", expires_at=0, platform=kernel_env.platform.url,
                  login_id="x", origin=kernel_env.platform.url)
    # The kernel was told about a broker at this address (as after the real broker died and its port was taken).
    monkeypatch.setenv("VOBRIDGE_BROKER_URL", impostor)
    monkeypatch.setenv("VOBRIDGE_BROKER_SECRET", secret)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(kernel_env.runtime_dir))
    client = BrokerClient()
    token = client.token(f"{kernel_env.platform.url}/ac/whoami")
    # The answer without a proof was ignored; the real broker (from the runtime file) answered.
    assert token.value != "planted"
    assert requests.get(f"{kernel_env.platform.url}/ac/whoami", headers={"Authorization": f"Bearer {token.value}"}, timeout=30).ok
    assert seen, "the impostor was asked"
    for request in seen:
        assert secret not in json.dumps(request)
        assert request.get("authorization", "").startswith("VobridgeProof ")


def test_the_broker_accepts_the_proof_and_proves_itself(kernel_env: Stack) -> None:
    from vobridge import proof

    secret = broker_secret(kernel_env.runtime_dir)
    nonce = proof.new_nonce()
    target = "/v1/logins"
    headers = {proof.NONCE_HEADER: nonce, "Authorization": "VobridgeProof " + proof.request_proof(secret, nonce, "GET", target)}
    reply = requests.get(kernel_env.broker.url + target, headers=headers, timeout=30)
    assert reply.status_code == 200
    assert proof.verify_response(secret, nonce, reply.headers.get(proof.PROOF_HEADER))
    # A proof for another request target or method, or under another secret, is refused.
    for method, path, key in [("GET", "/v1/token", secret), ("DELETE", target, secret), ("GET", target, secret + "x")]:
        wrong = {proof.NONCE_HEADER: nonce, "Authorization": "VobridgeProof " + proof.request_proof(key, nonce, method, path)}
        assert requests.get(kernel_env.broker.url + target, headers=wrong, timeout=30).status_code == 401


# -- 4. tokens of unknown lifetime ------------------------------------------------------------


def test_a_token_without_expiry_is_never_cached(kernel_env: Stack) -> None:
    client = BrokerClient()
    calls: list[str] = []
    original = client.request

    def counting(method: str, path: str, params: dict[str, str] | None = None) -> requests.Response:
        calls.append(path)
        reply = original(method, path, params)
        if path == "/v1/token":
            body = reply.json()
            body["expires_at"] = 0
            reply._content = json.dumps(body).encode()  # as a static opaque token would be answered
        return reply

    client.request = counting  # type: ignore[method-assign]
    url = f"{kernel_env.platform.url}/ac/whoami"
    client.token(url)
    client.token(url)
    assert calls.count("/v1/token") == 2
