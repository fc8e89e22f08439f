"""Pairs for an analyst to review: score, explanation and both records through the gate.

A pair is offered only to a viewer who sees both of its records in full: judging two records
needs their content, and a pair half-hidden would leak that the other record resembles one's
own. Pairs already judged (an active judgement) are left out unless asked for. Every page shown
is audited as a consultation of the records on it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select

from interlink.audit import chain
from interlink.core.viewer import Viewer
from interlink.policy import Visibility
from interlink.policy.sharing import judge as gate
from interlink.resolve.judgements import Judgement, pair_judgement
from interlink.store import SQLStore
from interlink.store.tables import judgements, match_candidates

_BATCH = 200


@dataclass
class ReviewPair:
    left_id: str
    right_id: str
    score: float
    accepted: bool
    explanation: dict[str, Any]
    left: dict[str, Any]
    right: dict[str, Any]
    judgement: Judgement | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "left_id": self.left_id, "right_id": self.right_id, "score": self.score,
            "accepted": self.accepted, "explanation": self.explanation,
            "left": self.left, "right": self.right,
            "judgement": self.judgement.to_dict() if self.judgement else None,
        }


def _record_view(record: Any) -> dict[str, Any]:
    data = record.to_dict()
    data["version"] = record.version
    return data


def candidates(
    store: SQLStore, viewer: Viewer, limit: int = 50, offset: int = 0,
    include_judged: bool = False, min_score: float = 0.0,
) -> list[ReviewPair]:
    """Up to `limit` reviewable pairs after skipping `offset` of them, strongest first.

    `offset` counts pairs this viewer may see, so pages are stable for one viewer."""
    limit = max(0, min(int(limit), 500))
    offset = max(0, int(offset))
    out: list[ReviewPair] = []
    skipped = 0
    mc = match_candidates.c
    cursor = 0
    while len(out) < limit:
        query = select(match_candidates).where(mc.score >= min_score)
        if not include_judged:
            query = query.where(
                ~select(1).where(
                    judgements.c.retracted_at.is_(None),
                    judgements.c.left_id == mc.left_id, judgements.c.right_id == mc.right_id,
                ).exists())
        query = query.order_by(mc.score.desc(), mc.left_id, mc.right_id)
        with store.engine.connect() as conn:
            rows = conn.execute(query.offset(cursor).limit(_BATCH)).all()
        if not rows:
            break
        cursor += len(rows)
        ids = sorted({r.left_id for r in rows} | {r.right_id for r in rows})
        records = {r.id: r for r in store.get_many(ids)}
        listed = list(records.values())
        full = {r.id for r, v in zip(listed, gate(store, listed, viewer), strict=True)
                if v is Visibility.FULL}
        for row in rows:
            if row.left_id not in full or row.right_id not in full:
                continue
            if skipped < offset:
                skipped += 1
                continue
            out.append(ReviewPair(
                row.left_id, row.right_id, round(float(row.score), 6), bool(row.accepted),
                json.loads(row.explanation), _record_view(records[row.left_id]),
                _record_view(records[row.right_id])))
            if len(out) >= limit:
                break
    if out:
        with store.transaction() as conn:
            for pair in out:
                pair.judgement = pair_judgement(conn, pair.left_id, pair.right_id)
            subjects = sorted({p.left_id for p in out} | {p.right_id for p in out})
            chain.append(conn, "consultation", viewer.user, agency=viewer.agency,
                         purpose=viewer.purpose.value if viewer.purpose else None,
                         subjects=subjects,
                         details={"view": "resolution review", "pairs": len(out)})
    return out
