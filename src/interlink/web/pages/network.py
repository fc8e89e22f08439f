"""The link chart and the network analysis, on the viewer's own graph, through
`interlink.access.analysis` (the API's path: only records the viewer sees in full, every
record shown audited).

The chart's data is JSON for Cytoscape.js (served from node_modules); GraphML and GEXF come
from `network.export`; a chart starts from a record id or a name (the search page's search).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response

from interlink.access import analysis, charts, graph
from interlink.core.errors import InvalidInput, NotFound
from interlink.core.messages import invalid, render
from interlink.store import SQLStore
from interlink.web.common import (
    REFUSALS,
    back,
    get_store,
    posted,
    refusal_status,
    signed_in,
)
from interlink.web.render import page, request_lang
from interlink.web.session import WebSession

router = APIRouter()
MAX_CHART = 2500


def _preparing(request: Request, session: WebSession) -> Response:
    """Your graph is being (re)built after a change in the store: come back in a moment."""
    return page(request, "preparing.html", session, status_code=202)


@router.get("/chart")
def chart_page(request: Request, ids: str = "", raw: bool = False,
               chart: str = Query("", max_length=32), saved: str = Query("", max_length=16),
               session: WebSession = Depends(signed_in),
               store: SQLStore = Depends(get_store)) -> Response:
    if session.purpose is None:
        return page(request, "error.html", session, status_code=400, message_key="purpose")
    opened = None
    depth = 2
    if chart:  # a saved chart: its centres the viewer still sees, its depth, its notes
        try:
            opened = charts.get(store, session.viewer(), chart)
        except NotFound:
            return page(request, "error.html", session, status_code=404,
                        message_key="not_found")
        ids, raw, depth = ",".join(opened["centres"]), opened["raw"], opened["depth"]
    cached = analysis.viewer_graph(store, session.viewer(), graph.WAIT_SECONDS, not raw)
    if cached is None:
        return _preparing(request, session)
    if not ids.strip() and cached.net.n and opened is None:
        ids = analysis.default_centres(cached)
    return page(request, "chart.html", session, ids=ids, nodes=cached.net.n, raw=raw,
                schemata=analysis.chart_schemata(cached), depth=depth, opened=opened,
                saved_charts=charts.list_charts(store, session.viewer()), saved=saved)


@router.post("/chart/save")
async def chart_save(request: Request, session: WebSession = Depends(posted),
                     store: SQLStore = Depends(get_store)) -> Response:
    """Save the chart drawn (its centres, depth, raw or resolved) with a name and notes, the
    user's own (`access.charts`); then open it."""
    form = await request.form()
    try:
        depth = int(str(form.get("depth", "2")))
    except ValueError:
        depth = -1
    try:
        made = charts.save(store, session.viewer(), str(form.get("name", ""))[:1000],
                           str(form.get("ids", ""))[:20000], str(form.get("notes", ""))[:40000],
                           depth, "", str(form.get("raw", "")) == "1")
    except InvalidInput as exc:
        return page(request, "error.html", session, status_code=400,
                    message_key="refused", detail=exc)
    return back("/chart", chart=made["id"], saved="saved")


@router.post("/chart/delete")
async def chart_delete(request: Request, session: WebSession = Depends(posted),
                       store: SQLStore = Depends(get_store)) -> Response:
    form = await request.form()
    try:
        charts.delete_chart(store, session.viewer(), str(form.get("chart", ""))[:32])
    except NotFound:
        return page(request, "error.html", session, status_code=404, message_key="not_found")
    return back("/chart", saved="deleted")


@router.get("/chart/data")
def chart_data(ids: str = Query("", max_length=20000), depth: int = Query(1, ge=0, le=4),
               limit: int = Query(2000, ge=1, le=MAX_CHART), raw: bool = False,
               types: str = Query("", max_length=1000),
               session: WebSession = Depends(signed_in),
               store: SQLStore = Depends(get_store)) -> JSONResponse:
    if session.purpose is None:
        return JSONResponse({"detail": "declare a purpose"}, status_code=400)
    data = analysis.chart(store, session.viewer(), ids, depth, limit, graph.WAIT_SECONDS,
                          not raw, types)
    if data is None:
        return JSONResponse({"detail": "graph being prepared"}, status_code=503,
                            headers={"Retry-After": "10"})
    return JSONResponse(data)


@router.get("/chart/search")
def chart_search(q: str = Query("", max_length=200), session: WebSession = Depends(signed_in),
                 store: SQLStore = Depends(get_store)) -> JSONResponse:
    """Records to start the chart from, for a name in any script (the search page's search)."""
    if session.purpose is None:
        return JSONResponse({"detail": "declare a purpose"}, status_code=400)
    return JSONResponse({"results": analysis.chart_candidates(store, session.viewer(), q)})


@router.post("/chart/judge")
async def chart_judge(request: Request, session: WebSession = Depends(posted),
                      store: SQLStore = Depends(get_store)) -> JSONResponse:
    """Merge or split from the chart: a judgement on a pair of records, the resolution
    review's own (`resolve.judgements`, checked and audited there): "same" joins their nodes,
    "different" keeps them apart. The chart redraws on the graph rebuilt after it."""
    from interlink.resolve.judgements import judge

    form = await request.form()
    verdict = str(form.get("verdict", ""))
    try:
        if verdict not in ("same", "different"):
            raise invalid("form.verdict", "verdict")
        made = judge(store, str(form.get("left_id", ""))[:255],
                     str(form.get("right_id", ""))[:255], verdict, session.viewer(),
                     str(form.get("reason", ""))[:4000])
    except (*REFUSALS, NotFound) as exc:
        status = 404 if isinstance(exc, NotFound) else refusal_status(exc)
        return JSONResponse({"error": request_lang(request).error(exc).striptags()},
                            status_code=status)
    return JSONResponse({"judgement": made.id, "verdict": made.verdict})


def _export(fmt: str, ids: str, depth: int, limit: int, raw: bool, session: WebSession,
            store: SQLStore, lang: str) -> Response:
    """A chart as a file; a refusal as one line of text in the reader's language."""
    if session.purpose is None:
        return Response(render("web.declare_purpose", {}, lang), status_code=400)
    text = analysis.chart_export(store, session.viewer(), ids, depth, limit,
                                 graph.WAIT_SECONDS, not raw, fmt)
    if text is None:
        return Response(render("web.graph_preparing", {}, lang), status_code=503,
                        headers={"Retry-After": "10"})
    _, media, suffix = analysis.EXPORTS[fmt]
    return Response(text, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="interlink-chart.{suffix}"'})


@router.get("/chart/graphml")
def chart_graphml(request: Request, ids: str = Query("", max_length=20000),
                  depth: int = Query(1, ge=0, le=4),
                  limit: int = Query(2000, ge=1, le=MAX_CHART), raw: bool = False,
                  session: WebSession = Depends(signed_in),
                  store: SQLStore = Depends(get_store)) -> Response:
    return _export("graphml", ids, depth, limit, raw, session, store,
                   request_lang(request).code)


@router.get("/chart/gexf")
def chart_gexf(request: Request, ids: str = Query("", max_length=20000),
               depth: int = Query(1, ge=0, le=4),
               limit: int = Query(2000, ge=1, le=MAX_CHART), raw: bool = False,
               session: WebSession = Depends(signed_in),
               store: SQLStore = Depends(get_store)) -> Response:
    return _export("gexf", ids, depth, limit, raw, session, store,
                   request_lang(request).code)


@router.get("/network")
def analysis_page(
    request: Request,
    account: str = Query("", max_length=255),
    hops: int = Query(2, ge=1, le=6),
    commodity: str = Query("", max_length=64),
    remove: str = Query("", max_length=5000),
    raw: bool = False,
    session: WebSession = Depends(signed_in),
    store: SQLStore = Depends(get_store),
) -> Response:
    if session.purpose is None:
        return page(request, "error.html", session, status_code=400, message_key="purpose")
    found = analysis.overview(store, session.viewer(), account=account, hops=hops,
                              commodity=commodity, remove=remove, wait=graph.WAIT_SECONDS,
                              resolved=not raw)
    if found is None:
        return _preparing(request, session)
    return page(request, "network.html", session, **found)
