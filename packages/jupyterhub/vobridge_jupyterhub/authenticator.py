"""The hub's authenticator as the single owner of each user's platform refresh token.

oauthenticator keeps the platform's tokens in ``auth_state``, but its stock
refresh only renews after a userinfo call fails, at most every
``auth_refresh_age``, and without a lock: concurrent requests each spend the
same refresh token, and a platform that rotates refresh tokens with reuse
detection then ends the login. Here every renewal of a user's tokens (the
hub's own periodic refresh and the vobridge endpoint alike) runs under one
lock per user, re-reads ``auth_state`` under it, renews only when the token is
due, and saves before releasing the lock.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass
from inspect import isawaitable
from typing import Any

from oauthenticator.generic import GenericOAuthenticator
from tornado.httpclient import HTTPClientError
from tornado.web import HTTPError
from traitlets import Unicode, validate
from traitlets.config import LoggingConfigurable

from .errors import LoginRequired, PlatformUnreachable
from .freshness import Lifetime, lifetime_of

#: Where in ``auth_state`` the token's lifetime (and a refusal) is recorded.
STATE_KEY = "vobridge"


@dataclass(frozen=True)
class HeldToken:
    """A user's current platform access token, as the endpoint hands it out (never logged)."""

    access_token: str
    lifetime: Lifetime
    scope: str

    def __repr__(self) -> str:
        return f"HeldToken(lifetime={self.lifetime!r}, scope={self.scope!r})"


async def _settled(value: Any) -> Any:
    return await value if isawaitable(value) else value


class PlatformTokenMixin(LoggingConfigurable):
    """Mix into an ``OAuthenticator``: expiry-aware, single-flight renewal and the vobridge token endpoint."""

    platform_url = Unicode(
        "",
        config=True,
        help="""Base URL of the science platform whose tokens the hub holds (its IVOA registry and
        services live there). Single-user servers' brokers log in to it with the tokens the hub hands out.""",
    )

    @validate("platform_url")
    def _check_platform_url(self, proposal: Any) -> str:
        url = str(proposal["value"]).rstrip("/")
        if url and not url.startswith(("https://", "http://")):
            raise ValueError(f"platform_url must be an http(s) URL, not {url!r}")
        return url

    def get_handlers(self, app: Any) -> list:
        from .handler import TokenHandler

        return [*super().get_handlers(app), (r"/api/vobridge/token", TokenHandler)]  # type: ignore[misc]

    def _renewal_locks(self) -> dict[str, asyncio.Lock]:
        locks = self.__dict__.get("_vobridge_locks")
        if locks is None:
            locks = self.__dict__["_vobridge_locks"] = {}
        return locks

    async def build_auth_state_dict(self, token_info: dict, user_info: dict) -> dict:
        state = await _settled(super().build_auth_state_dict(token_info, user_info))  # type: ignore[misc]
        lifetime = lifetime_of(token_info)
        state[STATE_KEY] = {"issued_at": lifetime.issued_at, "expires_at": lifetime.expires_at}
        return state

    async def refresh_user(self, user: Any, handler: Any = None, **kwargs: Any) -> Any:
        """The hub's periodic refresh, through the same lock; the new state is saved under it.

        Returns True (nothing for the hub to save: a model returned here would be
        saved after the lock is released and could overwrite a newer renewal) or
        False when the platform refused, so the hub asks the user to log in again.
        """
        if not self.enable_auth_state:  # type: ignore[attr-defined]
            return True
        try:
            await self.platform_token(user, min_valid=0)
        except LoginRequired:
            return False
        except PlatformUnreachable:
            return True
        return True

    async def platform_token(self, user: Any, min_valid: float) -> HeldToken:
        """The user's access token, valid ``min_valid`` more seconds where the platform allows.

        Raises LoginRequired when there is nothing to renew with or the platform
        refused; PlatformUnreachable when it did not answer and the token held
        has expired (a still-valid one is returned instead).
        """
        lock = self._renewal_locks().setdefault(user.name, asyncio.Lock())
        async with lock:
            state = await user.get_auth_state()
            if not state or not state.get("access_token"):
                raise LoginRequired("The hub holds no platform login for you. Log in again at JupyterHub.")
            meta = state.get(STATE_KEY) or {}
            if meta.get("refused"):
                raise LoginRequired(meta["refused"])
            lifetime = _lifetime_in(state)
            if lifetime.needs_renewal(min_valid):
                try:
                    state = await self._renew(user, state)
                except PlatformUnreachable:
                    if lifetime.expires_at is None or lifetime.expires_at <= time.time():
                        raise
                lifetime = _lifetime_in(state)
            scope = state.get("scope") or []
            return HeldToken(
                access_token=state["access_token"],
                lifetime=lifetime,
                scope=" ".join(scope) if isinstance(scope, list) else str(scope),
            )

    async def _renew(self, user: Any, state: dict) -> dict:
        refresh_token = state.get("refresh_token")
        if not refresh_token:
            return await self._refused(user, state, "the platform gave the hub no refresh token")
        params = self.build_refresh_token_request_params(refresh_token)  # type: ignore[attr-defined]
        try:
            token_info = await self.get_token_info(None, params)  # type: ignore[attr-defined]
        except HTTPClientError as error:
            if 400 <= error.code < 500:
                return await self._refused(user, state, f"the platform answered {error.code}")
            raise PlatformUnreachable(f"the platform's token endpoint failed ({error.code})") from None
        except HTTPError as error:  # oauthenticator's own: an error_description in a 200 answer
            return await self._refused(user, state, f"the platform answered {error.status_code}")
        except (OSError, asyncio.TimeoutError) as error:
            raise PlatformUnreachable(f"the platform did not answer ({type(error).__name__})") from None
        # A platform that does not rotate refresh tokens answers without one: keep the old.
        if not token_info.get("refresh_token"):
            token_info["refresh_token"] = refresh_token
        user_info = state.get(self.user_auth_state_key) or {}  # type: ignore[attr-defined]
        renewed = await self.build_auth_state_dict(token_info, user_info)
        hook = self.modify_auth_state_hook  # type: ignore[attr-defined]
        if hook is not None:
            renewed = await _settled(hook(self, renewed))
        await user.save_auth_state(renewed)
        self.log.info("vobridge: renewed the platform token of %s", user.name)  # type: ignore[attr-defined]
        return renewed

    async def _refused(self, user: Any, state: dict, why: str) -> dict:
        reason = f"The platform refused to renew your login ({why}). Log in again at JupyterHub."
        # Remembered until the next login, so a dead refresh token is not presented again and again.
        await user.save_auth_state({**state, STATE_KEY: {**(state.get(STATE_KEY) or {}), "refused": reason}})
        self.log.warning("vobridge: the platform refused to renew the login of %s (%s)", user.name, why)  # type: ignore[attr-defined]
        raise LoginRequired(reason)


def _lifetime_in(state: dict) -> Lifetime:
    meta = state.get(STATE_KEY) or {}
    issued_at = meta.get("issued_at")
    if isinstance(issued_at, (int, float)):
        expires_at = meta.get("expires_at")
        return Lifetime(float(issued_at), float(expires_at) if isinstance(expires_at, (int, float)) else None)
    # Logged in before vobridge was configured: the JWT tells, else renew once to learn the lifetime.
    lifetime = lifetime_of({"access_token": state["access_token"]})
    return lifetime if lifetime.expires_at is not None else Lifetime(issued_at=0.0, expires_at=0.0)


class VobridgeOAuthenticator(PlatformTokenMixin, GenericOAuthenticator):
    """``GenericOAuthenticator`` that owns each user's platform tokens for vobridge (configure it as such)."""
