"""Token fetch from a kernel, measured in Python as a kernel would do it.

Prints one JSON object: calls per second for each way of getting a token,
one figure per repetition. Environment: VOBRIDGE_BROKER_URL and
VOBRIDGE_BROKER_SECRET (the broker), BENCH_URL (a URL the login covers),
BENCH_TOKEN_FILE, BENCH_BARE_URL, BENCH_REPS, BENCH_CALLS.
"""

import json
import os
import time

import requests

import vobridge
from vobridge.client import BrokerClient

url = os.environ["BENCH_URL"]
token_file = os.environ["BENCH_TOKEN_FILE"]
bare = os.environ["BENCH_BARE_URL"]
reps = int(os.environ.get("BENCH_REPS", "5"))
calls = int(os.environ.get("BENCH_CALLS", "2000"))


def rate(fn, n):
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return n / (time.perf_counter() - start)


def uncached():
    # A fresh client has no cache: every call is a round trip to the broker.
    BrokerClient().token(url)


session = requests.Session()
session.trust_env = False


def read_file():
    with open(token_file) as f:
        f.read().strip()


out = {"cached": [], "uncached": [], "file": [], "bare": []}
vobridge.token(url)  # warm the module's shared client
for _ in range(reps):
    out["cached"].append(rate(lambda: vobridge.token(url), calls * 10))
    out["uncached"].append(rate(uncached, calls // 4))
    out["file"].append(rate(read_file, calls * 10))
    out["bare"].append(rate(lambda: session.get(bare).json(), calls // 4))
print(json.dumps(out))
