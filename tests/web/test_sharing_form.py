"""The grant form of the sharing page, refused: it comes back with what was typed, the error
beside the control it is about, in the reader's language; a record the agency may not share
reads like one that does not exist."""

from __future__ import annotations

import html
import re

from interlink.policy.listing import given
from interlink.policy.sharing import add_group
from tests.conftest import ACTOR
from tests.web.test_gate import _csrf, web  # noqa: F401 - the fixture

DT = "drug_trafficking"


def _beside(page: str, field: str) -> str:
    """The text of the error shown beside `field` (the macros' `field_error`)."""
    found = re.search(rf'<p class="error field-error"[^>]*data-field="{field}">(.*?)</p>',
                      page, re.S)
    assert found, f"no error beside {field}"
    return html.unescape(re.sub(r"<[^>]+>", "", found.group(1)))


def _on_top(page: str) -> bool:
    return 'class="error" role="alert"' in page


def test_refused_grants_come_back_as_typed_with_the_error_beside_the_field(web) -> None:  # noqa: F811
    _, _, browser, store = web
    sara = browser("sara")
    token = _csrf(sara.get("/sharing").text)
    typed = {"record_id": "ma-p1", "recipient": "FR-OFAST", "purposes": [DT], "level": "hit",
             "valid_until": "2001-01-01", "reason": "by phone", "csrf": token}
    past = sara.post("/sharing/grants", data=typed)
    assert past.status_code == 400
    assert _beside(past.text, "valid_until") == "valid-until 2001-01-01 is in the past"
    assert not _on_top(past.text)  # once, beside the date, not again above the page
    assert 'aria-invalid="true" aria-describedby="valid_until-error"' in past.text
    assert 'value="2001-01-01"' in past.text and 'value="by phone"' in past.text
    # no purpose ticked: beside the purposes
    none = sara.post("/sharing/grants", data={**typed, "purposes": [], "valid_until": ""})
    assert none.status_code == 400
    assert _beside(none.text, "purposes") == "a grant needs at least one purpose"
    # a record the agency may not share and one that does not exist: the same, beside the
    # record, the form as typed (the page's own lists aside, the ids blanked)
    hidden = sara.post("/sharing/grants", data={**typed, "record_id": "fr-red",
                                                "valid_until": ""})
    absent = sara.post("/sharing/grants", data={**typed, "record_id": "no-such",
                                                "valid_until": ""})
    assert hidden.status_code == absent.status_code == 404
    assert hidden.text.replace("fr-red", "ID") == absent.text.replace("no-such", "ID")
    assert _beside(hidden.text, "record_id")
    assert 'value="fr-red"' in hidden.text and 'value="by phone"' in hidden.text
    assert re.search(r'name="level" value="hit" checked', hidden.text)


def test_a_sharing_group_chosen_stays_chosen_and_the_error_reads_in_arabic(web) -> None:  # noqa: F811
    _, _, browser, store = web
    add_group(store, "maghreb", "Maghreb", ["MA-DGSN", "FR-OFAST"], ACTOR)
    sara = browser("sara")
    sara.cookies.set("lang", "ar")
    page = sara.get("/sharing", params={"lang": "ar"}).text
    refused = sara.post("/sharing/grants", params={"lang": "ar"}, data={
        "record_id": "ma-p1", "recipient": "group:maghreb", "purposes": [DT],
        "valid_until": "2001-01-01", "csrf": _csrf(page)})
    assert refused.status_code == 400
    assert re.search(r'<option value="group:maghreb" selected>', refused.text)
    said = _beside(refused.text, "valid_until")
    assert "2001-01-01" in said and "قد مضى" in said and "valid-until" not in said
    assert not given(store, "MA-DGSN")  # refused: nothing was written
