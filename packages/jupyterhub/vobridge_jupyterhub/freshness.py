"""When a platform access token is renewed: the rule the broker and the SDK use too.

A token is renewed once three quarters of its lifetime have passed, or sooner
when a caller needs it valid longer than it has left. The hub and the brokers
asking it apply the same rule, so a broker that renews at its 75 % mark finds
the hub renewing too, instead of being handed the same ageing token back.
"""

from __future__ import annotations

import base64
import json
import time
from dataclasses import dataclass

#: Fraction of a token's lifetime after which it is renewed.
RENEW_AT_FRACTION = 0.75


@dataclass(frozen=True)
class Lifetime:
    """When a token was issued and when it expires (epoch seconds; ``expires_at`` None when unknown)."""

    issued_at: float
    expires_at: float | None

    def renewal_due_at(self) -> float | None:
        if self.expires_at is None:
            return None
        return self.issued_at + (self.expires_at - self.issued_at) * RENEW_AT_FRACTION

    def needs_renewal(self, min_valid: float, now: float | None = None) -> bool:
        """Whether to renew before handing the token to a caller needing ``min_valid`` more seconds."""
        if self.expires_at is None:
            return False
        now = time.time() if now is None else now
        due = self.renewal_due_at()
        assert due is not None
        return now >= due or self.expires_at - now < min_valid


def lifetime_of(token_info: dict, now: float | None = None) -> Lifetime:
    """The lifetime of a token response: ``expires_in`` when given, else the JWT's own ``exp``/``iat``.

    The JWT is decoded, not verified: the hub only needs to know when to renew;
    the services that receive the token verify it.
    """
    now = time.time() if now is None else now
    expires_in = token_info.get("expires_in")
    if isinstance(expires_in, (int, float)) and not isinstance(expires_in, bool) and expires_in > 0:
        return Lifetime(issued_at=now, expires_at=now + float(expires_in))
    claims = _jwt_claims(str(token_info.get("access_token", "")))
    exp = claims.get("exp")
    if isinstance(exp, (int, float)) and not isinstance(exp, bool):
        iat = claims.get("iat")
        issued = float(iat) if isinstance(iat, (int, float)) and not isinstance(iat, bool) and iat <= exp else now
        return Lifetime(issued_at=min(issued, now), expires_at=float(exp))
    return Lifetime(issued_at=now, expires_at=None)


def _jwt_claims(token: str) -> dict:
    parts = token.split(".")
    if len(parts) != 3:
        return {}
    try:
        payload = base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4))
        claims = json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return {}
    return claims if isinstance(claims, dict) else {}
