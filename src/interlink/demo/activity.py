"""Demo activity: a working day's cooperation between the demo agencies, so that a new user who
signs in to the demo (`make run`) finds what the interface is for already waiting in the inbox
— a red notice and its alerts, requests for information asked and answered, judicial requests
waiting (one overdue, one due soon) and an invitation to a joint operation — instead of an
empty home page. Everything goes through the same services as the web and the command line
(gates, checks, audit), so the demo cannot show what the platform would refuse.

Subjects are found, not hard-coded: the person the most agencies hold (from the case's ground
truth) and records one agency sees of another's only as a hit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from interlink.cooperation import legal_requests as lr
from interlink.cooperation import notices, operations, rfi
from interlink.cooperation.tables import legal_requests
from interlink.core.codes import Purpose
from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.demo.case import Case
from interlink.demo.users import demo_login
from interlink.policy import Visibility
from interlink.policy.sharing import judge
from interlink.store import Actor, SQLStore

PURPOSE = "drug_trafficking"


@dataclass
class Activity:
    """What was put in the store, by kind, for the command's summary."""

    notices: list[str] = field(default_factory=list)
    info_requests: list[str] = field(default_factory=list)
    legal_requests: list[str] = field(default_factory=list)
    operations: list[str] = field(default_factory=list)

    def count(self) -> int:
        return (len(self.notices) + len(self.info_requests) + len(self.legal_requests)
                + len(self.operations))


def _actor(agency: str, role: str) -> Actor:
    return Actor(demo_login(agency, role), agency, role)


def _people_by_holders(case: Case) -> list[list[tuple[str, str]]]:
    """The case's people as (record id, owner) lists, those held by the most agencies first
    (ties: by real id). Read once: the ground truth means generating the whole case."""
    records: dict[str, list[tuple[str, str]]] = {}
    for record_id, real_id, schema, held_by in case.truth_rows():
        if schema == "Person":
            records.setdefault(real_id, []).append((record_id, held_by))
    ranked = sorted(records, key=lambda r: (-len({o for _, o in records[r]}), r))
    return [records[r] for r in ranked]


def _most_held_person(people: list[list[tuple[str, str]]], store: SQLStore, owner: str) -> str:
    """`owner`'s record of the person held by the most agencies (ties: the smallest id)."""
    for held in people:
        mine = sorted(i for i, held_by in held if held_by == owner)
        if mine and store.get(mine[0]) is not None:
            return mine[0]
    raise LookupError(f"no person of {owner} in the demo case")


def _seen_as_hit(store: SQLStore, viewer: Viewer, owner: str, count: int) -> list[Record]:
    """The first `count` people of `owner` that `viewer` sees only as a hit (a request for
    information is for exactly these)."""
    people = sorted(store.iter_records(schema="Person", owner=owner), key=lambda r: r.id)
    verdicts = judge(store, people, viewer)
    return [r for r, seen in zip(people, verdicts, strict=True)
            if seen is Visibility.HIT][:count]


def _already_seeded(store: SQLStore) -> bool:
    with store.engine.connect() as conn:
        return conn.execute(legal_requests.select().limit(1)).first() is not None


def add_demo_activity(store: SQLStore, case: Case, now: datetime | None = None) -> Activity:
    """Put the day's cooperation in the store (once: a store that already holds requests is
    left alone, so running the demo twice does not double the inbox)."""
    made = Activity()
    if _already_seeded(store):
        return made
    now = now or datetime.now(UTC)
    agencies = {a.code for a in store.list_agencies()}
    needed = {"MA-DGSN", "FR-OFAST", "ES-DAVA", "AE-FCA", "CO-DIRAN"}
    if not needed <= agencies:
        raise LookupError("the demo agencies are not in the store: run `interlink demo` first")

    # a red notice from Morocco on the man five agencies hold: alerts wherever he is held
    people = _people_by_holders(case)
    subject = _most_held_person(people, store, "MA-DGSN")
    issued = notices.issue_notice(
        store, _actor("MA-DGSN", "supervisor"), "red", subject, purpose=PURPOSE,
        reason="مطلوب لتهريب الكوكايين عبر ميناء طنجة المتوسط", reference="MA-2026-0412",
        at=now)
    made.notices.append(issued.notice.id)

    # requests for information on records seen only as hits: one answered, one waiting
    fr_viewer = Viewer(demo_login("FR-OFAST", "analyst"), "FR-OFAST", Purpose(PURPOSE))
    for record in _seen_as_hit(store, fr_viewer, "AE-FCA", 1):
        asked = rfi.open_request(store, fr_viewer, record.id,
                                 "Lien possible avec le réseau du port de Jebel Ali ?")
        rfi.answer_request(store, _actor("AE-FCA", "supervisor"), asked.id, grant=True,
                           reason="")
        made.info_requests.append(asked.id)
    ma_viewer = Viewer(demo_login("MA-DGSN", "analyst"), "MA-DGSN", Purpose(PURPOSE))
    for record in _seen_as_hit(store, ma_viewer, "CO-DIRAN", 1):
        asked = rfi.open_request(store, ma_viewer, record.id,
                                 "هل هذا الشخص مرتبط بشحنة الكوكايين في طنجة؟")
        made.info_requests.append(asked.id)

    # judicial requests: an EIO between member states due within days, and a request for
    # mutual legal assistance to Morocco (no EIO there) already overdue
    fr, es = _actor("FR-OFAST", "supervisor"), _actor("ES-DAVA", "supervisor")
    fr_subject = _most_held_person(people, store, "FR-OFAST")
    es_subject = _most_held_person(people, store, "ES-DAVA")
    for actor, to, type_, subjects, sent_days, due_days, message in (
        (fr, "ES-DAVA", "eio", [fr_subject], 25, 5,
         "Audition du témoin et relevés bancaires du suspect."),
        (es, "MA-DGSN", "mla", [es_subject], 40, -10,
         "Solicitud de información sobre la sociedad de transporte en Tánger."),
    ):
        sent = now - timedelta(days=sent_days)
        draft = lr.create_request(store, actor, type=type_, requested=to, subjects=subjects,
                                  purpose=PURPOSE, message=message,
                                  deadline=(now + timedelta(days=due_days)).date(), at=sent)
        lr.transition(store, actor, draft.id, "send", at=sent)
        if type_ == "eio":  # received the next day: the Directive's clocks run from receipt
            lr.transition(store, _actor(to, "supervisor"), draft.id, "receive",
                          at=sent + timedelta(days=1))
        made.legal_requests.append(draft.id)

    # a joint operation led by Spain: Morocco and France are invited and have not yet joined
    op = operations.create_operation(
        store, es, "Operación Guadalquivir", partners=["MA-DGSN", "FR-OFAST"],
        purposes=[PURPOSE], starts=now.date(),
        description="Hachís por el Estrecho: desembarcos en la desembocadura del Guadalquivir.")
    made.operations.append(op.id)
    return made
