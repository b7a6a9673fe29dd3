"""``GET /hub/api/vobridge/token`` on a real JupyterHub, users logged in through the real platform.

Nothing is mocked: JupyterHub 6, oauthenticator 17 (GenericOAuthenticator with
vobridge_jupyterhub), configurable-http-proxy and the reference platform's OIDC
provider (node-oidc-provider), with 4-second access tokens.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import requests

from conftest import TOKEN_TTL
from hub import Hub

from vobridge_jupyterhub import TOKEN_SCOPE


def whoami(hub: Hub, access_token: str) -> requests.Response:
    return requests.get(
        f"{hub.platform.url}/ac/whoami", headers={"Authorization": f"Bearer {access_token}"}, timeout=30
    )


def test_a_users_server_gets_that_users_platform_token(hub: Hub) -> None:
    hub.login("alice")
    reply = hub.token(hub.api_token("alice", [TOKEN_SCOPE]))
    assert reply.status_code == 200, reply.text
    assert reply.headers["Cache-Control"] == "no-store"
    body = reply.json()
    assert set(body) == {"access_token", "token_type", "issued_at", "expires_at", "scope", "user", "platform"}
    assert body["user"] == "alice" and body["platform"] == hub.platform.url and body["token_type"] == "Bearer"
    assert 0 < body["expires_at"] - time.time() <= TOKEN_TTL + 1
    assert abs(body["expires_at"] - body["issued_at"] - TOKEN_TTL) < 0.01
    # A real platform token, of alice's: the platform's own services take it.
    assert whoami(hub, body["access_token"]).json()["username"] == "alice"


def test_each_user_gets_only_their_own_token(hub: Hub) -> None:
    alice_session = hub.login("alice")
    hub.login("bob")
    alice, bob = hub.api_token("alice", [TOKEN_SCOPE]), hub.api_token("bob", [TOKEN_SCOPE])
    assert whoami(hub, hub.token(alice).json()["access_token"]).json()["username"] == "alice"
    assert whoami(hub, hub.token(bob).json()["access_token"]).json()["username"] == "bob"
    # No parameter names a user: bob's server cannot ask for alice's token.
    forged = hub.token(bob, user="alice")
    assert forged.status_code == 400 and forged.json()["error"] == "bad_request"
    assert "access_token" not in forged.text
    # Without the scope, without a token, with the hub's browser cookie, or as a service: refused.
    unscoped = hub.token(hub.api_token("alice", ["read:users!user"]))
    assert unscoped.status_code == 403 and TOKEN_SCOPE in unscoped.json()["message"]
    assert hub.token(None).status_code == 403
    by_cookie = alice_session.get(f"{hub.url}/hub/api/vobridge/token", timeout=30)
    assert by_cookie.status_code == 403 and "access_token" not in by_cookie.text
    as_service = hub.token(hub.admin_token)
    assert as_service.status_code == 403 and "access_token" not in as_service.text


def test_concurrent_requests_share_one_renewal(hub: Hub) -> None:
    hub.login("alice")
    token = hub.api_token("alice", [TOKEN_SCOPE])
    first = hub.token(token).json()
    # Past three quarters of the lifetime the token is due: ten servers ask at once.
    time.sleep(max(0.0, first["issued_at"] + TOKEN_TTL * 0.75 - time.time()) + 0.1)
    before = hub.renewals("alice")
    with ThreadPoolExecutor(10) as pool:
        replies = list(pool.map(lambda _: hub.token(token), range(10)))
    assert all(reply.status_code == 200 for reply in replies), [reply.text for reply in replies]
    fresh = {reply.json()["access_token"] for reply in replies}
    assert len(fresh) == 1 and first["access_token"] not in fresh
    assert hub.renewals("alice") - before == 1


def test_tokens_stay_valid_across_many_lifetimes(hub: Hub) -> None:
    hub.login("bob")
    token = hub.api_token("bob", [TOKEN_SCOPE])
    seen = set()
    deadline = time.time() + TOKEN_TTL * 4
    while time.time() < deadline:
        body = hub.token(token, min_valid="1").json()
        assert body["expires_at"] - time.time() >= 0.5
        assert whoami(hub, body["access_token"]).status_code == 200
        seen.add(body["access_token"])
        time.sleep(0.5)
    assert len(seen) >= 4


def test_min_valid_asks_for_a_renewal_and_bad_values_are_refused(hub: Hub) -> None:
    hub.login("alice")
    token = hub.api_token("alice", [TOKEN_SCOPE])
    held = hub.token(token).json()
    # More than the held token has left: the hub renews now.
    renewed = hub.token(token, min_valid=str(TOKEN_TTL + 1)).json()
    assert renewed["access_token"] != held["access_token"]
    for bad in ("abc", "-1", "86401", "1.5"):
        reply = hub.token(token, min_valid=bad)
        assert reply.status_code == 400 and "min_valid" in reply.json()["message"], bad


def test_a_refused_renewal_asks_the_user_to_log_in_again(hub: Hub) -> None:
    hub.login("carol")
    token = hub.api_token("carol", [TOKEN_SCOPE])
    assert hub.token(token).status_code == 200
    # The platform ends carol's login: the hub's refresh token is revoked.
    state = hub.admin("GET", "/users/carol").json()["auth_state"]
    revoked = requests.post(
        f"{hub.platform.url}/oidc/token/revocation",
        data={
            "token": state["refresh_token"],
            "token_type_hint": "refresh_token",
            "client_id": "jupyterhub",
            "client_secret": hub.platform.client_secret,
        },
        timeout=30,
    )
    assert revoked.status_code == 200, revoked.text
    refused = hub.token(token, min_valid=str(TOKEN_TTL + 1))
    assert refused.status_code == 401, refused.text
    assert refused.json()["error"] == "login_required"
    assert "Log in again at JupyterHub" in refused.json()["message"]
    # Remembered: the dead refresh token is not presented again; other users are unaffected.
    attempts = hub.renewals("carol")
    assert hub.token(token, min_valid=str(TOKEN_TTL + 1)).status_code == 401
    assert hub.renewals("carol") == attempts
    assert hub.token(hub.api_token("alice", [TOKEN_SCOPE])).status_code == 200
    # Logging in again at the hub heals it.
    hub.login("carol")
    again = hub.token(token)
    assert again.status_code == 200, again.text
    assert whoami(hub, again.json()["access_token"]).json()["username"] == "carol"


def test_tokens_never_reach_the_hubs_log(hub: Hub) -> None:
    hub.login("alice")
    token = hub.api_token("alice", [TOKEN_SCOPE])
    issued = hub.token(token).json()["access_token"]
    log = hub.log.read_text(errors="replace")
    assert issued not in log and token not in log
    state = hub.admin("GET", "/users/alice").json()["auth_state"]
    assert state["refresh_token"] not in log
