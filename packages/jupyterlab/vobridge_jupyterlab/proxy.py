"""``/vobridge/*``: the browser's only way to the broker, behind Jupyter's auth and XSRF."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from typing import Any

import tornado.web
from jupyter_server.base.handlers import APIHandler, JupyterHandler
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest, HTTPResponse

from .broker import BrokerInfo, BrokerSupervisor, BrokerUnavailable

# Broker routes the browser may use, with their verbs. `/v1/token` is
# deliberately absent: tokens are for kernels, never for the page.
SESSION_ID = r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}"
ROUTES: tuple[tuple[re.Pattern[str], frozenset[str]], ...] = (
    (re.compile(r"healthz"), frozenset({"GET"})),
    (re.compile(r"v1/logins"), frozenset({"GET", "POST"})),
    (re.compile(r"v1/logins/[A-Za-z0-9_.-]{1,128}"), frozenset({"GET", "DELETE"})),
    (re.compile(r"v1/discover"), frozenset({"GET"})),
    (re.compile(r"v1/sessions"), frozenset({"GET", "POST"})),
    (re.compile(rf"v1/sessions/{SESSION_ID}"), frozenset({"GET", "DELETE"})),
    (re.compile(rf"v1/sessions/{SESSION_ID}/renew"), frozenset({"POST"})),
    # A one-time login link for the user's browser (no token in it); the page opens it at once.
    (re.compile(rf"v1/sessions/{SESSION_ID}/open"), frozenset({"POST"})),
    (re.compile(rf"v1/sessions/{SESSION_ID}/logs"), frozenset({"GET"})),
    (re.compile(r"v1/images"), frozenset({"GET"})),
    (re.compile(r"v1/context"), frozenset({"GET"})),
)
EVENTS_PATH = "v1/events"
CALLBACK_PATH = "v1/callback"

# Response headers passed back to the browser; everything else stays behind.
_PASSED_RESPONSE_HEADERS = ("Content-Type", "Location", "Retry-After")


def allowed(path: str, method: str) -> bool:
    """Whether the browser may send ``method`` to the broker's ``path``."""
    return any(pattern.fullmatch(path) and method in verbs for pattern, verbs in ROUTES)


def broker_headers(info: BrokerInfo, content_type: str | None = None) -> dict[str, str]:
    """Headers for a request to the broker: its secret and nothing of the browser's.

    The browser's Cookie, Authorization, Origin and Host never reach the
    broker (GHSA-q52h-2389-h4hv): we build the header set from scratch.
    """
    headers = {"Authorization": f"Bearer {info.secret}", "Accept": "application/json, text/event-stream, text/html"}
    if content_type:
        headers["Content-Type"] = content_type
    return headers


class BrokerAccess(JupyterHandler):
    """Shared plumbing of the handlers that talk to the broker: find it, call it with its secret."""

    @property
    def supervisor(self) -> BrokerSupervisor:
        return self.settings["vobridge_supervisor"]

    async def broker_info(self) -> BrokerInfo:
        try:
            return await self.supervisor.info()
        except BrokerUnavailable as error:
            raise tornado.web.HTTPError(503, reason=str(error)) from None

    async def fetch_broker(self, method: str, path: str, body: bytes | None = None) -> HTTPResponse:
        info = await self.broker_info()
        query = self.request.query
        request = HTTPRequest(
            f"{info.url}/{path}{'?' + query if query else ''}",
            method=method,
            headers=broker_headers(info, self.request.headers.get("Content-Type") if body is not None else None),
            body=body,
            follow_redirects=False,
            request_timeout=60,
            allow_nonstandard_methods=True,
        )
        try:
            return await AsyncHTTPClient().fetch(request, raise_error=False)
        except (OSError, HTTPClientError):
            self.supervisor.mark_unreachable(info)
            raise tornado.web.HTTPError(503, reason="the vobridge broker is not reachable") from None


class BrokerHandlerBase(BrokerAccess, APIHandler):
    """The JSON API side: errors answered in the broker's shape."""

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        # Same {error, message} shape as the broker's own errors; never echo the path.
        reason = self._reason if status_code != 500 else "internal error"
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({"error": ERROR_CODES.get(status_code, "internal"), "message": reason}))


# The popup's one script, allowed by its hash alone.
_CLOSE_SCRIPT = "window.close()"
_CLOSE_SCRIPT_HASH = base64.b64encode(hashlib.sha256(_CLOSE_SCRIPT.encode()).digest()).decode()
_CALLBACK_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>vobridge</title></head>'
    "<body><p>{message}</p><script>" + _CLOSE_SCRIPT + "</script></body></html>"
)


class BrokerCallbackHandler(BrokerAccess):
    """``/vobridge/v1/callback``: where the platform sends the browser-login popup back.

    A page, not an API answer: the broker redeems the code, and the popup gets
    an HTML page whose only script (allowed by its hash, nothing else) closes
    it. The login panel learns the outcome from the broker's event stream.
    """

    @property
    def content_security_policy(self) -> str:
        return f"default-src 'none'; script-src 'sha256-{_CLOSE_SCRIPT_HASH}'; frame-ancestors 'none'"

    @tornado.web.authenticated
    async def get(self) -> None:
        # A navigation by design (no XSRF header), protected by the login's one-time `state`.
        response = await self.fetch_broker("GET", CALLBACK_PATH)
        if response.code == 200:
            message = "Sign-in finished: the vobridge login panel shows the result. This window closes by itself."
        elif response.code == 404:
            message = "This sign-in has expired or was already used. Start again from the vobridge login panel."
        else:
            message = "The sign-in could not be finished. Start again from the vobridge login panel."
        self.set_status(200 if response.code == 200 else 400)
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("Referrer-Policy", "no-referrer")
        self.finish(_CALLBACK_PAGE.format(message=message))


# The proxy's own answers use the broker's error codes (openapi/broker.yaml `BrokerErrorCode`):
# a 403 here is Jupyter's XSRF check refusing a cross-site request, a 405 a route outside the allow-list.
ERROR_CODES = {400: "bad_request", 403: "origin_refused", 404: "not_found", 405: "not_found", 503: "broker_unavailable"}


class BrokerProxyHandler(BrokerHandlerBase):
    """Forwards allow-listed requests to the broker and relays its answer."""

    @tornado.web.authenticated
    async def get(self, path: str) -> None:
        # A GET makes the broker fetch (discovery probes any URL the caller names), so it needs
        # Jupyter's XSRF header like a POST: a top-level navigation carrying only the cookie
        # cannot use the broker to reach internal addresses. (The OAuth callback, a navigation
        # by design, has its own handler.)
        self.check_xsrf_cookie()
        await self._forward("GET", path)

    @tornado.web.authenticated
    async def post(self, path: str) -> None:
        await self._forward("POST", path)

    @tornado.web.authenticated
    async def delete(self, path: str) -> None:
        await self._forward("DELETE", path)

    async def _forward(self, method: str, path: str) -> None:
        if not allowed(path, method):
            raise tornado.web.HTTPError(404, reason="no such vobridge route")
        response = await self.fetch_broker(method, path, self.request.body if method == "POST" else None)
        self.set_status(response.code)
        self.clear_header("Content-Type")
        for name in _PASSED_RESPONSE_HEADERS:
            value = response.headers.get(name)
            if value is not None:
                self.set_header(name, value)
        self.set_header("Cache-Control", "no-store")
        if response.body:
            self.write(response.body)
        await self.finish()


class BrokerEventsHandler(BrokerHandlerBase):
    """Relays the broker's server-sent events as they come."""

    _closed = False

    def on_connection_close(self) -> None:
        self._closed = True

    def _relay(self, chunk: bytes) -> None:
        if self._closed:
            # Raising here aborts the upstream request when the browser has gone.
            raise ConnectionAbortedError("browser closed the event stream")
        self.write(chunk)
        self.flush()

    @tornado.web.authenticated
    async def get(self) -> None:
        info = await self.broker_info()
        self.set_header("Content-Type", "text/event-stream")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Accel-Buffering", "no")
        request = HTTPRequest(
            f"{info.url}/{EVENTS_PATH}",
            headers=broker_headers(info),
            streaming_callback=self._relay,
            request_timeout=0,
            connect_timeout=10,
        )
        try:
            await AsyncHTTPClient().fetch(request, raise_error=False)
        except (OSError, HTTPClientError, ConnectionAbortedError):
            if not self._closed:
                self.supervisor.mark_unreachable(info)
        if not self._closed:
            await self.finish()


class ConfigHandler(APIHandler):
    """``GET /vobridge/config``: what the server suggests to the front end (platform URLs)."""

    @tornado.web.authenticated
    def get(self) -> None:
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps({"platforms": self.settings.get("vobridge_platforms", [])}))
