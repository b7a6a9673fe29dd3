"""WLCG bearer token discovery (WLCG Bearer Token Discovery, v1.0).

Order: ``BEARER_TOKEN``, ``BEARER_TOKEN_FILE``, ``$XDG_RUNTIME_DIR/bt_u<uid>``,
``/tmp/bt_u<uid>``. Surrounding whitespace is stripped; an empty source is
skipped, as the specification says.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from .errors import NoCredentials


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
