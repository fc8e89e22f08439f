"""Screening benchmark: quality per kind of name difference, false alerts, throughput, and
nomenklatura's logic-v2 matcher (what yente uses) side by side on the same candidates.

    python benchmarks/screening.py --scale small     # seconds
    python benchmarks/screening.py --scale full      # minutes: 100k quality list, 1M speed

Data comes from benchmarks/screening_data.py (deterministic for --seed). Throughput is
measured in this one process, i.e. on one core.
"""

from __future__ import annotations

import argparse
import gc
import platform
import sys
import time
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from screening_data import KINDS, generate  # noqa: E402

from interlink.names.compare import align_score  # noqa: E402
from interlink.names.parse import parse_name  # noqa: E402
from interlink.screen import Entry, Screener, Watchlist  # noqa: E402
from interlink.screen.scoring import combine  # noqa: E402

SCALES = {
    # quality list size, queries per kind, speed list sizes, speed queries, nomenklatura sample
    "small": (5_000, 200, [20_000], 1_000, 60),
    "medium": (100_000, 1_000, [100_000], 5_000, 150),
    "full": (100_000, 2_000, [100_000, 1_000_000], 10_000, 300),
}
THRESHOLDS = (0.7, 0.75, 0.8, 0.85, 0.9)


def entries_of(rows: list[dict[str, str]]) -> list[Entry]:
    return [
        Entry.create(
            id=r["id"], name=r["name"], birth_date=r.get("birth_date") or None,
            gender=r.get("gender") or None,
        )
        for r in rows
    ]  # fmt: skip


def query_entry(q: dict[str, str], facts: bool) -> Entry:
    if facts:
        return Entry.create(q["id"], q["name"], birth_date=q["birth_date"], gender=q["gender"])
    return Entry.create(q["id"], q["name"])


def quality(
    screener: Screener, queries: list[dict[str, str]], facts: bool
) -> tuple[dict[str, dict[float, float]], float]:
    """Per kind and threshold: recall (listed kinds) or false-alert rate (unlisted)."""
    results: dict[str, list[tuple[float, float]]] = defaultdict(list)
    start = time.perf_counter()
    for q in queries:
        alerts = screener.match(query_entry(q, facts))
        expected = next((a.score for a in alerts if a.watchlist_id == q["expected"]), 0.0)
        top = max((a.score for a in alerts), default=0.0)
        results[q["kind"]].append((expected, top))
    elapsed = time.perf_counter() - start
    table: dict[str, dict[float, float]] = {}
    for kind, rows in results.items():
        table[kind] = {}
        for t in THRESHOLDS:
            if kind == "unlisted":
                table[kind][t] = sum(1 for _, top in rows if top >= t) / len(rows)
            else:
                table[kind][t] = sum(1 for exp, _ in rows if exp >= t) / len(rows)
    return table, len(queries) / elapsed


def print_quality(title: str, table: dict[str, dict[float, float]], out: list[str]) -> None:
    out.append(f"\n### {title}\n")
    out.append("| kind | " + " | ".join(f"t={t}" for t in THRESHOLDS) + " |")
    out.append("|---|" + "---|" * len(THRESHOLDS))
    for kind in KINDS:
        if kind not in table:
            continue
        label = f"{kind} (false-alert rate)" if kind == "unlisted" else f"{kind} (recall)"
        out.append(
            f"| {label} | " + " | ".join(f"{table[kind][t]:.3f}" for t in THRESHOLDS) + " |"
        )


def speed(size: int, n_queries: int, seed: int, out: list[str]) -> None:
    t0 = time.perf_counter()
    data = generate(size, max(1, n_queries // len(KINDS)) + 1, seed=seed + size)
    entries = entries_of(data.watchlist)
    del data.watchlist
    gen = time.perf_counter() - t0
    gc.collect()
    gc.disable()  # the index is built once; the cyclic collector only costs time here
    t1 = time.perf_counter()
    wl = Watchlist(entries)
    build = time.perf_counter() - t1
    gc.enable()
    screener = Screener(wl)
    queries = [query_entry(q, True) for q in data.queries][:n_queries]
    for q in queries[:200]:  # warm the caches the way a running server would be
        screener.match(q)
    t2 = time.perf_counter()
    alerts = 0
    for q in queries:
        alerts += len(screener.match(q))
    elapsed = time.perf_counter() - t2
    stats = wl.stats()
    out.append(
        f"| {size:,} | {build:.1f} s | {len(queries) / elapsed:,.0f} | {stats['keys']:,} | "
        f"{stats['postings']:,} | {gen:.0f} s |"
    )
    print(out[-1], flush=True)


def nomenklatura_side_by_side(
    wl: Watchlist, queries: list[dict[str, str]], per_kind: int, threshold: float, out: list[str]
) -> None:
    """Both matchers score the same (query, candidate) pairs: the candidates our index
    retrieves. Quality at each matcher's own threshold (ours: the default; logic-v2: 0.7,
    yente's default), and pairs scored per second."""
    try:
        from followthemoney import model
        from nomenklatura.matching import get_algorithm
        from nomenklatura.matching.types import ScoringConfig
    except ImportError:
        out.append("\nnomenklatura is not installed: side-by-side comparison skipped.")
        return
    algo = get_algorithm("logic-v2")
    assert algo is not None
    config = ScoringConfig.defaults()
    sample: list[dict[str, str]] = []
    counts: dict[str, int] = defaultdict(int)
    for q in queries:
        if counts[q["kind"]] < per_kind:
            counts[q["kind"]] += 1
            sample.append(q)
    pairs: list[tuple[dict[str, str], Entry, int]] = []
    for q in sample:
        entry = query_entry(q, True)
        names = [parse_name(n) for n in entry.names]
        for idx in wl.candidates(names, entry.id_numbers):
            pairs.append((q, entry, idx))

    def proxy(id_: str, name: str, birth: list[str], gender: str | None):
        p = model.make_entity("Person")
        p.id = id_
        p.add("name", name)
        for b in birth:
            p.add("birthDate", b)
        if gender:
            p.add("gender", gender)
        return p

    q_proxies = {}
    e_proxies = {}
    for q, entry, idx in pairs:
        if q["id"] not in q_proxies:
            q_proxies[q["id"]] = proxy(q["id"], q["name"], entry.birth_dates, entry.gender)
        if idx not in e_proxies:
            e = wl.entries[idx]
            e_proxies[idx] = proxy(e.id, e.names[0], e.birth_dates, e.gender)

    ours: dict[tuple[str, int], float] = {}
    t0 = time.perf_counter()
    for q, entry, idx in pairs:
        qp = [parse_name(n) for n in entry.names]
        best = max(align_score(a, b, wl.weight)[0] for a in qp for b in wl.parsed[idx])
        ours[(q["id"], idx)] = combine(best, entry, wl.entries[idx]).score
    ours_rate = len(pairs) / (time.perf_counter() - t0)
    theirs: dict[tuple[str, int], float] = {}
    t1 = time.perf_counter()
    for q, _, idx in pairs:
        theirs[(q["id"], idx)] = algo.compare(q_proxies[q["id"]], e_proxies[idx], config).score
    theirs_rate = len(pairs) / (time.perf_counter() - t1)

    def table(scores: dict[tuple[str, int], float], t: float) -> dict[str, float]:
        per: dict[str, list[bool]] = defaultdict(list)
        by_query: dict[str, list[tuple[int, float]]] = defaultdict(list)
        for (qid, idx), s in scores.items():
            by_query[qid].append((idx, s))
        for q in sample:
            hits = by_query.get(q["id"], [])
            if q["kind"] == "unlisted":
                per[q["kind"]].append(any(s >= t for _, s in hits))
            else:
                per[q["kind"]].append(
                    any(wl.entries[i].id == q["expected"] and s >= t for i, s in hits)
                )
        return {k: sum(v) / len(v) for k, v in per.items()}

    a = table(ours, threshold)
    b = table(theirs, 0.7)
    out.append(
        f"\n### Side by side with nomenklatura logic-v2 ({len(sample)} queries, "
        f"{len(pairs):,} query-candidate pairs from our index)\n"
    )
    out.append(f"| kind | interlink (t={threshold}) | logic-v2 (t=0.7) |")
    out.append("|---|---|---|")
    for kind in KINDS:
        if kind in a:
            label = "false-alert rate" if kind == "unlisted" else "recall"
            out.append(f"| {kind} ({label}) | {a[kind]:.3f} | {b[kind]:.3f} |")
    out.append(f"| pairs scored per second | {ours_rate:,.0f} | {theirs_rate:,.0f} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument("--size", type=int, help="quality watchlist size (overrides --scale)")
    parser.add_argument("--per-kind", type=int, help="queries per kind (overrides --scale)")
    parser.add_argument("--speed-sizes", help="comma-separated list sizes for throughput")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threshold", type=float, default=None)
    parser.add_argument("--no-nomenklatura", action="store_true")
    parser.add_argument("--output", type=Path, help="also write the report (markdown) here")
    args = parser.parse_args()
    size, per_kind, speed_sizes, speed_queries, nk_sample = SCALES[args.scale]
    size = args.size or size
    per_kind = args.per_kind or per_kind
    if args.speed_sizes:
        speed_sizes = [int(s) for s in args.speed_sizes.split(",") if s]
    from interlink.screen.screener import DEFAULT_THRESHOLD

    threshold = args.threshold if args.threshold is not None else DEFAULT_THRESHOLD

    out: list[str] = []
    out.append("## Screening benchmark\n")
    out.append(
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}; machine: "
        f"{platform.processor() or platform.machine()}, {_cores()} cores, "
        f"Python {platform.python_version()}; one process (one core)"
    )
    out.append(f"- command: `python {' '.join(sys.argv)}`")
    out.append(
        f"- quality list: {size:,} persons (20% in Arabic script), {per_kind:,} queries per "
        f"kind, seed {args.seed}; default threshold {threshold}"
    )
    print("\n".join(out), flush=True)

    t0 = time.perf_counter()
    data = generate(size, per_kind, seed=args.seed)
    wl = Watchlist(entries_of(data.watchlist))
    build = time.perf_counter() - t0
    low = Screener(wl, threshold=min(THRESHOLDS))
    with_facts, qps = quality(low, data.queries, facts=True)
    names_only, _ = quality(low, data.queries, facts=False)
    print_quality(
        "Recall and false alerts, queries with birth date and gender (as on a manifest)",
        with_facts, out,
    )  # fmt: skip
    print_quality("Names only (no birth date, no gender)", names_only, out)
    out.append(f"\n(generation and index build of the quality list: {build:.1f} s)")
    print("\n".join(out[-20:]), flush=True)

    out.append("\n### Throughput (default threshold, queries with birth date and gender)\n")
    out.append("| watchlist | index build | queries/s (1 core) | keys | postings | data gen |")
    out.append("|---|---|---|---|---|---|")
    for n in speed_sizes:
        speed(n, speed_queries, args.seed, out)

    if not args.no_nomenklatura:
        nomenklatura_side_by_side(wl, data.queries, nk_sample, threshold, out)
    report = "\n".join(out)
    print(report)
    if args.output:
        args.output.write_text(report + "\n", encoding="utf-8")


def _cores() -> int:
    import os

    return os.cpu_count() or 1


if __name__ == "__main__":
    main()
