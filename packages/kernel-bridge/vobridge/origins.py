"""One reading of "which origin does this URL go to", shared by the whole bridge."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

#: Characters in an authority on which URL parsers disagree (WHATWG vs RFC 3986 vs urllib3).
_AMBIGUOUS = re.compile(r"[\\@%\s\x00-\x1f\x7f]")


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of an http(s) URL, as the broker (WHATWG URL) computes it.

    Raises ValueError for anything but an http(s) URL, and for URLs whose
    authority different parsers read differently (a backslash, user-info, a
    percent-encoded or non-ASCII host, control characters): those get no token,
    because the broker might scope them to one origin while the HTTP library
    sends the request to another.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url[:200]!r}")
    if _AMBIGUOUS.search(parts.netloc) or "\\" in url.split("?", 1)[0] or not parts.netloc.isascii():
        raise ValueError(
            f"{url[:200]!r} is ambiguous (backslash, user-info, encoded or non-ASCII host): URL parsers disagree on where it goes"
        )
    try:
        port = parts.port
    except ValueError:
        raise ValueError(f"not a valid port in {url[:200]!r}") from None
    default = {"http": 80, "https": 443}[parts.scheme]
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    return f"{parts.scheme}://{host}" + (f":{port}" if port not in (None, default) else "")
