"""Property tests: the gate agrees with the reference rules on generated worlds.

10,000 generated cases (agencies, groups, served agencies, records with random envelopes,
grants and re-grants with random recipients, purposes, people, levels, dates and revocations,
and viewers) for the decision itself, and a smaller number through the store, where grants are
written with the real tables and loaded back, as every read and search loads them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interlink.core import Envelope, Purpose, Record
from interlink.core.record import make_entity
from interlink.core.viewer import Viewer
from interlink.policy import Grant, PolicyContext, SharingGroup, Visibility, visibility
from tests.policy.reference import reference

TODAY = date(2026, 11, 23)
AGENCIES = ["MA-DGSN", "FR-OFAST", "ES-DAVA", "CO-DIRAN"]
USERS = ["u1", "u2", "u3"]
PURPOSES = ["drug_trafficking", "money_laundering", "terrorism"]
TLPS = ["CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"]
RECORD_IDS = ["r1", "r2"]

agency = st.sampled_from(AGENCIES)
day = st.integers(-3, 3).map(lambda d: TODAY + timedelta(days=d))


@st.composite
def worlds(draw, tlps: list[str] = TLPS):  # type: ignore[no-untyped-def]
    groups = {
        gid: SharingGroup(gid, gid, frozenset(draw(st.sets(agency, max_size=3))))
        for gid in draw(st.sets(st.sampled_from(["g1", "g2"]), max_size=2))
    }
    serves = {a: frozenset(draw(st.sets(agency, max_size=2)))
              for a in draw(st.sets(agency, max_size=2))}
    owner = draw(agency)
    record_id = draw(st.sampled_from(RECORD_IDS))
    envelope = Envelope(
        owner=owner, tlp=draw(st.sampled_from(tlps)), handling=draw(st.sampled_from(
            ["H0", "H1", "H2"])),
        purposes=frozenset(draw(st.sets(st.sampled_from(PURPOSES), min_size=1))),
        review_by=draw(day),
    )
    entity = make_entity({"id": record_id, "schema": "Person", "properties": {"name": ["x"]}})
    grants = []
    for n in range(draw(st.integers(0, 4))):
        to_group = draw(st.booleans()) and bool(groups)
        grants.append(Grant(
            id=f"k{n}",
            grantor=draw(st.sampled_from([owner, *AGENCIES])),
            recipient_agency=None if to_group else draw(agency),
            recipient_group=draw(st.sampled_from(sorted(groups))) if to_group else None,
            record_id=draw(st.sampled_from([None, *RECORD_IDS])),
            purposes=frozenset(Purpose(p) for p in draw(
                st.sets(st.sampled_from(PURPOSES), max_size=2))),
            users=frozenset(draw(st.sets(st.sampled_from(USERS), max_size=2))),
            level=draw(st.sampled_from(["full", "hit"])),
            valid_until=draw(st.none() | day),
            revoked=draw(st.booleans()),
            parent=draw(st.none() | st.sampled_from([f"k{i}" for i in range(4)])),
        ))
    viewer = Viewer(draw(st.sampled_from(USERS)), draw(agency),
                    draw(st.none() | st.sampled_from(PURPOSES)))
    ctx = PolicyContext(grants=tuple(grants), groups=groups, serves=serves, today=TODAY)
    return Record(entity, envelope), viewer, ctx


# 10,000 cases in all, 2,000 per TLP: one test per TLP so that the suite's workers share them
# (one 10,000-case test was the longest in the suite).
@pytest.mark.parametrize("tlp", TLPS)
def test_gate_agrees_with_the_reference(tlp: str) -> None:
    @settings(max_examples=10_000 // len(TLPS), deadline=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(worlds([tlp]))
    def agrees(world) -> None:  # type: ignore[no-untyped-def]
        record, viewer, ctx = world
        assert record.envelope.tlp.value == tlp
        assert visibility(record, viewer, ctx).value == reference(record, viewer, ctx)

    agrees()


def _write_sharing(conn, ctx: PolicyContext) -> None:  # type: ignore[no-untyped-def]
    """Replace the sharing tables' content with a generated world's groups, served agencies
    and grants, and say so in the audit log as every real change does (the gate's per-process
    copy of the small tables is keyed on that)."""
    import json
    from datetime import UTC, datetime

    from sqlalchemy import delete

    from interlink.audit import chain
    from interlink.store.tables import agency_serves, grants, group_members, sharing_groups

    now = datetime.now(UTC)
    for table in (grants, agency_serves, group_members, sharing_groups):
        conn.execute(delete(table))
    for g in ctx.groups.values():
        conn.execute(sharing_groups.insert().values(id=g.id, name=g.name, created_by="t",
                                                    created_at=now))
        for m in g.members:
            conn.execute(group_members.insert().values(group_id=g.id, agency=m,
                                                       added_at=now))
    for a, clients in ctx.serves.items():
        for c in clients:
            conn.execute(agency_serves.insert().values(agency=a, client=c))
    for g in ctx.grants:
        conn.execute(grants.insert().values(
            id=g.id, grantor=g.grantor, recipient_agency=g.recipient_agency,
            recipient_group=g.recipient_group, record_id=g.record_id,
            purposes=",".join(sorted(p.value for p in g.purposes)),
            users=json.dumps(sorted(g.users)), level=g.level, valid_until=g.valid_until,
            revoked_at=now if g.revoked else None, parent=g.parent, created_by="t",
            created_at=now, reason=""))
    chain.append(conn, "group", "t", details={"rewritten": "groups and serves"})


@pytest.fixture(scope="module")
def policy_store(tmp_path_factory):  # type: ignore[no-untyped-def]
    from interlink.store import open_store

    store = open_store(str(tmp_path_factory.mktemp("p") / "s.db"), create=True)
    yield store
    store.close()


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(world=worlds())
def test_grants_read_back_from_the_store_decide_the_same(policy_store, world) -> None:  # type: ignore[no-untyped-def]
    """What the tables hold and `load_context` reads back gives the same decisions."""

    from interlink.policy.sharing import load_context

    record, viewer, ctx = world
    with policy_store.transaction() as conn:
        _write_sharing(conn, ctx)
        loaded = load_context(conn, [record.id], [record.owner], TODAY)
    if loaded.grants:  # groups and serves are read (or taken from the cache) only then
        assert {g.id: g.members for g in loaded.groups.values()} == {
            g.id: g.members for g in ctx.groups.values()}
        assert {k: v for k, v in loaded.serves.items() if v} == {
            k: v for k, v in ctx.serves.items() if v}
    assert visibility(record, viewer, loaded) == visibility(record, viewer, ctx)


@pytest.fixture(scope="module")
def list_store(tmp_path_factory):  # type: ignore[no-untyped-def]
    from interlink.core import Agency
    from interlink.store import Actor, open_store

    store = open_store(str(tmp_path_factory.mktemp("l") / "s.db"), create=True)
    for code in AGENCIES:
        store.add_agency(Agency.create(code, code[:2], name=code), Actor("t"))
    yield store
    store.close()


@st.composite
def granted_worlds(draw):  # type: ignore[no-untyped-def]
    """Worlds leaning towards visibility through grants: the viewer declares a purpose the
    record was collected for, the grants name it, and the record is not past review."""
    from dataclasses import replace

    record, viewer, ctx = draw(worlds())
    purpose = draw(st.sampled_from(sorted(record.envelope.purposes)))
    envelope = replace(record.envelope, review_by=TODAY + timedelta(days=draw(st.integers(0, 3))))
    viewer = Viewer(viewer.user, viewer.agency, purpose)
    grants = tuple(replace(g, purposes=g.purposes | {Purpose(purpose)}) for g in ctx.grants)
    return Record(record.entity, envelope), viewer, replace(ctx, grants=grants)


@settings(max_examples=400, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(world=st.one_of(worlds(), granted_worlds()))
def test_lists_filtered_in_sql_agree_with_the_gate(list_store, world) -> None:  # type: ignore[no-untyped-def]
    """A list (the gate's rules as SQL filters, then the gate) holds a record exactly when a
    single read would show it in full."""

    from sqlalchemy import delete

    from interlink.policy.visible import visible_records
    from interlink.store import Actor
    from interlink.store.tables import (
        record_keys,
        record_versions,
        records,
    )

    record, viewer, ctx = world
    with list_store.transaction() as conn:
        for table in (records, record_versions, record_keys):
            conn.execute(delete(table))
        _write_sharing(conn, ctx)
    list_store.write([record], Actor("t", record.owner), "property test")
    found, _ = visible_records(list_store, viewer, today=TODAY)
    expected = visibility(record, viewer, ctx) is Visibility.FULL
    assert ([r.id for r in found] == [record.id]) is expected


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(world=st.one_of(worlds(), granted_worlds()))
def test_the_servers_snapshot_decides_as_the_worlds_grants(policy_store, world) -> None:  # type: ignore[no-untyped-def]
    """The grants snapshot read back from the tables (policy/snapshot.py), asked per record
    with only the grants that can apply to it, or with one context for several records,
    decides every record as the generated world does."""
    from dataclasses import replace

    from interlink.policy.snapshot import read_snapshot

    record, viewer, ctx = world
    other_id = "r2" if record.id == "r1" else "r1"
    other = Record(make_entity({"id": other_id, "schema": "Person",
                                "properties": {"name": ["y"]}}),
                   replace(record.envelope))
    with policy_store.transaction() as conn:
        _write_sharing(conn, ctx)
    snap = read_snapshot(policy_store)
    expected = [visibility(r, viewer, ctx) for r in (record, other, record)]
    assert snap.verdicts([record, other, record], viewer, TODAY) == expected
    together = snap.context([record, other], TODAY)
    assert [visibility(r, viewer, together) for r in (record, other, record)] == expected
