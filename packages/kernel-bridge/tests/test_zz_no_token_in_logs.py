"""Runs last: after everything else, no log or captured output of the broker or platform holds a token."""

from __future__ import annotations

from conftest import ISSUED, LOG_FILES, Stack


def test_no_issued_token_in_any_log(stack: Stack) -> None:
    secret = stack.secret
    stack.stop()  # flush and close every log
    assert len(ISSUED) >= 5, "the run should have issued tokens to look for"
    logs = {path: path.read_text(errors="replace") for path in LOG_FILES if path.exists()}
    assert logs and sum(len(text) for text in logs.values()) > 0
    leaks = [(path.name, token[:8]) for path in logs for token in ISSUED if token in logs[path]]
    assert leaks == []
    other_secrets = [path.name for path, text in logs.items() if "alice-demo-password" in text or secret in text]
    assert other_secrets == []
