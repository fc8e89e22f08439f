"""Joint operations: the sharing group's life, targets and deconfliction on resolved entities,
tasks, and the results ledger with its totals."""

from __future__ import annotations

import pytest

from interlink.audit import chain
from interlink.cooperation import ledger
from interlink.cooperation import operations as ops
from interlink.cooperation.deconfliction import check_interest, list_notices
from interlink.core.errors import InvalidInput
from interlink.core.viewer import Viewer
from interlink.policy import Visibility
from interlink.policy.sharing import judge
from interlink.resolve.judgements import judge as judge_pair
from interlink.store import Actor
from tests.cooperation.conftest import DT, ES, FR, MA


def seen(store, actor: Actor, rid: str) -> Visibility:  # type: ignore[no-untyped-def]
    return judge(store, [store.get(rid)], Viewer(actor.user, actor.agency, DT))[0]


def andes(store):  # type: ignore[no-untyped-def]
    return ops.create_operation(store, FR, "Andes", partners=["MA-DGSN", "ES-DAVA"],
                                purposes=[DT], starts="2026-01-01", ends="2026-06-30")


def test_sharing_group_lives_and_dies_with_the_operation(coop) -> None:  # type: ignore[no-untyped-def]
    op = andes(coop)
    assert [(m.agency, m.role, m.status) for m in op.members] == [
        ("FR-OFAST", "lead", "member"), ("ES-DAVA", "partner", "invited"),
        ("MA-DGSN", "partner", "invited")]
    with pytest.raises(LookupError):
        ops.get_operation(coop, "XX-NONE", op.id)
    with pytest.raises(InvalidInput, match="join"):
        ops.share(coop, MA, op.id, ["ma-1"])
    ops.join(coop, MA, op.id, contact="Cdt. Alami +212 5 00 00 00")
    with pytest.raises(InvalidInput, match="already a member"):
        ops.join(coop, MA, op.id)
    assert seen(coop, FR, "ma-1") is Visibility.HIT
    ops.share(coop, MA, op.id, ["ma-1"])
    ops.share(coop, FR, op.id, None)  # all of FR's records
    assert seen(coop, FR, "ma-1") is Visibility.FULL
    assert seen(coop, MA, "fr-1") is Visibility.FULL
    assert seen(coop, ES, "fr-1") is Visibility.HIT  # invited, not joined
    ops.leave(coop, MA, op.id)
    assert seen(coop, MA, "fr-1") is Visibility.HIT  # left: access through the group ends
    with pytest.raises(InvalidInput, match="invite it again"):
        ops.join(coop, MA, op.id)
    ops.invite(coop, FR, op.id, "MA-DGSN")
    ops.join(coop, MA, op.id)
    ops.join(coop, ES, op.id)
    assert seen(coop, ES, "fr-1") is Visibility.FULL
    with pytest.raises(InvalidInput, match="lead"):
        ops.close(coop, MA, op.id)
    with pytest.raises(InvalidInput, match="close it"):
        ops.leave(coop, FR, op.id)
    closed = ops.close(coop, FR, op.id, reason="end of phase 1")
    assert closed.state == "closed" and all(m.status != "member" or m.role == "lead"
                                            for m in closed.members)
    assert seen(coop, ES, "fr-1") is Visibility.HIT and seen(coop, FR, "ma-1") is Visibility.HIT
    with pytest.raises(InvalidInput, match="closed"):
        ops.join(coop, MA, op.id)
    with coop.engine.connect() as conn:
        actions = [e.details.get("action") for e in chain.entries(conn, action="operation")]
        revoked = list(chain.entries(conn, action="revocation"))
        assert chain.verify(conn).ok
    assert actions[:3] == ["create", "join", "leave"] and actions[-1] == "close"
    assert len(revoked) == 2 and revoked[0].reason == "operation closed"


def test_tasks(coop) -> None:  # type: ignore[no-untyped-def]
    op = andes(coop)
    with pytest.raises(InvalidInput, match="not a member"):
        ops.assign_task(coop, FR, op.id, "MA-DGSN", "surveil the port of Tanger Med")
    ops.join(coop, MA, op.id)
    with pytest.raises(InvalidInput, match="only the lead"):
        ops.assign_task(coop, MA, op.id, "MA-DGSN", "x")
    task = ops.assign_task(coop, FR, op.id, "MA-DGSN", "surveil the port of Tanger Med",
                           due="2026-02-01")
    with pytest.raises(InvalidInput):
        ops.complete_task(coop, ES, op.id, task.id)
    assert ops.complete_task(coop, MA, op.id, task.id).status == "done"
    assert ops.get_operation(coop, "MA-DGSN", op.id).tasks[0].status == "done"


def test_deconfliction_between_two_agencies(coop) -> None:  # type: ignore[no-untyped-def]
    andes_op = andes(coop)
    ops.join(coop, MA, andes_op.id, contact="Cdt. Alami")
    own = ops.create_operation(coop, ES, "Estrecho", purposes=[DT])
    first = ops.add_target(coop, FR, andes_op.id, "fr-1")
    assert first.deconfliction == []  # nobody else is interested yet
    with pytest.raises(InvalidInput, match="already a target"):
        ops.add_target(coop, FR, andes_op.id, "fr-1")
    # MA targets its own record of another person: nothing
    assert ops.add_target(coop, MA, andes_op.id, "ma-2").deconfliction == []
    # ma-1 and fr-1 are judged the same person: MA targeting ma-1 meets FR's target
    judge_pair(coop, "fr-1", "ma-1", "same", Actor("analyst"))
    outcome = ops.add_target(coop, MA, andes_op.id, "ma-1")
    (notice,) = outcome.deconfliction
    assert (notice.other_agency, notice.other_contact, notice.your_record) == (
        "FR-OFAST", "marie", "ma-1")
    fr_side = list_notices(coop, "FR-OFAST")
    assert [(n.other_agency, n.other_contact, n.your_record, n.your_operation)
            for n in fr_side] == [("MA-DGSN", "ali", "fr-1", andes_op.id)]
    assert set(fr_side[0].to_dict()) == {"id", "created_at", "trigger", "other_agency",
                                         "other_contact", "your_record", "your_operation"}
    # ES searching the same person in its own work: both told; twice is told once
    es_found = check_interest(coop, "ES-DAVA", "juan", ["fr-1"], "search")
    assert {n.other_agency for n in es_found} == {"FR-OFAST", "MA-DGSN"}
    assert check_interest(coop, "ES-DAVA", "juan", ["fr-1"], "search") == []
    assert {n.other_agency for n in list_notices(coop, "MA-DGSN")} == {"FR-OFAST", "ES-DAVA"}
    assert [n.other_contact for n in list_notices(coop, "ES-DAVA")
            if n.other_agency == "MA-DGSN"] == ["Cdt. Alami"]
    # a closed operation's targets no longer raise anything
    ops.close(coop, FR, andes_op.id)
    assert ops.add_target(coop, ES, own.id, "es-1").deconfliction == []
    assert check_interest(coop, "ES-DAVA", "juan", ["ma-2"], "screen") == []
    with coop.engine.connect() as conn:
        told = list(chain.entries(conn, action="deconfliction"))
    assert {(e.agency, e.recipient) for e in told} == {
        ("FR-OFAST", "MA-DGSN"), ("MA-DGSN", "FR-OFAST"), ("FR-OFAST", "ES-DAVA"),
        ("ES-DAVA", "FR-OFAST"), ("MA-DGSN", "ES-DAVA"), ("ES-DAVA", "MA-DGSN")}


def test_results_ledger_and_totals(coop) -> None:  # type: ignore[no-untyped-def]
    op = andes(coop)
    ops.join(coop, MA, op.id)
    other = ops.create_operation(coop, MA, "Panama Express", purposes=[DT])
    add = ledger.add_result
    add(coop, FR, op.id, "arrest", on="2026-01-10", place="Marseille", person="Y. El Hamdaoui",
        record_id="fr-1")
    add(coop, MA, op.id, "arrest", on="2026-01-11", place="Tanger", person="K. Bennani")
    add(coop, MA, op.id, "arrest", on="2026-02-02", place="Tanger", person="A. Ouazzani")
    add(coop, MA, op.id, "seizure", on="2026-01-11", place="Tanger Med", commodity="Cocaine",
        quantity=1200, unit="kg", value=36_000_000, currency="eur",
        concealment="banana containers")
    add(coop, FR, op.id, "seizure", on="2026-02-03", commodity="cocaine", quantity=50_000,
        unit="g", value=1_500_000, currency="EUR")
    add(coop, FR, op.id, "asset_freeze", on="2026-02-04", amount=250_000, currency="EUR",
        asset_kind="bank_account")
    add(coop, MA, op.id, "asset_freeze", on="2026-02-05", amount=3_000_000, currency="MAD",
        asset_kind="real_estate")
    add(coop, FR, op.id, "organisation_identified", on="2026-01-20", organisation="Cell A")
    add(coop, FR, op.id, "organisation_dismantled", on="2026-02-20", organisation="Cell A")
    add(coop, MA, op.id, "investigation_opened", on="2026-02-21", reference="TNG/2026/77")
    add(coop, MA, other.id, "arrest", on="2026-03-01", person="X")
    (mine,) = ledger.totals(coop, "FR-OFAST", by="operation")  # FR is not on Panama Express
    assert (mine.key, mine.arrests, mine.seizures, mine.assets_frozen) == (op.id, 3, 2, 2)
    assert mine.seized == {"cocaine kg": 1250.0}
    assert mine.seized_value == {"EUR": 37_500_000.0}
    assert mine.frozen == {"EUR": 250_000.0, "MAD": 3_000_000.0}
    assert (mine.organisations_identified, mine.organisations_dismantled,
            mine.investigations_opened) == (1, 1, 1)
    by_country = {t.key: t for t in ledger.totals(coop, "MA-DGSN", by="country")}
    assert (by_country["FR"].arrests, by_country["MA"].arrests) == (1, 3)
    assert by_country["MA"].seized == {"cocaine kg": 1200.0}
    by_month = {t.key: t.arrests for t in ledger.totals(coop, "MA-DGSN", by="month")}
    assert by_month == {"2026-01": 2, "2026-02": 1, "2026-03": 1}
    with pytest.raises(LookupError):
        ledger.totals(coop, "ES-DAVA", operation_id=other.id)
    with pytest.raises(InvalidInput, match="records the quantity"):
        add(coop, FR, op.id, "seizure", on="2026-01-01", commodity="cannabis", unit="kg")
    with pytest.raises(InvalidInput, match="unit"):
        add(coop, FR, op.id, "seizure", on="2026-01-01", commodity="cannabis", quantity=1,
            unit="bales")
    with pytest.raises(InvalidInput, match="ISO 4217"):
        add(coop, FR, op.id, "asset_freeze", on="2026-01-01", amount=1, currency="euros",
            asset_kind="cash")
    with pytest.raises(InvalidInput, match="cannot record"):
        add(coop, ES, op.id, "arrest", on="2026-01-01", person="Z")  # invited, not joined


def test_search_tells_both_sides(coop) -> None:  # type: ignore[no-untyped-def]
    from interlink.access.search import search

    op = andes(coop)
    ops.add_target(coop, FR, op.id, "fr-1")
    found = search(coop, Viewer("juan", "ES-DAVA", DT), "Youssef El Hamdaoui")
    assert "fr-1" in [h["id"] for h in found.hits]
    (es_side,) = list_notices(coop, "ES-DAVA")
    assert (es_side.other_agency, es_side.other_contact, es_side.trigger) == (
        "FR-OFAST", "marie", "search")
    assert [n.other_agency for n in list_notices(coop, "FR-OFAST")] == ["ES-DAVA"]
    search(coop, Viewer("marie", "FR-OFAST", DT), "Youssef El Hamdaoui")  # its own target
    assert len(list_notices(coop, "FR-OFAST")) == 1


def test_screening_tells_both_sides(coop) -> None:  # type: ignore[no-untyped-def]
    from interlink.access.screening import screen_entries
    from interlink.screen import Entry

    op = andes(coop)
    ops.join(coop, MA, op.id, contact="Cdt. Alami")
    ops.add_target(coop, MA, op.id, "ma-1")
    ops.share(coop, MA, op.id, ["ma-1"])  # FR screens against what it sees in full
    found = screen_entries(coop, Viewer("marie", "FR-OFAST", DT),
                           [Entry.create("q1", "Youssef El Hamdaoui", "1988-04-17")])
    assert "ma-1" in {a.watchlist_id for a in found.alerts}
    assert [(n.other_agency, n.other_contact, n.trigger) for n in list_notices(
        coop, "FR-OFAST")] == [("MA-DGSN", "Cdt. Alami", "screen")]


def test_commodities_add_up_by_code_whatever_the_language(coop) -> None:  # type: ignore[no-untyped-def]
    """"cannabis resin", "résine de cannabis" and "راتنج القنب" are one commodity: seizures
    recorded by three agencies in three languages total under one code."""
    op = andes(coop)
    ops.join(coop, MA, op.id)
    add = ledger.add_result
    add(coop, FR, op.id, "seizure", on="2026-01-10", commodity="résine de cannabis",
        quantity=2, unit="t")
    add(coop, MA, op.id, "seizure", on="2026-01-11", commodity="راتنج القنب", quantity=750,
        unit="kg")
    add(coop, MA, op.id, "seizure", on="2026-01-12", commodity="Cannabis resin",
        quantity=250_000, unit="g")
    add(coop, FR, op.id, "seizure", on="2026-01-13", commodity="hashish", quantity=10,
        unit="kg")
    (total,) = ledger.totals(coop, "FR-OFAST", by="operation")
    assert total.seized == {"cannabis_resin kg": 3010.0}
    results = ledger.list_results(coop, "MA-DGSN", op.id)
    assert {r.details["commodity"] for r in results} == {"cannabis_resin"}
    with pytest.raises(InvalidInput) as unknown:
        add(coop, FR, op.id, "seizure", on="2026-01-14", commodity="moon dust", quantity=1,
            unit="kg")
    assert unknown.value.code == "commodity.unknown" and unknown.value.field == "commodity"
    # countries from ISO 3166: "XX" is no country
    with pytest.raises(InvalidInput) as nowhere:
        add(coop, FR, op.id, "arrest", on="2026-01-15", person="Z", country="XX")
    assert nowhere.value.code == "country.unknown"
    assert add(coop, FR, op.id, "arrest", on="2026-01-15", person="Z", country="es").country == "ES"
