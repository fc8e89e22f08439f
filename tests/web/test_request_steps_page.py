"""A judicial request from the web as from the CLI: the draft edited before it is sent, a step
dated when it really happened, the clock events of the requested side; a refused form keeps
what was typed, with the error beside its field."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime

from interlink.cooperation import legal_requests as lr
from interlink.identity import add_user
from interlink.store import Actor
from tests.conftest import ACTOR
from tests.web.test_gate import PASSWORD, _csrf, web  # noqa: F401 - the fixture


def _field_error(page: str, field: str) -> str:
    found = re.search(rf'<p class="error field-error"[^>]*data-field="{field}">(.*?)</p>',
                      page)
    assert found, f"no error beside {field}"
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def test_draft_edited_and_steps_dated_from_the_web(web) -> None:  # noqa: F811
    _, _, browser, store = web
    add_user(store, "olivier", "FR-OFAST", "supervisor", ACTOR, password=PASSWORD)
    add_user(store, "pilar", "ES-DAVA", "supervisor", ACTOR, password=PASSWORD)
    sara, olivier, pilar, ali = (browser("sara"), browser("olivier"), browser("pilar"),
                                 browser("ali"))
    # registered after the fact: drafted on 1 November (the CLI's --at)
    made = lr.create_request(store, Actor("sara", "MA-DGSN"), type="mla", requested="FR-OFAST",
                             subjects=["ma-p1"], legal_basis="untoc-18", message="first words",
                             at=datetime(2026, 11, 1, 9, 0, tzinfo=UTC))
    url = f"/legal-requests/{made.id}"
    page = sara.get(url).text
    assert 'data-testid="edit-draft"' in page and "first words" in page
    assert 'data-testid="edit-draft"' not in ali.get(url).text  # analysts read only
    # refused: a record Sara's agency does not see; what was typed stays, error beside it
    refused = sara.post(url + "/edit", data={
        "subjects": "ma-p1, fr-red", "legal_basis": "untoc-18", "urgency": "urgent",
        "message": "words I typed", "csrf": _csrf(page)})
    assert refused.status_code == 400
    assert "fr-red" in _field_error(refused.text, "subjects")
    assert 'value="ma-p1, fr-red"' in refused.text and "words I typed" in refused.text
    assert "<details class=\"card\" open" in refused.text
    assert lr.list_legal_requests(store, "MA-DGSN")[0].message == "first words"
    done = sara.post(url + "/edit", data={
        "subjects": "ma-p1", "legal_basis": "untoc-18", "urgency": "urgent",
        "measures": "hearing\nbank records", "message": "better words",
        "deadline": "2026-12-31", "csrf": _csrf(page)}, follow_redirects=False)
    assert done.status_code == 303
    req = lr.list_legal_requests(store, "MA-DGSN")[0]
    assert (req.message, req.urgency, req.measures) == (
        "better words", "urgent", ["hearing", "bank records"])
    # the other side may not edit it (403 as a step of the other side, or 404: not shown yet)
    assert olivier.post(url + "/edit", data={
        "subjects": "ma-p1", "message": "x",
        "csrf": _csrf(olivier.get("/legal-requests").text)}).status_code in (403, 404)
    # sent "when it really happened"; a time to come is refused beside the field, kept
    page = sara.get(url).text
    future = sara.post(url + "/step", data={"action": "send", "at": "2999-01-01T10:00",
                                            "reason": "note kept", "csrf": _csrf(page)})
    assert future.status_code == 400 and _field_error(future.text, "at")
    assert 'value="2999-01-01T10:00"' in future.text and 'value="note kept"' in future.text
    sent = sara.post(url + "/step", data={"action": "send", "at": "2026-11-02T09:30",
                                          "csrf": _csrf(page)}, follow_redirects=False)
    assert sent.status_code == 303
    detail = lr.show_request(store, "MA-DGSN", req.id)
    assert [h.action for h in detail.history] == ["create", "edit", "send"]
    assert detail.history[-1].at.isoformat() == "2026-11-02T09:30:00+00:00"
    assert 'data-testid="edit-draft"' not in sara.get(url).text  # no longer a draft
    # an EIO between France and Spain: Spain records the extension of the recognition clock
    eio = olivier.post("/legal-requests", data={
        "type": "eio", "requested": "ES-DAVA", "subjects": "fr-p1",
        "csrf": _csrf(olivier.get("/legal-requests").text)}, follow_redirects=False)
    eio_url = eio.headers["location"]
    token = _csrf(olivier.get(eio_url).text)
    olivier.post(eio_url + "/step", data={"action": "send", "csrf": token})
    token = _csrf(pilar.get(eio_url).text)
    pilar.post(eio_url + "/step", data={"action": "receive", "csrf": token})
    page = pilar.get(eio_url).text
    assert 'value="extend"' in page
    no_reason = pilar.post(eio_url + "/step", data={"action": "extend", "csrf": token})
    assert no_reason.status_code == 400 and _field_error(no_reason.text, "reason")
    extended = pilar.post(eio_url + "/step", data={
        "action": "extend", "reason": "bank abroad", "csrf": token}, follow_redirects=False)
    assert extended.status_code == 303
    eio_id = eio_url.rsplit("/", 1)[1]
    history = lr.show_request(store, "ES-DAVA", eio_id).history
    assert history[-1].action == "extend" and history[-1].details["clock"] == "recognition"


def test_a_refused_grant_comes_back_as_typed(web) -> None:  # noqa: F811
    """Every control of the grant form keeps what was typed: purposes ticked, level, date,
    reason (here refused for a date in the past)."""
    _, _, browser, _ = web
    sara = browser("sara")
    page = sara.get("/sharing").text
    assert 'data-picker="one"' in page  # the record is picked by name too
    refused = sara.post("/sharing/grants", data={
        "record_id": "ma-p1", "recipient": "FR-OFAST", "purposes": ["drug_trafficking",
                                                                     "terrorism"],
        "level": "hit", "valid_until": "2001-01-01", "reason": "kept reason",
        "csrf": _csrf(page)})
    assert refused.status_code == 400 and "2001-01-01" in refused.text
    kept = refused.text
    assert re.search(r'name="purposes" value="terrorism" checked', kept)
    assert re.search(r'name="level" value="hit" checked', kept)
    assert not re.search(r'name="level" value="full" checked', kept)
    assert 'value="2001-01-01"' in kept and 'value="kept reason"' in kept
