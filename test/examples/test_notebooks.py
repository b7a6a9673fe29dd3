"""The notebooks in ``examples/notebooks`` executed with nbclient against a real platform.

A user logs in once (here: ``vobridge login`` with ``--password-stdin``, as a
batch job would), which starts the local broker; the notebooks' kernels then
find that broker through its runtime file and never see a password. The
notebooks call the ``vobridge`` CLI too (VOSpace copies, session launches), so
it is put on the kernels' PATH.

Needs the built CLI (``packages/cli/dist``): turbo builds it before this
workspace's tests, since ``@vobridge/cli`` is one of its dependencies.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "examples" / "notebooks"
CLI_BIN = ROOT / "packages" / "cli" / "dist" / "bin" / "vobridge.js"
ALICE = ("alice", "alice-demo-password")
#: Longest run of one notebook cell.
CELL_TIMEOUT_S = 180


def _require_cli() -> None:
    if not CLI_BIN.exists():
        raise RuntimeError(f"{CLI_BIN} is missing: build it (npx turbo run build --filter=@vobridge/cli...)")


@pytest.fixture(scope="module")
def logged_in(platform_factory: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, str]]:
    """A platform, a CLI on PATH, and a login (which starts the broker); yields the kernels' environment."""
    _require_cli()
    home = tmp_path_factory.mktemp("notebooks")
    bin_dir = home / "bin"
    bin_dir.mkdir()
    wrapper = bin_dir / "vobridge"
    wrapper.write_text(f'#!/bin/sh\nexec node "{CLI_BIN}" "$@"\n')
    wrapper.chmod(0o755)
    platform = platform_factory()
    env = {
        "PATH": f"{bin_dir}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_RUNTIME_DIR": str(home / "xdg-runtime"),
        "VOBRIDGE_PLATFORM": platform.url,
        "VOBRIDGE_USER": ALICE[0],
    }
    full = {**os.environ, **env}
    for name in ("VOBRIDGE_BROKER_URL", "VOBRIDGE_BROKER_SECRET", "BEARER_TOKEN", "BEARER_TOKEN_FILE"):
        full.pop(name, None)
    login = subprocess.run(
        ["vobridge", "login", platform.url, "-u", ALICE[0], "--password-stdin"],
        input=ALICE[1], env=full, capture_output=True, text=True, timeout=120,
    )
    assert login.returncode == 0, login.stderr
    try:
        yield full
    finally:
        subprocess.run(["vobridge", "broker", "stop"], env=full, capture_output=True, timeout=60)


def _execute(name: str, env: dict[str, str], monkeypatch: pytest.MonkeyPatch, workdir: Path) -> nbformat.NotebookNode:
    # The kernel is a child of this process: it inherits this environment.
    for key in list(os.environ):
        if key not in env:
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    NotebookClient(notebook, timeout=CELL_TIMEOUT_S, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}).execute()
    return notebook


def _outputs(notebook: nbformat.NotebookNode) -> str:
    text = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            text.append(output.get("text", "") or str(output.get("data", {}).get("text/plain", "")))
    return "\n".join(text)


def test_login_and_uws_with_pyvo(logged_in: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = _outputs(_execute("01-login-and-uws-with-pyvo.ipynb", logged_in, monkeypatch, tmp_path))
    assert "logged in as alice" in out
    assert "['Alnilam', 'Alnitak', 'Mintaka']" in out


def test_vospace_files(logged_in: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = _outputs(_execute("02-vospace-files.ipynb", logged_in, monkeypatch, tmp_path))
    assert "round trip OK" in out
    assert "targets.csv" in out


def test_firefly_session(logged_in: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = _outputs(_execute("03-firefly-session.ipynb", logged_in, monkeypatch, tmp_path))
    assert "True True" in out


def test_carta_session(logged_in: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    out = _outputs(_execute("04-carta-session.ipynb", logged_in, monkeypatch, tmp_path))
    assert "CARTA answers 200" in out
