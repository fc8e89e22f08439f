"""Key actors + communities whatever the graph's shape: preferential attachment, random, planted
communities.

For each shape, a graph of `--nodes` nodes and about `--edges` distinct edges is generated
(outside the timing), then `key_actors(net, top=20)` runs on a fresh network as the command line
runs it: build of the simple graph, PageRank, betweenness (source pivots within the time
budget), k-core, Leiden, roles, the reasons of the top 20 and the description of every
community. Targets (issue 14): 30 s at 200,000 nodes / 1,000,000 edges, 60 s at 1,000,000 /
10,000,000, on each shape. Each shape runs in its own process (its own peak memory).

    .venv/bin/python benchmarks/network_shapes.py --nodes 200000 --edges 1000000
    .venv/bin/python benchmarks/network_shapes.py --nodes 1000000 --edges 10000000 --target 60

Generating ten million edges takes minutes (the preferential-attachment generator most of
them): `--cache DIR` keeps each generated graph as `DIR/SHAPE-NODES-EDGES.npz` (numpy arrays)
and loads it on the next run; `--generate-only` fills the cache and runs nothing else.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

SHAPES = ("preferential", "random", "planted")


def preferential(n: int, m: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Barabási-Albert (NetworKit's generator): each new node ties to m/n earlier nodes chosen
    in proportion to their degree; hubs of tens of thousands of ties."""
    import networkit as nk

    nk.setSeed(seed, False)
    graph = nk.generators.BarabasiAlbertGenerator(max(1, round(m / n)), n).generate()
    coo = nk.algebraic.adjacencyMatrix(graph, matrixType="sparse").tocoo()
    keep = coo.row < coo.col
    return coo.row[keep].astype(np.int64), coo.col[keep].astype(np.int64)


def random_graph(n: int, m: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Erdős–Rényi G(n, m): m distinct pairs drawn uniformly; no hubs, no communities."""
    rng = np.random.default_rng(seed)
    rows = int(m * 1.05) + 100
    a = rng.integers(0, n, rows)
    b = rng.integers(0, n, rows)
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    key = np.unique(lo[lo != hi] * np.int64(n) + hi[lo != hi])
    rng.shuffle(key)
    key = key[:m]
    return key // n, key % n


def planted(n: int, m: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """Planted communities of 50 with heavy-tailed degrees (`benchmarks/network.py`)."""
    sys.path.insert(0, str(Path(__file__).parent))
    from network import planted as make

    return make(n, m, seed=seed)


GENERATORS = {"preferential": preferential, "random": random_graph, "planted": planted}


def cached_graph(shape: str, n: int, m: int, cache: Path | None) -> tuple[np.ndarray, np.ndarray]:
    """The shape's edge arrays, from `cache` when generated before (same nodes and edges),
    else generated and, with a cache, saved there (int32 when the node ids fit: half the
    disk and the load time)."""
    path = cache / f"{shape}-{n}-{m}.npz" if cache is not None else None
    if path is not None and path.exists():
        with np.load(path) as saved:
            return saved["src"].astype(np.int64), saved["dst"].astype(np.int64)
    src, dst = GENERATORS[shape](n, m)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        small = np.int32 if n < 2**31 else np.int64
        partial = path.with_suffix(".part.npz")
        np.savez(partial, src=src.astype(small), dst=dst.astype(small))
        partial.replace(path)  # whole or absent: an interrupted save is not loaded later
    return np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)


def run_shape(shape: str, n: int, m: int, cache: Path | None = None,
              periods: int = 0) -> dict[str, Any]:
    t0 = time.perf_counter()
    importlib.import_module("interlink.network.engine")  # first: NetworKit's OpenMP policy
    import networkit as nk  # imported before the timing (2-7 s: it imports scikit-learn)

    from interlink.network import key_actors, network_from_arrays

    imported = time.perf_counter() - t0
    t0 = time.perf_counter()
    src, dst = cached_graph(shape, n, m, cache)
    generated = time.perf_counter() - t0
    net = network_from_arrays(n, src, dst)
    if periods:  # each edge in one period, drawn at random: key actors ranked per period
        net.period = np.random.default_rng(7).integers(0, periods, len(src)).astype(np.int32)
        net.periods = [f"P{p:02d}" for p in range(periods)]
    start = time.perf_counter()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    stages: dict[str, tuple[float, float]] = {}
    result = key_actors(net, top=20, timings=stages)
    total = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_SELF)
    # CPU seconds of this process (both threads): on a machine shared with other sessions the
    # wall time says more about the others than about us
    cpu_s = (after.ru_utime - cpu.ru_utime) + (after.ru_stime - cpu.ru_stime)
    degree = np.bincount(net.pairs[0], minlength=n) + np.bincount(net.pairs[1], minlength=n)
    return {
        "shape": shape, "nodes": n, "edges": int(len(net.pairs[0])), "periods": periods,
        "max_degree": int(degree.max()), "threads": nk.getMaxNumberOfThreads(),
        "import_networkit_s": round(imported, 1), "generate_s": round(generated, 1),
        "key_actors_plus_communities_s": round(total, 1), "cpu_s": round(cpu_s, 1),
        "stages_wall_cpu_s": stages,
        "betweenness": result.betweenness_method,
        "communities": len(result.communities.communities),
        "modularity": round(result.communities.modularity, 3),
        "top5": [(a.id, a.role) for a in result.actors[:5]],
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=200_000)
    parser.add_argument("--edges", type=int, default=1_000_000)
    parser.add_argument("--shapes", default=",".join(SHAPES))
    parser.add_argument("--target", type=float, default=30.0)
    parser.add_argument("--cache", type=Path, default=None,
                        help="folder to keep generated graphs in (.npz) and load them from")
    parser.add_argument("--generate-only", action="store_true",
                        help="generate (and cache) the graphs, time nothing")
    parser.add_argument("--periods", type=int, default=0,
                        help="give each edge one of N periods at random (ranked per period)")
    parser.add_argument("--shape", default=None, help=argparse.SUPPRESS)  # child process
    args = parser.parse_args()
    if args.generate_only:
        for shape in args.shapes.split(","):
            t0 = time.perf_counter()
            src, _ = cached_graph(shape, args.nodes, args.edges, args.cache)
            print(json.dumps({"shape": shape, "nodes": args.nodes, "edges": len(src),
                              "seconds": round(time.perf_counter() - t0, 1)}), flush=True)
        return
    if args.shape:
        print(json.dumps(run_shape(args.shape, args.nodes, args.edges, args.cache,
                                   args.periods)))
        return
    for shape in args.shapes.split(","):
        load = os.getloadavg()
        cmd = [sys.executable, __file__, "--shape", shape, "--nodes", str(args.nodes),
               "--edges", str(args.edges), "--periods", str(args.periods)]
        if args.cache is not None:
            cmd += ["--cache", str(args.cache)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            sys.exit(f"{shape} failed:\n{proc.stderr}")
        res = json.loads(proc.stdout.strip().splitlines()[-1])
        res["load_before"] = [round(x, 2) for x in load]
        res["load_after"] = [round(x, 2) for x in os.getloadavg()]
        res["met"] = res["key_actors_plus_communities_s"] <= args.target
        print(json.dumps(res), flush=True)


if __name__ == "__main__":
    main()
