"""Both Python packages as a user installs them: wheels built with ``python -m build``,
checked with ``check-wheel-contents``, installed into a fresh venv outside the source tree,
with no Node.js on PATH.

JupyterLab then lists the extension as enabled and OK, the server extension starts the broker,
and a kernel of that venv imports ``vobridge`` from the wheel and reaches the broker. The broker
itself is a Node.js program: the server is told where it is (``VobridgeApp.broker_command``,
an absolute node path and the built bin), as a deployment without Node on PATH would be.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = {"vobridge": ROOT / "packages" / "kernel-bridge", "jupyterlab_vobridge": ROOT / "packages" / "jupyterlab"}


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("wheels")
    built: dict[str, Path] = {}
    for name, source in PACKAGES.items():
        # --no-isolation: the build backends are in the test venv; the labextension is prebuilt by `npm run build`.
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(source)],
            check=True,
            capture_output=True,
        )
        (built[name],) = out.glob(f"{name}-*.whl")
    return built


def test_wheels_pass_check_wheel_contents(wheels: dict[str, Path]) -> None:
    for wheel in wheels.values():
        checked = subprocess.run(
            [sys.executable, "-m", "check_wheel_contents", str(wheel)], capture_output=True, text=True
        )
        assert checked.returncode == 0, checked.stdout + checked.stderr
        assert "OK" in checked.stdout
    names = zipfile.ZipFile(wheels["vobridge"]).namelist()
    assert "vobridge/py.typed" in names
    assert not any(n.startswith("tests/") for n in names)


def _no_node_path(venv: Path) -> str:
    """The venv's bin and the system basics, minus any directory that holds a node."""
    dirs = [str(venv / "bin"), "/usr/bin", "/bin"]
    return os.pathsep.join(d for d in dirs if not (Path(d) / "node").exists())


@pytest.fixture(scope="module")
def venv(wheels: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    home = tmp_path_factory.mktemp("user")
    target = home / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(target)], check=True)
    subprocess.run(
        [str(target / "bin" / "python"), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "jupyterlab>=4.6,<5", *map(str, wheels.values())],
        check=True,
        cwd=home,
    )
    env = {
        "HOME": str(home),
        "PATH": _no_node_path(target),
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_DATA_DIR": str(home / "data"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
    }
    assert shutil.which("node", path=env["PATH"]) is None
    return {"home": home, "python": target / "bin" / "python", "bin": target / "bin", "env": env}


def test_jupyterlab_lists_the_extension_enabled_and_ok(venv: dict[str, object]) -> None:
    env, bin_dir, home = venv["env"], venv["bin"], venv["home"]
    listing = subprocess.run([str(bin_dir / "jupyter"), "labextension", "list"], env=env, cwd=home, capture_output=True, text=True, check=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", listing.stdout + listing.stderr)
    line = next(l for l in text.splitlines() if "@vobridge/jupyterlab" in l)
    assert "enabled" in line and "OK" in line, line
    server = subprocess.run([str(bin_dir / "jupyter"), "server", "extension", "list"], env=env, cwd=home, capture_output=True, text=True, check=True)
    text = re.sub(r"\x1b\[[0-9;]*m", "", server.stdout + server.stderr)
    assert "vobridge_jupyterlab enabled" in text, text
    assert "vobridge_jupyterlab 0.1.0 OK" in text, text


def test_the_server_extension_starts_the_broker_and_a_kernel_uses_it(venv: dict[str, object], tmp_path: Path) -> None:
    env = dict(venv["env"])  # type: ignore[arg-type]
    home, bin_dir, python = venv["home"], venv["bin"], venv["python"]
    config = Path(env["JUPYTER_CONFIG_DIR"])
    config.mkdir(parents=True, exist_ok=True)
    node = shutil.which("node")
    assert node is not None, "the test itself needs Node.js to name it to the server"
    (config / "jupyter_server_config.json").write_text(
        json.dumps({"VobridgeApp": {"broker_command": [node, str(ROOT / "packages" / "broker" / "bin" / "vobridge-broker.mjs")]}})
    )
    token = "wheel-test-token-" + os.urandom(8).hex()
    server = subprocess.Popen(
        [str(bin_dir / "jupyter"), "server", "--no-browser", "--allow-root", "--ServerApp.ip=127.0.0.1", "--ServerApp.port=0",
         f"--ServerApp.root_dir={tmp_path}"],
        env={**env, "JUPYTER_TOKEN": token},
        cwd=home,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        runtime = Path(env["JUPYTER_RUNTIME_DIR"])
        url = None
        for _ in range(300):
            servers = list(runtime.glob("jpserver-*.json"))
            broker = runtime / "vobridge-broker.json"
            if servers and broker.exists():
                url = json.loads(servers[0].read_text())["url"]
                break
            if server.poll() is not None:
                break
            time.sleep(0.2)
        assert url is not None, server.stderr.read() if server.poll() is not None else "the server or the broker did not start"
        health = requests.get(f"{url}vobridge/healthz", headers={"Authorization": f"token {token}"}, timeout=30)
        assert health.status_code == 200, health.text
        assert health.json()["status"] == "ok"

        # A kernel of the fresh venv: vobridge comes from the wheel and finds the broker through the runtime file.
        notebook = tmp_path / "probe.ipynb"
        code = (
            "import vobridge, json\n"
            "reply = vobridge.BrokerClient().request('GET', '/healthz')\n"
            "print(json.dumps({'file': vobridge.__file__, 'status': reply.json()['status']}))"
        )
        notebook.write_text(json.dumps({
            "cells": [{"cell_type": "code", "metadata": {}, "source": code, "outputs": [], "execution_count": None}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5,
        }))
        subprocess.run([str(bin_dir / "jupyter"), "execute", "--inplace", str(notebook)], env=env, cwd=home, check=True, capture_output=True)
        outputs = json.loads(notebook.read_text())["cells"][0]["outputs"]
        text = [o["text"] for o in outputs if o.get("name") == "stdout"]
        printed = json.loads("".join("".join(t) if isinstance(t, list) else t for t in text))
        assert printed["status"] == "ok"
        assert printed["file"].startswith(str(Path(str(python)).parent.parent)), printed["file"]
    finally:
        server.terminate()
        server.wait(timeout=30)
