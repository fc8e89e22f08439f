"""A file named `..` (or a path, or nothing printable) is refused as a file name.

Before: the screening page joined the upload's name to a temporary directory; `..` named the
directory's parent, and writing to it answered 500. `core.limits.file_name` is the check; the
page (web/pages/screening.py, the lead's file) is to call it on `upload.filename`."""

from __future__ import annotations

import pytest

from interlink.core.errors import InvalidInput
from interlink.core.limits import file_name
from tests.security.conftest import DT, PASSWORD, Server


@pytest.mark.parametrize("name", ["..", ".", "", "  ", "../etc/passwd", "a\\b", "x\x00y",
                                  "list\n.csv", "\u202ecsv.exe"])
def test_names_that_are_not_file_names_are_refused(name: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        file_name(name)
    assert caught.value.field == "file"


def test_plain_names_pass() -> None:
    assert file_name(" watchlist 2026.csv ") == "watchlist 2026.csv"
    assert file_name("قائمة.csv") == "قائمة.csv"


def test_the_screening_page_refuses_a_file_named_dot_dot(server: Server) -> None:
    r = server.client.post("/login", data={"login": "ali", "password": PASSWORD, "purpose": DT,
                                           "next": "/"}, follow_redirects=False)
    assert r.status_code == 303
    page = server.client.get("/screen")
    token = page.text.split('name="csrf" value="')[1].split('"')[0]
    r = server.client.post("/screen", data={"csrf": token, "name": ""},
                           files={"file": ("..", b"id,name\nW1,Ali\n", "text/csv")})
    assert r.status_code == 400, r.status_code
