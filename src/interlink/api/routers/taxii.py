"""TAXII 2.1, read only: the records shared into a sharing group, as STIX, for MISP and OpenCTI.

- `GET /taxii2/`: discovery, listing one API root per purpose. A partner's records are read
  for a declared purpose (the gate needs one), and a TAXII client can only be given URLs, so
  the purpose is the API root: `/taxii2/drug_trafficking/`.
- `GET /taxii2/{purpose}/collections/`: one collection per sharing group the caller's agency
  belongs to; its id is a UUIDv5 of the group's id.
- `GET .../collections/{id}/objects/` (and `manifest/`): the records granted to that group
  (one by one, or wholesale by their owner) that the caller sees in full, as STIX objects,
  oldest change first; `added_after`, `limit` and `next` page them, `match[type]` and
  `match[id]` filter.

Authentication is the API's bearer token. Every record served goes through the gate
(`interlink.access`) and the page is audited as a consultation naming its records, like
`GET /records`. A collection the caller may not see answers exactly like one that does not
exist (404, same body), and so does an unknown API root.
"""

from __future__ import annotations

import base64
import binascii
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy import and_, or_, select

from interlink.access.audit import disclose
from interlink.access.records import only_full
from interlink.api.deps import Session, current_session, get_store
from interlink.core.codes import Purpose
from interlink.core.envelope import parse_datetime
from interlink.core.errors import InvalidInput
from interlink.core.messages import negotiate, render
from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.export.stix import (
    NAMESPACE,
    RECORD_EXTENSION,
    bundle_objects,
    serialize,
    stix_type,
)
from interlink.policy.grants import SharingGroup
from interlink.store import SQLStore
from interlink.store.tables import grants, group_members, records, sharing_groups

router = APIRouter(prefix="/taxii2", tags=["taxii"], responses={
    406: {"description": "The client does not accept application/taxii+json;version=2.1"}})

TAXII = "application/taxii+json;version=2.1"
STIX = "application/stix+json;version=2.1"
MAX_LIMIT = 1000
DEFAULT_LIMIT = 100


def _answer(body: dict[str, Any], status: int = 200,
            headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse(body, status_code=status, media_type=TAXII, headers=headers)


def _error(request: Request, status: int, code: str, **params: Any) -> JSONResponse:
    """A TAXII error message, its title in the reader's language."""
    lang = _lang(request)
    return JSONResponse({"title": render(code, params, lang), "http_status": str(status)},
                        status_code=status, media_type=TAXII,
                        headers={"Content-Language": lang})


def _not_found(request: Request) -> JSONResponse:
    """The one answer for an unknown API root, collection or page token, and for one the
    caller may not see."""
    return _error(request, 404, "taxii.not_found")


def _acceptable(request: Request) -> bool:
    accept = request.headers.get("accept", "").lower().replace(" ", "")
    if not accept:
        return True
    for part in accept.split(","):
        media = part.split(";q=")[0]
        if media in ("*/*", "application/*", "application/json") or \
                media.startswith("application/taxii+json"):
            return "version=" not in media or "version=2.1" in media
    return False


def _purpose(value: str) -> Purpose | None:
    try:
        return Purpose(value)
    except ValueError:
        return None


def collection_id(group_id: str) -> str:
    return str(uuid.uuid5(NAMESPACE, f"taxii-collection\x1f{group_id}"))


def _groups(store: SQLStore, agency: str) -> dict[str, SharingGroup]:
    """The caller's agency's sharing groups, by collection id."""
    with store.reading() as conn:
        rows = conn.execute(
            select(sharing_groups.c.id, sharing_groups.c.name)
            .join(group_members, group_members.c.group_id == sharing_groups.c.id)
            .where(group_members.c.agency == agency).order_by(sharing_groups.c.id)).all()
    return {collection_id(r.id): SharingGroup(r.id, r.name, frozenset()) for r in rows}


def _lang(request: Request) -> str:
    return negotiate(request.headers.get("accept-language"))


def _collection(group: SharingGroup, lang: str) -> dict[str, Any]:
    return {"id": collection_id(group.id), "title": group.name,
            "description": render("taxii.collection", {"group": group.id}, lang),
            "alias": group.id, "can_read": True, "can_write": False, "media_types": [STIX]}


def _cursor(written: datetime, record_id: str) -> str:
    raw = f"{written.isoformat()}\x1f{record_id}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _uncursor(token: str) -> tuple[datetime, str] | None:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode()
        when, record_id = raw.split("\x1f", 1)
        return parse_datetime(when), record_id
    except (binascii.Error, UnicodeDecodeError, ValueError, InvalidInput):
        return None


def _shared(store: SQLStore, viewer: Viewer, group: str, after: tuple[datetime, str] | None,
            added_after: datetime | None, limit: int
            ) -> tuple[list[Record], tuple[datetime, str] | None]:
    """Up to `limit` records granted to the group that the viewer sees in full, in order of
    their last change, and where the next page starts (None at the end). The grants only
    choose candidates; the gate decides each one, as for any read."""
    live = and_(grants.c.recipient_group == group, grants.c.revoked_at.is_(None))
    where = [records.c.erased.is_(False), or_(
        records.c.id.in_(select(grants.c.record_id).where(live,
                                                          grants.c.record_id.isnot(None))),
        records.c.owner.in_(select(grants.c.grantor).where(live, grants.c.record_id.is_(None))),
    )]
    if added_after is not None:
        where.append(records.c.updated_at > added_after)
    out: list[Record] = []
    position = after
    while len(out) < limit:
        page_where = list(where)
        if position is not None:
            when, last = position
            page_where.append(or_(records.c.updated_at > when,
                                  and_(records.c.updated_at == when, records.c.id > last)))
        with store.reading() as conn:
            rows = conn.execute(select(records).where(*page_where)
                                .order_by(records.c.updated_at, records.c.id)
                                .limit(limit * 2)).all()
        if not rows:
            return out, None
        page = [store.record_from_row(r) for r in rows]
        seen = {r.id for r in only_full(store, page, viewer)}
        for record, row in zip(page, rows, strict=True):
            position = (row.updated_at, row.id)
            if record.id in seen:
                out.append(record)
                if len(out) == limit:
                    return out, position
    return out, position


def _added(record: Record) -> str:
    """When a record was added to the collection (its last change), to the microsecond: a
    client passes it back as `added_after`, and a coarser time would serve some again."""
    when = (record.written_at or record.envelope.collected_at).astimezone(UTC)
    return when.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _ref_types(store: SQLStore, viewer: Viewer, page: list[Record]) -> dict[str, str]:
    """The STIX type of each record a link of the page points to, for those the viewer sees
    in full; others are named by what the link's property may point to (nothing is learnt of
    a record one may not see)."""
    wanted: set[str] = set()
    for r in page:
        schema = r.entity.schema
        if schema.edge:
            for prop in (schema.edge_source, schema.edge_target):
                if prop:
                    wanted.update(r.entity.get(prop))
    wanted -= {r.id for r in page}
    if not wanted:
        return {}
    found = only_full(store, store.get_many(sorted(wanted)), viewer)
    return {r.id: stix_type(r.entity.schema) for r in found}


@router.get("/")
def discovery(request: Request, session: Session = Depends(current_session)) -> JSONResponse:
    if not _acceptable(request):
        return _error(request, 406, "taxii.not_acceptable", media=TAXII)
    roots = [f"/taxii2/{p.value}/" for p in Purpose]
    return _answer({"title": "Interlink", "description": render("taxii.discovery", {},
                                                                 _lang(request)),
                    "api_roots": roots})


@router.get("/{purpose}/")
def api_root(purpose: str, request: Request,
             session: Session = Depends(current_session)) -> JSONResponse:
    if not _acceptable(request):
        return _error(request, 406, "taxii.not_acceptable", media=TAXII)
    if _purpose(purpose) is None:
        return _not_found(request)
    return _answer({"title": f"Interlink: {purpose}",
                    "description": render("taxii.api_root", {"purpose": purpose},
                                          _lang(request)),
                    "versions": [TAXII],
                    "max_content_length": 10 * 1024 * 1024})


@router.get("/{purpose}/collections/")
def collections(purpose: str, request: Request, session: Session = Depends(current_session),
                store: SQLStore = Depends(get_store)) -> JSONResponse:
    if not _acceptable(request):
        return _error(request, 406, "taxii.not_acceptable", media=TAXII)
    if _purpose(purpose) is None:
        return _not_found(request)
    groups = _groups(store, session.user.agency)
    lang = _lang(request)
    return _answer({"collections": [_collection(g, lang) for g in groups.values()]})


@router.get("/{purpose}/collections/{collection}/")
def collection(purpose: str, collection: str, request: Request,
               session: Session = Depends(current_session),
               store: SQLStore = Depends(get_store)) -> JSONResponse:
    if not _acceptable(request):
        return _error(request, 406, "taxii.not_acceptable", media=TAXII)
    group = _groups(store, session.user.agency).get(collection)
    if _purpose(purpose) is None or group is None:
        return _not_found(request)
    return _answer(_collection(group, _lang(request)))


Page = tuple[list[Record], tuple[datetime, str] | None, list[dict[str, Any]]]


@dataclass(frozen=True)
class PageQuery:
    """The paging and filter parameters the objects and manifest endpoints share."""

    added_after: str | None
    limit: int
    next_: str | None
    match_type: str | None
    match_id: str | None


def _page_query(
    added_after: str | None = Query(None, max_length=64),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    next_: str | None = Query(None, alias="next", max_length=1024),
    match_type: str | None = Query(None, alias="match[type]", max_length=1024),
    match_id: str | None = Query(None, alias="match[id]", max_length=8192),
) -> PageQuery:
    return PageQuery(added_after, limit, next_, match_type, match_id)


def _page(request: Request, session: Session, store: SQLStore, purpose: str, collection: str,
          query: PageQuery, view: str) -> Page | JSONResponse:
    """A page of the collection as the caller may see it (records, where the next page
    starts, their STIX objects filtered), audited; or the answer refusing it."""
    if not _acceptable(request):
        return _error(request, 406, "taxii.not_acceptable", media=TAXII)
    chosen = _purpose(purpose)
    group = _groups(store, session.user.agency).get(collection)
    if chosen is None or group is None:
        return _not_found(request)
    viewer = session.viewer(chosen.value)
    after = None
    if query.next_:
        after = _uncursor(query.next_)
        if after is None:
            return _not_found(request)
    since = parse_datetime(query.added_after, "added_after") if query.added_after else None
    found, position = _shared(store, viewer, group.id, after, since, query.limit)
    disclose(store, viewer, view, [r.id for r in found], collection=group.id,
             added_after=query.added_after, next=query.next_)
    types = _ref_types(store, viewer, found)
    objs = [serialize(o) for o in bundle_objects(found, types.get)] if found else []
    if query.match_type:
        wanted = {t.strip() for t in query.match_type.split(",") if t.strip()}
        objs = [o for o in objs if o["type"] in wanted]
    if query.match_id:
        ids = {t.strip() for t in query.match_id.split(",") if t.strip()}
        objs = [o for o in objs if o["id"] in ids]
    return found, position, objs


def _paged(body: dict[str, Any], found: list[Record],
           position: tuple[datetime, str] | None) -> JSONResponse:
    body = {"more": position is not None, **body}
    if position is not None:
        body["next"] = _cursor(*position)
    headers = {}
    if found:
        headers["X-TAXII-Date-Added-First"] = _added(found[0])
        headers["X-TAXII-Date-Added-Last"] = _added(found[-1])
    return _answer(body, headers=headers)


@router.get("/{purpose}/collections/{collection}/objects/")
def objects(
    purpose: str,
    collection: str,
    request: Request,
    query: PageQuery = Depends(_page_query),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> JSONResponse:
    """A page of the collection's objects: the STIX objects of up to `limit` records, with
    the marking definitions, agencies and extension definitions they name."""
    page = _page(request, session, store, purpose, collection, query, "taxii")
    if isinstance(page, JSONResponse):
        return page
    found, position, objs = page
    return _paged({"objects": objs}, found, position)


@router.get("/{purpose}/collections/{collection}/manifest/")
def manifest(
    purpose: str,
    collection: str,
    request: Request,
    query: PageQuery = Depends(_page_query),
    session: Session = Depends(current_session),
    store: SQLStore = Depends(get_store),
) -> JSONResponse:
    """What a page of objects would hold (id, version, date added) without the objects: a
    client checks what changed before pulling. The ids tell what the objects would, so the
    page is gated and audited the same way."""
    page = _page(request, session, store, purpose, collection, query, "taxii manifest")
    if isinstance(page, JSONResponse):
        return page
    found, position, objs = page
    added = {r.id: _added(r) for r in found}
    entries = []
    for obj in objs:
        ext = obj.get("extensions", {}).get(RECORD_EXTENSION, {})
        record_id = ext.get("record_id") or ext.get("derived_from")
        if record_id in added:
            entries.append({"id": obj["id"], "date_added": added[record_id],
                            "version": obj.get("modified") or added[record_id],
                            "media_type": STIX})
    return _paged({"objects": entries}, found, position)
