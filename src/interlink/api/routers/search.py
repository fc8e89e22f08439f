"""GET /search: one box, any script; full results and, distinctly, hit-only results.

A hit tells the searcher only that a record exists, which agency holds it and its reference,
so that they can ask the owner (POST /requests). Every search is audited with its declared
purpose, the query and the ids returned.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from interlink import access
from interlink.api.deps import Session, current_session, get_store
from interlink.store import SQLStore

router = APIRouter(tags=["search"])


@router.get("/search")
def search(
    q: str = Query(..., min_length=2, max_length=200, description="Name, date or document"),
    purpose: str = Query("", description="Declared purpose of the search (required)"),
    limit: int = Query(50, ge=1, le=500),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    return access.search(store, session.viewer(purpose), q, limit).to_dict()
