"""Notices and diffusions: issue (publish and screen at once), list, withdraw, alerts, and the
import of Interpol public notices.

Issuing and withdrawing take a liaison officer, supervisor or agency admin (the national
central bureau's role); a notice outside the agency's scope is 404 like an absent one.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Body, Depends, HTTPException, Query, status
from pydantic import BaseModel, Field

from interlink.api.deps import Session, current_session, get_store
from interlink.cooperation import notices as nt
from interlink.store import SQLStore

router = APIRouter(tags=["notices"])
NOT_FOUND = "no such notice for your agency"
MAX_IMPORT = 20_000_000  # bytes of Interpol JSON in one import


class NoticeIn(BaseModel):
    type: str = Field(description=", ".join(nt.TYPES))
    subject: str = Field(min_length=1, max_length=255, description="The issuer's record")
    purpose: str = Field(min_length=1, max_length=64)
    scope: list[str] | None = Field(None, max_length=500, description="None: every agency")
    reason: str = Field("", max_length=4000)
    reference: str = Field("", max_length=128)
    threshold: float = Field(0.8, ge=0.0, le=1.0)


class EndIn(BaseModel):
    reason: str = Field(min_length=1, max_length=4000)
    cancel: bool = False


@router.post("/notices", status_code=status.HTTP_201_CREATED)
def issue(body: NoticeIn, session: Session = Depends(current_session),
          store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    pub = nt.issue_notice(store, session.actor, body.type, body.subject, purpose=body.purpose,
                          scope=body.scope, reason=body.reason, reference=body.reference,
                          threshold=body.threshold)
    return pub.to_dict()


@router.get("/notices")
def list_(state: str = Query("published", pattern="^(published|withdrawn|cancelled|all)$"),
          session: Session = Depends(current_session),
          store: SQLStore = Depends(get_store)) -> list[dict[str, Any]]:
    found = nt.list_notices(store, session.user.agency, None if state == "all" else state)
    return [n.to_dict() for n in found]


@router.get("/notices/{notice_id}")
def show(notice_id: str, session: Session = Depends(current_session),
         store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    try:
        notice = nt.get_notice(store, session.user.agency, notice_id)
    except LookupError:
        raise HTTPException(404, NOT_FOUND) from None
    return {**notice.to_dict(),
            "alerts": nt.notice_alerts(store, session.user.agency, notice_id)}


@router.post("/notices/{notice_id}/withdraw")
def withdraw(notice_id: str, body: EndIn, session: Session = Depends(current_session),
             store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    try:
        return nt.end_notice(store, session.actor, notice_id, body.reason,
                             body.cancel).to_dict()
    except LookupError:
        raise HTTPException(404, NOT_FOUND) from None


@router.post("/notices/import", status_code=status.HTTP_201_CREATED)
def import_interpol(
    document: dict[str, Any] | list[dict[str, Any]] = Body(
        ..., description="Interpol public notices JSON (a search page, a notice, or a list)"),
    purpose: str = Query(..., max_length=64),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    """Each notice becomes a record of your agency and a notice of its type, published to
    every agency and screened."""
    raw = json.dumps(document, ensure_ascii=False)
    if len(raw) > MAX_IMPORT:
        raise HTTPException(413, "import too large")
    # the Interpol reader reads files (it also serves `interlink ingest`); hand it one
    with tempfile.TemporaryDirectory(prefix="interlink-notices-") as tmp:
        path = Path(tmp) / "interpol-notices.json"
        path.write_text(raw, "utf-8")
        done = nt.import_interpol(store, session.actor, path, purpose=purpose)
    return [p.to_dict() for p in done]
