"""``astroquery.cadc`` logging in to the platform as it logs in to CADC.

astroquery reads the registry named by ``conf.CADC_REGISTRY_URL`` (here the platform's
``/reg/resource-caps``), finds the login as capability ``ivo://ivoa.net/std/UMS#login-0.1`` of
resource ``ivo://cadc.nrc.ca/gms`` (the anonymous or cookie interface), POSTs the user name and
password, and keeps the answer as the cookie ``CADC_SSO="<token>"`` (quotes included) in its pyvo
``AuthSession``. That cookie must then authenticate at the platform's services, wherever they live.

Not covered: astroquery's TAP and DataLink lookups (``ivo://cadc.nrc.ca/argus``, ``caom2ops``): the
platform has no TAP service, so the client is given a URL for it, which it does not contact.
"""

from __future__ import annotations

from typing import Any

import pytest
import requests

cadc = pytest.importorskip("astroquery.cadc")
core = pytest.importorskip("astroquery.cadc.core")

COOKIE = "ivo://ivoa.net/sso#cookie"
# astroquery reads capabilities with BeautifulSoup's HTML parser, and bs4 says so on every call.
pytestmark = pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")


@pytest.fixture()
def registry(platform: dict[str, Any], monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"{platform['url']}/reg/resource-caps"
    monkeypatch.setattr(cadc.conf, "CADC_REGISTRY_URL", url)
    # astroquery caches the registry in the function object for the whole process.
    monkeypatch.setattr(core.get_access_url, "caps", {})
    return url


def test_login_finds_the_platform_through_its_registry_and_the_cookie_works_everywhere(
    registry: str, platform: dict[str, Any]
) -> None:
    client = cadc.Cadc(url=f"{platform['url']}/tap-not-used")
    client.login(user="alice", password=platform["users"]["alice"]["password"])
    session = client.cadctap._session.credentials.get(COOKIE)
    cookie = session.cookies.get("CADC_SSO")
    assert cookie is not None and cookie.startswith('"') and cookie.endswith('"')
    for service, path in (("gms", "/gms/search"), ("vospace", "/vospace/nodes/alice"), ("sessions", "/skaha/v1/session")):
        res = session.get(f"{platform['services'][service]}{path}", timeout=30)
        assert (service, res.status_code, res.headers.get("X-VO-Authenticated")) == (service, 200, "alice")


def test_a_wrong_password_raises_and_leaves_no_cookie(registry: str, platform: dict[str, Any]) -> None:
    client = cadc.Cadc(url=f"{platform['url']}/tap-not-used")
    with pytest.raises(requests.exceptions.HTTPError):
        client.login(user="alice", password="Xyzzy-not-it")
    # No cookie security method was ever set up: the session stays anonymous.
    with pytest.raises(KeyError):
        client.cadctap._session.credentials.get(COOKIE)
