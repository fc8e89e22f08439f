"""The agency's home page: its inbox (what waits for it: requests, answers, invitations, notices,
alerts, deadlines), records due for review (the overdue ones apart), and recent activity of the
agency (from the audit log)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from interlink import access
from interlink.audit.listing import latest
from interlink.cooperation.inbox import DUE_DAYS as INBOX_DUE_DAYS
from interlink.cooperation.inbox import inbox
from interlink.core.record import Record
from interlink.store import SQLStore
from interlink.web.common import get_store, signed_in
from interlink.web.listing import Listing, Paged, record_countries
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()
DUE_DAYS = 90
DUE_SORTS: dict[str, Any] = {"review": lambda r: r.envelope.review_by,
                             "name": lambda r: r.entity.caption}


@router.get("/")
def home(request: Request, session: WebSession = Depends(signed_in),
         store: SQLStore = Depends(get_store)) -> Response:
    agency = session.user.agency
    box = inbox(store, agency)
    today = datetime.now(UTC).date()
    pages: dict[str, Paged[Record]] = {}

    def arrange(found: list[Record]) -> list[Record]:
        """A record past its review date is overdue: listed as such, not among those "within
        N days"; each list sorted, filtered and paged apart, before the read is audited."""
        late = [r for r in found if r.envelope.review_by and r.envelope.review_by < today]
        ids = {r.id for r in late}
        for key, items in (("late", late), ("due", [r for r in found if r.id not in ids])):
            pages[key] = Listing.of(request, tuple(DUE_SORTS), "review", desc=False,
                                    prefix=key + "_").arrange(
                items, DUE_SORTS, type=lambda r: r.schema, when=lambda r: r.envelope.review_by,
                country=lambda r: record_countries(r.schema, r.entity.properties))
        return pages["late"].items + pages["due"].items

    access.records.due_for_review(store, session.viewer(), DUE_DAYS, arrange=arrange)
    with store.engine.connect() as conn:
        activity = latest(conn, agency, limit=15)
    return page(request, "home.html", session, inbox=box, inbox_count=box.count,
                inbox_due_days=INBOX_DUE_DAYS,
                due=pages["due"], late=pages["late"], activity=activity,
                due_days=DUE_DAYS, agency=store.get_agency(agency))
