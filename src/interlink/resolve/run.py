"""Resolution over the store's records: candidate matches written for review.

`resolve_store` reads every current record of the kinds resolved (records.py), resolves each
kind, and replaces the table of candidate matches with the new run's: pairs at or above the
threshold are *accepted* (they join one entity, unless an analyst's "different" judgement keeps
them apart), pairs above the review floor are kept for review. Records are not touched, and
judgements survive re-runs: they are about pairs of records, whatever the resolver thinks.

The run is audited (action "resolution") with its counts, not its pairs: the pairs are in the
table, and the entries of analysts who look at them are audited when they do.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import numpy as np

from interlink.audit import chain
from interlink.core.record import Record
from interlink.resolve.engine import DEFAULT_THRESHOLD, resolve, slip_text
from interlink.resolve.judgements import ordered
from interlink.resolve.records import frames_by_kind
from interlink.store import Actor, SQLStore
from interlink.store.tables import match_candidates

#: Pairs below this probability are not worth an analyst's time and are not stored.
REVIEW_FLOOR = 0.05


@dataclass(frozen=True)
class Candidate:
    left_id: str
    right_id: str
    score: float
    accepted: bool
    explanation: dict[str, Any]


def _name_explanation(left: Record, right: Record) -> str:
    from interlink.names import compare

    kind = "person" if left.schema == "Person" else "company"
    names_a = [*left.entity.get("name", quiet=True), *left.entity.get("alias", quiet=True)]
    names_b = [*right.entity.get("name", quiet=True), *right.entity.get("alias", quiet=True)]
    if not names_a or not names_b:
        return ""
    best = max((compare(a, b, kind=kind) for a in names_a[:4] for b in names_b[:4]),
               key=lambda m: m.score)
    return best.explanation


def resolve_records(
    records: Iterable[Record], threshold: float = DEFAULT_THRESHOLD,
    floor: float = REVIEW_FLOOR, progress: Callable[[str], None] | None = None,
) -> tuple[list[Candidate], dict[str, str]]:
    """Candidates (probability >= floor) and each record's cluster (the id of its first
    record), for records of every resolved kind."""
    candidates: list[Candidate] = []
    clusters: dict[str, str] = {}
    for kind, (frame, recs) in frames_by_kind(records).items():
        if progress:
            progress(f"{kind}: {len(recs):,} records")
        result = resolve(frame, threshold=threshold, progress=progress)
        prob = result.probability
        for k in np.flatnonzero(prob >= floor).tolist():
            a, b = int(result.left[k]), int(result.right[k])
            explanation = result.explain(k)
            explanation["kind"] = kind
            names = _name_explanation(recs[a], recs[b])
            slips = [slip_text(x["slip"], x["correction"])
                     for c in explanation["comparisons"] for x in c.get("slips", ())]
            if names and slips:
                # interlink.names.compare reads no slips (it has no counts of spellings)
                names = "; ".join([names, *slips])
            if names:
                explanation["names"] = names
            left, right = ordered(recs[a].id, recs[b].id)
            candidates.append(Candidate(left, right, float(prob[k]), bool(prob[k] >= threshold),
                                        explanation))
        for rid, cid in zip(frame.ids.tolist(), result.cluster_ids().tolist(), strict=True):
            clusters[rid] = cid
    return candidates, clusters


def write_candidates(store: SQLStore, candidates: list[Candidate], actor: Actor,
                     threshold: float) -> None:
    """Replace the stored candidates with these, audited as one resolution run."""
    now = datetime.now(UTC)
    rows = [{"left_id": c.left_id, "right_id": c.right_id, "score": c.score,
             "explanation": json.dumps(c.explanation, ensure_ascii=False),
             "accepted": c.accepted, "created_at": now} for c in candidates]
    with store.transaction() as conn:
        conn.execute(match_candidates.delete())
        for start in range(0, len(rows), 5000):
            conn.execute(match_candidates.insert(), rows[start:start + 5000])
        chain.append(conn, "resolution", actor.user, agency=actor.agency,
                     details={"candidates": len(rows),
                              "accepted": sum(1 for c in candidates if c.accepted),
                              "threshold": threshold})


def resolve_store(
    store: SQLStore, actor: Actor, threshold: float = DEFAULT_THRESHOLD,
    progress: Callable[[str], None] | None = None,
) -> list[Candidate]:
    """Resolve every current record of the store and store the candidates."""
    candidates, _ = resolve_records(store.iter_records(), threshold, progress=progress)
    write_candidates(store, candidates, actor, threshold)
    return candidates
