"""Does a listed record find itself? Screen a sample of a list's own records against the list.

    python benchmarks/screening_self.py --scale 4000 --sample 1000 [--names-only]
    python benchmarks/screening_self.py --scale 1000 --sample 2000 --cli

With `--cli` the same is done through `interlink screen` as a user runs it: the list written as
one FtM JSON-lines file, the sampled people as a CSV of queries (id, name, birth date,
nationality, gender; no document number), HITS.csv read back.

The list is every screened record of the demo case grown `--scale`-fold (`interlink demo`):
about 170 people per group, drawn from the demo's finite name pools, so a large scale holds
hundreds of exact namesakes of a common name, each with its own birth date. A record screened
against its own list must alert on its own entry whatever the number of namesakes; before the
birth date took part in retrieval, the cut-off of 20 candidates could leave it out (issue 13).

Reported: how many of the sampled records find their own entry at the default threshold, how
many alerts a query raises, the CPU per query of `Screener.match` (one process, one core) and
the index build. With `--names-only` the queries carry only their names (and the birth date,
gender and nationality, but no document number): a document number finds its entry whatever
the name, which would hide a retrieval miss.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from interlink.demo import build_case
from interlink.screen import Entry, Screener, Watchlist
from interlink.screen.loaders import entries_from_ftm


def list_entries(scale: int, seed: int, keep: list[dict] | None = None) -> list[Entry]:
    """The demo case's screened records (people, companies, vessels) as watchlist entries;
    their FtM dicts are appended to `keep` when given (the file the CLI reads)."""
    case = build_case(scale=scale, seed=seed)
    dicts = (r.to_dict() for r in case.iter_records())
    if keep is not None:
        dicts = (keep.append(d) or d for d in dicts)  # type: ignore[func-returns-value]
    return entries_from_ftm(dicts)


def run_cli(entries: list[Entry], dicts: list[dict], sample: list[Entry]) -> None:
    """Screen the sample through `interlink screen` and count who finds their own entry."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        listed = folder / "list.jsonl"
        with listed.open("w", encoding="utf-8") as out:
            for d in dicts:
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
        queries = folder / "queries.csv"
        with queries.open("w", encoding="utf-8", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(["id", "name", "birth_date", "nationality", "gender"])
            for e in sample:
                writer.writerow([e.id, e.names[0], ";".join(e.birth_dates),
                                 ";".join(e.nationalities), e.gender or ""])  # fmt: skip
        hits = folder / "hits.csv"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "interlink", "screen", "--watchlist", str(listed),
             "--input", str(queries), "--output", str(hits)],
            check=True, env={**os.environ, "INTERLINK_STORE": f"sqlite:///{folder}/s.db"},
        )  # fmt: skip
        wall = time.perf_counter() - t
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        with hits.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
    found = {r["query_id"] for r in rows if r["query_id"] == r["watchlist_id"]}
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    print(f"interlink screen: {len(sample):,} queries against {len(entries):,} entries: "
          f"{len(found):,} found their own entry; {len(rows):,} alerts; "
          f"{wall:.1f} s wall, {cpu:.1f} s CPU (list load, index build and screening)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=100)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--sample", type=int, default=1000)
    parser.add_argument(
        "--names-only", action="store_true", help="queries without document numbers"
    )
    parser.add_argument("--cli", action="store_true", help="through `interlink screen`")
    args = parser.parse_args()

    t0, c0 = time.perf_counter(), time.process_time()
    dicts: list[dict] | None = [] if args.cli else None
    entries = list_entries(args.scale, args.seed, dicts)
    people = [e for e in entries if e.kind == "person"]
    if args.cli:
        assert dicts is not None
        sample = random.Random(args.seed).sample(people, min(args.sample, len(people)))
        print(f"machine {platform.machine()}, Python {platform.python_version()}, "
              f"load {os.getloadavg()[0]:.1f}; demo scale {args.scale} seed {args.seed}")
        run_cli(entries, dicts, sample)
        return
    t1, c1 = time.perf_counter(), time.process_time()
    watchlist = Watchlist(entries, name="self")
    t2, c2 = time.perf_counter(), time.process_time()
    namesakes = Counter(e.names[0] for e in people)
    rng = random.Random(args.seed)
    sample = rng.sample(people, min(args.sample, len(people)))
    queries = [
        Entry(
            id=e.id, names=list(e.names), birth_dates=list(e.birth_dates),
            nationalities=list(e.nationalities), gender=e.gender,
            id_numbers=[] if args.names_only else list(e.id_numbers),
        )
        for e in sample
    ]  # fmt: skip
    screener = Screener(watchlist)
    found = 0
    alerts = 0
    missed: list[str] = []
    c3 = time.process_time()
    t3 = time.perf_counter()
    for query in queries:
        hits = screener.match(query)
        alerts += len(hits)
        if any(a.watchlist_id == query.id for a in hits):
            found += 1
        else:
            missed.append(f"{query.names[0]} ({namesakes[query.names[0]]} namesakes)")
    cpu = time.process_time() - c3
    wall = time.perf_counter() - t3
    load = os.getloadavg()
    print(f"machine {platform.machine()}, Python {platform.python_version()}, "
          f"load {load[0]:.1f} / {load[1]:.1f}")
    print(f"demo scale {args.scale} seed {args.seed}: {len(entries):,} entries "
          f"({len(people):,} people), generated in {t1 - t0:.1f} s ({c1 - c0:.1f} s CPU)")
    print(f"index build: {t2 - t1:.1f} s wall, {c2 - c1:.1f} s CPU")
    top = namesakes.most_common(1)[0] if namesakes else ("", 0)
    print(f"most namesakes: {top[1]} ({top[0]}); people sharing their exact name with 20 or "
          f"more others: {sum(n for n in namesakes.values() if n > 20):,}")
    kind = "names, birth date, gender, nationality" + ("" if args.names_only else ", documents")
    print(f"queries ({kind}): {len(queries):,}; found their own entry: {found:,} "
          f"of {len(queries):,}; alerts {alerts:,} ({alerts / len(queries):.1f} per query)")
    print(f"Screener.match: {len(queries) / cpu:,.0f} queries per CPU-second "
          f"({len(queries) / wall:,.0f}/s wall)")
    for line in missed[:10]:
        print("  missed:", line)


if __name__ == "__main__":
    sys.exit(main())
