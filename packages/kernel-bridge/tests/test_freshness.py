"""The bridge's cache follows the SDK's and the broker's renewal rule: the same vectors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vobridge.client import Token

VECTORS = json.loads(
    (Path(__file__).resolve().parents[2] / "sdk" / "test" / "fixtures" / "freshness-vectors.json").read_text()
)["vectors"]


@pytest.mark.parametrize("vector", VECTORS, ids=[v["why"] for v in VECTORS])
def test_freshness_vector(vector: dict) -> None:
    expires_at = 0 if vector["expires_at"] is None else vector["expires_at"]
    token = Token("t", expires_at, "p", "l", vector["issued_at"])
    assert token.usable(vector["min_valid"], vector["now"]) is vector["fresh"]
