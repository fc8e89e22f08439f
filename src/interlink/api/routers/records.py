"""Records: bulk write for one's own agency; read one through the gate (full, hit, or 404)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from interlink import access
from interlink.access.records import Shown
from interlink.api.deps import (
    Session,
    Steps,
    current_session,
    get_store,
    json_answer,
    read_session,
    settle_steps,
    token_cache,
)
from interlink.core.envelope import Envelope, parse_date
from interlink.core.errors import InvalidInput
from interlink.core.record import (
    Record,
    RecordRow,
    check_required,
    make_entity,
    rename_ids,
    scoped_id,
)
from interlink.identity.accounts import TokenCache
from interlink.ingest.base import coded
from interlink.store import SQLStore

router = APIRouter(tags=["records"])

MAX_RECORDS = 10_000


class Terms(BaseModel):
    handling: str = "H0"
    conditions: str = ""
    tlp: str = "AMBER"
    source_grade: str = "X"
    info_grade: str = "4"
    purposes: list[str] = Field(default_factory=lambda: ["other"], min_length=1)
    review_by: str | None = None
    source_ref: str = ""


class RecordsIn(BaseModel):
    records: list[dict[str, Any]] = Field(min_length=1, max_length=MAX_RECORDS)
    terms: Terms = Field(default_factory=Terms)
    reason: str = ""


@router.post("/records", status_code=status.HTTP_201_CREATED)
def write_records(
    body: RecordsIn,
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    """Write FtM entities as the caller's agency, under the given terms. Validated like
    `interlink ingest --strict`: one bad entity refuses the batch, naming it."""
    envelope = Envelope(owner=session.user.agency, **body.terms.model_dump(exclude_none=True))
    records, errors = [], []
    for index, data in enumerate(body.records):
        try:
            entity = make_entity(data)
            check_required(entity)
            records.append(Record(entity, envelope))
        except InvalidInput as exc:
            # the refusal's code and parameters beside its English words (issue 15), so a
            # client can say it in its reader's language; None when it has no code of its own
            code, params = coded(exc)
            errors.append({"index": index, "id": data.get("id"), "field": exc.field or "",
                           "reason": str(exc), "code": code, "params": params})
    if errors:
        raise HTTPException(400,
                            {"message": f"{len(errors)} invalid record(s), nothing written",
                             "errors": errors[:100]})
    rows = [RecordRow.of(r) for r in records]
    owner = session.user.agency
    renamed = {old: scoped_id(owner, old) for old in store.foreign_ids([r.id for r in rows],
                                                                         owner)}
    result = store.write_rows([rename_ids(r, renamed) for r in rows], session.actor,
                              body.reason or "api")
    return {"created": result.created, "updated": result.updated,
            "unchanged": result.unchanged, "renamed": renamed}


class ExtendIn(BaseModel):
    review_by: str = Field(description="New review-by date (ISO)")
    reason: str = Field(min_length=1, max_length=4000)


@router.get("/records/due")
def due_for_review(
    days: int = Query(90, ge=0, le=3660, description="Due within this many days"),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    """Your agency's records whose review date falls within `days` (or has passed: those are
    no longer served to anyone else until extended or erased)."""
    return [
        {"id": r.id, "schema": r.schema, "caption": r.entity.caption,
         "review_by": r.envelope.review_by.isoformat() if r.envelope.review_by else None}
        for r in access.records.due_for_review(store, session.viewer(None), days)
    ]


@router.post("/records/{record_id}/extend")
def extend_review(
    record_id: str,
    body: ExtendIn,
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    record = store.extend_review(record_id, parse_date(body.review_by), session.actor,
                                 body.reason)
    return {"id": record.id, "version": record.version,
            "review_by": record.envelope.review_by.isoformat()
            if record.envelope.review_by else None}


@router.get("/records")
def list_records(
    purpose: str | None = Query(None, description="Declared purpose (needed for others' "
                                "records; without one, only your agency's own)"),
    schema: str | None = Query(None, max_length=64, pattern=r"^[A-Za-z]+$"),
    owner: str | None = Query(None, max_length=64),
    after: str = Query("", max_length=255, description="Continue after this id"),
    limit: int = Query(100, ge=1, le=1000),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    """Records you see in full, in id order, filtered in the store by the gate's own rules
    (hits are never listed: a hit comes from a search that names someone)."""
    found, next_after = access.list_records(store, session.viewer(purpose), schema=schema,
                                            owner=owner, after=after, limit=limit)
    return {"records": [{**r.to_dict(), "version": r.version} for r in found],
            "next": next_after}


@router.get("/records/{record_id}", response_model=dict[str, Any])
def read_record(
    record_id: str,
    purpose: str | None = Query(None, description="Declared purpose (required for others' "
                                "records)"),
    session: Session = Depends(read_session),
    store: SQLStore = Depends(get_store),
    tokens: TokenCache = Depends(token_cache),
) -> Response:
    """The record in full, or as a hit (owner and reference), or 404; audited either way, and
    answered only once the token is confirmed still valid after that audit entry."""
    return answer_read(store, session, tokens, record_id, purpose)


def answer_read(store: SQLStore, session: Session, tokens: TokenCache, record_id: str,
                purpose: str | None) -> Response:
    """The route's answer: `read_steps` run in the request's thread."""
    return settle_steps(store, session, tokens, read_steps(store, session, record_id, purpose))


def read_steps(store: SQLStore, session: Session, record_id: str, purpose: str | None
               ) -> Steps[Shown | None]:
    """A record read in the steps `api.fast` runs past FastAPI (the commit of its entry
    awaited on the event loop) and the route runs in one thread: one path for the gate, the
    audit entry and the token's confirmation."""
    return Steps(lambda: access.records.reading(store, session.viewer(purpose), record_id),
                 lambda shown: json_answer(access.records.found(shown).to_dict()),
                 blocks=False)
