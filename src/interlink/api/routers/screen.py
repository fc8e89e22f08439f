"""POST /screen: screen names (a manifest, a list) against a watchlist the viewer may use.

The watchlist is built from the store records the viewer sees in full (its own, and what was
shared with it for the declared purpose), so screening never matches against, or reveals,
anything a read would refuse. Every screening is audited with its purpose and the records hit.
The work is `interlink.access.screening`, which the web interface calls too.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from interlink.access.screening import screen_entries
from interlink.api.deps import Session, current_session, get_store
from interlink.core.errors import InvalidInput
from interlink.screen.entry import Entry
from interlink.store import SQLStore

router = APIRouter(tags=["screening"])


class Query(BaseModel):
    id: str = Field(min_length=1, max_length=255)
    name: str = Field(min_length=1, max_length=500)
    birth_date: str | None = None
    nationality: str | None = None
    gender: str | None = None
    id_number: str | None = None


class ScreenIn(BaseModel):
    queries: list[Query] = Field(min_length=1, max_length=1000)
    purpose: str
    watchlist: str = Field("*", description="A source reference (list name) or * for all")
    threshold: float = Field(0.8, ge=0.0, le=1.0)


@router.post("/screen")
def screen(
    body: ScreenIn,
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    viewer = session.viewer(body.purpose)
    queries = []
    for n, q in enumerate(body.queries):
        try:
            queries.append(Entry.create(q.id, q.name, q.birth_date, q.nationality, q.gender,
                                        q.id_number))
        except InvalidInput as exc:
            raise HTTPException(400, {"message": str(exc), "query": n,
                                      "field": exc.field or ""}) from None
    done = screen_entries(store, viewer, queries, body.watchlist, body.threshold)
    return {"watchlist": done.watchlist, "entries": done.entries, "alerts": [
        {"query_id": a.query_id, "watchlist_id": a.watchlist_id, "score": round(a.score, 3),
         "explanation": a.explanation, "members": done.members_of(a)}
        for a in done.alerts]}
