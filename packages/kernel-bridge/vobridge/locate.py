"""Where the broker is: ``VOBRIDGE_BROKER_URL``/``VOBRIDGE_BROKER_SECRET``, else its runtime file.

The runtime file is the one the broker writes (``vobridge-broker.json``) in
``$JUPYTER_RUNTIME_DIR``, else in Jupyter's runtime directory for this user,
so a kernel started by that Jupyter server finds it like its own connection file.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from .unix import UNIX_BASE_URL

RUNTIME_FILE_NAME = "vobridge-broker.json"
ENV_URL = "VOBRIDGE_BROKER_URL"
ENV_SECRET = "VOBRIDGE_BROKER_SECRET"
ENV_RUNTIME_FILE = "VOBRIDGE_BROKER_RUNTIME_FILE"
#: How the runtime file names a broker listening on a unix socket (the path, percent-encoded, follows).
UNIX_SCHEME = "http+unix://"


@dataclass(frozen=True)
class BrokerLocation:
    """A broker's base URL and secret, and where they were found (``socket`` for a unix-socket broker)."""

    url: str
    secret: str = field(repr=False)
    source: str
    socket: str | None = None

    def __post_init__(self) -> None:
        if self.socket is not None:
            if not os.path.isabs(self.socket):
                raise ValueError(f"broker socket from {self.source} is not an absolute path")
        elif not self.url.startswith("http://127.0.0.1:") and not self.url.startswith("http://localhost:"):
            # The secret must only ever travel to a loopback broker.
            raise ValueError(f"broker URL from {self.source} is not a loopback http URL")


def runtime_file(env: Mapping[str, str] | None = None) -> Path:
    """The runtime file path the broker writes by default (``VOBRIDGE_BROKER_RUNTIME_FILE`` overrides it)."""
    env = os.environ if env is None else env
    if env.get(ENV_RUNTIME_FILE):
        return Path(env[ENV_RUNTIME_FILE])
    if env.get("JUPYTER_RUNTIME_DIR"):
        return Path(env["JUPYTER_RUNTIME_DIR"]) / RUNTIME_FILE_NAME
    if env.get("JUPYTER_DATA_DIR"):
        return Path(env["JUPYTER_DATA_DIR"]) / "runtime" / RUNTIME_FILE_NAME
    home = Path(env.get("HOME") or Path.home())
    if sys.platform == "darwin":
        return home / "Library" / "Jupyter" / "runtime" / RUNTIME_FILE_NAME
    if sys.platform == "win32":
        return Path(env.get("APPDATA") or home / "AppData" / "Roaming") / "jupyter" / "runtime" / RUNTIME_FILE_NAME
    data = Path(env["XDG_DATA_HOME"]) if env.get("XDG_DATA_HOME") else home / ".local" / "share"
    return data / "jupyter" / "runtime" / RUNTIME_FILE_NAME


def from_environment(env: Mapping[str, str] | None = None) -> BrokerLocation | None:
    """The broker named by the environment variables, if both are set."""
    env = os.environ if env is None else env
    url, secret = env.get(ENV_URL), env.get(ENV_SECRET)
    if not (url and secret):
        return None
    try:
        return BrokerLocation(url.rstrip("/"), secret, "environment")
    except ValueError:
        return None  # not a loopback URL: the secret is not sent there


def from_runtime_file(env: Mapping[str, str] | None = None) -> BrokerLocation | None:
    """The broker described by the runtime file, if the file exists and is whole."""
    path = runtime_file(env)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        url, secret = data["url"], data["secret"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(url, str) or not isinstance(secret, str):
        return None
    try:
        if url.startswith(UNIX_SCHEME):
            return BrokerLocation(UNIX_BASE_URL, secret, str(path), socket=unquote(url[len(UNIX_SCHEME):]))
        return BrokerLocation(url.rstrip("/"), secret, str(path))
    except ValueError:
        return None


def candidates(env: Mapping[str, str] | None = None) -> list[BrokerLocation]:
    """Brokers to try, in order: environment, then runtime file (which is current after a broker restart)."""
    found = [loc for loc in (from_environment(env), from_runtime_file(env)) if loc is not None]
    unique: list[BrokerLocation] = []
    for loc in found:
        if all((loc.url, loc.secret, loc.socket) != (u.url, u.secret, u.socket) for u in unique):
            unique.append(loc)
    return unique
