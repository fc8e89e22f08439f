"""Analysts' judgements on pairs of records: same, different, unsure.

A judgement never touches the records it is about: it is a row beside them, with who, which
agency, when and why, and resolved entities are computed from records + candidates +
judgements (see entity.py). Judging a pair again retracts the earlier judgement of that pair
(kept, marked retracted) so the history of a decision is never lost; retracting restores the
state before it. Every judgement and retraction is appended to the audit chain in the same
transaction as the row.

A verdict that contradicts the transitive closure of other active judgements is refused rather
than silently winning or losing: "different" for two records that "same" judgements already
join (through any chain), or "same" for two groups an active "different" keeps apart. The
analyst retracts the judgement in the way first, which keeps every decision explicit.

Who may judge: an analyst (a `Viewer`) only pairs whose two records the gate shows them in full;
the local operator on the command line (an `Actor` without an agency) any pair of the store
they run, as for every other command-line read.
"""

from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Connection

from interlink.audit import chain
from interlink.core.errors import NotFound
from interlink.core.messages import invalid
from interlink.core.viewer import Viewer
from interlink.policy import Visibility
from interlink.policy.sharing import judge as gate
from interlink.resolve.cluster import UnionFind
from interlink.store import Actor, SQLStore
from interlink.store.tables import judgements

#: what a viewer reads for a record absent or not theirs to see (alike: no oracle)
NOT_FOUND = "no such record"

VERDICTS = ("same", "different", "unsure")


@dataclass(frozen=True)
class Judgement:
    id: str
    left_id: str
    right_id: str
    verdict: str
    agency: str
    judged_by: str
    judged_at: datetime
    reason: str = ""
    retracted_at: datetime | None = None
    retracted_by: str | None = None

    @property
    def active(self) -> bool:
        return self.retracted_at is None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["judged_at"] = chain.format_ts(self.judged_at)
        data["retracted_at"] = (chain.format_ts(self.retracted_at) if self.retracted_at
                                else None)
        data["active"] = self.active
        return data


def ordered(a: str, b: str) -> tuple[str, str]:
    """Pairs are stored with the smaller id on the left, so (a, b) and (b, a) are one pair."""
    return (a, b) if a <= b else (b, a)


def _row(row: Any) -> Judgement:
    return Judgement(row.id, row.left_id, row.right_id, row.verdict, row.agency, row.judged_by,
                     row.judged_at, row.reason or "", row.retracted_at, row.retracted_by)


def _who(viewer: Viewer | Actor) -> tuple[str, str | None]:
    return viewer.user, viewer.agency


def parse_verdict(verdict: str) -> str:
    value = (verdict or "").strip().lower()
    if value not in VERDICTS:
        raise invalid("judgement.verdict", "verdict", allowed=list(VERDICTS), value=verdict)
    return value


def _check_visible(store: SQLStore, ids: tuple[str, str], viewer: Viewer | Actor) -> None:
    records = store.get_many(list(ids))
    found = {r.id for r in records}
    missing = [i for i in ids if i not in found]
    if isinstance(viewer, Viewer):
        seen = gate(store, records, viewer)
        hidden = [r.id for r, v in zip(records, seen, strict=True) if v is not Visibility.FULL]
        missing += hidden
    if missing:
        # the same answer for "absent" and "not yours to see in full"
        raise NotFound(NOT_FOUND, "record")


def active_judgements(conn: Connection) -> list[Judgement]:
    rows = conn.execute(select(judgements).where(judgements.c.retracted_at.is_(None))
                        .order_by(judgements.c.judged_at)).all()
    return [_row(r) for r in rows]


def _closure(active: list[Judgement]) -> UnionFind:
    uf = UnionFind()
    for j in active:
        if j.verdict == "same":
            uf.union(j.left_id, j.right_id)
    for j in active:
        if j.verdict == "different":
            uf.keep_apart(j.left_id, j.right_id)
    return uf


def judge(
    store: SQLStore, left_id: str, right_id: str, verdict: str, viewer: Viewer | Actor,
    reason: str = "",
) -> Judgement:
    """Record a verdict on a pair (replacing the judging agency's own earlier active one on the
    same pair, never another agency's), audited. Raises NotFound for an unknown or hidden
    record, InvalidInput for a bad verdict, a pair of one record, or a verdict contradicting
    other active judgements."""
    verdict = parse_verdict(verdict)
    left_id, right_id = (left_id or "").strip(), (right_id or "").strip()
    if not left_id or not right_id:
        raise invalid("judgement.two_records", "record")
    if left_id == right_id:
        raise invalid("judgement.itself", "record")
    pair = ordered(left_id, right_id)
    _check_visible(store, pair, viewer)
    user, agency = _who(viewer)
    now = datetime.now(UTC)
    made = Judgement(secrets.token_hex(8), pair[0], pair[1], verdict, agency or "", user, now,
                     reason.strip())
    with store.transaction() as conn:
        active = active_judgements(conn)
        # re-judging replaces the judging agency's own verdict on the pair, never another
        # agency's: that one stays theirs to retract
        same_pair = [j for j in active if (j.left_id, j.right_id) == pair
                     and j.agency == (agency or "")]
        others = [j for j in active if j not in same_pair]
        uf = _closure(others)
        if verdict == "different" and uf.find(pair[0]) == uf.find(pair[1]):
            raise invalid("judgement.joined", left=pair[0], right=pair[1])
        if verdict == "same" and not uf.may_join(*pair):
            raise invalid("judgement.kept_apart", left=pair[0], right=pair[1])
        for old in same_pair:
            conn.execute(update(judgements).where(judgements.c.id == old.id)
                         .values(retracted_at=now, retracted_by=user))
        conn.execute(judgements.insert().values(
            id=made.id, left_id=made.left_id, right_id=made.right_id, verdict=verdict,
            agency=made.agency, judged_by=user, judged_at=now, reason=made.reason))
        chain.append(conn, "judgement", user, agency=agency, subjects=list(pair),
                     reason=made.reason,
                     details={"judgement": made.id, "verdict": verdict,
                              "replaces": [o.id for o in same_pair]})
    return made


def retract(store: SQLStore, judgement_id: str, viewer: Viewer | Actor,
            reason: str = "") -> Judgement:
    """Retract an active judgement (kept in the table, marked retracted), audited. An analyst
    retracts their own agency's judgements; the local operator any."""
    user, agency = _who(viewer)
    now = datetime.now(UTC)
    with store.transaction() as conn:
        row = conn.execute(select(judgements).where(judgements.c.id == judgement_id)).first()
        if row is None or (isinstance(viewer, Viewer) and row.agency != viewer.agency):
            raise invalid("judgement.unknown", "judgement", id=judgement_id)
        if row.retracted_at is not None:
            raise invalid("judgement.retracted", "judgement", id=judgement_id)
        conn.execute(update(judgements).where(judgements.c.id == judgement_id)
                     .values(retracted_at=now, retracted_by=user))
        chain.append(conn, "retraction", user, agency=agency,
                     subjects=[row.left_id, row.right_id], reason=reason.strip(),
                     details={"judgement": judgement_id, "verdict": row.verdict})
        done = conn.execute(select(judgements).where(judgements.c.id == judgement_id)).first()
    return _row(done)


def list_judgements(
    store: SQLStore, record_id: str | None = None, include_retracted: bool = False,
    agency: str | None = None, limit: int = 1000,
) -> list[Judgement]:
    """Judgements, newest first: all, or those touching one record, or one agency's."""
    query = select(judgements)
    if record_id:
        query = query.where(or_(judgements.c.left_id == record_id,
                                judgements.c.right_id == record_id))
    if agency:
        query = query.where(judgements.c.agency == agency)
    if not include_retracted:
        query = query.where(judgements.c.retracted_at.is_(None))
    query = query.order_by(judgements.c.judged_at.desc()).limit(limit)
    with store.engine.connect() as conn:
        return [_row(r) for r in conn.execute(query).all()]


def pair_judgement(conn: Connection, left_id: str, right_id: str) -> Judgement | None:
    """The active judgement of one pair, if any."""
    a, b = ordered(left_id, right_id)
    row = conn.execute(select(judgements).where(and_(
        judgements.c.left_id == a, judgements.c.right_id == b,
        judgements.c.retracted_at.is_(None)))).first()
    return _row(row) if row else None
