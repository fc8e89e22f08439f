"""Cooperation: joint operations (from creation to report) and judicial and police requests
(from draft to executed), over `interlink.cooperation`, the services the API's operations and
legal-requests routes call. Coordinating steps take a coordinator's role, as in the API;
operations and requests of others answer like absent ones."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from interlink.cooperation import ledger
from interlink.cooperation import legal_requests as lr
from interlink.cooperation import operations as ops
from interlink.cooperation.deconfliction import list_notices
from interlink.core.messages import invalid
from interlink.identity.permissions import Permission, allows
from interlink.store import SQLStore
from interlink.web.common import (
    REFUSALS,
    Typed,
    back,
    coordinators,
    get_store,
    posted,
    refusal_status,
    signed_in,
)
from interlink.web.render import page, request_lang
from interlink.web.session import WebSession

router = APIRouter()


def _text(form: Any, name: str, limit: int = 4000) -> str:
    return str(form.get(name, "")).strip()[:limit]


def _missing(request: Request, session: WebSession) -> Response:
    return page(request, "error.html", session, status_code=404, message_key="not_found")


def _coordinator(request: Request, session: WebSession) -> Response | None:
    if not allows(session.user, Permission.COORDINATE_OPERATIONS):
        return page(request, "error.html", session, status_code=403,
                    message_key="coordinators")
    return None


# -- operations ------------------------------------------------------------------------------

@router.get("/operations")
def operations_page(request: Request, session: WebSession = Depends(signed_in),
                    store: SQLStore = Depends(get_store)) -> Response:
    return _operations(request, session, store)


def _operations(request: Request, session: WebSession, store: SQLStore, error: object = "",
                typed: Typed | None = None) -> Response:
    agency = session.user.agency
    return page(request, "operations.html", session, typed=typed or Typed(),
                status_code=refusal_status(error) if isinstance(error, Exception) else 200,
                supervisors=coordinators(store, agency),
                operations=ops.list_operations(store, agency),
                notices=list_notices(store, agency),
                agencies=[a for a in store.list_agencies() if a.code != agency],
                coordinator=allows(session.user, Permission.COORDINATE_OPERATIONS), error=error)


@router.post("/operations")
async def create_operation(request: Request, session: WebSession = Depends(posted),
                           store: SQLStore = Depends(get_store)) -> Response:
    refused = _coordinator(request, session)
    if refused:
        return refused
    form = await request.form()
    try:
        op = ops.create_operation(
            store, session.actor, _text(form, "name", 200),
            partners=[str(p) for p in form.getlist("partners")][:100],
            purposes=[str(p) for p in form.getlist("purposes")][:10],
            starts=_text(form, "starts") or None, ends=_text(form, "ends") or None,
            description=_text(form, "description", 8000), contact=session.user.login)
    except REFUSALS as exc:
        return _operations(request, session, store, error=exc, typed=Typed(form))
    return back(f"/operations/{op.id}")


def _operation_page(request: Request, session: WebSession, store: SQLStore, operation_id: str,
                    error: object = "", status_code: int = 200, typed: Typed | None = None,
                    step: str = "") -> Response:
    agency = session.user.agency
    try:
        op = ops.get_operation(store, agency, operation_id)
        results = ledger.list_results(store, agency, operation_id)
    except LookupError:
        return _missing(request, session)
    (total,) = ledger.add_up(results, "all") or [ledger.Totals("all")]
    me = op.member(agency)
    return page(request, "operation.html", session, status_code=status_code, op=op, me=me,
                typed=typed or Typed(), refused_step=step,
                supervisors=coordinators(store, agency),
                results=results, total=total, kinds=ledger.KINDS, units=list(ledger.UNITS),
                agencies=[a for a in store.list_agencies() if op.member(a.code) is None],
                members=[m.agency for m in op.members if m.status == "member"],
                coordinator=allows(session.user, Permission.COORDINATE_OPERATIONS), error=error)


@router.get("/operations/{operation_id}")
def operation_page(request: Request, operation_id: str,
                   session: WebSession = Depends(signed_in),
                   store: SQLStore = Depends(get_store)) -> Response:
    return _operation_page(request, session, store, operation_id)


STEPS = ("invite", "join", "leave", "close", "share", "target", "task", "done", "result")


@router.post("/operations/{operation_id}/{step}")
async def operation_step(request: Request, operation_id: str, step: str,
                         session: WebSession = Depends(posted),
                         store: SQLStore = Depends(get_store)) -> Response:
    if step not in STEPS:
        return _missing(request, session)
    if step in ("invite", "join", "leave", "close", "task"):
        refused = _coordinator(request, session)
        if refused:
            return refused
    form = await request.form()
    actor = session.actor
    try:
        if step == "invite":
            ops.invite(store, actor, operation_id, _text(form, "agency", 64))
        elif step == "join":
            ops.join(store, actor, operation_id, session.user.login)
        elif step == "leave":
            ops.leave(store, actor, operation_id)
        elif step == "close":
            ops.close(store, actor, operation_id, _text(form, "reason"))
        elif step == "share":
            ops.share(store, actor, operation_id, None)
        elif step == "target":
            ops.add_target(store, actor, operation_id, _text(form, "record_id", 255))
        elif step == "task":
            ops.assign_task(store, actor, operation_id, _text(form, "agency", 64),
                            _text(form, "description"), _text(form, "due") or None)
        elif step == "done":
            task_id = _text(form, "task_id", 20)
            if not task_id.isdigit():
                raise invalid("form.no_such_task", "task_id")
            ops.complete_task(store, actor, operation_id, int(task_id))
        else:
            fields = {k: _text(form, k, 500) for k in (
                "person", "nationality", "record_id", "commodity", "unit", "currency",
                "concealment", "asset_kind", "organisation", "reference", "authority")}
            for k in ("quantity", "value", "amount"):
                raw = _text(form, k, 30)
                if raw:
                    try:
                        fields[k] = float(raw.replace(",", "."))  # type: ignore[assignment]
                    except ValueError:
                        raise invalid("form.number", k, input=k, value=raw) from None
            ledger.add_result(store, actor, operation_id, _text(form, "kind", 32),
                              on=_text(form, "on", 10), place=_text(form, "place", 500),
                              country=_text(form, "country", 2) or None, **fields)
    except LookupError:
        return _missing(request, session)
    except REFUSALS as exc:  # the form again as typed, the error beside its field
        return _operation_page(request, session, store, operation_id, error=exc,
                               status_code=refusal_status(exc), typed=Typed(form), step=step)
    return back(f"/operations/{operation_id}", done=step)


@router.get("/operations/{operation_id}/report")
def operation_report(request: Request, operation_id: str, format: str = "html",
                     session: WebSession = Depends(signed_in),
                     store: SQLStore = Depends(get_store)) -> Response:
    from interlink.cooperation.report import render_html, render_pdf

    lang = request_lang(request).code
    try:
        if format == "pdf":
            return Response(render_pdf(store, session.user.agency, operation_id, lang),
                            media_type="application/pdf", headers={
                                "Content-Disposition":
                                    f'attachment; filename="operation-{operation_id}.pdf"'})
        return HTMLResponse(render_html(store, session.user.agency, operation_id, lang))
    except LookupError:
        return _missing(request, session)


# -- judicial and police requests --------------------------------------------------------------

@router.get("/legal-requests")
def legal_requests_page(request: Request, session: WebSession = Depends(signed_in),
                        store: SQLStore = Depends(get_store)) -> Response:
    return _legal_requests(request, session, store)


def _legal_requests(request: Request, session: WebSession, store: SQLStore,
                    error: object = "", status_code: int = 200, typed: Typed | None = None,
                    ) -> Response:
    agency = session.user.agency
    every = lr.list_legal_requests(store, agency, "all")
    return page(request, "legal_requests.html", session, status_code=status_code,
                typed=typed or Typed(),
                incoming=[r for r in every if r.requested == agency and r.type != "rfi"],
                outgoing=[r for r in every if r.requesting == agency and r.type != "rfi"],
                types=[t for t in lr.TYPES if t != "rfi"], bases=lr.LEGAL_BASES,
                urgency=lr.URGENCY, agencies=[a for a in store.list_agencies()
                                              if a.code != agency],
                acting=allows(session.user, Permission.COORDINATE_OPERATIONS), error=error)


@router.post("/legal-requests")
async def create_legal_request(request: Request, session: WebSession = Depends(posted),
                               store: SQLStore = Depends(get_store)) -> Response:
    refused = _coordinator(request, session)
    if refused:
        return refused
    form = await request.form()
    subjects = [s.strip() for s in _text(form, "subjects", 5000).split(",") if s.strip()]
    try:
        made = lr.create_request(
            store, session.actor, type=_text(form, "type", 16),
            requested=_text(form, "requested", 64), subjects=subjects[:100],
            legal_basis=_text(form, "legal_basis", 32) or None,
            measures=[m for m in _text(form, "measures").splitlines() if m.strip()][:50],
            purpose=_text(form, "purpose", 64) or (session.purpose.value
                                                   if session.purpose else None),
            urgency=_text(form, "urgency", 16) or "normal", message=_text(form, "message"),
            deadline=_text(form, "deadline", 10) or None)
    except REFUSALS as exc:
        return _legal_requests(request, session, store, error=exc,
                                   status_code=refusal_status(exc), typed=Typed(form))
    return back(f"/legal-requests/{made.id}")


def _draft_form(r: lr.LegalRequest) -> Typed:
    """The edit form filled with the draft as it stands."""
    typed = Typed()
    typed.update(subjects=", ".join(r.subjects), legal_basis=r.legal_basis,
                 measures="\n".join(r.measures), urgency=r.urgency, message=r.message,
                 deadline=r.deadline.isoformat() if r.deadline else "")
    return typed


def _events_open(r: lr.LegalRequest, side: str) -> list[str]:
    """The clock events the requested side may record now (the service checks the rest)."""
    if side != lr.REQUESTED or r.state != "received" or r.type not in ("eio", "eaw"):
        return []
    return ["arrest", "consent", "extend"] if r.type == "eaw" else ["extend"]


def _request_page(request: Request, session: WebSession, store: SQLStore, request_id: str,
                  error: object = "", status_code: int = 200, typed: Typed | None = None,
                  editing: bool = False) -> Response:
    agency = session.user.agency
    try:
        detail = lr.show_request(store, agency, request_id)
    except LookupError:
        return _missing(request, session)
    r = detail.request
    side = lr.REQUESTING if r.requesting == agency else lr.REQUESTED
    actions = [a for a, (froms, _to, who) in lr.TRANSITIONS.items()
               if who == side and r.state in froms]
    editable = side == lr.REQUESTING and r.state == "draft"
    return page(request, "legal_request.html", session, status_code=status_code,
                detail=detail, r=r, side=side, actions=actions, error=error,
                events=_events_open(r, side), editable=editable, editing=editing,
                typed=(typed if typed is not None and not editing else Typed()),
                draft=(typed if typed is not None and editing else _draft_form(r)),
                bases=lr.LEGAL_BASES, urgency=lr.URGENCY,
                acting=allows(session.user, Permission.COORDINATE_OPERATIONS))


@router.get("/legal-requests/{request_id}")
def legal_request_page(request: Request, request_id: str,
                       session: WebSession = Depends(signed_in),
                       store: SQLStore = Depends(get_store)) -> Response:
    return _request_page(request, session, store, request_id)


@router.post("/legal-requests/{request_id}/step")
async def legal_request_step(request: Request, request_id: str,
                             session: WebSession = Depends(posted),
                             store: SQLStore = Depends(get_store)) -> Response:
    refused = _coordinator(request, session)
    if refused:
        return refused
    form = await request.form()
    action = _text(form, "action", 32)
    try:
        if action not in lr.TRANSITIONS and action not in lr.EVENTS:
            raise invalid("form.no_such_step", "action")
        when = lr.parse_when(_text(form, "at", 32) or None)
        if when is not None and when > lr.now_utc():
            raise invalid("request.future_time", "at", value=when)
        lr.transition(store, session.actor, request_id, action, at=when,
                      reason=_text(form, "reason"))
    except LookupError:
        return _missing(request, session)
    except REFUSALS as exc:
        return _request_page(request, session, store, request_id, error=exc,
                             status_code=refusal_status(exc), typed=Typed(form))
    return back(f"/legal-requests/{request_id}", done=action)


@router.post("/legal-requests/{request_id}/edit")
async def legal_request_edit(request: Request, request_id: str,
                             session: WebSession = Depends(posted),
                             store: SQLStore = Depends(get_store)) -> Response:
    """The draft changed from the web as with `interlink request edit`; a refused change
    shows the form again as typed, the error beside its field."""
    refused = _coordinator(request, session)
    if refused:
        return refused
    form = await request.form()
    try:
        lr.edit_draft(
            store, session.actor, request_id,
            subjects=[s.strip() for s in _text(form, "subjects", 5000).split(",")
                      if s.strip()][:100],
            legal_basis=_text(form, "legal_basis", 32),
            measures=[m for m in _text(form, "measures").splitlines() if m.strip()][:50],
            urgency=_text(form, "urgency", 16) or "normal", message=_text(form, "message"),
            deadline=_text(form, "deadline", 10))
    except LookupError:
        return _missing(request, session)
    except REFUSALS as exc:
        return _request_page(request, session, store, request_id, error=exc,
                             status_code=refusal_status(exc), typed=Typed(form), editing=True)
    return back(f"/legal-requests/{request_id}", done="edit")
