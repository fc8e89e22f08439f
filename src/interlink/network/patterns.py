"""Laundering typologies in the payments, each finding citing its payment records.

- round trip: money that leaves an entity and comes back to it through others, each leg soon
  after the previous one and for nearly the same amount (a "loan" of one's own money);
- layering: a chain of two or more such legs through successive accounts (a two-leg chain
  that a pass-through finding already covers is not repeated);
- pass-through: an account that repeatedly forwards nearly all of what it receives within a
  day or two (a mule or relay account);
- structuring: fan-in (many payments just under a reporting threshold into one account, from
  several payers) or fan-out (the same out of one account to several beneficiaries).

The thresholds are the common typology values (FATF/Egmont style), not tuned to a data set;
they are parameters of `Rules`. Amounts are compared across currencies at face value: there is
no exchange rate offline, and a layering leg that changes currency keeps roughly its figure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from interlink.network.graph import Network, PaymentFact


@dataclass(frozen=True)
class Rules:
    chain_days: int = 14  # a leg follows the previous one within this many days
    chain_ratio: float = 0.85  # ... and moves at least this share of its amount (at most 100%)
    min_amount: float = 10_000.0  # chains and pass-through concern large sums
    pass_days: int = 2
    pass_ratio: float = 0.95
    pass_min_pairs: int = 2
    thresholds: tuple[float, ...] = (15_000.0, 10_000.0, 5_000.0)
    under_band: float = 0.9  # "just under" = at least 90% of the threshold
    fan_min_payments: int = 5
    fan_min_parties: int = 3
    max_chain: int = 8
    layering_min_legs: int = 2


@dataclass
class Finding:
    kind: str  # round_trip, layering, pass_through, fan_in, fan_out
    nodes: list[int]  # the accounts or entities involved, in order where it matters
    payments: list[PaymentFact]
    summary: str = ""

    @property
    def records(self) -> list[str]:
        return list(dict.fromkeys(r for p in self.payments for r in p.records))


@dataclass
class _Pay:
    fact: PaymentFact
    day: int
    amount: float
    succ: list[_Pay] = field(default_factory=list)
    has_pred: bool = False


def _day(text: str) -> int | None:
    try:
        return date.fromisoformat(text[:10]).toordinal()
    except ValueError:
        return None


def who(net: Network, node: int) -> str:
    """An account shown with its holder where known: "FR76... (SAS Saharamar Conseil)"."""
    holders = [h for h, accounts in net.holdings.items() if node in accounts]
    if len(holders) == 1:
        return f"{net.label(node)} ({net.label(holders[0])})"
    return net.label(node)


def _money(x: float, currency: str) -> str:
    return f"{x:,.2f} {currency}".strip()


def detect(net: Network, rules: Rules | None = None) -> list[Finding]:
    """All findings, round trips first, then layering, pass-through and structuring."""
    rules = rules or Rules()
    pays = [
        _Pay(p, d, p.amount)
        for p in net.payments
        if p.amount is not None and (d := _day(p.date)) is not None
    ]
    chains = _chains(net, pays, rules)
    passing = _pass_through(net, pays, rules)
    covered = {p.id for f in passing for p in f.payments}
    chains = [f for f in chains if f.kind != "layering" or len(f.payments) > 2
              or not all(p.id in covered for p in f.payments)]
    return [*chains, *passing, *_structuring(net, pays, rules)]


def _chains(net: Network, pays: list[_Pay], rules: Rules) -> list[Finding]:
    out_by: dict[int, list[_Pay]] = defaultdict(list)
    for p in pays:
        out_by[p.fact.source].append(p)
    for p in pays:
        if p.amount < rules.min_amount:
            continue
        for q in out_by.get(p.fact.target, ()):
            if q is p or q.amount < rules.min_amount:
                continue
            gap = q.day - p.day
            if 0 <= gap <= rules.chain_days and (
                rules.chain_ratio * p.amount <= q.amount <= p.amount
            ):
                p.succ.append(q)
                q.has_pred = True
    findings: list[Finding] = []
    seen_cycles: set[frozenset[str]] = set()
    seen_chains: set[tuple[str, ...]] = set()

    def walk(chain: list[_Pay]) -> None:
        last = chain[-1]
        visited = [c.fact.source for c in chain]
        if last.fact.target in visited:  # the money is back where it had been: a round trip
            start = visited.index(last.fact.target)
            loop = chain[start:]
            key = frozenset(c.fact.id for c in loop)
            if key not in seen_cycles:
                seen_cycles.add(key)
                findings.append(_round_trip(net, loop))
            return
        ends = [q for q in last.succ if q.fact.target not in visited[1:]]
        if not ends or len(chain) >= rules.max_chain:
            if len(chain) >= rules.layering_min_legs:
                key2 = tuple(c.fact.id for c in chain)
                if key2 not in seen_chains:
                    seen_chains.add(key2)
                    findings.append(_layering(net, chain))
            return
        for q in ends:
            walk([*chain, q])

    for p in pays:
        if p.succ and not p.has_pred:
            walk([p])
    # cycles whose every leg has a predecessor (the loop has no entry) are found from any leg
    for p in pays:
        if p.succ and p.has_pred and not any(p.fact.id in k for k in seen_cycles):
            walk([p])
    # a layering chain found from a later leg repeats the tail of one found from its start
    chains = [f for f in findings if f.kind == "layering"]
    keep_ids = [tuple(p.id for p in f.payments) for f in chains]
    redundant = {
        i for i, a in enumerate(keep_ids)
        for j, b in enumerate(keep_ids)
        if i != j and len(a) < len(b) and b[-len(a):] == a
    }
    drop = {id(chains[i]) for i in redundant}
    return [f for f in findings if id(f) not in drop]


def _round_trip(net: Network, loop: list[_Pay]) -> Finding:
    nodes = [c.fact.source for c in loop]
    first, last = loop[0], loop[-1]
    route = " -> ".join(who(net, n) for n in [*nodes, nodes[0]])
    summary = (f"round trip of {_money(first.amount, first.fact.currency)} in {len(loop)} "
               f"payments over {last.day - first.day} days, back "
               f"{_money(last.amount, last.fact.currency)}: {route}")
    return Finding("round_trip", nodes, [c.fact for c in loop], summary)


def _layering(net: Network, chain: list[_Pay]) -> Finding:
    nodes = [chain[0].fact.source, *(c.fact.target for c in chain)]
    first, last = chain[0], chain[-1]
    route = " -> ".join(who(net, n) for n in nodes)
    summary = (f"layering: {_money(first.amount, first.fact.currency)} moved through "
               f"{len(chain) - 1} intermediaries in {last.day - first.day} days, "
               f"{_money(last.amount, last.fact.currency)} arriving: {route}")
    return Finding("layering", nodes, [c.fact for c in chain], summary)


def _pass_through(net: Network, pays: list[_Pay], rules: Rules) -> list[Finding]:
    incoming: dict[int, list[_Pay]] = defaultdict(list)
    outgoing: dict[int, list[_Pay]] = defaultdict(list)
    for p in pays:
        incoming[p.fact.target].append(p)
        outgoing[p.fact.source].append(p)
    findings: list[Finding] = []
    for node in sorted(incoming):
        pairs: list[tuple[_Pay, _Pay]] = []
        used: set[int] = set()
        for p in sorted(incoming[node], key=lambda x: x.day):
            if p.amount < rules.min_amount:
                continue
            for q in sorted(outgoing.get(node, ()), key=lambda x: x.day):
                if id(q) in used:
                    continue
                if 0 <= q.day - p.day <= rules.pass_days and (
                    rules.pass_ratio * p.amount <= q.amount <= p.amount
                ):
                    pairs.append((p, q))
                    used.add(id(q))
                    break
        if len(pairs) >= rules.pass_min_pairs:
            total_in = sum(p.amount for p, _ in pairs)
            total_out = sum(q.amount for _, q in pairs)
            payments = [x.fact for pair in pairs for x in pair]
            currency = pairs[0][0].fact.currency
            summary = (f"pass-through: {who(net, node)} forwarded {len(pairs)} incoming "
                       f"payments ({_money(total_in, currency)} in, "
                       f"{_money(total_out, currency)} out, {total_out / total_in:.1%}) "
                       f"within {rules.pass_days} day(s)")
            findings.append(Finding("pass_through", [node], payments, summary))
    return findings


def _structuring(net: Network, pays: list[_Pay], rules: Rules) -> list[Finding]:
    findings: list[Finding] = []
    for kind, own, other in (("fan_in", "target", "source"), ("fan_out", "source", "target")):
        groups: dict[tuple[int, float], list[_Pay]] = defaultdict(list)
        for p in pays:
            for threshold in rules.thresholds:
                if rules.under_band * threshold <= p.amount < threshold:
                    groups[(getattr(p.fact, own), threshold)].append(p)
                    break
        for (node, threshold), group in sorted(groups.items()):
            parties = {getattr(p.fact, other) for p in group}
            if len(group) < rules.fan_min_payments or len(parties) < rules.fan_min_parties:
                continue
            group.sort(key=lambda p: (p.day, p.fact.id))
            currency = group[0].fact.currency
            total = sum(p.amount for p in group)
            way = (f"into {who(net, node)} from {len(parties)} payers" if kind == "fan_in"
                   else f"out of {who(net, node)} to {len(parties)} beneficiaries")
            summary = (f"structuring ({kind.replace('_', '-')}): {len(group)} payments just "
                       f"under {_money(threshold, currency)} {way}, "
                       f"{_money(total, currency)} in all, "
                       f"{date.fromordinal(group[0].day)} to {date.fromordinal(group[-1].day)}")
            findings.append(Finding(kind, [node, *sorted(parties)], [p.fact for p in group],
                                    summary))
    return findings
