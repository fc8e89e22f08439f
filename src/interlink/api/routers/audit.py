"""The audit log over HTTP: supervisors read their own agency's entries and check the chain."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from interlink.api.deps import Session, current_session, get_store
from interlink.audit import chain
from interlink.identity.permissions import Permission, require
from interlink.store import SQLStore

router = APIRouter(tags=["audit"])


@router.get("/audit")
def list_audit(
    action: str | None = Query(None, max_length=32),
    after: int = Query(0, ge=0, le=2**62, description="Entries after this sequence number"),
    limit: int = Query(100, ge=1, le=1000),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    require(session.actor, Permission.READ_AUDIT)
    out = []
    with store.engine.connect() as conn:
        for e in chain.entries(conn, action=action, after=after, agency=session.user.agency,
                               limit=limit):
            out.append({"seq": e.seq, "at": chain.format_ts(e.at), "action": e.action,
                        "actor": e.actor, "agency": e.agency, "recipient": e.recipient,
                        "purpose": e.purpose, "reason": e.reason, "subjects": e.subjects,
                        "details": e.details})
    return out


@router.get("/audit/verify")
def verify_audit(
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    require(session.actor, Permission.READ_AUDIT)
    with store.engine.connect() as conn:
        report = chain.verify(conn)
    return {"ok": report.ok, "entries": report.entries, "head": report.head,
            "problems": report.problems}
