"""Authentication for ``requests`` and ``httpx`` backed by the broker: a fresh token per request."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Generator
from typing import Any

import requests
from requests.auth import AuthBase
from urllib3.util import parse_url

from .client import BrokerClient, Token, default_client
from .errors import NotLoggedIn, OutOfScope

try:  # httpx is optional: the same object serves both libraries when it is installed.
    import httpx

    _AUTH_BASES: tuple[type, ...] = (AuthBase, httpx.Auth)
except ImportError:  # pragma: no cover - exercised only without httpx
    httpx = None  # type: ignore[assignment]
    _AUTH_BASES = (AuthBase,)

_RETRIED = "_vobridge_retried"
_SENT = "_vobridge_sent"


class BrokerAuth(*_AUTH_BASES):  # type: ignore[misc]
    """``auth=`` for requests and httpx: attaches the broker's credential for the URL's origin.

    That is ``Authorization: Bearer <token>`` for token logins, the session
    cookies (``Cookie``) of a cookie login, or ``Authorization: Basic`` of a
    Basic login, and only for origins the login covers. The credential comes
    from the in-process cache (refreshed through the broker before it has less
    than ``min_valid`` seconds left). On a 401 the request is retried once
    with a credential fetched anew. With ``strict=False``, URLs no login
    covers are requested without one instead of raising, which suits clients
    such as pyvo that also reach public services.
    """

    def __init__(self, min_valid: float = 60, strict: bool = True, client: BrokerClient | None = None) -> None:
        self.min_valid = min_valid
        self.strict = strict
        self._client = client

    @property
    def client(self) -> BrokerClient:
        return self._client or default_client()

    def _token(self, url: str, destination: str) -> Token | None:
        try:
            return self.client.token(url, self.min_valid, destination=destination)
        except (NotLoggedIn, OutOfScope):
            if self.strict:
                raise
            return None

    # -- requests --------------------------------------------------------------

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        url = str(request.url)
        token = self._token(url, _requests_destination(url))
        if token is not None:
            _present(request.headers, token)
            setattr(request, _SENT, token.value)
            request.register_hook("response", self._retry_on_401)
        return request

    def _retry_on_401(self, response: requests.Response, **kwargs: Any) -> requests.Response:
        request = response.request
        if response.status_code != 401 or getattr(request, _RETRIED, False):
            return response
        url = str(request.url)
        sent = getattr(request, _SENT, None)
        self.client.forget(url, sent)
        token = self._token(url, _requests_destination(url))
        if token is None or token.value == sent:
            return response
        response.content  # noqa: B018 - read the body so the connection can be reused
        response.close()
        retry = request.copy()
        _present(retry.headers, token, replacing=sent)
        setattr(retry, _RETRIED, True)
        connection: Any = response.connection
        again: requests.Response = connection.send(retry, **kwargs)
        again.history.append(response)
        again.request = retry
        return again

    # -- httpx -----------------------------------------------------------------

    def auth_flow(self, request: Any) -> Generator[Any, Any, None]:
        """httpx's hook for synchronous clients."""
        url = str(request.url)
        token = self._token(url, _httpx_destination(request))
        if token is None:
            yield request
            return
        _present(request.headers, token)
        response = yield request
        if response.status_code != 401:
            return
        self.client.forget(url, token.value)
        fresh = self._token(url, _httpx_destination(request))
        if fresh is None or fresh.value == token.value:
            return
        _present(request.headers, fresh, replacing=token.value)
        yield request

    async def async_auth_flow(self, request: Any) -> AsyncGenerator[Any, Any]:
        """httpx's hook for async clients: a broker call that is needed runs in a worker thread, off the event loop."""
        url = str(request.url)
        destination = _httpx_destination(request)
        token = await asyncio.to_thread(self._token, url, destination)
        if token is None:
            yield request
            return
        _present(request.headers, token)
        response = yield request
        if response.status_code != 401:
            return
        self.client.forget(url, token.value)
        fresh = await asyncio.to_thread(self._token, url, destination)
        if fresh is None or fresh.value == token.value:
            return
        _present(request.headers, fresh, replacing=token.value)
        yield request

    def __repr__(self) -> str:
        return f"BrokerAuth(min_valid={self.min_valid}, strict={self.strict})"


def _present(headers: Any, token: Token, replacing: str | None = None) -> None:
    """Set the credential's header; a cookie joins the request's own cookies (without a stale one it replaces)."""
    name, value = token.header()
    if name == "Cookie":
        kept = [part.strip() for part in str(headers.get("Cookie", "")).split(";") if part.strip()]
        if replacing is not None:
            kept = [part for part in kept if part not in {p.strip() for p in replacing.split(";")}]
        value = "; ".join([*kept, value])
    headers[name] = value


def _origin(scheme: str | None, host: str | None, port: int | None) -> str:
    scheme = (scheme or "").lower()
    host = (host or "").lower()
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"
    default = {"http": 80, "https": 443}.get(scheme)
    return f"{scheme}://{host}" + (f":{port}" if port not in (None, default) else "")


def _requests_destination(url: str) -> str:
    """Where requests (urllib3) will connect for ``url``: its own parse, not ours."""
    parsed = parse_url(url)
    return _origin(parsed.scheme, parsed.host, parsed.port)


def _httpx_destination(request: Any) -> str:
    """Where httpx will connect for ``request``: its own parsed URL."""
    return _origin(request.url.scheme, request.url.raw_host.decode("ascii"), request.url.port)
