"""The demo's day of cooperation (`interlink demo --activity`): each agency that signs in to the
demo finds something of every kind waiting, through the same services the interface uses, and a
second run adds nothing."""

from __future__ import annotations

from interlink.cooperation import legal_requests as lr
from interlink.cooperation.inbox import inbox
from interlink.demo import build_case
from interlink.demo.activity import add_demo_activity
from interlink.demo.sharing import add_demo_sharing
from interlink.store import SQLStore
from tests.conftest import ACTOR


def test_every_kind_of_work_waits_for_someone(store: SQLStore) -> None:
    case = build_case(scale=1, seed=42)
    known = {a.code for a in store.list_agencies()}  # the fixture's store has two already
    for agency in case.agencies:
        if agency.code not in known:
            store.add_agency(agency, ACTOR)
    store.write(case.iter_records(), ACTOR, reason="demo")
    add_demo_sharing(store, ACTOR)
    made = add_demo_activity(store, case)
    assert (len(made.notices), len(made.info_requests), len(made.legal_requests),
            len(made.operations)) == (1, 2, 2, 1)

    ma, fr, es = (inbox(store, a) for a in ("MA-DGSN", "FR-OFAST", "ES-DAVA"))
    # Morocco: the Spanish request overdue, waiting for an answer; Spain's invitation; what
    # its red notice found in the other agencies' holdings
    assert [i.code for i in ma.of("overdue")] == ["inbox.deadline_overdue"]
    assert [i.params["agency"] for i in ma.of("request")] == ["ES-DAVA"]
    assert [i.params["agency"] for i in ma.of("invitation")] == ["ES-DAVA"]
    found = ma.of("alert")
    assert found and {i.code for i in found} == {"inbox.notice_found"}
    assert "MA-DGSN" not in {i.params["agency"] for i in found}
    # France: the Moroccan notice, its alert on a French record, the Emirati answer, the
    # invitation
    assert [i.params["agency"] for i in fr.of("notice")] == ["MA-DGSN"]
    assert {i.code for i in fr.of("alert")} == {"inbox.notice_alert"}
    assert [i.params["agency"] for i in fr.of("answer")] == ["AE-FCA"]
    assert [i.params["agency"] for i in fr.of("invitation")] == ["ES-DAVA"]
    # Spain: the French EIO waits, due within days and not yet overdue
    assert [i.params["agency"] for i in es.of("request")] == ["FR-OFAST"]
    assert [i.params["id"] for i in es.of("due")] == [made.legal_requests[0]]
    # ... and sees its own request to Morocco overdue, as Morocco does
    assert [i.params["id"] for i in es.of("overdue")] == [made.legal_requests[1]]
    eio = lr.get_request(store, "ES-DAVA", made.legal_requests[0])
    assert (eio.type, eio.requesting, eio.state) == ("eio", "FR-OFAST", "received")

    # run twice, the inbox is not doubled
    again = add_demo_activity(store, case)
    assert again.count() == 0
    assert inbox(store, "MA-DGSN").count == ma.count
