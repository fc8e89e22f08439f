"""Demo logins and the demo sharing group: created once, usable, and idempotent."""

from __future__ import annotations

from interlink.demo.agencies import AGENCIES
from interlink.demo.sharing import GROUP, MEMBERS, add_demo_sharing
from interlink.demo.users import add_demo_users
from interlink.identity import authenticate
from interlink.policy.listing import given, groups_of
from tests.conftest import ACTOR


def test_demo_logins_and_sharing(make_store) -> None:  # type: ignore[no-untyped-def]
    store = make_store()
    for agency in AGENCIES:
        store.add_agency(agency, ACTOR)
    logins = add_demo_users(store, list(AGENCIES), ACTOR)
    assert len(logins) == 2 * len(AGENCIES)
    assert add_demo_users(store, list(AGENCIES), ACTOR) == logins  # again: nothing new
    code, role, login, password = logins[0]
    user = authenticate(store, login, password)
    assert user is not None and user.agency == code and user.role == role
    assert len(add_demo_sharing(store, ACTOR)) == len(MEMBERS)
    assert add_demo_sharing(store, ACTOR) == []
    assert GROUP in groups_of(store, "MA-DGSN") and groups_of(store, "CO-DIRAN") == {}
    assert [g.recipient for g in given(store, "FR-OFAST")] == [f"group:{GROUP}"]
