"""Talking to the broker: token requests with an in-process cache, and survival of broker restarts."""

from __future__ import annotations

import threading
import time
import warnings
from dataclasses import dataclass, field
from typing import Any

import requests

from . import locate, proof
from .origins import origin_of
from .errors import BrokerError, BrokerUnavailable, NoCredentials, NotLoggedIn, OutOfScope
from .unix import unix_session
from .wlcg import WLCG_ORIGINS_ENV, discover_bearer_token, wlcg_origins

#: Broker error codes meaning "the user must log in (again)".
_LOGIN_CODES = {"not_logged_in", "login_required", "login_pending"}
#: Seconds to wait for the broker: connect, then read (a refresh may take a platform round trip).
_TIMEOUT = (2.0, 30.0)
#: A token is renewed once this fraction of its lifetime has passed (the SDK's and the broker's RENEW_AT_FRACTION).
RENEW_AT_FRACTION = 0.75
#: Longest wait honoured from a broker's Retry-After.
_MAX_RETRY_AFTER = 5.0


@dataclass(frozen=True)
class Token:
    """A credential the broker released: the value, how it is sent, when it expires, and whose it is.

    ``scheme`` is the broker's ``token_type``: ``Bearer`` (a token), ``Cookie``
    (the session cookies of a cookie login, ``name=value; ...``) or ``Basic``
    (base64 ``user:password`` of an HTTP Basic login).
    """

    value: str = field(repr=False)
    expires_at: float
    platform: str | None
    login_id: str | None
    fetched_at: float
    scheme: str = "Bearer"

    def header(self) -> tuple[str, str]:
        """The header that presents this credential: ``Authorization`` or, for a cookie login, ``Cookie``."""
        if self.scheme == "Cookie":
            return "Cookie", self.value
        return "Authorization", f"{self.scheme} {self.value}"

    def usable(self, min_valid: float, now: float) -> bool:
        """Whether this token may be handed to a caller wanting ``min_valid`` seconds.

        The broker's rule, and the SDK's (``freshEnough`` in
        ``packages/sdk/src/auth/credentials/freshness.ts``; both are held to the
        shared vectors in ``packages/sdk/test/fixtures/freshness-vectors.json``):
        more than ``min_valid`` seconds left, or, when the platform's tokens live
        shorter than that anyway, still in the first 75 % of its life since it
        was fetched (asking again would return the same kind of token). A token
        of unknown lifetime (``expires_at`` 0) always is; the client never caches
        one, so the broker is asked each time anyway.
        """
        if self.expires_at == 0:
            return True
        left = self.expires_at - now
        if left > min_valid:
            return True
        span = self.expires_at - self.fetched_at
        return span <= min_valid and now < self.fetched_at + span * RENEW_AT_FRACTION


class BrokerClient:
    """A connection to the local broker, shared by everything in this process.

    Tokens are cached per origin until near expiry, so a tight loop of
    requests costs one broker call per token lifetime. When the broker stops
    answering (restarted on another port, new secret), the environment and
    the runtime file are read again and the call is retried once.
    """

    def __init__(self, env: dict[str, str] | None = None) -> None:
        self._env = env
        self._lock = threading.Lock()
        self._cache: dict[str, Token] = {}
        self._location: locate.BrokerLocation | None = None
        self._http = requests.Session()
        # Never route the broker secret through a proxy from HTTP(S)_PROXY, nor add .netrc credentials.
        self._http.trust_env = False
        self._unix: dict[str, requests.Session] = {}

    # -- tokens -------------------------------------------------------------

    def token(self, url: str, min_valid: float = 60, destination: str | None = None) -> Token:
        """A token for ``url`` valid for ``min_valid`` seconds when the platform allows it.

        ``destination`` is the origin the caller's HTTP library will really send
        the request to (:class:`BrokerAuth` passes it): the token is released only
        when it, this module's reading of ``url`` and the broker's all agree.
        Falls back to WLCG bearer token discovery when no broker is there.
        Raises :class:`NotLoggedIn`, :class:`OutOfScope`, :class:`BrokerUnavailable`
        (:class:`NoCredentials` when there is no fallback either).
        """
        try:
            origin = origin_of(url)
        except ValueError as bad:
            raise OutOfScope(f"No token for this URL: {bad}.") from None
        if destination is not None and destination != origin:
            raise OutOfScope(
                f"No token: the request would go to {destination}, but the URL reads as {origin}; URL parsers disagree."
            )
        now = time.time()
        with self._lock:
            cached = self._cache.get(origin)
        if cached is not None and cached.usable(min_valid, now):
            return cached
        try:
            reply = self.request("GET", "/v1/token", params={"url": url, "min_valid": str(int(max(0, min_valid)))})
        except BrokerUnavailable as unavailable:
            return self._wlcg_fallback(unavailable, origin)
        body = reply.json()
        if body.get("origin") != origin:
            # The broker (WHATWG URL) scoped the URL to another origin than the one the request goes to.
            raise OutOfScope(
                f"No token: the broker reads this URL as {str(body.get('origin'))[:200]}, but the request would go to {origin}."
            )
        token = Token(
            value=str(body["token"]),
            expires_at=float(body.get("expires_at") or 0),
            platform=body.get("platform"),
            login_id=body.get("login_id"),
            fetched_at=now,
            scheme=_scheme(body.get("token_type")),
        )
        if token.expires_at > 0:
            # A token of unknown lifetime is never cached: the broker is asked each time.
            with self._lock:
                self._cache[origin] = token
        return token

    def forget(self, url: str, value: str | None = None) -> None:
        """Drop the cached token of ``url``'s origin (only if it is ``value``, when given)."""
        try:
            origin = origin_of(url)
        except ValueError:
            return  # never cached
        with self._lock:
            cached = self._cache.get(origin)
            if cached is not None and (value is None or cached.value == value):
                del self._cache[origin]

    # -- broker requests ------------------------------------------------------

    def request(self, method: str, path: str, params: dict[str, str] | None = None) -> requests.Response:
        """Call the broker; error answers become typed exceptions."""
        reply = self._send(method, path, params)
        if reply.status_code == 429:
            retry_after = reply.headers.get("retry-after", "1")
            time.sleep(min(_MAX_RETRY_AFTER, float(retry_after) if retry_after.isdigit() else 1.0))
            reply = self._send(method, path, params)
        if reply.ok:
            return reply
        raise _error_of(reply)

    def _send(self, method: str, path: str, params: dict[str, str] | None) -> requests.Response:
        tried: list[locate.BrokerLocation] = []
        current = self._location
        if current is not None:
            reply = self._try(current, method, path, params)
            if reply is not None:
                return reply
            tried.append(current)
        # First call, or the broker went away: read where it is now, and retry once there.
        for location in locate.candidates(self._env):
            if location in tried:
                continue
            reply = self._try(location, method, path, params)
            if reply is not None:
                self._location = location
                with self._lock:
                    self._cache.clear()
                return reply
            tried.append(location)
        self._location = None
        if not tried:
            raise BrokerUnavailable(
                "No vobridge broker found: neither VOBRIDGE_BROKER_URL/VOBRIDGE_BROKER_SECRET nor the runtime file "
                f"{locate.runtime_file(self._env)}. Start JupyterLab with the vobridge extension or run `vobridge broker start`."
            )
        raise BrokerUnavailable(
            "The vobridge broker does not answer (or refuses the secret) at "
            + ", ".join(f"{loc.socket or loc.url} (from {loc.source})" for loc in tried)
            + ". It may have stopped or been replaced: restart it (JupyterLab restarts it by itself) or run `vobridge broker start`."
        )

    def _try(self, location: locate.BrokerLocation, method: str, path: str, params: dict[str, str] | None) -> requests.Response | None:
        """One request to ``location``, or ``None`` when what answers there is not the broker holding its secret.

        The secret itself is never sent: the request carries an HMAC of a fresh
        nonce under it, and the answer must carry the broker's HMAC of that
        nonce. A process that took over a dead broker's port learns nothing and
        can plant nothing (see :mod:`vobridge.proof`).
        """
        session = self._session_for(location)
        nonce = proof.new_nonce()
        prepared = session.prepare_request(requests.Request(method, location.url + path, params=params))
        prepared.headers[proof.NONCE_HEADER] = nonce
        prepared.headers["Authorization"] = "VobridgeProof " + proof.request_proof(
            location.secret, nonce, method, prepared.path_url
        )
        try:
            reply = session.send(prepared, timeout=_TIMEOUT, allow_redirects=False)
        except (requests.ConnectionError, requests.Timeout):
            return None
        if not proof.verify_response(location.secret, nonce, reply.headers.get(proof.PROOF_HEADER)):
            # Not the broker we know (a new one with another secret, or an impostor on its old port): look again.
            reply.close()
            return None
        return reply

    def _session_for(self, location: locate.BrokerLocation) -> requests.Session:
        if location.socket is None:
            return self._http
        with self._lock:
            session = self._unix.get(location.socket)
            if session is None:
                session = self._unix[location.socket] = unix_session(location.socket)
            return session

    def _wlcg_fallback(self, unavailable: BrokerUnavailable, origin: str) -> Token:
        try:
            value = discover_bearer_token(self._env)
        except NoCredentials as none:
            raise NoCredentials(f"{unavailable} WLCG token discovery found nothing either: {none}") from None
        allowed = wlcg_origins(value, self._env)
        if origin not in allowed:
            _warn_once(
                origin,
                f"vobridge: the WLCG bearer token is not sent to {origin}: "
                + (f"it is meant for {', '.join(sorted(allowed))}" if allowed else "it names no audience this bridge can check")
                + f". List the origins it may go to in {WLCG_ORIGINS_ENV} (space-separated) if that is intended.",
            )
            raise OutOfScope(f"{unavailable} The WLCG bearer token found instead is not meant for {origin}.")
        return Token(value=value, expires_at=0, platform=None, login_id=None, fetched_at=time.time())


_warned: set[str] = set()


def _warn_once(key: str, message: str) -> None:
    if key not in _warned:
        _warned.add(key)
        warnings.warn(message, stacklevel=4)


def _error_of(reply: requests.Response) -> Exception:
    try:
        body: dict[str, Any] = reply.json()
        code, message = str(body.get("error", "internal")), str(body.get("message", ""))
    except ValueError:
        code, message = "internal", f"the broker answered status {reply.status_code}"
    if code in _LOGIN_CODES:
        return NotLoggedIn(message)
    if code == "out_of_scope":
        return OutOfScope(message)
    return BrokerError(code, message, reply.status_code)


_default: BrokerClient | None = None
_default_lock = threading.Lock()


def default_client() -> BrokerClient:
    """The process-wide client (created on first use)."""
    global _default
    with _default_lock:
        if _default is None:
            _default = BrokerClient()
        return _default


def _scheme(token_type: object) -> str:
    """The broker's ``token_type``; anything unknown is refused rather than sent as something else."""
    if token_type in (None, "Bearer"):
        return "Bearer"
    if token_type in ("Cookie", "Basic"):
        return str(token_type)
    raise BrokerError(f"The broker answered a credential of unknown type {str(token_type)[:40]!r}.")
