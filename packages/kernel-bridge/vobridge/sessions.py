"""Interactive sessions (Firefly, CARTA, notebooks, desktops) across every platform the user logged in to."""

from __future__ import annotations

import builtins
import threading
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from unittest.mock import patch

import requests

from .auth import BrokerAuth
from .client import BrokerClient, default_client
from .errors import PlatformsUnavailable, VobridgeError

if TYPE_CHECKING:  # pragma: no cover
    from firefly_client import FireflyClient


@dataclass(frozen=True)
class Session:
    """One session as its platform lists it (skaha field names), plus the platform it runs on."""

    id: str
    type: str
    status: str
    name: str
    platform: str
    connect_url: str | None
    expiry_time: str | None
    raw: dict[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Session:
        return cls(
            id=str(data.get("id", "")),
            type=str(data.get("type", "")),
            status=str(data.get("status", "")),
            name=str(data.get("name", "")),
            platform=str(data.get("platform", "")),
            connect_url=data.get("connectURL") or None,
            expiry_time=data.get("expiryTime") or None,
            raw=data,
        )


@dataclass
class OpenSession:
    """A session ready to talk to: its description and an HTTP session authenticated for its URL."""

    info: Session
    http: requests.Session = field(repr=False)

    @property
    def url(self) -> str:
        """The session's connect URL."""
        if not self.info.connect_url:
            raise VobridgeError(f"Session {self.info.id} has no connect URL yet (status {self.info.status}).")
        return self.info.connect_url

    def get(self, path: str = "", **kwargs: Any) -> requests.Response:
        """GET a path relative to the connect URL, with a fresh token."""
        return self.http.get(self.url.rstrip("/") + "/" + path.lstrip("/"), **kwargs)


class SessionList(builtins.list[Session]):
    """The sessions found, and the platforms that could not be asked (``unavailable``: origin → reason)."""

    unavailable: dict[str, str]

    def __init__(self, sessions: builtins.list[Session], unavailable: dict[str, str]) -> None:
        super().__init__(sessions)
        self.unavailable = unavailable


def list(client: BrokerClient | None = None) -> SessionList:  # noqa: A001 - the documented name
    """Every session of the user on every logged-in platform.

    A platform that cannot be asked is never reported as having no sessions:
    when none answers, :class:`PlatformsUnavailable` is raised; when some do,
    their sessions come back with the others named in ``.unavailable`` and in
    a warning.
    """
    reply = (client or default_client()).request("GET", "/v1/sessions")
    body = reply.json()
    statuses = [p for p in body.get("platforms", []) if isinstance(p, dict)]
    unavailable = {
        str(p.get("platform", "?")): str(p.get("error") or "failed") for p in statuses if not p.get("ok", False)
    }
    if statuses and len(unavailable) == len(statuses):
        raise PlatformsUnavailable(unavailable)
    if unavailable:
        warnings.warn(
            "Sessions not listed from "
            + ", ".join(f"{platform} ({reason})" for platform, reason in unavailable.items())
            + "; the list holds the other platforms only.",
            stacklevel=2,
        )
    sessions = [Session.from_json(item) for item in body.get("sessions", []) if isinstance(item, dict)]
    return SessionList(sessions, unavailable)


def get(session_id: str, client: BrokerClient | None = None) -> Session:
    """One session by id; :class:`VobridgeError` when no logged-in platform has it."""
    for session in list(client):
        if session.id == session_id:
            return session
    raise VobridgeError(f"No session {session_id!r} on any logged-in platform (see vobridge.sessions.list()).")


def open(session_id: str, client: BrokerClient | None = None) -> OpenSession:  # noqa: A001 - the documented name
    """A session with a ``requests.Session`` that authenticates to it through the broker."""
    http = requests.Session()
    http.auth = BrokerAuth(client=client)
    return OpenSession(info=get(session_id, client), http=http)


def firefly(session_id: str, channel: str | None = None, client: BrokerClient | None = None) -> FireflyClient:
    """A ``firefly_client.FireflyClient`` connected to a Firefly session, authenticated through the broker.

    The client's HTTP session takes a fresh token per request (a long-lived
    kernel never holds a dead one). ``firefly_client`` itself sends a token
    only over https; for a platform served over plain http (on loopback, say)
    its connection check is given the broker's auth for the duration of the
    connect.
    """
    try:
        from firefly_client import FireflyClient
        from firefly_client.env import Env
    except ImportError as missing:  # pragma: no cover - depends on the environment
        raise VobridgeError("firefly_client is not installed: pip install firefly-client") from missing
    opened = open(session_id, client)
    if opened.info.type != "firefly":
        raise VobridgeError(f"Session {session_id!r} is a {opened.info.type} session, not a Firefly one.")
    url = opened.url.rstrip("/")
    auth = BrokerAuth(client=client)
    resolved_channel = Env.resolve_client_channel(channel)
    token = auth.client.token(url, auth.min_valid)
    if url.startswith("https://") and token.scheme == "Bearer":
        fc = FireflyClient(url, resolved_channel, token=token.value)
    else:
        def confirm_access(target: str, _token: str | None = None) -> dict[str, Any]:
            response = requests.get(target.rstrip("/") + "/healthz", auth=auth, allow_redirects=False, timeout=30)
            return {"success": response.status_code == 200, "response": response}

        # firefly_client calls FireflyClient.confirm_access by name and never sends a token over http.
        with _FIREFLY_PATCH_LOCK, patch.object(FireflyClient, "confirm_access", staticmethod(confirm_access)):
            fc = FireflyClient(url, resolved_channel)
        name, value = token.header()
        fc.auth_headers = {name: value}
    fc.session.auth = auth
    return fc


_FIREFLY_PATCH_LOCK = threading.Lock()
