"""Search (one box, any script), the entity page, and the request for information on a hit.

Both go through `interlink.access` (the API's path): full results and hit-only results come
back apart and are shown apart; a hit shows its owner and reference and nothing else. The
entity page shows the resolved entity with every member record the viewer sees in full, and
the links and timeline of all of them, so it is the same whichever member is opened.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import Response

from interlink.access.entity import entity as access_entity
from interlink.access.search import search
from interlink.cooperation.rfi import open_request
from interlink.core.errors import InvalidInput, NotFound
from interlink.store import SQLStore
from interlink.web.common import back, get_store, posted, signed_in
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()
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
                result = search(store, session.viewer(), q, 50)
            except InvalidInput:
                error = "invalid"
    elif q:
        error = "short"
    return page(request, "search.html", session, q=q, result=result, error=error,
                agencies=_agency_names(store))


def _agency_names(store: SQLStore) -> dict[str, Any]:
    return {a.code: a for a in store.list_agencies()}


@router.get("/entity/{record_id}")
def entity_page(request: Request, record_id: str, session: WebSession = Depends(signed_in),
                store: SQLStore = Depends(get_store)) -> Response:
    try:
        found = access_entity(store, session.viewer(), record_id)
    except NotFound:
        return page(request, "error.html", session, status_code=404, message_key="not_found")
    agencies = _agency_names(store)
    record = found.record
    if not found.shown.full:
        return page(request, "hit.html", session, record_id=record.id, owner=record.owner,
                    agencies=agencies)
    return page(request, "entity.html", session, record=record, sources=found.members,
                agencies=agencies, links=found.links, timeline=found.timeline,
                names=[(p, v) for p in NAME_PROPS for v in record.entity.get(p, quiet=True)])


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
