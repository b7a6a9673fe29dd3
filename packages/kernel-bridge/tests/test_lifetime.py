"""A kernel that lives through many token lifetimes: every call is authenticated, none sees a dead token."""

from __future__ import annotations

import time

import requests

import vobridge
from conftest import TOKEN_TTL, Stack

CALLS = 1000


def test_thousand_calls_over_several_expiries_all_succeed(kernel_env: Stack) -> None:
    auth = vobridge.auth()
    http = requests.Session()
    url = f"{kernel_env.platform.url}/ac/whoami"
    statuses: dict[int, int] = {}
    tokens: list[str] = []
    started = time.monotonic()
    for i in range(CALLS):
        reply = http.get(url, auth=auth, timeout=30)
        statuses[reply.status_code] = statuses.get(reply.status_code, 0) + 1
        sent = reply.request.headers["Authorization"]
        if not tokens or tokens[-1] != sent:
            tokens.append(sent)
        # Spread the calls over about five token lifetimes (pacing, not a measurement).
        pause = started + (i + 1) * (5 * TOKEN_TTL / CALLS) - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    assert statuses == {200: CALLS}
    # Several expiries were crossed: the kernel went through several tokens...
    assert len(tokens) >= 3
    # ...and never went back to one that had been replaced.
    assert len(set(tokens)) == len(tokens)
