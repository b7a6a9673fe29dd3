"""Crash safety: SIGKILL the platform, restart it on the same data, nothing is lost.

Covers identity (the signing key, so issued tokens stay valid; users and
their numeric ids) and sessions (records, processes restarted, leftovers of
the killed run stopped). VOSpace nodes and UWS jobs have their own restart
tests (packages/platform/test/uws/restart.test.ts and the VOSpace tests).
"""

from __future__ import annotations

import os
import stat
import time

import requests


def wait_for(url, token, session_id, statuses, attempts=300):
    for _ in range(attempts):
        info = requests.get(f"{url}/skaha/v1/session/{session_id}", headers={"Authorization": f"Bearer {token}"}, timeout=30).json()
        if info["status"] in statuses:
            return info
        time.sleep(0.05)
    raise AssertionError(f"session {session_id} never reached {statuses}")


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is dead too.
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().split(") ")[1].split()[0] != "Z"
    except OSError:
        return False


def test_sigkill_and_restart_keeps_identity_and_sessions(platform_factory):
    first = platform_factory()
    url = first.url
    token = requests.post(f"{url}/ac/login", data={"username": "alice", "password": "alice-demo-password"}, timeout=30).text
    auth = {"Authorization": f"Bearer {token}"}
    created = requests.post(
        f"{url}/skaha/v1/session",
        params={"name": "survivor", "image": "images.canfar.net/skaha/carta:4.1", "type": "carta"},
        headers=auth,
        timeout=30,
    )
    assert created.status_code == 200, created.text
    session_id = created.text.strip()
    info = wait_for(url, token, session_id, {"Running", "Failed"})
    assert info["status"] == "Running"
    uid_before = info["runAsUID"]
    old_pids = [int(p) for p in os.listdir("/proc") if p.isdigit() and _is_session_process(int(p), session_id)]
    assert old_pids, "the session should run as a real process"

    first.kill()  # SIGKILL: no shutdown hook runs

    # Same port, so the origin (the tokens' audience) is unchanged.
    port = url.rsplit(":", 1)[1]
    second = platform_factory(data_dir=first.data_dir, args=["--port", port])
    assert second.url == url
    # A token issued before the crash still verifies: the signing key and users were persisted.
    who = requests.get(f"{url}/ac/whoami", headers=auth, timeout=30)
    assert who.status_code == 200 and who.json()["username"] == "alice"
    info = wait_for(url, token, session_id, {"Running", "Failed"})
    assert info["status"] == "Running"
    assert info["runAsUID"] == uid_before
    assert info["connectURL"] == f"{url}/session/carta/{session_id}/"
    assert requests.get(info["connectURL"], headers=auth, timeout=30).status_code == 200
    events = requests.get(f"{url}/skaha/v1/session/{session_id}", params={"view": "events"}, headers=auth, timeout=30).text
    assert "Restarting after a platform restart" in events
    # The killed run's session process is gone (it exits when orphaned, or the new run stops it).
    deadline = time.monotonic() + 10
    while any(pid_alive(p) for p in old_pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(pid_alive(p) for p in old_pids)

    for secret in ("users.json", "keys/signing-key.json", "keys/cookie-keys.json"):
        mode = stat.S_IMODE(os.stat(first.data_dir / secret).st_mode)
        assert mode == 0o600, f"{secret} has mode {oct(mode)}"
    assert requests.delete(f"{url}/skaha/v1/session/{session_id}", headers=auth, timeout=30).status_code == 200


def _is_session_process(pid: int, session_id: str) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            return f"--session={session_id}".encode() in fh.read().split(b"\0")
    except OSError:
        return False
