"""Start, watch and stop the local token broker as a child of the Jupyter server."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

#: Environment variables through which kernels find the broker.
ENV_URL = "VOBRIDGE_BROKER_URL"
ENV_SECRET = "VOBRIDGE_BROKER_SECRET"
ENV_RUNTIME_FILE = "VOBRIDGE_BROKER_RUNTIME_FILE"

# Jupyter's own credentials are of no use to the broker: keep them from it. Under JupyterHub the
# server's JUPYTERHUB_API_TOKEN is passed on: with it the broker logs in through the hub
# (vobridge_jupyterhub), which holds the user's platform login.
_WITHHELD_ENV = ("JUPYTER_TOKEN", "JPY_API_TOKEN")


class BrokerUnavailable(Exception):
    """The broker is not running (yet, or any more) and did not come up in time."""


@dataclass(frozen=True)
class BrokerInfo:
    """Where the broker listens and the secret it wants. Never logged."""

    url: str
    secret: str
    pid: int

    def __repr__(self) -> str:  # keep the secret out of tracebacks and logs
        return f"BrokerInfo(url={self.url!r}, pid={self.pid})"


def default_broker_command() -> list[str]:
    """The broker's command line: ``vobridge-broker`` on PATH, else the monorepo's built bin."""
    on_path = shutil.which("vobridge-broker")
    if on_path:
        return [on_path]
    package_json = Path(__file__).resolve().parents[2] / "broker" / "package.json"
    node = shutil.which("node")
    if node and package_json.is_file():
        bins = json.loads(package_json.read_text()).get("bin") or {}
        relative = bins.get("vobridge-broker") if isinstance(bins, dict) else bins
        if relative:
            return [node, str(package_json.parent / relative)]
    return []


def read_runtime_file(path: Path) -> BrokerInfo | None:
    """The broker described by a runtime file, or None if it is missing or half-written."""
    try:
        data = json.loads(path.read_text())
        return BrokerInfo(url=str(data["url"]), secret=str(data["secret"]), pid=int(data["pid"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class BrokerSupervisor:
    """Keeps one broker process running: restarts it when it dies, stops it on request.

    The broker writes its URL, secret and pid to ``runtime_file``; the
    supervisor reads them from there and exports them to this process's
    environment, which every kernel started afterwards inherits.
    """

    def __init__(
        self,
        command: list[str],
        runtime_file: Path,
        log: logging.Logger,
        start_timeout: float = 30.0,
        max_backoff: float = 30.0,
    ) -> None:
        self.command = command
        self.runtime_file = runtime_file
        self.log = log
        self.start_timeout = start_timeout
        self.max_backoff = max_backoff
        self.restarts = 0
        self._info: BrokerInfo | None = None
        self._process: asyncio.subprocess.Process | None = None
        self._ready = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task[None] | None = None

    @property
    def process(self) -> asyncio.subprocess.Process | None:
        """The current broker process, if one runs."""
        return self._process

    def start(self) -> None:
        """Start supervising in the background (needs a running event loop); idempotent."""
        if self._task is not None or self._stopping:
            return
        if not self.command:
            self._stopping = True  # nothing to supervise; say so once
            self.log.error(
                "vobridge: no broker to start: install @vobridge/broker (vobridge-broker on PATH) "
                "or set c.VobridgeApp.broker_command"
            )
            return
        self._task = asyncio.ensure_future(self._supervise())

    async def info(self, timeout: float = 10.0) -> BrokerInfo:
        """The running broker's location, waiting up to ``timeout`` seconds for a (re)start."""
        # Servers that never run the extensions' start hook (embedded or test
        # servers) still get a broker on first use.
        self.start()
        if not self.command:
            raise BrokerUnavailable("no vobridge broker is installed")
        try:
            await asyncio.wait_for(self._ready.wait(), timeout)
        except asyncio.TimeoutError:
            raise BrokerUnavailable("the vobridge broker is not running") from None
        assert self._info is not None
        return self._info

    def mark_unreachable(self, info: BrokerInfo) -> None:
        """Forget a broker that refused connections, so callers wait for the restart."""
        if self._info == info and self._process is not None and self._process.returncode is not None:
            self._ready.clear()

    async def stop(self) -> None:
        """Stop the broker and stop restarting it."""
        self._stopping = True
        process = self._process
        if process is not None and process.returncode is None:
            process.terminate()
            try:
                await asyncio.wait_for(process.wait(), 5)
            except asyncio.TimeoutError:
                process.kill()
                await process.wait()
        if self._task is not None:
            # The task waits on process.wait() or sleeps before a restart; either way, end it.
            self._task.cancel()
            try:
                await self._task
            except (asyncio.CancelledError, Exception):
                pass
        for name in (ENV_URL, ENV_SECRET, ENV_RUNTIME_FILE):
            os.environ.pop(name, None)

    async def _supervise(self) -> None:
        backoff = 0.5
        while not self._stopping:
            started = asyncio.get_running_loop().time()
            try:
                await self._run_once()
            except Exception as error:  # noqa: BLE001 - any failure means: try again later
                self.log.warning("vobridge: broker failed: %s", error)
            if self._stopping:
                return
            # A broker that ran for a while gets restarted at once; one that
            # keeps dying on start waits longer each time.
            lived = asyncio.get_running_loop().time() - started
            backoff = 0.5 if lived > 60 else min(backoff * 2, self.max_backoff)
            self.restarts += 1
            self.log.warning("vobridge: broker exited; restarting in %.1f s", backoff)
            await asyncio.sleep(backoff)

    async def _run_once(self) -> None:
        self._ready.clear()
        env = {k: v for k, v in os.environ.items() if k not in _WITHHELD_ENV and k not in (ENV_URL, ENV_SECRET, ENV_RUNTIME_FILE)}
        self.runtime_file.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        process = await asyncio.create_subprocess_exec(
            *self.command,
            "--runtime-file",
            str(self.runtime_file),
            # A server killed outright (a spawner's SIGKILL) must not leave its broker behind.
            "--exit-with-parent",
            env=env,
            stdin=asyncio.subprocess.DEVNULL,
        )
        self._process = process
        try:
            info = await self._wait_for_runtime_file(process)
            if info is None:
                return
            self._info = info
            os.environ[ENV_URL] = info.url
            os.environ[ENV_SECRET] = info.secret
            # Kernels that outlive this broker re-read the file after a restart.
            os.environ[ENV_RUNTIME_FILE] = str(self.runtime_file)
            self._ready.set()
            self.log.info("vobridge: broker (pid %d) listening on %s", info.pid, info.url)
            await process.wait()
        finally:
            self._ready.clear()
            if process.returncode is None:
                process.terminate()
                await process.wait()

    async def _wait_for_runtime_file(self, process: asyncio.subprocess.Process) -> BrokerInfo | None:
        deadline = asyncio.get_running_loop().time() + self.start_timeout
        delay = 0.05
        while asyncio.get_running_loop().time() < deadline:
            if process.returncode is not None:
                self.log.warning("vobridge: broker exited with status %s before it was ready", process.returncode)
                return None
            info = read_runtime_file(self.runtime_file)
            if info is not None and info.pid == process.pid:
                return info
            await asyncio.sleep(delay)
            delay = min(delay * 2, 0.5)
        self.log.warning("vobridge: broker wrote no runtime file within %.0f s", self.start_timeout)
        return None


def choose_runtime_file(runtime_dir: Path) -> Path:
    """``vobridge-broker.json`` in Jupyter's runtime dir, unless another live broker owns it."""
    shared = runtime_dir / "vobridge-broker.json"
    existing = read_runtime_file(shared)
    if existing is not None and pid_alive(existing.pid):
        return runtime_dir / f"vobridge-broker-{os.getpid()}.json"
    return shared
