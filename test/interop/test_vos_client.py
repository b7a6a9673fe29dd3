"""The published ``vos`` client (``vcp``, ``vls``, ``vmkdir``, ``vrm``, ``vmv``, ``vln``) against the platform's VOSpace.

Configuration (what a user of a local platform does; also in packages/platform/README.md):

* ``vos:`` URIs resolve to the resource id ``ivo://cadc.nrc.ca/vault``; cadcutils looks it up in
  the CADC registry file ``resource-caps``, which it caches at
  ``~/.config/cadc-registry/resource-caps`` and trusts for 10 minutes. We write the platform's
  own ``GET /reg/resource-caps`` there, so every lookup resolves to the platform and nothing
  reaches CADC.
* The platform's node URIs use the authority ``vobridge.org~vault``, which the registry also
  maps (``ivo://vobridge.org/vault``), so ``vls`` can follow the URIs the server hands back.
* The token comes from the platform's ``/ac/login`` and is given with ``--token``; ``vos``
  sends it as ``Authorization: Bearer`` and ``X-CADC-DelegationToken``.
* ``vos`` asks for ``httpsput``/``httpsget``; the platform serves plain HTTP here and answers
  those protocols with its own (http) data URLs, which ``vos`` uses as given. No TLS needed.
* cadcutils checks PyPI once a day for a newer ``vos``; a fresh cache entry keeps the test offline.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any, Callable

import pytest
import requests

BIN = Path(sys.executable).parent
#: Prefix of the containers these tests create, so they never collide with other tests' nodes on the shared platform.
RUN = f"vos-interop-{uuid.uuid4().hex[:8]}"


@pytest.fixture()
def vos_env(isolated_home: Path, platform: dict[str, Any]) -> dict[str, str]:
    """Environment for the ``vos`` commands: a HOME whose registry cache points at the platform."""
    registry = isolated_home / ".config" / "cadc-registry"
    registry.mkdir(parents=True)
    res = requests.get(f"{platform['url']}/reg/resource-caps", timeout=30)
    res.raise_for_status()
    (registry / "resource-caps").write_text(res.text)
    for package in ("vos", "cadcutils"):
        cache = isolated_home / ".config" / package / "caches"
        cache.mkdir(parents=True)
        (cache / ".pypi_versions.json").write_text(json.dumps({"releases": {}}))
    env = dict(os.environ)
    env["HOME"] = str(isolated_home)
    for name in ("VOSPACE_WEBSERVICE", "LOCAL_VOSPACE_WEBSERVICE", "VOSPACE_CERTFILE"):
        env.pop(name, None)
    return env


def run(env: dict[str, str], *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / args[0]), *args[1:]], env=env, cwd=cwd, capture_output=True, text=True, timeout=120)


def ok(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, f"{result.args[0]} failed ({result.returncode}): {result.stderr}"
    return result.stdout


def md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes()).hexdigest()


def test_vmkdir_vcp_vls_roundtrip_with_checksums(vos_env: dict[str, str], login: Callable[[str], str], tmp_path: Path, platform: dict[str, Any]) -> None:
    token = login("alice")
    small = tmp_path / "small.txt"
    small.write_text("hello from vcp\n")
    # Over cadcutils' 5 MiB threshold: uploaded without a digest, checked against the one answered.
    large = tmp_path / "large.bin"
    large.write_bytes(os.urandom(6 * 1024 * 1024))

    ok(run(vos_env, "vmkdir", "--token", token, f"vos:alice/{RUN}-vcp"))
    ok(run(vos_env, "vcp", "--token", token, str(small), f"vos:alice/{RUN}-vcp/small.txt"))
    ok(run(vos_env, "vcp", "--token", token, str(large), f"vos:alice/{RUN}-vcp/large.bin"))

    listing = ok(run(vos_env, "vls", "-l", "--token", token, f"vos:alice/{RUN}-vcp"))
    lines = {line.split()[-1]: line for line in listing.splitlines() if line.strip()}
    assert set(lines) == {"small.txt", "large.bin"}
    assert str(small.stat().st_size) in lines["small.txt"].split()
    assert str(large.stat().st_size) in lines["large.bin"].split()

    # The server's MD5 property is the checksum of what was sent.
    headers = {"Authorization": f"Bearer {token}"}
    for local, name in ((small, "small.txt"), (large, "large.bin")):
        node = requests.get(f"{platform['services']['vospace']}/vospace/nodes/alice/{RUN}-vcp/{name}", headers=headers, timeout=30)
        assert f'<vos:property uri="ivo://ivoa.net/vospace/core#MD5"' in node.text
        assert md5(local) in node.text

    down = tmp_path / "down"
    down.mkdir()
    ok(run(vos_env, "vcp", "--token", token, f"vos:alice/{RUN}-vcp/small.txt", str(down / "small.txt")))
    ok(run(vos_env, "vcp", "--token", token, f"vos:alice/{RUN}-vcp/large.bin", str(down)))
    assert md5(down / "small.txt") == md5(small)
    assert md5(down / "large.bin") == md5(large)


def test_vcp_replaces_content_and_vrm_vmv(vos_env: dict[str, str], login: Callable[[str], str], tmp_path: Path) -> None:
    token = login("alice")
    ok(run(vos_env, "vmkdir", "--token", token, f"vos:alice/{RUN}-edit"))
    first = tmp_path / "f.txt"
    first.write_text("first version\n")
    ok(run(vos_env, "vcp", "--token", token, str(first), f"vos:alice/{RUN}-edit/f.txt"))
    first.write_text("second version, longer\n")
    ok(run(vos_env, "vcp", "--token", token, str(first), f"vos:alice/{RUN}-edit/f.txt"))

    # vmv runs an asynchronous transfer job (keepBytes=false) and polls its phase.
    ok(run(vos_env, "vmv", "--token", token, f"vos:alice/{RUN}-edit/f.txt", f"vos:alice/{RUN}-edit/g.txt"))
    names = ok(run(vos_env, "vls", "--token", token, f"vos:alice/{RUN}-edit")).split()
    assert names == ["g.txt"]

    back = tmp_path / "back.txt"
    ok(run(vos_env, "vcp", "--token", token, f"vos:alice/{RUN}-edit/g.txt", str(back)))
    assert back.read_text() == "second version, longer\n"

    ok(run(vos_env, "vrm", "--token", token, f"vos:alice/{RUN}-edit/g.txt"))
    assert ok(run(vos_env, "vls", "--token", token, f"vos:alice/{RUN}-edit")).split() == []
    missing = run(vos_env, "vcp", "--token", token, f"vos:alice/{RUN}-edit/g.txt", str(tmp_path / "gone.txt"))
    assert missing.returncode != 0
    assert not (tmp_path / "gone.txt").exists()


def test_vos_library_reads_node_properties(vos_env: dict[str, str], login: Callable[[str], str], tmp_path: Path) -> None:
    token = login("alice")
    local = tmp_path / "lib.txt"
    local.write_text("written through vos.Client\n")
    # In a subprocess: cadcutils fixes its cache location from HOME at import time.
    script = f"""
import sys, vos
client = vos.Client(vospace_token=sys.argv[1])
client.mkdir("vos:alice/{RUN}-lib")
client.copy({str(local)!r}, "vos:alice/{RUN}-lib/lib.txt")
node = client.get_node("vos:alice/{RUN}-lib/lib.txt", force=True)
print(node.type, node.props["length"], node.props["MD5"], client.isdir("vos:alice/{RUN}-lib"), client.listdir("vos:alice/{RUN}-lib"))
"""
    out = ok(subprocess.run([sys.executable, "-c", script, token], env=vos_env, capture_output=True, text=True, timeout=120))
    assert out.split()[:4] == ["vos:DataNode", str(local.stat().st_size), md5(local), "True"]
    assert "['lib.txt']" in out


def test_other_users_space_is_invisible(vos_env: dict[str, str], login: Callable[[str], str], tmp_path: Path) -> None:
    alice, bob = login("alice"), login("bob")
    secret = tmp_path / "secret.txt"
    secret.write_text("alice only\n")
    ok(run(vos_env, "vmkdir", "--token", alice, f"vos:alice/{RUN}-private"))
    ok(run(vos_env, "vcp", "--token", alice, str(secret), f"vos:alice/{RUN}-private/secret.txt"))
    assert run(vos_env, "vls", "--token", bob, f"vos:alice/{RUN}-private").returncode != 0
    stolen = tmp_path / "stolen.txt"
    assert run(vos_env, "vcp", "--token", bob, f"vos:alice/{RUN}-private/secret.txt", str(stolen)).returncode != 0
    assert not stolen.exists()
    assert run(vos_env, "vrm", "--token", bob, f"vos:alice/{RUN}-private/secret.txt").returncode != 0
    assert ok(run(vos_env, "vls", "--token", alice, f"vos:alice/{RUN}-private")).split() == ["secret.txt"]


def test_vln_links_are_listed_and_followed(vos_env: dict[str, str], login: Callable[[str], str], tmp_path: Path) -> None:
    token = login("alice")
    src = tmp_path / "target.txt"
    src.write_text("reached through a link\n")
    ok(run(vos_env, "vmkdir", "--token", token, f"vos:alice/{RUN}-links"))
    ok(run(vos_env, "vcp", "--token", token, str(src), f"vos:alice/{RUN}-links/target.txt"))
    ok(run(vos_env, "vln", "--token", token, f"vos:alice/{RUN}-links/target.txt", f"vos:alice/{RUN}-links/alias"))
    listing = ok(run(vos_env, "vls", "-l", "--token", token, f"vos:alice/{RUN}-links"))
    alias = next(line for line in listing.splitlines() if "alias" in line)
    assert alias.startswith("l"), listing
    out = tmp_path / "via-link.txt"
    # vcp skips links unless told to follow them (-L), like cp -L.
    ok(run(vos_env, "vcp", "-L", "--token", token, f"vos:alice/{RUN}-links/alias", str(out)))
    assert out.read_text() == "reached through a link\n"
