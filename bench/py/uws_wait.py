"""UWS completion latency with pyvo: for each job, the time from the job's
endTime (reached COMPLETED on the server) to pyvo's ``wait()`` returning.

Environment: BENCH_JOBS_URL (a job list), BENCH_TOKEN, BENCH_JOBS,
BENCH_DURATION (seconds each job sleeps). Prints a JSON list of latencies in ms.
"""

import json
import os
import time

import requests
from pyvo.dal import AsyncTAPJob

session = requests.Session()
session.trust_env = False
session.headers["Authorization"] = f"Bearer {os.environ['BENCH_TOKEN']}"
jobs_url = os.environ["BENCH_JOBS_URL"]
latencies = []
for _ in range(int(os.environ.get("BENCH_JOBS", "20"))):
    res = session.post(jobs_url, data={"DURATION": os.environ.get("BENCH_DURATION", "1"), "PHASE": "RUN"}, timeout=30)
    res.raise_for_status()
    job = AsyncTAPJob(res.url, session=session)
    job.wait(timeout=120)
    returned = time.time()
    latencies.append((returned - job.job.endtime.unix) * 1000)
print(json.dumps(latencies))
