# JupyterHub with vobridge, against vobridge's reference platform: users log in once at the hub
# (through the platform's OpenID Connect pages) and their servers' kernels get fresh platform
# tokens. The same settings for Zero to JupyterHub on Kubernetes: docs/jupyterhub.md.
#
# The platform needs this hub registered as a confidential OAuth client (a file for its
# --client option):
#   {"client_id": "jupyterhub", "client_secret": "<32+ random characters>",
#    "token_endpoint_auth_method": "client_secret_post",
#    "grant_types": ["authorization_code", "refresh_token"],
#    "redirect_uris": ["http://127.0.0.1:8000/hub/oauth_callback"]}
# and the hub, JUPYTERHUB_CRYPT_KEY (auth_state is stored encrypted: `openssl rand -hex 32`).
import os

import vobridge_jupyterhub

c = get_config()  # noqa: F821 - provided by JupyterHub when it loads this file

platform = os.environ.get("VOBRIDGE_PLATFORM_URL", "http://127.0.0.1:8765").rstrip("/")
hub_url = os.environ.get("VOBRIDGE_HUB_URL", "http://127.0.0.1:8000").rstrip("/")

vobridge_jupyterhub.configure(c, platform_url=platform)

c.JupyterHub.bind_url = hub_url
c.GenericOAuthenticator.client_id = os.environ.get("VOBRIDGE_HUB_CLIENT_ID", "jupyterhub")
c.GenericOAuthenticator.client_secret = os.environ["VOBRIDGE_HUB_CLIENT_SECRET"]
c.GenericOAuthenticator.oauth_callback_url = f"{hub_url}/hub/oauth_callback"
c.GenericOAuthenticator.authorize_url = f"{platform}/oidc/auth"
c.GenericOAuthenticator.token_url = f"{platform}/oidc/token"
# Who logged in, from the ID token: the platform's access tokens are for its services (RFC 8707
# resource indicators), which its userinfo endpoint does not accept. (vobridge renews tokens without
# asking for user data again, so the ID token's expiry does not matter after login.)
c.GenericOAuthenticator.userdata_from_id_token = True
c.GenericOAuthenticator.username_claim = "preferred_username"
# offline_access: the hub keeps a refresh token, renews access tokens and hands them out.
c.GenericOAuthenticator.scope = ["openid", "profile", "offline_access"]
c.GenericOAuthenticator.login_service = "the science platform"
c.GenericOAuthenticator.allow_all = True
