"""The agency's home page: new alerts, requests waiting for an answer, records due for review,
and recent activity of the agency (from the audit log)."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from interlink import access
from interlink.audit.listing import latest
from interlink.cooperation.rfi import list_requests
from interlink.screen.decisions import list_alerts
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
    waiting = [r for r in list_requests(store, agency, "incoming") if r.status == "open"]
    due = access.records.due_for_review(store, session.viewer(), DUE_DAYS, limit=20)
    with store.engine.connect() as conn:
        activity = latest(conn, agency, limit=15)
    return page(request, "home.html", session, alerts=list_alerts(store, agency, "new", 20),
                waiting=waiting[:20], due=due, activity=activity, due_days=DUE_DAYS,
                agency=store.get_agency(agency))
