"""Sharing: the agency's grants (given and received), its sharing groups, and the requests for
information waiting for its answer. Granting, revoking and answering go through
`policy.sharing` and `cooperation.rfi`, which check and audit them as for the API."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from interlink.access.records import captions
from interlink.cooperation.rfi import answer_request, list_requests
from interlink.core.errors import NotFound
from interlink.core.messages import invalid
from interlink.policy.listing import given, groups_of, received
from interlink.policy.sharing import make_grant, revoke_grant
from interlink.store import SQLStore
from interlink.web.common import REFUSALS, back, get_store, posted, refusal_status, signed_in
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()

#: a grant refusal's field (as `policy.sharing` names it) -> the grant form's control
_GRANT_FIELDS = {"recipient_agency": "recipient", "recipient_group": "recipient",
                 "parent": "record_id"}


def _page(request: Request, session: WebSession, store: SQLStore, error: object = "",
          status_code: int = 200, form: dict | None = None) -> Response:  # type: ignore[type-arg]
    agency = session.user.agency
    incoming = list_requests(store, agency, "incoming")
    outgoing = list_requests(store, agency, "outgoing")
    # the owner is asked about its own records: their names, and links to them
    names = captions(store, session.viewer(), [r.record_id for r in incoming
                                               if r.status == "open"], "requests to answer")
    return page(request, "sharing.html", session, status_code=status_code, names=names,
                given=given(store, agency), received=received(store, agency),
                groups=groups_of(store, agency), incoming=incoming, outgoing=outgoing,
                agencies=[a for a in store.list_agencies() if a.code != agency],
                error=error, form=form or {})


@router.get("/sharing")
def sharing_page(request: Request, session: WebSession = Depends(signed_in),
                 store: SQLStore = Depends(get_store)) -> Response:
    return _page(request, session, store)


@router.post("/sharing/grants")
async def create_grant(request: Request, session: WebSession = Depends(posted),
                       store: SQLStore = Depends(get_store)) -> Response:
    form = await request.form()
    values = {k: str(form.get(k, "")).strip()[:4000] for k in (
        "record_id", "recipient", "level", "valid_until", "reason")}
    purposes = [str(p) for p in form.getlist("purposes")][:10]
    recipient = values["recipient"]
    try:
        grant = make_grant(
            store, session.actor, record_id=values["record_id"] or None,
            recipient_agency=None if recipient.startswith("group:") else (recipient or None),
            recipient_group=recipient[6:] if recipient.startswith("group:") else None,
            purposes=purposes, level=values["level"] or "full",
            valid_until=values["valid_until"] or None, reason=values["reason"])
    except (*REFUSALS, NotFound) as exc:
        # the grant form comes back as typed: ticked purposes, level, date and reason too, the
        # error beside the control it names (the service names the recipient by its kind);
        # an unknown record and one not the agency's to share read alike, beside the record
        exc.field = _GRANT_FIELDS.get(exc.field or "", exc.field)
        return _page(request, session, store, error=exc, status_code=refusal_status(exc),
                     form={**values, "purposes": purposes, "granting": "1"})
    return back("/sharing", granted=grant.id)


@router.post("/sharing/grants/{grant_id}/revoke")
async def revoke(request: Request, grant_id: str, session: WebSession = Depends(posted),
                 store: SQLStore = Depends(get_store)) -> Response:
    form = await request.form()
    try:
        revoke_grant(store, grant_id, session.actor, str(form.get("reason", ""))[:4000])
    except REFUSALS as exc:
        return _page(request, session, store, error=exc, status_code=refusal_status(exc))
    return back("/sharing", revoked=grant_id)


@router.post("/sharing/requests/{request_id}/answer")
async def answer(request: Request, request_id: str, session: WebSession = Depends(posted),
                 store: SQLStore = Depends(get_store)) -> Response:
    form = await request.form()
    decision = str(form.get("decision", ""))
    try:
        if decision not in ("grant", "refuse"):
            raise invalid("form.grant_or_refuse", "decision")
        answer_request(store, session.actor, request_id, decision == "grant",
                       str(form.get("reason", ""))[:4000],
                       str(form.get("valid_until", "")).strip() or None)
    except REFUSALS as exc:  # beside the request answered, with the reason as typed
        return _page(request, session, store, error=exc, status_code=refusal_status(exc),
                     form={"answering": request_id,
                           "reason": str(form.get("reason", ""))[:4000]})
    return back("/sharing", answered=request_id)
