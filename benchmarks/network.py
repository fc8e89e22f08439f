"""Network analysis benchmark: quality on the demo case's ground truth, speed at a million nodes.

Sections (each runs in its own process, so each peak memory is its own):
- quality: the demo case pooled as one analyst would see it once every agency shares with
  him (the records are re-enveloped to one benchmark agency, then read through the policy gate
  like any other), resolved with the case's own answer key (entities.csv: a perfect resolver,
  so that the network analysis is measured, not the resolution), and unresolved for contrast.
  Leaders and brokers planted in truth/cells.csv against the key-actor ranking of people;
  Leiden communities against the cells (adjusted Rand index); laundering payments found by the
  pattern detectors against truth/laundering.csv (precision / recall).
- speed: a synthetic graph of 1,000,000 nodes and 10,000,000 edges (planted communities of 50,
  80% of edges inside, heavy-tailed degrees): graph build, PageRank, sampled betweenness
  (and the other sampler with --kadabra), Leiden, then the whole key-actors + communities run as the
  command line does it. Target: under 60 s.
- store: graph build from a SQLite store holding the demo case at ~1,000,000 records. Target:
  under 60 s. (Writing the store is timed too, but is not part of the target.)
- disrupt: greedy key-player search, k = 10, on a 100,000-node graph. Target: under 60 s.
- networkx: NetworkX side by side on a 50,000-node graph: PageRank and components (same
  algorithms: results compared), Leiden against NetworkX's Louvain (different algorithms:
  modularity compared), sampled betweenness; exact betweenness compared on 2,000 nodes.

    .venv/bin/python benchmarks/network.py                       # everything, full size
    .venv/bin/python benchmarks/network.py --scale 0.01          # a quick look (~1 min)
    .venv/bin/python benchmarks/network.py --sections quality --demo-scale 20
    .venv/bin/python benchmarks/network.py --results benchmarks/RESULTS-network.md
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

SECTIONS = ("quality", "speed", "store", "disrupt", "networkx")
POOL = "XX-POOL"  # the benchmark's one agency: every record re-enveloped to it


def peak_mib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024


class Timer:
    def __init__(self) -> None:
        self.times: dict[str, float] = {}

    def __call__(self, name: str):  # type: ignore[no-untyped-def]
        timer = self

        class _Ctx:
            def __enter__(self) -> None:
                self.start = time.perf_counter()

            def __exit__(self, *exc: object) -> None:
                timer.times[name] = round(time.perf_counter() - self.start, 2)

        return _Ctx()


# -- synthetic graphs -------------------------------------------------------------------------

def planted(n: int, m: int, seed: int = 1, size: int = 50, inside: float = 0.8,
            exponent: float = 2.5) -> tuple[np.ndarray, np.ndarray]:
    """`m` distinct edges on `n` nodes: planted communities of `size` nodes (`inside` of the
    edges within one) and heavy-tailed degrees (Chung-Lu weights, power law `exponent`), as
    in criminal and social networks, where a few actors have many ties."""
    rng = np.random.default_rng(seed)
    weight = np.arange(1, n + 1, dtype=np.float64) ** (-1.0 / (exponent - 1.0))
    rng.shuffle(weight)
    cdf = np.cumsum(weight)
    cdf /= cdf[-1]
    rows = int(m * 1.4) + 100
    src = np.minimum(np.searchsorted(cdf, rng.random(rows)), n - 1)
    base = (src // size) * size
    intra = rng.random(rows) < inside
    dst = np.where(intra, np.minimum(base + rng.integers(0, size, rows), n - 1),
                   np.minimum(np.searchsorted(cdf, rng.random(rows)), n - 1))
    a, b = np.minimum(src, dst), np.maximum(src, dst)
    keep = a != b
    key = np.unique(a[keep] * np.int64(n) + b[keep])
    rng.shuffle(key)
    key = key[:m]
    return key // n, key % n


# -- quality ----------------------------------------------------------------------------------

def pooled_records(case: Any):  # type: ignore[no-untyped-def]
    """The case's records as if one agency held them all (see the module docstring)."""
    from interlink.core.record import Record

    envelopes: dict[int, Any] = {}
    for record in case.iter_records():
        env = envelopes.get(id(record.envelope))
        if env is None:
            env = envelopes[id(record.envelope)] = record.envelope.with_changes(owner=POOL)
        yield Record(entity=record.entity, envelope=env)


def ari(truth: list[Any], found: list[Any]) -> float:
    """Adjusted Rand index of two labellings of the same items."""
    def comb2(x: np.ndarray | int) -> Any:
        return x * (x - 1) / 2

    pairs = Counter(zip(truth, found, strict=True))
    a = Counter(truth)
    b = Counter(found)
    n = len(truth)
    index = sum(comb2(v) for v in pairs.values())
    sum_a = sum(comb2(v) for v in a.values())
    sum_b = sum(comb2(v) for v in b.values())
    expected = sum_a * sum_b / comb2(n) if n > 1 else 0.0
    top = (sum_a + sum_b) / 2
    return float((index - expected) / (top - expected)) if top != expected else 1.0


def quality(args: argparse.Namespace) -> dict[str, Any]:
    from interlink.core.codes import Purpose
    from interlink.core.viewer import Viewer
    from interlink.demo import build_case
    from interlink.network import build_network, detect_patterns, key_actors

    case = build_case(scale=args.demo_scale, seed=42)
    truth_dir = Path(tempfile.mkdtemp(prefix="network-truth-"))
    case.write_truth(truth_dir)
    with open(truth_dir / "entities.csv", encoding="utf-8") as f:
        clusters = {r["record_id"]: r["real_id"] for r in csv.DictReader(f)}
    with open(truth_dir / "cells.csv", encoding="utf-8") as f:
        cells = list(csv.DictReader(f))
    with open(truth_dir / "laundering.csv", encoding="utf-8") as f:
        laundering = {r["payment_record_id"]: r["scheme"] for r in csv.DictReader(f)}
    viewer = Viewer("benchmark", POOL, Purpose.DRUG_TRAFFICKING)
    out: dict[str, Any] = {"demo_scale": args.demo_scale, "cells": len({c["cell_id"]
                                                                          for c in cells})}
    timer = Timer()
    for mode in ("resolved", "unresolved"):
        with timer(f"{mode}_build"):
            net = build_network(pooled_records(case), viewer,
                                clusters if mode == "resolved" else None,
                                periods=args.periods or None)
        with timer(f"{mode}_key_actors"):
            result = key_actors(net, top=None, explain=False)
        res: dict[str, Any] = {"graph": net.summary(), "periods": len(net.periods),
                               "dated_rows": sum(1 for d in net.dates or [] if d)}
        people = [a for a in result.actors if net.schema(a.node) == "Person"]
        rank_of = {a.id: r for r, a in enumerate(people, 1)}
        if mode == "resolved":
            for role in ("leader", "broker"):
                ids = sorted({c["real_id"] for c in cells if c["role"] == role})
                ranks = sorted(rank_of.get(i, len(people) + 1) for i in ids)
                k = len(ids)
                res[role] = {
                    "planted": k,
                    "in_top_k": sum(r <= k for r in ranks),
                    "in_top_2k": sum(r <= 2 * k for r in ranks),
                    "in_top_5pct": sum(r <= max(1, len(people) // 20) for r in ranks),
                    "median_rank": int(np.median(ranks)),
                    "people_ranked": len(people),
                }
            both = {c["real_id"] for c in cells if c["role"] in ("leader", "broker")}
            k = len(both)
            res["leader_or_broker_in_top_k_people"] = sum(
                1 for a in people[:k] if a.id in both)
            # communities against the cells (people of one cell only)
            membership = {net.ids[i]: int(c) for i, c in enumerate(result.communities.membership)}
            cell_of: dict[str, set[str]] = {}
            for c in cells:
                cell_of.setdefault(c["real_id"], set()).add(c["cell_id"])
            items = [p for p, cs in cell_of.items() if len(cs) == 1 and p in membership]
            res["ari_cells"] = round(ari([next(iter(cell_of[p])) for p in items],
                                         [membership[p] for p in items]), 3)
            res["ari_people"] = len(items)
            sizes = np.bincount(result.communities.membership)
            res["communities"] = int(len(sizes))
            res["communities_of_3_or_more"] = int((sizes >= 3).sum())
            res["modularity"] = round(result.communities.modularity, 3)
            res["algorithm"] = result.communities.algorithm
        with timer(f"{mode}_patterns"):
            findings = detect_patterns(net)
        cited = {r for f in findings for r in f.records}
        in_graph = {r for p in net.payments for r in p.records}
        truth = set(laundering) & in_graph
        tp = len(cited & truth)
        res["laundering"] = {
            "payments_in_graph": len(in_graph),
            "laundering_in_graph": len(truth),
            "findings": dict(Counter(f.kind for f in findings)),
            "cited": len(cited),
            "precision": round(tp / len(cited), 3) if cited else None,
            "recall": round(tp / len(truth), 3) if truth else None,
            "recall_by_scheme": {
                s: round(len(cited & {p for p in truth if laundering[p] == s})
                         / max(1, len({p for p in truth if laundering[p] == s})), 3)
                for s in sorted(set(laundering.values()))
            },
        }
        out[mode] = res
    out["times_s"] = timer.times
    return out


# -- speed ------------------------------------------------------------------------------------

def speed(args: argparse.Namespace) -> dict[str, Any]:
    import networkit as nk

    from interlink.network import detect_communities, key_actors, network_from_arrays
    from interlink.network.actors import _betweenness, _pagerank

    n, m = int(1_000_000 * args.scale), int(10_000_000 * args.scale)
    src, dst = planted(n, m)
    timer = Timer()
    with timer("build"):
        net = network_from_arrays(n, src, dst)
        net.to_networkit(weighted=True)
    with timer("build_unweighted_copy"):
        net.to_networkit(weighted=False)
    with timer("pagerank"):
        _pagerank(net)
    with timer("betweenness_auto"):
        auto, method = _betweenness(net, exact_limit=0)
    with timer("leiden"):
        comms = detect_communities(net, describe=False)
    # the whole run as the command line does it, on a fresh network (no cached graphs)
    fresh = network_from_arrays(n, src, dst)
    start = time.perf_counter()
    result = key_actors(fresh, top=20)  # ranks, reasons and the described communities
    found = result.communities
    total = time.perf_counter() - start
    timer.times["key_actors_plus_communities_total"] = round(total, 2)
    overlap = None
    if args.kadabra:  # the other sampler, for comparison
        other = "pivots" if method.startswith("sampled (KADABRA") else "kadabra"
        with timer(f"betweenness_{other}"):
            second, _ = _betweenness(net, exact_limit=0, method=other)
        overlap = len(set(np.argsort(-auto)[:20].tolist())
                      & set(np.argsort(-second)[:20].tolist()))
    return {
        "nodes": n, "edges_requested": m, "edges_simple": int(len(net.pairs[0])),
        "threads": nk.getMaxNumberOfThreads(), "betweenness": method,
        "max_degree": int(np.max(
            np.bincount(net.pairs[0], minlength=n) + np.bincount(net.pairs[1], minlength=n))),
        "communities": len(set(comms.membership.tolist())), "modularity":
            round(comms.modularity, 3), "described_communities": len(found.communities),
        "times_s": timer.times, "target_s": 60, "met": total < 60,
        "top_actor_reason": result.actors[0].reason,
        "top20_betweenness_overlap_kadabra_vs_pivots": overlap,
    }


# -- store ------------------------------------------------------------------------------------

def store_build(args: argparse.Namespace) -> dict[str, Any]:
    from interlink.core.agency import Agency
    from interlink.core.codes import Purpose
    from interlink.core.viewer import Viewer
    from interlink.demo import build_case
    from interlink.network import network_from_store
    from interlink.store import Actor, open_store

    scale = max(1, round(794 * args.scale))
    work = Path(tempfile.mkdtemp(prefix="network-store-"))
    store = open_store(str(work / "s.db"), create=True)
    store.add_agency(Agency(code=POOL, country="xx", names={"en": "benchmark pool"}),
                     Actor("bench"))
    timer = Timer()
    with timer("write_store"):
        written = store.write(pooled_records(build_case(scale=scale, seed=42)),
                              Actor("bench", POOL))
    with timer("graph_build_from_store"):
        net = network_from_store(store, Viewer("bench", POOL, Purpose.DRUG_TRAFFICKING))
    store.close()
    return {"demo_scale": scale, "records": written.written, "graph": net.summary(),
            "times_s": timer.times, "target_s": 60,
            "met": timer.times["graph_build_from_store"] < 60,
            "records_per_s": round(written.written / timer.times["graph_build_from_store"])}


# -- disruption -------------------------------------------------------------------------------

def disrupt(args: argparse.Namespace) -> dict[str, Any]:
    from interlink.network import key_players, network_from_arrays

    n = int(100_000 * args.scale) or 1000
    m = 5 * n
    src, dst = planted(n, m, seed=2, inside=0.95)
    net = network_from_arrays(n, src, dst)
    timer = Timer()
    with timer("key_players_k10"):
        plan = key_players(net, 10)
    return {"nodes": n, "edges": int(len(net.pairs[0])), "times_s": timer.times,
            "target_s": 60, "met": timer.times["key_players_k10"] < 60,
            "largest_before": plan.before.largest, "largest_after": plan.after.largest,
            "pairs_kept": round(plan.after.reachable_pairs / plan.before.reachable_pairs, 4)}


# -- networkx side by side --------------------------------------------------------------------

def networkx_side(args: argparse.Namespace) -> dict[str, Any]:
    import networkit as nk
    import networkx as nx

    from interlink.network import detect_communities, network_from_arrays
    from interlink.network.actors import _betweenness, _pagerank

    n = int(50_000 * args.scale) or 500
    src, dst = planted(n, 5 * n, seed=3)
    net = network_from_arrays(n, src, dst)
    a, b, w = net.pairs
    net.to_networkit(weighted=True)
    net.to_networkit(weighted=False)
    graph = nx.Graph()
    graph.add_nodes_from(range(n))
    graph.add_weighted_edges_from(zip(a.tolist(), b.tolist(), w.tolist(), strict=True))
    rows: dict[str, dict[str, Any]] = {}

    def pair(name: str, ours: Any, theirs: Any) -> tuple[Any, Any]:
        t0 = time.perf_counter()
        x = ours()
        t1 = time.perf_counter()
        y = theirs()
        t2 = time.perf_counter()
        rows[name] = {"networkit_s": round(t1 - t0, 3), "networkx_s": round(t2 - t1, 3),
                      "speedup": round((t2 - t1) / max(t1 - t0, 1e-6), 1)}
        return x, y

    pr, nx_pr = pair("pagerank", lambda: _pagerank(net),
                     lambda: nx.pagerank(graph, alpha=0.85, weight="weight", tol=1e-10))
    rows["pagerank"]["max_abs_diff"] = float(np.abs(pr - [nx_pr[i] for i in range(n)]).max())

    def nk_components() -> list[int]:
        cc = nk.components.ConnectedComponents(net.to_networkit(weighted=False))
        cc.run()
        return sorted(cc.getComponentSizes().values())

    cc, nx_cc = pair("connected_components", nk_components,
                     lambda: sorted(len(c) for c in nx.connected_components(graph)))
    rows["connected_components"]["equal"] = cc == nx_cc
    comms, louvain = pair("communities (Leiden vs NetworkX Louvain)",
                          lambda: detect_communities(net, describe=False),
                          lambda: nx.community.louvain_communities(graph, weight="weight",
                                                                   seed=1))
    row = rows["communities (Leiden vs NetworkX Louvain)"]
    row["modularity_networkit"] = round(comms.modularity, 3)
    row["modularity_networkx"] = round(nx.community.modularity(graph, louvain), 3)
    samples = 500
    bt, nx_bt = pair(f"betweenness (NetworKit vs NetworkX, {samples} pivots each)",
                     lambda: _pivots(net, samples),
                     lambda: nx.betweenness_centrality(graph, k=min(samples, n), seed=1))
    top_ours = set(np.argsort(-bt)[:100].tolist())
    top_theirs = set(sorted(nx_bt, key=lambda v: -nx_bt[v])[:100])
    rows[f"betweenness (NetworKit vs NetworkX, {samples} pivots each)"]["top100_overlap"] = len(
        top_ours & top_theirs)
    small_n = min(2000, n)
    s_src, s_dst = planted(small_n, 5 * small_n, seed=4)
    small = network_from_arrays(small_n, s_src, s_dst)
    sa, sb, _ = small.pairs
    small_graph = nx.Graph()
    small_graph.add_nodes_from(range(small_n))
    small_graph.add_edges_from(zip(sa.tolist(), sb.tolist(), strict=True))
    ex, nx_ex = pair(f"exact betweenness ({small_n} nodes)",
                     lambda: _betweenness(small, exact_limit=10**9)[0],
                     lambda: nx.betweenness_centrality(small_graph, normalized=True))
    rows[f"exact betweenness ({small_n} nodes)"]["max_abs_diff"] = float(
        np.abs(ex - [nx_ex[i] for i in range(small_n)]).max())
    return {"nodes": n, "edges": int(len(a)), "rows": rows}


def _pivots(net: Any, samples: int) -> np.ndarray:
    import networkit as nk

    algo = nk.centrality.EstimateBetweenness(net.to_networkit(weighted=False), samples, True,
                                             True)
    algo.run()
    return np.asarray(algo.scores())


RUNNERS = {"quality": quality, "speed": speed, "store": store_build, "disrupt": disrupt,
           "networkx": networkx_side}


# -- report -----------------------------------------------------------------------------------

def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (f"{os.cpu_count()} vCPU {cpu}, {mem:.0f} GiB RAM, Python "
            f"{platform.python_version()}, {platform.system()} {platform.release()}")


def markdown(results: dict[str, Any], command: str) -> str:
    import networkit as nk

    lines = [
        "## Network analysis (`benchmarks/network.py`)",
        "",
        f"- Date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- Machine: {machine()}; NetworKit {nk.__version__}",
        f"- Command: `{command}`",
        "",
    ]
    for name, res in results.items():
        lines += [f"### {name}", "", "```json", json.dumps(res, indent=2, ensure_ascii=False),
                  "```", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0,
                        help="Size of the synthetic graphs and the store (1.0 = full).")
    parser.add_argument("--demo-scale", type=int, default=10,
                        help="Demo groups for the quality section (6 cells each).")
    parser.add_argument("--sections", default=",".join(SECTIONS))
    parser.add_argument("--periods", default="",
                        help="quality: rank key actors per period of the records' dates "
                             "(month, quarter, half, year)")
    parser.add_argument("--results", type=Path, default=None,
                        help="Write the figures as Markdown here.")
    parser.add_argument("--kadabra", action="store_true",
                        help="Also time the other betweenness sampler (KADABRA or pivots).")
    parser.add_argument("--section", default=None, help=argparse.SUPPRESS)  # child process
    args = parser.parse_args()
    if args.section:
        res = RUNNERS[args.section](args)
        res["peak_rss_mib"] = peak_mib()
        print(json.dumps(res))
        return
    results: dict[str, Any] = {}
    for section in args.sections.split(","):
        if section not in RUNNERS:
            sys.exit(f"unknown section {section!r} (use {', '.join(SECTIONS)})")
        cmd = [sys.executable, __file__, "--section", section, "--scale", str(args.scale),
               "--demo-scale", str(args.demo_scale), "--periods", args.periods,
               *(["--kadabra"] if args.kadabra else [])]
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.exit(f"section {section} failed:\n{proc.stderr}")
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        res["section_wall_s"] = round(time.perf_counter() - start, 1)
        results[section] = res
        print(f"== {section}\n{json.dumps(res, indent=2, ensure_ascii=False)}", flush=True)
    if args.results:
        command = "python " + " ".join([f"benchmarks/{Path(__file__).name}", *sys.argv[1:]])
        args.results.write_text(markdown(results, command), encoding="utf-8")


if __name__ == "__main__":
    main()
