from __future__ import annotations

import sys
from pathlib import Path

import pytest

pytest_plugins = ["pytest_jupyter.jupyter_server"]

FAKE_BROKER = Path(__file__).with_name("fake_broker.py")


@pytest.fixture
def runtime_file(tmp_path: Path) -> Path:
    return tmp_path / "runtime" / "vobridge-broker.json"


@pytest.fixture
def jp_server_config(runtime_file: Path) -> dict[str, object]:
    return {
        "ServerApp": {"jpserver_extensions": {"vobridge_jupyterlab": True, "notebook_shim": True}},
        "VobridgeApp": {
            "broker_command": [sys.executable, str(FAKE_BROKER)],
            "runtime_file": str(runtime_file),
            "platforms": ["http://127.0.0.1:9"],
        },
    }
