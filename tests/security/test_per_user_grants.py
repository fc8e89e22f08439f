"""A TLP:RED record shared with named users reaches those users only, on every surface.

Found: the web's graph cache was built for whichever user of an agency asked first and then
served to that agency's other users, so a RED record granted to one analyst showed in a
colleague's chart, network page and GraphML export.
"""

from __future__ import annotations

import pytest

from tests.security.conftest import World, surfaces

SECRETS = ("fr-red", "Mohammed Omara", "RED-ID-99")
# what a page repeats of its own request (the id in its links, the query in its box): no leak
ECHOES = {"web entity": "fr-red", "web search": "Mohammed Omara"}
SEEN_BY_ALI = ("api read", "web entity", "web chart", "web graphml", "web search",
               "api key actors", "api communities")


def _leaks(text: str, surface: str = "") -> list[str]:
    return [s for s in SECRETS if s in text and ECHOES.get(surface) != s]


@pytest.mark.parametrize("first", ["ali", "aya"])
def test_red_grant_to_a_named_user_reaches_that_user_only(world: World, first: str) -> None:
    r = world.grant("marie", "fr-red", "MA-DGSN", users=["ali"])
    assert r.status_code == 201, r.text
    order = [first, "aya" if first == "ali" else "ali"]
    for login in order:  # whoever asks first, the other gets their own answer
        for name, call in surfaces().items():
            text = call(world, login, "fr-red")
            if login == "aya":
                assert not _leaks(text, name), f"{name} showed {_leaks(text, name)} to aya"
            elif name in SEEN_BY_ALI:
                assert "fr-red" in text or "Mohammed Omara" in text, f"{name} hid it from ali"


def test_red_record_without_a_grant_is_unknown_to_everyone_else(world: World) -> None:
    for login in ("ali", "aya", "pepe"):
        for name, call in surfaces().items():
            text = call(world, login, "fr-red")
            assert not _leaks(text, name), f"{name} showed {_leaks(text, name)} to {login}"
