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

import gc
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from itertools import combinations, islice
from typing import TYPE_CHECKING

import numpy as np
from followthemoney.types import registry

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


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while the builder fills its tables: they only grow,
    hold no cycles to collect, and each collection walks all of them again (with it on, a
    third of the build time at 50,000 records went to the collector)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _norm_address(text: str) -> str:
    return _NON_WORD.sub(" ", text.casefold()).strip()


def _first(values: list[str]) -> str:
    return values[0] if values else ""


def _amount(values: list[str]) -> float | None:
    for value in values:
        try:
            return float(value)
        except ValueError:
            continue
    return None


class GraphBuilder:
    """Collects a viewer's records, then `build()`s the network in one pass over them."""

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
        self.used = 0
        # nodes, by resolved id
        self._nodes: dict[str, int] = {}
        self._labels: list[str] = []
        self._schemata: list[str] = []
        self._countries: list[set[str]] = []
        self._records: list[list[str]] = []
        self._topics: list[set[str]] = []
        # relations: resolved relation id -> [a, b, kind, weight, evidence ids]
        self._links: dict[str, list] = {}
        # (type, value) -> node -> records that carry the value
        self._shared: dict[tuple[str, str], dict[str, set[str]]] = defaultdict(dict)
        self._addresses: dict[str, tuple[str, str]] = {}  # address id -> (normalised, country)
        self._events: dict[str, list] = {}  # event id -> [records, parties, route info]
        self._calls: dict[str, list] = {}
        self._payments: dict[str, list] = {}
        self._owned: list[tuple[str, str]] = []  # (owner, asset) from relations

    def key(self, record_id: str) -> str:
        return self.clusters.get(record_id, record_id)

    # -- reading ----------------------------------------------------------------------------

    def add_all(self, records: Iterable[Record], progress: Callable[[int], None] | None = None,
                context: PolicyContext | None = None) -> GraphBuilder:
        with _no_gc():
            for record in records:
                self.add(record, context)
                if progress is not None and self.seen % 10_000 == 0:
                    progress(self.seen)
        return self

    def add(self, record: Record, context: PolicyContext | None = None) -> bool:
        """Take one record into the graph if, and only if, the viewer sees it in full
        (`context`: the grants and groups that may apply to it; none means no grant)."""
        self.seen += 1
        if visibility(record, self.viewer, context) is not Visibility.FULL:
            return False
        entity = record.entity
        schema = entity.schema
        if schema.name in LINK_KINDS:
            self._add_link(record)
        elif any(schema.is_a(name) for name in NODE_SCHEMATA):
            self._add_node(record)
        elif schema.is_a("Event"):
            self._add_event(record)
        elif schema.is_a("Address"):
            full = _first(entity.get("full")) or entity.caption or ""
            self._addresses[self.key(record.id)] = (
                _norm_address(full), _first(entity.get("country"))
            )
        elif schema.is_a("Identification"):  # Passport extends Identification
            for holder in entity.get("holder"):
                for number in entity.get("number"):
                    self._share("id", number, self.key(holder), record.id)
        else:
            return False
        self.used += 1
        return True

    def _add_node(self, record: Record) -> None:
        entity = record.entity
        key = self.key(record.id)
        i = self._nodes.get(key)
        if i is None:
            i = self._nodes[key] = len(self._labels)
            self._labels.append(entity.caption or "")
            self._schemata.append(entity.schema.name)
            self._countries.append(set())
            self._records.append([])
            self._topics.append(set())
        elif entity.schema.name != self._schemata[i] and entity.schema.is_a(self._schemata[i]):
            # keep the most specific schema a cluster's records agree on (Company over
            # LegalEntity)
            self._schemata[i] = entity.schema.name
        self._records[i].append(record.id)
        self._countries[i].update(entity.get_type_values(registry.country))
        self._topics[i].update(entity.get("topics", quiet=True))
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
            self._owned.append((self.key(owner), key))

    def _share(self, kind: str, value: str, node: str, record_id: str) -> None:
        value = value.strip()
        if value:
            self._shared[(kind, value)].setdefault(node, set()).add(record_id)

    def _link(self, link_id: str, a: str, b: str, kind: str, record_id: str) -> None:
        key = self.key(link_id)
        found = self._links.get(key)
        if found is None:
            self._links[key] = [self.key(a), self.key(b), kind, self.weights.get(kind, 1.0),
                                [record_id]]
        elif record_id not in found[4]:
            found[4].append(record_id)  # the same relation held by another agency

    def _add_link(self, record: Record) -> None:
        entity = record.entity
        schema = entity.schema
        kind = LINK_KINDS[schema.name]
        if kind == "payment":
            self._add_payment(record)
            return
        if kind == "call":
            key = self.key(record.id)
            found = self._calls.get(key)
            if found is not None:
                found[0].append(record.id)
                return
            self._calls[key] = [
                [record.id],
                [self.key(x) for x in entity.get("caller")],
                entity.get("callerNumber"),
                [self.key(x) for x in entity.get("receiver")],
                entity.get("receiverNumber"),
            ]
            return
        sources = entity.get(schema.edge_source)
        targets = entity.get(schema.edge_target)
        for a in sources:
            for b in targets:
                self._link(f"{record.id}#{a}#{b}" if len(sources) * len(targets) > 1
                           else record.id, a, b, kind, record.id)
                if kind == "ownership":
                    self._owned.append((self.key(a), self.key(b)))

    def _add_payment(self, record: Record) -> None:
        entity = record.entity
        key = self.key(record.id)
        found = self._payments.get(key)
        if found is not None:
            found[0].append(record.id)
            return
        self._payments[key] = [
            [record.id],
            [self.key(x) for x in entity.get("payer")],
            [self.key(x) for x in entity.get("payerAccount")],
            [self.key(x) for x in entity.get("beneficiary")],
            [self.key(x) for x in entity.get("beneficiaryAccount")],
            _amount(entity.get("amount")),
            _first(entity.get("currency")).upper(),
            _first(entity.get("date")),
        ]

    def _add_event(self, record: Record) -> None:
        entity = record.entity
        key = self.key(record.id)
        found = self._events.get(key)
        if found is not None:
            found[0].append(record.id)
            return
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
        self._events[key] = [[record.id], list(dict.fromkeys(parties)), route]

    # -- building ---------------------------------------------------------------------------

    def build(self) -> Network:
        with _no_gc():
            return self._build()

    def _build(self) -> Network:
        nodes = self._nodes
        src: list[int] = []
        dst: list[int] = []
        weight: list[float] = []
        kinds: list[str] = list(DEFAULT_WEIGHTS)
        kind_code = {k: i for i, k in enumerate(kinds)}
        kind: list[int] = []
        evidence: list[str] = []

        def edge(a: str, b: str, k: str, w: float, ev: Iterable[str]) -> None:
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

        for a, b, k, w, ev in self._links.values():
            edge(a, b, k, w, ev)
        self._shared_edges(edge)
        self._call_edges(edge)
        payments, holdings = self._payment_edges(edge)
        routes = self._event_edges(edge)
        routes.extend(self._payment_routes(payments))
        for owner, asset in self._owned:
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
            payments=payments, routes=routes, holdings=holdings, damped=True,
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
            present = [h for h in holders if h in self._nodes]
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
        for recs, callers, caller_nos, receivers, receiver_nos in self._calls.values():
            for a in party(callers, caller_nos):
                for b in party(receivers, receiver_nos):
                    edge(a, b, "call", w, recs)

    def _payment_edges(self, edge: Callable) -> tuple[list[PaymentFact], dict[int, set[int]]]:
        nodes = self._nodes
        facts: list[PaymentFact] = []
        holdings: dict[int, set[int]] = {}
        w = self.weights["payment"]
        for key, (recs, payers, payer_accts, payees, payee_accts, amount, currency,
                  day) in self._payments.items():
            payer = next((x for x in payers if x in nodes), None)
            payee = next((x for x in payees if x in nodes), None)
            payer_acct = next((x for x in payer_accts if x in nodes), None)
            payee_acct = next((x for x in payee_accts if x in nodes), None)
            a = payer or payer_acct
            b = payee or payee_acct
            if a is not None and b is not None:
                edge(a, b, "payment", w, recs)
            for party, acct in ((payer, payer_acct), (payee, payee_acct)):
                if party is not None and acct is not None:
                    edge(party, acct, "holds", self.weights["holds"], recs)
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
        for recs, parties, info in self._events.values():
            present = [p for p in parties if p in self._nodes]
            if 2 <= len(present) <= MAX_EVENT_PARTIES:
                for a, b in combinations(present, 2):
                    edge(a, b, "co_involved", w, recs)
            date = str(info.get("date") or "")
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
) -> Network:
    """The viewer's network from any stream of records (each is checked by the gate, with
    `context` as the grants and groups that apply; none: only what needs no grant)."""
    return GraphBuilder(viewer, clusters, weights).add_all(records, context=context).build()


def network_from_store(
    store: SQLStore,
    viewer: Viewer,
    clusters: Mapping[str, str] | None = None,
    progress: Callable[[int], None] | None = None,
    batch: int = 2000,
) -> Network:
    """The viewer's network from a store's current records, streamed in batches; each batch
    is judged with the grants and groups the store holds for it (`load_context`), so a record
    another agency shared with the viewer enters the graph and nothing else of theirs does."""
    from interlink.policy.sharing import load_context

    builder = GraphBuilder(viewer, clusters)
    records = store.iter_records()
    with _no_gc():
        while chunk := list(islice(records, batch)):
            others = [r for r in chunk if r.owner != viewer.agency]
            context = None
            if others:  # an agency's own records need no grant: skip the query for them
                with store.engine.connect() as conn:
                    context = load_context(conn, [r.id for r in others],
                                           {r.owner for r in others})
            for record in chunk:
                builder.add(record, context)
            if progress is not None:
                progress(builder.seen)
    return builder.build()
