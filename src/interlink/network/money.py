"""Follow the money: payments forward and backward over n hops, and flows aggregated between
entities and between countries.

Payments run between accounts where the records name them, else between the parties; an
account is credited to its holder (from Ownership records, or the payer or beneficiary a
payment names next to it) when flows are summed per entity. Amounts are summed per currency:
there is no offline exchange rate to convert them honestly.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from interlink.core.messages import invalid
from interlink.network.graph import Network, PaymentFact

DIRECTIONS = ("forward", "backward", "both")


@dataclass
class MoneyStep:
    hop: int
    direction: str  # "forward" (money leaving) or "backward" (money arriving)
    payment: PaymentFact


@dataclass
class Flow:
    source: int
    target: int
    currency: str
    amount: float = 0.0
    count: int = 0
    first: str = ""
    last: str = ""
    records: list[str] = field(default_factory=list)

    def add(self, p: PaymentFact) -> None:
        self.amount += p.amount or 0.0
        self.count += 1
        if p.date:
            self.first = min(self.first or p.date, p.date)
            self.last = max(self.last, p.date)
        self.records.extend(p.records)


def seeds(net: Network, node: int) -> set[int]:
    """An entity and the accounts it holds: where its money starts and ends."""
    return {node, *net.holdings.get(node, ())}


def follow(net: Network, start: int, hops: int = 2, direction: str = "both") -> list[MoneyStep]:
    """Payments reachable from `start` within `hops`: forward (where its money went) and/or
    backward (where its money came from), each step with amount, date and records."""
    if hops < 1:
        raise invalid("network.hops_min", "hops")
    if direction not in DIRECTIONS:
        raise invalid("network.direction", "direction", allowed=", ".join(DIRECTIONS))
    out_by: dict[int, list[PaymentFact]] = defaultdict(list)
    in_by: dict[int, list[PaymentFact]] = defaultdict(list)
    for p in net.payments:
        out_by[p.source].append(p)
        in_by[p.target].append(p)
    steps: list[MoneyStep] = []
    for way in ("forward", "backward"):
        if direction not in (way, "both"):
            continue
        by = out_by if way == "forward" else in_by
        frontier = seeds(net, start)
        visited = set(frontier)
        used: set[str] = set()
        for hop in range(1, hops + 1):
            nxt: set[int] = set()
            for node in sorted(frontier):
                for p in sorted(by.get(node, ()), key=lambda p: (p.date, p.id)):
                    if p.id in used:
                        continue
                    used.add(p.id)
                    steps.append(MoneyStep(hop, way, p))
                    other = p.target if way == "forward" else p.source
                    if other not in visited:
                        visited.add(other)
                        nxt.add(other)
            frontier = nxt
            if not frontier:
                break
    return steps


def holder_of(net: Network) -> dict[int, int]:
    """Account -> its holder, where exactly one holder is known."""
    holders: dict[int, set[int]] = defaultdict(set)
    for holder, accounts in net.holdings.items():
        for account in accounts:
            holders[account].add(holder)
    return {acct: next(iter(h)) for acct, h in holders.items() if len(h) == 1}


def entity_flows(net: Network, payments: list[PaymentFact] | None = None) -> list[Flow]:
    """Payments summed per (payer entity, beneficiary entity, currency), largest first."""
    holder = holder_of(net)
    flows: dict[tuple[int, int, str], Flow] = {}
    for p in net.payments if payments is None else payments:
        s = holder.get(p.source, p.source)
        t = holder.get(p.target, p.target)
        key = (s, t, p.currency)
        flow = flows.get(key)
        if flow is None:
            flow = flows[key] = Flow(s, t, p.currency)
        flow.add(p)
    return sorted(flows.values(), key=lambda f: (-f.amount, f.source, f.target))


@dataclass
class CountryFlow:
    source: str
    target: str
    currency: str
    amount: float = 0.0
    count: int = 0
    records: list[str] = field(default_factory=list)


def country_flows(net: Network) -> list[CountryFlow]:
    """Payments summed per (country of the payer's account, country of the beneficiary's,
    currency); a side whose country is unknown or ambiguous is "??"."""
    flows: dict[tuple[str, str, str], CountryFlow] = {}
    for p in net.payments:
        a = net.node_countries(p.source)
        b = net.node_countries(p.target)
        key = (a[0] if len(a) == 1 else "??", b[0] if len(b) == 1 else "??", p.currency)
        flow = flows.get(key)
        if flow is None:
            flow = flows[key] = CountryFlow(*key)
        flow.amount += p.amount or 0.0
        flow.count += 1
        flow.records.extend(p.records)
    return sorted(flows.values(), key=lambda f: (-f.amount, f.source, f.target))
