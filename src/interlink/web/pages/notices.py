"""Notices and diffusions in the web: the agency's list (those it issued and those published to
it), one notice with the alerts it raised for the agency (told apart from ordinary screening
alerts: issuer, type, reason, reference), and issue and withdraw for the coordinating roles.

Everything goes through `interlink.cooperation.notices`, the service the API's notices routes
call; it checks the permissions itself (`identity.permissions`), and a notice outside the
agency's scope answers like an absent one.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from interlink.cooperation import notices as nt
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
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()


def _text(form: Any, name: str, limit: int = 4000) -> str:
    return str(form.get(name, "")).strip()[:limit]


def _missing(request: Request, session: WebSession) -> Response:
    return page(request, "error.html", session, status_code=404, message_key="not_found")


def _list(request: Request, session: WebSession, store: SQLStore, error: object = "",
          status_code: int = 200, typed: Typed | None = None) -> Response:
    agency = session.user.agency
    found = sorted(nt.list_notices(store, agency, None), key=lambda n: n.published_at,
                   reverse=True)
    return page(request, "notices.html", session, status_code=status_code,
                issued=[n for n in found if n.issuer == agency],
                received=[n for n in found if n.issuer != agency],
                types=list(nt.TYPES), coordinator=allows(session.user,
                                                         Permission.COORDINATE_OPERATIONS),
                agencies=[a for a in store.list_agencies() if a.code != agency],
                error=error, typed=typed or Typed(),
                supervisors=coordinators(store, agency))


@router.get("/notices")
def notices_page(request: Request, session: WebSession = Depends(signed_in),
                 store: SQLStore = Depends(get_store)) -> Response:
    return _list(request, session, store)


@router.post("/notices")
async def issue(request: Request, session: WebSession = Depends(posted),
                store: SQLStore = Depends(get_store)) -> Response:
    form = await request.form()
    typed = Typed(form, 4000)
    scope = [str(a)[:64] for a in form.getlist("scope") if str(a).strip()]
    try:
        pub = nt.issue_notice(store, session.actor, _text(form, "type", 16),
                              _text(form, "subject", 255),
                              purpose=_text(form, "purpose", 64) or (
                                  session.purpose.value if session.purpose else ""),
                              scope=scope or None,
                              reason=_text(form, "reason"), reference=_text(form, "reference", 255))
    except LookupError:
        return _missing(request, session)
    except REFUSALS as exc:
        return _list(request, session, store, error=exc, status_code=refusal_status(exc),
                     typed=typed)
    return back(f"/notices/{pub.notice.id}", done="issue")


def _notice_page(request: Request, session: WebSession, store: SQLStore, notice_id: str,
                 error: object = "", status_code: int = 200) -> Response:
    agency = session.user.agency
    try:
        notice = nt.get_notice(store, agency, notice_id)
    except LookupError:
        return _missing(request, session)
    return page(request, "notice.html", session, status_code=status_code, notice=notice,
                alerts=nt.notice_alerts(store, agency, notice_id), error=error,
                may_withdraw=(notice.issuer == agency and notice.state == "published"
                              and allows(session.user, Permission.COORDINATE_OPERATIONS)))


@router.get("/notices/{notice_id}")
def notice_page(request: Request, notice_id: str, session: WebSession = Depends(signed_in),
                store: SQLStore = Depends(get_store)) -> Response:
    return _notice_page(request, session, store, notice_id)


@router.post("/notices/{notice_id}/withdraw")
async def withdraw(request: Request, notice_id: str, session: WebSession = Depends(posted),
                   store: SQLStore = Depends(get_store)) -> Response:
    form = await request.form()
    try:
        nt.end_notice(store, session.actor, notice_id, _text(form, "reason"))
    except LookupError:
        return _missing(request, session)
    except REFUSALS as exc:
        return _notice_page(request, session, store, notice_id, error=exc,
                            status_code=refusal_status(exc))
    return back(f"/notices/{notice_id}", done="withdraw")
