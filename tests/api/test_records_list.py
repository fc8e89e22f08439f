"""GET /records: what a viewer sees in full, paged, and nothing a single read would refuse."""

from __future__ import annotations

from tests.api.test_story import DT, api  # noqa: F401  (fixture)


def _people(n: int, prefix: str) -> list[dict]:
    return [{"id": f"{prefix}{i:02d}", "schema": "Person",
             "properties": {"name": [f"Person {prefix} {i}"]}} for i in range(n)]


def test_lists_follow_grants_and_pages(api) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    client, tok, _store = api
    r = client.post("/api/v1/records", headers=tok["ali"], json={
        "records": _people(12, "ma"), "terms": {"tlp": "AMBER", "purposes": [DT]}})
    assert r.status_code == 201
    own = client.get("/api/v1/records", params={"limit": 5}, headers=tok["ali"]).json()
    assert [x["id"] for x in own["records"]] == [f"ma{i:02d}" for i in range(5)]
    rest = client.get("/api/v1/records", params={"after": own["next"], "limit": 100},
                      headers=tok["ali"]).json()
    assert len(rest["records"]) == 7 and rest["next"] is None

    def partner() -> list[str]:
        body = client.get("/api/v1/records", params={"purpose": DT},
                          headers=tok["marie"]).json()
        return [x["id"] for x in body["records"]]

    assert partner() == []  # hits are never listed
    g = client.post("/api/v1/grants", headers=tok["ali"], json={
        "record_id": "ma03", "recipient_agency": "FR-OFAST", "purposes": [DT],
        "reason": "joint case"})
    assert g.status_code == 201
    assert partner() == ["ma03"]
    other_purpose = client.get("/api/v1/records", params={"purpose": "terrorism"},
                               headers=tok["marie"]).json()
    assert other_purpose["records"] == []
    assert client.delete(f"/api/v1/grants/{g.json()['id']}", headers=tok["ali"],
                         params={"reason": "case closed"}).status_code in (200, 204)
    assert partner() == []
