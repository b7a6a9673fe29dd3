"""Like jupyterlab/extension-template's check: every handler is authenticated."""

from __future__ import annotations

import warnings

from jupyter_server.serverapp import ServerApp
from jupyter_server.utils import JupyterServerAuthWarning


def test_no_unauthenticated_handlers(tmp_path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error", JupyterServerAuthWarning)
        app = ServerApp(
            allow_unauthenticated_access=False,
            jpserver_extensions={"vobridge_jupyterlab": True},
            root_dir=str(tmp_path),
            runtime_dir=str(tmp_path / "runtime"),
            open_browser=False,
        )
        app.initialize(argv=[], new_httpserver=False)
    assert any("/vobridge/" in pattern for pattern in _patterns(app.web_app.default_router))


def _patterns(router: object) -> list[str]:
    found: list[str] = []
    for rule in getattr(router, "rules", []):
        regex = getattr(rule.matcher, "regex", None)
        if regex is not None:
            found.append(regex.pattern)
        found.extend(_patterns(rule.target))
    return found
