"""vobridge kernel bridge: fresh IVOA platform tokens inside notebook kernels.

Code in a kernel never handles a password: it asks the local vobridge broker
(found through ``VOBRIDGE_BROKER_URL``/``VOBRIDGE_BROKER_SECRET`` or the
broker's runtime file) for a token for a service URL, and the broker answers
only for URLs a login covers. Without a broker, WLCG bearer token discovery is
the fallback.

>>> import vobridge, requests
>>> requests.get(url, auth=vobridge.auth())          # doctest: +SKIP
>>> pyvo.dal.TAPService(url, session=vobridge.session())  # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any

import requests

from . import sessions
from .auth import BrokerAuth
from .client import BrokerClient, Token, default_client
from .errors import (
    BrokerError,
    BrokerUnavailable,
    NoCredentials,
    NotLoggedIn,
    OutOfScope,
    PlatformsUnavailable,
    VobridgeError,
)
from .wlcg import discover_bearer_token

__all__ = [
    "BrokerAuth",
    "BrokerClient",
    "BrokerError",
    "BrokerUnavailable",
    "NoCredentials",
    "NotLoggedIn",
    "OutOfScope",
    "PlatformsUnavailable",
    "Token",
    "VobridgeError",
    "auth",
    "auth_session",
    "credential",
    "discover_bearer_token",
    "session",
    "sessions",
    "token",
]


def token(url: str, min_valid: float = 60) -> str:
    """A bearer token for ``url``, valid for at least ``min_valid`` seconds when the platform allows it.

    Raises :class:`NotLoggedIn` (log in, or again), :class:`OutOfScope` (no
    login covers that origin), :class:`BrokerUnavailable`, or
    :class:`VobridgeError` when the login there holds a session cookie or Basic
    credentials rather than a token (use :func:`auth`, :func:`session` or
    :func:`credential` then).
    """
    found = default_client().token(url, min_valid)
    if found.scheme != "Bearer":
        raise VobridgeError(
            f"The login to {found.platform} holds a {found.scheme} credential, not a bearer token: "
            "use vobridge.auth() or vobridge.session(), or vobridge.credential(url).header()."
        )
    return found.value


def credential(url: str, min_valid: float = 60) -> Token:
    """The credential for ``url`` whatever its kind: ``.header()`` gives the header that presents it
    (``Authorization: Bearer …``, ``Cookie: …`` for a cookie login, ``Authorization: Basic …``).
    """
    return default_client().token(url, min_valid)


def auth(min_valid: float = 60, strict: bool = True) -> BrokerAuth:
    """An ``auth=`` object for requests and httpx that adds a fresh token to every request.

    With ``strict=False`` requests to URLs no login covers go out without a
    token instead of raising.
    """
    return BrokerAuth(min_valid=min_valid, strict=strict)


def session(min_valid: float = 60) -> requests.Session:
    """A ``requests.Session`` for pyvo (``session=``), vos-style code or plain requests.

    Every request to a URL a login covers carries a fresh token; any other URL
    (a public service pyvo also reaches) gets none.
    """
    http = requests.Session()
    http.auth = BrokerAuth(min_valid=min_valid, strict=False)
    return http


def auth_session(min_valid: float = 60) -> Any:
    """A ``pyvo.auth.AuthSession`` whose token and anonymous methods both use :func:`session`.

    pyvo picks a security method per URL from the service's capabilities;
    whichever it picks, the broker decides whether a token goes with the
    request (only to origins a login covers).
    """
    from pyvo.auth import AuthSession, securitymethods

    result = AuthSession()
    http = session(min_valid)
    # Whichever method pyvo picks, the session presents what the login holds (token, cookie or Basic).
    for method in ("ivo://ivoa.net/sso#token", "ivo://ivoa.net/sso#cookie", "ivo://ivoa.net/sso#BasicAA"):
        result.credentials.set(method, http)
    result.credentials.set(securitymethods.ANONYMOUS, http)
    return result
