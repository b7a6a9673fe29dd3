"""WLCG bearer token discovery (WLCG Bearer Token Discovery, v1.0).

Order: ``BEARER_TOKEN``, ``BEARER_TOKEN_FILE``, ``$XDG_RUNTIME_DIR/bt_u<uid>``,
``/tmp/bt_u<uid>``. Surrounding whitespace is stripped; an empty source is
skipped, as the specification says.
"""

from __future__ import annotations

import base64
import json
import os
from collections.abc import Mapping
from pathlib import Path

from .errors import NoCredentials
from .origins import origin_of

#: Where the user lists the origins a WLCG-discovered token may be sent to (space-separated).
WLCG_ORIGINS_ENV = "VOBRIDGE_BEARER_TOKEN_ORIGINS"
#: The WLCG profile's "any audience" value: not taken as "send it anywhere".
WLCG_ANY = "https://wlcg.cern.ch/jwt/v1/any"


def _candidates(env: Mapping[str, str], uid: int) -> list[tuple[str, Path | None, str | None]]:
    name = f"bt_u{uid}"
    found: list[tuple[str, Path | None, str | None]] = [("BEARER_TOKEN", None, env.get("BEARER_TOKEN"))]
    if env.get("BEARER_TOKEN_FILE"):
        found.append(("BEARER_TOKEN_FILE", Path(env["BEARER_TOKEN_FILE"]), None))
    if env.get("XDG_RUNTIME_DIR"):
        found.append(("$XDG_RUNTIME_DIR", Path(env["XDG_RUNTIME_DIR"]) / name, None))
    found.append(("/tmp", Path("/tmp") / name, None))
    return found


def discover_bearer_token(env: Mapping[str, str] | None = None, uid: int | None = None) -> str:
    """Return the bearer token WLCG discovery finds, or raise :class:`NoCredentials`.

    ``env`` and ``uid`` default to the process environment and user id.
    """
    env = os.environ if env is None else env
    uid = os.getuid() if uid is None else uid
    tried: list[str] = []
    for source, path, value in _candidates(env, uid):
        if path is not None:
            tried.append(f"{source} ({path})")
            try:
                value = path.read_text(encoding="utf-8")
            except OSError:
                continue
        else:
            tried.append(source)
        if value and value.strip():
            return value.strip()
    raise NoCredentials(
        "No vobridge broker and no WLCG bearer token found (looked at "
        + ", ".join(tried)
        + "). Log in from JupyterLab or run `vobridge login <platform-url>`."
    )


def wlcg_origins(token: str, env: Mapping[str, str] | None = None) -> set[str]:
    """The origins a WLCG-discovered token may be sent to.

    Those the user lists in ``VOBRIDGE_BEARER_TOKEN_ORIGINS`` when it is set,
    else the http(s) URLs in the token's ``aud`` claim when it is a JWT. A
    token with neither goes nowhere: discovery finds it, but nothing says where
    it belongs (WLCG's ``.../jwt/v1/any`` audience is not taken as "anywhere").
    """
    env = os.environ if env is None else env
    listed = env.get(WLCG_ORIGINS_ENV)
    if listed:
        return {origin for origin in (_origin(item) for item in listed.split()) if origin}
    try:
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return set()
    audience = claims.get("aud") if isinstance(claims, dict) else None
    values = audience if isinstance(audience, list) else [audience]
    return {origin for origin in (_origin(v) for v in values if isinstance(v, str) and v != WLCG_ANY) if origin}


def _origin(url: str) -> str | None:
    try:
        return origin_of(url.strip())
    except ValueError:
        return None
