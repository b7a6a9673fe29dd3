"""vobridge.token(), vobridge.auth() with requests and httpx, typed errors, broker restarts."""

from __future__ import annotations

import asyncio
import os
import time

import httpx
import pytest
import requests

import vobridge
import vobridge.client
from conftest import Stack, start_broker


def whoami(stack: Stack) -> str:
    return f"{stack.platform.url}/ac/whoami"


def test_token_for_a_platform_url(kernel_env: Stack) -> None:
    token = vobridge.token(f"{kernel_env.platform.url}/vospace/nodes/alice")
    reply = requests.get(whoami(kernel_env), headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert reply.status_code == 200
    assert reply.json()["username"] == "alice"


def test_requests_auth(kernel_env: Stack) -> None:
    reply = requests.get(whoami(kernel_env), auth=vobridge.auth(), timeout=30)
    assert reply.status_code == 200
    assert reply.json()["username"] == "alice"


def test_httpx_auth_sync_and_async(kernel_env: Stack) -> None:
    with httpx.Client(auth=vobridge.auth()) as client:
        reply = client.get(whoami(kernel_env))
    assert reply.status_code == 200
    assert reply.json()["username"] == "alice"

    async def fetch() -> httpx.Response:
        async with httpx.AsyncClient(auth=vobridge.auth()) as client:
            return await client.get(whoami(kernel_env))

    assert asyncio.run(fetch()).status_code == 200


def _poison_cache(stack: Stack) -> None:
    """Put a token the platform rejects into the bridge's cache, valid-looking for an hour."""
    client = vobridge.client.default_client()
    client.token(stack.platform.url)
    origin = vobridge.client.origin_of(stack.platform.url)
    client._cache[origin] = vobridge.client.Token("not-a-valid-token", time.time() + 3600, stack.platform.url, None, time.time())


def test_requests_retries_once_on_401_with_a_fresh_token(kernel_env: Stack) -> None:
    _poison_cache(kernel_env)
    reply = requests.get(whoami(kernel_env), auth=vobridge.auth(), timeout=30)
    assert reply.status_code == 200
    assert [r.status_code for r in reply.history] == [401]


def test_httpx_retries_once_on_401_with_a_fresh_token(kernel_env: Stack) -> None:
    _poison_cache(kernel_env)
    with httpx.Client(auth=vobridge.auth()) as client:
        reply = client.get(whoami(kernel_env))
    assert reply.status_code == 200

    async def fetch() -> httpx.Response:
        async with httpx.AsyncClient(auth=vobridge.auth()) as client:
            return await client.get(whoami(kernel_env))

    _poison_cache(kernel_env)
    assert asyncio.run(fetch()).status_code == 200


def test_out_of_scope_url(kernel_env: Stack) -> None:
    with pytest.raises(vobridge.OutOfScope, match=kernel_env.platform.url):
        vobridge.token(f"{kernel_env.other.url}/ac/whoami")
    with pytest.raises(vobridge.OutOfScope):
        requests.get(f"{kernel_env.other.url}/ac/whoami", auth=vobridge.auth(), timeout=30)
    # The pyvo-style session sends nothing to an origin no login covers.
    reply = vobridge.session().get(f"{kernel_env.other.url}/ac/whoami", timeout=30)
    assert reply.status_code == 401
    assert "Authorization" not in reply.request.headers


def test_not_logged_in(kernel_env: Stack, tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = start_broker(tmp_path, tmp_path)
    try:
        monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
        monkeypatch.setattr(vobridge.client, "_default", None)
        with pytest.raises(vobridge.NotLoggedIn, match="Log in"):
            vobridge.token(kernel_env.platform.url)
    finally:
        empty.stop()


def test_no_broker_and_no_wlcg_token(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "getuid", lambda: 987_654)  # no /tmp/bt_u<uid> of a real user in the way
    for name in ("VOBRIDGE_BROKER_URL", "VOBRIDGE_BROKER_SECRET", "BEARER_TOKEN", "BEARER_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    client = vobridge.client.BrokerClient()
    with pytest.raises(vobridge.BrokerUnavailable) as raised:
        client.token("https://platform.example.org/tap")
    assert isinstance(raised.value, vobridge.NoCredentials)
    message = str(raised.value)
    assert "broker" in message and "BEARER_TOKEN" in message


def test_wlcg_fallback_when_no_broker(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOBRIDGE_BROKER_URL", raising=False)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("BEARER_TOKEN", " wlcg-token-value \n")
    monkeypatch.setenv("VOBRIDGE_BEARER_TOKEN_ORIGINS", "https://platform.example.org")
    assert vobridge.client.BrokerClient().token("https://platform.example.org/tap").value == "wlcg-token-value"


def test_dead_broker_in_runtime_file(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(os, "getuid", lambda: 987_654)
    (tmp_path / "vobridge-broker.json").write_text('{"url": "http://127.0.0.1:9", "secret": "s", "pid": 1}')
    for name in ("VOBRIDGE_BROKER_URL", "BEARER_TOKEN", "BEARER_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(tmp_path))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path))
    with pytest.raises(vobridge.BrokerUnavailable, match="does not answer"):
        vobridge.client.BrokerClient().token("https://platform.example.org/tap")


def test_env_variables_win_and_a_non_loopback_url_is_never_sent_the_secret(kernel_env: Stack, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOBRIDGE_BROKER_URL", kernel_env.broker.url)
    monkeypatch.setenv("VOBRIDGE_BROKER_SECRET", kernel_env.secret)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", "/nonexistent")
    assert vobridge.client.BrokerClient().token(kernel_env.platform.url).platform == kernel_env.platform.url
    monkeypatch.setenv("VOBRIDGE_BROKER_URL", "http://evil.example:80")
    assert vobridge.locate.from_environment() is None


def test_survives_a_broker_restart(kernel_env: Stack) -> None:
    first = vobridge.token(kernel_env.platform.url, min_valid=0)
    old_url = kernel_env.broker.url
    kernel_env.restart_broker()
    assert kernel_env.broker.url != old_url
    # The cached token may still be served; a request needing a new one finds the new broker.
    vobridge.client.default_client().forget(kernel_env.platform.url)
    second = vobridge.token(kernel_env.platform.url, min_valid=0)
    reply = requests.get(whoami(kernel_env), headers={"Authorization": f"Bearer {second}"}, timeout=30)
    assert reply.status_code == 200
    assert first  # issued by the old broker, recorded for the log check
