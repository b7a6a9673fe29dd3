"""pyvo's UWS handling (``pyvo.dal.AsyncTAPJob``, ``pyvo.io.uws``) against the platform's job lists.

pyvo creates TAP jobs by posting an ADQL query to ``<service>/async``; the platform's job lists
are not TAP services, so the job is created with a plain form POST (as any UWS client does:
the 303 lands on the job) and then handed to ``AsyncTAPJob`` for everything UWS: phase, run,
``WAIT``-blocking ``wait()``, execution duration, destruction, results and deletion.
Authentication: a ``requests.Session`` carrying the platform token, which pyvo uses as given.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any, Callable

import pytest
import requests
from pyvo.auth import AuthSession
from pyvo.dal import AsyncTAPJob
from pyvo.dal.exceptions import DALQueryError
from pyvo.io.uws import parse_job, parse_job_list
from pyvo.io.vosi.endpoint import parse_capabilities


@pytest.fixture()
def session(login: Callable[[str], str]) -> requests.Session:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {login('alice')}"
    return s


def create(session: requests.Session, url: str, **params: str) -> str:
    res = session.post(url, data=params, timeout=30)
    res.raise_for_status()
    assert res.history and res.history[0].status_code == 303
    return res.url


def test_cone_job_runs_and_returns_a_votable(platform: dict[str, Any], session: requests.Session) -> None:
    url = create(session, f"{platform['services']['uws']}/uws/cone", RA="83.8", DEC="-1.0", SR="2", RUNID="pyvo")
    job = AsyncTAPJob(url, session=session, delete=True)
    assert job.phase == "PENDING"
    job.execution_duration = 120
    assert job.execution_duration.sec == 120
    destruction = dt.datetime.now(dt.timezone.utc) + dt.timedelta(days=1)
    job.destruction = destruction
    assert abs((job.destruction.to_datetime(dt.timezone.utc) - destruction).total_seconds()) < 1

    job.run().wait(timeout=60)
    assert job.phase == "COMPLETED"
    job.raise_if_error()
    assert job.result_uri == f"{url}/results/result"
    table = job.fetch_result().to_table()
    names = sorted(str(n) for n in table["name"])
    assert names == ["Alnilam", "Alnitak", "Mintaka"]
    assert all(d <= 2 for d in table["distance"])

    job.delete()
    assert session.get(url, timeout=30).status_code == 404


def test_failed_and_aborted_jobs(platform: dict[str, Any], session: requests.Session) -> None:
    url = create(session, f"{platform['services']['uws']}/uws/sleep", DURATION="600", EXECUTIONDURATION="1")
    job = AsyncTAPJob(url, session=session)
    job.run().wait(timeout=60)
    assert job.phase == "ERROR"
    with pytest.raises(DALQueryError, match="execution duration"):
        job.raise_if_error()

    url = create(session, f"{platform['services']['uws']}/uws/sleep", DURATION="600", PHASE="RUN")
    job = AsyncTAPJob(url, session=session)
    job.wait(phases={"EXECUTING"}, timeout=60)
    job.abort()
    assert job.phase == "ABORTED"


def test_documents_parse_with_pyvo_io_uws(platform: dict[str, Any], session: requests.Session) -> None:
    url = create(session, f"{platform['services']['uws']}/uws/sleep", DURATION="0", RUNID="listed")
    res = session.get(url, timeout=30)
    job = parse_job(io.BytesIO(res.content))
    assert job.jobid == url.rsplit("/", 1)[1]
    assert job.phase == "PENDING"
    assert job.ownerid == "alice"
    assert job.runid == "listed"
    assert [(p.id_, p.content) for p in job.parameters] == [("DURATION", "0")]

    listing = session.get(f"{platform['services']['uws']}/uws/sleep", timeout=30)
    jobs = parse_job_list(io.BytesIO(listing.content))
    assert url.rsplit("/", 1)[1] in [j.jobid for j in jobs]


def test_jobs_are_private(platform: dict[str, Any], session: requests.Session, login: Callable[[str], str]) -> None:
    url = create(session, f"{platform['services']['uws']}/uws/sleep", DURATION="0")
    bob = requests.Session()
    bob.headers["Authorization"] = f"Bearer {login('bob')}"
    assert bob.get(url, timeout=30).status_code == 404
    assert bob.post(f"{url}/phase", data={"PHASE": "RUN"}, timeout=30).status_code == 404
    anonymous = requests.get(url, timeout=30)
    assert anonymous.status_code == 401
    assert "ivoa_bearer" in anonymous.headers["WWW-Authenticate"]


def test_auth_session_picks_the_token_from_the_capabilities(platform: dict[str, Any], login: Callable[[str], str]) -> None:
    """pyvo's AuthSession attaches the token only where the VOSI capabilities declare ``sso#token``."""
    caps = parse_capabilities(io.BytesIO(requests.get(f"{platform['services']['uws']}/uws/capabilities", timeout=30).content))
    token_session = requests.Session()
    token_session.headers["Authorization"] = f"Bearer {login('alice')}"
    auth = AuthSession()
    auth.credentials.set("ivo://ivoa.net/sso#token", token_session)
    auth.update_from_capabilities(caps)

    # The capabilities document itself is anonymous; the job list is not.
    assert requests.get(f"{platform['services']['uws']}/uws/sleep", timeout=30).status_code == 401
    res = auth.post(f"{platform['services']['uws']}/uws/sleep", data={"DURATION": "0"})
    res.raise_for_status()
    job = AsyncTAPJob(res.url, session=auth)
    job.run().wait(timeout=60)
    assert job.phase == "COMPLETED"
    assert auth.get(job.result_uri).text == "slept 0 seconds\n"
