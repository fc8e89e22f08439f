"""Requests for information on hits: open one, list them, answer as the owner."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, Field

from interlink.access.records import NOT_FOUND
from interlink.api.deps import Session, current_session, get_store
from interlink.cooperation.rfi import answer_request, list_requests, open_request
from interlink.store import SQLStore

router = APIRouter(tags=["requests"])


class RequestIn(BaseModel):
    record_id: str = Field(min_length=1, max_length=255)
    purpose: str = Field(min_length=1, max_length=64)
    message: str = Field("", max_length=4000)


class AnswerIn(BaseModel):
    decision: str = Field(pattern="^(grant|refuse)$")
    reason: str = Field("", max_length=4000)  # needed to refuse (the service says so)
    valid_until: str | None = None


@router.post("/requests", status_code=status.HTTP_201_CREATED)
def create_request(
    body: RequestIn,
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    try:
        request = open_request(store, session.viewer(body.purpose), body.record_id, body.message)
    except LookupError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND) from None
    return request.to_dict()


@router.get("/requests")
def get_requests(
    box: str = Query("incoming", pattern="^(incoming|outgoing)$"),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    return [r.to_dict() for r in list_requests(store, session.user.agency, box)]


@router.post("/requests/{request_id}/answer")
def answer(
    request_id: str,
    body: AnswerIn,
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    done = answer_request(store, session.actor, request_id, body.decision == "grant",
                          body.reason, body.valid_until)
    return done.to_dict()
