"""The /vobridge proxy: auth, allow-list, header hygiene, SSE relay, broker supervision."""

from __future__ import annotations

import asyncio
import json
import os
import stat
from pathlib import Path
from typing import Any

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest

from vobridge_jupyterlab.broker import ENV_RUNTIME_FILE, ENV_SECRET, ENV_URL, read_runtime_file


async def _json(jp_fetch: Any, *path: str, **kwargs: Any) -> Any:
    response = await jp_fetch(*path, **kwargs)
    return json.loads(response.body)


async def test_forwards_with_the_broker_secret_and_none_of_the_browsers_credentials(jp_fetch: Any) -> None:
    echo = await _json(
        jp_fetch, "vobridge", "healthz", headers={"Cookie": "_xsrf=abc; session=browser", "Origin": "http://evil.example"}
    )
    assert echo["method"] == "GET" and echo["path"] == "/healthz"
    # Jupyter's own token came in as Authorization; the broker must see neither it nor the cookies.
    assert "cookie" not in echo["headers"]
    assert "origin" not in echo["headers"]
    assert echo["headers"]["host"].startswith("127.0.0.1:")


async def test_passes_query_and_json_body(jp_fetch: Any) -> None:
    body = json.dumps({"url": "http://127.0.0.1:9", "method": "password", "username": "a", "password": "b"})
    echo = await _json(jp_fetch, "vobridge", "v1", "logins", method="POST", body=body, headers={"Content-Type": "application/json"})
    assert echo["method"] == "POST" and json.loads(echo["body"])["username"] == "a"
    echo = await _json(jp_fetch, "vobridge", "v1", "discover", params={"url": "http://127.0.0.1:9/x?y=1"})
    assert echo["path"] == "/v1/discover?url=http%3A%2F%2F127.0.0.1%3A9%2Fx%3Fy%3D1"


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "vobridge/v1/token"),  # tokens are for kernels, never for the page
        ("GET", "vobridge/crash"),
        ("DELETE", "vobridge/v1/sessions"),
        ("GET", "vobridge/v1/logins/..%2F..%2Fcrash"),
        ("GET", "vobridge/v1/logins/a/b"),
    ],
)
async def test_refuses_routes_outside_the_allow_list(jp_fetch: Any, method: str, path: str) -> None:
    with pytest.raises(HTTPClientError) as error:
        await jp_fetch(*path.split("/"), method=method, params={"url": "http://127.0.0.1:9"})
    assert error.value.code in (404, 405)
    body = json.loads(error.value.response.body)
    assert set(body) == {"error", "message"}
    assert "crash" not in body["message"]  # the path is never reflected


async def test_needs_jupyter_authentication(jp_fetch: Any, jp_base_url: str, jp_http_port: int) -> None:
    await jp_fetch("vobridge", "healthz")  # the server is up
    client = AsyncHTTPClient()
    for method in ("GET", "POST", "DELETE"):
        response = await client.fetch(
            HTTPRequest(
                f"http://127.0.0.1:{jp_http_port}{jp_base_url}vobridge/v1/logins",
                method=method,
                body="{}" if method == "POST" else None,
                follow_redirects=False,
            ),
            raise_error=False,
        )
        assert response.code in (302, 403), (method, response.code)


async def test_relays_server_sent_events(jp_fetch: Any, jp_base_url: str, jp_http_port: int, jp_auth_header: dict[str, str]) -> None:
    await jp_fetch("vobridge", "healthz")
    received = bytearray()
    got_event = asyncio.Event()

    def on_chunk(chunk: bytes) -> None:
        received.extend(chunk)
        if b"\n\n" in received:
            got_event.set()

    request = HTTPRequest(
        f"http://127.0.0.1:{jp_http_port}{jp_base_url}vobridge/v1/events",
        headers=jp_auth_header,
        streaming_callback=on_chunk,
        request_timeout=60,
    )
    fetch = asyncio.ensure_future(AsyncHTTPClient(force_instance=True).fetch(request, raise_error=False))
    await asyncio.wait_for(got_event.wait(), 20)
    fetch.cancel()
    assert received.startswith(b"event: sessions\ndata: ")
    assert json.loads(received.split(b"data: ", 1)[1].split(b"\n", 1)[0])["type"] == "sessions"


async def test_kernels_get_the_broker_location(jp_fetch: Any, runtime_file: Path) -> None:
    await jp_fetch("vobridge", "healthz")
    info = read_runtime_file(runtime_file)
    assert info is not None
    assert os.environ[ENV_URL] == info.url and os.environ[ENV_SECRET] == info.secret
    assert os.environ[ENV_RUNTIME_FILE] == str(runtime_file)
    assert stat.S_IMODE(runtime_file.stat().st_mode) == 0o600
    assert info.secret not in repr(info)


async def test_restarts_a_crashed_broker(jp_fetch: Any, jp_serverapp: Any, runtime_file: Path) -> None:
    first = (await _json(jp_fetch, "vobridge", "healthz"))["pid"]
    os.kill(first, 9)
    # The next request waits for the restarted broker instead of failing.
    deadline = asyncio.get_running_loop().time() + 30
    while True:
        try:
            second = (await _json(jp_fetch, "vobridge", "healthz"))["pid"]
            break
        except HTTPClientError as error:
            assert error.code == 503
            assert asyncio.get_running_loop().time() < deadline
            await asyncio.sleep(0.2)
    assert second != first
    info = read_runtime_file(runtime_file)
    assert info is not None and info.pid == second


async def test_stops_the_broker_with_the_server(jp_fetch: Any, jp_serverapp: Any) -> None:
    pid = (await _json(jp_fetch, "vobridge", "healthz"))["pid"]
    extension = jp_serverapp.extension_manager.extension_apps["vobridge_jupyterlab"]
    app = next(iter(extension))
    await app.stop_extension()
    process = app.supervisor.process
    assert process is not None and process.returncode is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


async def test_suggests_the_configured_platforms(jp_fetch: Any) -> None:
    assert await _json(jp_fetch, "vobridge", "config") == {"platforms": ["http://127.0.0.1:9"]}


async def test_a_cookie_only_navigation_cannot_make_the_broker_fetch(
    jp_fetch: Any, jp_base_url: str, jp_http_port: int, jp_auth_header: dict[str, str]
) -> None:
    """Blind SSRF: a link to /vobridge/v1/discover?url=<internal> opened in the user's browser carries
    Jupyter's login cookie but no XSRF header; it must not reach the broker."""
    await jp_fetch("vobridge", "healthz")
    client = AsyncHTTPClient()
    base = f"http://127.0.0.1:{jp_http_port}{jp_base_url}"
    # Log in as a browser does (token in the URL once), keeping the cookies it sets.
    token = jp_auth_header["Authorization"].split(" ", 1)[1]
    landing = await client.fetch(f"{base}lab?token={token}", follow_redirects=False, raise_error=False)
    cookies = "; ".join(c.split(";", 1)[0] for c in landing.headers.get_list("Set-Cookie"))
    # Tornado accepts any _xsrf cookie value the header repeats (double submit); the browser has one.
    xsrf = "0123456789abcdef"
    cookies = f"{cookies}; _xsrf={xsrf}".lstrip("; ")
    internal = "http://169.254.169.254/latest/meta-data/"
    for path in ("v1/discover", "v1/sessions", "v1/logins"):
        navigation = await client.fetch(
            f"{base}vobridge/{path}?url={internal}", headers={"Cookie": cookies}, follow_redirects=False, raise_error=False
        )
        assert navigation.code == 403, (path, navigation.code)
        assert internal not in navigation.body.decode()
    # The page's own requests carry the XSRF header and get through.
    page = await client.fetch(
        f"{base}vobridge/v1/discover?url=http://127.0.0.1:9",
        headers={"Cookie": cookies, "X-XSRFToken": xsrf},
        follow_redirects=False,
        raise_error=False,
    )
    assert page.code == 200, page.body


def test_the_proxy_answers_only_with_the_broker_specs_error_codes() -> None:
    """One error-code list: the broker's spec. The proxy invents none of its own."""
    import yaml

    from vobridge_jupyterlab.proxy import ERROR_CODES

    spec = yaml.safe_load((Path(__file__).resolve().parents[3] / "openapi" / "broker.yaml").read_text())
    codes = set(spec["components"]["schemas"]["BrokerErrorCode"]["enum"])
    assert set(ERROR_CODES.values()) | {"internal"} <= codes


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("POST", "vobridge/v1/sessions"),
        ("GET", "vobridge/v1/sessions/abc123"),
        ("DELETE", "vobridge/v1/sessions/abc123"),
        ("POST", "vobridge/v1/sessions/abc123/renew"),
        ("GET", "vobridge/v1/sessions/abc123/logs"),
        ("GET", "vobridge/v1/images"),
        ("GET", "vobridge/v1/context"),
    ],
)
async def test_forwards_the_session_routes_to_the_broker(jp_fetch: Any, method: str, path: str) -> None:
    """Sessions go through the broker, the only gateway to platforms: the proxy only forwards."""
    echo = await _json(
        jp_fetch, *path.split("/"), method=method, params={"platform": "http://127.0.0.1:9"},
        **({"body": "{}", "headers": {"Content-Type": "application/json"}} if method == "POST" else {}),
    )
    assert echo["method"] == method
    assert echo["path"].startswith("/" + path.removeprefix("vobridge/"))


async def test_the_login_popup_gets_a_page_that_closes_itself(jp_fetch: Any) -> None:
    """The browser-login redirect is a page (HTML, a CSP allowing its one script by hash), not an API answer."""
    import base64
    import hashlib

    response = await jp_fetch("vobridge", "v1", "callback", params={"state": "s", "code": "c"})
    assert response.code == 200
    assert response.headers["Content-Type"].startswith("text/html")
    body = response.body.decode()
    assert "<script>window.close()</script>" in body
    digest = base64.b64encode(hashlib.sha256(b"window.close()").digest()).decode()
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and f"script-src 'sha256-{digest}'" in csp
    assert "'unsafe-inline'" not in csp
