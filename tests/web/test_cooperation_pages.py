"""Cooperation pages through the same services and role checks as the API: an operation or
request of others answers like an absent one, coordinating steps need a coordinator."""

from __future__ import annotations

import re

from tests.web.test_gate import _csrf, web  # noqa: F401 - the fixture


def test_operations_and_requests_are_only_their_parties(web) -> None:  # noqa: F811
    _, _, browser, store = web
    from interlink.core import Agency
    from interlink.identity import add_user
    from tests.conftest import ACTOR

    add_user(store, "olivier", "FR-OFAST", "supervisor", ACTOR,
             password="a long enough password")
    ali, sara, olivier = browser("ali"), browser("sara"), browser("olivier")
    # an analyst cannot open an operation; a supervisor can
    token = _csrf(ali.get("/operations").text)
    assert ali.post("/operations", data={"name": "X", "purposes": "drug_trafficking",
                                         "csrf": token}).status_code == 403
    token = _csrf(sara.get("/operations").text)
    made = sara.post("/operations", data={"name": "Atlas", "purposes": "drug_trafficking",
                                          "csrf": token}, follow_redirects=False)
    assert made.status_code == 303
    op_url = made.headers["location"]
    assert "Atlas" in sara.get(op_url).text
    assert olivier.get(op_url).status_code == 404  # not invited: as if absent
    assert olivier.get(op_url + "/report").status_code == 404
    store.add_agency(Agency.create("NL-FIOD", "NL", name="FIOD"), ACTOR)
    add_user(store, "joost", "NL-FIOD", "supervisor", ACTOR, password="a long enough password")
    # a judicial request from draft; the other side sees it once sent, never a third agency
    page = sara.get("/legal-requests").text
    r = sara.post("/legal-requests", data={
        "type": "mla", "requested": "FR-OFAST", "subjects": "ma-p1", "legal_basis": "untoc-18",
        "csrf": _csrf(page)}, follow_redirects=False)
    assert r.status_code == 303, r.text
    req_url = r.headers["location"]
    detail = sara.get(req_url).text
    assert 'data-state="draft"' in detail
    assert re.search(r'value="send"', detail)
    # the requested side may not send the requester's draft
    token = _csrf(olivier.get("/legal-requests").text)
    wrong = olivier.post(req_url + "/step", data={"action": "send", "csrf": token})
    assert wrong.status_code in (403, 404)  # the other side's step, or not shown to it yet
    sara.post(req_url + "/step", data={"action": "send", "csrf": _csrf(detail)})
    assert 'data-state="sent"' in olivier.get(req_url).text
    assert browser("joost").get(req_url).status_code == 404  # a third agency: as if absent
    refused = olivier.post(req_url + "/step", data={"action": "accept", "csrf": token})
    assert refused.status_code == 409  # not in this state: received first
