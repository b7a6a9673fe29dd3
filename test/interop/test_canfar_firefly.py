"""The published ``firefly_client`` connecting to a Firefly session on the platform.

firefly_client only sends its token over HTTPS ("token ignored: should be None
when url starts with http://"), so this test runs a platform in ``--tls`` mode
and trusts its CA through ``REQUESTS_CA_BUNDLE`` (requests) and
``WEBSOCKET_CLIENT_CA_BUNDLE`` (websocket-client).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
import requests

firefly_client = pytest.importorskip("firefly_client")


@pytest.fixture(scope="module")
def tls_platform(platform_factory):
    proc = platform_factory(args=["--tls"])
    ca = str(proc.data_dir / "tls" / "ca.pem")
    assert proc.url.startswith("https://")
    return {"url": proc.url, "ca": ca}


def test_firefly_client_talks_to_a_firefly_session(tls_platform, monkeypatch, tmp_path: Path):
    url, ca = tls_platform["url"], tls_platform["ca"]
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", ca)
    monkeypatch.setenv("WEBSOCKET_CLIENT_CA_BUNDLE", ca)
    token = requests.post(f"{url}/ac/login", data={"username": "alice", "password": "alice-demo-password"}, timeout=30).text
    auth = {"Authorization": f"Bearer {token}"}

    created = requests.post(
        f"{url}/skaha/v1/session",
        params={"name": "viewer", "image": "images.canfar.net/skaha/firefly:2025.2", "type": "firefly"},
        headers=auth,
        timeout=30,
    )
    assert created.status_code == 200, created.text
    session_id = created.text.strip()
    info = {}
    for _ in range(200):
        info = requests.get(f"{url}/skaha/v1/session/{session_id}", headers=auth, timeout=30).json()
        if info["status"] in ("Running", "Failed"):
            break
        time.sleep(0.05)
    assert info["status"] == "Running"

    # Without the token the session refuses firefly_client.
    with pytest.raises(ValueError):
        firefly_client.FireflyClient.make_client(url=info["connectURL"], launch_browser=False)

    fc = firefly_client.FireflyClient.make_client(url=info["connectURL"], launch_browser=False, token=token, channel_override="test-channel")
    events: list[dict] = []
    got_event = threading.Event()

    def listener(event):
        events.append(event)
        got_event.set()

    fc.add_listener(listener)
    fits = tmp_path / "tiny.fits"
    fits.write_bytes(b"SIMPLE  =                    T" + b" " * 2850)
    on_server = fc.upload_file(str(fits))
    assert on_server.startswith("${upload-dir}/")
    assert fc.show_fits_image(file_input=on_server)["success"] is True
    # A URL on the platform is fetched by the session with its own delegated token (token relay).
    assert fc.show_table(file_input=f"{url}/gms/search")["success"] is True
    assert got_event.wait(timeout=30)
    fc.remove_listener(listener)

    status = requests.get(f"{info['connectURL']}status", headers=auth, timeout=30).json()
    fetched = [a["fetched"] for a in status["actions"] if "fetched" in a]
    assert fetched and fetched[-1]["status"] == 200
    assert requests.delete(f"{url}/skaha/v1/session/{session_id}", headers=auth, timeout=30).status_code == 200
