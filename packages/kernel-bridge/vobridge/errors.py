"""Typed errors raised by the kernel bridge. Messages never contain a token or the broker secret."""

from __future__ import annotations


class VobridgeError(Exception):
    """Base class of every error the bridge raises."""


class BrokerUnavailable(VobridgeError):
    """No broker could be found or reached (and no fallback credential either)."""


class NoCredentials(BrokerUnavailable):
    """Neither a broker nor a WLCG bearer token could be found."""


class NotLoggedIn(VobridgeError):
    """The broker holds no usable login for the URL: not logged in, the login expired, or it waits for the user."""


class OutOfScope(VobridgeError):
    """Logins exist, but none covers the URL's origin: the broker never sends a token elsewhere."""


class BrokerError(VobridgeError):
    """The broker refused a request for another reason; ``code`` is its stable error code."""

    def __init__(self, code: str, message: str, status: int) -> None:
        super().__init__(message)
        self.code = code
        self.status = status


class PlatformsUnavailable(VobridgeError):
    """No logged-in platform could answer (``failures``: platform origin → the broker's reason).

    Raised instead of an empty answer, so "no sessions" and "platform down" never look alike.
    """

    def __init__(self, failures: dict[str, str]) -> None:
        listed = ", ".join(f"{platform} ({reason})" for platform, reason in failures.items())
        super().__init__(f"No platform could list its sessions: {listed}. Nothing is known about sessions there.")
        self.failures = failures
