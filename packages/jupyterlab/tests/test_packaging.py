"""The wheel installs a working extension with no Node.js anywhere on PATH."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
LABEXTENSION = PACKAGE / "vobridge_jupyterlab" / "labextension"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # `npm run build` (turbo's build task, which the test task depends on) made the labextension.
    assert (LABEXTENSION / "package.json").is_file(), "build the package first: npm run build"
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--quiet", "--wheel-dir", str(out), str(PACKAGE)],
        check=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    (built,) = out.glob("jupyterlab_vobridge-*.whl")
    return built


def test_wheel_ships_the_prebuilt_labextension_and_server_config(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = next(n.split("/", 1)[0] for n in names if ".data/" in n)
    assert f"{data}/data/share/jupyter/labextensions/@vobridge/jupyterlab/package.json" in names
    assert f"{data}/data/share/jupyter/labextensions/@vobridge/jupyterlab/install.json" in names
    assert any(n.startswith(f"{data}/data/share/jupyter/labextensions/@vobridge/jupyterlab/static/remoteEntry.") for n in names)
    assert f"{data}/data/share/jupyter/labextensions/@vobridge/jupyterlab/schemas/@vobridge/jupyterlab/plugin.json" in names
    assert f"{data}/data/etc/jupyter/jupyter_server_config.d/vobridge_jupyterlab.json" in names
    assert "vobridge_jupyterlab/app.py" in names
    # Sources and tests stay out of the wheel.
    assert not any(n.startswith(("src/", "tests/", "node_modules/")) for n in names)


def test_installed_wheel_is_enabled_and_ok_without_node(wheel: Path, tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    subprocess.run(
        # --ignore-installed: without it pip would uninstall the project's own (editable)
        # install from the venv before installing into the prefix.
        [sys.executable, "-m", "pip", "install", "--no-deps", "--ignore-installed", "--quiet", "--prefix", str(prefix), str(wheel)],
        check=True,
        env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"},
    )
    site = Path(sysconfig.get_path("purelib", vars={"base": str(prefix)}))
    bin_dir = Path(sys.executable).parent
    # PATH has the venv's jupyter and the system basics, but no directory with node in it.
    path = [str(bin_dir), "/usr/bin", "/bin"]
    path = [p for p in path if not (Path(p) / "node").exists()]
    env = {
        "HOME": str(tmp_path),
        "PATH": os.pathsep.join(path),
        "PYTHONPATH": str(site),
        # Only the fresh prefix: the project's own editable install must not answer for it.
        "JUPYTER_PATH": str(prefix / "share" / "jupyter"),
        "JUPYTER_CONFIG_PATH": str(prefix / "etc" / "jupyter"),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "config"),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_PREFER_ENV_PATH": "0",
    }
    labextensions = subprocess.run(
        [str(bin_dir / "jupyter"), "labextension", "list"], env=env, capture_output=True, text=True, check=True
    )
    listing = labextensions.stdout + labextensions.stderr
    line = next(l for l in listing.splitlines() if "@vobridge/jupyterlab" in l)
    assert "enabled" in line and "OK" in line, listing
    assert str(prefix) in listing

    # `jupyter server extension list` reads only the user, env and system config dirs, so
    # check the prefix's config enables the extension and that the extension loads from there.
    config = json.loads((prefix / "etc/jupyter/jupyter_server_config.d/vobridge_jupyterlab.json").read_text())
    assert config == {"ServerApp": {"jpserver_extensions": {"vobridge_jupyterlab": True}}}
    probe = subprocess.run(
        [sys.executable, "-c", "import vobridge_jupyterlab as m; print(m.__file__); print(m._jupyter_server_extension_points()[0]['app'].name)"],
        env=env, cwd=tmp_path, capture_output=True, text=True, check=True,
    )
    where, name = probe.stdout.split()
    assert where.startswith(str(site)) and name == "vobridge_jupyterlab"
