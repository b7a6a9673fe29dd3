"""Typed errors raised by the kernel bridge. Messages never contain a token."""


class VobridgeError(Exception):
    """Base class of every error the bridge raises."""


class NoCredentials(VobridgeError):
    """Neither a broker nor a WLCG bearer token could be found."""
