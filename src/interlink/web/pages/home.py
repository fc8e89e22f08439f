"""The agency's home page: its inbox (what waits for it: requests, answers, invitations, notices,
alerts, deadlines), records due for review (the overdue ones apart), and recent activity of the
agency (from the audit log)."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from interlink import access
from interlink.audit.listing import latest
from interlink.cooperation.inbox import DUE_DAYS as INBOX_DUE_DAYS
from interlink.cooperation.inbox import inbox
from interlink.store import SQLStore
from interlink.web.common import get_store, signed_in
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()
DUE_DAYS = 90


@router.get("/")
def home(request: Request, session: WebSession = Depends(signed_in),
         store: SQLStore = Depends(get_store)) -> Response:
    agency = session.user.agency
    box = inbox(store, agency)
    due = access.records.due_for_review(store, session.viewer(), DUE_DAYS, limit=20)
    today = datetime.now(UTC).date()
    # a record past its review date is overdue: shown as such, not among those "within N days"
    late = [r for r in due if r.envelope.review_by and r.envelope.review_by < today]
    late_ids = {r.id for r in late}
    with store.engine.connect() as conn:
        activity = latest(conn, agency, limit=15)
    return page(request, "home.html", session, inbox=box, inbox_count=box.count,
                inbox_due_days=INBOX_DUE_DAYS,
                due=[r for r in due if r.id not in late_ids], late=late, activity=activity,
                due_days=DUE_DAYS, agency=store.get_agency(agency))
