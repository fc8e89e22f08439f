"""Federation over HTTP.

Node to node (`/federation/node/...`): no bearer token; every message is signed by a declared
peer's key and numbered, and `interlink.federation` refuses (and logs) anything else.

People (`/federation/...`, bearer token): a search with `scope=federation`, the records received
from peers as the gate lets the caller see them, an onward grant of one where its envelope
allows, and for supervisors and administrators the peers' delivery status and a sync now.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Body, Depends, Query
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from interlink.access import federation as access_federation
from interlink.api.deps import Session, current_session, get_store, require_role
from interlink.federation import inbox, node, outbox, peers, query
from interlink.store import SQLStore

router = APIRouter(tags=["federation"])

ADMINS = ("supervisor", "agency_admin", "platform_admin")


@router.get("/federation/node")
def node_identity(store: SQLStore = Depends(get_store)) -> dict[str, str]:
    """This node's name, URL and public key (public: a peer declares it)."""
    return node.show(store).to_dict()


@router.post("/federation/node/inbox")
def node_inbox(payload: dict[str, Any] = Body(...),
               store: SQLStore = Depends(get_store)) -> JSONResponse:
    messages = payload.get("messages")
    if not isinstance(messages, list) or len(messages) > 1000:
        return JSONResponse({"detail": "messages: a list of at most 1000"}, status_code=400)
    results = inbox.receive(store, messages)
    unauth = [r for r in results if r.get("reason") in ("undeclared_key", "bad_signature",
                                                        "malformed", "wrong_recipient")]
    code = 401 if results and len(unauth) == len(results) else 200
    body: dict[str, Any] = {"results": results}
    if code != 200:
        body["detail"] = "no message from a declared peer"
    return JSONResponse(body, status_code=code)


@router.post("/federation/node/query")
def node_query(message: dict[str, Any] = Body(...),
               store: SQLStore = Depends(get_store)) -> JSONResponse:
    code, body = query.answer(store, message)
    if code != 200:  # the shape of every error of the API, with the refusal beside it
        body = {"detail": f"refused: {body.get('reason')}", "code": str(body.get("reason")),
                **body}
    return JSONResponse(body, status_code=code)


@router.get("/federation/search")
def federated_search(
    q: str = Query(..., min_length=2, max_length=200),
    purpose: str = Query("", description="Declared purpose (required)"),
    scope: str = Query("federation", pattern="^(local|federation)$"),
    mode: str = Query("pseudo", pattern="^(pseudo|clear)$",
                      description="pseudo: keyed pseudonyms travel, never the text"),
    limit: int = Query(50, ge=1, le=200),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> dict[str, Any]:
    return access_federation.search(store, session.viewer(purpose), q, scope=scope,
                                    mode=mode, limit=limit)


class ScreenIn(BaseModel):
    purpose: str
    names: list[str] = Field(min_length=1, max_length=100)
    birth_dates: list[str] = Field(default_factory=list, description="One per name, or none")
    mode: str = Field("pseudo", pattern="^(pseudo|clear)$")


@router.post("/federation/screen")
def federated_screen(body: ScreenIn, session: Session = Depends(current_session),
                     store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    """Screen names (with birth dates) against every peer node: alerts as node and record."""
    from interlink.screen.entry import Entry

    dates = body.birth_dates + [""] * (len(body.names) - len(body.birth_dates))
    entries = [Entry(id=str(i), names=[n], birth_dates=[d] if d else [])
               for i, (n, d) in enumerate(zip(body.names, dates, strict=False))]
    alerts = access_federation.screen(store, session.viewer(body.purpose), entries,
                                      mode=body.mode)
    return {"alerts": alerts}


@router.get("/federation/received")
def received_list(purpose: str = Query(""), session: Session = Depends(current_session),
                  store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    found = access_federation.list_received(store, session.viewer(purpose))
    return {"records": [r.to_dict() for r in found]}


@router.get("/federation/received/{record_id}")
def received_one(record_id: str, purpose: str = Query(""),
                 session: Session = Depends(current_session),
                 store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    return access_federation.read_received(store, session.viewer(purpose), record_id).to_dict()


class RegrantIn(BaseModel):
    recipient_agency: str
    purposes: list[str] = Field(min_length=1)
    users: list[str] = Field(default_factory=list)
    reason: str = ""


@router.post("/federation/received/{record_id}/grants", status_code=201)
def received_regrant(record_id: str, body: RegrantIn,
                     session: Session = Depends(current_session),
                     store: SQLStore = Depends(get_store)) -> dict[str, str]:
    gid = access_federation.regrant(store, session.actor, record_id, body.recipient_agency,
                                    body.purposes, body.users, body.reason)
    return {"id": gid}


class RemoteRequestIn(BaseModel):
    record_id: str = Field(min_length=1, max_length=255)
    owner: str = Field(min_length=2, max_length=64, description="The owner a federated hit "
                       "named (an agency a peer node serves)")
    purpose: str
    message: str = ""


@router.post("/federation/requests", status_code=201)
def remote_request(body: RemoteRequestIn, session: Session = Depends(current_session),
                   store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    """Ask the owner of a record held on another node for it (after a federated hit): the
    request travels signed to the owner's node; its answer comes back the same way and shows
    in the requests for information like a local one."""
    from interlink.cooperation import rfi

    return rfi.open_remote(store, session.viewer(body.purpose), body.record_id, body.owner,
                           body.message).to_dict()


@router.get("/federation/peers")
def peer_status(session: Session = Depends(current_session),
                store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    require_role(session, *ADMINS)
    outbox.refresh(store)
    return {"peers": peers.status(store)}


@router.post("/federation/sync")
def sync_now(session: Session = Depends(current_session),
             store: SQLStore = Depends(get_store)) -> dict[str, Any]:
    require_role(session, *ADMINS)
    return {"peers": outbox.sync(store)}
