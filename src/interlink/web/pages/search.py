"""Search (one box, any script), the entity page, and the request for information on a hit.

Both go through `interlink.search.service` (the API's path): full results and hit-only results
come back apart and are shown apart; a hit shows its owner and reference and nothing else. The
entity page shows the resolved entity (`resolve.entity.entity_members`) with every source
record behind it as the gate lets the viewer see it, the record's links and timeline from the
viewer's own graph.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from interlink.cooperation.rfi import open_request
from interlink.core.errors import InvalidInput
from interlink.core.record import Record
from interlink.policy import Visibility
from interlink.policy.sharing import judge
from interlink.search import service
from interlink.store import SQLStore
from interlink.web import graphs
from interlink.web.common import back, get_store, posted, signed_in
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()
EVENT_SCHEMATA = ("Event", "Payment", "Call", "Trip")
NAME_PROPS = ("name", "alias", "weakAlias", "previousName", "firstName", "lastName",
              "fatherName")


@router.get("/search")
def search_page(request: Request, q: str = "", session: WebSession = Depends(signed_in),
                store: SQLStore = Depends(get_store)) -> Response:
    q = q.strip()[:200]
    result, error = None, ""
    if len(q) >= 2:
        if session.purpose is None:
            error = "purpose"
        else:
            try:
                result = service.search(store, session.viewer(), q, 50)
            except InvalidInput:
                error = "invalid"
    elif q:
        error = "short"
    return page(request, "search.html", session, q=q, result=result, error=error,
                agencies=_agency_names(store))


def _agency_names(store: SQLStore) -> dict[str, Any]:
    return {a.code: a for a in store.list_agencies()}


def _timeline(records: list[Record]) -> list[dict[str, Any]]:
    rows = []
    for r in records:
        e = r.entity
        if not any(e.schema.is_a(s) for s in EVENT_SCHEMATA):
            continue
        when = (e.get("date", quiet=True) or e.get("startDate", quiet=True)
                or e.get("endDate", quiet=True) or [""])[0]
        amount = (e.get("amount", quiet=True) or [""])[0]
        rows.append({"record": r, "date": when, "schema": r.schema, "caption": e.caption,
                     "amount": amount, "currency": (e.get("currency", quiet=True) or [""])[0]})
    rows.sort(key=lambda x: x["date"] or "9999")
    return rows


@router.get("/entity/{record_id}")
def entity_page(request: Request, record_id: str, session: WebSession = Depends(signed_in),
                store: SQLStore = Depends(get_store)) -> Response:
    viewer = session.viewer()
    record, seen = service.read(store, viewer, record_id)
    if record is None:
        return page(request, "error.html", session, status_code=404, message_key="not_found")
    agencies = _agency_names(store)
    if seen is Visibility.HIT:
        return page(request, "hit.html", session, record_id=record.id, owner=record.owner,
                    agencies=agencies)
    # the resolved entity: every source record behind it that the viewer sees in full (as
    # the review of pairs does: a member shown as a hit would tell that another agency's
    # record resembles this one, which no search asked)
    members = _members(store, record.id)
    others = store.get_many(sorted(members - {record.id}))
    verdicts = judge(store, others, viewer)
    sources = [record] + [r for r, v in zip(others, verdicts, strict=True)
                          if v is Visibility.FULL]
    links, timeline = _links(store, viewer, record.id)
    return page(request, "entity.html", session, record=record, sources=sources,
                agencies=agencies, links=links, timeline=timeline,
                names=[(p, v) for p in NAME_PROPS for v in record.entity.get(p, quiet=True)])


def _members(store: SQLStore, record_id: str) -> set[str]:
    try:
        from interlink.resolve.entity import entity_members
    except ImportError:  # entity resolution not installed in this build
        return {record_id}
    return entity_members(store, [record_id]).get(record_id, {record_id})


def _links(store: SQLStore, viewer, record_id: str) -> tuple[list | None, list | None]:  # type: ignore[no-untyped-def]
    """Neighbours of the record in the viewer's graph, with the kinds and evidence of each tie,
    and the dated events, payments and calls behind those ties (read through the gate); None
    for both while the viewer's graph is being built."""
    cached = graphs.graph_for(store, viewer, wait=graphs.WAIT_SECONDS)
    if cached is None:
        return None, None
    net = cached.net
    node = graphs.node_of(net, record_id, cached)
    if node is None:
        return [], []
    links = []
    evidence_ids: list[str] = []
    for other in net.neighbours(node)[:200]:
        kinds, evidence = net.edge_summary(node, int(other))
        links.append({"id": net.ids[int(other)], "label": net.label(int(other)),
                      "schema": net.schema(int(other)), "kinds": kinds, "evidence": evidence})
        evidence_ids.extend(evidence)
    evidence_records = store.get_many(sorted(set(evidence_ids))[:500])
    shown = [r for r, v in zip(evidence_records, judge(store, evidence_records, viewer),
                               strict=True) if v is Visibility.FULL]
    links.sort(key=lambda x: (-len(x["evidence"]), x["label"]))
    return links, _timeline(shown)


@router.post("/requests")
def request_information(
    request: Request,
    record_id: Annotated[str, Form(max_length=255)],
    message: Annotated[str, Form(max_length=4000)] = "",
    session: WebSession = Depends(posted),
    store: SQLStore = Depends(get_store),
) -> Response:
    try:
        made = open_request(store, session.viewer(), record_id, message)
    except LookupError:
        return page(request, "error.html", session, status_code=404, message_key="not_found")
    except InvalidInput as exc:
        return page(request, "error.html", session, status_code=400, message_key="refused",
                    detail=exc)
    return back(f"/entity/{record_id}", sent=made.id)
