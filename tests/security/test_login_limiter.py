"""The sign-in limit counts a login as it is authenticated, and counts failures only.

Before: the limiter keyed attempts on the login as typed (lower-cased, not stripped), while
sign-in stripped it: " ali", "ali " and "ali\\t" each had five guesses of their own. And every
successful sign-in counted, so a user signing in a sixth time in a minute was refused."""

from __future__ import annotations

from interlink.identity.limiter import ATTEMPTS
from tests.security.conftest import DT, PASSWORD, Server

# full-width letters, and a trailing ideographic space
SPELLINGS = ["ali ", " ali", "ALI", "ali\t", "\uff41\uff4c\uff49", "Ali\u3000"]


def _api_login(server: Server, login: str, password: str) -> int:
    return server.client.post("/api/v1/auth/login",
                              json={"login": login, "password": password}).status_code


def test_every_spelling_of_a_login_draws_on_one_allowance(server: Server) -> None:
    codes = [_api_login(server, SPELLINGS[i % len(SPELLINGS)], "wrong guess")
             for i in range(ATTEMPTS)]
    assert codes == [401] * ATTEMPTS
    # the allowance is spent: even the right password, however spelt, waits
    assert _api_login(server, "ali", PASSWORD) == 429
    assert _api_login(server, " ALI ", PASSWORD) == 429
    # another user is not held back by ali's guesser
    assert _api_login(server, "marie", PASSWORD) == 200


def test_the_web_sign_in_shares_the_count(server: Server) -> None:
    for i in range(ATTEMPTS):
        r = server.client.post("/login", data={"login": SPELLINGS[i], "password": "nope",
                                               "purpose": DT, "next": "/"},
                               follow_redirects=False)
        assert r.status_code == 401
    assert _api_login(server, "ali", PASSWORD) == 429


def test_successful_sign_ins_do_not_count(server: Server) -> None:
    for _ in range(ATTEMPTS * 3):
        assert _api_login(server, "marie", PASSWORD) == 200
    r = server.client.post("/login", data={"login": "Marie ", "password": PASSWORD,
                                           "purpose": DT, "next": "/"}, follow_redirects=False)
    assert r.status_code == 303


def test_a_success_clears_the_failures_of_that_login(server: Server) -> None:
    for _ in range(ATTEMPTS - 1):
        assert _api_login(server, "sara", "wrong guess") == 401
    assert _api_login(server, "sara", PASSWORD) == 200
    for _ in range(ATTEMPTS - 1):
        assert _api_login(server, "sara", "wrong again") == 401
    assert _api_login(server, "sara", PASSWORD) == 200
