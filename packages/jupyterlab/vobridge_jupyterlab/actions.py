"""Session actions the broker API does not cover (launch, renew, delete, launch options).

The server fetches a token for the platform from the broker and calls the
platform's skaha API itself, so the token never reaches the browser. Only
platforms the user is logged in to are accepted as targets.
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import urlencode, urlsplit

import tornado.web
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest, HTTPResponse

from .proxy import BrokerHandlerBase

SESSION_ID = r"[A-Za-z0-9][A-Za-z0-9._-]{0,127}"
_SESSION_ID_RE = re.compile(SESSION_ID)
_LAUNCH_FIELDS = {"name": str, "image": str, "type": str, "cores": (int, str), "ram": (int, str), "gpus": (int, str)}
_SESSION_TYPES = {"notebook", "desktop", "carta", "headless", "firefly", "contributed", "desktop-app"}


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower()


class _PlatformHandler(BrokerHandlerBase):
    @property
    def skaha_path(self) -> str:
        return self.settings["vobridge_skaha_path"]

    async def _platform(self) -> str:
        """The requested platform, which must be the origin of an active login."""
        platform = self.get_query_argument("platform", "")
        if not platform:
            raise tornado.web.HTTPError(400, reason="platform is required")
        response = await self.fetch_broker_path("GET", "v1/logins")
        logins = json.loads(response.body or b"[]") if response.code == 200 else []
        active = {_origin(l.get("platform", "")) for l in logins if l.get("state") in ("active", "refreshing")}
        if _origin(platform) not in active:
            raise tornado.web.HTTPError(403, reason="not logged in to that platform")
        return _origin(platform)

    async def fetch_broker_path(self, method: str, path: str, query: dict[str, str] | None = None) -> HTTPResponse:
        info = await self.broker_info()
        request = HTTPRequest(
            f"{info.url}/{path}{'?' + urlencode(query) if query else ''}",
            method=method,
            headers={"Authorization": f"Bearer {info.secret}", "Accept": "application/json"},
            request_timeout=60,
        )
        try:
            return await AsyncHTTPClient().fetch(request, raise_error=False)
        except (OSError, HTTPClientError):
            self.supervisor.mark_unreachable(info)
            raise tornado.web.HTTPError(503, reason="the vobridge broker is not reachable") from None

    async def call_platform(self, platform: str, method: str, path: str, query: dict[str, Any] | None = None) -> HTTPResponse:
        """Call ``<platform><skaha_path>/<path>`` with a fresh token from the broker."""
        url = f"{platform}{self.skaha_path}/{path}"
        token_answer = await self.fetch_broker_path("GET", "v1/token", {"url": url, "min_valid": "60"})
        if token_answer.code != 200:
            # Pass the broker's reason on (it never contains a token), not its status.
            body = json.loads(token_answer.body or b"{}")
            raise tornado.web.HTTPError(403 if token_answer.code == 403 else 502, reason=str(body.get("message", "no token")))
        token = json.loads(token_answer.body)["token"]
        encoded = urlencode(query or {}, doseq=True)
        request = HTTPRequest(
            f"{url}{'?' + encoded if encoded else ''}",
            method=method,
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json, text/plain"},
            body=b"" if method == "POST" else None,
            follow_redirects=False,
            request_timeout=60,
            allow_nonstandard_methods=True,
        )
        try:
            response = await AsyncHTTPClient().fetch(request, raise_error=False)
        except (OSError, HTTPClientError):
            raise tornado.web.HTTPError(502, reason=f"{platform} is not reachable") from None
        if response.code >= 400:
            text = (response.body or b"").decode("utf-8", "replace").strip()[:300]
            raise tornado.web.HTTPError(502 if response.code >= 500 else response.code, reason=text or f"{platform} answered {response.code}")
        return response

    def send_json(self, value: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json")
        self.set_header("Cache-Control", "no-store")
        self.finish(json.dumps(value))


def _session_id(value: str) -> str:
    if not _SESSION_ID_RE.fullmatch(value):
        raise tornado.web.HTTPError(400, reason="invalid session id")
    return value


class LaunchOptionsHandler(_PlatformHandler):
    """``GET /vobridge/actions/launch-options?platform=``: images and limits for the launch form."""

    @tornado.web.authenticated
    async def get(self) -> None:
        self.check_xsrf_cookie()  # it fetches from a platform: not for top-level navigations
        platform = await self._platform()
        context = json.loads((await self.call_platform(platform, "GET", "context")).body or b"{}")
        images = json.loads((await self.call_platform(platform, "GET", "image")).body or b"[]")
        self.send_json({"platform": platform, "context": context, "images": images})


class SessionsActionHandler(_PlatformHandler):
    """``POST /vobridge/actions/sessions?platform=`` with a JSON body: launch a session."""

    @tornado.web.authenticated
    async def post(self) -> None:
        platform = await self._platform()
        try:
            body = json.loads(self.request.body or b"{}")
        except ValueError:
            raise tornado.web.HTTPError(400, reason="body must be JSON") from None
        if not isinstance(body, dict):
            raise tornado.web.HTTPError(400, reason="body must be a JSON object")
        query: dict[str, Any] = {}
        for field, kinds in _LAUNCH_FIELDS.items():
            value = body.get(field)
            if value is None or value == "":
                continue
            if not isinstance(value, kinds) or isinstance(value, bool):
                raise tornado.web.HTTPError(400, reason=f"{field} has the wrong type")
            query[field] = str(value)
        for required in ("name", "image", "type"):
            if required not in query:
                raise tornado.web.HTTPError(400, reason=f"{required} is required")
        if query["type"] not in _SESSION_TYPES:
            raise tornado.web.HTTPError(400, reason="unknown session type")
        response = await self.call_platform(platform, "POST", "session", query)
        session_id = (response.body or b"").decode("utf-8", "replace").strip().splitlines()
        self.send_json({"platform": platform, "id": session_id[0] if session_id else ""}, 201)


class SessionActionHandler(_PlatformHandler):
    """``DELETE /vobridge/actions/sessions/<id>?platform=`` and ``POST .../<id>/renew?platform=``."""

    @tornado.web.authenticated
    async def delete(self, session_id: str) -> None:
        platform = await self._platform()
        await self.call_platform(platform, "DELETE", f"session/{_session_id(session_id)}")
        self.set_status(204)
        await self.finish()

    @tornado.web.authenticated
    async def post(self, session_id: str, action: str) -> None:
        if action != "renew":
            raise tornado.web.HTTPError(404, reason="no such action")
        platform = await self._platform()
        await self.call_platform(platform, "POST", f"session/{_session_id(session_id)}", {"action": "renew"})
        self.send_json({"platform": platform, "id": session_id})
