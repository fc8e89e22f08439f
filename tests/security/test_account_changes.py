"""An account taken out of use is refused by the very next request on every surface, including
the reads a server answers from its token cache (the fast reads and FastAPI's read routes trust
a verified token while no account change is audited): `interlink user disable` is that audited
change, made here from another process's store handle as an administrator's command would be."""

from __future__ import annotations

from fastapi.testclient import TestClient

from interlink.identity import set_disabled
from interlink.store import open_store
from tests.conftest import ACTOR
from tests.security.conftest import DT, World


def _disable(store_url: str, login: str, disabled: bool) -> None:
    other = open_store(store_url)
    try:
        set_disabled(other, login, disabled, ACTOR)
    finally:
        other.close()


def test_a_disabled_account_is_refused_by_the_next_read_on_every_surface(
        world: World, store_url: str) -> None:
    with TestClient(world.app, raise_server_exceptions=False) as client:
        h = world.as_("marie")
        browser = world.browser("marie")
        read = ("/api/v1/records/fr-red", {"purpose": DT})
        search = ("/api/v1/search", {"q": "Omara", "purpose": DT})
        slow_read = ("/api/v1/records/fr-red", {"purpose": DT, "unknown": "x"})  # to FastAPI
        for path, params in (read, search, slow_read):  # the token is cached by now
            assert client.get(path, params=params, headers=h).status_code == 200
        assert browser.get("/entity/fr-red").status_code == 200

        _disable(store_url, "marie", True)
        for path, params in (read, search, slow_read):
            answer = client.get(path, params=params, headers=h)
            assert answer.status_code == 401, (path, answer.text)
            assert "RED-ID-99" not in answer.text and "Omara" not in answer.text
        page = browser.get("/entity/fr-red", follow_redirects=False)
        assert page.status_code in (302, 303, 401) and "RED-ID-99" not in page.text

        _disable(store_url, "marie", False)
        assert client.get(read[0], params=read[1], headers=h).status_code == 200
