"""Fixtures: one real JupyterHub with vobridge_jupyterhub and the reference platform for the session.

Build the platform first (``npx turbo run build --filter=@vobridge/platform``).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The harness the browser tests share (packages/testing/jupyterhub/hub.py).
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "testing" / "jupyterhub"))
from hub import Hub  # noqa: E402

os.environ.setdefault("NO_PROXY", "127.0.0.1,localhost")

#: Access token lifetime at the test platform: short, so tests live through several renewals.
TOKEN_TTL = 4


@pytest.fixture(scope="session")
def hub(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Hub]:
    running = Hub(tmp_path_factory.mktemp("jupyterhub"), token_ttl=TOKEN_TTL)
    yield running
    running.stop()
