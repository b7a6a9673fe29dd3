"""A real JupyterHub (with vobridge_jupyterhub) in front of the real reference platform.

The hub runs examples/jupyterhub/jupyterhub_config.py through the tests' config
(test_config.py beside this file), with configurable-http-proxy from
node_modules; users log in through the platform's own OIDC login page, as in a
browser, only driven with requests.

Used by packages/jupyterhub's pytest suite (imported) and by the browser tests
(run: ``python hub.py --token-ttl N --singleuser-env JSON`` prints one line,
``vobridge-test-hub ready <json>``, restarts the hub on SIGUSR1 and stops
everything on SIGTERM).
"""

from __future__ import annotations

import json
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import requests

ROOT = Path(__file__).resolve().parents[3]
PLATFORM_BIN = ROOT / "packages" / "platform" / "dist" / "bin" / "vobridge-platform.js"
EXAMPLE_CONFIG = ROOT / "examples" / "jupyterhub" / "jupyterhub_config.py"
TEST_CONFIG = ROOT / "packages" / "testing" / "jupyterhub" / "test_config.py"
CHP = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
JUPYTERHUB = Path(sys.executable).parent / "jupyterhub"

USERS = [
    {"username": "alice", "password": "alice-demo-password", "groups": ["astro", "demo"]},
    {"username": "bob", "password": "bob-demo-password", "groups": ["demo"]},
    {"username": "carol", "password": "carol-demo-password", "groups": ["demo"]},
]
PASSWORDS = {user["username"]: user["password"] for user in USERS}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Platform:
    """The reference platform with the hub registered as a confidential OAuth client."""

    def __init__(self, base: Path, hub_url: str, token_ttl: int, users: list[dict]) -> None:
        self.client_secret = secrets.token_urlsafe(32)
        clients = base / "clients.json"
        clients.write_text(
            json.dumps(
                {
                    "client_id": "jupyterhub",
                    "client_secret": self.client_secret,
                    "token_endpoint_auth_method": "client_secret_post",
                    "grant_types": ["authorization_code", "refresh_token"],
                    "redirect_uris": [f"{hub_url}/hub/oauth_callback"],
                }
            )
        )
        users_file = base / "users.json"
        users_file.write_text(json.dumps(users))
        for secret_file in (clients, users_file):
            secret_file.chmod(0o600)
        self.log = base / "platform.log"
        self._log = open(self.log, "ab")  # noqa: SIM115 - closed in stop()
        args = ["--port", "0", "--data", str(base / "platform-data"), "--users", str(users_file)]
        args += ["--token-ttl", str(token_ttl), "--client", str(clients), "--log-level", "info"]
        # Its own session: a signal to the harness's process group must not stop it before the hub.
        self.proc = subprocess.Popen(
            ["node", str(PLATFORM_BIN), *args],
            stdout=subprocess.PIPE,
            stderr=self._log,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        self.url = _first_match(self.proc, self._log, re.compile(r"vobridge-platform listening on (http\S+)"), 60)

    def stop(self) -> None:
        _stop(self.proc)
        self._log.close()


class Proxy:
    """configurable-http-proxy on its own, as Zero to JupyterHub runs it: it outlives hub restarts."""

    def __init__(self, base: Path, public_url: str, api_url: str, hub_url: str) -> None:
        self.auth_token = secrets.token_hex(32)
        public, api = urlsplit(public_url), urlsplit(api_url)
        self.proc = _spawn(
            [str(CHP), "--ip", "127.0.0.1", "--port", str(public.port), "--api-ip", "127.0.0.1"]
            + ["--api-port", str(api.port), "--error-target", f"{hub_url}/hub/error"],
            base / "proxy.log",
            {**os.environ, "CONFIGPROXY_AUTH_TOKEN": self.auth_token},
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                requests.get(f"{api_url}/api/routes", headers={"Authorization": f"token {self.auth_token}"}, timeout=2)
                return
            except requests.ConnectionError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("configurable-http-proxy did not start") from None
                time.sleep(0.1)

    def stop(self) -> None:
        _stop(self.proc)


class Hub:
    """JupyterHub 6 + oauthenticator + vobridge_jupyterhub, its state in ``base``."""

    def __init__(
        self,
        base: Path,
        token_ttl: int = 4,
        singleuser_env: dict[str, str] | None = None,
        extra_users: int = 0,
    ) -> None:
        self.base = base
        #: Users beyond alice, bob and carol (for load tests): user001 ... with their passwords.
        self.extra_users = {f"user{n:03d}": secrets.token_urlsafe(16) for n in range(1, extra_users + 1)}
        self.state = base / "hub"
        self.state.mkdir(parents=True, exist_ok=True)
        self.url = f"http://127.0.0.1:{free_port()}"
        self.api_url = f"http://127.0.0.1:{free_port()}/hub/api"
        self.proxy_api_url = f"http://127.0.0.1:{free_port()}"
        self.admin_token = secrets.token_hex(32)
        users = USERS + [{"username": name, "password": pw, "groups": ["demo"]} for name, pw in self.extra_users.items()]
        self.platform = Platform(base, self.url, token_ttl, users)
        self.proxy = Proxy(base, self.url, self.proxy_api_url, self.api_url.removesuffix("/hub/api"))
        self.env = {
            **os.environ,
            "CONFIGPROXY_AUTH_TOKEN": self.proxy.auth_token,
            "JUPYTERHUB_CRYPT_KEY": secrets.token_hex(32),
            "VOBRIDGE_PLATFORM_URL": self.platform.url,
            "VOBRIDGE_HUB_URL": self.url,
            "VOBRIDGE_HUB_CLIENT_SECRET": self.platform.client_secret,
            "VOBRIDGE_TEST_HUB_EXAMPLE": str(EXAMPLE_CONFIG),
            "VOBRIDGE_TEST_HUB_STATE": str(self.state),
            "VOBRIDGE_TEST_HUB_API_URL": self.api_url.removesuffix("/hub/api"),
            "VOBRIDGE_TEST_PROXY_API_URL": self.proxy_api_url,
            "VOBRIDGE_TEST_HUB_ADMIN_TOKEN": self.admin_token,
            "VOBRIDGE_TEST_SINGLEUSER_ENV": json.dumps(singleuser_env or {}),
        }
        self.log = base / "hub.log"
        self.proc: subprocess.Popen[bytes] | None = None
        self.start()

    def start(self) -> None:
        self.proc = _spawn([str(JUPYTERHUB), "-f", str(TEST_CONFIG)], self.log, self.env, cwd=self.state)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited: {self.log.read_text(errors='replace')[-4000:]}")
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"JupyterHub did not start: {self.log.read_text(errors='replace')[-4000:]}")

    def stop_hub(self) -> None:
        """Stop the hub process only (servers and the proxy keep running)."""
        if self.proc is not None:
            _stop(self.proc)

    def stop(self) -> None:
        for user in self.admin("GET", "/users").json():
            if user.get("server"):
                self.admin("DELETE", f"/users/{user['name']}/server")
        self.stop_hub()
        self.proxy.stop()
        self.platform.stop()

    def admin(self, method: str, path: str, **kwargs: object) -> requests.Response:
        """A call to the hub's API as the tests' admin service."""
        headers = {"Authorization": f"token {self.admin_token}"}
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers, timeout=60, **kwargs)  # type: ignore[arg-type]

    def login(self, username: str, password: str | None = None) -> requests.Session:
        """Log in at the hub through the platform's login page; the session holds the hub's cookie."""
        session = requests.Session()
        page = session.get(f"{self.url}/hub/oauth_login", params={"next": "/hub/home"}, timeout=60)
        form = _LoginForm.parse(page.text)
        assert form.action, f"no login form at {page.url}: {page.status_code} {page.text[:300]}"
        done = session.post(
            requests.compat.urljoin(page.url, form.action),
            data={"username": username, "password": password or PASSWORDS.get(username) or self.extra_users[username]},
            timeout=60,
        )
        assert done.url.startswith(f"{self.url}/hub/home"), f"login ended at {done.url}: {done.status_code}"
        return session

    def api_token(self, username: str, scopes: list[str]) -> str:
        """A new API token of ``username`` with ``scopes`` (as a server's JUPYTERHUB_API_TOKEN has)."""
        reply = self.admin("POST", f"/users/{username}/tokens", json={"scopes": scopes, "note": "vobridge tests"})
        assert reply.status_code == 201, reply.text
        return str(reply.json()["token"])

    def token(self, api_token: str | None, **params: str) -> requests.Response:
        headers = {"Authorization": f"token {api_token}"} if api_token else {}
        return requests.get(f"{self.url}/hub/api/vobridge/token", headers=headers, params=params, timeout=60)

    def renewals(self, username: str) -> int:
        """How many times the hub renewed ``username``'s platform token so far (from its log)."""
        return self.log.read_text(errors="replace").count(f"vobridge: renewed the platform token of {username}\n")


class _LoginForm(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.action = ""

    @classmethod
    def parse(cls, html: str) -> "_LoginForm":
        form = cls()
        form.feed(html)
        return form

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form" and not self.action:
            self.action = dict(attrs).get("action") or ""


def _first_match(proc: subprocess.Popen[bytes], log, pattern: re.Pattern[str], timeout: float) -> str:  # noqa: ANN001
    found: list[str] = []
    ready = threading.Event()

    def drain() -> None:
        assert proc.stdout is not None
        for raw in proc.stdout:
            log.write(raw)
            log.flush()
            match = pattern.search(raw.decode(errors="replace"))
            if match and not found:
                found.append(match.group(1))
                ready.set()
        ready.set()

    threading.Thread(target=drain, daemon=True).start()
    ready.wait(timeout)
    if not found:
        _stop(proc)
        raise RuntimeError("the platform did not start")
    return found[0]


def _spawn(command: list[str], log_path: Path, env: dict[str, str], cwd: Path | None = None) -> subprocess.Popen[bytes]:
    """Start ``command`` logging to ``log_path``, in its own session: a signal to the harness's
    process group must not reach it before the harness stops things in order."""
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True
        )


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description="A test JupyterHub with vobridge and the reference platform.")
    parser.add_argument("--token-ttl", type=int, default=4)
    parser.add_argument("--singleuser-env", default="{}", help="JSON object: the spawned servers' environment")
    parser.add_argument("--base", required=True, help="a fresh directory for all state and logs")
    parser.add_argument(
        "--logged-in-users",
        type=int,
        default=0,
        help="N more users, logged in at the hub, each with an API token of the vobridge scope (in <base>/api-tokens.json)",
    )
    args = parser.parse_args()
    stopping = threading.Event()
    restarting = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stopping.set())
    # SIGUSR1 restarts the hub process alone: servers and the proxy keep running.
    signal.signal(signal.SIGUSR1, lambda *_: restarting.set())
    base = Path(args.base)
    hub = Hub(base, token_ttl=args.token_ttl, singleuser_env=json.loads(args.singleuser_env), extra_users=args.logged_in_users)
    try:
        tokens = {}
        for name in hub.extra_users:
            hub.login(name)
            tokens[name] = hub.api_token(name, ["custom:vobridge:token"])
        token_file = base / "api-tokens.json"
        fd = os.open(token_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            json.dump(tokens, handle)
        ready = {
            "api_tokens": str(token_file),
            "pid_file": str(hub.state / "jupyterhub.pid"),
            "url": hub.url,
            "api_url": hub.api_url,
            "platform_url": hub.platform.url,
            "admin_token": hub.admin_token,
            "client_secret": hub.platform.client_secret,
            "log": str(hub.log),
            "state": str(hub.state),
        }
        print(f"vobridge-test-hub ready {json.dumps(ready)}", flush=True)
        while not stopping.wait(0.2):
            if restarting.is_set():
                restarting.clear()
                hub.stop_hub()
                hub.start()
                print("vobridge-test-hub restarted", flush=True)
    finally:
        hub.stop()


if __name__ == "__main__":
    main()
