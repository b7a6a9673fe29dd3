"""Security properties seen from outside: forged and expired tokens, other users' sessions."""

from __future__ import annotations

import base64
import json
import time

import requests


def _login(url, user, password):
    return requests.post(f"{url}/ac/login", data={"username": user, "password": password}, timeout=30).text


def _forge(token: str, **claims) -> str:
    header, payload, signature = token.split(".")
    data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    data.update(claims)
    forged = base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return f"{header}.{forged}.{signature}"


def test_forged_tokens_are_refused_everywhere(platform, login):
    services = platform["services"]
    forged = _forge(login("bob"), sub="alice", groups=["astro", "demo"])
    for service, path in (("auth", "/ac/whoami"), ("gms", "/gms/search"), ("sessions", "/skaha/v1/session"), ("auth", "/authcheck")):
        for headers in ({"Authorization": f"Bearer {forged}"}, {"X-CADC-DelegationToken": forged}, {"Cookie": f"CADC_SSO={forged}"}):
            res = requests.get(f"{services[service]}{path}", headers=headers, timeout=30)
            assert res.status_code == 401, (path, headers.keys(), res.status_code)
            assert 'error="invalid_token"' in res.headers["WWW-Authenticate"]
            assert forged not in res.text


def test_expired_tokens_are_refused(platform_factory):
    proc = platform_factory(args=["--token-ttl", "1"])
    token = _login(proc.url, "alice", "alice-demo-password")
    headers = {"Authorization": f"Bearer {token}"}
    status = 200
    for _ in range(100):
        status = requests.get(f"{proc.url}/ac/whoami", headers=headers, timeout=30).status_code
        if status != 200:
            break
        time.sleep(0.1)
    assert status == 401


def test_other_users_sessions_are_invisible_and_untouchable(platform, login):
    url = platform["services"]["sessions"]
    owner = {"Authorization": f"Bearer {login('bob')}"}
    other = {"Authorization": f"Bearer {login('alice')}"}
    created = requests.post(
        f"{url}/skaha/v1/session",
        params={"name": "private", "image": "images.canfar.net/skaha/desktop:1.0", "type": "desktop"},
        headers=owner,
        timeout=30,
    )
    assert created.status_code == 200, created.text
    sid = created.text.strip()
    try:
        assert sid not in {s["id"] for s in requests.get(f"{url}/skaha/v1/session", headers=other, timeout=30).json()}
        assert requests.get(f"{url}/skaha/v1/session/{sid}", headers=other, timeout=30).status_code == 404
        assert requests.get(f"{url}/skaha/v1/session/{sid}", params={"view": "logs"}, headers=other, timeout=30).status_code == 404
        assert requests.post(f"{url}/skaha/v1/session/{sid}", params={"action": "renew"}, headers=other, timeout=30).status_code == 404
        assert requests.delete(f"{url}/skaha/v1/session/{sid}", headers=other, timeout=30).status_code == 404
        assert requests.get(f"{url}/session/desktop/{sid}/", headers=other, timeout=30).status_code == 404
        # Still there for its owner.
        assert requests.get(f"{url}/skaha/v1/session/{sid}", headers=owner, timeout=30).status_code == 200
    finally:
        requests.delete(f"{url}/skaha/v1/session/{sid}", headers=owner, timeout=30)
