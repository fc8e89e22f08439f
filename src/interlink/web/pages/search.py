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
from interlink.web.listing import Listing, Paged, record_countries
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()
#: results compared for a search shown a page at a time (the API's default is 50)
CANDIDATES = 200
RESULT_SORTS: dict[str, Any] = {"score": lambda r: r["score"], "name": lambda r: r["caption"],
                                "born": lambda r: (r["properties"].get("birthDate") or [""])[0]}
#: the types a search result can have, for its filter
SCHEMAS = ("Person", "Company", "Organization", "LegalEntity", "Vehicle", "Vessel",
           "BankAccount", "Address")
NAME_PROPS = ("name", "alias", "weakAlias", "previousName", "firstName", "lastName",
              "fatherName")


@router.get("/search")
def search_page(request: Request, q: str = "", session: WebSession = Depends(signed_in),
                store: SQLStore = Depends(get_store)) -> Response:
    q = q.strip()[:200]
    result, error = None, ""
    pages: dict[str, Paged[dict[str, Any]]] = {}

    def arrange(results: list[dict[str, Any]], hits: list[dict[str, Any]]
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        """One page of each list, sorted and filtered, before the search is audited."""
        pages["results"] = Listing.of(request, tuple(RESULT_SORTS), "score").arrange(
            results, RESULT_SORTS, type=lambda r: r["schema"],
            country=lambda r: record_countries(r["schema"], r["properties"]))
        pages["hits"] = Listing.of(request, ("score",), "score", prefix="hits_").arrange(
            hits, {"score": lambda h: h["score"]})
        return pages["results"].items, pages["hits"].items

    if len(q) >= 2:
        if session.purpose is None:
            error = "purpose"
        else:
            try:
                result = search(store, session.viewer(), q, CANDIDATES, arrange=arrange)
            except InvalidInput:
                error = "invalid"
    elif q:
        error = "short"
    return page(request, "search.html", session, q=q, result=result, error=error,
                agencies=_agency_names(store), results=pages.get("results"),
                hits=pages.get("hits"), schemas=SCHEMAS)


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
    timeline = None
    if found.timeline is not None:
        timeline = Listing.of(request, ("date",), "date", desc=False, prefix="tl_").arrange(
            found.timeline, {"date": lambda t: t.get("date")}, type=lambda t: t["schema"],
            when=lambda t: t.get("date"))
    if not found.shown.full:
        return page(request, "hit.html", session, record_id=record.id, owner=record.owner,
                    agencies=agencies)
    return page(request, "entity.html", session, record=record, sources=found.members,
                agencies=agencies, links=found.links, timeline=timeline,
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
