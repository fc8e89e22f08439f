"""The inbox gathers what waits for an agency, on both backends, and nothing of another's."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from interlink.cooperation import legal_requests as lr
from interlink.cooperation import notices as nt
from interlink.cooperation import operations as ops
from interlink.cooperation import rfi
from interlink.cooperation.inbox import inbox, inbox_count
from interlink.core import messages
from interlink.core.viewer import Viewer
from interlink.store import Actor
from tests.cooperation.conftest import DT, ES, FR, MA

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
MA_PLATFORM = Actor("platform", "MA-DGSN")


def _sent_mla(store, deadline: str | None = None) -> str:  # type: ignore[no-untyped-def]
    made = lr.create_request(store, FR, type="mla", requested="MA-DGSN", subjects=["fr-1"],
                             deadline=deadline, at=T0)
    lr.transition(store, FR, made.id, "send", at=T0)
    return made.id


def test_a_waiting_legal_request_appears_for_the_requested_side_only(coop) -> None:
    rid = _sent_mla(coop)
    box = inbox(coop, "MA-DGSN", T0 + timedelta(hours=1))
    waiting = box.of("request")
    assert [(i.code, i.params["id"], i.params["type"]) for i in waiting] == [
        ("inbox.request_waiting", rid, "mla")]
    assert waiting[0].link == f"/legal-requests/{rid}"
    assert box.count >= 1
    # the requesting side has nothing to do; a third agency knows nothing of it
    assert inbox(coop, "FR-OFAST", T0 + timedelta(hours=1)).of("request") == []
    assert inbox(coop, "ES-DAVA", T0 + timedelta(hours=1)).items == []
    # once refused it no longer waits
    lr.transition(coop, MA_PLATFORM, rid, "receive", at=T0)
    assert inbox(coop, "MA-DGSN", T0 + timedelta(hours=2)).of("request")
    lr.transition(coop, MA, rid, "refuse", reason="no legal ground", at=T0)
    assert inbox(coop, "MA-DGSN", T0 + timedelta(hours=3)).of("request") == []


def test_an_overdue_deadline_is_flagged_overdue_not_within(coop) -> None:
    rid = _sent_mla(coop, deadline="2026-03-10")
    early = inbox(coop, "FR-OFAST", datetime(2026, 3, 5, tzinfo=UTC))
    assert [i.params["id"] for i in early.of("due")] == [rid] and early.of("overdue") == []
    assert early.of("due")[0].code == "inbox.deadline_due"
    late = inbox(coop, "FR-OFAST", datetime(2026, 3, 20, tzinfo=UTC))
    assert [i.params["id"] for i in late.of("overdue")] == [rid]
    assert late.of("due") == []  # not listed among the deadlines to come
    assert late.of("overdue")[0].code == "inbox.deadline_overdue"
    assert late.items[0].kind == "overdue"  # first in the inbox
    # both sides see the clock; a third agency does not
    assert inbox(coop, "MA-DGSN", datetime(2026, 3, 20, tzinfo=UTC)).of("overdue")
    assert inbox(coop, "ES-DAVA", datetime(2026, 3, 20, tzinfo=UTC)).of("overdue") == []
    # a clock far ahead is not listed at all
    assert inbox(coop, "FR-OFAST", datetime(2026, 3, 2, 10, tzinfo=UTC)).of("due") == []


def test_an_answer_to_a_request_for_information_appears_for_the_asker(coop) -> None:
    asked = rfi.open_request(coop, Viewer("ali", "MA-DGSN", DT), "fr-1", "who is he?")
    # the owner has it waiting
    owner = inbox(coop, "FR-OFAST")
    assert [i.params["id"] for i in owner.of("request")] == [asked.id]
    assert owner.of("request")[0].link == "/sharing#incoming"
    assert owner.of("request")[0].params["record"] == "fr-1"
    assert owner.of("request")[0].code == "inbox.rfi_waiting"
    assert inbox(coop, "MA-DGSN").of("answer") == []
    rfi.answer_request(coop, FR, asked.id, grant=False, reason="ongoing case")
    answers = inbox(coop, "MA-DGSN").of("answer")
    assert [(i.params["agency"], i.params["record"], i.params["state"]) for i in answers] == [
        ("FR-OFAST", "fr-1", "refused")]
    assert inbox(coop, "FR-OFAST").of("request") == []
    assert inbox(coop, "ES-DAVA").items == []
    # an old answer has left the inbox
    assert inbox(coop, "MA-DGSN", datetime.now(UTC) + timedelta(days=40)).of("answer") == []


def test_a_notice_published_to_my_agency_appears_with_its_alerts(coop) -> None:
    pub = nt.issue_notice(coop, MA, "yellow", "ma-2", purpose=DT, scope=["FR-OFAST"],
                          reason="missing")
    fr = inbox(coop, "FR-OFAST")
    assert [(i.params["agency"], i.params["notice_type"], i.params["subject"], i.link)
            for i in fr.of("notice")] == [("MA-DGSN", "yellow", "ma-2",
                                           f"/notices/{pub.notice.id}")]
    text = messages.render(fr.of("notice")[0].code, fr.of("notice")[0].params, "fr")
    assert "MA-DGSN" in text and "ma-2" in text and "%(" not in text
    # not to the issuer itself, nor to an agency outside its scope
    assert inbox(coop, "MA-DGSN").of("notice") == []
    assert inbox(coop, "ES-DAVA").of("notice") == []


def test_a_notice_alert_is_told_apart_and_links_to_the_notice(coop) -> None:
    pub = nt.issue_notice(coop, MA, "red", "ma-1", purpose=DT, reason="drug trafficking")
    alerts = inbox(coop, "FR-OFAST").of("alert")
    assert pub.owner_alerts >= 1 and alerts
    assert {(a.code, a.link) for a in alerts} == {
        ("inbox.notice_alert", f"/notices/{pub.notice.id}")}
    assert inbox(coop, "FR-OFAST").count >= len(alerts) + 1  # the notice and its alerts


def test_the_issuer_reads_what_its_notice_found_not_a_match_on_its_record(coop) -> None:
    # the issuer's own alerts are hits on other agencies' records: "your record" would be false
    pub = nt.issue_notice(coop, MA, "red", "ma-1", purpose=DT, reason="drug trafficking")
    mine = inbox(coop, "MA-DGSN").of("alert")
    assert pub.issuer_hits and mine
    assert {(a.code, a.params["record"], a.params["agency"]) for a in mine} == {
        ("inbox.notice_found", "fr-1", "FR-OFAST")}
    for lang, word in (("fr", "détenue par"), ("ar", "لدى"), ("en", "held by")):
        text = messages.render(mine[0].code, mine[0].params, lang)
        assert word in text and "fr-1" in text and "%(" not in text


def test_an_invitation_to_an_operation_appears_for_the_invited(coop) -> None:
    op = ops.create_operation(coop, FR, "Andes", partners=["MA-DGSN"], purposes=[DT])
    ma = inbox(coop, "MA-DGSN").of("invitation")
    assert [(i.params["agency"], i.params["name"], i.link) for i in ma] == [
        ("FR-OFAST", "Andes", f"/operations/{op.id}")]
    assert inbox(coop, "FR-OFAST").of("invitation") == []
    assert inbox(coop, ES.agency).of("invitation") == []
    ops.join(coop, MA, op.id)
    assert inbox(coop, "MA-DGSN").of("invitation") == []


def test_every_inbox_code_renders_in_arabic_and_french(coop) -> None:
    rid = _sent_mla(coop, deadline="2026-03-10")
    box = inbox(coop, "MA-DGSN", datetime(2026, 3, 20, tzinfo=UTC))
    assert box.items
    for item in box.items:
        for lang in ("ar", "fr"):
            text = messages.render(item.code, item.params, lang)
            assert text != messages.render(item.code, item.params, "en"), (item.code, lang)
            assert rid in text


def test_the_header_count_is_the_inbox_count(coop) -> None:
    """`inbox_count` (every page's header) counts what `inbox` lists, for each agency, as
    items come and go: requests, answers, invitations, notices, alerts and deadlines."""
    def same(at: datetime | None = None) -> None:
        for agency in ("MA-DGSN", "FR-OFAST", "ES-DAVA"):
            assert inbox_count(coop, agency, at) == inbox(coop, agency, at).count, agency

    same()
    _sent_mla(coop, deadline="2026-03-10")
    same(datetime(2026, 3, 5, tzinfo=UTC))
    same(datetime(2026, 3, 20, tzinfo=UTC))
    asked = rfi.open_request(coop, Viewer("ali", "MA-DGSN", DT), "fr-1", "who is he?")
    ops.create_operation(coop, FR, "Andes", partners=["MA-DGSN"], purposes=[DT])
    nt.issue_notice(coop, MA, "red", "ma-1", purpose=DT, scope=["FR-OFAST"], reason="x")
    same()
    assert inbox_count(coop, "FR-OFAST") >= 2 and inbox_count(coop, "MA-DGSN") >= 2
    rfi.answer_request(coop, FR, asked.id, grant=False, reason="ongoing case")
    same()
    same(datetime.now(UTC) + timedelta(days=40))  # old answers and notices have left
