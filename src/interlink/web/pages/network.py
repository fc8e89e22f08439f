"""The link chart and the network analysis, on the viewer's own graph (`web.graphs`, built by
`network_from_store` through the gate, as the API's network routes are).

Each view is audited as an analysis with its purpose, like the API's. The chart's data is
JSON for Cytoscape.js (served from node_modules); GraphML comes from `network.export`.
"""

from __future__ import annotations

import io
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from interlink.core.errors import InvalidInput
from interlink.network import (
    country_flows,
    follow,
    key_actors,
    removal_effect,
    routes,
)
from interlink.network.export import write_graphml
from interlink.store import SQLStore
from interlink.web import graphs
from interlink.web.common import get_store, signed_in
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()
MAX_CHART = 2500


def _viewer_graph(store: SQLStore, session: WebSession, analysis: str,
                  ) -> graphs.CachedGraph | None:
    """The viewer's graph, audited as an analysis; None while it is being built."""
    viewer = session.viewer()
    cached = graphs.graph_for(store, viewer, wait=graphs.WAIT_SECONDS)
    if cached is None:
        return None
    store.audit("analysis", viewer.user, agency=viewer.agency,
                purpose=viewer.purpose.value if viewer.purpose else None,
                details={"analysis": analysis, "nodes": cached.net.n, "via": "web"})
    return cached


def _preparing(request: Request, session: WebSession) -> Response:
    """Your graph is being (re)built after a change in the store: come back in a moment."""
    return page(request, "preparing.html", session, status_code=202)


def _centres(cached: graphs.CachedGraph, ids: str) -> list[int]:
    out = []
    for ref in [x.strip() for x in ids.split(",") if x.strip()][:50]:
        node = graphs.node_of(cached.net, ref, cached)
        if node is not None:
            out.append(node)
    return out


def _key_actors(cached: graphs.CachedGraph) -> Any:
    if not cached.net.n or not len(cached.net.pairs[0]):
        return None  # no tie, no ranking (NetworKit refuses a graph without edges)
    return graphs.analysis(cached, "key_actors", lambda net: key_actors(net, top=25))


@router.get("/chart")
def chart_page(request: Request, ids: str = "", session: WebSession = Depends(signed_in),
               store: SQLStore = Depends(get_store)) -> Response:
    if session.purpose is None:
        return page(request, "error.html", session, status_code=400, message_key="purpose")
    cached = graphs.graph_for(store, session.viewer(), wait=graphs.WAIT_SECONDS)
    if cached is None:
        return _preparing(request, session)
    if not ids.strip() and cached.net.n:
        ranking = _key_actors(cached)
        ids = ",".join(a.id for a in ranking.actors[:3]) if ranking else ""
    return page(request, "chart.html", session, ids=ids, nodes=cached.net.n)


@router.get("/chart/data")
def chart_data(ids: str = Query("", max_length=20000), depth: int = Query(1, ge=0, le=4),
               limit: int = Query(2000, ge=1, le=MAX_CHART),
               session: WebSession = Depends(signed_in),
               store: SQLStore = Depends(get_store)) -> JSONResponse:
    if session.purpose is None:
        return JSONResponse({"detail": "declare a purpose"}, status_code=400)
    cached = _viewer_graph(store, session, "chart")
    if cached is None:
        return JSONResponse({"detail": "graph being prepared"}, status_code=503,
                            headers={"Retry-After": "10"})
    centres = _centres(cached, ids)
    if not centres:
        return JSONResponse({"nodes": [], "edges": [], "kinds": [], "truncated": False})
    return JSONResponse(graphs.chart_data(cached, centres, depth, limit))


@router.get("/chart/graphml")
def chart_graphml(ids: str = Query("", max_length=20000), depth: int = Query(1, ge=0, le=4),
                  limit: int = Query(2000, ge=1, le=MAX_CHART),
                  session: WebSession = Depends(signed_in),
                  store: SQLStore = Depends(get_store)) -> Response:
    if session.purpose is None:
        return Response("declare a purpose", status_code=400)
    cached = _viewer_graph(store, session, "graphml export")
    if cached is None:
        return Response("graph being prepared", status_code=503, headers={"Retry-After": "10"})
    sub = cached.net.subgraph(graphs.neighbourhood(cached.net, _centres(cached, ids), depth,
                                                   limit))
    out = io.StringIO()
    write_graphml(sub, out)
    return Response(out.getvalue(), media_type="application/graphml+xml", headers={
        "Content-Disposition": 'attachment; filename="interlink-chart.graphml"'})


@router.get("/network")
def analysis_page(
    request: Request,
    account: str = Query("", max_length=255),
    hops: int = Query(2, ge=1, le=6),
    commodity: str = Query("", max_length=64),
    remove: str = Query("", max_length=5000),
    session: WebSession = Depends(signed_in),
    store: SQLStore = Depends(get_store),
) -> Response:
    if session.purpose is None:
        return page(request, "error.html", session, status_code=400, message_key="purpose")
    cached = _viewer_graph(store, session, "web analysis")
    if cached is None:
        return _preparing(request, session)
    net = cached.net
    ranking = _key_actors(cached)
    communities = ranking.communities if ranking else None  # the partition key actors used
    found_routes = graphs.analysis(cached, "routes", routes)
    commodities = sorted({r.commodity for r in found_routes})
    if commodity:
        found_routes = [r for r in found_routes if r.commodity == commodity]
    money, money_error = [], ""
    if account.strip():
        try:
            start = net.find(account)
            money = follow(net, start, hops)
        except InvalidInput as exc:
            money_error = exc
    disruption, removed, remove_error = None, [], ""
    if remove.strip():
        try:
            removed = [net.find(x) for x in remove.split(",") if x.strip()][:50]
            disruption = removal_effect(net, removed)
        except InvalidInput as exc:
            remove_error = exc
    return page(request, "network.html", session, net=net, ranking=ranking,
                communities=communities.communities[:30] if communities else [],
                routes=found_routes[:50], commodities=commodities, commodity=commodity,
                account=account, hops=hops, money=money[:200], money_error=money_error,
                flows=graphs.analysis(cached, "flows", country_flows)[:20], remove=remove,
                removed=removed, disruption=disruption, remove_error=remove_error)
