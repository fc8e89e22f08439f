"""Build a viewer's network from records, through the policy gate.

Every record goes through `interlink.policy.visibility`, with the policy context (grants,
sharing groups, served agencies) the store holds for it; only what the viewer sees in FULL
enters the graph (a HIT says that a record exists, not what it says, so it cannot be an edge).
A visible record that points to an entity the viewer cannot see gives no edge: the graph never
holds a node the viewer was not shown.

Resolved entities: `clusters` maps a record id to its resolved entity id (resolution's
clusters, or any other mapping). Records of one cluster become one node that lists all of them,
and two agencies' records of the same relation or payment become one edge citing both, so a
payment seen by TRACFIN and FIOD is counted once.

Edges: FtM relations (Family, Associate, Membership, Ownership, Directorship, Employment,
UnknownLink, Call, Payment), owners of vessels and vehicles, shared phone numbers, addresses and
identity documents, and co-involvement in a seizure, arrest, trip or other event.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from itertools import combinations, islice
from typing import TYPE_CHECKING, Any

import numpy as np
from followthemoney import model
from followthemoney.types import registry

from interlink.core.collector import collector_paused
from interlink.core.record import Record
from interlink.core.viewer import Viewer
from interlink.network.graph import EVIDENCE_SEP, Network, PaymentFact, RouteFact
from interlink.network.kinds import (
    DEFAULT_WEIGHTS,
    LINK_KINDS,
    MAX_EVENT_PARTIES,
    MAX_SHARED,
    NODE_SCHEMATA,
)
from interlink.policy import PolicyContext, Visibility, visibility

if TYPE_CHECKING:
    from interlink.store import SQLStore

_NON_WORD = re.compile(r"\W+", re.UNICODE)


def _norm_address(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _first(values: list[str]) -> str:
    return values[0] if values else ""


def _day(entity: Any) -> str:
    """The date a tie's record carries: its date, else its start ("" when none)."""
    return _first(entity.get("date", quiet=True)) or _first(entity.get("startDate", quiet=True))


def _amount(values: list[str]) -> float | None:
    for value in values:
        try:
            return float(value)
        except ValueError:
            continue
    return None


class GraphBuilder:
    """Collects a viewer's records, then `build()`s the network in one pass over them.

    Every table holds, per entry, what each record brought to it (by record id), and
    `_touched` what each record touched: so `remove(record_id)` takes one record's part back
    and `renew(records)` brings changed records up to date, and `build()` again gives the
    graph a full rebuild from the same records would (the viewer's graph after a change,
    without re-reading a million records). Where records of one entry disagree (two captions
    of one resolved person, two payers of one payment), the smallest record id decides: the
    store streams records in id order, so that is the first record read, whichever way the
    builder was filled."""

    def __init__(
        self,
        viewer: Viewer,
        clusters: Mapping[str, str] | None = None,
        weights: Mapping[str, float] | None = None,
    ) -> None:
        self.viewer = viewer
        self.clusters = clusters or {}
        self.weights = {**DEFAULT_WEIGHTS, **(weights or {})}
        self.seen = 0
        # nodes, by resolved id: record -> (caption, schema, countries, topics)
        self._parts: dict[str, dict[str, tuple[str, str, frozenset[str], frozenset[str]]]] = {}
        # derived by `_derive_nodes` when building
        self._nodes: dict[str, int] = {}
        self._labels: list[str] = []
        self._schemata: list[str] = []
        self._countries: list[set[str]] = []
        self._records: list[list[str]] = []
        self._topics: list[set[str]] = []
        # relations: resolved relation id -> record -> (a, b, kind)
        self._links: dict[str, dict[str, tuple[str, str, str, str]]] = {}
        # (type, value) -> node -> records that carry the value
        self._shared: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(dict)
        # address id -> record -> (normalised, country)
        self._address_parts: dict[str, dict[str, tuple[str, str]]] = {}
        self._addresses: dict[str, tuple[str, str]] = {}  # derived when building
        self._events: dict[str, dict[str, tuple[list[str], dict[str, object]]]] = {}
        self._calls: dict[str, dict[str, tuple]] = {}
        self._payments: dict[str, dict[str, tuple]] = {}
        self._owned: dict[str, list[tuple[str, str]]] = {}  # record -> (owner, asset)
        # record -> what it touched: ("shared", (type, value), node) or (table, key)
        self._touched: dict[str, list[tuple]] = {}

    @property
    def used(self) -> int:
        """Records taken into the graph (seen in full and of a kind that makes nodes or ties)."""
        return len(self._touched)

    def key(self, record_id: str) -> str:
        return self.clusters.get(record_id, record_id)

    # -- reading ----------------------------------------------------------------------------

    def add_all(self, records: Iterable[Record], progress: Callable[[int], None] | None = None,
                context: PolicyContext | None = None) -> GraphBuilder:
        with collector_paused():
            for record in records:
                self.add(record, context)
                if progress is not None and self.seen % 10_000 == 0:
                    progress(self.seen)
        return self

    def add(self, record: Record, context: PolicyContext | None = None) -> bool:
        """Take one record into the graph if, and only if, the viewer sees it in full
        (`context`: the grants and groups that may apply to it; none means no grant)."""
        self.seen += 1
        if record.id in self._touched:  # a newer version, or the same judged again
            self.remove(record.id)
        if visibility(record, self.viewer, context) is not Visibility.FULL:
            return False
        entity = record.entity
        schema = entity.schema
        self._touched[record.id] = []
        if schema.name in LINK_KINDS:
            self._add_link(record)
        elif any(schema.is_a(name) for name in NODE_SCHEMATA):
            self._add_node(record)
        elif schema.is_a("Event"):
            self._add_event(record)
        elif schema.is_a("Address"):
            full = _first(entity.get("full")) or entity.caption or ""
            self._put(self._address_parts, "address", self.key(record.id), record.id,
                      (_norm_address(full), _first(entity.get("country"))))
        elif schema.is_a("Identification"):  # Passport extends Identification
            for holder in entity.get("holder"):
                for number in entity.get("number"):
                    self._share("id", number, self.key(holder), record.id)
        else:
            del self._touched[record.id]
            return False
        return True

    def _put(self, table: dict[str, dict[str, Any]], name: str, key: str, record_id: str,
             value: Any) -> None:
        """What `record_id` brings to the entry `key` of a table, noted to be taken back."""
        parts = table.get(key)
        if parts is None:
            parts = table[key] = {}
        if record_id not in parts:
            self._touched[record_id].append((name, key))
        parts[record_id] = value

    def remove(self, record_id: str) -> bool:
        """Take a record's part out of the graph (an erased record, or one the viewer may no
        longer see); True if it had one."""
        touched = self._touched.pop(record_id, None)
        if touched is None:
            return False
        tables: dict[str, dict[str, dict[str, Any]]] = {
            "node": self._parts, "link": self._links, "address": self._address_parts,
            "event": self._events, "call": self._calls, "payment": self._payments}
        for item in touched:
            if item[0] == "shared":
                holders = self._shared.get(item[1])
                if holders is None:
                    continue
                recs = holders.get(item[2])
                if recs is not None:
                    recs.discard(record_id)
                    if not recs:
                        del holders[item[2]]
                if not holders:
                    del self._shared[item[1]]
                continue
            table = tables[item[0]]
            parts = table.get(item[1])
            if parts is not None:
                parts.pop(record_id, None)
                if not parts:
                    del table[item[1]]
        self._owned.pop(record_id, None)
        return True

    def renew(self, records: Iterable[Record], gone: Iterable[str] = (),
              context: PolicyContext | None = None) -> GraphBuilder:
        """Bring changed records up to date: each of `records` replaces its former part (or
        loses it, if the viewer may no longer see it in full); each id of `gone` (erased, or
        no longer the viewer's to read) leaves the graph."""
        with collector_paused():
            for record_id in gone:
                self.remove(record_id)
            for record in records:
                self.add(record, context)
        return self

    def _add_node(self, record: Record) -> None:
        entity = record.entity
        key = self.key(record.id)
        self._put(self._parts, "node", key, record.id, (
            entity.caption or "", entity.schema.name,
            frozenset(entity.get_type_values(registry.country)),
            frozenset(entity.get("topics", quiet=True))))
        for phone in entity.get_type_values(registry.phone):
            self._share("phone", phone, key, record.id)
        for prop in ("idNumber", "passportNumber"):
            for number in entity.get(prop, quiet=True):
                self._share("id", number, key, record.id)
        for text in entity.get("address", quiet=True):
            self._share("address", _norm_address(text), key, record.id)
        for ref in entity.get("addressEntity", quiet=True):
            self._share("address_ref", self.key(ref), key, record.id)
        for owner in entity.get("owner", quiet=True):  # vessels, vehicles, aircraft
            self._link(f"{record.id}#owner", owner, record.id, "ownership", record.id)
            self._owned.setdefault(record.id, []).append((self.key(owner), key))

    def _share(self, kind: str, value: str, node: str, record_id: str) -> None:
        value = value.strip()
        if value:
            self._shared[(kind, value)].setdefault(node, set()).add(record_id)
            self._touched[record_id].append(("shared", (kind, value), node))

    def _link(self, link_id: str, a: str, b: str, kind: str, record_id: str,
              day: str = "") -> None:
        # the same relation held by another agency (one resolved relation) is one entry
        self._put(self._links, "link", self.key(link_id), record_id,
                  (self.key(a), self.key(b), kind, day))

    def _add_link(self, record: Record) -> None:
        entity = record.entity
        schema = entity.schema
        kind = LINK_KINDS[schema.name]
        if kind == "payment":
            self._add_payment(record)
            return
        if kind == "call":
            self._put(self._calls, "call", self.key(record.id), record.id, (
                [self.key(x) for x in entity.get("caller")],
                entity.get("callerNumber"),
                [self.key(x) for x in entity.get("receiver")],
                entity.get("receiverNumber"),
                _day(entity),
            ))
            return
        sources = entity.get(schema.edge_source)
        targets = entity.get(schema.edge_target)
        day = _day(entity)
        for a in sources:
            for b in targets:
                self._link(f"{record.id}#{a}#{b}" if len(sources) * len(targets) > 1
                           else record.id, a, b, kind, record.id, day)
                if kind == "ownership":
                    self._owned.setdefault(record.id, []).append((self.key(a), self.key(b)))

    def _add_payment(self, record: Record) -> None:
        entity = record.entity
        self._put(self._payments, "payment", self.key(record.id), record.id, (
            [self.key(x) for x in entity.get("payer")],
            [self.key(x) for x in entity.get("payerAccount")],
            [self.key(x) for x in entity.get("beneficiary")],
            [self.key(x) for x in entity.get("beneficiaryAccount")],
            _amount(entity.get("amount")),
            _first(entity.get("currency")).upper(),
            _first(entity.get("date")),
        ))

    def _add_event(self, record: Record) -> None:
        entity = record.entity
        key = self.key(record.id)
        parties: list[str] = []
        for prop in ("person", "involved", "organizer", "conveyance", "vehicle"):
            parties.extend(self.key(x) for x in entity.get(prop, quiet=True))
        route: dict[str, object] = {"schema": entity.schema.name}
        if entity.schema.is_a("Seizure"):
            route.update(
                commodity=_first(entity.get("commodity")),
                origin=_first(entity.get("originCountry")),
                seized=_first(entity.get("country")),
                destination=_first(entity.get("destinationCountry")),
                quantity=_amount(entity.get("quantity")),
                unit=_first(entity.get("unit")),
            )
        elif entity.schema.is_a("Trip"):
            route.update(
                start=[self.key(x) for x in entity.get("startLocation")],
                end=[self.key(x) for x in entity.get("endLocation")],
            )
        route["date"] = _first(entity.get("date", quiet=True)) or _first(
            entity.get("startDate", quiet=True)
        )
        self._put(self._events, "event", key, record.id, (list(dict.fromkeys(parties)), route))

    # -- building ---------------------------------------------------------------------------

    def build(self) -> Network:
        with collector_paused():
            return self._build()

    def _derive_nodes(self) -> None:
        """Nodes and addresses from what each record brought: a node's records in id order,
        its label and schema from them as the records were read in that order (the most
        specific schema its records agree on: Company over LegalEntity), its countries and
        topics from all of them."""
        self._nodes = {}
        self._labels, self._schemata, self._records = [], [], []
        self._countries, self._topics = [], []
        for key, parts in self._parts.items():
            recs = sorted(parts)
            first = parts[recs[0]]
            schema = first[1]
            countries: set[str] = set()
            topics: set[str] = set()
            for rid in recs:
                _caption, name, found_countries, found_topics = parts[rid]
                if name != schema and model.get(name).is_a(schema):  # type: ignore[union-attr]
                    schema = name
                countries.update(found_countries)
                topics.update(found_topics)
            self._nodes[key] = len(self._labels)
            self._labels.append(first[0])
            self._schemata.append(schema)
            self._records.append(recs)
            self._countries.append(countries)
            self._topics.append(topics)
        # two address records of one resolved address: the last read, as before
        self._addresses = {key: parts[max(parts)] for key, parts in self._address_parts.items()}

    def _build(self) -> Network:
        self._derive_nodes()
        nodes = self._nodes
        src: list[int] = []
        dst: list[int] = []
        weight: list[float] = []
        kinds: list[str] = list(DEFAULT_WEIGHTS)
        kind_code = {k: i for i, k in enumerate(kinds)}
        kind: list[int] = []
        evidence: list[str] = []
        dates: list[str] = []  # per row, its evidence's date ("" none): periods from them

        def edge(a: str, b: str, k: str, w: float, ev: Iterable[str], day: str = "") -> None:
            ia, ib = nodes.get(a), nodes.get(b)
            if ia is None or ib is None or ia == ib:
                return  # an entity the viewer cannot see, or a tie of a node to itself
            if k not in kind_code:
                kind_code[k] = len(kinds)
                kinds.append(k)
            src.append(ia)
            dst.append(ib)
            weight.append(w)
            kind.append(kind_code[k])
            evidence.append(EVIDENCE_SEP.join(dict.fromkeys(ev)))
            dates.append(day)

        for parts in self._links.values():
            recs = sorted(parts)
            a, b, k, day = parts[recs[0]]
            edge(a, b, k, self.weights.get(k, 1.0), recs, day)
        self._shared_edges(edge)
        self._call_edges(edge)
        payments, holdings = self._payment_edges(edge)
        routes = self._event_edges(edge)
        routes.extend(self._payment_routes(payments))
        for owner, asset in (pair for rid in sorted(self._owned) for pair in self._owned[rid]):
            io, ia = nodes.get(owner), nodes.get(asset)
            if io is not None and ia is not None and self._schemata[ia] == "BankAccount":
                holdings.setdefault(io, set()).add(ia)
        join = EVIDENCE_SEP.join
        return Network(
            ids=list(nodes), src=np.array(src, dtype=np.int64),
            dst=np.array(dst, dtype=np.int64), weight=np.array(weight, dtype=np.float64),
            kind=np.array(kind, dtype=np.int16), kinds=kinds, evidence=evidence,
            labels=list(self._labels), schemata=list(self._schemata),
            countries=[join(sorted(c)) for c in self._countries],
            records=[tuple(r) for r in self._records],
            topics=[join(sorted(t)) for t in self._topics],
            payments=payments, routes=routes, holdings=holdings, damped=True, dates=dates,
        )

    def _shared_edges(self, edge: Callable) -> None:
        # a person pointing at an Address entity and another writing the same address out
        # share it: resolve address references to their normalised text where visible
        merged: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(dict)
        for (kind, value), holders in self._shared.items():
            if kind == "address_ref":
                text = self._addresses.get(value, (value, ""))[0]
                target = merged[("address", text)]
            else:
                target = merged[(kind, value)]
            for node, recs in holders.items():
                target.setdefault(node, set()).update(recs)
        names = {"phone": "shared_phone", "address": "shared_address", "id": "shared_id"}
        for (kind, _value), holders in merged.items():
            # in node-id order, not the order the holders were read in: a graph brought up
            # to date (a renewed record is read again last) ties them the same way round
            present = sorted(h for h in holders if h in self._nodes)
            if not 2 <= len(present) <= MAX_SHARED:
                continue
            k = names[kind]
            for a, b in combinations(present, 2):
                edge(a, b, k, self.weights[k], sorted(holders[a] | holders[b]))

    def _call_edges(self, edge: Callable) -> None:
        # a number with exactly one visible holder stands for that holder
        by_phone: dict[str, list[str]] = {}
        for (kind, value), holders in self._shared.items():
            if kind == "phone":
                by_phone[value] = [h for h in holders if h in self._nodes]

        def party(keys: list[str], numbers: list[str]) -> list[str]:
            if keys:
                return keys
            for number in numbers:
                holders = by_phone.get(number, [])
                if len(holders) == 1:
                    return holders
            return []

        w = self.weights["call"]
        for recs, (callers, caller_nos, receivers, receiver_nos, day) in _firsts(self._calls):
            for a in party(callers, caller_nos):
                for b in party(receivers, receiver_nos):
                    edge(a, b, "call", w, recs, day)

    def _payment_edges(self, edge: Callable) -> tuple[list[PaymentFact], dict[int, set[int]]]:
        nodes = self._nodes
        facts: list[PaymentFact] = []
        holdings: dict[int, set[int]] = {}
        w = self.weights["payment"]
        for key, (recs, (payers, payer_accts, payees, payee_accts, amount, currency,
                         day)) in zip(self._payments, _firsts(self._payments), strict=True):
            payer = next((x for x in payers if x in nodes), None)
            payee = next((x for x in payees if x in nodes), None)
            payer_acct = next((x for x in payer_accts if x in nodes), None)
            payee_acct = next((x for x in payee_accts if x in nodes), None)
            a = payer or payer_acct
            b = payee or payee_acct
            if a is not None and b is not None:
                edge(a, b, "payment", w, recs, day)
            for party, acct in ((payer, payer_acct), (payee, payee_acct)):
                if party is not None and acct is not None:
                    edge(party, acct, "holds", self.weights["holds"], recs, day)
                    holdings.setdefault(nodes[party], set()).add(nodes[acct])
            s = payer_acct or payer
            t = payee_acct or payee
            if s is not None and t is not None:
                facts.append(PaymentFact(key, tuple(recs), nodes[s], nodes[t], amount,
                                         currency, day))
        return facts, holdings

    def _event_edges(self, edge: Callable) -> list[RouteFact]:
        routes: list[RouteFact] = []
        w = self.weights["co_involved"]
        for recs, (parties, info) in _firsts(self._events):
            present = [p for p in parties if p in self._nodes]
            date = str(info.get("date") or "")
            if 2 <= len(present) <= MAX_EVENT_PARTIES:
                for a, b in combinations(present, 2):
                    edge(a, b, "co_involved", w, recs, date)
            if info["schema"] == "Seizure" or "commodity" in info:
                commodity = str(info.get("commodity") or "")
                for p in present:
                    if commodity:
                        self._topics[self._nodes[p]].add(f"commodity:{commodity}")
                path = _dedupe([str(info.get(k) or "") for k in ("origin", "seized",
                                                                  "destination")])
                if len(path) >= 2:
                    quantity = info.get("quantity")
                    routes.append(RouteFact(
                        "seizure", commodity, tuple(path),
                        quantity if isinstance(quantity, float) else None,
                        str(info.get("unit") or ""), date, tuple(recs),
                    ))
            elif "start" in info:
                start = self._place_country(info["start"])  # type: ignore[arg-type]
                end = self._place_country(info["end"])  # type: ignore[arg-type]
                if start and end and start != end:
                    routes.append(RouteFact("trip", "people", (start, end), float(len(present)),
                                            "people", date, tuple(recs)))
        return routes

    def _place_country(self, keys: list[str]) -> str:
        for key in keys:
            found = self._addresses.get(key)
            if found and found[1]:
                return found[1]
        return ""

    def _payment_routes(self, payments: list[PaymentFact]) -> list[RouteFact]:
        routes: list[RouteFact] = []
        countries = self._countries
        for p in payments:
            a = sorted(countries[p.source])
            b = sorted(countries[p.target])
            if len(a) == 1 and len(b) == 1 and a != b:
                routes.append(RouteFact("payment", p.currency or "money", (a[0], b[0]),
                                        p.amount, p.currency, p.date, p.records))
        return routes


def _firsts(table: dict[str, dict[str, Any]]) -> Iterator[tuple[list[str], Any]]:
    """Per entry of a table: its records in id order and what the first of them brought."""
    for parts in table.values():
        recs = sorted(parts)
        yield recs, parts[recs[0]]


def _dedupe(path: list[str]) -> list[str]:
    out: list[str] = []
    for country in path:
        if country and (not out or out[-1] != country):
            out.append(country)
    return out


def build_network(
    records: Iterable[Record],
    viewer: Viewer,
    clusters: Mapping[str, str] | None = None,
    weights: Mapping[str, float] | None = None,
    context: PolicyContext | None = None,
    periods: str | None = None,
) -> Network:
    """The viewer's network from any stream of records (each is checked by the gate, with
    `context` as the grants and groups that apply; none: only what needs no grant). With
    `periods` ("month", "quarter", "half", "year"), each tie is in the period of its record's
    date (`Network.periods_from_dates`), and key actors are ranked per period."""
    net = GraphBuilder(viewer, clusters, weights).add_all(records, context=context).build()
    return net.periods_from_dates(periods) if periods else net


def network_from_store(
    store: SQLStore,
    viewer: Viewer,
    clusters: Mapping[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
    batch: int = 2000,
    periods: str | None = None,
) -> Network:
    """The viewer's network from a store's current records, streamed in batches; each batch
    is judged with the grants and groups the store holds for it (`load_context`), so a record
    another agency shared with the viewer enters the graph and nothing else of theirs does.
    `periods`: as `build_network`'s, from the dates of the store's records."""
    net = builder_from_store(store, viewer, clusters, progress, batch).build()
    return net.periods_from_dates(periods) if periods else net


def builder_from_store(
    store: SQLStore,
    viewer: Viewer,
    clusters: Mapping[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
    batch: int = 2000,
) -> GraphBuilder:
    """A builder filled with the viewer's records of the store (see `network_from_store`),
    kept to bring the graph up to date after a change (`renew_from_store`)."""
    builder = GraphBuilder(viewer, clusters)
    records = store.iter_records()
    with collector_paused():
        while chunk := list(islice(records, batch)):
            context = _context(store, viewer, chunk)
            for record in chunk:
                builder.add(record, context)
            if progress is not None:
                progress(builder.seen)
    return builder


def _context(store: SQLStore, viewer: Viewer, chunk: list[Record]) -> PolicyContext | None:
    from interlink.policy.sharing import load_context

    others = [r for r in chunk if r.owner != viewer.agency]
    if not others:  # an agency's own records need no grant: skip the query for them
        return None
    with store.engine.connect() as conn:
        return load_context(conn, [r.id for r in others], {r.owner for r in others})


def renew_from_store(builder: GraphBuilder, store: SQLStore, record_ids: Iterable[str],
                     batch: int = 2000) -> GraphBuilder:
    """Bring the builder up to date for these records: each is read again from the store and
    judged again (with the grants that hold now); an erased or absent one leaves the graph."""
    ids = sorted(set(record_ids))
    with collector_paused():
        for start in range(0, len(ids), batch):
            wanted = ids[start : start + batch]
            chunk = store.get_many(wanted)
            present = {r.id for r in chunk}
            builder.renew(chunk, [i for i in wanted if i not in present],
                          _context(store, builder.viewer, chunk))
    return builder
