"""Saved link charts, per user, with notes (issue 14), through the access layer.

A chart is saved as its recipe: the records it was centred on, the depth, the entity types
kept, resolved or raw, and the analyst's notes. The drawn nodes and links are never stored:
opening a chart draws it again from the viewer's graph of the moment (`analysis.chart`, gated
and audited there), so a record whose grant was revoked, or that was erased, is not in it any
more, and a saved centre the owner may no longer see is dropped, not named.

A chart is its owner's alone (the user, within their agency): anyone else gets the same
`NotFound` for it as for a chart that does not exist, so chart ids tell nothing either.
"""

from __future__ import annotations

import json
import secrets
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
    delete,
    insert,
    select,
)

from interlink.access import analysis, graph
from interlink.access.audit import disclose
from interlink.access.records import only_full
from interlink.core.errors import NotFound
from interlink.core.messages import invalid
from interlink.core.viewer import Viewer
from interlink.store import SQLStore
from interlink.store.tables import metadata

charts = Table(
    "charts",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("agency", String(64), nullable=False),
    Column("owner", String(128), nullable=False),
    Column("name", Text, nullable=False),
    Column("notes", Text, nullable=False),
    Column("centres", Text, nullable=False),  # JSON list of record ids
    Column("depth", Integer, nullable=False),
    Column("types", Text, nullable=False),  # comma-separated FtM schemata
    Column("raw", Boolean, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index("ix_charts_owner", "agency", "owner"),
)

MAX_NAME = 200
MAX_NOTES = 20_000
MAX_CENTRES = 50
MAX_CHARTS = 500  # per user: a list, not an archive


def _visible(store: SQLStore, viewer: Viewer, ids: list[str]) -> list[str]:
    """The ids among these of records the viewer sees in full now, in the order given."""
    found = {r.id for r in only_full(store, store.get_many(ids), viewer)} if ids else set()
    return [i for i in ids if i in found]


def _row(row: Any) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "notes": row.notes, "depth": row.depth,
            "types": row.types, "raw": bool(row.raw),
            "created_at": row.created_at.isoformat() if row.created_at else "",
            "updated_at": row.updated_at.isoformat() if row.updated_at else ""}


def save(store: SQLStore, viewer: Viewer, name: str, centres: list[str] | str,
         notes: str = "", depth: int = 1, types: str = "", raw: bool = False
         ) -> dict[str, Any]:
    """Save a chart centred on records the viewer sees in full now (others are dropped
    silently, as the chart itself drops them; none left is refused as no centre at all)."""
    if isinstance(centres, str):
        centres = [c for c in centres.split(",")]
    wanted = list(dict.fromkeys(c.strip()[:255] for c in centres if c.strip()))
    name = name.strip()
    if not name or len(name) > MAX_NAME:
        raise invalid("chart.name", "name")
    if len(notes) > MAX_NOTES:
        raise invalid("chart.notes", "notes")
    if not 0 <= depth <= 4:
        raise invalid("chart.depth", "depth")
    if len(wanted) > MAX_CENTRES:
        raise invalid("chart.too_many_centres", "centres")
    kept = _visible(store, viewer, wanted)
    if not kept:
        raise invalid("chart.no_centre", "centres")
    types = ",".join(t.strip() for t in types.split(",") if t.strip())[:1000]
    now = datetime.now(UTC)
    chart_id = secrets.token_hex(8)
    with store.engine.begin() as conn:
        count = len(conn.execute(select(charts.c.id).where(
            charts.c.agency == viewer.agency, charts.c.owner == viewer.user)).all())
        if count >= MAX_CHARTS:
            raise invalid("chart.too_many", "name")
        conn.execute(insert(charts).values(
            id=chart_id, agency=viewer.agency, owner=viewer.user, name=name, notes=notes,
            centres=json.dumps(kept), depth=depth, types=types, raw=raw, created_at=now,
            updated_at=now))
    disclose(store, viewer, "chart.save", kept, chart=chart_id)
    return get(store, viewer, chart_id, audit=False)


def _own(store: SQLStore, viewer: Viewer, chart_id: str) -> Any:
    with store.reading() as conn:
        row = conn.execute(select(charts).where(
            charts.c.id == chart_id[:32], charts.c.agency == viewer.agency,
            charts.c.owner == viewer.user)).first()
    if row is None:  # another's chart and no chart read alike
        raise NotFound()
    return row


def get(store: SQLStore, viewer: Viewer, chart_id: str, audit: bool = True
        ) -> dict[str, Any]:
    """One of the viewer's charts with the centres they see in full now (audited)."""
    row = _own(store, viewer, chart_id)
    centres = _visible(store, viewer, json.loads(row.centres))
    if audit:
        disclose(store, viewer, "chart.saved", centres, chart=row.id)
    return {**_row(row), "centres": centres}


def list_charts(store: SQLStore, viewer: Viewer) -> list[dict[str, Any]]:
    """The viewer's own charts, newest first, without their centres (opening one shows those
    the viewer may still see)."""
    with store.reading() as conn:
        rows = conn.execute(select(charts).where(
            charts.c.agency == viewer.agency, charts.c.owner == viewer.user,
        ).order_by(charts.c.updated_at.desc(), charts.c.id)).all()
    return [_row(r) for r in rows]


def delete_chart(store: SQLStore, viewer: Viewer, chart_id: str) -> None:
    _own(store, viewer, chart_id)
    with store.engine.begin() as conn:
        conn.execute(delete(charts).where(
            charts.c.id == chart_id[:32], charts.c.agency == viewer.agency,
            charts.c.owner == viewer.user))


def draw(store: SQLStore, viewer: Viewer, chart_id: str, limit: int = 2000,
         wait: float | None = graph.WAIT_SECONDS) -> dict[str, Any] | None:
    """The saved chart drawn from the viewer's graph now (None while it is being built): only
    what they may see at this moment, audited by `analysis.chart`."""
    found = get(store, viewer, chart_id)
    if not found["centres"]:
        return {**found, "elements": {"nodes": [], "edges": [], "kinds": [],
                                      "truncated": False}}
    data = analysis.chart(store, viewer, ",".join(found["centres"]), found["depth"], limit,
                          wait, not found["raw"], found["types"])
    if data is None:
        return None
    return {**found, "elements": data}
