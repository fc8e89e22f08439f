"""Entity resolution for analysts: pairs to review, judgements, resolved entities.

Every answer passes the gate: a pair is offered only when the viewer sees both of its records
in full; a judgement can be made only on such a pair; an entity lists the members the viewer
sees in full, names the owner of members seen only as a hit, and leaves out the rest (their
existence is not the viewer's to know). Reviews and entity views are audited as
consultations; judgements and retractions by interlink.resolve.judgements.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query, status
from pydantic import BaseModel, Field

from interlink.access.entity import entity as access_entity
from interlink.api.deps import Session, current_session, get_store
from interlink.core.messages import invalid
from interlink.resolve.judgements import VERDICTS, judge, list_judgements, retract
from interlink.resolve.review import candidates
from interlink.store import SQLStore

router = APIRouter(tags=["resolution"])

def _viewer(session: Session, purpose: str | None):  # type: ignore[no-untyped-def]
    viewer = session.viewer(purpose)
    if viewer.purpose is None:
        raise invalid("resolve.purpose_required", "purpose")
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
    """The resolved entity of a record: the members the viewer sees in full (computed only
    from those: a record the viewer may not see never joins two others), or 404."""
    found = access_entity(store, _viewer(session, purpose), record_id, links=False)
    if not found.shown.full:
        return {"record_id": record_id, "members": [], "hits": [found.shown.to_dict()]}
    return {"record_id": record_id,
            "members": [{**r.to_dict(), "version": r.version} for r in found.members],
            "hits": []}
