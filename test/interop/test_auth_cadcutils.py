"""cadcutils-style password login and token use, with the published cadcutils.

cadcutils resolves a resource id that starts with ``http`` directly to
``<id>/capabilities``; the platform's GMS capabilities list the CADC login
capability (``ivo://ivoa.net/std/UMS#login-0.1``, anonymous) and the GMS
search with ``ivo://ivoa.net/sso#token``, so ``BaseWsClient`` logs in with a
password and then calls GMS with ``Subject(token=...)``, as CADC tools do.

Not covered: ``GroupsClient.get_membership`` parses CADC's XML groups
document, which the platform does not serve (its ``/gms/search`` is IVOA GMS
1.0 plain text); and cadcutils' automatic netrc login only runs for
``ivo://cadc.nrc.ca`` resource ids and sends the cookie only to CADC's own
domains, so it cannot target a loopback platform.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

net = pytest.importorskip("cadcutils.net")
exceptions = pytest.importorskip("cadcutils.exceptions")

LOGIN = "ivo://ivoa.net/std/UMS#login-0.1"
SEARCH = "ivo://ivoa.net/std/GMS#search-1.0"
FORM = {"Content-type": "application/x-www-form-urlencoded", "Accept": "text/plain"}


def test_password_login_then_token_calls(platform, isolated_home):
    # The GMS capabilities name the login service, which is at the platform URL in either topology.
    resource = f"{platform['services']['gms']}/gms"
    anonymous = net.BaseWsClient(resource, net.Subject(), "vobridge-interop", retry=False)
    answer = anonymous.post((LOGIN, None), data=urlencode({"username": "alice", "password": platform["users"]["alice"]["password"]}), headers=FORM)
    assert answer.status_code == 200
    assert answer.headers["x-vo-authenticated"] == "alice"
    token = answer.text

    client = net.BaseWsClient(resource, net.Subject(token=token), "vobridge-interop", retry=False)
    groups = client.get((SEARCH, None)).text.split()
    assert sorted(groups) == sorted(platform["users"]["alice"]["groups"])
    only = client.get((SEARCH, None), params={"group": ["astro", "nonexistent"]}).text.split()
    assert only == ["astro"]


def test_wrong_password_and_anonymous_search_are_refused(platform, isolated_home):
    resource = f"{platform['services']['gms']}/gms"
    anonymous = net.BaseWsClient(resource, net.Subject(), "vobridge-interop", retry=False)
    with pytest.raises(exceptions.UnauthorizedException):
        anonymous.post((LOGIN, None), data=urlencode({"username": "alice", "password": "Xyzzy-not-it"}), headers=FORM)
    # Anonymously, cadcutils finds no interface it may use for the protected search.
    with pytest.raises(Exception):
        anonymous.get((SEARCH, None))
