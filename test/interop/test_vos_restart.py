"""VOSpace nodes and UWS jobs survive an unclean restart (SIGKILL) of the platform.

A platform of its own (the shared one must not be killed): nodes, a finished job, a pending job
and an executing job are created; the process is killed with SIGKILL in the middle of an upload;
a new process on the same data directory must show every node with its checksum, the finished
and pending jobs unchanged, the executing job in ERROR with the reason, and no trace of the
interrupted upload.
"""

from __future__ import annotations

import hashlib
import http.client
import time
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

import requests

from conftest import USERS


def login(url: str, user: str = "alice") -> dict[str, str]:
    res = requests.post(f"{url}/ac/login", data={"username": user, "password": USERS[user]["password"]}, timeout=30)
    res.raise_for_status()
    return {"Authorization": f"Bearer {res.text}"}


def node_xml(url_path: str, kind: str) -> str:
    return (
        '<vos:node xmlns:vos="http://www.ivoa.net/xml/VOSpace/v2.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        f' uri="vos://vobridge.org~vault{url_path}" xsi:type="vos:{kind}"><vos:properties/></vos:node>'
    )


def wait_phase(url: str, headers: dict[str, str], phases: set[str]) -> str:
    phase = requests.get(f"{url}/phase", headers=headers, timeout=30).text
    while phase not in phases:
        requests.get(f"{url}?WAIT=10&PHASE={phase}", headers=headers, timeout=30)
        phase = requests.get(f"{url}/phase", headers=headers, timeout=30).text
    return phase


def test_nodes_and_jobs_survive_sigkill(platform_factory: Callable[..., Any], tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    first = platform_factory(data_dir=data_dir)
    url = first.url
    h = login(url)

    assert requests.put(f"{url}/vospace/nodes/alice/keep", data=node_xml("/alice/keep", "ContainerNode"), headers=h, timeout=30).status_code == 201
    content = b"bytes that must survive\n" * 100
    assert requests.put(f"{url}/vospace/data/alice/keep/file.bin", data=content, headers=h, timeout=30).status_code == 201
    old = b"the old version\n"
    assert requests.put(f"{url}/vospace/data/alice/keep/overwritten.bin", data=old, headers=h, timeout=30).status_code == 201

    done = requests.post(f"{url}/uws/sleep", data={"DURATION": "0", "PHASE": "RUN"}, headers=h, timeout=30).url
    assert wait_phase(done, h, {"COMPLETED"}) == "COMPLETED"
    pending = requests.post(f"{url}/uws/sleep", data={"DURATION": "1", "RUNID": "later"}, headers=h, timeout=30).url
    running = requests.post(f"{url}/uws/sleep", data={"DURATION": "600", "PHASE": "RUN"}, headers=h, timeout=30).url
    assert wait_phase(running, h, {"EXECUTING"}) == "EXECUTING"

    # An upload replacing overwritten.bin is cut off by the crash after its first bytes.
    parts = urlsplit(url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    conn.putrequest("PUT", "/vospace/data/alice/keep/overwritten.bin")
    conn.putheader("Authorization", h["Authorization"])
    conn.putheader("Content-Length", str(10 * 1024 * 1024))
    conn.endheaders()
    conn.send(b"x" * 65536)
    uploads = data_dir / "vospace-state" / "uploads"
    deadline = time.monotonic() + 30
    while not (uploads.exists() and any(uploads.iterdir())) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert uploads.exists() and any(uploads.iterdir()), "the upload never reached the server"

    first.kill()
    conn.close()

    second = platform_factory(data_dir=data_dir)
    url2 = second.url
    h2 = login(url2)
    node = requests.get(f"{url2}/vospace/nodes/alice/keep/file.bin", headers=h2, timeout=30)
    assert node.status_code == 200
    assert hashlib.md5(content).hexdigest() in node.text
    assert requests.get(f"{url2}/vospace/data/alice/keep/file.bin", headers=h2, timeout=30).content == content
    assert requests.get(f"{url2}/vospace/data/alice/keep/overwritten.bin", headers=h2, timeout=30).content == old
    listing = requests.get(f"{url2}/vospace/nodes/alice/keep", headers=h2, timeout=30).text
    assert listing.count("<vos:node ") == 3  # the container and its two children, nothing half-written
    assert not uploads.exists() or not any(uploads.iterdir())

    def moved(job_url: str) -> str:
        return url2 + urlsplit(job_url).path

    assert requests.get(f"{moved(done)}/phase", headers=h2, timeout=30).text == "COMPLETED"
    assert requests.get(f"{moved(done)}/results/result", headers=h2, timeout=30).text == "slept 0 seconds\n"
    assert requests.get(f"{moved(pending)}/phase", headers=h2, timeout=30).text == "PENDING"
    assert requests.get(f"{moved(running)}/phase", headers=h2, timeout=30).text == "ERROR"
    assert "restarted" in requests.get(f"{moved(running)}/error", headers=h2, timeout=30).text
    second.stop()
