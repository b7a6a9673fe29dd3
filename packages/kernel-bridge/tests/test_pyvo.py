"""pyvo authenticated through the bridge: a UWS job run with AsyncTAPJob on the bridge session."""

from __future__ import annotations

import requests
from pyvo.dal import AsyncTAPJob

import vobridge
from conftest import Stack


def _create_job(http: requests.Session, url: str, **params: str) -> str:
    reply = http.post(url, data=params, timeout=30)
    reply.raise_for_status()
    assert reply.history and reply.history[0].status_code == 303
    return reply.url


def test_pyvo_uws_job_with_the_bridge_session(kernel_env: Stack) -> None:
    http = vobridge.session()
    url = _create_job(http, f"{kernel_env.platform.url}/uws/cone", RA="83.8", DEC="-1.0", SR="2", RUNID="bridge")
    job = AsyncTAPJob(url, session=http, delete=True)
    assert job.phase == "PENDING"
    job.run().wait(timeout=60)
    assert job.phase == "COMPLETED"
    table = job.fetch_result().to_table()
    assert sorted(str(n) for n in table["name"]) == ["Alnilam", "Alnitak", "Mintaka"]
    job.delete()


def test_pyvo_auth_session(kernel_env: Stack) -> None:
    auth_session = vobridge.auth_session()
    url = _create_job(vobridge.session(), f"{kernel_env.platform.url}/uws/sleep", DURATION="0")
    job = AsyncTAPJob(url, session=auth_session)
    assert job.phase == "PENDING"
    job.delete()


