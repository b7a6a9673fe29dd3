"""Password login and IVOA challenges, as real clients see them."""

from __future__ import annotations

import requests


def test_anonymous_authcheck_is_challenged(platform):
    res = requests.get(f"{platform['url']}/authcheck", timeout=30)
    assert res.status_code == 401
    challenge = res.headers["WWW-Authenticate"]
    assert 'ivoa_bearer standard_id="ivo://ivoa.net/sso#tls-with-password"' in challenge
    assert f'access_url="{platform["url"]}/ac/login"' in challenge
    assert f'ivoa_cookie standard_id="ivo://ivoa.net/sso#tls-with-password", access_url="{platform["url"]}/ac/cookie"' in challenge
    assert 'Bearer realm="vobridge"' in challenge


def test_password_login_then_whoami(platform):
    res = requests.post(
        f"{platform['url']}/ac/login",
        data={"username": "bob", "password": platform["users"]["bob"]["password"]},
        timeout=30,
    )
    assert res.status_code == 200
    assert res.headers["x-vo-authenticated"] == "bob"
    token = res.text
    who = requests.get(f"{platform['url']}/ac/whoami", headers={"Authorization": f"Bearer {token}"}, timeout=30)
    assert who.json() == {"username": "bob", "groups": ["demo"]}


def test_wrong_password_is_refused(platform):
    res = requests.post(f"{platform['url']}/ac/login", data={"username": "bob", "password": "Xyzzy-not-it"}, timeout=30)
    assert res.status_code == 401
    assert "Xyzzy-not-it" not in res.text
