"""Judicial and police requests: create, list, read with history and clocks, take each step.

The requests for information on hits keep their own short routes (`/requests`, requests.py);
they are the `rfi` type of the same machine and appear here too. A step asked of the wrong
side is 403, in the wrong state 409, each with the reason; a request of other agencies is 404
like an absent one. `at` records when a step really happened (default now).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, Field

from interlink.api.deps import Session, current_session, get_store, require_role
from interlink.cooperation import legal_requests as lr
from interlink.store import SQLStore

router = APIRouter(tags=["legal requests"], responses={
    403: {"description": "The other side's step"},
    409: {"description": "Not allowed in the request's current state"}})
#: who speaks for an agency in requests (analysts read them)
ACTING = ("liaison_officer", "supervisor", "agency_admin")
ACTIONS = {"send": "send", "receive": "receive", "accept": "accept", "start": "start",
           "execute": "execute", "execute-partly": "execute_partly", "refuse": "refuse",
           "withdraw": "withdraw", "extend": "extend", "arrest": "arrest", "consent": "consent"}
NOT_FOUND = "no such request for your agency"


@contextmanager
def answers() -> Iterator[None]:
    """Absent or not ours: 404 (refused steps are domain errors: 403 or 409, mapped once)."""
    try:
        yield
    except LookupError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND) from None


class Attachment(BaseModel):
    name: str = Field(min_length=1, max_length=255)
    language: str = Field(min_length=2, max_length=2)
    translations: list[str] = Field(default_factory=list, max_length=20)


class RequestIn(BaseModel):
    type: str = Field(description=", ".join(lr.TYPES))
    requested: str = Field(min_length=1, max_length=64, description="The requested agency")
    subjects: list[str] = Field(min_length=1, max_length=100)
    legal_basis: str | None = Field(None, description=", ".join(lr.LEGAL_BASES))
    measures: list[str] = Field(default_factory=list, max_length=50)
    attachments: list[Attachment] = Field(default_factory=list, max_length=50)
    purpose: str | None = None
    urgency: str = "normal"
    message: str = Field("", max_length=8000)
    deadline: str | None = Field(None, description="YYYY-MM-DD, set by the requester")
    at: str | None = Field(None, description="When it was drafted (ISO 8601; default now)")


class StepIn(BaseModel):
    at: str | None = Field(None, description="When it really happened (ISO 8601)")
    reason: str = Field("", max_length=8000)
    clock: str | None = Field(None, description="For extend: recognition, surrender_decision")


@router.post("/legal-requests", status_code=status.HTTP_201_CREATED)
def create(body: RequestIn, session: Session = Depends(current_session),
           store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    require_role(session, *ACTING)
    made = lr.create_request(
        store, session.actor, type=body.type, requested=body.requested, subjects=body.subjects,
        legal_basis=body.legal_basis, measures=body.measures,
        attachments=[a.model_dump() for a in body.attachments], purpose=body.purpose,
        urgency=body.urgency, message=body.message, deadline=body.deadline,
        at=lr.parse_when(body.at))
    return made.to_dict()


@router.get("/legal-requests")
def list_(box: str = Query("all", pattern="^(incoming|outgoing|all)$"),
          type: str | None = Query(None, max_length=16),
          state: str | None = Query(None, max_length=24),
          session: Session = Depends(current_session),
          store: SQLStore = Depends(get_store)) -> list[dict[str, Any]]:
    return [r.to_dict() for r in lr.list_legal_requests(store, session.user.agency, box, type,
                                                        state)]


@router.get("/legal-requests/overdue")
def overdue(at: str | None = Query(None, description="As of (ISO 8601; default now)"),
            within_days: int = Query(0, ge=0, le=365, description="Also those due within"),
            session: Session = Depends(current_session),
            store: SQLStore = Depends(get_store)) -> list[dict[str, Any]]:
    from datetime import timedelta

    items = lr.due_list(store, session.user.agency, lr.parse_when(at),
                        timedelta(days=within_days))
    return [i.to_dict() for i in items]


@router.get("/legal-requests/figures")
def figures(type: str | None = Query(None, max_length=16),
            session: Session = Depends(current_session),
            store: SQLStore = Depends(get_store)) -> list[dict[str, Any]]:
    """Time to execute per pair of countries (platform-wide figures, no request content)."""
    return [p.to_dict() for p in lr.time_to_execute(store, type)]


@router.get("/legal-requests/{request_id}")
def show(request_id: str, at: str | None = Query(None, description="Clocks as of"),
         session: Session = Depends(current_session),
         store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    with answers():
        return lr.show_request(store, session.user.agency, request_id,
                               now=lr.parse_when(at)).to_dict()


class EditIn(BaseModel):
    """The fields of a draft to change; those left out (or null) stay as they are."""

    subjects: list[str] | None = Field(None, min_length=1, max_length=100)
    legal_basis: str | None = Field(None, description=", ".join(lr.LEGAL_BASES))
    measures: list[str] | None = Field(None, max_length=50)
    purpose: str | None = None
    urgency: str | None = None
    message: str | None = Field(None, max_length=8000)
    deadline: str | None = Field(None, description="YYYY-MM-DD; an empty string clears it")


@router.patch("/legal-requests/{request_id}")
def edit(request_id: str, body: EditIn, session: Session = Depends(current_session),
         store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    """Change a draft before it is sent: the requesting side only (403), a draft only (409)."""
    require_role(session, *ACTING)
    with answers():
        lr.edit_draft(store, session.actor, request_id, **body.model_dump())
        return lr.show_request(store, session.user.agency, request_id).to_dict()


@router.post("/legal-requests/{request_id}/{action}")
def step(request_id: str, action: str, body: StepIn | None = None,
         session: Session = Depends(current_session),
         store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    require_role(session, *ACTING)
    if action not in ACTIONS:
        raise HTTPException(404, f"no action {action} (one of: {', '.join(ACTIONS)})")
    body = body or StepIn()
    with answers():
        done = lr.transition(store, session.actor, request_id, ACTIONS[action],
                             at=lr.parse_when(body.at), reason=body.reason,
                             details={"clock": body.clock} if body.clock else None)
        return lr.show_request(store, session.user.agency, done.id,
                               now=lr.parse_when(body.at)).to_dict()
