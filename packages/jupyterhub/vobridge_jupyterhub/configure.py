"""One call in ``jupyterhub_config.py`` that turns vobridge on for a hub."""

from __future__ import annotations

from typing import Any

from traitlets.config.loader import LazyConfigValue

from .handler import TOKEN_SCOPE

#: JupyterHub's default scopes of a server's own API token (its ``server`` role), kept.
_SERVER_DEFAULT_SCOPES = ("users:activity!user", "access:servers!server")


def configure(c: Any, platform_url: str) -> None:
    """Make the hub hand each user's servers that user's platform tokens.

    Sets the authenticator to :class:`VobridgeOAuthenticator` (configure its
    OAuth client as for ``GenericOAuthenticator``, through
    ``c.GenericOAuthenticator``), turns on ``auth_state``, defines the
    ``custom:vobridge:token`` scope, grants it to every user and to their
    servers' API tokens. Needs ``JUPYTERHUB_CRYPT_KEY`` in the hub's environment
    (``auth_state`` is stored encrypted).
    """
    c.JupyterHub.authenticator_class = "vobridge_jupyterhub.VobridgeOAuthenticator"
    c.VobridgeOAuthenticator.platform_url = platform_url
    c.Authenticator.enable_auth_state = True
    c.JupyterHub.custom_scopes = {
        **_set(c.JupyterHub.custom_scopes, {}),
        TOKEN_SCOPE: {"description": "Get your own science platform access token from the hub (vobridge)."},
    }
    roles = [dict(role) for role in _set(c.JupyterHub.load_roles, [])]
    user_role = next((role for role in roles if role.get("name") == "user"), None)
    if user_role is None:
        roles.append({"name": "user", "scopes": ["self", TOKEN_SCOPE]})
    elif TOKEN_SCOPE not in user_role.get("scopes", []):
        user_role["scopes"] = [*user_role.get("scopes", ["self"]), TOKEN_SCOPE]
    c.JupyterHub.load_roles = roles
    # A server's token gets only the scopes its owner holds: the user role above grants this one.
    current = _set(c.Spawner.server_token_scopes, [])
    scopes = list(current) if isinstance(current, (list, tuple)) and current else list(_SERVER_DEFAULT_SCOPES)
    if TOKEN_SCOPE not in scopes:
        scopes.append(TOKEN_SCOPE)
    c.Spawner.server_token_scopes = scopes


def _set(value: Any, default: Any) -> Any:
    """What the config file set so far (traitlets hands out a placeholder for unset values)."""
    if isinstance(value, LazyConfigValue):
        return value.get_value(default)
    return value or default
