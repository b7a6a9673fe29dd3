"""vobridge on JupyterHub: users log in once at the hub; their servers' kernels get fresh platform tokens.

In ``jupyterhub_config.py``::

    import vobridge_jupyterhub
    vobridge_jupyterhub.configure(c, platform_url="https://platform.example.org")
    c.GenericOAuthenticator.client_id = "jupyterhub"
    ...  # the rest of GenericOAuthenticator's settings, as usual

The hub then owns each user's platform refresh token; a user's server asks
``GET /hub/api/vobridge/token`` with its own API token and gets that user's
access token, renewed first when due (one renewal per user at a time).
"""

from .authenticator import HeldToken, PlatformTokenMixin, VobridgeOAuthenticator
from .configure import configure
from .errors import LoginRequired, PlatformUnreachable
from .freshness import Lifetime, lifetime_of
from .handler import TOKEN_SCOPE, TokenHandler

__all__ = [
    "TOKEN_SCOPE",
    "HeldToken",
    "Lifetime",
    "LoginRequired",
    "PlatformTokenMixin",
    "PlatformUnreachable",
    "TokenHandler",
    "VobridgeOAuthenticator",
    "configure",
    "lifetime_of",
]
