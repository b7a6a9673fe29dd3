"""Shared pytest fixtures: a real vobridge platform for the interop tests.

The ``platform`` fixture starts the built ``vobridge-platform`` bin
(``packages/platform/dist/bin/vobridge-platform.js``; build it with
``npx turbo run build --filter=@vobridge/platform...``) on a free loopback
port with a fresh data directory and a users file, waits for its
``vobridge-platform listening on <url>`` line and stops it with SIGTERM at
the end of the session.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent
PLATFORM_BIN = ROOT / "packages" / "platform" / "dist" / "bin" / "vobridge-platform.js"
LISTENING = re.compile(r"^vobridge-platform listening on (http\S+)$")
START_TIMEOUT = 60.0

#: Users of the test platform: name -> password and groups.
USERS: dict[str, dict[str, Any]] = {
    "alice": {"password": "alice-demo-password", "groups": ["astro", "demo"]},
    "bob": {"password": "bob-demo-password", "groups": ["demo"]},
    "carol": {"password": "carol-demo-password", "groups": ["astro"]},
}


class PlatformProcess:
    """A ``vobridge-platform`` child process and where it keeps its state."""

    def __init__(self, data_dir: Path, users_file: Path, log_path: Path, extra_args: list[str]) -> None:
        if not PLATFORM_BIN.exists():
            raise RuntimeError(
                f"{PLATFORM_BIN} is missing: build the platform first "
                "(npx turbo run build --filter=@vobridge/platform...)"
            )
        self.data_dir = data_dir
        self.log_path = log_path
        self._log = open(log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            ["node", str(PLATFORM_BIN), "--port", "0", "--data", str(data_dir),
             "--users", str(users_file), "--log-level", "warn", *extra_args],
            stdout=subprocess.PIPE,
            # Logs go to a file: a pipe nobody reads would fill up and block the server.
            stderr=self._log,
            stdin=subprocess.DEVNULL,
            text=True,
        )
        self.url = self._wait_for_url()

    def _wait_for_url(self) -> str:
        found: list[str] = []
        ready = threading.Event()

        def read() -> None:
            assert self.proc.stdout is not None
            for line in self.proc.stdout:
                match = LISTENING.match(line.strip())
                if match and not found:
                    found.append(match.group(1))
                    ready.set()
                # Keep draining stdout so the process never blocks on a full pipe.
            ready.set()

        threading.Thread(target=read, daemon=True).start()
        ready.wait(timeout=START_TIMEOUT)
        if not found:
            self.kill()
            raise RuntimeError(f"platform did not start; log:\n{self.log_path.read_text(errors='replace')[-4000:]}")
        return found[0]

    def stop(self) -> int:
        """SIGTERM, then wait (SIGKILL after 20 s). Returns the exit status."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._log.close()
        return self.proc.returncode

    def kill(self) -> None:
        """SIGKILL: an unclean crash, for restart tests."""
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._log.close()


def write_users_file(path: Path, users: dict[str, dict[str, Any]] = USERS) -> Path:
    path.write_text(json.dumps([{"username": name, **spec} for name, spec in users.items()]))
    path.chmod(0o600)
    return path


@pytest.fixture(scope="session")
def platform_factory() -> Iterator[Callable[..., PlatformProcess]]:
    """Starts extra platforms (``factory(data_dir=None, args=[])``); all are stopped at the end."""
    started: list[PlatformProcess] = []
    tmp = Path(tempfile.mkdtemp(prefix="vobridge-platforms-"))

    def start(data_dir: Path | None = None, args: list[str] | None = None) -> PlatformProcess:
        index = len(started)
        data = data_dir or tmp / f"data-{index}"
        users_file = write_users_file(tmp / f"users-{index}.json")
        proc = PlatformProcess(data, users_file, tmp / f"platform-{index}.log", args or [])
        started.append(proc)
        return proc

    yield start
    for proc in started:
        proc.stop()
    shutil.rmtree(tmp, ignore_errors=True)


#: Resource ids of the platform's services in its registry, as CADC names them.
RESOURCES = {
    "auth": "ivo://vobridge.org/auth",
    "gms": "ivo://cadc.nrc.ca/gms",
    "vospace": "ivo://cadc.nrc.ca/vault",
    "uws": "ivo://vobridge.org/uws",
    "sessions": "ivo://cadc.nrc.ca/skaha",
}


def service_origins(url: str) -> dict[str, str]:
    """Where each service lives, read from the platform's registry as cadcutils reads it (``id = capabilities URL``)."""
    listed: dict[str, str] = {}
    for line in requests.get(f"{url}/reg/resource-caps", timeout=30).text.splitlines():
        if line.strip() and not line.startswith("#"):
            resource, capabilities = (part.strip() for part in line.split("=", 1))
            listed[resource] = capabilities
    origins = {}
    for name, resource in RESOURCES.items():
        parts = urlsplit(listed[resource])
        origins[name] = f"{parts.scheme}://{parts.netloc}"
    return origins


@pytest.fixture(scope="session", params=["single", "split"])
def platform(request: pytest.FixtureRequest, platform_factory: Callable[..., PlatformProcess]) -> dict[str, Any]:
    """The shared test platform, once with every service at one origin and once spread over
    several (``--topology split``, as CANFAR is): ``{"url": base URL (registry, logins),
    "services": {name: origin} from its registry, "topology", "users": USERS, "process"}``."""
    proc = platform_factory(args=["--topology", request.param])
    return {
        "url": proc.url,
        "services": service_origins(proc.url),
        "topology": request.param,
        "users": USERS,
        "process": proc,
    }


@pytest.fixture(scope="session")
def login(platform: dict[str, Any]) -> Callable[[str], str]:
    """``login(username)`` -> a bearer token from the platform's ``/ac/login``."""
    cache: dict[str, str] = {}

    def get(username: str = "alice") -> str:
        if username not in cache:
            res = requests.post(
                f"{platform['url']}/ac/login",
                data={"username": username, "password": USERS[username]["password"]},
                timeout=30,
            )
            res.raise_for_status()
            cache[username] = res.text
        return cache[username]

    return get


@pytest.fixture()
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh HOME (so cadcutils' registry cache and netrc lookups start empty)."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")
