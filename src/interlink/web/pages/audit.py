"""The audit log for supervisors: their agency's entries filtered by user, action or record,
and the verification of the whole chain (on request: it walks every entry)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from interlink.audit import chain
from interlink.audit.listing import latest
from interlink.store import SQLStore
from interlink.web.common import get_store, signed_in
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()
PAGE = 100


@router.get("/audit")
def audit_page(
    request: Request,
    user: str = Query("", max_length=128),
    action: str = Query("", max_length=32),
    record: str = Query("", max_length=255),
    before: int | None = Query(None, ge=1, le=2**62),
    verify: bool = False,
    session: WebSession = Depends(signed_in),
    store: SQLStore = Depends(get_store),
) -> Response:
    if not session.supervisor:
        return page(request, "error.html", session, status_code=403, message_key="supervisors")
    report = None
    with store.engine.connect() as conn:
        found = latest(conn, session.user.agency, actor=user or None, action=action or None,
                       subject=record or None, before=before, limit=PAGE)
        if verify:
            report = chain.verify(conn)
    return page(request, "audit.html", session, entries=found, user=user, action=action,
                record=record, report=report,
                older=found[-1].seq if len(found) == PAGE else None)
