"""The server extension: wires the broker supervisor and the handlers into Jupyter.

Its handlers are thin forwards to the broker (``proxy.py``), which is the only
gateway to platforms: logins, session listings and session actions alike.
"""

from __future__ import annotations

import os
from pathlib import Path

from jupyter_core.paths import jupyter_runtime_dir
from jupyter_server.extension.application import ExtensionApp
from traitlets import Float, List, Unicode, default

from .broker import BrokerSupervisor, choose_runtime_file, default_broker_command
from .proxy import BrokerCallbackHandler, BrokerEventsHandler, BrokerProxyHandler, ConfigHandler


class VobridgeApp(ExtensionApp):
    """vobridge server extension: supervises the broker and proxies ``/vobridge/*`` to it."""

    name = "vobridge_jupyterlab"
    load_other_extensions = True

    broker_command = List(
        Unicode(),
        default_value=None,
        allow_none=True,
        config=True,
        help="Command line that starts the broker (default: vobridge-broker on PATH, else the monorepo's build).",
    )
    runtime_file = Unicode(
        "",
        config=True,
        help="Where the broker writes its runtime file (default: vobridge-broker.json in Jupyter's runtime dir).",
    )
    platforms = List(
        Unicode(),
        config=True,
        help="Platform URLs the login panel offers first (default: $VOBRIDGE_PLATFORM_URL, as `npm run demo` sets it).",
    )
    start_timeout = Float(30.0, config=True, help="Seconds to wait for the broker to write its runtime file.")

    supervisor: BrokerSupervisor | None = None

    @default("platforms")
    def _default_platforms(self) -> list[str]:
        return os.environ.get("VOBRIDGE_PLATFORM_URL", "").split()

    def initialize_settings(self) -> None:
        runtime_file = Path(self.runtime_file) if self.runtime_file else choose_runtime_file(Path(jupyter_runtime_dir()))
        command = list(self.broker_command) if self.broker_command is not None else default_broker_command()
        self.supervisor = BrokerSupervisor(command, runtime_file, self.log, start_timeout=self.start_timeout)
        self.settings.update(
            {
                "vobridge_supervisor": self.supervisor,
                "vobridge_platforms": list(self.platforms),
            }
        )

    def initialize_handlers(self) -> None:
        self.handlers.extend(
            [
                (r"/vobridge/config", ConfigHandler),
                (r"/vobridge/v1/events", BrokerEventsHandler),
                (r"/vobridge/v1/callback", BrokerCallbackHandler),
                (r"/vobridge/(.*)", BrokerProxyHandler),
            ]
        )

    async def _start_jupyter_server_extension(self, serverapp: object) -> None:
        assert self.supervisor is not None
        self.supervisor.start()

    async def stop_extension(self) -> None:
        if self.supervisor is not None:
            await self.supervisor.stop()
