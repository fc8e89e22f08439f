"""Resolved entities: a view over source records, never a merged record.

An entity is what the stored evidence joins: candidate matches the resolver accepted (score at
or above its threshold) and active "same" judgements, never across an active "different"
judgement. Nothing is written: each source record keeps its owner and envelope, and retracting
a judgement or re-running the resolver changes the view, not the records.

`entity_members` walks the graph of accepted candidates and "same" judgements from the asked
records (a breadth-first walk in SQL, a few queries per hop), then clusters what it found with
the judgements on top (cluster.py), so its cost follows the size of the entities asked for, not
of the store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import and_, or_, select
from sqlalchemy.engine import Connection

from interlink.resolve.cluster import cluster_with_judgements
from interlink.store import SQLStore
from interlink.store.tables import judgements, match_candidates

_CHUNK = 500  # ids per IN (...) list, well under SQLite's and PostgreSQL's parameter limits
MAX_ENTITY = 100_000  # a walk that grows past this is a runaway (a hub), stopped there


def _chunks(items: list[str]) -> Iterable[list[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


def _edges_from(conn: Connection, frontier: list[str]) -> tuple[list, list]:
    """Accepted candidates and active judgements touching any frontier record."""
    candidates, judged = [], []
    mc, jt = match_candidates.c, judgements.c
    for part in _chunks(frontier):
        candidates += conn.execute(
            select(mc.left_id, mc.right_id, mc.score).where(and_(
                mc.accepted.is_(True), or_(mc.left_id.in_(part), mc.right_id.in_(part))))
        ).all()
        judged += conn.execute(
            select(jt.left_id, jt.right_id, jt.verdict).where(and_(
                jt.retracted_at.is_(None), or_(jt.left_id.in_(part), jt.right_id.in_(part))))
        ).all()
    return candidates, judged


def entity_members(store: SQLStore, record_ids: Iterable[str],
                   keep: Callable[[list[str]], set[str]] | None = None,
                   ) -> dict[str, set[str]]:
    """For each record id, the ids of every record in its resolved entity (itself included).

    `keep`, given a list of ids, returns those the walk may pass through (the access layer
    gives the records its viewer sees in full): an entity seen by a viewer is then computed
    only from what they see, so a chain A - hidden - B never tells them A and B are one."""
    asked = list(dict.fromkeys(record_ids))
    result: dict[str, set[str]] = {}
    with store.engine.connect() as conn:
        for rid in asked:
            if rid in result:
                continue
            seen = {rid}
            frontier = [rid]
            scored: dict[tuple[str, str], float] = {}
            same: set[tuple[str, str]] = set()
            different: set[tuple[str, str]] = set()
            while frontier and len(seen) < MAX_ENTITY:
                candidates, judged = _edges_from(conn, frontier)
                if keep is not None:
                    ends = {x for c in candidates for x in c[:2]} | {x for j in judged
                                                                    for x in j[:2]}
                    allowed = keep(sorted(ends - seen)) | seen
                    candidates = [c for c in candidates if c[0] in allowed and c[1] in allowed]
                    judged = [j for j in judged if j[0] in allowed and j[1] in allowed]
                nxt: list[str] = []
                for left, right, score in candidates:
                    scored[(left, right)] = float(score)
                    for x in (left, right):
                        if x not in seen:
                            seen.add(x)
                            nxt.append(x)
                for left, right, verdict in judged:
                    if verdict == "same":
                        same.add((left, right))
                        for x in (left, right):
                            if x not in seen:
                                seen.add(x)
                                nxt.append(x)
                    elif verdict == "different":
                        different.add((left, right))
                frontier = nxt
            uf = cluster_with_judgements(
                ((a, b, s) for (a, b), s in scored.items()), sorted(same), sorted(different))
            groups: dict[str, set[str]] = {}
            for x in seen:
                groups.setdefault(uf.find(x), set()).add(x)
            for members in groups.values():
                for x in members:
                    if x in seen:
                        result[x] = members
    return {rid: set(result.get(rid, {rid})) for rid in asked}


def clusters_among(store: SQLStore, record_ids: Iterable[str]) -> dict[str, str]:
    """Record id -> entity key for the given records, joining only through them: accepted
    candidates and active judgements whose two records are both among `record_ids` (the
    records a viewer sees in full, for the viewer's resolved graph). Records in no pair are
    left out (each is its own entity)."""
    ids = set(record_ids)
    mc, jt = match_candidates.c, judgements.c
    scored: list[tuple[str, str, float]] = []
    same: list[tuple[str, str]] = []
    different: list[tuple[str, str]] = []
    with store.engine.connect() as conn:
        for left, right, score in conn.execute(
                select(mc.left_id, mc.right_id, mc.score).where(mc.accepted.is_(True))):
            if left in ids and right in ids:
                scored.append((left, right, float(score)))
        for left, right, verdict in conn.execute(
                select(jt.left_id, jt.right_id, jt.verdict).where(jt.retracted_at.is_(None))):
            if left in ids and right in ids:
                (same if verdict == "same" else different if verdict == "different"
                 else []).append((left, right))
    uf = cluster_with_judgements(scored, sorted(same), sorted(different))
    members = {x for pair in scored for x in pair[:2]} | {x for p in same for x in p}
    groups: dict[str, list[str]] = {}
    for x in members:
        groups.setdefault(uf.find(x), []).append(x)
    # the key of an entity is its smallest member id: stable whichever member is asked
    return {x: min(g) for g in groups.values() if len(g) > 1 for x in g}


def paired_records(conn: Connection) -> set[str]:
    """Every record in an accepted candidate pair or an active "same" judgement: the only
    records resolution can join to another."""
    mc, jt = match_candidates.c, judgements.c
    out: set[str] = set()
    for left, right in conn.execute(select(mc.left_id, mc.right_id).where(
            mc.accepted.is_(True))):
        out.update((left, right))
    for left, right in conn.execute(select(jt.left_id, jt.right_id).where(and_(
            jt.retracted_at.is_(None), jt.verdict == "same"))):
        out.update((left, right))
    return out
