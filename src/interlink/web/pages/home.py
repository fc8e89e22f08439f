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
from interlink.web.render import page, request_lang
from interlink.web.session import WebSession

router = APIRouter()
DUE_DAYS = 90
DUE_SORTS: dict[str, Any] = {"review": lambda r: r.envelope.review_by,
                             "name": lambda r: r.entity.caption}


def _delivered_by(request: Request, agency: str) -> str:
    """The channels that also deliver this inbox (interlink.notify), in the reader's words, so
    a reader knows; a misconfigured setting is the operator's to fix (`interlink notify send`
    says how)."""
    from babel.lists import format_list

    from interlink import notify
    from interlink.core.errors import InvalidInput

    try:
        channels = sorted({d.channel for d in notify.destinations(agency)})
    except InvalidInput:
        return ""
    lang = request_lang(request)
    return format_list([lang.label("notify_channel", c) for c in channels],
                       locale=lang.code) if channels else ""


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
                inbox_due_days=INBOX_DUE_DAYS, notify_channels=_delivered_by(request, agency),
                due=pages["due"], late=pages["late"], activity=activity,
                due_days=DUE_DAYS, agency=store.get_agency(agency))
