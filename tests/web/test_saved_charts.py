"""Saved charts on the chart page (issue 14, point 4): save what is drawn with a name and
notes, find it in the list, open it at /chart?chart=ID with its centres and depth, delete it."""

from __future__ import annotations

import re

from tests.security.conftest import World, world  # noqa: F401  (the world fixture)


def _save(w: World, login: str, **form: str) -> str:
    r = w.browser(login).post("/chart/save", data={"csrf": w.csrf(login, "/chart"), **form},
                              follow_redirects=False)
    assert r.status_code == 303, r.text
    found = re.search(r"chart=([0-9a-f]+)", r.headers["location"])
    assert found and "saved=saved" in r.headers["location"]
    return found.group(1)


def test_save_open_and_delete_from_the_page(world: World) -> None:  # noqa: F811
    page = world.browser("ali").get("/chart", params={"ids": "ma-p1"})
    assert page.status_code == 200 and 'data-testid="chart-save"' in page.text
    assert "No saved chart yet." in page.text
    chart = _save(world, "ali", name="Amra, first look", notes="phone shared with FR?",
                  ids="ma-p1", depth="3", raw="1")
    opened = world.browser("ali").get("/chart", params={"chart": chart, "saved": "saved"})
    assert opened.status_code == 200
    html = opened.text
    assert 'data-testid="chart-saved-done"' in html
    assert f'data-chart="{chart}"' in html and "phone shared with FR?" in html
    assert 'data-ids="ma-p1"' in html and 'data-raw="1"' in html
    assert '<option value="3" selected>' in html  # its depth
    assert f'href="/chart?chart={chart}"' in html  # in the list of saved charts
    r = world.browser("ali").post("/chart/delete", data={
        "csrf": world.csrf("ali", "/chart"), "chart": chart}, follow_redirects=False)
    assert r.status_code == 303 and "saved=deleted" in r.headers["location"]
    assert world.browser("ali").get("/chart", params={"chart": chart}).status_code == 404
    assert f"chart={chart}" not in world.browser("ali").get("/chart").text


def test_a_chart_needs_a_name_and_a_centre_seen(world: World) -> None:  # noqa: F811
    for form in ({"name": "", "ids": "ma-p1"}, {"name": "x", "ids": "fr-p1"},
                 {"name": "x", "ids": "no-such"}):
        r = world.browser("ali").post("/chart/save", data={
            "csrf": world.csrf("ali", "/chart"), "depth": "2", **form})
        assert r.status_code == 400 and 'data-testid="problem"' in r.text
    assert "No saved chart yet." in world.browser("ali").get("/chart").text
