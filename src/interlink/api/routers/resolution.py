"""Entity resolution for analysts: pairs to review, judgements, resolved entities.

Every answer passes the gate: a pair is offered only when the viewer sees both of its records
in full; a judgement can be made only on such a pair; an entity lists the members the viewer
sees in full, names the owner of members seen only as a hit, and leaves out the rest (their
existence is not the viewer's to know). Reviews and entity views are audited as
consultations; judgements and retractions by interlink.resolve.judgements.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, status
from pydantic import BaseModel, Field

from interlink.api.deps import Session, current_session, get_store
from interlink.policy import Visibility
from interlink.policy.sharing import judge as gate
from interlink.resolve.entity import entity_members
from interlink.resolve.judgements import VERDICTS, judge, list_judgements, retract
from interlink.resolve.review import candidates
from interlink.store import SQLStore

router = APIRouter(tags=["resolution"])

NOT_FOUND = "no such record"


def _viewer(session: Session, purpose: str | None):  # type: ignore[no-untyped-def]
    viewer = session.viewer(purpose)
    if viewer.purpose is None:
        raise HTTPException(400, "resolution needs a declared purpose")
    return viewer


@router.get("/resolution/candidates")
def review_candidates(
    purpose: str = Query(..., description="Declared purpose"),
    limit: int = Query(50, ge=1, le=500),
    offset: int = Query(0, ge=0, le=1_000_000),
    include_judged: bool = Query(False, description="Also pairs already judged"),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    """Candidate pairs, strongest first, with score, explanation and both records in full."""
    viewer = _viewer(session, purpose)
    return [p.to_dict() for p in candidates(store, viewer, limit=limit, offset=offset,
                                            include_judged=include_judged)]


class JudgementIn(BaseModel):
    left_id: str = Field(min_length=1, max_length=255)
    right_id: str = Field(min_length=1, max_length=255)
    verdict: str = Field(description=" | ".join(VERDICTS))
    purpose: str = Field(description="Declared purpose")
    reason: str = Field("", max_length=4000)


@router.post("/resolution/judgements", status_code=status.HTTP_201_CREATED)
def post_judgement(
    body: JudgementIn,
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    """Judge a pair same, different or unsure (replacing an earlier judgement of the pair)."""
    viewer = _viewer(session, body.purpose)
    return judge(store, body.left_id, body.right_id, body.verdict, viewer,
                 body.reason).to_dict()


class RetractIn(BaseModel):
    reason: str = Field("", max_length=4000)


@router.post("/resolution/judgements/{judgement_id}/retract")
def retract_judgement(
    judgement_id: str,
    body: RetractIn | None = None,
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    """Retract one of your agency's judgements; it stays on record, marked retracted."""
    viewer = session.viewer(None)
    return retract(store, judgement_id, viewer, body.reason if body else "").to_dict()


@router.get("/resolution/judgements")
def get_judgements(
    record_id: str | None = Query(None, max_length=255),
    include_retracted: bool = Query(False),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    """Your agency's judgements, newest first."""
    return [j.to_dict() for j in list_judgements(store, record_id=record_id,
                                                 include_retracted=include_retracted,
                                                 agency=session.user.agency)]


@router.get("/resolution/entities/{record_id}")
def get_entity(
    record_id: str,
    purpose: str = Query(..., description="Declared purpose"),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    """The resolved entity of a record: its members as the viewer may see them."""
    viewer = _viewer(session, purpose)
    members = sorted(entity_members(store, [record_id])[record_id])
    records = {r.id: r for r in store.get_many(members)}
    listed = [records[m] for m in members if m in records]
    seen = dict(zip([r.id for r in listed], gate(store, listed, viewer), strict=True))
    if seen.get(record_id, Visibility.NONE) is Visibility.NONE:
        store.audit("consultation", viewer.user, agency=viewer.agency,
                    purpose=viewer.purpose.value, subjects=[record_id],
                    details={"view": "entity", "result": "none"})
        raise HTTPException(status.HTTP_404_NOT_FOUND, NOT_FOUND)
    full, hits = [], []
    for rid in members:
        v = seen.get(rid, Visibility.NONE)
        if v is Visibility.FULL:
            data = records[rid].to_dict()
            data["version"] = records[rid].version
            full.append(data)
        elif v is Visibility.HIT:
            hits.append({"id": rid, "owner": records[rid].owner, "hit_only": True})
    store.audit("consultation", viewer.user, agency=viewer.agency,
                purpose=viewer.purpose.value,
                subjects=[r["id"] for r in full] + [h["id"] for h in hits],
                details={"view": "entity", "of": record_id})
    return {"record_id": record_id, "members": full, "hits": hits}
