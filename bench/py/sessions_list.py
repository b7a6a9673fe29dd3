"""Listing sessions with the published ``canfar`` client, as a user would.

Configured like ``test/interop/test_canfar_sessions.py``: ``CANFAR_URL`` is
the platform's ``/skaha/v1`` and ``CANFAR_TOKEN`` a token from ``/ac/login``
(both set by the caller, with HOME pointing at an empty directory so no
user configuration is read). Environment: BENCH_EXPECT (sessions the listing
must hold), BENCH_REPS, BENCH_CALLS. Prints a JSON list: ms per listing, the
median of BENCH_CALLS listings, one figure per repetition.
"""

import json
import os
import statistics
import time

from canfar.sessions import Session

expect = int(os.environ["BENCH_EXPECT"])
reps = int(os.environ.get("BENCH_REPS", "5"))
calls = int(os.environ.get("BENCH_CALLS", "10"))

session = Session(errors="raise")
listed = session.fetch()
if len(listed) != expect:
    raise SystemExit(f"canfar listed {len(listed)} sessions, expected {expect}")

out = []
for _ in range(reps):
    times = []
    for _ in range(calls):
        start = time.perf_counter()
        session.fetch()
        times.append((time.perf_counter() - start) * 1000)
    out.append(statistics.median(times))
print(json.dumps(out))
