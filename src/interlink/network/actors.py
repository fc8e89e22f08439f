"""Key actors: who holds the network together, by the role an investigator would name.

Investigators name leaders, brokers and financiers, not "high PageRank": leaders sit at the
centre of their cell and command through few trusted ties, brokers bridge cells, financiers
touch the money. Each actor gets a score per role, from structure alone:

- broker: betweenness (share of shortest paths through the actor; exact up to 5,000 nodes,
  sampled within a budget of work above, see `betweenness.py`), raised by brokerage (how many
  cells the actor has ties into): spanning cells makes a broker of someone on the paths
  between others, not of someone off them;
- leader: centre of a cell (the weight of his ties into the cell, i.e. how often the evidence
  ties him to its members, against its best-tied member: the cell the actor is most central
  to, its own or one its ties reach, so a boss who also sits with other cells keeps the lead
  of his own), in a dense core (k-core number), of a large cell, and tied
  more by meetings, family and associations than by phone calls (the communication layer);
  a cell's centre counts for less unless he is also central to the network as a whole
  (`LEADER_BLEND`): every cell has a centre, the organisation has few leaders;
- financier: share of the payments and account holdings (money flow);
- hub: distinct ties (degree), the busy actor;
- central: near the top of several of these at once (the broker, leader and hub ranks and
  the k-core number, fused by reciprocal rank): the investor or transporter who is
  neither a cell's leader nor a broker, yet central to the network as a whole.

When the network's rows carry periods (an edges file's `period` column: wiretap phases,
quarters), the role scores are computed in each period and averaged: who leads a cell phase
after phase is the leader, not whoever a single busy phase makes central in the summed graph;
each averaged role is then taken against its best actor over the periods (`rescaled`), so the
roles compare with each other as they do on one graph.
The betweenness budget is shared between the periods and the whole network, so the total
stays bounded; from `PERIOD_CELLS_EDGES` edges the periods take the whole network's cells and
betweenness, and are scored in threads. Periods come from an edges file's `period` column or
from the records' own dates (`Network.periods_from_dates`).

An actor ranks by its strongest role (roles weighted by `ROLE_WEIGHTS`), ties by the sum of its
role scores, then by id, so ranks are deterministic; and the same at any load: the graphs are
built and Leiden run on one NetworKit thread, the sampled betweenness's pivots counted in work,
not time (`tests/network/test_determinism.py`). Nothing in the score depends on how the
community detection broke a tie: an actor whose ties are not mostly inside its community (a
broker Leiden put on one side) belongs to no cell, and brokerage counts the cells of an actor's
neighbours, not its own. So mirror images in a symmetric graph score the same. Which cells
Leiden finds can still depend on its seed where cells are weak; up to `PARTITION_EDGES` edges
the whole network's roles are averaged over the partitions of `PARTITIONS` seeds
(`over_partitions`), so that one partition's tie-break does not make or unmake a leader.

Each actor carries its reasons as codes with parameters (`reasons`, `reason_code`,
`reason_params`) for the surfaces to translate, and as English text (`reason`).
"""

from __future__ import annotations

import time
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from interlink.network.betweenness import EXACT_LIMIT, betweenness
from interlink.network.communities import SEED as COMMUNITY_SEED
from interlink.network.communities import Communities, detect_communities
from interlink.network.engine import SMALL_EDGES, kept_memory, single_thread, threads_for
from interlink.network.graph import Network, distinct, group_sum
from interlink.network.kinds import COMMUNICATION_KINDS, MONEY_KINDS

# edges (of the whole network): from here each period's roles use the whole network's cells
# and betweenness instead of a Leiden run and a sampled betweenness of their own (twelve
# periods of ten million edges spent 64 s of wall, 38 s of CPU, mostly in twelve Leiden runs;
# then 27 s of CPU, of which 27 in the periods' betweenness: one or two source pivots each,
# all that a period's share of the budget buys at that size, which is noise), and the
# periods are scored in PERIOD_WORKERS threads at once (NetworKit and numpy's sorts let go of
# the interpreter's lock; the per-period loop alone kept one core of two busy)
PERIOD_CELLS_EDGES = 2_000_000
PERIOD_WORKERS = 2
# PageRank's tolerance: 1e-8 matches NetworkX to 1e-10 (tested on small graphs); from
# PERIOD_CELLS_EDGES edges 1e-6, which at 1M nodes / 10M edges stops after 9 iterations
# instead of 21 (6.3 -> 2-3 s of CPU on the critical path beside Leiden) with the same top 20
# and every score within 1e-7 of the 1e-8 one (measured, seventh pass): PageRank only names
# each cell's key actor there and is shown beside the roles, it does not rank them
PAGERANK_TOL = 1e-8
PAGERANK_TOL_LARGE = 1e-6
PAIR_SHARE_LIMIT = 3000  # nodes: "X% of shortest paths between A and B" computed below
MIN_CELL = 3  # communities smaller than this are stragglers, not cells
# How much each role counts when an actor ranks by its strongest: the busiest actor of a
# network is seldom who investigators name, the broker between cells always is.
ROLE_WEIGHTS = {"broker": 1.0, "leader": 0.9, "financier": 0.9, "hub": 0.7, "central": 0.8}
ROLES = tuple(ROLE_WEIGHTS)
# The central role: among the first on several counts at once, by reciprocal-rank fusion
# (Cormack, Clarke & Buettcher 2009) of the actor's rank as broker, as leader, by ties (hub)
# and by k-core number, each list adding 1 / (CENTRAL_K + rank). CAVIAR's investors and
# transporters are neither the broker nor the leader of a cell, yet near the top of every list;
# a small constant rewards being near the top of a list (a broad one, 60, rewards being
# middling in all: CAVIAR's 23 documented players fell from 8 to 7 on three Leiden seeds in
# ten). Weighed below the broker, so a broker between two cells stays first. The constant,
# the weight and `LEADER_BLEND` were chosen together from a declared grid
# (`benchmarks/network_criminal.py`: k 1, 2, 3, 10, 60 x weight 0, 0.8, 0.9, 0.95 x blend 0,
# 0.25, 0.5, 1, 2), judged by leaving each source network out: chosen on the others, held out
# CAVIAR's 23 players 8.33 (8 without the blend, best single measure 8.33) and Montagna 3.1
# (3), every other network level; with every network in view k 1, weight 0.8, blend 0.25.
# Chosen again with the periods' roles `rescaled` and Infinito by half-year and by year among
# the networks (thirteenth pass): the same setting; held out Montagna 3.06, CAVIAR's players
# 8.33, by phase 10, Infinito by year 9 (best single 10), every other network level
CENTRAL_K = 1
CENTRAL_LISTS = ("broker", "leader", "hub")  # and the k-core number
# The leader role x (the whole network's central score) ^ LEADER_BLEND. Ranked over long
# periods (Operation Infinito by half-year, by year) every period's cells have a centre near
# the top, and the bosses who bridge cells fall below them: 7 and 6 known bosses in the top 10
# against 9 and 7 with the blend (any exponent 0.25-2 alike there); on one graph it lets a
# central player who leads no cell pass a peripheral cell's centre (CAVIAR's 23 players 8 ->
# 9 at weight 0.8). The whole network's central score, not the period's: who is central
# across the whole case is what a period's cell centre is measured against
LEADER_BLEND = 0.25
# The broker role is betweenness, raised by brokerage: betweenness x (0.7 + 0.3 x the cells
# reached, scaled). Brokerage multiplies rather than adds: an actor on no one's shortest path is
# no broker however many cells his few ties touch (added, a man with one call into each of three
# cells and 0.8 % of the paths outranked CAVIAR's documented transporters and financiers), while
# of two actors on as many paths, the one who spans more cells is the broker
BROKER_MIX = (0.7, 0.3)  # betweenness's floor, brokerage's share
# The whole network's roles are averaged over the partitions of PARTITIONS Leiden seeds (the
# communities' seed and the next ones), up to PARTITION_EDGES edges. The cells a leader
# centres and a broker bridges are Leiden's, and Leiden breaks near-ties by its seed: on the
# 9/11 hijackers one seed of ten put a known leader out of the top 10 (3 of 4 instead of 4),
# on three partitions averaged none did, every other network unchanged over seeds 1-10
# (fourteenth pass; five partitions alike). Per period a single partition: averaged there
# too, Operation Infinito by year fell from 9 to 8 on three seeds of ten. Above
# PARTITION_EDGES a Leiden run costs seconds and the ranks rest on many more ties each
PARTITIONS = 3
PARTITION_EDGES = SMALL_EDGES


@dataclass(frozen=True)
class Reason:
    """One fact behind a rank: a code the surfaces translate and its parameters.

    Codes and parameters:
    A cell is named by its number and the label of its key actor ("C3", "Karim BENALI"), which
    the text shows as "C3 (around Karim BENALI)"; the key actor is "" when the communities were
    not described.
    - "broker": cells (int, cells the actor has ties into, its own included), cell_ids
      (list[int], up to four, its own first), cell_key_actors (list[str]), betweenness (float,
      share of all shortest paths), betweenness_rank (int), and when computed path_share
      (float, share of the shortest paths between cell_ids[0] and path_to_cell through it)
      and path_to_cell (int)
    - "leader": cell (int), cell_key_actor (str), cell_size (int), ties_in_cell (int),
      tie_weight_in_cell (float, their weight: meetings, calls... summed), cell_rank (int,
      1 = the member with the heaviest ties into the cell), core (int, k-core number),
      meeting_ties (int), call_ties (int), network_central_rank (int, rank by the whole
      network's central score, which the leader's score is weighed by: `LEADER_BLEND`)
    - "financier": payments (int, payment and holding rows), counterparties (int),
      amount (float, sum of payment amounts where known)
    - "hub": ties (int, distinct actors), degree_rank (int)
    - "central": broker_rank, leader_rank, hub_rank, core_rank (int, 1 = first; ties share
      the better rank), core (int, k-core number): the ranks the central role fuses
    - "ties": ties (int), kinds (dict[str, int], evidence rows per kind, most common first)
    - "periods": n (int, the periods the role scores were averaged over)
    """

    code: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class ActorScore:
    rank: int
    node: int
    id: str
    label: str
    score: float
    degree: int
    strength: float
    pagerank: float
    betweenness: float
    brokerage: int  # other cells tied into (cells reached minus one)
    community: int
    reason: str = ""
    role: str = ""  # the strongest role: broker, leader, financier, hub or central
    roles: dict[str, float] = field(default_factory=dict)  # each role's score, 0..1
    core: int = 0  # k-core number
    reasons: list[Reason] = field(default_factory=list)  # the role's reason first

    @property
    def reason_code(self) -> str:
        return self.reasons[0].code if self.reasons else self.role

    @property
    def reason_params(self) -> dict[str, Any]:
        return self.reasons[0].params if self.reasons else {}

    @property
    def messages(self) -> list[tuple[str, dict[str, Any]]]:
        """Every reason as a message of `core.messages` (code, parameters) for the surfaces."""
        return [reason_message(r) for r in self.reasons]


@dataclass
class KeyActors:
    actors: list[ActorScore]  # best first
    communities: Communities
    betweenness_method: str
    pagerank: np.ndarray
    betweenness: np.ndarray
    roles: dict[str, np.ndarray] = field(default_factory=dict)  # role -> score per node
    core: np.ndarray | None = None


def _pagerank(net: Network, tol: float = PAGERANK_TOL) -> np.ndarray:
    import networkit as nk

    if net.n == 0:
        return np.zeros(0)
    graph = net.to_networkit(weighted=True)
    # isolated nodes (sinks) spread their rank over all nodes, as in NetworkX and the usual
    # Markov-chain definition, so scores sum to 1 and match a reference implementation
    pr = nk.centrality.PageRank(graph, damp=0.85, tol=tol,
                                distributeSinks=nk.centrality.SinkHandling.DistributeSinks)
    with threads_for(graph.numberOfEdges()):
        pr.run()
    scores = np.asarray(pr.scores())
    # NetworKit leaves out the mass of isolated nodes; rescaled to sum 1 the scores equal
    # NetworkX's pagerank to 1e-10 (tested)
    total = scores.sum()
    return scores / total if total > 0 else scores


def _betweenness(net: Network, exact_limit: int, method: str = "auto",
                 ) -> tuple[np.ndarray, str]:
    """Kept for callers of the former name (benchmarks): see `betweenness.betweenness`."""
    return betweenness(net, exact_limit, method)


def k_core(net: Network) -> np.ndarray:
    """Per node, its k-core number (NetworKit's core decomposition of the simple graph)."""
    import networkit as nk

    if net.n == 0 or len(net.pairs[0]) == 0:
        return np.zeros(net.n, dtype=np.int64)
    graph = net.to_networkit(weighted=False)
    algo = nk.centrality.CoreDecomposition(graph)
    with threads_for(graph.numberOfEdges()):
        algo.run()
    return np.asarray(algo.scores(), dtype=np.int64)


def cells(net: Network, membership: np.ndarray) -> np.ndarray:
    """Per node, its cell: its community when most of its tie weight stays inside it and the
    community has MIN_CELL members or more; else -1 (a broker, or a straggler). Leiden has to
    put a broker between two cells on one side; left out, he does not make that side's
    members look different from their mirror images on the other."""
    a, b, w = net.pairs
    n = net.n
    if n == 0:
        return np.zeros(0, dtype=np.int64)
    strength = np.bincount(a, weights=w, minlength=n) + np.bincount(b, weights=w, minlength=n)
    inside = membership[a] == membership[b]
    own = (np.bincount(a[inside], weights=w[inside], minlength=n)
           + np.bincount(b[inside], weights=w[inside], minlength=n))
    sizes = np.bincount(membership, minlength=1)
    cell = np.where((own * 2 > strength) & (sizes[membership] >= MIN_CELL), membership, -1)
    return cell.astype(np.int64)


def brokerage(net: Network, membership: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per node: how many other cells it has ties into (the cells its neighbours belong to,
    its own community counted once whether or not a neighbour is in it, minus one), and the
    share of its tie weight that goes outside its own community."""
    a, b, w = net.pairs
    n = net.n
    count = _bridges(net, membership, cells(net, membership))
    strength = np.bincount(a, weights=w, minlength=n) + np.bincount(b, weights=w, minlength=n)
    cross = membership[a] != membership[b]
    external = (np.bincount(a[cross], weights=w[cross], minlength=n)
                + np.bincount(b[cross], weights=w[cross], minlength=n))
    share = np.divide(external, strength, out=np.zeros(n), where=strength > 0)
    return count, share


def _bridges(net: Network, membership: np.ndarray, cell: np.ndarray) -> np.ndarray:
    """Per node, the cells its neighbours are in, minus one (see `brokerage`). Sorts only the
    ties that leave a node's own community: a tie into it says no more than that its own cell
    is reached, which a flag per node records (on planted communities four ties in five)."""
    a, b, _w = net.pairs
    n = net.n
    own = np.zeros(n, dtype=np.int64)
    width = np.int64(max(int(membership.max()) + 2 if n else 1, 1))
    keys = []
    for node, other in ((a, b), (b, a)):
        there = cell[other]
        home = there == membership[node]  # cell[other] >= 0 then, as membership is
        own[node[home]] = 1
        away = (there >= 0) & ~home
        keys.append(node[away] * width + there[away])
    key, _ = distinct(np.concatenate(keys))
    reached = np.bincount(key // width, minlength=n).astype(np.int64) + own
    return np.maximum(reached - 1, 0)


def _layer_degree(net: Network, kinds: frozenset[str]) -> np.ndarray:
    """Distinct neighbours per node through evidence rows of the given kinds."""
    n = net.n
    codes = [i for i, k in enumerate(net.kinds) if k in kinds]
    if not codes or net.m == 0:
        return np.zeros(n, dtype=np.int64)
    rows = np.isin(net.kind, codes) & (net.src != net.dst)
    a = np.minimum(net.src[rows], net.dst[rows])
    b = np.maximum(net.src[rows], net.dst[rows])
    key, _ = distinct(a * np.int64(max(n, 1)) + b)
    a, b = key // n, key % n
    return np.bincount(a, minlength=n) + np.bincount(b, minlength=n)


def _money(net: Network) -> tuple[np.ndarray, np.ndarray]:
    """Per node: rows of money kinds (payments, account holdings) it takes part in, and the
    known amount of the payments it makes or receives."""
    n = net.n
    codes = [i for i, k in enumerate(net.kinds) if k in MONEY_KINDS]
    rows = np.isin(net.kind, codes) & (net.src != net.dst) if codes else np.zeros(0, bool)
    count = (np.bincount(net.src[rows], minlength=n) + np.bincount(net.dst[rows], minlength=n)
             if codes and net.m else np.zeros(n, dtype=np.int64))
    amount = np.zeros(n)
    for p in net.payments:
        if p.amount is not None and p.source != p.target:
            amount[p.source] += p.amount
            amount[p.target] += p.amount
    return count, amount


def _scaled(x: np.ndarray) -> np.ndarray:
    x = np.asarray(x, dtype=np.float64)
    top = x.max() if len(x) else 0.0
    return x / top if top > 0 else np.zeros_like(x)


def _leader_cells(net: Network, membership: np.ndarray, cell: np.ndarray, width: int,
                  sizes: np.ndarray,
                  ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per node, how central it is to the cell it is most central to, among the cells its
    neighbours are in, its own included: the weight of its ties into the cell (meetings,
    calls, payments: the evidence, repeated evidence counting again) against the best-tied
    node's, times the cell's size factor (log of its size against the largest's). Also that
    cell (-1: none), the node's ties into it and their weight, and how many cells its
    neighbours are in (what `_bridges` counts, plus one: the same sorted (node, cell) pairs
    give it, so the one sort of every tie serves both; the largest cost of the roles at ten
    million edges).

    Weight, not the number of ties: a summit of forty ties every one of them to all the
    others once, so in a network summed over two years of summits the whole locale looks
    like its centre by ties (Operation Infinito as one graph: six of the top ten "centres"
    were the members of its largest community with one summit in common); the one the
    others keep meeting, calling or paying is the centre. Graphs built from records already
    count repeated evidence of one kind with diminishing returns (`Network.damped`).

    Not only its own cell: a boss whose ties reach into several cells (the head of a locale
    who also sits at the summits of the others) belongs to none of them by `cells` (most of
    his ties leave his community), yet he is at the centre of one. Cells are those of
    `cells`, which leave a broker out of both sides, so mirror images still score the same."""
    a, b, w = net.pairs
    n = net.n
    # (node, cell) groups, each neighbour once (the pairs are distinct). The ties into the
    # node's own community are counted and weighed per node (four ties in five on planted
    # communities); only the others are sorted into groups
    home_count = np.zeros(n, dtype=np.int64)
    home_weight = np.zeros(n)
    keys, weights = [], []
    for node, other in ((a, b), (b, a)):
        there = cell[other]
        home = (there >= 0) & (there == membership[node])
        home_count += np.bincount(node[home], minlength=n)
        home_weight += np.bincount(node[home], weights=w[home], minlength=n)
        away = (there >= 0) & ~home
        keys.append(node[away] * np.int64(width) + there[away])
        weights.append(w[away])
    key, away_weight, away_count = group_sum(np.concatenate(keys), np.concatenate(weights),
                                             n * width)
    at_home = np.flatnonzero(home_count)
    node = np.concatenate([at_home, key // width])
    c = np.concatenate([membership[at_home], key % width])
    count = np.concatenate([home_count[at_home], away_count])
    weight = np.concatenate([home_weight[at_home], away_weight])
    # per cell first, then gathered, the log once per cell
    best = np.zeros(width)
    np.maximum.at(best, c, weight)
    largest = np.log1p(max(int(sizes.max()) if len(sizes) else 1, 1))
    value = weight / np.where(best > 0, best, 1.0)[c] * (np.log1p(sizes) / largest)[c]
    centre = np.zeros(n)
    np.maximum.at(centre, node, value)
    # the cell that gave the best value (the lowest-numbered on a tie, so deterministic)
    hit = np.flatnonzero((value == centre[node]) & (value > 0))
    best_cell = np.full(n, width, dtype=np.int64)
    np.minimum.at(best_cell, node[hit], c[hit])
    best_cell[best_cell == width] = -1
    ties = np.zeros(n, dtype=np.int64)
    tie_weight = np.zeros(n)
    chosen = hit[c[hit] == best_cell[node[hit]]]
    ties[node[chosen]] = count[chosen]
    tie_weight[node[chosen]] = weight[chosen]
    reached = np.bincount(node, minlength=n).astype(np.int64)
    return centre, best_cell, ties, tie_weight, reached


def role_scores(net: Network, membership: np.ndarray, between: np.ndarray,
                core: np.ndarray) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Each role's score per node (0..1) and the facts they rest on."""
    n = net.n
    a, b, w = net.pairs
    degree = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    cell = cells(net, membership)
    same = (cell[a] == cell[b]) & (cell[a] >= 0)
    in_cell = (np.bincount(a[same], minlength=n) + np.bincount(b[same], minlength=n))
    in_cell_weight = (np.bincount(a[same], weights=w[same], minlength=n)
                      + np.bincount(b[same], weights=w[same], minlength=n))
    width = int(cell.max()) + 1 if n and cell.max() >= 0 else 1
    sizes = np.bincount(np.maximum(cell, 0)[cell >= 0], minlength=width)
    centre, leader_cell, leader_ties, leader_weight, reached = _leader_cells(
        net, membership, cell, width, sizes)
    bridges = np.maximum(reached - 1, 0)  # as `_bridges(net, membership, cell)`
    if any(k in COMMUNICATION_KINDS for k in net.kinds):
        calls = _layer_degree(net, COMMUNICATION_KINDS)
        meets = _layer_degree(net, frozenset(k for k in net.kinds
                                             if k not in COMMUNICATION_KINDS))
    else:  # no communication layer: every tie is a trusted one (and two passes saved)
        calls, meets = np.zeros(n, dtype=np.int64), degree
    # a tie both called and met counts as met; a tie seen only through calls weighs half
    trusted = np.divide(meets + 0.5 * (degree - meets), degree, out=np.ones(n),
                        where=degree > 0)
    money_rows, amount = _money(net)
    roles = {
        "broker": _scaled(between) * (BROKER_MIX[0] + BROKER_MIX[1] * _scaled(bridges)),
        # the core number with diminishing returns: a boss attends the summit (a dense core),
        # but the densest core is a meeting everyone attended, not the command
        "leader": centre * np.sqrt(_scaled(core)) * trusted,
        "financier": _scaled(money_rows),
        "hub": _scaled(degree),
    }
    # scores are rounded so that mirror images whose floating-point sums differ in the last
    # bit still tie (and are then ordered by id)
    roles = {k: np.round(v, 9) for k, v in roles.items()}
    roles["central"] = central(roles, core)
    facts = {"degree": degree, "bridges": bridges, "cell": cell, "in_cell": in_cell,
             "centre": centre, "calls": calls, "meets": meets, "money_rows": money_rows,
             "amount": amount, "leader_cell": leader_cell, "leader_ties": leader_ties,
             "leader_weight": leader_weight, "in_cell_weight": in_cell_weight,
             "cell_size": np.where(leader_cell >= 0, sizes[np.maximum(leader_cell, 0)], 0)}
    return roles, facts


def central(roles: dict[str, np.ndarray], core: np.ndarray) -> np.ndarray:
    """Per node, the central role's score (0..1): the reciprocal-rank fusion of its ranks in
    `CENTRAL_LISTS` and by k-core number (each adds 1 / (`CENTRAL_K` + rank)), against the
    best node's. Ties share
    the better rank, so mirror images score the same; a list where every score is 0 (no
    betweenness in a clique) says nothing and is left out.

    With periods it is fused in each period, as the other roles are scored, and averaged:
    near the top of the lists phase after phase. Fused once from the averaged roles instead,
    CAVIAR's 23 players by phase fell from 10 to 9 in the top 10 and Infinito by quarter
    from 10 to 8: the average of the lists blurs who led them when. The reason cites the
    ranks of the averaged roles."""
    lists = [roles[r] for r in CENTRAL_LISTS] + [core.astype(np.float64)]
    fused = np.zeros(len(core))
    for scores in lists:
        if len(scores) and scores.max() > 0:
            fused += 1.0 / (CENTRAL_K + _ranks(scores))
    return np.round(_scaled(fused), 9)


def rescaled(roles: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The roles averaged over the periods, each against its best actor over them (1 for
    him), as each role is on one graph. Averaged, a role's best keeps what every period gave
    him: 1 only if he was its best in every one. The leader, hub and central roles have a
    best in each cell or in a meeting that everyone attended (a one-summit period gives each
    attendee 1 as leader, hub and central), the broker only where paths pass through him, so
    averaged the broker's scale shrank below theirs, and an actor ranks by his strongest role:
    over Operation Infinito's three years the leaders of one year's cells passed the bosses
    who bridge cells year after year. Rescaled, the best broker over the periods is a broker
    as strong as the best leader is a leader. Ranks within a role, and mirror images' ties,
    are unchanged."""
    return {r: np.round(_scaled(v), 9) for r, v in roles.items()}


def blended(roles: dict[str, np.ndarray], network_central: np.ndarray,
            ) -> dict[str, np.ndarray]:
    """The roles with the leader's score times the whole network's central score raised to
    `LEADER_BLEND`: a cell's centre counts for less unless he is central to the network as a
    whole. Applied once, to the roles the actors rank by (averaged over the periods when
    there are periods); the central role keeps the ranks it fused, so it does not feed on
    itself. Mirror images have the same central score, so they still score the same."""
    if not LEADER_BLEND:
        return roles
    return {**roles, "leader": np.round(roles["leader"] * network_central ** LEADER_BLEND, 9)}


def over_partitions(net: Network, roles: dict[str, np.ndarray], between: np.ndarray,
                    core: np.ndarray, seed: int) -> dict[str, np.ndarray]:
    """The whole network's `roles` (scored on the partition of Leiden seed `seed`) averaged
    with those of the next `PARTITIONS` - 1 seeds' partitions: a leader or broker by one
    partition's tie-break alone counts for a share. Each partition's roles are symmetric
    (nothing depends on how Leiden broke a tie), so their average is. Averaged as the
    periods are (`averaged`), each partition holding every node."""
    everyone = np.arange(net.n)

    def partitions() -> Iterator[Scored]:
        yield everyone, roles
        for j in range(1, PARTITIONS):
            membership = detect_communities(net, seed=seed + j, describe=False).membership
            yield everyone, role_scores(net, membership, between, core)[0]

    return averaged(partitions(), net.n, PARTITIONS)


def key_actors(
    net: Network,
    top: int | None = 20,
    communities: Communities | None = None,
    exact_limit: int = EXACT_LIMIT,
    schema: str | None = None,
    explain: bool = True,
    betweenness: str = "auto",
    timings: dict[str, tuple[float, float]] | None = None,
    by_period: bool = True,
    seed: int = COMMUNITY_SEED,
) -> KeyActors:
    """Rank the network's actors by role; `top` keeps the best (None: all), `schema` keeps one
    kind (e.g. "Person"), `explain=False` skips the reasons (benchmarks, chart sizes),
    `betweenness` is "auto" (pivots within a budget of work), "pivots" or "kadabra" for graphs
    above `exact_limit` nodes. `timings`, when given, receives each stage's (wall, CPU)
    seconds: on a shared machine the CPU time says what the stage costs. With `by_period`
    and two periods or more in the network, the role scores are averaged over the periods.
    `seed` is Leiden's for the communities (when not given) and the first of the partitions
    the whole network's roles are averaged over (`over_partitions`)."""
    from interlink.network.betweenness import BUDGET_S
    from interlink.network.betweenness import betweenness as _between

    clock = _Clock(timings)
    n = net.n
    periods = len(net.periods) if by_period and net.period is not None else 0
    periods = periods if periods >= 2 else 0
    # a large network's periods take its cells and betweenness (PERIOD_CELLS_EDGES)
    large = len(net.pairs[0]) >= PERIOD_CELLS_EDGES
    # shared by the whole network and each period that samples its own
    budget = BUDGET_S / (periods + 1) if periods and not large else BUDGET_S
    with clock("simple graph"):
        a, b, w = net.pairs
        net.to_networkit(weighted=True)
    degree = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    strength = np.bincount(a, weights=w, minlength=n) + np.bincount(b, weights=w, minlength=n)
    if large:
        # betweenness and PageRank each in a thread of their own beside the k-core and
        # Leiden: betweenness's pivots are numpy's here (`betweenness.source_dependency`,
        # seeded by numpy), PageRank draws nothing, and Leiden seeds and runs under
        # `engine.RANDOM`, so the result does not depend on which thread runs first. Leiden
        # asks for PageRank only to name each community's key actor, once it has partitioned.
        # One after the other at load 11: PageRank 16 s, Leiden 17 s and one pivot 15 s of
        # wall, each on a share of the cores that a thread more would have doubled. Freed
        # memory is kept for the next array meanwhile (`engine.kept_memory`: fewer page faults)
        with kept_memory(), ThreadPoolExecutor(2) as aside, \
                ThreadPoolExecutor(PERIOD_WORKERS) as in_periods:
            sampled = aside.submit(_between, net, exact_limit, betweenness, budget)
            ranked = aside.submit(_pagerank, net, PAGERANK_TOL_LARGE)
            # meanwhile each period's network and k-core (no random draws either): all that
            # its roles need but the whole network's cells and betweenness
            prepared = [in_periods.submit(_prepare_period, net, p)
                        for p in range(len(net.periods) if periods else 0)]
            with clock("k-core"):
                core = k_core(net)
            if communities is None:
                with clock("communities (PageRank beside)"):
                    communities = detect_communities(net, scores=ranked.result,
                                                     describe=explain, seed=seed)
            with clock("PageRank (what was left of it)"):
                pagerank = ranked.result()
            with clock("betweenness (what was left of it)"):
                between, method = sampled.result()
            # the whole network's roles (the reasons cite them) beside the periods' roles
            with clock("roles | periods"):
                whole = aside.submit(role_scores, net, communities.membership, between, core)
                if periods:
                    roles = _finish_periods(net, prepared, communities.membership, between,
                                            in_periods)
                    whole_roles, facts = whole.result()
                else:
                    roles, facts = whole.result()
                    whole_roles = roles
                facts["network_central"] = whole_roles["central"]
    else:
        with clock("pagerank"):
            pagerank = _pagerank(net)
        with clock("betweenness"):
            between, method = _between(net, exact_limit, betweenness, budget)
        with clock("k-core"):
            core = k_core(net)
        if communities is None:
            with clock("communities"):
                communities = detect_communities(net, scores=pagerank, describe=explain,
                                                 seed=seed)
    if not large:
        with clock("roles"):
            roles, facts = role_scores(net, communities.membership, between, core)
            if PARTITIONS > 1 and len(a) <= PARTITION_EDGES:
                roles = over_partitions(net, roles, between, core, seed)
            facts["network_central"] = roles["central"]
        if periods:
            with clock("periods"):
                # in threads from SMALL_EDGES edges (below, a thread costs more than it saves)
                roles = roles_by_period(net, exact_limit, betweenness, budget,
                                        workers=PERIOD_WORKERS if len(a) >= SMALL_EDGES else 1)
    if periods:
        roles = rescaled(roles)
    fused_from = roles  # the ranks the central role fused, which its reason cites
    roles = blended(roles, facts["network_central"])
    with clock("ranking"):
        weighted = (np.vstack([ROLE_WEIGHTS[r] * roles[r] for r in ROLES]) if n
                    else np.zeros((len(ROLES), 0)))
        score = np.round(weighted.max(axis=0), 9) if n else np.zeros(0)
        strongest = weighted.argmax(axis=0) if n else np.zeros(0, dtype=np.int64)
        total = np.round(sum(roles[r] for r in ROLES), 9) if n else np.zeros(0)
        candidates = np.arange(n)
        if schema is not None and net.schemata is not None:
            candidates = np.flatnonzero(np.asarray(net.schemata, dtype=object) == schema)
        order = _rank(net, candidates, score, total, top)
    actors = [
        ActorScore(
            rank=r, node=int(i), id=net.ids[i], label=net.label(int(i)),
            score=float(score[i]), degree=int(degree[i]), strength=float(strength[i]),
            pagerank=float(pagerank[i]), betweenness=float(between[i]),
            brokerage=int(facts["bridges"][i]), community=int(communities.membership[i]),
            role=ROLES[int(strongest[i])], roles={k: float(v[i]) for k, v in roles.items()},
            core=int(core[i]),
        )
        for r, i in enumerate(order, 1)
    ]
    if explain:
        with clock("reasons"):
            pair_share = (_PairShare(net, communities.membership) if n <= PAIR_SHARE_LIMIT
                          else None)
            context = _Context(net, communities, facts, between, degree, core, pair_share,
                               fused_from)
            for actor in actors:
                actor.reasons = context.reasons(actor)
                if periods:
                    actor.reasons = with_periods(actor.reasons, actor.role, periods)
                actor.reason = "; ".join(describe(x) for x in actor.reasons)
    return KeyActors(actors, communities, method, pagerank, between, roles, core)


def with_periods(reasons: list[Reason], role: str, periods: int) -> list[Reason]:
    """The reasons of an actor ranked over `periods` periods, with the "periods" reason: first
    when the whole network alone does not show the role he ranks by (its own reason is not
    first: the periods are then the reason), else last, after the facts that show it."""
    mark = Reason("periods", {"n": periods})
    if reasons and reasons[0].code == role:
        return [*reasons, mark]
    return [mark, *reasons]


# One period's roles for `averaged`: its nodes (indices in the whole network) and its role
# scores; None for a period without ties
Scored = tuple[np.ndarray, dict[str, np.ndarray]] | None


def averaged(results: Iterable[Scored], n: int, count: int) -> dict[str, np.ndarray]:
    """The roles averaged over `count` periods (a node absent from a period scores 0 in it),
    for both ways of scoring the periods (`roles_by_period`, `_finish_periods`). Summed in
    period order, each period as soon as it is there, so that its scores are freed at once.
    Equal weights: weighed by how much structure a period has (1 - its density, so that a
    summit everyone attended counts for little), Operation Infinito by quarter fell from 10
    known bosses in the top 10 to 8, by month 9 to 7 (fourteenth pass): its summits are
    where the bosses meet."""
    total = {r: np.zeros(n) for r in ROLES}
    for result in results:
        if result is not None:
            nodes, roles = result
            for r in ROLES:
                total[r][nodes] += roles[r]
    return {r: np.round(v / count, 9) for r, v in total.items()}


def _prepare_period(net: Network, p: int) -> list[tuple[Network, np.ndarray, np.ndarray]]:
    """Period p's network, its nodes (indices in `net`) and their k-core, NetworKit on one
    thread (the periods are the parallelism); its NetworKit graph is let go, its roles need
    only the pairs. In a list the scoring takes it out of, so that a scored period's network
    is freed at once rather than when the last period is done (a future keeps its result):
    empty for a period without ties."""
    with single_thread():
        sub, nodes = net.in_period(p)
        if len(sub.pairs[0]) == 0:
            return []
        core = k_core(sub)
        sub.__dict__.pop("_nk_unweighted", None)
        sub.__dict__.pop("_nk_weighted", None)
        return [(sub, nodes, core)]


def _finish_periods(net: Network, prepared: list[Future[Any]], membership: np.ndarray,
                    between: np.ndarray, pool: ThreadPoolExecutor) -> dict[str, np.ndarray]:
    """The roles averaged over the periods, each period's from its prepared network with the
    whole network's cells and betweenness (as `roles_by_period` given both), scored in
    `pool` and summed in period order. Each task waits for its own period's preparation,
    queued before it in the same pool, so none waits for a task that cannot start."""

    def finish(ready: Future[Any]) -> Scored:
        box = ready.result()
        if not box:
            return None
        sub, nodes, core = box.pop()  # out of the future: freed once scored
        roles, _facts = role_scores(sub, membership[nodes], between[nodes], core)
        return nodes, roles

    tasks = deque(pool.submit(finish, ready) for ready in prepared)

    def done() -> Iterator[Scored]:
        while tasks:
            yield tasks.popleft().result()  # each period's scores freed once summed

    return averaged(done(), net.n, len(net.periods))


def roles_by_period(net: Network, exact_limit: int, method: str, budget_s: float,
                    membership: np.ndarray | None = None,
                    between: np.ndarray | None = None,
                    workers: int = 1) -> dict[str, np.ndarray]:
    """Each role's score per node averaged over the network's periods (a node absent from a
    period scores 0 in it): the roles as `role_scores` computes them on each period's network,
    with its own betweenness (within `budget_s`), k-core and communities, or, given the whole
    network's `membership` and `between`, its communities and betweenness (large networks: the
    cells are the organisation, the periods say who holds them when; a period's betweenness
    from one or two pivots would say nothing). `workers` > 1 scores that many periods at once
    in threads: a period's pivots are drawn by numpy, as many as its budget's work buys
    (not its time), its graph is built and its Leiden run on one thread, holding
    `engine.RANDOM` while it seeds and runs, so the scores do not depend on the order the
    threads run in nor on the load. The sums are taken in period order either way."""
    from interlink.network.betweenness import betweenness as _between

    def score(p: int) -> Scored:
        if workers > 1:  # the periods are the parallelism: NetworKit on one thread in each
            with single_thread():
                return scored(p)
        return scored(p)

    def scored(p: int) -> Scored:
        sub, nodes = net.in_period(p)
        if len(sub.pairs[0]) == 0:
            return None
        core = k_core(sub)
        if between is not None:
            in_period = between[nodes]
        else:
            in_period, _method = _between(sub, exact_limit, method, budget_s)
        cells_of = (membership[nodes] if membership is not None
                    else detect_communities(sub, describe=False).membership)
        roles, _facts = role_scores(sub, cells_of, in_period, core)
        return nodes, roles

    count = len(net.periods)
    if workers > 1 and count > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=min(workers, count)) as pool:
            return averaged(pool.map(score, range(count)), net.n, count)
    return averaged((score(p) for p in range(count)), net.n, count)


def _rank(net: Network, candidates: np.ndarray, score: np.ndarray, total: np.ndarray,
          top: int | None) -> np.ndarray:
    """Candidates best first: by score, then the sum of the role scores, then id. With `top`,
    only the candidates that tie with or beat the top-th by score and sum are sorted by id:
    sorting a million unordered ids as Python strings costs 1.5 s of CPU (0.1 s for the
    benchmarks' "0".."999999", already almost in order) for twenty actors."""
    if len(candidates) == 0:
        return candidates
    s, t = score[candidates], total[candidates]
    if top is not None and len(candidates) > top:
        kth = candidates[np.lexsort((-t, -s))[max(top, 1) - 1]]
        keep = (s > score[kth]) | ((s == score[kth]) & (t >= total[kth]))
        candidates, s, t = candidates[keep], s[keep], t[keep]
    ids = np.array([net.ids[i] for i in candidates.tolist()], dtype=object)
    tiebreak = np.empty(len(candidates), dtype=np.int64)
    tiebreak[np.argsort(ids, kind="stable")] = np.arange(len(candidates))
    ranked = candidates[np.lexsort((tiebreak, -t, -s))]
    return ranked[:top] if top is not None else ranked


class _Clock:
    """Wall and CPU seconds (of the process, all threads) per stage, into a dict if given."""

    def __init__(self, into: dict[str, tuple[float, float]] | None) -> None:
        self.into = into

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        if self.into is None:
            yield
            return
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self.into[stage] = (round(time.perf_counter() - wall, 2),
                                round(time.process_time() - cpu, 2))


def _ranks(x: np.ndarray) -> np.ndarray:
    """1 for the largest value (ties share the better rank: the position of the first of their
    run in sorted order, so the order of the sort among ties does not matter and the
    unstable sort does: a third of the CPU of a stable sort and a binary search per value,
    which the central role pays four times per period at a million nodes)."""
    if len(x) == 0:
        return np.zeros(0, dtype=np.int64)
    order = np.argsort(-x)
    sorted_x = x[order]
    starts = np.empty(len(x), dtype=bool)
    starts[0] = True
    np.not_equal(sorted_x[1:], sorted_x[:-1], out=starts[1:])
    first = np.maximum.accumulate(np.where(starts, np.arange(len(x)), 0)) + 1
    ranks = np.empty(len(x), dtype=np.int64)
    ranks[order] = first
    return ranks


class _Context:
    """What the reasons of a ranking need, computed once for all its actors."""

    def __init__(self, net: Network, comms: Communities, facts: dict[str, np.ndarray],
                 between: np.ndarray, degree: np.ndarray, core: np.ndarray,
                 pair_share: _PairShare | None, roles: dict[str, np.ndarray]) -> None:
        self.net = net
        # the ranks the central role fuses, of the scores the actors rank by (averaged over
        # the periods when there are periods)
        self.role_rank = {r: _ranks(roles[r]) for r in CENTRAL_LISTS}
        self.core_rank = _ranks(core.astype(np.float64))
        self.comms = comms
        self.facts = facts
        self.between = between
        self.core = core
        self.degree = degree
        self.bt_rank = _ranks(between)
        self.deg_rank = _ranks(degree.astype(np.float64))
        self.pair_share = pair_share
        self.cell = facts["cell"]
        self.network_central_rank = _ranks(facts["network_central"])

    def cell_rank(self, v: int, c: int, weight: float) -> int:
        """Rank of v, with ties of `weight` into cell c, among c's members by the weight of
        their ties inside it (as the leader role weighs them): 1 for the best-tied (ties share
        it). One pass over the nodes per actor asked, not per cell (a million-node graph has
        tens of thousands of cells)."""
        in_cell = self.facts["in_cell_weight"]
        others = (self.cell == c) & (in_cell > weight)
        others[v] = False
        return 1 + int(np.count_nonzero(others))

    def neighbours(self, v: int) -> np.ndarray:
        """v's neighbours: from the adjacency matrix when built, else from the sorted pairs
        (a range of them, and one comparison over the rest), which for the twenty actors of a
        ranking costs less than building the matrix (1.6 s of CPU at ten million edges)."""
        net = self.net
        if "adjacency" in net.__dict__ or net.n <= PAIR_SHARE_LIMIT:
            return net.neighbours(v)
        a, b, _w = net.pairs
        lo, hi = np.searchsorted(a, [v, v + 1])
        return np.concatenate([b[lo:hi], a[:lo][b[:lo] == v]])

    def key_actor(self, cid: int) -> str:
        if self.comms.communities:
            return self.net.label(self.comms.communities[cid].key_actor)
        return ""

    def reasons(self, actor: ActorScore) -> list[Reason]:
        found = {"broker": self._broker(actor), "leader": self._leader(actor),
                 "financier": self._financier(actor), "hub": self._hub(actor),
                 "central": self._central(actor)}
        order = [actor.role, *sorted((r for r in ROLES if r != actor.role),
                                     key=lambda r: -actor.roles.get(r, 0.0))]
        out = [found[r] for r in order if found[r] is not None]
        out.append(self._ties(actor))
        return out  # type: ignore[return-value]

    def _broker(self, actor: ActorScore) -> Reason | None:
        v = actor.node
        membership = self.comms.membership
        there = self.cell[self.neighbours(v)]
        touched = Counter(there[there >= 0].tolist())
        own = int(membership[v])
        # the cells its neighbours are in (as `brokerage` counts them), its own first
        reached = sorted(touched, key=lambda c: (c != own, -touched[c], c))
        if len(reached) < 2 and not (actor.betweenness > 0 and self.bt_rank[v] <= 10):
            return None
        params: dict[str, Any] = {
            "cells": max(len(reached), 1),
            "cell_ids": reached[:4] if len(reached) >= 2 else [],
            "cell_key_actors": [self.key_actor(c) for c in reached[:4]] if len(reached) >= 2
            else [],
            "betweenness": round(float(actor.betweenness), 6),
            "betweenness_rank": int(self.bt_rank[v]),
        }
        if self.pair_share is not None and len(reached) >= 2:
            best = max(((self.pair_share.share(v, reached[0], c), c) for c in reached[1:3]),
                       default=None)
            if best is not None and best[0] > 0:
                params["path_share"] = round(best[0], 4)
                params["path_to_cell"] = best[1]
        return Reason("broker", params)

    def _leader(self, actor: ActorScore) -> Reason | None:
        v = actor.node
        c = int(self.facts["leader_cell"][v])
        if c < 0 or actor.roles.get("leader", 0.0) <= 0:
            return None
        ties = int(self.facts["leader_ties"][v])
        weight = float(self.facts["leader_weight"][v])
        rank = self.cell_rank(v, c, weight)
        if actor.role != "leader" and rank > 1:
            return None  # a member like others of his cell: nothing to say
        return Reason("leader", {
            "cell": c, "cell_key_actor": self.key_actor(c),
            "cell_size": int(self.facts["cell_size"][v]),
            "ties_in_cell": ties, "tie_weight_in_cell": round(weight, 6), "cell_rank": rank,
            "core": int(self.core[v]), "meeting_ties": int(self.facts["meets"][v]),
            "call_ties": int(self.facts["calls"][v]),
            "network_central_rank": int(self.network_central_rank[v]),
        })

    def _financier(self, actor: ActorScore) -> Reason | None:
        v = actor.node
        rows = int(self.facts["money_rows"][v])
        if rows == 0:
            return None
        net = self.net
        counterparties = {p.target if p.source == v else p.source for p in net.payments
                          if v in (p.source, p.target) and p.source != p.target}
        return Reason("financier", {"payments": rows, "counterparties": len(counterparties),
                                    "amount": round(float(self.facts["amount"][v]), 2)})

    def _hub(self, actor: ActorScore) -> Reason | None:
        v = actor.node
        if actor.role != "hub" and self.deg_rank[v] > 10:
            return None
        return Reason("hub", {"ties": int(self.degree[v]), "degree_rank": int(self.deg_rank[v])})

    def _central(self, actor: ActorScore) -> Reason | None:
        v = actor.node
        if actor.role != "central":
            return None  # said only of who ranks by it: the other reasons give the same ranks
        params = {f"{r}_rank": int(self.role_rank[r][v]) for r in CENTRAL_LISTS}
        return Reason("central", {**params, "core_rank": int(self.core_rank[v]),
                                  "core": int(self.core[v])})

    def _ties(self, actor: ActorScore) -> Reason:
        net, v = self.net, actor.node
        kinds: Counter[str] = Counter()
        rows = np.nonzero((net.src == v) | (net.dst == v))[0] if net.m <= 2_000_000 else []
        for row in rows:
            kinds[net.row_kind(int(row))] += 1
        return Reason("ties", {"ties": int(self.degree[v]), "kinds": dict(kinds.most_common(4))})


def _cell(cid: int, key_actor: str) -> str:
    return f"C{cid} (around {key_actor})" if key_actor else f"C{cid}"


def describe(reason: Reason) -> str:
    """The English text of a reason (the surfaces translate from the code and parameters)."""
    p = reason.params
    if reason.code == "broker":
        parts = []
        names = [_cell(c, k) for c, k in zip(p["cell_ids"], p["cell_key_actors"], strict=True)]
        if p.get("cells", 1) >= 2:
            more = ", ..." if p["cells"] > len(names) else ""
            parts.append(f"broker: bridges {p['cells']} cells ({', '.join(names)}{more})")
        if "path_share" in p:
            other = names[p["cell_ids"].index(p["path_to_cell"])]
            parts.append(f"{p['path_share']:.0%} of shortest paths between {names[0]} "
                         f"and {other}")
        if p["betweenness"] > 0 and p["betweenness_rank"] <= 10:
            prefix = "" if parts else "broker: "
            parts.append(f"{prefix}on {p['betweenness']:.1%} of all shortest paths "
                         f"(#{p['betweenness_rank']})")
        return "; ".join(parts)
    if reason.code == "leader":
        rank = ("the best-tied member" if p["cell_rank"] == 1
                else f"#{p['cell_rank']} by tie weight")
        weight = p.get("tie_weight_in_cell", p["ties_in_cell"])
        weighing = f" weighing {weight:g}" if weight != p["ties_in_cell"] else ""
        calls = (f", {p['meeting_ties']} met or related, {p['call_ties']} called"
                 if p["call_ties"] else "")
        central = (f", #{p['network_central_rank']} central to the whole network"
                   if "network_central_rank" in p else "")
        return (f"leader: centre of cell {_cell(p['cell'], p['cell_key_actor'])} ({rank} of "
                f"{p['cell_size']}, "
                f"{p['ties_in_cell']} ties inside{weighing}{calls}), in a {p['core']}-core"
                f"{central}")
    if reason.code == "financier":
        amount = f", {p['amount']:,.2f} in known amounts" if p["amount"] else ""
        return (f"financier: {p['payments']} payment or account row(s) with "
                f"{p['counterparties']} counterpart(ies){amount}")
    if reason.code == "hub":
        return f"hub: ties to {p['ties']} actors (#{p['degree_rank']})"
    if reason.code == "central":
        return (f"central: among the first on several counts (#{p['broker_rank']} as broker, "
                f"#{p['leader_rank']} as leader, #{p['hub_rank']} by ties, "
                f"#{p['core_rank']} by k-core: a {p['core']}-core)")
    if reason.code == "ties":
        text = f"ties to {p['ties']} actor(s)"
        if p["kinds"]:
            text += ": " + ", ".join(f"{c} {k}" for k, c in p["kinds"].items())
        return text
    if reason.code == "periods":
        return f"ranked over {p['n']} periods"
    return reason.code


class _PairShare:
    """Share of the shortest paths between two communities that pass through a node, with
    BFS results cached per source (small graphs only)."""

    def __init__(self, net: Network, membership: np.ndarray) -> None:
        adj = net.adjacency
        self.indptr = adj.indptr.tolist()
        self.indices = adj.indices.tolist()
        self.membership = membership
        self._bfs: dict[int, tuple[dict[int, int], dict[int, int]]] = {}

    def bfs(self, s: int) -> tuple[dict[int, int], dict[int, int]]:
        found = self._bfs.get(s)
        if found is not None:
            return found
        dist = {s: 0}
        sigma = {s: 1}
        queue = deque([s])
        indptr, indices = self.indptr, self.indices
        while queue:
            u = queue.popleft()
            du = dist[u] + 1
            su = sigma[u]
            for x in indices[indptr[u] : indptr[u + 1]]:
                dx = dist.get(x)
                if dx is None:
                    dist[x] = du
                    sigma[x] = su
                    queue.append(x)
                elif dx == du:
                    sigma[x] += su
        self._bfs[s] = (dist, sigma)
        return dist, sigma

    def share(self, v: int, ca: int, cb: int, limit: int = 200) -> float:
        """Mean, over pairs (s in A, t in B) that are connected, of the fraction of shortest
        s-t paths through v (v itself excluded from both sides)."""
        membership = self.membership
        side_a = [int(i) for i in np.nonzero(membership == ca)[0] if i != v][:limit]
        side_b = {int(i) for i in np.nonzero(membership == cb)[0] if i != v}
        if not side_a or not side_b:
            return 0.0
        dist_v, sigma_v = self.bfs(v)
        total = 0.0
        pairs = 0
        for s in side_a:
            dist_s, sigma_s = self.bfs(s)
            dsv = dist_v.get(s)
            for t in side_b:
                dst = dist_s.get(t)
                if dst is None:
                    continue
                pairs += 1
                dvt = dist_v.get(t)
                if dsv is not None and dvt is not None and dsv + dvt == dst:
                    total += sigma_v[s] * sigma_v[t] / sigma_s[t]
        return total / pairs if pairs else 0.0


def _cell(number: Any, key_actor: Any) -> str:
    return f"C{number} ({key_actor})" if key_actor else f"C{number}"


def reason_message(reason: Reason) -> tuple[str, dict[str, Any]]:
    """A reason as a message code of `core.messages` and its parameters: what the web, the API
    and the command line render in the reader's language (cells keep their "C3" names and key
    actors' labels, which are names, not words)."""
    p = reason.params
    if reason.code == "broker":
        cells = [_cell(c, k) for c, k in zip(p.get("cell_ids", []),
                                               p.get("cell_key_actors", []), strict=False)]
        return "actor.broker", {"n": p.get("cells", len(cells)), "cells": ", ".join(cells)}
    if reason.code == "leader":
        return "actor.leader", {"cell": _cell(p.get("cell"), p.get("cell_key_actor")),
                                "degree": p.get("ties_in_cell", 0),
                                "central": p.get("network_central_rank", 0)}
    if reason.code == "financier":
        return "actor.financier", {"n": p.get("payments", 0)}
    if reason.code == "hub":
        return "actor.high_degree", {"n": p.get("ties", 0)}
    if reason.code == "central":
        return "actor.central", {"broker": p.get("broker_rank", 0),
                                 "leader": p.get("leader_rank", 0),
                                 "hub": p.get("hub_rank", 0), "core": p.get("core", 0)}
    if reason.code == "ties":
        kinds = p.get("kinds", {})
        return "actor.ties", {"n": p.get("ties", 0), "links": dict(kinds)}
    if reason.code == "periods":
        return "actor.periods", {"n": p.get("n", 0)}
    return reason.code, dict(p)
