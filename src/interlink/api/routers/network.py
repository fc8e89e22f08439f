"""GET /network/...: the network analysis on the viewer's own graph.

The graph holds only the records the viewer sees in full for the declared purpose, and each
answer is audited with every record id it discloses: both by `interlink.access.analysis`, which
the web pages call too.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Query

from interlink.access import analysis
from interlink.api.deps import Session, current_session, get_store
from interlink.store import SQLStore

router = APIRouter(tags=["network"])


@router.get("/network/key-actors")
def get_key_actors(
    purpose: str = Query(""),
    resolved: bool = Query(True, description="One node per resolved entity (false: per record)"),
    top: int = Query(20, ge=1, le=500),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    return analysis.key_actor_rows(store, session.viewer(purpose), top, resolved)


@router.get("/network/communities")
def get_communities(
    purpose: str = Query(""),
    resolved: bool = Query(True, description="One node per resolved entity (false: per record)"),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    return analysis.community_rows(store, session.viewer(purpose), resolved)


@router.get("/network/money")
def get_money_findings(
    purpose: str = Query(""),
    resolved: bool = Query(True, description="One node per resolved entity (false: per record)"),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    return analysis.money_rows(store, session.viewer(purpose), resolved)
