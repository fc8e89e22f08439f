"""The audit log for supervisors: their agency's entries filtered by user, action, record and
dates, a page at a time (newest or oldest first), and the verification of the whole chain (on
request: it walks every entry)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from interlink.audit import chain
from interlink.audit.listing import latest
from interlink.store import SQLStore
from interlink.web.common import get_store, signed_in
from interlink.web.listing import Listing
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()


@router.get("/audit")
def audit_page(
    request: Request,
    user: str = Query("", max_length=128),
    action: str = Query("", max_length=32),
    record: str = Query("", max_length=255),
    before: int | None = Query(None, ge=1, le=2**62),  # older links of earlier versions
    verify: bool = False,
    session: WebSession = Depends(signed_in),
    store: SQLStore = Depends(get_store),
) -> Response:
    if not session.supervisor:
        return page(request, "error.html", session, status_code=403, message_key="supervisors")
    report = None
    listing = Listing.of(request, ("when",), "when")
    with store.engine.connect() as conn:
        found = latest(conn, session.user.agency, actor=user or None, action=action or None,
                       subject=record or None, before=before, offset=listing.offset,
                       limit=listing.per + 1, since=listing.since, until=listing.until,
                       oldest_first=not listing.desc)
        if verify:
            report = chain.verify(conn)
    return page(request, "audit.html", session, entries=listing.paged(found, None), user=user,
                action=action, record=record, report=report)
