"""``GET /hub/api/vobridge/token``: a user's own server gets that user's platform access token."""

from __future__ import annotations

from jupyterhub.apihandlers.base import APIHandler
from jupyterhub.user import User

from .authenticator import PlatformTokenMixin
from .errors import LoginRequired, PlatformUnreachable

#: The scope a server's token needs (``c.Spawner.server_token_scopes``); see :func:`vobridge_jupyterhub.configure`.
TOKEN_SCOPE = "custom:vobridge:token"

#: The longest ``min_valid`` a caller may ask for (one day), in seconds.
MAX_MIN_VALID = 86400


class TokenHandler(APIHandler):
    """Answers the caller's own platform access token, renewed first when it is due.

    Only API tokens are accepted, never the hub's browser cookie (browser code
    must not see platform tokens), and only tokens owned by a user: the answer
    is always the token owner's, so no parameter can name another user.
    """

    async def get(self) -> None:
        user = self.current_user
        if not isinstance(user, User):
            self._refuse(403, "forbidden", "Only a user's own API token (a server's JUPYTERHUB_API_TOKEN) may ask.")
            return
        # The user must come from an API token, not from the browser's hub cookie.
        if not getattr(self, "_token_authenticated", False):
            self._refuse(
                403, "forbidden", "Send an API token (Authorization: token $JUPYTERHUB_API_TOKEN); cookies are refused."
            )
            return
        if not self.has_scope(TOKEN_SCOPE):
            self._refuse(
                403,
                "forbidden",
                f"This token lacks the {TOKEN_SCOPE} scope: add it to c.Spawner.server_token_scopes "
                "(vobridge_jupyterhub.configure does) and restart the server.",
            )
            return
        min_valid = self._min_valid()
        if min_valid is None:
            return
        authenticator = self.authenticator
        if not isinstance(authenticator, PlatformTokenMixin):
            self._refuse(500, "misconfigured", "The hub's authenticator is not vobridge's (see vobridge_jupyterhub.configure).")
            return
        try:
            held = await authenticator.platform_token(user, min_valid)
        except LoginRequired as error:
            self._refuse(401, error.code, str(error))
            return
        except PlatformUnreachable as error:
            self._refuse(503, error.code, f"Renewing your platform token failed: {error}. Try again shortly.")
            return
        expires_at = held.lifetime.expires_at
        self.set_header("Cache-Control", "no-store")
        self.finish(
            {
                "access_token": held.access_token,
                "token_type": "Bearer",
                # Epoch seconds, to the millisecond: callers renew at the same mark as the hub.
                "issued_at": round(held.lifetime.issued_at, 3),
                **({"expires_at": round(expires_at, 3)} if expires_at else {}),
                "scope": held.scope,
                "user": user.name,
                "platform": authenticator.platform_url,
            }
        )

    def _min_valid(self) -> int | None:
        names = set(self.request.query_arguments)
        if names - {"min_valid"}:
            unknown = ", ".join(sorted(names - {"min_valid"}))
            self._refuse(400, "bad_request", f"Unknown parameter {unknown[:64]}: only min_valid is accepted.")
            return None
        values = self.request.query_arguments.get("min_valid", [b"0"])
        text = values[0].decode("ascii", "replace")
        if len(values) != 1 or not text.isdigit() or int(text) > MAX_MIN_VALID:
            self._refuse(400, "bad_request", f"min_valid must be given once, as whole seconds from 0 to {MAX_MIN_VALID}.")
            return None
        return int(text)

    def _refuse(self, status: int, code: str, message: str) -> None:
        self.set_status(status)
        self.set_header("Cache-Control", "no-store")
        self.finish({"status": status, "error": code, "message": message})
