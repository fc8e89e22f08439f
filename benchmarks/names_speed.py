"""CPU per query of `Screener.match` on the names benchmark's data (issue 13 speed target).

    python benchmarks/names_speed.py --size 100000 --seed 7 [--repeat 3] [--profile N]

The list and queries are `names_data.generate`'s (names only, all kinds, the unlisted too).
After 300 warm-up queries (the lazily built counts of the list), every query is screened
`--repeat` times; each pass is timed in CPU time of this process (`time.process_time`), so
that the figure depends less on the other processes of a shared machine, and the best and the
median pass are printed with the load average. Retrieval alone (`Watchlist.candidates`) is
timed the same way. `--profile N` prints cProfile's N most expensive functions for one pass.
`--dump FILE` writes every query's candidates and alerts (entry, score), one JSON line per
query, before timing: two versions' files compared byte for byte (`cmp`) show that a speed
change left every answer as it was (a run with `--dump` is for that check, not for the figures:
the dump warms every query's weights before the timed passes).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from names_bench import timed_watchlist  # noqa: E402
from names_data import generate  # noqa: E402

from interlink.names.parse import parse_name  # noqa: E402
from interlink.screen import Entry, Screener  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--per-kind", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0)
    parser.add_argument("--dump", type=Path, default=None)
    args = parser.parse_args()

    data = generate(args.size, args.per_kind, seed=args.seed)
    entries = [Entry(id=r["id"], names=[r["name"]]) for r in data.watchlist]
    wl, build = timed_watchlist(entries, time.process_time)
    screener = Screener(wl)
    queries = [Entry(id=q["id"], names=[q["name"]]) for q in data.queries]
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for q in queries:
                found = wl.candidates([parse_name(n) for n in q.names])
                alerts = [(a.watchlist_id, a.score) for a in screener.match(q)]
                out.write(json.dumps([q.id, found, alerts]) + "\n")
    for q in queries[:300]:
        screener.match(q)
    load = os.getloadavg()[0]

    passes = []
    alerts = 0
    for _ in range(args.repeat):
        c = time.process_time()
        alerts = sum(len(screener.match(q)) for q in queries)
        passes.append(time.process_time() - c)
    parsed = [[parse_name(n) for n in q.names] for q in queries]
    retrieval = []
    for _ in range(args.repeat):
        c = time.process_time()
        for names in parsed:
            wl.candidates(names)
        retrieval.append(time.process_time() - c)
    n = len(queries)
    print(f"machine {platform.machine()}, Python {platform.python_version()}; load average "
          f"{load:.1f} before, {os.getloadavg()[0]:.1f} after")
    print(f"list {len(wl):,} names (seed {args.seed}), index build {build:.1f} s CPU; "
          f"{n:,} queries x {args.repeat} passes, {alerts:,} alerts a pass")
    best, median = n / min(passes), n / statistics.median(passes)
    print(f"Screener.match: best {best:,.0f}, median {median:,.0f}"
          f" queries per CPU-second ({1e6 * min(passes) / n:,.0f} us CPU a query at best)")
    print(f"Watchlist.candidates alone: best {1e6 * min(retrieval) / n:,.0f} us CPU a query")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for q in queries:
            screener.match(q)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(args.profile)


if __name__ == "__main__":
    main()
