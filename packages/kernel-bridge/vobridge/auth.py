"""Authentication for ``requests`` and ``httpx`` backed by the broker: a fresh token per request."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Generator
from typing import Any

import requests
from requests.auth import AuthBase
from urllib3.util import parse_url

from .client import BrokerClient, default_client
from .errors import NotLoggedIn, OutOfScope

try:  # httpx is optional: the same object serves both libraries when it is installed.
    import httpx

    _AUTH_BASES: tuple[type, ...] = (AuthBase, httpx.Auth)
except ImportError:  # pragma: no cover - exercised only without httpx
    httpx = None  # type: ignore[assignment]
    _AUTH_BASES = (AuthBase,)

_RETRIED = "_vobridge_retried"


class BrokerAuth(*_AUTH_BASES):  # type: ignore[misc]
    """``auth=`` for requests and httpx: attaches ``Authorization: Bearer <token>`` from the broker.

    The token comes from the in-process cache (refreshed through the broker
    before it has less than ``min_valid`` seconds left). On a 401 the request
    is retried once with a token fetched anew. With ``strict=False``, URLs no
    login covers are requested without a token instead of raising, which
    suits clients such as pyvo that also reach public services.
    """

    def __init__(self, min_valid: float = 60, strict: bool = True, client: BrokerClient | None = None) -> None:
        self.min_valid = min_valid
        self.strict = strict
        self._client = client

    @property
    def client(self) -> BrokerClient:
        return self._client or default_client()

    def _token(self, url: str, destination: str) -> str | None:
        try:
            return self.client.token(url, self.min_valid, destination=destination).value
        except (NotLoggedIn, OutOfScope):
            if self.strict:
                raise
            return None

    # -- requests --------------------------------------------------------------

    def __call__(self, request: requests.PreparedRequest) -> requests.PreparedRequest:
        url = str(request.url)
        token = self._token(url, _requests_destination(url))
        if token is not None:
            request.headers["Authorization"] = f"Bearer {token}"
            request.register_hook("response", self._retry_on_401)
        return request

    def _retry_on_401(self, response: requests.Response, **kwargs: Any) -> requests.Response:
        request = response.request
        if response.status_code != 401 or getattr(request, _RETRIED, False):
            return response
        url = str(request.url)
        sent = str(request.headers.get("Authorization", "")).removeprefix("Bearer ")
        self.client.forget(url, sent)
        token = self._token(url, _requests_destination(url))
        if token is None or token == sent:
            return response
        response.content  # noqa: B018 - read the body so the connection can be reused
        response.close()
        retry = request.copy()
        retry.headers["Authorization"] = f"Bearer {token}"
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
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code != 401:
            return
        self.client.forget(url, token)
        fresh = self._token(url, _httpx_destination(request))
        if fresh is None or fresh == token:
            return
        request.headers["Authorization"] = f"Bearer {fresh}"
        yield request

    async def async_auth_flow(self, request: Any) -> AsyncGenerator[Any, Any]:
        """httpx's hook for async clients: a broker call that is needed runs in a worker thread, off the event loop."""
        url = str(request.url)
        destination = _httpx_destination(request)
        token = await asyncio.to_thread(self._token, url, destination)
        if token is None:
            yield request
            return
        request.headers["Authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code != 401:
            return
        self.client.forget(url, token)
        fresh = await asyncio.to_thread(self._token, url, destination)
        if fresh is None or fresh == token:
            return
        request.headers["Authorization"] = f"Bearer {fresh}"
        yield request

    def __repr__(self) -> str:
        return f"BrokerAuth(min_valid={self.min_valid}, strict={self.strict})"


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
