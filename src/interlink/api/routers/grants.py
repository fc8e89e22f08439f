"""Grants: an owner (or, where H2 allows, a recipient) shares; the grantor revokes."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, status
from pydantic import BaseModel, Field

from interlink.api.deps import Session, current_session, get_store
from interlink.policy.sharing import make_grant, revoke_grant
from interlink.store import SQLStore

router = APIRouter(tags=["sharing"])


class GrantIn(BaseModel):
    record_id: str | None = Field(None, description="One record; omit for all your records")
    recipient_agency: str | None = None
    recipient_group: str | None = None
    purposes: list[str] = Field(min_length=1)
    users: list[str] = Field(default_factory=list, description="Named people (TLP:RED)")
    level: str = Field("full", pattern="^(full|hit)$")
    valid_until: str | None = Field(None, description="ISO date")
    parent: str | None = Field(None, description="For a re-grant: the grant you received")
    reason: str = ""


@router.post("/grants", status_code=status.HTTP_201_CREATED)
def create_grant(
    body: GrantIn,
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    grant = make_grant(store, session.actor, **body.model_dump())
    return {"id": grant.id, "grantor": grant.grantor, "record_id": grant.record_id,
            "level": grant.level,
            "valid_until": grant.valid_until.isoformat() if grant.valid_until else None}


@router.delete("/grants/{grant_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_grant(
    grant_id: str,
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> None:
    revoke_grant(store, grant_id, session.actor)
