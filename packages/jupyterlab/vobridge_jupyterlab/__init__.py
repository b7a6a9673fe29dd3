"""JupyterLab extension for vobridge: the server side.

Starts and supervises the local token broker, hands its location to kernels,
and proxies ``/vobridge/*`` to it behind Jupyter's own authentication, so the
browser never holds a platform token or the broker secret.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("jupyterlab-vobridge")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0"


def _jupyter_labextension_paths() -> list[dict[str, str]]:
    return [{"src": "labextension", "dest": "@vobridge/jupyterlab"}]


def _jupyter_server_extension_points() -> list[dict[str, object]]:
    from .app import VobridgeApp

    return [{"module": "vobridge_jupyterlab", "app": VobridgeApp}]


__all__ = ["__version__"]
