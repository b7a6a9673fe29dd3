"""Mutual proof of the broker secret, without sending it.

The kernel side sends ``X-Vobridge-Nonce: <nonce>`` and
``Authorization: VobridgeProof <HMAC(secret, request)>``; the broker answers with
``X-Vobridge-Proof: <HMAC(secret, nonce)>``. Both sides hold the secret from the
runtime file or the environment; whoever listens on the broker's address without
it neither learns the secret nor can make its answers count. The broker's side
is ``packages/broker/src/server/security.ts``; the two must stay byte-identical.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

NONCE_HEADER = "X-Vobridge-Nonce"
PROOF_HEADER = "X-Vobridge-Proof"


def _mac(secret: str, message: str) -> str:
    digest = hmac.new(secret.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def new_nonce() -> str:
    """A fresh random nonce (base64url, 256 bits)."""
    return secrets.token_urlsafe(32)


def request_proof(secret: str, nonce: str, method: str, target: str) -> str:
    """The client's proof for one request: method and request target (path and query) as sent."""
    return _mac(secret, f"vobridge-request\n{nonce}\n{method}\n{target}")


def verify_response(secret: str, nonce: str, proof: str | None) -> bool:
    """Whether an answer's ``X-Vobridge-Proof`` shows the responder holds the secret."""
    return proof is not None and hmac.compare_digest(proof, _mac(secret, f"vobridge-response\n{nonce}"))
