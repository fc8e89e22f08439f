"""The request state machine: every transition allowed and refused, side by side, and the legal
clocks on a controllable clock (every `at` and `now` is given; nothing reads the wall clock)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from interlink.audit import chain
from interlink.cooperation import legal_requests as lr
from interlink.cooperation.legal_requests import TransitionRefused
from interlink.core.errors import InvalidInput
from tests.cooperation.conftest import DT, ES, FR, MA

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def day(n: float) -> datetime:
    return T0 + timedelta(days=n)


def make(store, kind="mla", **kw):  # type: ignore[no-untyped-def]
    kw.setdefault("subjects", ["fr-1"])
    kw.setdefault("requested", "MA-DGSN")
    return lr.create_request(store, FR, type=kind, at=T0, **kw)


def walk(store, rid, *steps):  # type: ignore[no-untyped-def]
    out = None
    for actor, action, when, *rest in steps:
        out = lr.transition(store, actor, rid, action, at=when,
                            reason=rest[0] if rest else "")
    return out


def test_every_transition_allowed_and_refused(coop) -> None:  # type: ignore[no-untyped-def]
    """For each state, each action by each side: exactly the table's cells succeed."""
    path = {"draft": [], "sent": ["send"], "received": ["send", "receive"],
            "accepted": ["send", "receive", "accept"],
            "in_execution": ["send", "receive", "accept", "start"]}
    side = {"send": FR, "withdraw": FR}
    for state, before in path.items():
        for action, (sources, target, who) in lr.TRANSITIONS.items():
            for actor in (FR, MA):
                req = make(coop)
                for i, step in enumerate(before):
                    lr.transition(coop, side.get(step, MA), req.id, step, at=day(i))
                ok_side = (actor is FR) == (who == lr.REQUESTING)
                try:
                    done = lr.transition(coop, actor, req.id, action, at=day(9), reason="why")
                except TransitionRefused as exc:
                    assert not (ok_side and state in sources), (state, action, actor, exc)
                    assert isinstance(exc, lr.WrongState if ok_side else lr.WrongSide)
                    assert lr.get_request(coop, "FR-OFAST", req.id).state == state
                else:
                    assert ok_side and state in sources, (state, action, actor)
                    assert done.state == target
    # ended states accept nothing at all
    for end in ("executed", "partly_executed", "refused", "withdrawn"):
        req = make(coop)
        walk(coop, req.id, (FR, "send", day(0)), (MA, "receive", day(1)),
             (MA, "accept", day(2)))
        final = {"executed": (MA, "execute"), "partly_executed": (MA, "execute_partly"),
                 "refused": (MA, "refuse"), "withdrawn": (FR, "withdraw")}[end]
        lr.transition(coop, final[0], req.id, final[1], at=day(3), reason="r")
        for action in lr.TRANSITIONS:
            for actor in (FR, MA):
                with pytest.raises(TransitionRefused):
                    lr.transition(coop, actor, req.id, action, at=day(4), reason="r")


def test_history_audit_and_third_parties(coop) -> None:  # type: ignore[no-untyped-def]
    req = make(coop, "extradition", legal_basis="bilateral", measures=["surrender"],
               attachments=[{"name": "warrant.pdf", "language": "fr",
                             "translations": ["ar"]}], urgency="urgent", message="OFAST case")
    assert req.state == "draft" and req.legal_basis == "bilateral"
    with pytest.raises(LookupError):  # a third agency knows nothing of it
        lr.transition(coop, ES, req.id, "receive", at=day(1))
    with pytest.raises(LookupError):
        lr.show_request(coop, "ES-DAVA", req.id)
    walk(coop, req.id, (FR, "send", day(0)), (MA, "receive", day(1)))
    with pytest.raises(InvalidInput, match="reason"):
        lr.transition(coop, MA, req.id, "refuse", at=day(2))
    with pytest.raises(TransitionRefused, match="precede"):
        lr.transition(coop, MA, req.id, "accept", at=day(0.5))
    lr.transition(coop, MA, req.id, "refuse", at=day(2), reason="dual criminality not met")
    detail = lr.show_request(coop, "FR-OFAST", req.id, now=day(3))
    assert [h.action for h in detail.history] == ["create", "send", "receive", "refuse"]
    assert detail.history[-1].at == day(2) and detail.history[-1].reason.startswith("dual")
    assert detail.request.answer == "dual criminality not met"
    assert detail.to_dict()["attachments"][0]["translations"] == ["ar"]
    with coop.engine.connect() as conn:
        entries = [e for e in chain.entries(conn) if e.details.get("request") == req.id]
        assert chain.verify(conn).ok
    assert [e.details["action"] for e in entries] == ["create", "send", "receive", "refuse"]
    assert entries[-1].action == "refusal" and entries[-1].recipient == "FR-OFAST"
    assert entries[1].details["at"] == day(0).isoformat()


def test_bad_requests_are_refused(coop) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput, match="unknown request type"):
        make(coop, "favour")
    with pytest.raises(InvalidInput, match="legal basis"):
        make(coop, legal_basis="magna-carta")
    with pytest.raises(InvalidInput, match="2002/584"):
        make(coop, "eaw", requested="ES-DAVA", legal_basis="bilateral")
    with pytest.raises(InvalidInput, match="another agency"):
        make(coop, requested="FR-OFAST")
    with pytest.raises(InvalidInput, match="no record ma-1 known"):
        make(coop, subjects=["ma-1"])  # MA's record, and no purpose declared
    assert make(coop, subjects=["ma-1"], purpose=DT).subjects == ["ma-1"]  # a hit is enough
    with pytest.raises(InvalidInput, match="ISO 639-1"):
        make(coop, attachments=[{"name": "x.pdf", "language": "french"}])
    eio = make(coop, "eio", requested="ES-DAVA")
    assert eio.legal_basis == "dir-2014-41"  # the Directive is the EIO's basis by default


def test_eio_clocks(coop) -> None:  # type: ignore[no-untyped-def]
    req = make(coop, "eio", requested="ES-DAVA")
    walk(coop, req.id, (FR, "send", day(0)), (ES, "receive", day(1)))
    (clock,) = lr.show_request(coop, "ES-DAVA", req.id, now=day(2)).clocks
    assert clock.name == "recognition" and clock.due == day(31)
    assert clock.status(day(2)) == "running" and clock.status(day(31.5)) == "overdue"
    assert [d.request_id for d in lr.overdue(coop, "ES-DAVA", at=day(31.5))] == [req.id]
    assert lr.overdue(coop, "ES-DAVA", at=day(30)) == []
    assert [d.clock for d in lr.reminders(coop, "FR-OFAST", at=day(25), days=7)] == [
        "recognition"]
    assert lr.reminders(coop, "FR-OFAST", at=day(20), days=7) == []
    # extended once, by the requested side, with a reason
    with pytest.raises(TransitionRefused):
        lr.transition(coop, FR, req.id, "extend", at=day(20), reason="x")
    with pytest.raises(InvalidInput, match="reason"):
        lr.transition(coop, ES, req.id, "extend", at=day(20))
    lr.transition(coop, ES, req.id, "extend", at=day(20), reason="translation pending")
    with pytest.raises(TransitionRefused, match="once"):
        lr.transition(coop, ES, req.id, "extend", at=day(21), reason="again")
    (clock,) = lr.show_request(coop, "ES-DAVA", req.id, now=day(40)).clocks
    assert clock.due == day(61) and clock.extended and clock.status(day(40)) == "running"
    lr.transition(coop, ES, req.id, "accept", at=day(45))
    rec, exe = lr.show_request(coop, "ES-DAVA", req.id, now=day(46)).clocks
    assert rec.status(day(46)) == "met" and exe.due == day(135)
    assert lr.overdue(coop, None, at=day(136))[0].clock == "execution"
    walk(coop, req.id, (ES, "start", day(50)), (ES, "execute", day(140), "done late"))
    rec, exe = lr.show_request(coop, "ES-DAVA", req.id, now=day(150)).clocks
    assert exe.status(day(150)) == "missed" and lr.overdue(coop, None, at=day(200)) == []


def test_eaw_clocks(coop) -> None:  # type: ignore[no-untyped-def]
    arrested = make(coop, "eaw", requested="ES-DAVA")
    walk(coop, arrested.id, (FR, "send", day(0)), (ES, "receive", day(1)))
    assert lr.show_request(coop, "ES-DAVA", arrested.id, now=day(2)).clocks == []
    with pytest.raises(TransitionRefused, match="no arrest recorded"):
        lr.transition(coop, ES, arrested.id, "extend", at=day(2), reason="x")
    lr.transition(coop, ES, arrested.id, "arrest", at=day(3))
    (clock,) = lr.show_request(coop, "ES-DAVA", arrested.id, now=day(4)).clocks
    assert clock.name == "surrender_decision" and clock.due == day(63)
    lr.transition(coop, ES, arrested.id, "extend", at=day(60), reason="appeal pending")
    (clock,) = lr.show_request(coop, "ES-DAVA", arrested.id, now=day(70)).clocks
    assert clock.due == day(93) and clock.status(day(70)) == "running"

    consented = make(coop, "eaw", requested="ES-DAVA")
    walk(coop, consented.id, (FR, "send", day(0)), (ES, "receive", day(1)),
         (ES, "arrest", day(2)), (ES, "consent", day(4)))
    (clock,) = lr.show_request(coop, "ES-DAVA", consented.id, now=day(5)).clocks
    assert clock.due == day(14) and "consent" in clock.basis
    with pytest.raises(TransitionRefused, match="10 days"):
        lr.transition(coop, ES, consented.id, "extend", at=day(6), reason="x")
    with pytest.raises(TransitionRefused, match="already"):
        lr.transition(coop, ES, consented.id, "consent", at=day(6))
    lr.transition(coop, ES, consented.id, "accept", at=day(12))
    (clock,) = lr.show_request(coop, "ES-DAVA", consented.id, now=day(20)).clocks
    assert clock.status(day(20)) == "met"
    with pytest.raises(TransitionRefused, match="European Arrest Warrant"):
        lr.transition(coop, MA, make(coop, "mla").id, "arrest", at=day(1))


def test_requester_deadline_and_time_to_execute(coop) -> None:  # type: ignore[no-untyped-def]
    req = make(coop, "mla", deadline="2026-03-20")
    walk(coop, req.id, (FR, "send", day(0)), (MA, "receive", day(0.1)))
    (clock,) = lr.show_request(coop, "FR-OFAST", req.id, now=day(1)).clocks
    assert clock.name == "deadline" and clock.due.date().isoformat() == "2026-03-20"
    with pytest.raises(TransitionRefused, match="cannot be extended"):
        lr.transition(coop, MA, req.id, "extend", at=day(1), reason="x")
    assert lr.overdue(coop, "FR-OFAST", at=day(18)) == []  # 20 March, 09:00: still in time
    late = lr.overdue(coop, "FR-OFAST", at=datetime(2026, 3, 21, 6, tzinfo=UTC))
    assert [d.request_id for d in late] == [req.id] and late[0].late_by_hours > 0
    walk(coop, req.id, (MA, "accept", day(0.2)), (MA, "execute", day(0.25), "sent"))
    fast = make(coop, "rfi", deadline="2026-04-01", subjects=["fr-1"])
    walk(coop, fast.id, (FR, "send", day(0)), (MA, "receive", day(0)),
         (MA, "accept", day(1)), (MA, "execute_partly", day(2), "part"))
    (pair,) = lr.time_to_execute(coop)
    assert (pair.requesting_country, pair.requested_country) == ("FR", "MA")
    assert pair.executed == 2 and pair.median_days == 1.12 and pair.max_days == 2.0


def test_eio_and_eaw_only_between_member_states_bound_by_them(coop) -> None:  # type: ignore[no-untyped-def]
    """The Directive binds the member states but Denmark and Ireland; the Framework Decision
    all of them; no third country either way (today's Moroccan EIO is refused)."""
    from interlink.core import Agency
    from interlink.core.messages import render_error
    from tests.conftest import ACTOR

    coop.add_agency(Agency.create("DK-NSK", "DK", name="NSK"), ACTOR)
    for kind in ("eio", "eaw"):  # France to Morocco, either instrument: refused
        with pytest.raises(InvalidInput) as refused:
            make(coop, kind)
        assert refused.value.code == "request.not_bound"
        assert refused.value.params["country"] == "ma" and refused.value.field == "requested"
    assert "Morocco is not one" in str(refused.value)
    assert "المغرب" in render_error(refused.value, "ar")
    assert "Maroc" in render_error(refused.value, "fr")
    with pytest.raises(InvalidInput) as from_morocco:  # Morocco issuing an EIO to Spain
        lr.create_request(coop, MA, type="eio", requested="ES-DAVA", subjects=["ma-1"], at=T0)
    assert from_morocco.value.params["country"] == "ma" and from_morocco.value.field == "type"
    with pytest.raises(InvalidInput, match="Denmark"):  # Denmark is not bound by the EIO...
        make(coop, "eio", requested="DK-NSK")
    assert make(coop, "eaw", requested="DK-NSK").type == "eaw"  # ... but is by the EAW
    assert make(coop, "eio", requested="ES-DAVA").legal_basis == "dir-2014-41"
    assert make(coop, "mla", legal_basis="untoc-18").requested == "MA-DGSN"  # MLA: anyone


def test_clocks_and_bases_are_codes_the_surfaces_translate(coop) -> None:  # type: ignore[no-untyped-def]
    from interlink.core.messages import label

    req = make(coop, "eio", requested="ES-DAVA")
    walk(coop, req.id, (FR, "send", day(0)), (ES, "receive", day(1)))
    (clock,) = lr.show_request(coop, "FR-OFAST", req.id, now=day(2)).clocks
    assert clock.rule == "eio.recognition" and clock.to_dict(day(2))["rule"] == clock.rule
    assert clock.basis == "Directive 2014/41/EU art. 12(3): 30 days from receipt"
    assert label("clock_rule", clock.rule, "fr").startswith("Directive 2014/41/UE art. 12(3)")
    assert label("clock", clock.name, "ar") == "قرار الاعتراف"
    assert label("legal_basis", req.legal_basis, "fr").startswith("Directive 2014/41/UE")
    with coop.engine.connect() as conn:
        steps = [e.details for e in chain.entries(conn) if e.details.get("request") == req.id]
    assert {d["type"] for d in steps} == {"eio"}  # the audit names the request's own type


def test_a_draft_is_edited_by_its_requester_only_and_the_history_says_so(coop) -> None:  # type: ignore[no-untyped-def]
    """An edit passes the same checks as the draft, by the requesting side, before sending;
    a refused edit changes nothing; the history and the audit log keep what changed."""
    req = make(coop, message="first words")
    with pytest.raises(LookupError):  # a third agency: as if absent
        lr.edit_draft(coop, ES, req.id, message="x")
    with pytest.raises(lr.WrongSide):
        lr.edit_draft(coop, MA, req.id, message="x")
    with pytest.raises(InvalidInput) as refused:  # a record MA holds, unseen by FR
        lr.edit_draft(coop, FR, req.id, subjects=["fr-1", "ma-2"], message="lost")
    assert refused.value.field == "subjects"
    with pytest.raises(InvalidInput):
        lr.edit_draft(coop, FR, req.id, legal_basis="no-such-basis")
    with pytest.raises(InvalidInput):
        lr.edit_draft(coop, FR, req.id, type="eio")  # the type is not editable
    assert lr.get_request(coop, "FR-OFAST", req.id).message == "first words"
    done = lr.edit_draft(coop, FR, req.id, message="better words", urgency="urgent",
                         deadline="2026-04-01", measures=["hearing", " "])
    assert (done.message, done.urgency, done.measures) == ("better words", "urgent", ["hearing"])
    assert done.deadline.isoformat() == "2026-04-01" and done.state == "draft"
    assert lr.edit_draft(coop, FR, req.id, message="better words") == done  # nothing changed
    # a step registered after the fact may still precede the edit's own entry
    lr.transition(coop, FR, req.id, "send", at=day(1))
    with pytest.raises(lr.WrongState):
        lr.edit_draft(coop, FR, req.id, message="too late")
    detail = lr.show_request(coop, "FR-OFAST", req.id, now=day(2))
    assert [h.action for h in detail.history] == ["create", "edit", "send"]
    assert detail.history[1].details["fields"] == ["deadline", "measures", "message", "urgency"]
    with coop.engine.connect() as conn:
        edits = [e for e in chain.entries(conn)
                 if e.details.get("request") == req.id and e.details["action"] == "edit"]
        assert chain.verify(conn).ok
    assert len(edits) == 1 and edits[0].details["before"]["message"] == "first words"
