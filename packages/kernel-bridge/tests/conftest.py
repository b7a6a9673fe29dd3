"""Fixtures: a real reference platform and a real broker, started from their built bins.

Build them first (``npx turbo run build --filter=@vobridge/kernel-bridge...``).
Both processes log to files in a temporary directory; every token the bridge
obtains is recorded in ``ISSUED`` so the last test can grep those logs for
them.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

import vobridge
import vobridge.client

ROOT = Path(__file__).resolve().parents[3]
PLATFORM_BIN = ROOT / "packages" / "platform" / "dist" / "bin" / "vobridge-platform.js"
BROKER_BIN = ROOT / "packages" / "broker" / "dist" / "bin" / "vobridge-broker.js"
ALICE = {"username": "alice", "password": "alice-demo-password"}
USERS = [
    {"username": "alice", "password": "alice-demo-password", "groups": ["astro", "demo"]},
    {"username": "bob", "password": "bob-demo-password", "groups": ["demo"]},
]
#: Access token lifetime of the test platform: short, so tests live through several expiries.
TOKEN_TTL = 4

#: Every token value the bridge obtained during the run (checked against all logs at the end).
ISSUED: set[str] = set()
#: Every log file written by a process started here.
LOG_FILES: list[Path] = []


class Process:
    """A node bin started with ``--port 0``; ``url`` is read from its ``... listening on <url>`` line."""

    def __init__(self, name: str, args: list[str], log_dir: Path, env: dict[str, str] | None = None) -> None:
        self.name = name
        self.stdout_path = log_dir / f"{name}.stdout"
        self.stderr_path = log_dir / f"{name}.stderr"
        LOG_FILES.extend([self.stdout_path, self.stderr_path])
        self._stdout = open(self.stdout_path, "ab")  # noqa: SIM115 - closed in stop()
        self._stderr = open(self.stderr_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            ["node", *args], stdout=subprocess.PIPE, stderr=self._stderr, stdin=subprocess.DEVNULL, env=env
        )
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        pattern = re.compile(rf"^{re.escape(self.name)} listening on (http\S+)$")
        found: list[str] = []
        ready = threading.Event()

        def drain() -> None:
            assert self.proc.stdout is not None
            for raw in self.proc.stdout:
                self._stdout.write(raw)
                self._stdout.flush()
                match = pattern.match(raw.decode(errors="replace").strip())
                if match and not found:
                    found.append(match.group(1))
                    ready.set()
            ready.set()

        threading.Thread(target=drain, daemon=True).start()
        ready.wait(timeout=60)
        if not found:
            self.stop()
            raise RuntimeError(f"{self.name} did not start: {self.stderr_path.read_text(errors='replace')[-3000:]}")
        return found[0]

    def stop(self) -> int | None:
        """SIGTERM and wait (SIGKILL after 20 s)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._stderr.close()
        return self.proc.returncode


def start_platform(log_dir: Path, name: str, ttl: int = TOKEN_TTL, *extra: str) -> Process:
    if not PLATFORM_BIN.exists():
        raise RuntimeError(f"{PLATFORM_BIN} is missing: npx turbo run build --filter=@vobridge/kernel-bridge...")
    users = log_dir / f"{name}-users.json"
    users.write_text(json.dumps(USERS))
    users.chmod(0o600)
    data = log_dir / f"{name}-data"
    return Process(
        "vobridge-platform",
        [str(PLATFORM_BIN), "--port", "0", "--data", str(data), "--users", str(users), "--token-ttl", str(ttl), "--log-level", "info", *extra],
        log_dir,
    )


def start_broker(runtime_dir: Path, log_dir: Path, *extra: str, env: dict[str, str] | None = None) -> Process:
    if not BROKER_BIN.exists():
        raise RuntimeError(f"{BROKER_BIN} is missing: npx turbo run build --filter=@vobridge/kernel-bridge...")
    return Process(
        "vobridge-broker",
        [str(BROKER_BIN), "--port", "0", "--runtime-file", str(runtime_dir / "vobridge-broker.json"), *extra],
        log_dir,
        env,
    )


def broker_secret(runtime_dir: Path) -> str:
    return str(json.loads((runtime_dir / "vobridge-broker.json").read_text())["secret"])


def login(broker_url: str, secret: str, platform_url: str, user: dict[str, str] = ALICE) -> dict[str, Any]:
    """Log in the way the JupyterLab panel does (kernel code never sees this password)."""
    reply = requests.post(
        f"{broker_url}/v1/logins",
        json={"url": platform_url, "method": "password", **user},
        headers={"Authorization": f"Bearer {secret}"},
        timeout=30,
    )
    assert reply.status_code == 201, reply.text
    return dict(reply.json())


class Stack:
    """The shared platform + broker for a test session."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.logs = base / "logs"
        self.logs.mkdir()
        self.runtime_dir = base / "runtime"
        self.runtime_dir.mkdir(mode=0o700)
        self.platform = start_platform(self.logs, "main")
        self.other = start_platform(self.logs, "other")
        self.broker = start_broker(self.runtime_dir, self.logs)
        self.login = login(self.broker.url, self.secret, self.platform.url)

    @property
    def secret(self) -> str:
        return broker_secret(self.runtime_dir)

    def restart_broker(self) -> None:
        """Stop the broker and start a new one (new port, new secret), logging alice in again."""
        self.broker.stop()
        self.broker = start_broker(self.runtime_dir, self.logs)
        self.login = login(self.broker.url, self.secret, self.platform.url)

    def stop(self) -> None:
        for proc in (self.broker, self.platform, self.other):
            proc.stop()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    running = Stack(tmp_path_factory.mktemp("stack"))
    yield running
    running.stop()


@pytest.fixture(scope="session", autouse=True)
def record_issued_tokens() -> Iterator[None]:
    """Record every token value the bridge obtains, wherever it obtains it."""
    original = vobridge.client.BrokerClient.token

    def recording(
        self: vobridge.client.BrokerClient, url: str, min_valid: float = 60, destination: str | None = None
    ) -> vobridge.client.Token:
        result = original(self, url, min_valid, destination)
        ISSUED.add(result.value)
        return result

    vobridge.client.BrokerClient.token = recording  # type: ignore[method-assign]
    yield
    vobridge.client.BrokerClient.token = original  # type: ignore[method-assign]


@pytest.fixture()
def kernel_env(stack: Stack, monkeypatch: pytest.MonkeyPatch) -> Stack:
    """A kernel's environment: the broker found through the runtime file, no proxies, a fresh bridge."""
    for name in ("VOBRIDGE_BROKER_URL", "VOBRIDGE_BROKER_SECRET", "VOBRIDGE_BROKER_RUNTIME_FILE", "BEARER_TOKEN", "BEARER_TOKEN_FILE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("JUPYTER_RUNTIME_DIR", str(stack.runtime_dir))
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setattr(vobridge.client, "_default", None)
    return stack


os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
