"""GET /search: one box, any script; full results and, distinctly, hit-only results.

A hit tells the searcher only that a record exists, which agency holds it and its reference,
so that they can ask the owner (POST /requests). Every search is audited with its declared
purpose, the query and the ids returned.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from interlink.api.deps import Session, current_session, get_store
from interlink.audit import chain
from interlink.names import compare
from interlink.policy import Visibility
from interlink.policy.sharing import judge
from interlink.search import query_keys
from interlink.store import SQLStore

router = APIRouter(tags=["search"])
MIN_SCORE = 0.6


def _score(query: str, names: list[str], kind: str) -> float:
    return max((compare(query, n, kind).score for n in names), default=0.0)


@router.get("/search")
def search(
    q: str = Query(..., min_length=2, max_length=200, description="Name, date or document"),
    purpose: str = Query("", description="Declared purpose of the search (required)"),
    limit: int = Query(50, ge=1, le=500),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    viewer = session.viewer(purpose)
    if viewer.purpose is None:
        with store.transaction() as conn:
            chain.append(conn, "refusal", viewer.user, agency=viewer.agency,
                         reason="search without a declared purpose", details={"query": q})
        raise HTTPException(400, "a search must declare a purpose")
    keys = query_keys(q)
    candidates = store.get_many(store.find_keys(keys))
    by_name = any(k.startswith("n:") for k in keys)
    full: list[dict[str, Any]] = []
    hits: list[dict[str, Any]] = []
    for record, seen in zip(candidates, judge(store, candidates, viewer), strict=True):
        if seen is Visibility.NONE:
            continue
        score = 1.0
        if by_name:
            kind = "person" if record.schema == "Person" else "company"
            score = _score(q, record.entity.names, kind)
            if score < MIN_SCORE:
                continue
        if seen is Visibility.FULL:
            full.append({"id": record.id, "schema": record.schema,
                         "caption": record.entity.caption, "owner": record.owner,
                         "score": round(score, 3), "properties": record.entity.properties})
        else:
            hits.append({"id": record.id, "owner": record.owner, "reference": record.id,
                         "hit_only": True, "score": round(score, 3)})
    full.sort(key=lambda r: -r["score"])
    hits.sort(key=lambda r: -r["score"])
    full, hits = full[:limit], hits[:limit]
    with store.transaction() as conn:
        chain.append(conn, "search", viewer.user, agency=viewer.agency,
                     purpose=viewer.purpose.value,
                     subjects=[r["id"] for r in full] + [r["id"] for r in hits],
                     details={"query": q, "full": len(full), "hits": len(hits)})
    return {"query": q, "purpose": viewer.purpose.value, "results": full, "hits": hits}
