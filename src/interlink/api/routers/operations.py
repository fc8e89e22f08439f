"""Joint operations: members, sharing, targets with deconfliction, tasks, results, report.

Operations of other agencies are 404 like absent ones. Creating, inviting, assigning tasks and
closing take a coordinator's role (liaison officer, supervisor, agency admin); any user of a
member agency may target, share and record results.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from interlink.api.deps import Session, current_session, get_store
from interlink.cooperation import ledger
from interlink.cooperation import operations as ops
from interlink.cooperation.deconfliction import list_notices
from interlink.store import SQLStore

router = APIRouter(tags=["operations"])


@contextmanager
def answers() -> Iterator[None]:
    try:
        yield
    except LookupError:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such operation for your agency"
                            ) from None


class OperationIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    partners: list[str] = Field(default_factory=list, max_length=100)
    purposes: list[str] = Field(min_length=1, max_length=10)
    starts: str | None = None
    ends: str | None = None
    description: str = Field("", max_length=8000)
    contact: str | None = Field(None, max_length=128)


class JoinIn(BaseModel):
    contact: str | None = Field(None, max_length=128, description="Whom others call")


class InviteIn(BaseModel):
    agency: str = Field(min_length=1, max_length=64)


class CloseIn(BaseModel):
    reason: str = Field("", max_length=4000)


class ShareIn(BaseModel):
    record_ids: list[str] | None = Field(None, max_length=1000,
                                         description="None: all the agency's records")
    purposes: list[str] | None = None


class TargetIn(BaseModel):
    record_id: str = Field(min_length=1, max_length=255)


class TaskIn(BaseModel):
    agency: str = Field(min_length=1, max_length=64)
    description: str = Field(min_length=1, max_length=4000)
    due: str | None = None


class ResultIn(BaseModel):
    kind: str = Field(description=", ".join(ledger.KINDS))
    on: str = Field(description="YYYY-MM-DD")
    place: str = Field("", max_length=500)
    country: str | None = Field(None, max_length=2)
    person: str | None = Field(None, max_length=500)
    nationality: str | None = Field(None, max_length=2)
    record_id: str | None = Field(None, max_length=255)
    commodity: str | None = Field(None, max_length=100)
    quantity: float | None = Field(None, ge=0)
    unit: str | None = Field(None, max_length=16)
    value: float | None = Field(None, ge=0)
    currency: str | None = Field(None, max_length=3)
    concealment: str | None = Field(None, max_length=500)
    amount: float | None = Field(None, ge=0)
    asset_kind: str | None = Field(None, max_length=32)
    organisation: str | None = Field(None, max_length=500)
    reference: str | None = Field(None, max_length=200)
    authority: str | None = Field(None, max_length=200)


@router.post("/operations", status_code=status.HTTP_201_CREATED)
def create(body: OperationIn, session: Session = Depends(current_session),
           store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    op = ops.create_operation(store, session.actor, body.name, partners=body.partners,
                              purposes=body.purposes, starts=body.starts, ends=body.ends,
                              description=body.description, contact=body.contact)
    return op.to_dict()


@router.get("/operations")
def list_(session: Session = Depends(current_session),
          store: SQLStore = Depends(get_store)) -> list[dict[str, Any]]:
    return [o.to_dict() for o in ops.list_operations(store, session.user.agency)]


@router.get("/operations/totals")
def totals(by: str = Query("operation", pattern="^(operation|country|month|all)$"),
           session: Session = Depends(current_session),
           store: SQLStore = Depends(get_store)) -> list[dict[str, Any]]:
    """Totals over the operations the agency is on."""
    return [t.to_dict() for t in ledger.totals(store, session.user.agency, by)]


@router.get("/deconfliction")
def deconfliction(session: Session = Depends(current_session),
                  store: SQLStore = Depends(get_store)) -> list[dict[str, Any]]:
    """Who else is interested in the people your agency targets or looks for, whom to call."""
    return [n.to_dict() for n in list_notices(store, session.user.agency)]


@router.get("/operations/{operation_id}")
def show(operation_id: str, session: Session = Depends(current_session),
         store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    with answers():
        return ops.get_operation(store, session.user.agency, operation_id).to_dict()


@router.post("/operations/{operation_id}/invite")
def invite(operation_id: str, body: InviteIn, session: Session = Depends(current_session),
           store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    with answers():
        return ops.invite(store, session.actor, operation_id, body.agency).to_dict()


@router.post("/operations/{operation_id}/join")
def join(operation_id: str, body: JoinIn | None = None,
         session: Session = Depends(current_session),
         store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    with answers():
        return ops.join(store, session.actor, operation_id,
                        body.contact if body else None).to_dict()


@router.post("/operations/{operation_id}/leave")
def leave(operation_id: str, session: Session = Depends(current_session),
          store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    with answers():
        return ops.leave(store, session.actor, operation_id).to_dict()


@router.post("/operations/{operation_id}/close")
def close(operation_id: str, body: CloseIn | None = None,
          session: Session = Depends(current_session),
          store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    with answers():
        return ops.close(store, session.actor, operation_id,
                         body.reason if body else "").to_dict()


@router.post("/operations/{operation_id}/share", status_code=status.HTTP_201_CREATED)
def share(operation_id: str, body: ShareIn, session: Session = Depends(current_session),
          store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    with answers():
        made = ops.share(store, session.actor, operation_id, body.record_ids, body.purposes)
    return {"grants": made}


@router.post("/operations/{operation_id}/targets", status_code=status.HTTP_201_CREATED)
def target(operation_id: str, body: TargetIn, session: Session = Depends(current_session),
           store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    with answers():
        return ops.add_target(store, session.actor, operation_id, body.record_id).to_dict()


@router.delete("/operations/{operation_id}/targets/{record_id}",
               status_code=status.HTTP_204_NO_CONTENT)
def untarget(operation_id: str, record_id: str, session: Session = Depends(current_session),
             store: SQLStore = Depends(get_store)) -> Response:
    with answers():
        ops.remove_target(store, session.actor, operation_id, record_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/operations/{operation_id}/tasks", status_code=status.HTTP_201_CREATED)
def task(operation_id: str, body: TaskIn, session: Session = Depends(current_session),
         store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    with answers():
        return ops.assign_task(store, session.actor, operation_id, body.agency,
                               body.description, body.due).to_dict()


@router.post("/operations/{operation_id}/tasks/{task_id}/done")
def task_done(operation_id: str, task_id: int, session: Session = Depends(current_session),
              store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    with answers():
        return ops.complete_task(store, session.actor, operation_id, task_id).to_dict()


@router.post("/operations/{operation_id}/results", status_code=status.HTTP_201_CREATED)
def add_result(operation_id: str, body: ResultIn, session: Session = Depends(current_session),
               store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    fields = body.model_dump(exclude={"kind", "on", "place", "country"})
    with answers():
        return ledger.add_result(store, session.actor, operation_id, body.kind, on=body.on,
                                 place=body.place, country=body.country, **fields).to_dict()


@router.get("/operations/{operation_id}/results")
def results(operation_id: str, session: Session = Depends(current_session),
            store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    with answers():
        found = ledger.list_results(store, session.user.agency, operation_id)
    (total,) = ledger.add_up(found, "all") or [ledger.Totals("all")]
    return {"results": [r.to_dict() for r in found], "totals": total.to_dict()}


@router.get("/operations/{operation_id}/report",
            responses={200: {"content": {"text/html": {}, "application/pdf": {}}}})
def report(operation_id: str, lang: str = Query("en", pattern="^(ar|en|fr)$"),
           format: str = Query("html", pattern="^(html|pdf)$"),
           session: Session = Depends(current_session),
           store: SQLStore = Depends(get_store)) -> Response:
    """The operation report in the reader's language, as HTML or PDF."""
    from interlink.cooperation.report import render_html, render_pdf

    with answers():
        if format == "pdf":
            return Response(render_pdf(store, session.user.agency, operation_id, lang),
                            media_type="application/pdf")
        return Response(render_html(store, session.user.agency, operation_id, lang),
                        media_type="text/html; charset=utf-8")
