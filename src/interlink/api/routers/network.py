"""GET /network/...: the network analysis on the viewer's own graph.

The graph is built from the records the viewer sees in full for the declared purpose
(`network_from_store` asks the gate of each record), so the analysis never rests on, or
reveals, a record a read would refuse. Each analysis is audited with its purpose.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query

from interlink.api.deps import Session, current_session, get_store
from interlink.core.viewer import Viewer
from interlink.network import (
    Network,
    detect_communities,
    detect_patterns,
    key_actors,
    network_from_store,
)
from interlink.store import SQLStore

router = APIRouter(tags=["network"])


def _graph(store: SQLStore, session: Session, purpose: str, analysis: str) -> tuple[
    Viewer, Network
]:
    viewer = session.viewer(purpose)
    if viewer.purpose is None:
        raise HTTPException(400, "an analysis must declare a purpose")
    return viewer, network_from_store(store, viewer)


def _disclosed(store: SQLStore, viewer: Viewer, analysis: str, net: Network,
               result: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Audit the analysis with every record id its answer names (what it discloses), then
    hand the answer back."""
    ids: set[str] = set()
    for row in result:
        for key in ("id", "key_actor"):
            if isinstance(row.get(key), str):
                ids.add(row[key])
        for key in ("members", "nodes", "records"):
            ids.update(x for x in row.get(key) or () if isinstance(x, str))
    store.audit("analysis", viewer.user, agency=viewer.agency,
                purpose=viewer.purpose.value if viewer.purpose else None,
                subjects=sorted(ids), details={"analysis": analysis, "nodes": len(net.ids)})
    return result


@router.get("/network/key-actors")
def get_key_actors(
    purpose: str = Query(""),
    top: int = Query(20, ge=1, le=500),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    viewer, net = _graph(store, session, purpose, "key-actors")
    ranking = key_actors(net, top=top).actors if net.ids else []
    return _disclosed(store, viewer, "key-actors", net, [
        {"rank": a.rank, "id": a.id, "label": a.label, "score": round(a.score, 6),
         "reason": a.reason} for a in ranking])


@router.get("/network/communities")
def get_communities(
    purpose: str = Query(""),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    viewer, net = _graph(store, session, purpose, "communities")
    found = detect_communities(net).communities if net.ids else []
    return _disclosed(store, viewer, "communities", net, [
        {"id": c.id, "size": c.size, "activity": c.activity,
         "key_actor": net.ids[c.key_actor], "members": [net.ids[m] for m in c.members]}
        for c in found])


@router.get("/network/money")
def get_money_findings(
    purpose: str = Query(""),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> list[dict[str, Any]]:
    viewer, net = _graph(store, session, purpose, "money")
    return _disclosed(store, viewer, "money", net, [
        {"kind": f.kind, "summary": f.summary, "nodes": [net.ids[n] for n in f.nodes],
         "records": f.records} for f in detect_patterns(net)])
