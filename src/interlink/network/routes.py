"""Routes: country-to-country flows by commodity, and the transit countries on them.

A seizure gives a route origin -> country of seizure -> destination (the country of seizure is
a transit country when it is neither end); a trip gives the countries of its departure and
arrival; a payment the countries of the paying and receiving accounts. Each route is summed
over its seizures, trips or payments, with the records it rests on.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from interlink.network.graph import Network


@dataclass
class Route:
    kind: str  # seizure, trip, payment
    commodity: str
    countries: tuple[str, ...]
    count: int = 0
    quantity: dict[str, float] = field(default_factory=dict)  # per unit
    first: str = ""
    last: str = ""
    records: list[str] = field(default_factory=list)

    @property
    def path(self) -> str:
        return " > ".join(c.upper() for c in self.countries)

    @property
    def transit(self) -> tuple[str, ...]:
        return self.countries[1:-1]

    def quantity_text(self) -> str:
        return ", ".join(f"{q:,.6g} {u}".strip() for u, q in sorted(self.quantity.items()))


@dataclass
class TransitCountry:
    country: str
    routes: int
    count: int
    commodities: list[str]


def routes(net: Network, kind: str | None = None) -> list[Route]:
    """Routes summed per (kind, commodity, country path), most frequent first."""
    found: dict[tuple[str, str, tuple[str, ...]], Route] = {}
    for fact in net.routes:
        if kind is not None and fact.kind != kind:
            continue
        key = (fact.kind, fact.commodity, fact.countries)
        route = found.get(key)
        if route is None:
            route = found[key] = Route(fact.kind, fact.commodity, fact.countries)
        route.count += 1
        if fact.quantity is not None:
            route.quantity[fact.unit] = route.quantity.get(fact.unit, 0.0) + fact.quantity
        if fact.date:
            route.first = min(route.first or fact.date, fact.date)
            route.last = max(route.last, fact.date)
        route.records.extend(fact.records)
    return sorted(found.values(), key=lambda r: (-r.count, r.kind, r.commodity, r.countries))


def legs(found: list[Route]) -> list[tuple[str, str, str, str, int]]:
    """Country-to-country legs: (kind, commodity, from, to, count), summed over routes."""
    total: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for route in found:
        for a, b in zip(route.countries, route.countries[1:], strict=False):
            total[(route.kind, route.commodity, a, b)] += route.count
    return sorted(((*k, c) for k, c in total.items()), key=lambda x: (-x[4], x[:4]))


def transit_countries(found: list[Route]) -> list[TransitCountry]:
    """Countries that lie between origin and destination, by how often."""
    by: dict[str, list[Route]] = defaultdict(list)
    for route in found:
        for country in route.transit:
            by[country].append(route)
    out = [
        TransitCountry(c, len(rs), sum(r.count for r in rs),
                       sorted({r.commodity for r in rs}))
        for c, rs in by.items()
    ]
    return sorted(out, key=lambda t: (-t.count, t.country))
