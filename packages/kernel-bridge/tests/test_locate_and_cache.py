"""Broker location and the token cache rules, without any server."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vobridge import locate
from vobridge.client import Token, origin_of


def test_runtime_file_follows_jupyter(tmp_path: Path) -> None:
    assert locate.runtime_file({"VOBRIDGE_BROKER_RUNTIME_FILE": "/x/b.json", "JUPYTER_RUNTIME_DIR": "/j"}) == Path("/x/b.json")
    assert locate.runtime_file({"JUPYTER_RUNTIME_DIR": "/j"}) == Path("/j/vobridge-broker.json")
    assert locate.runtime_file({"JUPYTER_DATA_DIR": "/d"}) == Path("/d/runtime/vobridge-broker.json")
    assert locate.runtime_file({"HOME": "/h", "XDG_DATA_HOME": "/xdg"}) == Path("/xdg/jupyter/runtime/vobridge-broker.json")
    assert locate.runtime_file({"HOME": "/h"}) == Path("/h/.local/share/jupyter/runtime/vobridge-broker.json")


def test_environment_first_then_runtime_file_without_duplicates(tmp_path: Path) -> None:
    (tmp_path / "vobridge-broker.json").write_text(json.dumps({"url": "http://127.0.0.1:2000", "secret": "file", "pid": 1}))
    env = {"JUPYTER_RUNTIME_DIR": str(tmp_path), "VOBRIDGE_BROKER_URL": "http://127.0.0.1:1000/", "VOBRIDGE_BROKER_SECRET": "env"}
    assert [(c.url, c.source) for c in locate.candidates(env)] == [
        ("http://127.0.0.1:1000", "environment"),
        ("http://127.0.0.1:2000", str(tmp_path / "vobridge-broker.json")),
    ]
    env["VOBRIDGE_BROKER_URL"], env["VOBRIDGE_BROKER_SECRET"] = "http://127.0.0.1:2000", "file"
    assert len(locate.candidates(env)) == 1


@pytest.mark.parametrize(
    "content",
    ['{"url": "http://127.0.0.1:1", "sec', "[]", '{"url": 5, "secret": "s"}', '{"url": "http://evil.example:80", "secret": "s"}'],
)
def test_broken_or_foreign_runtime_files_are_ignored(tmp_path: Path, content: str) -> None:
    (tmp_path / "vobridge-broker.json").write_text(content)
    assert locate.from_runtime_file({"JUPYTER_RUNTIME_DIR": str(tmp_path)}) is None


def test_secret_never_in_repr() -> None:
    location = locate.BrokerLocation("http://127.0.0.1:1", "s3cr3t-value", "environment")
    assert "s3cr3t-value" not in repr(location)
    assert "tok3n-value" not in repr(Token("tok3n-value", 0, None, None, 0))


def test_cache_rules() -> None:
    now = 1_000_000.0
    fresh = Token("t", now + 3600, "p", "l", now)
    assert fresh.usable(60, now)
    assert not Token("t", now + 30, "p", "l", now - 3570).usable(60, now)
    # Tokens that live shorter than min_valid: reused for 75 % of what was left when fetched.
    short = Token("t", now + 4, "p", "l", now)
    assert short.usable(60, now + 2.5)
    assert not short.usable(60, now + 3.5)
    assert not short.usable(60, now + 5)


def test_origin_of() -> None:
    assert origin_of("https://Example.org:443/a?b") == "https://example.org"
    assert origin_of("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080"
    with pytest.raises(ValueError):
        origin_of("file:///etc/passwd")


def test_unix_socket_runtime_file(tmp_path: Path) -> None:
    (tmp_path / "vobridge-broker.json").write_text(
        json.dumps({"url": "http+unix://%2Frun%2Fuser%2F1%2Fbroker.sock", "secret": "s", "pid": 1, "socket": "/run/user/1/broker.sock"})
    )
    found = locate.from_runtime_file({"JUPYTER_RUNTIME_DIR": str(tmp_path)})
    assert found is not None and found.socket == "/run/user/1/broker.sock" and found.url == "http://localhost"
    (tmp_path / "vobridge-broker.json").write_text(json.dumps({"url": "http+unix://relative.sock", "secret": "s", "pid": 1}))
    assert locate.from_runtime_file({"JUPYTER_RUNTIME_DIR": str(tmp_path)}) is None
