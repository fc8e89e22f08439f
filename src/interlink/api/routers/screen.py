"""POST /screen: screen names (a manifest, a list) against a watchlist the viewer may use.

The watchlist is built from the store records the viewer sees in full (its own, and what was
shared with it for the declared purpose), so screening never matches against, or reveals,
anything a read would refuse. Every screening is audited with its purpose and the records hit.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, Field

from interlink.api.deps import Session, current_session, get_store
from interlink.cooperation.deconfliction import check_interest
from interlink.core.errors import InvalidInput
from interlink.core.viewer import Viewer
from interlink.policy import Visibility
from interlink.policy.sharing import judge
from interlink.screen import Screener, Watchlist
from interlink.screen.entry import Entry
from interlink.screen.loaders import entries_from_ftm
from interlink.store import SQLStore

router = APIRouter(tags=["screening"])
SCHEMATA = ("Person", "Company", "Organization", "LegalEntity", "Vessel", "Passport",
            "Identification")


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


def _visible(store: SQLStore, viewer: Viewer, source_ref: str | None) -> Iterator[dict]:
    for schema in SCHEMATA:
        batch = []
        for record in store.iter_records(schema=schema, source_ref=source_ref):
            batch.append(record)
            if len(batch) >= 2000:
                yield from _gate(store, viewer, batch)
                batch = []
        yield from _gate(store, viewer, batch)


def _gate(store: SQLStore, viewer: Viewer, batch: list) -> Iterator[dict]:  # type: ignore[type-arg]
    for record, seen in zip(batch, judge(store, batch, viewer), strict=True):
        if seen is Visibility.FULL:
            yield record.to_dict()


@router.post("/screen")
def screen(
    body: ScreenIn,
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    viewer = session.viewer(body.purpose)
    if viewer.purpose is None:
        raise HTTPException(400, "screening must declare a purpose")
    queries = []
    for n, q in enumerate(body.queries):
        try:
            queries.append(Entry.create(q.id, q.name, q.birth_date, q.nationality, q.gender,
                                        q.id_number))
        except InvalidInput as exc:
            raise HTTPException(400, {"message": str(exc), "query": n,
                                      "field": exc.field or ""}) from None
    source = None if body.watchlist == "*" else body.watchlist
    watchlist = Watchlist(entries_from_ftm(_visible(store, viewer, source), body.watchlist),
                          name=body.watchlist)
    screener = Screener(watchlist, threshold=body.threshold)
    alerts = [a for q in queries for a in screener.match(q)]
    store.audit("screening", viewer.user, agency=viewer.agency, purpose=viewer.purpose.value,
                subjects=sorted({a.watchlist_id for a in alerts}),
                details={"queries": len(queries), "alerts": len(alerts),
                         "watchlist": body.watchlist, "entries": len(watchlist.entries)})
    # another agency targeting a person hit here: both are told whom to call
    check_interest(store, viewer.agency, viewer.user, sorted({a.watchlist_id for a in alerts}),
                   "screen")
    return {"watchlist": body.watchlist, "entries": len(watchlist.entries), "alerts": [
        {"query_id": a.query_id, "watchlist_id": a.watchlist_id, "score": round(a.score, 3),
         "explanation": a.explanation} for a in alerts]}
