"""The published `canfar` client (skaha sessions) against the platform.

Configured as a user would: ``CANFAR_URL=<skaha's origin, from the registry>/skaha/v1`` and
``CANFAR_TOKEN=<token from /ac/login>``.
"""

from __future__ import annotations

import time

import pytest
import requests

canfar_sessions = pytest.importorskip("canfar.sessions")


@pytest.fixture()
def canfar(platform, login, isolated_home, monkeypatch):
    monkeypatch.setenv("CANFAR_URL", f"{platform['services']['sessions']}/skaha/v1")
    monkeypatch.setenv("CANFAR_TOKEN", login("carol"))
    return canfar_sessions.Session(errors="raise")


def wait_for(session, session_id, statuses, attempts=200):
    for _ in range(attempts):
        info = session.info(session_id)[0]
        if info["status"] in statuses:
            return info
        time.sleep(0.05)
    raise AssertionError(f"session {session_id} never reached {statuses}")


def test_launch_list_logs_delete_headless(canfar):
    ids = canfar.create(
        name="batch",
        image="images.canfar.net/skaha/terminal:1.1.1",
        kind="headless",
        cmd="echo",
        args="hello canfar",
        env={"USER_ANSWER": "42"},
        replicas=2,
    )
    assert len(ids) == 2
    for session_id in ids:
        info = wait_for(canfar, session_id, {"Succeeded", "Failed"})
        assert info["status"] == "Succeeded"
        assert info["name"].startswith("batch")
    listed = {s["id"] for s in canfar.fetch(kind="headless")}
    assert set(ids) <= listed
    logs = canfar.logs(ids)
    assert all("hello canfar" in text for text in logs.values())
    assert canfar.destroy(ids) == {i: True for i in ids}
    assert not {s["id"] for s in canfar.fetch()} & set(ids)


def test_interactive_session_is_served_under_the_platform(canfar, platform, login):
    [session_id] = canfar.create(name="cube", image="images.canfar.net/skaha/carta:4.1", kind="carta")
    info = wait_for(canfar, session_id, {"Running", "Failed"})
    assert info["status"] == "Running"
    assert info["connectURL"] == f"{platform['services']['sessions']}/session/carta/{session_id}/"
    # The owner's token opens it; anonymous callers and other users cannot.
    page = requests.get(info["connectURL"], headers={"Authorization": f"Bearer {login('carol')}"}, timeout=30)
    assert page.status_code == 200 and "CARTA" in page.text
    assert requests.get(info["connectURL"], timeout=30).status_code == 401
    assert requests.get(info["connectURL"], headers={"Authorization": f"Bearer {login('bob')}"}, timeout=30).status_code == 404
    assert canfar.stats()["instances"]["total"] >= 1
    canfar.destroy(session_id)


def test_images_and_context(canfar):
    from canfar.context import Context
    from canfar.images import Images

    assert "images.canfar.net/skaha/firefly:2025.2" in Images().fetch(kind="firefly")
    assert {d.id for d in Images().details()} >= {"images.canfar.net/skaha/carta:4.1"}
    assert Context().resources()["maxInteractiveSessions"] >= 1
