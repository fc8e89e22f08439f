"""Network analyses as a viewer sees them, on the API and the web alike.

Every analysis runs on the viewer's cached graph (`access.graph`: only records the viewer sees
in full, rebuilt after any change of access) and is audited as an `analysis` entry naming
every record id its answer discloses, whichever surface asked.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from interlink.access import graph
from interlink.access.audit import disclose
from interlink.access.records import only_full
from interlink.access.search import search
from interlink.core.errors import InvalidInput
from interlink.core.messages import invalid
from interlink.core.viewer import Viewer
from interlink.network import (
    KeyActors,
    country_flows,
    detect_communities,
    detect_patterns,
    follow,
    key_actors,
    removal_effect,
    routes,
)
from interlink.network.export import write_gexf, write_graphml
from interlink.store import SQLStore

CachedGraph = graph.CachedGraph


def viewer_graph(store: SQLStore, viewer: Viewer, wait: float | None = None,
                 resolved: bool = True) -> CachedGraph | None:
    """The viewer's graph (one node per resolved entity, or per record), or None if not built
    within `wait` seconds (None: wait for it). Not audited by itself: each analysis audits
    what it shows."""
    if viewer.purpose is None:
        raise invalid("access.purpose_analysis", "purpose")
    return graph.graph_for(store, viewer, wait=wait, resolved=resolved)


def _ids(cached: CachedGraph, nodes: Iterable[int]) -> list[str]:
    net = cached.net
    out: list[str] = []
    for n in nodes:
        out.append(net.ids[n])
        if net.records is not None:  # a merged node discloses every record behind it
            out.extend(net.records[n])
    return out


def audited(store: SQLStore, viewer: Viewer, cached: CachedGraph, analysis: str,
            nodes: Iterable[int] = (), records: Iterable[str] = (), **details: Any) -> None:
    disclose(store, viewer, analysis, [*_ids(cached, nodes), *records], action="analysis",
             nodes=cached.net.n, **details)


def ranking(cached: CachedGraph, top: int = 25) -> KeyActors | None:
    """Key actors of the whole graph, computed once per cached graph."""
    if not cached.net.n or not len(cached.net.pairs[0]):
        return None  # no tie, no ranking (NetworKit refuses a graph without edges)
    found: KeyActors = graph.analysis(cached, f"key_actors:{top}",
                                      lambda net: key_actors(net, top=top))
    return found


def key_actor_rows(store: SQLStore, viewer: Viewer, top: int = 20, resolved: bool = True
                   ) -> list[dict[str, Any]]:
    cached = viewer_graph(store, viewer, resolved=resolved)
    assert cached is not None
    found = ranking(cached, top)
    actors = found.actors if found else []
    audited(store, viewer, cached, "key-actors", [a.node for a in actors])
    return [{"rank": a.rank, "id": a.id, "label": a.label, "score": round(a.score, 6),
             "role": a.role, "reason": a.reason,
             "reasons": [{"code": code, "params": params} for code, params in a.messages]}
            for a in actors]


def community_rows(store: SQLStore, viewer: Viewer, resolved: bool = True
                   ) -> list[dict[str, Any]]:
    cached = viewer_graph(store, viewer, resolved=resolved)
    assert cached is not None
    net = cached.net
    found = graph.analysis(cached, "communities",
                           lambda n: detect_communities(n).communities if n.ids else [])
    audited(store, viewer, cached, "communities", [m for c in found for m in c.members])
    return [{"id": c.id, "size": c.size, "activity": c.activity,
             "key_actor": net.ids[c.key_actor], "members": [net.ids[m] for m in c.members]}
            for c in found]


def money_rows(store: SQLStore, viewer: Viewer, resolved: bool = True
               ) -> list[dict[str, Any]]:
    cached = viewer_graph(store, viewer, resolved=resolved)
    assert cached is not None
    net = cached.net
    found = graph.analysis(cached, "patterns", detect_patterns)
    audited(store, viewer, cached, "money", [n for f in found for n in f.nodes],
            [r for f in found for r in f.records])
    return [{"kind": f.kind, "summary": f.summary, "nodes": [net.ids[n] for n in f.nodes],
             "records": f.records} for f in found]


def centres(cached: CachedGraph, ids: str) -> list[int]:
    """Nodes of the records named (comma-separated; a merged record finds its node)."""
    out = []
    for ref in [x.strip() for x in ids.split(",") if x.strip()][:50]:
        node = graph.node_of(cached.net, ref, cached)
        if node is not None:
            out.append(node)
    return out


def _centres(store: SQLStore, viewer: Viewer, cached: CachedGraph, ids: str) -> list[int]:
    """The centres named by record ids or, when none is a record of the graph, by a name in
    any script: the best full result of the viewer's search (`access.search`, audited there)
    that is in the graph."""
    found = centres(cached, ids)
    if found or not ids.strip():
        return found
    for row in search(store, viewer, ids.strip(), limit=10).results:
        node = graph.node_of(cached.net, row["id"], cached)
        if node is not None:
            return [node]
    return []


def chart_candidates(store: SQLStore, viewer: Viewer, query: str, limit: int = 10
                     ) -> list[dict[str, Any]]:
    """Records to start a chart from, for a name typed in any script: the viewer's search
    (the one the search page runs, audited there), full results only (a hit-only record is
    not in the viewer's graph)."""
    if not query.strip():
        return []
    found = search(store, viewer, query.strip(), limit=limit)
    return [{"id": r["id"], "caption": r["caption"], "schema": r["schema"],
             "owner": r["owner"], "score": r["score"]} for r in found.results]


#: The properties that date a link's evidence record (an interval: a call, a payment, a
#: membership...): never a person's birth date, which says nothing of when a link held.
LINK_DATES = ("date", "startDate")


def _sources(store: SQLStore, viewer: Viewer, cached: CachedGraph, ids: list[str]
             ) -> dict[str, tuple[str, str]]:
    """Record -> (owning agency, date of the link when known) for the evidence records the
    viewer sees in full, kept with the cached graph (rebuilt after any change of access, so
    never stale)."""
    known: dict[str, tuple[str, str]] = cached.analyses.setdefault("sources", {})
    missing = sorted({i for i in ids if i not in known})
    for start in range(0, len(missing), 2000):
        chunk = store.get_many(missing[start : start + 2000])
        for record in only_full(store, chunk, viewer):
            dates = sorted(d for prop in LINK_DATES
                           for d in record.entity.get(prop, quiet=True))
            known[record.id] = (record.owner, dates[0] if dates else "")
    return {i: known[i] for i in ids if i in known}


def chart(store: SQLStore, viewer: Viewer, ids: str, depth: int, limit: int,
          wait: float | None, resolved: bool = True, types: str = ""
          ) -> dict[str, Any] | None:
    """Cytoscape elements around the named records (or the best match of a name), only nodes
    of the entity `types` (comma-separated FtM schemata; empty: all) beside the centres; each
    link with its evidence records, their owners and dates. None while the graph is being
    built."""
    cached = viewer_graph(store, viewer, wait, resolved)
    if cached is None:
        return None
    found = _centres(store, viewer, cached, ids)
    if not found:
        audited(store, viewer, cached, "chart")
        return {"nodes": [], "edges": [], "kinds": [], "truncated": False}
    schemata = {t.strip() for t in types.split(",") if t.strip()} or None
    data = graph.chart_data(cached, found, depth, limit,
                            lambda every: _sources(store, viewer, cached, every), schemata)
    evidence = [e for edge in data["edges"] for e in edge["data"]["evidence"]]
    audited(store, viewer, cached, "chart", records=[n["data"]["id"] for n in data["nodes"]]
            + evidence)
    return data


#: The chart's export formats: writer, media type, file suffix (`network.export`).
EXPORTS = {"graphml": (write_graphml, "application/graphml+xml", "graphml"),
           "gexf": (write_gexf, "application/gexf+xml", "gexf")}


def chart_export(store: SQLStore, viewer: Viewer, ids: str, depth: int, limit: int,
                 wait: float | None, resolved: bool = True, fmt: str = "graphml"
                 ) -> str | None:
    """The chart's graph as GraphML or GEXF text, audited with every node it holds; None
    while the graph is being built."""
    if fmt not in EXPORTS:
        raise invalid("access.unknown_export", "fmt", value=fmt, allowed=list(EXPORTS))
    cached = viewer_graph(store, viewer, wait, resolved)
    if cached is None:
        return None
    nodes = graph.neighbourhood(cached.net, _centres(store, viewer, cached, ids), depth, limit)
    sub = cached.net.subgraph(nodes)
    out = io.StringIO()
    EXPORTS[fmt][0](sub, out)
    audited(store, viewer, cached, f"{fmt} export", nodes)
    return out.getvalue()


def chart_schemata(cached: CachedGraph) -> list[str]:
    """The entity types of the viewer's graph (what a chart can be expanded to)."""
    found: list[str] = graph.analysis(cached, "schemata", lambda n: sorted(
        set(n.schemata or ()) - {""}))
    return found


def default_centres(cached: CachedGraph) -> str:
    found = ranking(cached)
    return ",".join(a.id for a in found.actors[:3]) if found else ""


def overview(store: SQLStore, viewer: Viewer, *, account: str = "", hops: int = 2,
             commodity: str = "", remove: str = "", wait: float | None = None,
             resolved: bool = True) -> dict[str, Any] | None:
    """The network page: key actors, cells, routes, money from an account, flows between
    countries, the effect of removing people; audited with every record it names."""
    cached = viewer_graph(store, viewer, wait, resolved)
    if cached is None:
        return None
    net = cached.net
    found = ranking(cached)
    comms = found.communities if found else None
    all_routes = graph.analysis(cached, "routes", routes)
    commodities = sorted({r.commodity for r in all_routes})
    shown_routes = [r for r in all_routes if not commodity or r.commodity == commodity][:50]
    money: list[Any] = []
    money_error: InvalidInput | None = None
    if account.strip():
        try:
            money = follow(net, net.find(account), hops)[:200]
        except InvalidInput as exc:
            money_error = exc  # the page renders its code in the reader's language
    disruption, removed = None, []
    remove_error: InvalidInput | None = None
    if remove.strip():
        try:
            removed = [net.find(x) for x in remove.split(",") if x.strip()][:50]
            disruption = removal_effect(net, removed)
        except InvalidInput as exc:
            remove_error = exc
    cells = comms.communities[:30] if comms else []
    flows = graph.analysis(cached, "flows", country_flows)[:20]
    nodes = [a.node for a in found.actors] if found else []
    nodes += [c.key_actor for c in cells] + removed
    records = [x for r in shown_routes for x in r.records]
    for step in money:
        nodes += [step.payment.source, step.payment.target]
        records += list(step.payment.records)
    audited(store, viewer, cached, "network", nodes, records)
    return {"net": net, "ranking": found, "communities": cells, "routes": shown_routes,
            "commodities": commodities, "commodity": commodity, "account": account,
            "hops": hops, "money": money, "money_error": money_error, "flows": flows,
            "remove": remove, "removed": removed, "disruption": disruption,
            "remove_error": remove_error, "resolved": resolved}
