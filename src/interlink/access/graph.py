"""The viewer's analysis graph (entity links, link chart, key actors, network analyses, on the
API and the web alike), built through the gate and kept while nothing that could change it has
happened.

Building a viewer's graph reads every record they may see; doing it for each page would make
every entity page cost a full scan. The graph is cached per viewer (user, agency, purpose: a
TLP:RED grant names users, so two users of one agency may see different graphs) together with
a fingerprint of the store's state: the newest audit entry of every action that can change
what anyone sees (writes, erasures, grants, revocations, group and operation membership,
notices, judgements, retention) and today's date (a review date passing ends access without
any action). Any of those, by anyone, makes the next call rebuild it, so a revoked grant or a
withdrawn notice is never served from the cache. Analyses of a cached graph (key actors,
communities) are cached with it.

A build runs in the background: at a million records it takes minutes, and a page waits for it
only a few seconds before it answers without the graph ("being prepared") rather than hang.

After a change the graph is brought up to date rather than rebuilt when it can be: the cached
graph keeps its builder and the audit position it was built at; if every change since is a
write, an erasure, a grant or a revocation of named records (`changed_records`), only those
records are read and judged again (`network.renew_from_store`), and a resolved graph's
clusters are checked to be unchanged. Anything else (a group, an agency served, a judgement, a
notice, retention, a new day) rebuilds it from the store.
"""

from __future__ import annotations

import json
import threading
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select

from interlink.access.records import only_full
from interlink.audit import chain
from interlink.audit.table import audit_log
from interlink.core.viewer import Viewer
from interlink.network import GraphBuilder, Network, builder_from_store, renew_from_store
from interlink.resolve.entity import clusters_among, paired_records
from interlink.store import SQLStore

CHANGES = ("collection", "alteration", "erasure", "grant", "revocation", "group", "serves",
           "agency", "judgement", "retraction", "resolution", "notice", "operation",
           "retention")
MAX_CACHED = 8
#: changes of named records brought into a graph without rebuilding it (each a record read
#: and judged again); more than this at once, and the graph is rebuilt from the store
INCREMENTAL = ("collection", "alteration", "erasure", "grant", "revocation")
INCREMENTAL_LIMIT = 50_000


@dataclass
class CachedGraph:
    net: Network
    fingerprint: tuple[int, ...]
    analyses: dict[str, Any] = field(default_factory=dict)
    builder: GraphBuilder | None = None  # kept to bring the graph up to date
    how: str = "full"  # "full" (read from the store) or "incremental" (changes brought in)

    @property
    def position(self) -> int:
        """The audit position the graph is current with (its newest change)."""
        return max(self.fingerprint[:-1], default=0)


def changed_records(store: SQLStore, since: int, limit: int = INCREMENTAL_LIMIT
                    ) -> set[str] | None:
    """The records changed since audit position `since` by writes, erasures, grants and
    revocations (read from the audit log, in order); None when another kind of change
    happened, one named no record (a grant of all an agency's records), or more than
    `limit` records changed: then only a rebuild is sure to be right."""
    with store.reading() as conn:
        rows = conn.execute(
            select(audit_log.c.action, audit_log.c.subjects)
            .where(audit_log.c.seq > since, audit_log.c.action.in_(CHANGES))
            .order_by(audit_log.c.seq)).all()
    ids: set[str] = set()
    for action, subjects in rows:
        named = json.loads(subjects) if subjects else []
        if action not in INCREMENTAL or not named:
            return None
        ids.update(named)
        if len(ids) > limit:
            return None
    return ids


Key = tuple[str, str, str, str, bool]
_cache: OrderedDict[Key, CachedGraph] = OrderedDict()
_lock = threading.Lock()


def fingerprint(store: SQLStore) -> tuple[int, ...]:
    """The newest audit entry of each kind of change, in one query (an index probe each), and
    today's date as an ordinal."""
    with store.reading() as conn:
        newest = tuple(int(v) for v in conn.execute(select(*chain.newest_of(CHANGES))).one())
    return (*newest, datetime.now(UTC).date().toordinal())


#: How long a page waits for a graph being built before it answers without it (and says so).
#: A small store's graph is ready well within it; a million records take minutes.
WAIT_SECONDS = 8.0
_builder = ThreadPoolExecutor(max_workers=2, thread_name_prefix="web-graph")
_building: dict[tuple[Key, tuple[int, ...]], Future[CachedGraph]] = {}


def _key(store: SQLStore, viewer: Viewer, resolved: bool) -> Key:
    return (store.safe_url, viewer.agency, viewer.user,
            viewer.purpose.value if viewer.purpose else "", resolved)


def clusters_seen(store: SQLStore, viewer: Viewer) -> dict[str, str]:
    """Record -> entity for the records the viewer sees in full that resolution joined:
    only pairs whose two records the viewer sees count, so a hidden record joins nothing."""
    with store.reading() as conn:
        involved = sorted(paired_records(conn))
    seen: list[str] = []
    for start in range(0, len(involved), 2000):
        chunk = store.get_many(involved[start : start + 2000])
        seen += [r.id for r in only_full(store, chunk, viewer)]
    return clusters_among(store, seen)


def _updated(store: SQLStore, viewer: Viewer, key: Key, previous: CachedGraph | None,
             builder: GraphBuilder | None, now: tuple[int, ...]) -> GraphBuilder | None:
    """The previous graph's builder brought up to date, or None if it cannot be."""
    if previous is None or builder is None or previous.fingerprint[-1] != now[-1]:
        return None  # nothing to start from, or a new day (review dates may have passed)
    changed = changed_records(store, previous.position)
    if changed is None:
        return None
    if key[-1] and clusters_seen(store, viewer) != dict(builder.clusters):
        return None  # who is one entity changed with what the viewer sees
    return renew_from_store(builder, store, changed)


def _build(store: SQLStore, viewer: Viewer, key: Key,
           now: tuple[int, ...], previous: CachedGraph | None = None,
           builder: GraphBuilder | None = None) -> CachedGraph:
    try:
        renewed = _updated(store, viewer, key, previous, builder, now)
        if renewed is None:
            clusters = clusters_seen(store, viewer) if key[-1] else None
            renewed, how = builder_from_store(store, viewer, clusters), "full"
        else:
            how = "incremental"
        built = CachedGraph(renewed.build(), now, builder=renewed, how=how)
        with _lock:
            _cache[key] = built
            _cache.move_to_end(key)
            while len(_cache) > MAX_CACHED:
                _cache.popitem(last=False)
        return built
    finally:
        with _lock:
            _building.pop((key, now), None)


def graph_for(store: SQLStore, viewer: Viewer,
              wait: float | None = None, resolved: bool = True) -> CachedGraph | None:
    """The viewer's graph (their agency's records and what was shared with it for the
    purpose), current with the store: one node per resolved entity (`resolved`, the default)
    or per record. When it must be (re)built, the build runs in the background and this waits
    `wait` seconds for it (None: until it is done); None if it is not ready by then. A stale
    graph is never returned: a revoked grant leaves no trace."""
    key = _key(store, viewer, resolved)
    now = fingerprint(store)
    with _lock:
        found = _cache.get(key)
        if found is not None and found.fingerprint == now:
            _cache.move_to_end(key)
            return found
        future = _building.get((key, now))
        if future is None:
            # the stale graph's builder moves to this build (one build owns it at a time)
            builder = found.builder if found is not None else None
            if found is not None:
                found.builder = None
            future = _building[(key, now)] = _builder.submit(_build, store, viewer, key, now,
                                                             found, builder)
    try:
        return future.result(timeout=wait)
    except TimeoutError:
        return None


def clear() -> None:
    with _lock:
        _cache.clear()


def node_of(net: Network, record_id: str, cached: CachedGraph | None = None) -> int | None:
    """The node of a record: its own, or the one it was merged into (looked up in an index
    built once per cached graph)."""
    i = net.index.get(record_id)
    if i is not None or net.records is None:
        return i
    by_record = cached.analyses.get("by_record") if cached is not None else None
    if by_record is None:
        by_record = {r: n for n, recs in enumerate(net.records) for r in recs}
        if cached is not None:
            cached.analyses["by_record"] = by_record
    return by_record.get(record_id)


def analysis(cached: CachedGraph, name: str, compute):  # type: ignore[no-untyped-def]
    """An analysis of the cached graph, computed once (the graph does not change under it)."""
    found = cached.analyses.get(name)
    if found is None:
        found = cached.analyses[name] = compute(cached.net)
    return found


def neighbourhood(net: Network, centres: list[int], depth: int, limit: int) -> list[int]:
    """Everyone within `depth` hops of any centre, nearest first, at most `limit` nodes."""
    seen: dict[int, int] = {c: 0 for c in centres}
    frontier = list(centres)
    for hop in range(1, depth + 1):
        nxt = []
        for u in frontier:
            for x in net.neighbours(u):
                x = int(x)
                if x not in seen:
                    if len(seen) >= limit:
                        return list(seen)
                    seen[x] = hop
                    nxt.append(x)
        frontier = nxt
    return list(seen)


def edge_dates(net: Network) -> dict[str, str]:
    """Record id -> date, for the evidence records whose date the graph knows (payments and
    movements): what the chart's date filter works on."""
    dates: dict[str, str] = {}
    for p in net.payments:
        if p.date:
            for r in p.records:
                dates[r] = p.date
    for fact in net.routes:
        if fact.date:
            for r in fact.records:
                dates.setdefault(r, fact.date)
    return dates


#: Evidence records read per link of the chart (owner, date): at most 20 are listed.
EVIDENCE_READ = 50


def chart_data(cached: CachedGraph, centres: list[int], depth: int = 1,
               limit: int = 2000,
               sources: Callable[[list[str]], dict[str, tuple[str, str]]] | None = None,
               schemata: set[str] | None = None) -> dict[str, Any]:
    """Cytoscape elements around the centres: nodes sized by key-actor score, coloured by
    community (both computed on the shown subgraph), edges with kinds, evidence and dates.

    `sources` answers, for the evidence record ids of the drawn links, record id -> (owning
    agency, date) for those the viewer sees in full: it names the agency behind each evidence
    record and dates it when the graph does not; an edge lists only evidence found there, so
    a record the viewer may not see is never named (None: every evidence record, without its
    owner). `schemata` keeps, besides the centres, only nodes of those entity types (an
    expansion "by type")."""
    from interlink.network import key_actors

    net = cached.net
    nodes = neighbourhood(net, centres, depth, limit)
    if schemata:
        keep = set(centres)
        nodes = [n for n in nodes if n in keep or net.schema(n) in schemata]
    sub = net.subgraph(nodes)
    dates = cached.analyses.get("dates")
    if dates is None:
        dates = cached.analyses["dates"] = edge_dates(net)
    score = [0.0] * sub.n
    community = [0] * sub.n
    if sub.n and len(sub.pairs[0]):
        ranking = key_actors(sub, top=None, explain=False, exact_limit=2500)
        for a in ranking.actors:
            score[a.node] = a.score
        community = [int(c) for c in ranking.communities.membership]
    centre_ids = {net.ids[c] for c in centres}
    out_nodes = [
        {"data": {"id": sub.ids[i], "label": sub.label(i), "schema": sub.schema(i),
                  "score": round(score[i], 4), "community": community[i] % 12,
                  "centre": sub.ids[i] in centre_ids,
                  "records": list(sub.node_records(i)) or [sub.ids[i]]}}
        for i in range(sub.n)
    ]
    left, right, w = sub.pairs
    summaries = [sub.edge_summary(u, v)
                 for u, v in zip(left.tolist(), right.tolist(), strict=True)]
    # a hub's link may rest on thousands of records: its first ones are read (20 are shown)
    summaries = [(kinds, ev[:EVIDENCE_READ]) for kinds, ev in summaries]
    facts = sources([e for _, ev in summaries for e in ev]) if sources is not None else {}
    out_edges = []
    for u, v, weight, (kinds, evidence) in zip(left.tolist(), right.tolist(), w.tolist(),
                                               summaries, strict=True):
        if sources is not None:
            evidence = [e for e in evidence if e in facts]
        when = {e: dates.get(e) or facts.get(e, ("", ""))[1] for e in evidence}
        known = sorted(d for d in when.values() if d)
        evidence = evidence[:20]
        listed = [{"id": e, "owner": facts.get(e, ("", ""))[0], "date": when[e]}
                  for e in evidence]
        out_edges.append({"data": {
            "id": f"{sub.ids[u]}~{sub.ids[v]}", "source": sub.ids[u], "target": sub.ids[v],
            "kind": kinds[0] if kinds else "", "kinds": kinds, "weight": round(weight, 3),
            "evidence": evidence, "sources": listed, "date": known[0] if known else ""}})
    return {"nodes": out_nodes, "edges": out_edges, "kinds": sorted(
        {k for e in out_edges for k in e["data"]["kinds"]}), "truncated": len(nodes) >= limit}
