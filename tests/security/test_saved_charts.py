"""Attacks on saved charts: another user (same agency or not) can neither open, list nor
delete a chart, and learns nothing from its id; a chart saved on a shared record does not show
that record once the grant is revoked (the chart is drawn again from what the owner sees now)."""

from __future__ import annotations

from tests.security.conftest import DT, PHONE, World, world  # noqa: F401  (the world fixture)

FR_SHARED = {"id": "fr-shared", "schema": "Person",
             "properties": {"name": ["Youssef Benali"], "phone": [PHONE]}}


def _save(w: World, centres: list[str]) -> str:
    r = w.api.post("/api/v1/charts", params={"purpose": DT}, headers=w.as_("ali"), json={
        "name": "Amra network", "centres": centres, "notes": "secret note", "depth": 2,
        "raw": True})
    assert r.status_code == 201, r.text
    return r.json()["id"]


def test_nobody_else_opens_or_deletes_a_chart(world: World) -> None:  # noqa: F811
    chart = _save(world, ["ma-p1"])
    absent = "0123456789abcdef"
    for login in ("aya", "sara", "marie", "pepe"):
        mine = world.api.get(f"/api/v1/charts/{chart}", params={"purpose": DT},
                             headers=world.as_(login))
        none = world.api.get(f"/api/v1/charts/{absent}", params={"purpose": DT},
                             headers=world.as_(login))
        assert mine.status_code == none.status_code == 404
        assert mine.json() == none.json()  # the same answer: no oracle on chart ids
        assert "secret note" not in mine.text
        assert world.api.get("/api/v1/charts", headers=world.as_(login)).json() == []
        assert world.api.delete(f"/api/v1/charts/{chart}",
                                headers=world.as_(login)).status_code == 404
        page = world.browser(login).get("/chart", params={"chart": chart})
        assert page.status_code == 404 and "secret note" not in page.text
        r = world.browser(login).post("/chart/delete", data={
            "csrf": world.csrf(login, "/chart"), "chart": chart})
        assert r.status_code == 404
    # still there for its owner
    assert world.api.get(f"/api/v1/charts/{chart}", params={"purpose": DT},
                         headers=world.as_("ali")).json()["notes"] == "secret note"


def test_a_revoked_record_leaves_the_saved_chart(world: World) -> None:  # noqa: F811
    assert world.write("marie", FR_SHARED).status_code == 201
    granted = world.grant("marie", "fr-shared", "MA-DGSN")
    assert granted.status_code == 201
    chart = _save(world, ["ma-p1", "fr-shared"])
    before = world.api.get(f"/api/v1/charts/{chart}", params={"purpose": DT},
                           headers=world.as_("ali")).json()
    assert before["centres"] == ["ma-p1", "fr-shared"]
    assert "fr-shared" in {n["data"]["id"] for n in before["elements"]["nodes"]}
    assert world.api.delete(f"/api/v1/grants/{granted.json()['id']}",
                            headers=world.as_("marie")).status_code == 204
    after = world.api.get(f"/api/v1/charts/{chart}", params={"purpose": DT},
                          headers=world.as_("ali"))
    assert after.status_code == 200
    assert after.json()["centres"] == ["ma-p1"]
    assert "fr-shared" not in after.text and "Youssef" not in after.text
    page = world.browser("ali").get("/chart", params={"chart": chart})
    assert "fr-shared" not in page.text
    # nor can a chart be saved on a record the user may not see (a hidden TLP:RED one)
    r = world.api.post("/api/v1/charts", params={"purpose": DT}, headers=world.as_("ali"),
                       json={"name": "probe", "centres": ["fr-red"]})
    same = world.api.post("/api/v1/charts", params={"purpose": DT}, headers=world.as_("ali"),
                          json={"name": "probe", "centres": ["no-such-record"]})
    assert r.status_code == same.status_code == 400 and r.json() == same.json()
