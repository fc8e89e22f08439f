"""The resolved entity as a viewer sees it: one person, company or account, whichever of its
records was opened.

Its members are found by walking accepted matches and "same" judgements through records the
viewer sees in full only, so a hidden record never joins two that the viewer sees (a chain
A - RED - B must not tell B's viewer that A and B are one). Its links and timeline are the
union of every member's in the viewer's analysis graph, so the page is the same whichever
member is opened. A record seen only as a hit shows no members and no links.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from interlink.access import graph
from interlink.access.audit import disclose
from interlink.access.records import NOT_FOUND, Shown, judged, only_full
from interlink.core.errors import NotFound
from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.resolve.entity import entity_members
from interlink.store import SQLStore

EVENT_SCHEMATA = ("Event", "Payment", "Call", "Trip")
MAX_LINKS = 200
MAX_EVIDENCE = 500


@dataclass
class Entity:
    """What a viewer may see of a resolved entity. `links`/`timeline` are None while the
    viewer's graph is being built."""

    shown: Shown
    members: list[Record] = field(default_factory=list)
    links: list[dict[str, Any]] | None = None
    timeline: list[dict[str, Any]] | None = None

    @property
    def record(self) -> Record:
        return self.shown.record


def members_seen(store: SQLStore, viewer: Viewer, record: Record) -> list[Record]:
    """The members of a record's entity that the viewer sees in full (the record first)."""

    def keep(ids: list[str]) -> set[str]:
        return {r.id for r in only_full(store, store.get_many(ids), viewer)}

    ids = entity_members(store, [record.id], keep=keep)[record.id]
    return [record] + only_full(store, store.get_many(sorted(ids - {record.id})), viewer)


def _timeline(records: list[Record]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for r in records:
        e = r.entity
        if not any(e.schema.is_a(s) for s in EVENT_SCHEMATA):
            continue
        when = (e.get("date", quiet=True) or e.get("startDate", quiet=True)
                or e.get("endDate", quiet=True) or [""])[0]
        rows.append({"record": r, "date": when, "schema": r.schema, "caption": e.caption,
                     "amount": (e.get("amount", quiet=True) or [""])[0],
                     "currency": (e.get("currency", quiet=True) or [""])[0]})
    rows.sort(key=lambda x: (x["date"] or "9999", x["record"].id))
    return rows


def _links(store: SQLStore, viewer: Viewer, members: list[Record], wait: float | None
           ) -> tuple[list[dict[str, Any]] | None, list[Record] | None]:
    cached = graph.graph_for(store, viewer, wait=wait)
    if cached is None:
        return None, None
    net = cached.net
    nodes = {n for m in members if (n := graph.node_of(net, m.id, cached)) is not None}
    by_other: dict[int, dict[str, Any]] = {}
    for node in sorted(nodes):
        for other in net.neighbours(node):
            other = int(other)
            if other in nodes:
                continue
            kinds, evidence = net.edge_summary(node, other)
            link = by_other.setdefault(other, {
                "id": net.ids[other], "label": net.label(other), "schema": net.schema(other),
                "kinds": [], "evidence": []})
            link["kinds"] = sorted(set(link["kinds"]) | set(kinds))
            link["evidence"] = sorted(set(link["evidence"]) | set(evidence))
    links = sorted(by_other.values(), key=lambda x: (-len(x["evidence"]), x["label"], x["id"]))
    links = links[:MAX_LINKS]
    evidence_ids = sorted({e for link in links for e in link["evidence"]})[:MAX_EVIDENCE]
    return links, only_full(store, store.get_many(evidence_ids), viewer)


def entity(store: SQLStore, viewer: Viewer, record_id: str, *, links: bool = True,
           wait: float | None = -1.0) -> Entity:
    """The entity of a record, audited with every record id it shows. Raises `NotFound` for a
    record the viewer may not know of, exactly as for an absent one. `wait`: seconds to wait
    for the viewer's graph (None: until built; by default `graph.WAIT_SECONDS`)."""
    if wait is not None and wait < 0:
        wait = graph.WAIT_SECONDS
    shown = judged(store, viewer, record_id)
    if shown is None:
        disclose(store, viewer, "entity", [record_id], result="none")
        raise NotFound(NOT_FOUND, "id")
    if not shown.full:
        disclose(store, viewer, "entity", [record_id], result="hit")
        return Entity(shown)
    members = members_seen(store, viewer, shown.record)
    found = Entity(shown, members)
    evidence: list[Record] = []
    if links:
        found.links, ev = _links(store, viewer, members, wait)
        if ev is not None:
            evidence = ev
            found.timeline = _timeline(ev)
    shown_ids = [m.id for m in members] + [r.id for r in evidence]
    shown_ids += [link["id"] for link in found.links or ()]
    disclose(store, viewer, "entity", shown_ids, of=record_id, result="full")
    return found
